"""Limitation periods (prescription) of each invoice and what interrupted them (pure).

Conventions, stated once:
- The period starts on the invoice's due date: the next day is the first on which the
  creditor could act (the claim is exigible), and the day of the starting event is not
  counted (FR C. civ. 2228). The ``deadline`` is the anniversary date, the last day on
  which the creditor can still act; the claim is time-barred from the day after
  (C. civ. 2229: "acquise lorsque le dernier jour du terme est accompli").
- The deadline is never moved to the next working day: whether CPC 642 / C. jud. 53
  extend a limitation period is not settled, and an earlier deadline is the safe side.
- Events do not name invoices. A formal notice or a served injunction is taken to concern
  every invoice already due on its date; a signed payment plan every invoice issued by then.
- Whenever the law is uncertain, the shorter reading is kept and the doubt goes to ``notes``:
  a tool that overstates the time left makes the creditor lose the claim.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import MAXYEAR, date
from decimal import Decimal
from typing import NamedTuple

from ..model.case import Case, Invoice
from .deadlines import add_months
from .money import ZERO
from .parameters import parameter

PERIOD_TABLES = {
    ("FR", "B2B"): ("fr.prescription_years.b2b", "C. com. L110-4 I"),
    ("FR", "B2C"): ("fr.prescription_years.b2c", "C. conso. L218-2"),
    ("BE", "B2B"): ("be.prescription_years.general", "ancien C. civ. 2262bis § 1 al. 1"),
    ("BE", "B2C"): ("be.prescription_years.general", "ancien C. civ. 2262bis § 1 al. 1"),
}
QUALIFIED_SENDERS = frozenset({"lawyer", "bailiff"})
QUALIFIED_CHANNELS = frozenset({"registered_letter", "bailiff"})


class Interruption(NamedTuple):
    day: date
    event: str
    effect: str


@dataclass(frozen=True)
class Limitation:
    invoice: Invoice
    period_years: int             # the statutory period; an interruption may open a shorter one (BE 2244 § 2)
    start: date
    deadline: date                # last day on which the creditor can still act
    basis: str
    interrupted_by: tuple[Interruption, ...]
    notes: tuple[str, ...]
    earliest_deadline: date       # under the shorter plausible reading of the start (FR B2C); else = deadline

    def days_left(self, as_of: date) -> int:
        return (self.deadline - as_of).days

    def prescribed(self, as_of: date) -> bool:
        return as_of > self.deadline


def add_years(day: date, years: int) -> date:
    """Same day ``years`` later; 29 February becomes 28 February (the earlier, safe choice).

    Past the calendar's last year the result is its last day: case dates are bounded far below
    (docgen.model.types.MAX_DAY), so this only keeps a direct caller from an overflow.
    """
    if day.year + years > MAXYEAR:
        return date.max
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class _Step(NamedTuple):
    day: date
    event: str
    kind: str        # acknowledgement | court | formal_notice | filed | bailiff
    channel: str | None = None


def principal_imputation(case: Case, as_of: date) -> tuple[dict[str, Decimal], dict[str, list[date]]]:
    """``(principal still owed per invoice, days of payments that certainly reached it)``.

    Principal only: the interest the statement engine imputes first is ignored, so balances
    may be slightly low. An undesignated payment is counted as reaching only the first open
    invoice in the legal order (due first, C. civ. 1342-10): had interest absorbed part of it,
    it may not have reached the next one, and a payment must not be assumed to acknowledge
    an invoice it perhaps never touched.
    """
    invoices = [inv for inv in case.invoices if inv.issue_date <= as_of]
    balance = {inv.number: inv.amount for inv in invoices}
    reached: dict[str, list[date]] = {inv.number: [] for inv in invoices}
    moves = [(cn.date, 0, i, cn) for i, cn in enumerate(case.credit_notes) if cn.date <= as_of]
    moves += [(p.date, 1, i, p) for i, p in enumerate(case.payments) if p.date <= as_of]
    for day, kind, _, item in sorted(moves, key=lambda m: m[:3]):
        if kind == 0:
            if item.invoice in balance:
                balance[item.invoice] = max(ZERO, balance[item.invoice] - item.amount)
            continue
        order = sorted(invoices, key=lambda inv: (inv.due_date > day, inv.due_date, inv.issue_date))
        if item.invoice in balance:
            reached[item.invoice].append(day)
            order = [case.invoice(item.invoice)] + [inv for inv in order if inv.number != item.invoice]
        remaining, first = item.amount, item.invoice is None
        for inv in order:
            if remaining <= 0:
                break
            taken = min(remaining, balance[inv.number])
            if taken > 0:
                balance[inv.number] -= taken
                remaining -= taken
                if first:
                    reached[inv.number].append(day)
                    first = False
    return balance, reached


def _steps(case: Case, invoice: Invoice, as_of: date, paid_on: list[date]) -> Iterator[_Step]:
    for day in paid_on:
        yield _Step(day, "payment", "acknowledgement")
    kinds = {"payment_plan_signed": "acknowledgement", "injunction_served": "court",
             "formal_notice_sent": "formal_notice", "injunction_filed": "filed",
             "bailiff_instructed": "bailiff"}
    for event in case.events_of(*kinds):
        if event.date > as_of:
            continue
        if event.type == "payment_plan_signed" and invoice.issue_date > event.date:
            continue
        yield _Step(event.date, event.type, kinds[event.type], event.channel)


class _Run:
    """One invoice's period, moved forward event by event."""

    def __init__(self, case: Case, invoice: Invoice, years: int, start: date):
        self.case, self.invoice, self.years = case, invoice, years
        self.start = start
        self.deadline = add_years(self.start, years)
        self.interruptions: list[Interruption] = []
        self.notes: list[str] = []
        self.qualified_notice_used = False

    def restart(self, step: _Step, new_deadline: date, effect: str) -> None:
        self.deadline = max(self.deadline, new_deadline)
        self.interruptions.append(Interruption(step.day, step.event, f"{effect}; now runs until {self.deadline}"))

    def france(self, step: _Step) -> None:
        if step.kind == "acknowledgement":
            long_stop = parameter("fr.prescription_long_stop_years").at(self.start).value
            cap, new = add_years(self.start, long_stop), add_years(step.day, self.years)
            effect = (f"acknowledgement of the debt (C. civ. 2240): a new {self.years}-year period runs "
                      f"(C. civ. 2231)")
            if new > cap:
                new, effect = cap, effect + f", capped at {long_stop} years from the due date (C. civ. 2232)"
            self.restart(step, new, effect)
        elif step.kind == "court":
            late = self.served_too_late(step.day)
            if late:
                self.notes.append(f"the injonction de payer served on {step.day} was served after {late}, the end of "
                                  "the CPC 1411 delay: the ordonnance is non avenue and docgen does not count "
                                  "the service as interrupting")
                return
            self.restart(step, add_years(step.day, self.years),
                         "service of the injonction de payer (C. civ. 2241); the interruption lasts until the "
                         "proceedings end (C. civ. 2242), so the date shown is the minimum")
        elif step.kind == "formal_notice":
            self.notes.append(f"the formal notice of {step.day} does not interrupt prescription in France "
                              "(Cass. com. 18 May 2022, n° 20-23.204)")
        elif step.kind == "filed":
            self.notes.append(f"filing the injonction de payer on {step.day} does not interrupt prescription: "
                              "its service (signification) does")
        else:
            self.notes.append(f"instructing a bailiff on {step.day} does not interrupt prescription by itself: "
                              "a court claim or an enforcement act does (C. civ. 2241, 2244)")

    def served_too_late(self, served: date) -> date | None:
        granted = [e.date for e in self.case.events_of("injunction_granted") if e.date <= served]
        if not granted:
            return None
        months = parameter("fr.injunction_service_months").at(granted[-1]).value
        deadline = add_months(granted[-1], months, "FR")
        return deadline if served > deadline else None

    def belgium(self, step: _Step) -> None:
        if step.kind == "acknowledgement":
            self.restart(step, add_years(step.day, self.years),
                         f"acknowledgement of the debt (ancien C. civ. 2248): a new {self.years}-year period runs")
        elif step.kind == "court":
            self.restart(step, add_years(step.day, self.years),
                         "service of the order (ancien C. civ. 2244 § 1); the interruption lasts until the "
                         "proceedings end, so the date shown is the minimum")
        elif step.kind == "formal_notice":
            reason = self.unqualified(step)
            if reason:
                self.notes.append(f"the formal notice of {step.day} does not interrupt prescription: {reason}")
                return
            self.qualified_notice_used = True
            years = parameter("be.prescription_interruption_years").at(step.day).value
            self.restart(step, add_years(step.day, years),
                         f"formal notice by the creditor's {self.case.creditor.represented_by.kind} (ancien C. civ. "
                         f"2244 § 2): a new {years}-year period, never ending before the previous deadline; "
                         "only if the letter carries the mentions of 2244 § 2 (check it)")
        elif step.kind == "bailiff":
            self.notes.append(f"instructing a bailiff on {step.day} does not interrupt prescription by itself: "
                              "a citation, commandement or seizure does (ancien C. civ. 2244 § 1)")

    def unqualified(self, step: _Step) -> str | None:
        rep = self.case.creditor.represented_by
        address = self.case.debtor.address
        if self.qualified_notice_used:
            return "ancien C. civ. 2244 § 2 can be used only once"
        if rep is None or rep.kind not in QUALIFIED_SENDERS:
            return "only a notice sent by the creditor's lawyer or bailiff counts (ancien C. civ. 2244 § 2)"
        if step.channel not in QUALIFIED_CHANNELS:
            return (f"sent by {step.channel or 'an unrecorded channel'}, not by registered letter or bailiff "
                    "(ancien C. civ. 2244 § 2)")
        if address is None or address.country != "BE":
            return "ancien C. civ. 2244 § 2 applies only to a debtor domiciled in Belgium"
        if step.day < parameter("be.prescription_interruption_years").values[0].start:
            return "sent before ancien C. civ. 2244 § 2 came into force"
        return None


