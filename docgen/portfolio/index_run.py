"""One pass of a portfolio command over its case files, through the index (``index``).

The process that runs the command finds the case files, opens the index and tells, for each
file, whether its row can be trusted without reading it (same size, modification time and mode).
Each case is then validated (from its row, or read and parsed again) and handed to the
command's ``line`` function, which computes the statement for the run's as-of date: in this
process, in forked processes (``scan.parallel_map``) or on a Dask cluster (``agenda_cluster``).
The new rows come back with the lines and are written in one transaction at the end.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from .index import Entry, Index, IndexStats, _drop, _warn, load_indexed
from .scan import find_case_files, parallel_map

# (path, row or None, row trusted without reading, make rows)
Job = tuple[str, Entry | None, bool, bool]


def task(job: Job, *, line: Callable[[Path, Any], Any]) -> tuple[Any, Entry | None, str]:
    """One case, in whichever process runs it: validated, then ``line(path, loaded)`` (``loaded``
    is the exception when even that failed: ``line`` reports it). Never raises."""
    path = Path(job[0])
    try:
        loaded, entry, how = load_indexed(path, job[1], job[2], build=job[3])
    except Exception as exc:  # noqa: BLE001 - one case must never stop a run over all the others
        loaded, entry, how = exc, None, "parsed"
    return line(path, loaded), entry, how


def run(folder: str | Path, line: Callable[[Path, Any], Any], *, jobs: int | None = None, index: bool = True,
        scheduler: str | None = None, as_of: Any = None,
        relocate: Callable[[Any, Path], Any] | None = None) -> tuple[list, IndexStats]:
    """``line`` of every case file under ``folder``, in the order ``find_case_files`` gives,
    and what the index spared. ``index`` False: no index read or written (``--no-index``).
    ``scheduler``: a Dask scheduler's address (``relocate`` puts back in a line the path as
    given here: the workers get absolute paths)."""
    folder = Path(folder)
    stats = IndexStats()
    paths = find_case_files(folder)
    stats.cases = len(paths)
    db, rows = (_open(folder, stats) if index and folder.is_dir() else (None, {}))
    keys = [p.relative_to(folder).as_posix() for p in paths] if folder.is_dir() else [str(p) for p in paths]
    jobs_list: list[Job] = []
    for path, key in zip(paths, keys):
        entry = rows.get(key)
        jobs_list.append((str(path), entry, entry is not None and not entry.racy and _same_stat(path, entry),
                          db is not None))
    fn = partial(task, line=line)
    if scheduler:
        # lazy: only with --scheduler (loads Dask and the batch workers' rendering set-up)
        from .agenda_cluster import map_on_cluster

        results = map_on_cluster(scheduler, folder, paths, jobs_list, fn, as_of, relocate)
    else:
        results = parallel_map(fn, jobs_list, jobs)
    lines, updates = [], {}
    for key, (result, entry, how) in zip(keys, results):
        lines.append(result)
        if entry is not None:
            updates[key] = entry
        stats.reused += how == "reused"
        stats.reread += how != "reused"
        stats.parsed += how == "parsed"
    if db is not None:
        present = set(keys)
        gone = [k for k in rows if k not in present]
        stats.removed = len(gone)
        try:
            if updates or gone:
                db.save(updates, gone)
        except sqlite3.Error as exc:
            _warn(stats, f"the portfolio index {db.path} could not be updated ({exc}); the results are unaffected")
        finally:
            db.close()
    return lines, stats


def _same_stat(path: Path, entry: Entry) -> bool:
    try:
        st = os.stat(path)
    except OSError:
        return False
    return st.st_size == entry.size and st.st_mtime_ns == entry.mtime_ns and st.st_mode == entry.mode


def _open(folder: Path, stats: IndexStats) -> tuple[Index | None, dict[str, Entry]]:
    """The index and its rows; a database that fails while being read is rebuilt once."""
    for attempt in (1, 2):
        db = Index.open(folder, stats)
        if db is None:
            return None, {}
        try:
            rows = db.rows()
        except sqlite3.DatabaseError as exc:
            db.close()
            if attempt == 2 or "locked" in str(exc):
                _warn(stats, f"the portfolio index {db.path} cannot be read ({exc}): every case file is read")
                return None, {}
            _drop(db.path, stats, str(exc))
            continue
        stats.index = str(db.path)
        return db, rows
    return None, {}
