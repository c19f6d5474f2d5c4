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
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

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
    return _problem(os.fspath(base_dir), relative, deep=deep, einvoice=einvoice)


def files_problems(base_dir: Path, refs: list[tuple[str, str, bool]], *,
                   deep: bool = True) -> Iterator[tuple[str, str]]:
    """``(field, why)`` for each ``(field, relative, einvoice)`` of ``refs`` that is not a usable
    file: :func:`file_problem` for all the files of one case."""
    base = os.fspath(base_dir)
    for field, relative, einvoice in refs:
        if msg := _problem(base, relative, deep=deep, einvoice=einvoice):
            yield field, msg


# --- one look at each path ------------------------------------------------------------------------

_SEEN: ContextVar[dict[str, os.stat_result | OSError] | None] = ContextVar("docgen_lstat_seen", default=None)


@contextmanager
def one_look() -> Iterator[None]:
    """Within the block, each path is looked at (``lstat``) once: the portfolio index records the
    state of a case's files, then validation checks that very state, with half the system calls."""
    token = _SEEN.set({})
    try:
        yield
    finally:
        _SEEN.reset(token)


def lstat(path: str) -> os.stat_result:
    """``os.lstat(path)``, or what it gave earlier in the same :func:`one_look` block."""
    seen = _SEEN.get()
    if seen is None:
        return os.lstat(path)
    known = seen.get(path)
    if known is None:
        try:
            known = os.lstat(path)
        except OSError as exc:
            known = exc
        seen[path] = known
    if isinstance(known, OSError):
        raise known
    return known


def split_relative(relative: str) -> tuple[list[str], bool]:
    """The components of ``relative`` as ``PurePosixPath`` gives them (``\\`` read as ``/``; empty
    and ``.`` components dropped), and whether it is absolute (as ``PurePosixPath``) or has a
    Windows drive (``C:``); without pathlib, whose objects cost more than the checks."""
    text = relative.replace("\\", "/")
    absolute = text.startswith("/") or (relative[1:2] == ":" and relative[:1].isascii() and relative[:1].isalpha())
    return [part for part in text.split("/") if part and part != "."], absolute


def _suffix(name: str) -> str:
    """``PurePath.suffix`` of a file name."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _problem(base: str, relative: str, *, deep: bool, einvoice: bool) -> str | None:
    """:func:`file_problem` under the folder ``base``. One lstat per component of the path: a
    large portfolio's agenda checks thousands of files."""
    if "\x00" in relative:
        return "the path contains a NUL character"
    parts, absolute = split_relative(relative)
    if absolute:
        return "use a path relative to the case file's folder, not an absolute path"
    if ".." in parts:
        return "the path leaves the case folder ('..' is not allowed)"
    ext = _suffix(parts[-1]).lower() if parts else ""
    if einvoice and ext != ".xml":
        return "an e-invoice is an XML file (.xml): UBL or CII"
    if ext not in _MAGIC and not einvoice:
        return f"unsupported file type '{ext or 'none'}' (allowed: {', '.join(ALLOWED_EXTENSIONS)})"
    path, info = base, None
    try:
        # Any symlinked component could point outside the folder, so none is accepted.
        for part in parts:
            path = os.path.join(path, part)
            try:
                info = lstat(path)
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
        ok = _looks_like_eml(path) if check is None else check(_head(path))
    except PermissionError:
        return "file is not readable"
    except OSError as exc:
        return f"cannot read the file ({exc.strerror})"
    if not ok:
        return f"the content is not {label}, whatever its extension says"
    return _content_problem(Path(path), ext) if deep else None


def _head(path: str, size: int = 1024) -> bytes:
    """The first ``size`` bytes of the file (a plain descriptor: no buffered file object)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        return os.read(fd, size)
    finally:
        os.close(fd)


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