def limitation(case: Case, invoice: Invoice, as_of: date, *,
               _reached: dict[str, list[date]] | None = None) -> Limitation:
    """The limitation period of ``invoice`` as it stands at the end of ``as_of``."""
    table, basis = PERIOD_TABLES[(case.jurisdiction, case.relationship)]
    years = parameter(table).at(invoice.due_date).value
    if _reached is None:
        _reached = principal_imputation(case, as_of)[1]
    steps = sorted(_steps(case, invoice, as_of, _reached.get(invoice.number, [])), key=lambda s: s.day)
    run = _walk(case, invoice, years, invoice.due_date, steps)
    earliest, doubts = DOUBTS.get((case.jurisdiction, case.relationship), _no_doubt)(case, invoice, years, steps)
    return Limitation(invoice, years, run.start, run.deadline, basis, tuple(run.interruptions),
                      tuple(run.notes + doubts), earliest or run.deadline)


def _walk(case: Case, invoice: Invoice, years: int, start: date, steps: list[_Step]) -> _Run:
    run = _Run(case, invoice, years, start)
    step_in = HANDLERS[case.jurisdiction]
    for step in steps:
        if step.day <= run.start:
            continue     # before the period starts there is nothing to interrupt
        if step.day > run.deadline:
            run.notes.append(f"{step.event} of {step.day} came after the claim was time-barred "
                             f"({run.deadline}): it cannot interrupt a prescription already acquired")
            continue
        step_in(run, step)
    return run


