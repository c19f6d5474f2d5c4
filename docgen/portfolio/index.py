"""The portfolio index: what ``agenda`` and ``aging`` learnt from each case file, kept between runs.

Reading, parsing and validating a case file is most of an agenda's work (about 2 ms a case;
rebuilding the validated case from the index takes a tenth of that). The index is an SQLite
database (standard library) in ``PORTFOLIO/.docgen-cache/index.sqlite``, one row per case file,
keyed by its path (relative to the portfolio), size, modification time (ns), mode and SHA-256. A row
holds what validation found, which never depends on the as-of date: the data the case was
validated from (compressed JSON; validated again, it gives back the very case) and its warnings,
or the problems of an invalid file. Statements are never kept: every run computes them for its
own as-of date.

A row is used only while the case file and every file it names (validation looks at them)
still have the size, modification time, type and permissions they had; a file whose modification time is
too recent to be trusted (written in the same instant as it was indexed) is hashed again. A
stamp (docgen's version, its legal data and the source of its case model) empties the index
when any of them changes.

The index is a cache: without it (``--no-index``, a read-only portfolio, a locked or damaged
database) the results are the same. A damaged database is deleted and rebuilt, with a warning;
one that another run holds locked for too long is left alone for this run. Only the process
that started the run reads or writes it (one transaction at the end), never the workers.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import time
import zlib
from importlib.resources import files
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..law.fingerprint import legal_data_fingerprint
from ..model.case import Case
from ..model.files import lstat, one_look, split_relative
from ..version import __version__
from .scan import LoadedCase, load, parse_case_bytes, validate_raw

CACHE_DIR = ".docgen-cache"        # hidden: never scanned for case files
INDEX_FILE = "index.sqlite"
FORMAT = "3"                        # 3: rows keep the validated data, not a dump of the case
BUSY_TIMEOUT = 10.0                # seconds another run may hold the index locked
RACY_NS = 2_000_000_000            # a file modified this shortly before it was read may change again within
                                   # the file system's time resolution, unseen: its row is hashed again

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cases (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, mode INTEGER NOT NULL, sha256 BLOB NOT NULL,
    racy INTEGER NOT NULL, deps TEXT NOT NULL, info TEXT NOT NULL, model BLOB);
"""
# ``model`` holds Entry.data: its first name is kept so that an index of an earlier format is
# emptied by its stamp on the next run, not reported as damaged.
_COLUMNS = "path, size, mtime_ns, mode, sha256, racy, deps, info, model"


@dataclass
class Entry:
    """One case file as the index knows it. ``deps``: the files it names and their signatures;
    ``info``: reference, error and problems; ``data``: what the case was validated from, zlib'd JSON
    (None for an invalid case)."""

    size: int
    mtime_ns: int
    mode: int                  # type and permissions: a file made unreadable is read again
    sha256: bytes
    deps: str
    info: str
    data: bytes | None
    racy: bool = False
    seen_ns: int = 0           # when the file was read (a row is racy if the file changed just before)


@dataclass
class IndexStats:
    """What a run took from the index: ``reread`` case files were read (new, changed or touched),
    ``parsed`` of them parsed and validated again (their content had changed), ``reused`` taken
    from the index as they were. Without the index every file is read and parsed."""

    cases: int = 0
    reread: int = 0
    parsed: int = 0
    reused: int = 0
    removed: int = 0
    index: str | None = None                       # the database used, None without one
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"cases": self.cases, "reread": self.reread, "parsed": self.parsed, "reused": self.reused,
                "removed": self.removed, "index": self.index, "warnings": list(self.warnings)}


# --- what a row depends on --------------------------------------------------------------------------

def named_files(data: Any) -> list[str]:
    """The files a case names, as ``docgen.model.checks._check_files`` checks them (keep in step)."""
    if not isinstance(data, dict):
        return []

    def items(key: str) -> list[dict]:
        value = data.get(key)
        return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []

    refs = [x.get("file") for x in items("invoices")] + [x.get("einvoice") for x in items("invoices")]
    refs += [x.get("proof") for x in items("events")] + [x.get("file") for x in items("exhibits")]
    procedure = data.get("procedure")
    sommation = procedure.get("sommation") if isinstance(procedure, dict) else None
    if isinstance(sommation, dict):
        refs.append(sommation.get("proof"))
    return sorted({r for r in refs if isinstance(r, str) and r and len(r) <= 1000 and "\x00" not in r})


