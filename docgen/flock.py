"""Waiting for an exclusive ``flock`` with a deadline: the one loop behind every docgen lock
(a case file being recorded, a bundle folder being replaced).

``flock`` rather than a lock file's existence: the kernel releases it when the process dies,
even by ``kill -9``, so a crashed run never leaves a case locked.
"""
from __future__ import annotations

import errno
import time

_BUSY = (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK)


def acquire(fd: int, timeout: float, poll: float) -> str:
    """Take the exclusive lock of the open descriptor ``fd``, waiting up to ``timeout`` seconds.

    Returns ``"locked"``, ``"timeout"`` (another process still holds it) or ``"unsupported"`` (no
    ``fcntl`` on this system). Raises ``OSError`` for any other failure (a file system without
    flock), which each caller handles its own way."""
    try:
        import fcntl  # noqa: PLC0415 - POSIX only; Windows has no fcntl and gets no lock
    except ImportError:
        return "unsupported"
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return "locked"
        except OSError as exc:
            if exc.errno not in _BUSY:
                raise
            if time.monotonic() >= deadline:
                return "timeout"
            time.sleep(poll)
