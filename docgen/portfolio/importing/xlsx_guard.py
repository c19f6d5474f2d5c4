"""A workbook checked before openpyxl opens it: compression bombs and oversized XML tokens.

An .xlsx file is a zip of XML parts. Two hostile shapes make ``docgen import`` hang:

- a part that inflates to gigabytes (a few hundred KB on disk): refused from the sizes in the
  zip's directory (zipfile never inflates a member beyond its declared size);
- a single huge XML token (a comment, a CDATA section or a start tag of many MB): the expat
  parser under openpyxl (2.5 here) re-scans an unfinished token from its start on every buffer
  it is fed, so its cost grows with the square of the token's size (a 10 MB comment takes
  9 seconds, 40 MB three minutes). A real export never has a token near 1 MB (a cell holds at
  most 32,767 characters), so each part is streamed once here, in C-speed searches, and a
  token or text run longer than that is refused.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .report import ImportError_

# A sheet of 100,000 rows of about twenty columns is some 100 MB of XML.
MAX_PART_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_PARTS = 10_000
MAX_TOKEN_BYTES = 1024 * 1024
_CHUNK = 1024 * 1024

# The tokens that may hold '<' inside them, and how each ends; anywhere else, a start tag or a
# text run ends before the next '<', so the distance between two '<' bounds both.
_OPENERS = re.compile(rb"<!--|<!\[CDATA\[|<\?")
_CLOSERS = {b"<!--": b"-->", b"<![CDATA[": b"]]>", b"<?": b"?>"}
_KEEP = len(b"<![CDATA[") - 1          # bytes held back so that no marker is cut between two chunks


def check_workbook(path: Path) -> None:
    """ImportError_ naming the problem when ``path`` could make openpyxl hang; else nothing."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            _check_sizes(path, parts)
            for part in parts:
                if part.filename.lower().endswith((".xml", ".rels", ".vml")):
                    with archive.open(part) as stream:
                        if _longest_token(stream) > MAX_TOKEN_BYTES:
                            raise ImportError_(f"{path}: the part {part.filename[:80]!r} of the workbook holds an XML "
                                               f"element or comment of more than {MAX_TOKEN_BYTES // 1024} KB: refused "
                                               "as a possible attack on the XML reader; export the sheet as CSV")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        # not a zip, a damaged member (CRC), an encrypted or unknown compression method ...
        raise ImportError_(f"{path} is not a readable .xlsx workbook ({type(exc).__name__})") from None


def _check_sizes(path: Path, parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_PARTS:
        raise ImportError_(f"{path}: the workbook holds {len(parts)} parts; it is not a spreadsheet export")
    big = max(parts, key=lambda p: p.file_size, default=None)
    total = sum(p.file_size for p in parts)
    if big is not None and big.file_size > MAX_PART_BYTES:
        raise ImportError_(f"{path}: the part {big.filename[:80]!r} of the workbook inflates to "
                           f"{big.file_size // (1024 * 1024)} MB (limit {MAX_PART_BYTES // (1024 * 1024)} MB): "
                           "refused as a possible compression bomb; export the sheet as CSV")
    if total > MAX_TOTAL_BYTES:
        raise ImportError_(f"{path}: the workbook inflates to {total // (1024 * 1024)} MB (limit "
                           f"{MAX_TOTAL_BYTES // (1024 * 1024)} MB): refused as a possible compression bomb")


def _longest_token(stream) -> int:  # noqa: ANN001 - a binary file object
    """The length of the longest markup token or text run of an XML stream (at least, once it
    passes MAX_TOKEN_BYTES the scan stops and returns what it has)."""
    closer: bytes | None = None      # inside a comment, CDATA section or processing instruction
    run = longest = 0                # bytes since the current token or run began
    data = b""
    while True:
        chunk = stream.read(_CHUNK)
        data += chunk
        final = not chunk
        limit = len(data) if final else max(0, len(data) - _KEEP)
        pos = 0
        while pos < limit:
            if closer is None:
                found = _OPENERS.search(data, pos, limit + (_KEEP if not final else 0))
                end = found.start() if found and found.start() < limit else limit
                pieces = data[pos:end].split(b"<")
                run += len(pieces[0])
                longest = max(longest, run, *(len(p) for p in pieces[1:-1])) if len(pieces) > 2 else max(longest, run)
                if len(pieces) > 1:
                    run = len(pieces[-1])
                    longest = max(longest, run)
                pos = end
                if found and found.start() < limit:
                    closer, run, pos = _CLOSERS[found.group()], 0, found.end()
            else:
                at = data.find(closer, pos, len(data) if final else limit + len(closer) - 1)
                end = limit if at < 0 else at
                run += end - pos
                longest = max(longest, run)
                pos = end if at < 0 else at + len(closer)
                if at >= 0:
                    closer, run = None, 0
            if longest > MAX_TOKEN_BYTES:
                return longest
        data = data[pos:]
        if final:
            return longest
