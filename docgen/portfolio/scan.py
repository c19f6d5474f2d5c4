"""Finding and loading the case files of a portfolio, fast and without ever raising.

A portfolio is any folder tree; every ``case.yaml`` / ``case.yml`` / ``case.json`` in it is a
case. Loading gives a ``LoadedCase`` holding either the validated ``Case`` and its statement,
or the problems that make it unusable, so one bad file never stops a run over the others.

Reading speed matters (an agenda over 1,000 cases must take seconds): docgen's reader
(``docgen.model.reading``) uses PyYAML's pure-Python parser. Here the same restricted rules
are applied on libyaml's C parser: a file that is not plain (aliases, merge keys, explicit
tags, non-text keys, duplicate keys, anything that fails) is handed back to docgen's reader,
which then gives exactly its usual result or message. The fast path only ever accepts what
the official reader reads to the same data (tests compare both).
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..errors import CaseValidationError, DocgenError, Problem, StaleRateTableError
from ..model.case import Case
from ..model.reading import CASE_FILE_NAMES, MAX_CASE_FILE_BYTES, _CaseLoader, parse_text, read_case_file

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN_TAGS = frozenset({_STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                         "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"})
_SKIP_DIRS = frozenset({"__pycache__", "node_modules"})

_Base = getattr(yaml, "CSafeLoader", None)


class _NotPlain(Exception):
    """The fast path declines; docgen's own reader decides."""


if _Base is not None:
    class _FastLoader(_Base):  # type: ignore[misc, valid-type]
        pass

    # Same implicit resolvers as docgen's reader: dates stay text.
    _FastLoader.yaml_implicit_resolvers = _CaseLoader.yaml_implicit_resolvers
    _RESOLVED: dict[str, str] = {}

    def _resolve(self, kind, value, implicit):  # noqa: ANN001, ANN202 - PyYAML's hook
        # The tag of a plain scalar depends on its text alone (no path resolvers here), so it
        # is looked up once per distinct text: keys and enum values repeat in every file.
        if kind is yaml.ScalarNode and implicit[0]:
            tag = _RESOLVED.get(value)
            if tag is None:
                if len(_RESOLVED) > 50_000:
                    _RESOLVED.clear()
                tag = _RESOLVED[value] = _Base.resolve(self, kind, value, implicit)
            return tag
        return _Base.resolve(self, kind, value, implicit)

    _FastLoader.resolve = _resolve
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = None


def _convert(node: yaml.Node, loader: Any, seen: set[int]) -> Any:
    if id(node) in seen:
        raise _NotPlain("alias")
    seen.add(id(node))
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _MAP:
        out: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag != _STR or key_node.value in out:
                raise _NotPlain("key")
            out[key_node.value] = _convert(value_node, loader, seen)
        return out
    if tag == _SEQ:
        return [_convert(item, loader, seen) for item in node.value]
    if tag in _PLAIN_TAGS and isinstance(node, yaml.ScalarNode):
        return loader.construct_object(node)
    raise _NotPlain(tag)


def fast_parse_yaml(text: str) -> Any:
    """The data docgen's reader would give for ``text``; _NotPlain (or any error) if unsure."""
    if _FastLoader is None:
        raise _NotPlain("no libyaml")
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _convert(node, loader, set())
    finally:
        loader.dispose()


def parse_case_bytes(raw: bytes, path: Path) -> Any:
    """Raw case-file data, as ``docgen.model.reading.read_case_file`` returns it."""
    if len(raw) > MAX_CASE_FILE_BYTES or b"\x00" in raw:
        return read_case_file(path)           # raises the official problem
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return read_case_file(path)
    if path.suffix.lower() == ".json":
        return parse_text(text, json_only=True)
    try:
        return fast_parse_yaml(text)
    except Exception:  # noqa: BLE001 - anything unusual: the official reader decides
        return parse_text(text)


def find_case_files(folder: Path) -> list[Path]:
    """Every case file under ``folder`` (sorted; hidden folders skipped; links not followed)."""
    folder = Path(folder)
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise DocgenError(f"portfolio folder not found: {folder}")
    found: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
        for name in CASE_FILE_NAMES:
            if name in names:
                found.append(Path(root) / name)
    return sorted(found)


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

    @property
    def reference(self) -> str | None:
        if self.case is not None:
            return self.case.reference
        if isinstance(self.data, dict) and isinstance(self.data.get("reference"), str):
            return self.data["reference"]
        return None


def load(path: Path, as_of: date, *, statement: bool = True) -> LoadedCase:
    """Read, validate (as ``docgen.api.validate`` does with ``as_of``) and compute the statement.

    Never raises for a bad case file: the result says what is wrong.
    """
    from ..law.statement import compute_statement
    from ..model.validate import validate_data

    item = LoadedCase(Path(path))
    try:
        item.raw = item.path.read_bytes()
        item.data = parse_case_bytes(item.raw, item.path)
    except CaseValidationError as exc:
        item.problems = tuple(exc.problems)
        item.error = _first_error(exc.problems) or exc.message
        return item
    except OSError as exc:
        item.error = f"cannot read the case file: {exc.strerror or exc}"
        return item
    report = validate_data(item.data, as_of=as_of, base_dir=item.path.parent)
    item.problems = report.problems
    if not report.valid or report.case is None:
        n = len(report.errors)
        item.error = f"invalid case file ({n} error{'s' if n > 1 else ''}): {_first_error(report.problems)}"
        return item
    item.case = report.case
    if not statement:
        return item
    try:
        item.statement = compute_statement(item.case, as_of)
    except StaleRateTableError as exc:
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
    from ..law.statement import compute_statement

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
    from ..law import checks, checks_be, checks_fr, statement  # noqa: F401
    from ..law.deadlines import is_working_day
    from ..law.parameters import all_parameters
    from ..model import validate  # noqa: F401

    all_parameters()
    for country in ("FR", "BE"):
        is_working_day(date(2000, 1, 1), country)

