"""Findings of the bailiff routes' documents (``render``): the route's eligibility decision of
docgen.law.routes, each unmet condition an error naming its reason code and field; the commissaire
de justice or huissier the document is addressed to; the unconfirmed law it prints. Rule ids are
public names: ROUTE-NOT-ELIGIBLE, ROUTE-BAILIFF-UNNAMED, UNCONFIRMED-LEGAL-DATA (through the decision
and the tables), INSOLVENCY-STAY (insolvency_checks.py, not repeated here)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .checks import Finding
from .routes import BASIS, decide_route, instructed_bailiff
from .routes_mentions import FILE, mentions

if TYPE_CHECKING:
    from .document_checks import DocumentContext

# document -> route
ROUTE_DOCUMENTS = {"requete_petites_creances": "petites_creances", "requete_l126": "l126",
                   "instruction_huissier": "undisputed_b2b"}
RULE = "ROUTE-NOT-ELIGIBLE"
_PATHS = {"creditor_not_registered": "creditor.registration", "debtor_not_registered": "debtor.registration",
          "creditor_not_merchant": "creditor.legal_form", "debtor_not_merchant": "debtor.legal_form",
          "no_lawyer": "creditor.represented_by", "not_due": "invoices", "over_cap": "invoices",
          "accessories_over_cap": "invoices", "disputed": "events", "not_b2b": "relationship",
          "not_professional": "relationship", "jurisdiction": "jurisdiction", "not_in_force": "procedure",
          "no_cap_known": "invoices"}
# The tables each document prints or relies on (their unconfirmed entries become findings).
TABLES = {"petites_creances": ["fr.small_claims_cap", "fr.small_claims_answer_months"],
          "l126": ["fr.uncontested_claims_payment_months", "fr.uncontested_claims_report_wait_days"],
          "undisputed_b2b": ["be.undisputed_b2b_accessories_cap_percent", "be.undisputed_b2b_answer_months",
                             "be.undisputed_b2b_report_wait_days"]}


def route_document(ctx: "DocumentContext") -> Iterator[Finding]:
    route = ROUTE_DOCUMENTS.get(ctx.doc)
    if route is None:
        return
    case = ctx.case
    decision = decide_route(route, case, ctx.statement, ctx.as_of)
    ctx.decisions.append(decision)        # needs_input / unconfirmed: document_checks.decision_finding
    for code, message in decision.result.reasons:
        if code == "insolvency":          # INSOLVENCY-STAY says it, with the declaration to make
            continue
        yield Finding(RULE, "error", BASIS[route], f"{ctx.doc}: the route is not open ({code}): {message}.",
                      _PATHS.get(code, "procedure"))
    if decision.result.reasons and any(code == "jurisdiction" for code in decision.result.codes):
        return
    if route != "petites_creances" and instructed_bailiff(case) is None:
        who = "commissaire de justice" if case.jurisdiction == "FR" else "huissier de justice"
        yield Finding("ROUTE-BAILIFF-UNNAMED", "error", BASIS[route],
                      f"{ctx.doc}: the document is addressed to the {who} instructed; state their name and "
                      "address in procedure.bailiff (kind: bailiff)", "procedure.bailiff")
    ctx.uses += TABLES[route]
    doubtful = [m for m in mentions(route) if m.unconfirmed]
    if doubtful:
        severity = "warning" if ctx.accept_unconfirmed else "error"
        tail = (" (accepted with --accept-unconfirmed)" if ctx.accept_unconfirmed else
                ": confirm them against the official text or pass --accept-unconfirmed")
        yield Finding("UNCONFIRMED-LEGAL-DATA", severity, BASIS[route],
                      f"{ctx.doc}: the document states rules docgen could not confirm ("
                      + "; ".join(f"{m.basis}: {m.source}" for m in doubtful) + f"){tail}", f"data:{FILE}")


DOCUMENT_RULES = [route_document]
