"""Validation of a case file in two layers, every problem reported at once.

Layer 1 (pydantic): structure, types, enums, dates, money. Layer 2 (checks.py): meaning.
Both run on every file, so a paralegal fixes everything in one pass.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import CaseValidationError, Problem
from .case import Case
from .checks import check_case
from .reading import find_case_file, read_case_file
from .text import terminal_safe
from .types import day_problem


@dataclass(frozen=True)
class ValidationReport:
    case: Case | None
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def valid(self) -> bool:
        return not self.errors

    def case_or_raise(self) -> Case:
        """The validated Case, or CaseValidationError listing every problem (errors and warnings)."""
        if not self.valid or self.case is None:
            raise CaseValidationError(list(self.problems))
        return self.case


def format_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            # A key is the user's text: shown with its control characters escaped, never raw.
            part = terminal_safe(str(part))
            out += f".{part}" if out else part
    return out


def _message(err: dict) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check its spelling against the case-file format)"
    if kind in ("literal_error", "enum"):
        return f"must be one of: {ctx.get('expected', '').replace(chr(39), '')}"
    if kind == "string_type":
        return "expected text (put numbers such as invoice numbers in quotes)"
    if kind == "string_too_long":
        return f"too long (at most {ctx.get('max_length')} characters)"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch" and err["loc"][-1] == "country":
        return "expected a two-letter country code in capitals (FR, BE ...)"
    if kind in ("model_type", "dict_type"):
        return "expected a mapping of fields (key: value)"
    if kind in ("tuple_type", "list_type"):
        return "expected a list"
    if kind == "too_short":
        return f"must list at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        return f"must list at most {ctx.get('max_length')} items"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "expected a whole number"
    if kind == "bool_type":
        return "expected true or false"
    if kind in ("greater_than_equal", "less_than_equal"):
        return err["msg"].replace("Input should be", "must be")
    return err["msg"]


def _structural_problems(exc: ValidationError) -> list[Problem]:
    errors = exc.errors(include_url=False)
    locs = [tuple(e["loc"]) for e in errors]
    problems = []
    for err, loc in zip(errors, locs):
        # pydantic adds "too short after validation" to a list whose only items failed.
        if err["type"] == "too_short" and any(o[: len(loc)] == loc and len(o) > len(loc) for o in locs):
            continue
        problems.append(Problem(format_path(loc), _message(err)))
    return problems


def validate_data(data: Any, *, as_of: date | None = None, base_dir: Path | None = None,
                  deep_files: bool = True, today: date | None = None) -> ValidationReport:
    """The report of ``data``. ``deep_files=False`` skips opening the PDFs and images the case
    names as the dossier would (tens of milliseconds a file): the portfolio commands, which
    read every case and never build a dossier, keep the cheaper checks (path, type, size,
    first bytes); ``validate``, ``check``, ``render`` and ``dossier`` make them all. Items
    dated after ``as_of`` are outside its statement, not problems; with ``today`` (the caller's
    clock), dates after it are warnings."""
    if not isinstance(data, Mapping):
        names = {"str": "a line of text", "list": "a list", "int": "a number", "float": "a number",
                 "bool": "true/false"}
        got = "an empty file" if data is None else names.get(type(data).__name__, f"a {type(data).__name__}")
        return ValidationReport(None, (Problem("", f"a case file is a mapping of fields, not {got}"),))
    if as_of is not None and (msg := day_problem(as_of)):
        # Every computation of the case runs up to as_of: out of range, none can be trusted.
        return ValidationReport(None, (Problem("as_of", msg),))
    data = dict(data)
    problems: list[Problem] = []
    case = None
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        problems += _structural_problems(exc)
    except RecursionError:
        problems.append(Problem("", "the data is nested too deeply to be a case file"))
    try:
        problems += check_case(data, as_of=as_of, base_dir=base_dir, deep_files=deep_files, today=today)
    except RecursionError:
        problems.append(Problem("", "the data is nested too deeply to be a case file"))
    if any(p.severity == "error" for p in problems):
        case = None
    if case is not None:
        case._source_dir = base_dir
    order = {"error": 0, "warning": 1}
    problems.sort(key=lambda p: order.get(p.severity, 2))
    return ValidationReport(case, tuple(problems))


def validate(source: str | Path | Mapping, *, as_of: date | None = None,
             base_dir: str | Path | None = None, today: date | None = None) -> ValidationReport:
    """Validate a case file (path or folder) or an already-parsed mapping."""
    if not isinstance(source, (str, os.PathLike)):
        # A mapping, or whatever else a caller parsed (a list, None ...): report, don't raise.
        base = Path(base_dir) if base_dir is not None else Path.cwd()
        return validate_data(source, as_of=as_of, base_dir=base, today=today)
    try:
        path = find_case_file(Path(source))
        data = read_case_file(path)
    except CaseValidationError as exc:
        return ValidationReport(None, tuple(exc.problems))
    base = Path(base_dir) if base_dir is not None else path.parent
    return validate_data(data, as_of=as_of, base_dir=base, today=today)


def load_case(source: str | Path | Mapping, *, as_of: date | None = None,
              base_dir: str | Path | None = None) -> Case:
    """The validated Case, or CaseValidationError listing every problem (errors and warnings)."""
    return validate(source, as_of=as_of, base_dir=base_dir).case_or_raise()
