"""Replacing an output folder whole, recoverably, even across a ``kill -9``.

A folder cannot be swapped for another in one atomic step: the old one is renamed aside, then
the new one moved in. A process killed between the two renames would leave no output folder
and the previous (perhaps signed) dossier only under a hidden name. So:

- every hidden name docgen uses next to ``out`` starts with ``.out.docgen-``: the staging
  folder (``.out.docgen-tmp-XXXX``), the previous folder set aside (``.out.docgen-old``) and a
  journal (``.out.docgen-replacing``) that exists exactly while the two renames are under way;
- the next run (``recover``) reads that state back: a journal and no ``out`` means the
  replacement was cut short, and the previous folder is moved back; everything else hidden is
  a leftover (full of debtor data) and is removed;
- all of this happens under an exclusive lock on the parent folder (``flock``, released by the
  kernel when a process dies), so a run never removes the staging folder of another live run.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..atomic import write_text
from ..errors import DocgenError
from ..flock import acquire

_LOCK_WAIT_SECONDS = 60.0
# What the bundle writer puts in a folder: a legacy hidden folder (docgen before the journal)
# is removed only when it holds nothing else, so a user's own hidden folder is never touched.
_BUNDLE_FILE = re.compile(r"^(dossier\.pdf|manifest\.json|Piece_.*\.pdf|Pieces_Volume_.*\.pdf|.*\.zip)$")


def _hidden(target: Path, what: str) -> Path:
    return target.with_name(f".{target.name}.docgen-{what}")


def staging_prefix(target: Path) -> str:
    return f".{target.name}.docgen-tmp-"


@contextlib.contextmanager
def folder_lock(parent: Path, wait: float = _LOCK_WAIT_SECONDS) -> Iterator[None]:
    """An exclusive lock on ``parent`` among docgen runs (no lock file is left behind)."""
    fd = os.open(parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        try:
            state = acquire(fd, wait, 0.2)
        except OSError:
            state = "unsupported"  # a file system without flock (some network mounts): go on unlocked
        if state == "timeout":
            raise DocgenError(f"another docgen run is writing in {parent}; try again when it ends")
        yield
    finally:
        os.close(fd)               # closing releases the lock


def recover(target: Path) -> list[str]:
    """Finish or undo a replacement of ``target`` cut short, and remove the hidden leftovers of
    earlier runs. Call it under :func:`folder_lock`. Returns what was done, in words."""
    notes: list[str] = []
    parent = target.parent
    if not parent.is_dir():
        return notes
    journal, old = _hidden(target, "replacing"), _hidden(target, "old")
    legacy_old = target.with_name(f".{target.name}.old")
    if not target.exists():
        for previous in (old, legacy_old):
            if previous.is_dir() and (journal.exists() or previous == legacy_old):
                os.rename(previous, target)
                notes.append(f"restored the previous {target} (a replacement of it had been interrupted)")
                break
    removed = 0
    for entry in list(parent.iterdir()):
        if entry == journal:
            continue
        if entry.name.startswith(f".{target.name}.docgen-") or (entry == legacy_old and target.exists()) \
                or _legacy_staging(target, entry):
            _remove(entry)
            removed += 1
    journal.unlink(missing_ok=True)
    if removed:
        notes.append(f"removed {removed} hidden temporary folder(s) an interrupted run left next to {target}")
    _sync(parent)
    return notes


def _legacy_staging(target: Path, entry: Path) -> bool:
    """A staging folder of docgen before the journal: ``.out.`` + mkdtemp's 8 characters,
    holding only bundle files."""
    if not re.fullmatch(re.escape(f".{target.name}.") + r"[a-z0-9_]{8}", entry.name) or entry.is_symlink() \
            or not entry.is_dir():
        return False
    return all(child.is_file() and _BUNDLE_FILE.match(child.name) for child in entry.iterdir())


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry, ignore_errors=True)
    else:
        entry.unlink(missing_ok=True)


def make_staging(target: Path) -> Path:
    """A new empty staging folder next to ``target``, with the permissions a folder made by
    ``mkdir`` would have (mkdtemp's private 0700 would otherwise become the output's mode)."""
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
    try:
        os.chmod(staging, 0o777 & ~_umask())
    except OSError:
        pass       # file systems without Unix modes
    return staging


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def replace(staging: Path, target: Path) -> None:
    """Move ``staging`` to ``target``, replacing it; recoverable at every step (see module doc)."""
    if not target.exists():
        os.rename(staging, target)
        _sync(target.parent)
        return
    journal, old = _hidden(target, "replacing"), _hidden(target, "old")
    _remove(old)
    write_text(journal, f"{staging.name}\n")      # from here, recover() knows a replacement is under way
    os.rename(target, old)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(old, target)                    # the I/O error is reported; the previous folder stays
        journal.unlink(missing_ok=True)
        raise
    journal.unlink()
    _sync(target.parent)
    _remove(old)


def _sync(folder: Path) -> None:
    """Make the renames durable (a power cut must not bring the previous state back half-way)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
