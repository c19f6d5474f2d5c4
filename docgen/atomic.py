"""Atomic file writes: a reader never sees half a file, a crash never leaves one."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def _umask() -> int:
    # Reading the umask means setting it for an instant; docgen writes from one thread per process.
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _mode_for(path: Path) -> int:
    """Keep a replaced file's permissions; give a new one the usual 0666 minus the umask
    (mkstemp's private 0600 would otherwise leak into every file docgen rewrites)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    try:
        mode = _mode_for(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _naming(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(tmp, mode)
        except OSError:
            pass    # some filesystems (FAT, SMB) have no Unix modes: the write itself still counts
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _naming(exc, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _naming(exc: OSError, path: Path) -> OSError:
    """The error with the file the user asked for as its name: a full disk or EFBIG fails in
    write(), which names no file, and mkstemp names only the hidden temporary file."""
    exc.filename, exc.filename2 = str(path), None
    return exc


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