def signature(base: Path, refs: list[str]) -> str:
    """Type and permissions, size and modification time of each named file and of the folders leading to it
    (a folder replaced by a symbolic link changes its parent's), as one string."""
    root = os.fspath(base)
    seen: dict[str, str] = {}
    for ref in refs:
        parts, _ = split_relative(ref)          # the components validation looks at, one by one
        for k in range(1, len(parts) + 1):
            rel = "/".join(parts[:k])
            if rel not in seen:
                seen[rel] = _lstat(os.path.join(root, rel))
    return json.dumps([refs, seen], sort_keys=True, separators=(",", ":"))


def _lstat(path: str) -> str:
    try:
        st = lstat(path)
    except (OSError, ValueError):
        return "-"
    return f"{st.st_mode}:{st.st_size}:{st.st_mtime_ns}"


def _still(entry: Entry, base: Path) -> bool:
    """Every file a row's case names is as it was (compared without rebuilding the string)."""
    root = os.fspath(base)
    return all(_lstat(os.path.join(root, rel)) == sig for rel, sig in json.loads(entry.deps)[1].items())


# --- rows to cases and back -----------------------------------------------------------------------------

def entry_of(item: LoadedCase, st: os.stat_result, digest: bytes, deps: str) -> Entry:
    """The row of a freshly validated ``item`` (before any statement). It keeps the data the
    case was validated from, not a dump of the case: the case model depends on that data alone,
    so validating it again gives back the very case, with no round trip to check (which cost
    a tenth of a first agenda). Data that JSON cannot hold is not kept (the case file is then
    validated on every run)."""
    data = None
    if item.case is not None:
        try:
            data = zlib.compress(json.dumps(item.data, separators=(",", ":"), allow_nan=False).encode("ascii"), 1)
        except (TypeError, ValueError):
            pass
    info = {"reference": item.reference, "error": item.error, "valid": item.case is not None,
            "problems": [[p.path, p.message, p.severity] for p in item.problems]}
    return Entry(st.st_size, st.st_mtime_ns, st.st_mode, digest, deps, json.dumps(info, ensure_ascii=False), data)


def restore(entry: Entry, path: Path) -> LoadedCase | None:
    """The validated ``LoadedCase`` a row holds (no statement), or None if it must be validated again."""
    info = json.loads(entry.info)
    if info["valid"] and entry.data is None:
        return None
    item = LoadedCase(path, problems=tuple(Problem(*p) for p in info["problems"]), error=info["error"])
    if info["valid"]:
        item.case = Case.model_validate(json.loads(zlib.decompress(entry.data)))
        item.case._source_dir = path.parent
    elif info["reference"] is not None:
        item.data = {"reference": info["reference"]}
    return item


def load_indexed(path: Path, entry: Entry | None, fresh: bool, *, build: bool) -> tuple[LoadedCase, Entry | None, str]:
    """The validated case file at ``path`` and how it was had: ``reused`` (the row, the file
    unread), ``reread`` (read and hashed: same content as the row) or ``parsed``. ``build``:
    make the row of a file parsed again (for the index). Never raises for a bad case file."""
    base = path.parent
    if entry is not None and fresh and _still(entry, base):
        item = restore(entry, path)
        if item is not None:
            return item, None, "reused"
    if not build:
        return load(path, None), None, "parsed"
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            raw = fh.read()
        seen = time.time_ns()
    except OSError:
        return load(path, None), None, "parsed"      # says why it cannot be read
    digest = hashlib.sha256(raw).digest()
    if entry is not None and entry.sha256 == digest and _still(entry, base):
        item = restore(entry, path)
        if item is not None:
            return item, Entry(st.st_size, st.st_mtime_ns, st.st_mode, digest, entry.deps, entry.info, entry.data,
                               seen_ns=seen), "reread"
    item = LoadedCase(path, raw=raw)
    try:
        item.data = parse_case_bytes(raw, path)
    except Exception:  # noqa: BLE001 - a file that cannot be parsed is validate_raw's to report
        item.data = None
    # The named files' signatures are taken before validation reads them, and validation checks
    # the very state they record (one lstat per path): a file changed meanwhile then differs
    # from its row next time.
    with one_look():
        deps_before = signature(base, named_files(item.data))
        validate_raw(item, None, parsed=item.data is not None)
    made = entry_of(item, st, digest, deps_before)
    made.seen_ns = seen
    return item, made, "parsed"


