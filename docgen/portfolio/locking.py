"""An exclusive lock on a case file while it is read, changed and replaced.

Two ``docgen record`` runs on the same case each read the file, add their event and replace it:
without a lock the second replacement silently drops the first event. The lock is a sidecar
file (``.case.yaml.lock`` beside the real case file) held with ``fcntl.flock``, so that it is
released by the kernel when a process dies, even by ``kill -9``. The sidecar is left in place:
removing it would let a waiting process lock a file that no longer has a name while a third
locks a new one.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import DocgenError
from ..flock import acquire

DEFAULT_TIMEOUT = 30.0          # seconds; another record takes well under one
_POLL = 0.02


def lock_path(case_file: Path) -> Path:
    return case_file.parent / f".{case_file.name}.lock"


@contextmanager
def locked(case_file: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the exclusive lock of ``case_file`` (a real file, not a link) for the block."""
    sidecar = lock_path(case_file)
    try:
        fd = os.open(sidecar, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0),
                     0o666)
    except OSError as exc:
        raise DocgenError(f"cannot lock {case_file} (creating {sidecar.name}: {exc.strerror or exc}); "
                          "nothing was recorded") from None
    try:
        try:
            state = acquire(fd, timeout, _POLL)
        except OSError as exc:
            raise DocgenError(f"cannot lock {case_file}: {exc.strerror or exc}; nothing was recorded") from None
        if state == "timeout":
            raise DocgenError(f"{case_file} is being changed by another docgen command (waited "
                              f"{timeout:g} s for its lock, {sidecar.name}); nothing was recorded: "
                              "run the command again")
        yield
    finally:
        os.close(fd)            # closing the descriptor releases the lock
