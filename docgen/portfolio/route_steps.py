"""The agenda's follow-up of a bailiff route once its act is recorded (pure): the deadline comes from
docgen.law.routes_deadlines (dated tables with their sources), the follow-up falls on the first day
the next step is possible.

- ``small_claims_request_sent``: after the debtor's month to answer the commissaire de justice, ask
  for the outcome (an agreement gives a title; silence or refusal ends the procedure, and a later
  court request is exempt from the CPC 750-1 prior attempt);
- ``commandement_served`` / ``sommation_served``: on the first day of the procès-verbal de
  non-contestation (1 month + 8 days from the service), ask the commissaire / huissier for it.
"""
from __future__ import annotations

from datetime import timedelta

from ..law.routes_deadlines import ROUTE_EVENTS, decide_route_deadline
from ..model.case import Case, Event
from .next_action import NextAction

# The document each route's step generates (docgen.law.routes_documents maps them back).
ROUTE_DOCUMENT = {"petites_creances": "requete_petites_creances", "l126": "requete_l126",
                  "undisputed_b2b": "instruction_huissier"}
LABELS = {
    "follow_up_small_claims": "ask the commissaire de justice for the outcome: the debtor's month to answer has run",
    "request_report": "ask for the procès-verbal de non-contestation (the debtor's period has run)",
}


def route_follow_up(case: Case, event: Event) -> NextAction:
    decision = decide_route_deadline(case, event)
    result = decision.result
    stage = ROUTE_EVENTS[event.type][0]
    if result is None:
        return NextAction(stage, "follow_up_bailiff", "ask the bailiff for news", event.date, note=decision.message)
    flag = " (unconfirmed)" if decision.status == "unconfirmed" else ""
    if result.report_from is None:
        return NextAction(stage, "follow_up_small_claims", LABELS["follow_up_small_claims"],
                          result.answer_end + timedelta(days=1), deadline=result.answer_end,
                          note=f"the debtor may answer until {result.answer_end} ({result.months} month(s), "
                               f"{decision.basis}{flag}); counted from the request of {event.date}: the month runs "
                               "from the commissaire's invitation. No agreement: the injunction is open without "
                               "the CPC 750-1 prior attempt")
    return NextAction(stage, "request_report", LABELS["request_report"], result.report_from,
                      deadline=result.answer_end,
                      note=f"the debtor may pay or contest until {result.answer_end} ({result.months} month(s) from "
                           f"the service of {event.date}, {decision.basis}{flag}); the procès-verbal de "
                           f"non-contestation from {result.report_from} (+{result.wait_days} days)")
