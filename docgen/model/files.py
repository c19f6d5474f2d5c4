"""Checks on files named by a case (invoices, proofs, exhibits).

A case file comes from outside: a path may try to leave the case folder
(``../../etc/passwd``), be a symlink, or carry a misleading extension. Each is refused
with a message, before anything downstream opens the file.
"""
from __future__ import annotations

import email.parser
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath

from .. import input_files

# extension -> (label, predicate on the first bytes)
_MAGIC = {
    ".pdf": ("a PDF", lambda head: b"%PDF-" in head[:1024]),
    ".jpg": ("a JPEG image", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("a JPEG image", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".png": ("a PNG image", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ".eml": ("an e-mail message", None),
}
ALLOWED_EXTENSIONS = tuple(_MAGIC)
# invoices[].einvoice: the original XML invoice, read by the import, embedded as is by the dossier
_EINVOICE = ("an XML file", lambda head: head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"))
MAX_EXHIBIT_BYTES = 200 * 1024 * 1024


def _looks_like_eml(path: str) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(64 * 1024)
    if b"\x00" in head:
        return False
    # The default (compat32) policy: only the header names are asked, and it reads them several
    # times faster than email.policy.default, which builds a header object per field.
    msg = email.parser.BytesHeaderParser().parsebytes(head)
    return bool(msg.keys()) and any(h in msg for h in ("From", "Date", "Subject", "To"))


# lstat errors that mean "there is no such file" (those pathlib's exists() and is_symlink() ignore)
_ABSENT = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def file_problem(base_dir: Path, relative: str, *, deep: bool = True, einvoice: bool = False) -> str | None:
    """Why ``relative`` is not a usable exhibit file under ``base_dir``, or None. ``deep``: also
    open a PDF or an image as the dossier would (see ``_content_problem``)."""
    return _problem(os.path.realpath(base_dir), relative, deep=deep, einvoice=einvoice)


def files_problems(base_dir: Path, refs: list[tuple[str, str, bool]], *,
                   deep: bool = True) -> Iterator[tuple[str, str]]:
    """``(field, why)`` for each ``(field, relative, einvoice)`` of ``refs`` that is not a usable
    file: :func:`file_problem` for all the files of one case, its folder resolved once."""
    base = os.path.realpath(base_dir)
    for field, relative, einvoice in refs:
        if msg := _problem(base, relative, deep=deep, einvoice=einvoice):
            yield field, msg


def _problem(base: str, relative: str, *, deep: bool, einvoice: bool) -> str | None:
    """:func:`file_problem` under ``base``, a folder already resolved. One lstat per component of
    the path: a large portfolio's agenda checks thousands of files."""
    if "\x00" in relative:
        return "the path contains a NUL character"
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or PureWindowsPath(relative).drive:
        return "use a path relative to the case file's folder, not an absolute path"
    if ".." in pure.parts:
        return "the path leaves the case folder ('..' is not allowed)"
    ext = pure.suffix.lower()
    if einvoice and ext != ".xml":
        return "an e-invoice is an XML file (.xml): UBL or CII"
    if ext not in _MAGIC and not einvoice:
        return f"unsupported file type '{ext or 'none'}' (allowed: {', '.join(ALLOWED_EXTENSIONS)})"
    path, info = base, None
    try:
        # Any symlinked component could point outside the folder, so none is accepted.
        for part in pure.parts:
            path = os.path.join(path, part)
            try:
                info = os.lstat(path)
            except OSError as exc:
                if exc.errno in _ABSENT:
                    return "file not found"
                raise
            if stat.S_ISLNK(info.st_mode):
                return "symbolic links are not accepted; copy the file into the case folder"
        if info is None or not stat.S_ISREG(info.st_mode):
            return "not a regular file"
        if info.st_size > MAX_EXHIBIT_BYTES:
            return f"file larger than {MAX_EXHIBIT_BYTES // (1024 * 1024)} MB"
        label, check = _EINVOICE if einvoice else _MAGIC[ext]
        if check is None:
            ok = _looks_like_eml(path)
        else:
            with open(path, "rb") as fh:
                ok = check(fh.read(1024))
    except PermissionError:
        return "file is not readable"
    except OSError as exc:
        return f"cannot read the file ({exc.strerror})"
    if not ok:
        return f"the content is not {label}, whatever its extension says"
    return _content_problem(Path(path), ext) if deep else None


def _content_problem(path: Path, ext: str) -> str | None:
    """What the dossier build would refuse in the file (damaged, encrypted, looping PDF; image
    bomb), asked of the dossier's reader through ``docgen.input_files`` (pypdf lives in
    docgen.dossier only, and the model never imports it)."""
    if ext not in (".pdf", ".jpg", ".jpeg", ".png"):
        return None
    try:
        reader = input_files.reader()
        return reader.pdf_problem(path) if ext == ".pdf" else reader.image_problem(path)
    except OSError as exc:
        return f"cannot read the file ({exc.strerror or exc})"
    except Exception as exc:  # noqa: BLE001 - a hostile file must never crash validation
        return f"the file cannot be read ({type(exc).__name__})"
