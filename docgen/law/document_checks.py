"""Findings about one document of a case: what must be settled before it may be sent or filed.

``docgen check`` lists the findings of the case as a whole (checks.py); this module adds, for a
given document, every decision the document would print that is not ``decided`` (a court that
the data cannot name, an unconfirmed rate, a reminder level the history forbids ...) and the
document's own conditions (documents_checks_fr.py / _be.py). An ``error`` finding makes
``render``, ``dossier`` and ``batch`` refuse the document; with ``--force`` they produce a
watermarked draft that is never signed.
"""
from __future__ import annotations

from datetime import date

from ..model.case import Case
from . import document_checks_be, document_checks_fr
from .checks_base import Finding
from .decision import Decision
from .courts import decide_court
from .document_checks_base import DOCUMENTS, DocumentContext, DocumentRule
from .decisions import decide_notice_deadline, decide_rate, decide_reminder_level
from .regime import regime_for
from .statement import Statement
from .unconfirmed import unconfirmed_findings, unconfirmed_values

__all__ = ["DOCUMENTS", "DocumentContext", "DocumentRule", "decision_finding", "document_findings"]


def decision_finding(decision: Decision, ctx: DocumentContext) -> Finding | None:
    """The finding a decision that is not ``decided`` becomes for this document."""
    if decision.status == "decided":
        return None
    rule = {"court": "COURT-UNDECIDED", "reminder_level": "REMINDER-LEVEL"}.get(
        decision.name, f"{decision.name.upper().replace('_', '-')}-UNDECIDED")
    if decision.status == "needs_input":
        message = decision.message or f"{decision.name} cannot be decided from the case file"
        if decision.field not in message:
            message += f"; state it in {decision.field}"
        return Finding(rule, "error", decision.basis, f"{ctx.doc}: {message}", decision.field)
    if decision.name in TABLE_DECISIONS:
        return None     # read from dated tables: unconfirmed_values() reports the table entries themselves
    severity = "warning" if ctx.accept_unconfirmed else "error"
    what = decision.message or decision.source or decision.name
    tail = (" (accepted with --accept-unconfirmed)" if ctx.accept_unconfirmed else
            ": confirm the value in a legal-data overlay (--data DIR, with its official source) or pass "
            "--accept-unconfirmed")
    return Finding("UNCONFIRMED-LEGAL-DATA", severity, decision.basis,
                   f"{ctx.doc}: {decision.name} rests on legal data not yet confirmed ({what}){tail}",
                   decision.field or STATED_FIELDS.get(decision.name))


# Decisions read straight from dated tables: their unconfirmed entries are findings of their own.
TABLE_DECISIONS = frozenset({"rate", "notice_deadline", "consumer_rate_cap", "injunction_cap", "summons",
                             "summons_deadline"})
# Where the case file can state a decision instead of the data (what settles an unconfirmed one).
STATED_FIELDS = {"court": "procedure.court"}
# Documents that name the court they are addressed to or that will be seized.
COURT_DOCUMENTS = frozenset({"injonction_de_payer"})


def _rate_tables(case: Case) -> list[str]:
    """The tables the rate decision reads on the as-of day (a letter quotes the rate in force)."""
    _, source = regime_for(case).rate_source(case)
    tables = []
    for attr in ("table", "cap"):
        found = getattr(source, attr, None)
        found = getattr(found, "table", found)
        if found is not None and hasattr(found, "name"):
            tables.append(found.name)
    return tables


def _common_decisions(ctx: DocumentContext) -> list[Decision]:
    case, st = ctx.case, ctx.statement
    out: list[Decision] = []
    if ctx.doc in ("relance", "mise_en_demeure", "plan_apurement", "injonction_de_payer", "decompte",
                   "requete_petites_creances", "requete_l126", "instruction_huissier"):
        out.append(decide_rate(case, ctx.as_of, st, assume_last=ctx.assume_last))
        ctx.uses += _rate_tables(case)
    if ctx.doc in COURT_DOCUMENTS:
        out.append(decide_court(case, ctx.as_of, amount=st.total_due))
    if ctx.doc == "relance":
        level = ctx.options.get("level")
        out.append(decide_reminder_level(case, ctx.as_of, st, int(level) if level else None))
    if ctx.doc == "mise_en_demeure":
        rep = case.creditor.represented_by
        collector = case.jurisdiction == "BE" and case.relationship == "B2C" and rep is not None
        days = ctx.options.get("days")
        out.append(decide_notice_deadline(case, ctx.as_of, days=int(days) if days else None,
                                          collector_minimum=collector, assume_last=ctx.assume_last))
        if collector:
            ctx.uses.append("be.collector_notice_min_days")
    return out


def _registry() -> dict[str, list[DocumentRule]]:
    return {"FR": document_checks_fr.RULES, "BE": document_checks_be.RULES}


def document_findings(case: Case, doc: str, as_of: date, statement: Statement, options: dict | None = None, *,
                      accept_unconfirmed: bool = False) -> tuple[list[Finding], list[Decision]]:
    """Findings of ``doc`` (errors first) and the decisions it prints."""
    ctx = DocumentContext(case, doc, as_of, statement, dict(options or {}), accept_unconfirmed)
    ctx.decisions = _common_decisions(ctx)
    findings: list[Finding] = []
    for rule in _registry()[case.jurisdiction]:
        findings += list(rule(ctx))
    for decision in ctx.decisions:
        finding = decision_finding(decision, ctx)
        if finding is not None:
            findings.append(finding)
    findings += unconfirmed_findings(unconfirmed_values(case, statement, as_of, ctx.uses),
                                     accepted=accept_unconfirmed)
    unique: dict[tuple, Finding] = {}
    for f in findings:
        unique.setdefault((f.rule_id, f.message), f)
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(unique.values(), key=lambda f: order.get(f.severity, 3)), ctx.decisions