# --- the database -------------------------------------------------------------------------------------------

def stamp() -> str:
    """docgen's version, legal data and case-model source: a change of any empties the index."""
    h = hashlib.sha256(f"{FORMAT}\0{__version__}\0{legal_data_fingerprint()}\0".encode())
    model = Path(str(files("docgen") / "model"))
    for source in sorted(model.glob("*.py")):
        h.update(source.name.encode() + b"\0" + source.read_bytes())
    return h.hexdigest()


class Index:
    """The open index of one portfolio. ``open`` gives None (and a warning in ``stats``) when
    there can be none; a damaged database is rebuilt."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn, self.path = conn, path

    @classmethod
    def open(cls, folder: Path, stats: IndexStats) -> Index | None:
        cache = Path(folder) / CACHE_DIR
        db = cache / INDEX_FILE
        try:
            cache.mkdir(exist_ok=True)
        except OSError as exc:
            _warn(stats, f"the portfolio index cannot be created in {cache} ({exc.strerror or exc}): "
                         "every case file is read (the results are the same)")
            return None
        for attempt in (1, 2):
            try:
                return cls._connect(db)
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    _warn(stats, f"the portfolio index {db} is locked by another run: this run reads every "
                                 "case file (the results are the same)")
                    return None
                if "readonly" in str(exc) or "unable to open" in str(exc) or attempt == 2:
                    _warn(stats, f"the portfolio index {db} cannot be used ({exc}): every case file is read "
                                 "(the results are the same)")
                    return None
                _drop(db, stats, str(exc))
            except sqlite3.DatabaseError as exc:          # not a database, wrong schema, malformed
                if attempt == 2:
                    _warn(stats, f"the portfolio index {db} cannot be rebuilt ({exc}): every case file is read")
                    return None
                _drop(db, stats, str(exc))
        return None

    @classmethod
    def _connect(cls, db: Path) -> Index:
        conn = sqlite3.connect(db, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            conn.executescript(_SCHEMA)
            conn.execute(f"SELECT {_COLUMNS} FROM cases LIMIT 1").fetchall()
            want = stamp()
            row = conn.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
            if row is None or row[0] != want:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("DELETE FROM cases")
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (want,))
                conn.execute("COMMIT")
        except BaseException:
            conn.close()
            raise
        return cls(conn, db)

    def rows(self) -> dict[str, Entry]:
        cur = self.conn.execute(f"SELECT {_COLUMNS} FROM cases")
        return {r[0]: Entry(r[1], r[2], r[3], bytes(r[4]), r[6], r[7], None if r[8] is None else bytes(r[8]), bool(r[5]))
                for r in cur}

    def save(self, updates: dict[str, Entry], gone: list[str]) -> None:
        """One transaction: the rows of files read again, the rows of files no longer there dropped."""
        rows = [(key, e.size, e.mtime_ns, e.mode, e.sha256, int(e.mtime_ns >= e.seen_ns - RACY_NS), e.deps, e.info,
                 e.data) for key, e in updates.items()]
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.executemany(f"INSERT OR REPLACE INTO cases ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            self.conn.executemany("DELETE FROM cases WHERE path = ?", [(g,) for g in gone])
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()


def _drop(db: Path, stats: IndexStats, why: str) -> None:
    _warn(stats, f"the portfolio index {db} was damaged ({why}): it is rebuilt")
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            os.unlink(f"{db}{suffix}")
        except OSError:
            pass


def _warn(stats: IndexStats, message: str) -> None:
    stats.warnings.append(message)
    log.warning(message)
