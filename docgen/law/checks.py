"""Compliance checks of a case against the recovery rules of its jurisdiction (pure).

``run_checks`` runs the common rules below, then the rules registered for the case's
(jurisdiction, relationship) in checks_fr.py / checks_be.py. A rule is a function of a
``Context`` yielding ``Finding``s; its rule id is a stable public name (scripts filter on it),
so a rule may be reworded but never renamed.
"""
from __future__ import annotations

from datetime import date

from ..model.case import Case
from . import checks_be, checks_fr
from .checks_base import (SEVERITIES, Context, Finding, Rule, data_quality, event_label, injunction_notice,
                          payment_term, prescription, table_value, undisputed_procedure)
from .insolvency_checks import insolvency_case
from .routes_checks import planned_route
from .statement import Statement

__all__ = ["COMMON", "Context", "Finding", "Rule", "event_label", "findings_text", "payment_term", "run_checks",
           "table_value"]


COMMON: list[Rule] = [data_quality, prescription, injunction_notice, undisputed_procedure]


def _registry() -> dict[tuple[str, str], list[Rule]]:
    return {("FR", "B2B"): checks_fr.B2B, ("FR", "B2C"): checks_fr.B2C,
            ("BE", "B2B"): checks_be.B2B, ("BE", "B2C"): checks_be.B2C}


def run_checks(case: Case, as_of: date, *, statement: Statement | None = None) -> list[Finding]:
    """Every finding for ``case`` at the end of ``as_of``: errors first, then warnings, then infos.

    ``statement`` avoids recomputing it when the caller has one (it must be for ``as_of``).
    Raises CaseValidationError when the statement finds the file inconsistent (payments
    exceeding everything owed).
    """
    ctx = Context(case, as_of, statement)
    rules = COMMON + [insolvency_case, planned_route] + _registry()[(case.jurisdiction, case.relationship)]
    findings = [f for rule in rules for f in rule(ctx)]
    return sorted(findings, key=lambda f: SEVERITIES.index(f.severity))


def findings_text(findings: list[Finding]) -> str:
    if not findings:
        return "no finding"
    rows = []
    for f in findings:
        where = f" [{f.path}]" if f.path else ""
        rows.append(f"{f.severity.upper():7} {f.rule_id}{where}\n        {f.message}\n        basis: {f.basis}")
    errors = sum(f.severity == "error" for f in findings)
    return "\n".join(rows) + f"\n{len(findings)} finding(s), {errors} error(s)"
