"""Finding and loading the case files of a portfolio, fast and without ever raising.

A portfolio is any folder tree; every ``case.yaml`` / ``case.yml`` / ``case.json`` in it is a
case. Loading gives a ``LoadedCase`` holding either the validated ``Case`` and its statement,
or the problems that make it unusable, so one bad file never stops a run over the others.
Reading speed matters (an agenda over 1,000 cases must take seconds): docgen's reader reads
YAML with libyaml's C parser whenever it can (``docgen.model.reading``), and the processes of
a large portfolio share the work (``parallel_map``).
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import CaseValidationError, DocgenError, Problem, StaleRateTableError
from ..law.deadlines import is_working_day
from ..law.parameters import all_parameters
from ..law.statement import compute_statement
from ..model.case import Case
from ..model.reading import CASE_FILE_NAMES, parse_bytes
from ..model.validate import validate_data

_SKIP_DIRS = frozenset({"__pycache__", "node_modules"})


def parse_case_bytes(raw: bytes, path: Path) -> Any:
    """Raw case-file data, as ``docgen.model.reading.read_case_file`` returns it for ``path``
    holding ``raw`` (read once, for the fingerprint of ``docgen batch`` too)."""
    return parse_bytes(raw, json_only=path.suffix.lower() == ".json")


def find_case_files(folder: Path) -> list[Path]:
    """Every case file under ``folder`` (sorted as paths; hidden folders skipped; links to folders
    not followed). Walked with ``os.scandir`` and plain strings: at 100,000 cases (and their
    pièces folders) ``os.walk`` and ``pathlib`` cost seconds."""
    folder = Path(folder)
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise DocgenError(f"portfolio folder not found: {folder}")
    found: list[str] = []
    _walk(os.fspath(folder), found)
    return [Path(p) for p in sorted(found, key=lambda p: p.split(os.sep))]


_CASE_NAMES = frozenset(CASE_FILE_NAMES)


def _walk(top: str, found: list[str]) -> None:
    stack = [top]                  # not recursive: a very deep tree must not exhaust Python's stack
    while stack:
        try:
            with os.scandir(stack.pop()) as it:
                entries = list(it)
        except OSError:
            continue               # an unreadable folder is skipped, as os.walk does
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir:
                if not name.startswith(".") and name not in _SKIP_DIRS and not entry.is_symlink():
                    stack.append(entry.path)
            elif name in _CASE_NAMES:
                found.append(entry.path)


@dataclass
class LoadedCase:
    """One case file of a portfolio: the case and its statement, or why it is unusable."""

    path: Path
    raw: bytes | None = None
    data: Any = None
    case: Case | None = None
    statement: Any = None                       # docgen.law.statement.Statement
    problems: tuple[Problem, ...] = ()          # errors (and warnings) of validation
    error: str | None = None                    # short reason when the case is unusable
    stale_rates: str | None = None              # the statement needed --assume-last-rate
    assumed_rate: str | None = None             # it got it: which table was extended past its end

    @property
    def reference(self) -> str | None:
        if self.case is not None:
            return self.case.reference
        if isinstance(self.data, dict) and isinstance(self.data.get("reference"), str):
            return self.data["reference"]
        return None


def load(path: Path, as_of: date | None, *, statement: bool = True, assume_last_rate: bool = False) -> LoadedCase:
    """Read, validate (as ``docgen.api.validate`` does with ``as_of``) and compute the statement.

    A rate table that ends before ``as_of`` sets ``stale_rates``, or with ``assume_last_rate``
    ``assumed_rate``; either way the statement is then computed with the table's last known
    value (validation needs figures). Never raises for a bad case file: the result says what
    is wrong. ``as_of`` None validates without it (the portfolio index keeps what does not
    depend on the day) and computes no statement.
    """
    item = LoadedCase(Path(path))
    try:
        item.raw = item.path.read_bytes()
    except OSError as exc:
        item.error = f"cannot read the case file: {exc.strerror or exc}"
        return item
    validate_raw(item, as_of)
    if item.case is None or not statement or as_of is None:
        return item
    return add_statement(item, as_of, assume_last_rate)


def validate_raw(item: LoadedCase, as_of: date | None, *, parsed: bool = False) -> LoadedCase:
    """``item.raw`` parsed (unless ``parsed``: ``item.data`` is) and validated into ``item``
    (case, or problems and error)."""
    try:
        if not parsed:
            item.data = parse_case_bytes(item.raw, item.path)
    except CaseValidationError as exc:
        item.problems = tuple(exc.problems)
        item.error = _first_error(exc.problems) or exc.message
        return item
    # Not deep: opening every pièce of every case would make the agenda of a large portfolio
    # take minutes; `docgen validate` and `docgen dossier` open them.
    report = validate_data(item.data, as_of=as_of, base_dir=item.path.parent, deep_files=False)
    item.problems = report.problems
    if not report.valid or report.case is None:
        n = len(report.errors)
        item.error = f"invalid case file ({n} error{'s' if n > 1 else ''}): {_first_error(report.problems)}"
        return item
    item.case = report.case
    return item


def add_statement(item: LoadedCase, as_of: date, assume_last_rate: bool = False) -> LoadedCase:
    """The statement of a validated ``item`` on ``as_of`` (or why there is none)."""
    try:
        item.statement = compute_statement(item.case, as_of)
    except StaleRateTableError as exc:
        if assume_last_rate:
            item.assumed_rate = (f"{exc.table} is known only until {exc.last_valid}: its last known value is "
                                 "assumed after that day (--assume-last-rate)")
        else:
            item.stale_rates = exc.message
        item.statement = _statement_or_error(item, as_of)
    except CaseValidationError as exc:      # payments exceeding everything owed (api.validate)
        item.problems = tuple(exc.problems) + item.problems
        item.case = None
        item.error = f"invalid case file: {_first_error(exc.problems)}"
    except DocgenError as exc:              # legal data not covering a date
        item.error = f"the statement cannot be computed: {exc.message}"
    return item


def _statement_or_error(item: LoadedCase, as_of: date) -> Any:
    try:
        return compute_statement(item.case, as_of, assume_last_rate=True)
    except CaseValidationError as exc:
        item.problems = tuple(exc.problems) + item.problems
        item.case = None
        item.error = f"invalid case file: {_first_error(exc.problems)}"
    except DocgenError as exc:
        item.error = f"the statement cannot be computed: {exc.message}"
    return None


def _first_error(problems: Any) -> str:
    for p in problems:
        if p.severity == "error":
            return f"{p.path + ': ' if p.path else ''}{p.message}"
    return ""


# --- spreading the work over the machine's cores ------------------------------------------------

PARALLEL_FROM = 150      # below this many cases, starting processes costs more than it saves


def default_jobs(n_items: int) -> int:
    if n_items < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def parallel_map(fn: Callable[[Any], Any], items: list, jobs: int | None = None) -> list:
    """``[fn(x) for x in items]``, spread over forked processes when it is worth it.

    Forking shares what the parent already loaded (modules, legal tables, holidays), so a
    worker starts in milliseconds; ``fn`` must be a module-level function returning picklable
    values and must not raise (``load`` and ``evaluate`` never do).
    """
    jobs = default_jobs(len(items)) if jobs is None else jobs
    if jobs <= 1 or len(items) < 2:
        return [fn(x) for x in items]
    _warm_up()
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(items) // (jobs * 4))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(fn, items, chunksize=chunk))


def _warm_up() -> None:
    """Load in the parent what every worker needs, so forked workers inherit it."""
    # lazy on purpose: importing here is the point (the forked workers inherit these modules)
    from ..law import checks, checks_be, checks_fr, statement  # noqa: F401
    from ..model import validate  # noqa: F401

    all_parameters()
    for country in ("FR", "BE"):
        is_working_day(date(2000, 1, 1), country)

