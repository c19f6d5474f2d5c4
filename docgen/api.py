"""The public library surface: what case-management software calls.

Each function is a thin composition of the layers (model -> law -> render) so that the
CLI and a library user get exactly the same behaviour.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from .errors import CaseValidationError, DocgenError
from .model.case import Case
from .model.validate import ValidationReport
from .model.validate import validate as _validate_model


def validate(source: str | Path | Mapping, *, as_of: date | None = None,
             base_dir: str | Path | None = None) -> ValidationReport:
    """Every problem of a case file. With ``as_of``, also what only the figures reveal:
    payments or credit notes exceeding everything owed (the spec calls them input errors)."""
    report = _validate_model(source, as_of=as_of, base_dir=base_dir)
    if report.case is None or as_of is None:
        return report
    from .law.statement import compute_statement

    try:
        compute_statement(report.case, as_of, assume_last_rate=True)
    except CaseValidationError as exc:
        return ValidationReport(None, tuple(exc.problems) + report.problems)
    except DocgenError:
        pass   # legal data not covering a date is not a fault of the case file
    return report


def load_case(source: str | Path | Mapping, *, as_of: date | None = None,
              base_dir: str | Path | None = None) -> Case:
    """The validated Case, or CaseValidationError listing every problem (errors and warnings)."""
    return validate(source, as_of=as_of, base_dir=base_dir).case_or_raise()


def statement(case: Case, as_of: date, *, assume_last_rate: bool = False):  # noqa: ANN201
    """The décompte of ``case`` on ``as_of`` (docgen.law.statement.Statement)."""
    from .law.statement import compute_statement

    return compute_statement(case, as_of, assume_last_rate=assume_last_rate)


def check(case: Case, as_of: date):  # noqa: ANN201
    """Compliance findings (docgen.law.checks.Finding), errors first."""
    from .law.checks import run_checks

    return run_checks(case, as_of)


def render(case: Case, doc: str, as_of: date, fmt: str = "pdf", **kwargs) -> bytes:  # noqa: ANN003
    """A document as PDF, DOCX or HTML bytes (see docgen.render.engine.render)."""
    from .render.engine import render as _render

    return _render(case, doc, as_of, fmt, **kwargs)
