"""Conditions of the FR documents that must hold before one is sent or filed (see document_checks.py).

Each rule takes a DocumentContext and yields Findings with a stable rule id, the legal
basis and the case-file field to fill. A rule may also append a Decision to
ctx.decisions so that the review file says what was decided and from what.

What these rules report used to be printed as boxed notes in the documents themselves; the
documents now print only what is decided, and the findings say what a human must settle.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..errors import LegalDataError
from .checks import Finding
from .insolvency_checks import DOCUMENT_RULES as INSOLVENCY_RULES
from .document_checks_base import DocumentContext
from .routes_documents import DOCUMENT_RULES as ROUTE_RULES
from .capacity import fr_is_merchant as is_merchant, missing_civil_status
from .parameters import parameter

# Cass. 2e civ., avis, 25 sept. 2025, n° 25-70.013: the prior amicable attempt of CPC 750-1 does
# not apply to the injonction de payer, neither to the requête nor after an opposition. Before
# that opinion the question was open, so docgen warned; from it on, a requête needs no attempt.
_CASS_AVIS_750_1_INJONCTION = date(2025, 9, 25)


def applicant_identity(ctx: DocumentContext) -> Iterator[Finding]:
    """CPC 54 3° a: a natural person's requête states profession, nationality, date and place of
    birth, on pain of nullity. A sole trader (EI) is a natural person."""
    if ctx.doc != "injonction_de_payer":
        return
    missing = missing_civil_status(ctx.case.creditor)
    if missing:
        fields = ", ".join(f"creditor.{name}" for name in missing)
        yield Finding("FR-APPLICANT-IDENTITY", "error", "CPC 54 3° a",
                      f"{ctx.doc}: the applicant is a natural person, so the requête must state its profession, "
                      f"nationality, date and place of birth (on pain of nullity); add {fields} to the case file",
                      f"creditor.{missing[0]}")


def _before_tribunal_judiciaire(ctx: DocumentContext) -> bool:
    """The requête goes to the tribunal judiciaire unless it is a B2B claim against a merchant
    (tribunal de commerce or TAE: C. com. L721-3, CPC 1406)."""
    return not (ctx.case.relationship == "B2B" and is_merchant(ctx.case.debtor))


def prior_amicable_attempt(ctx: DocumentContext) -> Iterator[Finding]:
    """CPC 750-1: before the tribunal judiciaire, a claim up to the data's threshold must first be
    tried amicably (conciliation, mediation, procédure participative) unless exempt. Whether that
    applied to a requête en injonction de payer was open until the Cour de cassation's opinion."""
    if ctx.doc != "injonction_de_payer":
        return
    attempt = ctx.case.procedure.prior_attempt if ctx.case.procedure else None
    if attempt is not None:
        if attempt.kind == "exempt" and not attempt.ground:
            yield Finding("FR-PRIOR-AMICABLE-ATTEMPT", "warning", "CPC 750-1",
                          f"{ctx.doc}: the case file says no prior amicable attempt was needed but not why; state "
                          "the exemption relied on in procedure.prior_attempt.ground", "procedure.prior_attempt.ground")
        return
    if ctx.as_of >= _CASS_AVIS_750_1_INJONCTION or not _before_tribunal_judiciaire(ctx):
        return
    try:
        threshold = parameter("fr.prior_amicable_attempt_threshold").at(ctx.as_of)
    except LegalDataError:          # no such rule before its start date
        return
    if ctx.statement.total_due <= threshold.value:
        yield Finding("FR-PRIOR-AMICABLE-ATTEMPT", "warning", "CPC 750-1",
                      f"{ctx.doc}: the claim ({ctx.statement.total_due} EUR) does not exceed {threshold.value} EUR "
                      "and goes to the tribunal judiciaire, where CPC 750-1 requires a prior attempt at conciliation, "
                      "mediation or procédure participative unless exempt (whether it applies to an injonction de "
                      "payer was disputed); state the attempt or the exemption in procedure.prior_attempt",
                      "procedure.prior_attempt")


def _first_instalment(ctx: DocumentContext) -> tuple[date | None, str]:
    """The plan's first due date (``--option first_date`` replaces a generated plan's) and the
    case-file field that sets it."""
    plan = ctx.case.payment_plan
    if plan is None:
        return None, ""
    if plan.schedule:
        return min(i.date for i in plan.schedule), "payment_plan.schedule"
    option = ctx.options.get("first_date")
    if option:
        return date.fromisoformat(str(option)), "payment_plan.first_date"
    return plan.first_date, "payment_plan.first_date"


def plan_starts_after_the_deed(ctx: DocumentContext) -> Iterator[Finding]:
    """A payment plan grants terms: an instalment due before the deed is signed is no term (C. civ.
    1305: a future event) but a default on signature, opening the déchéance du terme at once."""
    if ctx.doc != "plan_apurement":
        return
    try:
        first, path = _first_instalment(ctx)
    except ValueError:
        yield Finding("FR-PLAN-STARTS-BEFORE-DEED", "error", "C. civ. 1305",
                      f"{ctx.doc}: the option first_date is not a date (YYYY-MM-DD)", "payment_plan.first_date")
        return
    if first is not None and first < ctx.as_of:
        yield Finding("FR-PLAN-STARTS-BEFORE-DEED", "error", "C. civ. 1305",
                      f"{ctx.doc}: the first instalment ({first}) falls before the date of the deed ({ctx.as_of}); "
                      f"set a later start in {path} (or --option first_date=YYYY-MM-DD)", path)


RULES: list = [applicant_identity, prior_amicable_attempt, plan_starts_after_the_deed]
RULES += INSOLVENCY_RULES
RULES += ROUTE_RULES