def _no_doubt(case: Case, invoice: Invoice, years: int,
              steps: list[_Step]) -> tuple[date | None, list[str]]:
    return None, []


def _fr_consumer_start(case: Case, invoice: Invoice, years: int,
                       steps: list[_Step]) -> tuple[date | None, list[str]]:
    if invoice.issue_date >= invoice.due_date:
        return None, []
    # The case file does not record when the work or service was completed; the issue date is
    # the latest day it can have been, so counting from it bounds that reading.
    earliest = _walk(case, invoice, years, invoice.issue_date, steps).deadline
    return earliest, [f"case law may start the {years} years when the work or service was completed (Cass. 1re "
                      f"civ., 19 May 2021, to verify), before the due date: counted from the issue date, the "
                      f"claim would be time-barred after {earliest}"]


def _be_consumer_goods(case: Case, invoice: Invoice, years: int,
                       steps: list[_Step]) -> tuple[date | None, list[str]]:
    short = parameter("be.prescription_years.consumer_goods").at(invoice.due_date)
    return None, [f"for goods sold by a merchant to a private person, ancien C. civ. 2272 al. 2 may bar the claim "
                  f"after {short.value} year ({add_years(invoice.due_date, short.value)}) (unconfirmed; a "
                  "presumption of payment the debtor can be put to oath on, art. 2275); docgen uses the general "
                  "period"]


HANDLERS = {"FR": _Run.france, "BE": _Run.belgium}
DOUBTS = {("FR", "B2C"): _fr_consumer_start, ("BE", "B2C"): _be_consumer_goods}


def case_limitations(case: Case, as_of: date) -> list[Limitation]:
    """One Limitation per invoice issued by ``as_of``, in the case file's order."""
    reached = principal_imputation(case, as_of)[1]
    return [limitation(case, inv, as_of, _reached=reached) for inv in case.invoices if inv.issue_date <= as_of]


def outstanding_principal(case: Case, as_of: date) -> dict[str, Decimal]:
    return principal_imputation(case, as_of)[0]
