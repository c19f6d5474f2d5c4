"""Small file helpers shared by the portfolio commands."""
from __future__ import annotations

import os
from pathlib import Path

from ..atomic import write_bytes


def public_mode(path: Path, mode: int | None = None) -> None:
    """``docgen.atomic`` writes through mkstemp, which creates 0600 files; give the file the mode
    an ordinary write would (0666 less the umask), or ``mode`` (an existing file's)."""
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        os.chmod(path, mode)
    except OSError:
        pass


def write_public(path: Path, data: bytes, mode: int | None = None) -> None:
    """Atomic write, then the mode an ordinary write would give."""
    write_bytes(path, data)
    public_mode(path, mode)
