"""The deadlines that run once a bailiff route's document has done its work, from the event that
records it (dated tables in docgen/data, each with its source):

- ``small_claims_request_sent`` (FR, CPCE R125-1 s.): the debtor has ``fr.small_claims_answer_months``
  to accept or refuse the commissaire de justice's invitation; silence is a refusal.
- ``commandement_served`` (FR, CPCE L126-2 and L126-3): ``fr.uncontested_claims_payment_months`` to pay
  or contest, then ``fr.uncontested_claims_report_wait_days`` before the procès-verbal de non-contestation.
- ``sommation_served`` (BE, C. jud. 1394/21 s.): ``be.undisputed_b2b_answer_months``, then
  ``be.undisputed_b2b_report_wait_days`` before the procès-verbal de non-contestation.

Each a ``Decision`` whose result is a ``RouteDeadline``; ``unconfirmed`` when a table entry is.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import LegalDataError
from ..model.case import Case, Event
from .deadlines import add_days, add_months
from .decision import Decision
from .parameters import parameter

# event type -> (route, months table, wait-days table or None, basis)
ROUTE_EVENTS = {
    "small_claims_request_sent": ("petites_creances", "fr.small_claims_answer_months", None, "CPCE R125-1 s."),
    "commandement_served": ("l126", "fr.uncontested_claims_payment_months", "fr.uncontested_claims_report_wait_days",
                            "CPCE L126-2, L126-3"),
    "sommation_served": ("undisputed_b2b", "be.undisputed_b2b_answer_months", "be.undisputed_b2b_report_wait_days",
                         "C. jud. 1394/21 s."),
}
JURISDICTION = {"small_claims_request_sent": "FR", "commandement_served": "FR", "sommation_served": "BE"}


@dataclass(frozen=True)
class RouteDeadline:
    route: str
    event: str
    served: date
    answer_end: date                 # the debtor's period ends that day
    report_from: date | None         # the procès-verbal de non-contestation may be drawn up from then
    months: int
    wait_days: int | None

    def to_dict(self) -> dict:
        return {"route": self.route, "event": self.event, "served": self.served.isoformat(),
                "answer_end": self.answer_end.isoformat(),
                "report_from": self.report_from.isoformat() if self.report_from else None,
                "months": self.months, "wait_days": self.wait_days}


def tables(event_type: str) -> list[str]:
    _, months, wait, _ = ROUTE_EVENTS[event_type]
    return [t for t in (months, wait) if t]


def decide_route_deadline(case: Case, event: Event) -> Decision:
    """The debtor's period after ``event`` (one of ROUTE_EVENTS) and, for L126 and 1394/20, the first
    day of the procès-verbal de non-contestation. Periods are counted as the procedure codes count
    them (deadlines.add_months / add_days, moved on to a working day)."""
    route, months_table, wait_table, basis = ROUTE_EVENTS[event.type]
    country = JURISDICTION[event.type]
    try:
        m = parameter(months_table).at(event.date, assume_last=True)
        w = parameter(wait_table).at(event.date, assume_last=True) if wait_table else None
    except LegalDataError as exc:
        return Decision("route_deadline", None, basis, status="needs_input", field="events",
                        message=f"no period in docgen's data for {event.type} of {event.date}: {exc.message}")
    end = add_months(event.date, int(m.value), country)
    report = add_days(end, int(w.value), country) if w is not None else None
    unconfirmed = m.unconfirmed or bool(w and w.unconfirmed)
    source = "; ".join(x.source for x in (m, w) if x is not None)
    return Decision("route_deadline", RouteDeadline(route, event.type, event.date, end, report, int(m.value),
                                                    int(w.value) if w is not None else None),
                    basis, status="unconfirmed" if unconfirmed else "decided", source=source,
                    inputs={"event": event.type, "date": event.date.isoformat()},
                    message="the period rests on unconfirmed data" if unconfirmed else "")
