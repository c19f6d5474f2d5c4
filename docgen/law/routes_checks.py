"""``docgen check`` on the route the case file plans (``procedure.kind: undisputed_b2b`` or ``small_claims``): the
eligibility decision of docgen.law.routes, each unmet condition a finding with its field. The
conditions the common rule ``undisputed_procedure`` already reports (consumer, dispute) are not
repeated. Rule ids are public names: ROUTE-NOT-ELIGIBLE, ROUTE-UNCONFIRMED."""
from __future__ import annotations

from collections.abc import Iterator

from .checks_base import Context, Finding
from .routes import BASIS, chosen_route, decide_route

RULE = "ROUTE-NOT-ELIGIBLE"
_PATHS = {"creditor_not_registered": "creditor.registration", "debtor_not_registered": "debtor.registration",
          "creditor_not_merchant": "creditor.legal_form", "debtor_not_merchant": "debtor.legal_form",
          "no_lawyer": "creditor.represented_by", "insolvency": "insolvency", "not_due": "invoices",
          "accessories_over_cap": "procedure.kind", "not_in_force": "procedure.kind", "over_cap": "invoices",
          "disputed": "events", "not_due": "invoices"}
# UNDISPUTED-B2B-NOT-AVAILABLE (checks.py) reports these; BE-UNDISPUTED-ACCESSORIES-CAP (checks_be.py) the cap.
_REPORTED_ELSEWHERE = {"not_b2b", "not_professional", "disputed", "jurisdiction", "accessories_over_cap"}


def planned_route(ctx: Context) -> Iterator[Finding]:
    procedure = ctx.case.procedure
    if procedure is None or procedure.kind not in ("undisputed_b2b", "small_claims") or ctx.statement is None:
        return
    route = chosen_route(ctx.case)
    # no other rule looks at the small-claims procedure
    elsewhere = set() if route == "petites_creances" else _REPORTED_ELSEWHERE
    decision = decide_route(route, ctx.case, ctx.statement, ctx.as_of)
    for code, message in decision.result.reasons:
        if code not in elsewhere:
            yield Finding(RULE, "error", BASIS[route], f"the undisputed-debt procedure is not open: {message}.",
                          _PATHS.get(code, "procedure.kind"))
    if decision.result.eligible and decision.status == "unconfirmed":
        yield Finding("ROUTE-UNCONFIRMED", "warning", BASIS[route],
                      f"the planned procedure rests on law docgen could not confirm: {decision.message}.",
                      "procedure.kind")
