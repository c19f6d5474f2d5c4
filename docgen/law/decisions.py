"""The legal decisions a document prints, each made once here from the case and the data.

``render`` and the templates only print these values. Each function returns a ``Decision``
(docgen.law.decision) whose status tells whether the document may print it as is.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..errors import DocgenError
from ..model.case import Case
from .be import first_reminder
from .decision import Decision
from .deadlines import add_days
from .parameters import parameter
from .regime import regime_for
from .statement import Statement


@dataclass(frozen=True)
class RateChoice:
    """The late-interest rate of the case on the as-of day, as every document must state it.

    ``kind``: l441_10 | contractual | legal_natural_person | legal_other | be_2002 | be_legal |
    be_legal_over_cap (a Belgian consumer clause above the cap, replaced by the legal rate) | none.
    ``running``: interest already accrues on the as-of day (FR B2C: after the formal notice;
    BE B2C: after the free first reminder's period); otherwise the rate is the one that will run.
    """

    kind: str
    percent: Decimal | None
    basis: str
    running: bool

    def to_dict(self) -> dict:
        return {"kind": self.kind, "percent": None if self.percent is None else str(self.percent),
                "basis": self.basis, "running": self.running}


def decide_rate(case: Case, as_of: date, statement: Statement, *, assume_last: bool = False) -> Decision:
    """The rate the statement applies (or will apply) on ``as_of``, from the regime's one rule."""
    kind, source = regime_for(case).rate_source(case)
    running = any(line.last == as_of for line in statement.interest)
    if source is None:
        return Decision("rate", RateChoice("none", None, "", False), "case file: contract.late_interest.basis = none",
                        inputs={"contract.late_interest.basis": "none"}, stated=True)
    period = source.periods(as_of, as_of, assume_last=assume_last)[0]
    if kind == "contractual" and period.basis != getattr(source, "basis", period.basis):
        kind = "be_legal_over_cap"
    li = case.contract.late_interest if case.contract else None
    inputs = {"jurisdiction": case.jurisdiction, "relationship": case.relationship,
              "creditor.kind": case.creditor.kind,
              "contract.late_interest.basis": li.basis if li else "statutory (default)"}
    source_text = "; ".join(period.notes)
    return Decision("rate", RateChoice(kind, period.rate_percent, period.basis, running), period.basis,
                    status="unconfirmed" if period.unconfirmed else "decided", inputs=inputs,
                    stated=kind == "contractual", source=source_text,
                    message=source_text)


@dataclass(frozen=True)
class ReminderLevel:
    level: int           # 1 or 2
    sent_before: int     # reminders already sent for the open invoices
    free_first: bool     # BE B2C: this reminder is THE free first reminder of CDE XIX.2


def decide_reminder_level(case: Case, as_of: date, statement: Statement, requested: int | None) -> Decision:
    """The reminder level the history calls for, and whether a requested level is allowed.

    Level 1 when no reminder was sent since the oldest open invoice fell due, else level 2. A
    reminder after a formal notice, a level contradicting the history, and a second free first
    reminder to a Belgian consumer (it would reopen the CDE XIX.2 period and announce a smaller
    lump sum than already claimed) are refused: the decision then needs input (``--level``).
    """
    open_numbers = {b.invoice for b in statement.invoices if b.outstanding > 0 or b.interest > b.interest_paid}
    open_invoices = [i for i in case.invoices if i.number in open_numbers and i.due_date < as_of]
    oldest_due = min((i.due_date for i in open_invoices), default=as_of)
    sent = [e for e in case.events_of("reminder_sent") if oldest_due < e.date <= as_of]
    notices = [e for e in case.events_of("formal_notice_sent") if oldest_due < e.date <= as_of]
    history = 1 if not sent else 2
    level = requested or history
    inputs = {"reminders_sent": str(len(sent)), "formal_notices_sent": str(len(notices)),
              "requested_level": str(requested or "")}
    consumer_be = case.jurisdiction == "BE" and case.relationship == "B2C"
    free_first = consumer_be and level == 1
    basis = "CDE XIX.2" if consumer_be else "history of the case"
    result = ReminderLevel(level, len(sent), free_first)
    if level not in (1, 2):
        return Decision("reminder_level", result, basis, status="needs_input", field="--level", inputs=inputs,
                        message=f"a reminder has level 1 or 2, not {level}")
    if notices:
        return Decision("reminder_level", result, basis, status="needs_input", field="events", inputs=inputs,
                        message=f"a formal notice was already sent on {notices[-1].date}: the next step is not a "
                                "reminder (send the formal notice again, or the court request)")
    if consumer_be and level == 1 and any(first_reminder(case, inv) is not None
                                          and first_reminder(case, inv).date <= as_of for inv in open_invoices):
        return Decision("reminder_level", result, basis, status="needs_input", field="--level", inputs=inputs,
                        message="a free first reminder (CDE XIX.2) was already sent for these invoices: a second "
                                "one would reopen its 14-day period; send a level-2 reminder or the formal notice")
    if requested is not None and requested != history:
        return Decision("reminder_level", result, basis, status="needs_input", field="--level", inputs=inputs,
                        message=f"the history calls for a level-{history} reminder "
                                f"({len(sent)} reminder(s) already sent), not level {requested}")
    return Decision("reminder_level", result, basis, inputs=inputs, stated=requested is not None)


@dataclass(frozen=True)
class Deadline:
    days: int
    day: date

    def to_dict(self) -> dict:
        return {"days": self.days, "date": self.day.isoformat()}


def decide_notice_deadline(case: Case, as_of: date, *, days: int | None = None,
                           collector_minimum: bool = False, assume_last: bool = False) -> Decision:
    """The payment deadline a formal notice gives: ``days`` (option) or the data's default, never
    shorter than the Belgian minimum for a consumer notice by a collector, lawyer or bailiff."""
    default = parameter("docgen.formal_notice_days").at(as_of, assume_last=assume_last)
    chosen = int(days) if days else default.value
    basis, source, status = default.source, default.source, "decided"
    if days:
        basis = "option days"
    if collector_minimum:
        minimum = parameter("be.collector_notice_min_days").at(as_of, assume_last=assume_last)
        basis = "CDE XIX.7 § 2"
        source = minimum.source
        if minimum.unconfirmed:
            status = "unconfirmed"
        chosen = max(chosen, minimum.value)
    if chosen < 1:
        raise DocgenError(f"a payment deadline of {chosen} days is not a deadline")
    return Decision("notice_deadline", Deadline(chosen, add_days(as_of, chosen, case.jurisdiction)), basis,
                    status=status, inputs={"days_option": str(days or "")}, stated=bool(days), source=source)
