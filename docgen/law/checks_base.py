"""What every compliance rule module shares (Finding, Context, Rule and their helpers) and the
rules common to all jurisdictions; ``checks.py`` runs them with checks_fr.py / checks_be.py,
which import this module and not ``checks.py``, so that no module imports its importer.

``run_checks`` runs the common rules below, then the rules registered for the case's
(jurisdiction, relationship) in checks_fr.py / checks_be.py. A rule is a function of a
``Context`` yielding ``Finding``s; its rule id is a stable public name (scripts filter on it),
so a rule may be reworded but never renamed.
"""
from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property

from ..errors import LegalDataError, StaleRateTableError
from ..model.case import Case, Event, Invoice
from .calendar import ONE_DAY, split_at_semesters
from .money import ZERO
from .parameters import DatedValue, parameter
from .prescription import Limitation, case_limitations, principal_imputation
from .statement import Statement, compute_statement

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: str          # error | warning | info
    basis: str             # the article the rule rests on
    message: str           # plain English: what is wrong and what to do
    path: str | None = None

    def to_dict(self) -> dict:
        return {"rule_id": self.rule_id, "severity": self.severity, "basis": self.basis,
                "message": self.message, "path": self.path}


Rule = Callable[["Context"], Iterable[Finding]]


class Context:
    """The case plus what several rules need, each computed once and only if asked for."""

    def __init__(self, case: Case, as_of: date, statement: Statement | None):
        self.case, self.as_of = case, as_of
        self._given = statement
        self.data_findings: list[Finding] = []

    @cached_property
    def statement(self) -> Statement | None:
        """The statement, or None (with a finding saying why) when it cannot be computed.

        A stale rate table must not hide every other finding, so the statement is then
        recomputed with the last known rate and STALE-RATE-TABLE says so.
        """
        if self._given is not None:
            return self._given
        try:
            return self._compute(assume_last=False)
        except StaleRateTableError as exc:
            self.data_findings.append(Finding(
                "STALE-RATE-TABLE", "warning", f"rate table {exc.table}",
                f"docgen's {exc.table} table is known only until {exc.last_valid}; the checks below use its last "
                "known value after that day. Update docgen before sending any figure."))
            return self._compute(assume_last=True)

    def _compute(self, *, assume_last: bool) -> Statement | None:
        try:
            return compute_statement(self.case, self.as_of, assume_last_rate=assume_last)
        except StaleRateTableError:
            raise
        except LegalDataError as exc:
            self.data_findings.append(Finding(
                "STATEMENT-UNAVAILABLE", "warning", "docgen legal tables",
                f"the statement cannot be computed ({exc.message}); the checks that need figures were skipped."))
            return None

    @cached_property
    def balances(self) -> dict[str, Decimal]:
        return principal_imputation(self.case, self.as_of)[0]

    @cached_property
    def limitations(self) -> list[Limitation]:
        return case_limitations(self.case, self.as_of)

    def is_open(self, invoice: Invoice) -> bool:
        return self.balances.get(invoice.number, ZERO) > 0

    def overdue(self) -> list[tuple[int, Invoice]]:
        return [(i, inv) for i, inv in enumerate(self.case.invoices)
                if inv.due_date < self.as_of and inv.issue_date <= self.as_of and self.is_open(inv)]

    def events(self, *types: str) -> list[tuple[int, Event]]:
        """``(index in the case file, event)`` up to ``as_of``, by date."""
        found = [(i, e) for i, e in enumerate(self.case.events)
                 if e.date <= self.as_of and (not types or e.type in types)]
        return sorted(found, key=lambda item: item[1].date)

    def injunction_wanted(self) -> bool:
        procedure = self.case.procedure
        return (procedure is not None and procedure.kind == "injunction") or bool(self.events("injunction_filed"))

    def fees(self) -> list[tuple[int, Event]]:
        return [(i, e) for i, e in self.events() if e.fee is not None and e.fee > 0]

    def invoice_path(self, number: str) -> str:
        index = next(i for i, inv in enumerate(self.case.invoices) if inv.number == number)
        return f"invoices[{index}]"

    def semesters(self) -> list[date]:
        """First days of the semesters the interest covers: the statement's lines, or without a
        statement, every semester from the earliest overdue invoice to ``as_of``."""
        if self.statement is not None:
            return sorted({semester_start(line.first) for line in self.statement.interest})
        overdue = self.overdue()
        if not overdue:
            return []
        first = min(inv.due_date for _, inv in overdue) + ONE_DAY
        return [semester_start(day) for day, _ in split_at_semesters(first, self.as_of)]


def event_label(event: Event) -> str:
    return event.type.removesuffix("_sent").replace("_", " ")


def semester_start(day: date) -> date:
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def table_value(name: str, day: date) -> DatedValue | None:
    """A table's entry on ``day``; past the end of a dated table, the last one marked unconfirmed;
    None before the table starts."""
    try:
        return parameter(name).at(day)
    except StaleRateTableError:
        return replace(parameter(name).at(day, assume_last=True), unconfirmed=True)
    except LegalDataError:
        return None


# ---- common rules --------------------------------------------------------------------------

def data_quality(ctx: Context) -> Iterator[Finding]:
    st = ctx.statement       # computing it first records STALE-RATE-TABLE / STATEMENT-UNAVAILABLE
    yield from ctx.data_findings
    if st is None:
        return
    if any("known until" in w for w in st.warnings) and not ctx.data_findings:
        yield Finding("STALE-RATE-TABLE", "warning", "docgen legal tables",
                      "the statement uses the last known rate past the end of a rate table; update docgen "
                      "before sending any figure.")
    unconfirmed = [w for w in st.warnings if "unconfirmed" in w]
    if unconfirmed:
        yield Finding("UNCONFIRMED-RATE", "info", "docgen legal tables",
                      "the statement uses rates not yet confirmed by an official publication: "
                      + "; ".join(unconfirmed) + ". Check them before sending figures.")


def prescription(ctx: Context) -> Iterator[Finding]:
    warn_days = parameter("docgen.prescription_warning_days").at(ctx.as_of).value
    how = {"FR": "a formal notice does not interrupt it (Cass. com. 18 May 2022): serve an injonction de payer, "
                 "sue, or obtain a written acknowledgement or a payment",
           "BE": "sue or serve a summons, obtain a written acknowledgement or a payment, or have your lawyer or "
                 "bailiff send the one-off formal notice of ancien C. civ. 2244 § 2"}[ctx.case.jurisdiction]
    try:
        limitations = ctx.limitations
    except LegalDataError as exc:
        yield Finding("PRESCRIPTION-UNKNOWN", "warning", "docgen legal tables",
                      f"the limitation periods cannot be computed ({exc.message}); check them by hand.")
        return
    for lim in limitations:
        if not ctx.is_open(lim.invoice):
            continue
        path = ctx.invoice_path(lim.invoice.number)
        if lim.prescribed(ctx.as_of):
            yield Finding("PRESCRIBED", "error", lim.basis,
                          f"invoice {lim.invoice.number} is time-barred: the last day to act was {lim.deadline}. "
                          "Do not claim it in court or threaten to; the debtor may still pay it voluntarily.", path)
        elif lim.days_left(ctx.as_of) <= warn_days:
            yield Finding("PRESCRIPTION-NEAR", "warning", lim.basis,
                          f"invoice {lim.invoice.number} will be time-barred after {lim.deadline} "
                          f"({lim.days_left(ctx.as_of)} days left){_earlier(lim)}; {how}.", path)
        elif (lim.earliest_deadline - ctx.as_of).days <= warn_days:
            yield Finding("PRESCRIPTION-NEAR", "warning", lim.basis,
                          f"invoice {lim.invoice.number} is time-barred after {lim.deadline} counting from its due "
                          f"date{_earlier(lim)}; {how}.", path)


def _earlier(lim: Limitation) -> str:
    if lim.earliest_deadline >= lim.deadline:
        return ""
    return (f", but after {lim.earliest_deadline} if the period started when the work or service was completed "
            "(case law, to verify)")


def injunction_notice(ctx: Context) -> Iterator[Finding]:
    if not ctx.injunction_wanted():
        return
    if any(e.proof for _, e in ctx.events("formal_notice_sent")):
        return
    basis = {"FR": "CPC 1407 (décompte and pièces of the requête); C. civ. 1344",
             "BE": "C. jud. 1339 (prior summons, on pain of nullity)"}[ctx.case.jurisdiction]
    yield Finding("INJUNCTION-WITHOUT-NOTICE-PROOF", "error", basis,
                  "an injunction is wanted but no formal notice with a proof of sending is recorded: send one "
                  "(registered letter or bailiff) and add a formal_notice_sent event with its proof before filing.",
                  "events")


def undisputed_procedure(ctx: Context) -> Iterator[Finding]:
    if ctx.case.procedure is None or ctx.case.procedure.kind != "undisputed_b2b":
        return
    basis = {"FR": "CPCE L126-1 (créances commerciales incontestées)",
             "BE": "C. jud. 1394/20 (dettes d'argent non contestées)"}[ctx.case.jurisdiction]
    if ctx.case.relationship != "B2B":
        yield Finding("UNDISPUTED-B2B-NOT-AVAILABLE", "error", basis,
                      "the undisputed-debt procedure exists only between businesses; use an injunction or a "
                      "court claim against a consumer.", "procedure.kind")
    disputes = ctx.events("dispute_raised")
    if disputes:
        index, event = disputes[-1]
        yield Finding("UNDISPUTED-B2B-NOT-AVAILABLE", "error", basis,
                      f"the debtor disputed the claim on {event.date}: the undisputed-debt procedure would end at "
                      "the first contest; use an injunction or a court claim.", f"events[{index}]")


def payment_term(ctx: Context, table: str, eom_table: str | None = None) -> Iterator[Finding]:
    """B2B agreed payment terms above the statutory maximum (FR L441-10 I, BE loi 2002 art. 4)."""
    ref = parameter(table).reference
    contract = ctx.case.contract
    if contract and contract.payment_terms_days is not None:
        cap = table_value(table, contract.date or ctx.case.invoices[0].issue_date)
        if cap is not None and contract.payment_terms_days > cap.value:
            yield Finding("PAYMENT-TERM-TOO-LONG", "warning", ref,
                          f"the contract's payment term ({contract.payment_terms_days} days) exceeds the legal "
                          f"maximum of {cap.value} days: check the clause with a lawyer before relying on it.",
                          "contract.payment_terms_days")
    for i, inv in enumerate(ctx.case.invoices):
        cap = table_value(table, inv.issue_date)
        days = (inv.due_date - inv.issue_date).days
        if cap is None or days <= cap.value:
            continue
        eom = table_value(eom_table, inv.issue_date) if eom_table else None
        if eom is not None and inv.due_date <= _end_of_month_limit(inv.issue_date, eom.value):
            yield Finding("PAYMENT-TERM-TOO-LONG", "info", ref,
                          f"invoice {inv.number} is due {days} days after its date: lawful only if "
                          f"'{eom.value} days end of month' was expressly agreed (and sector rules allow it).",
                          f"invoices[{i}].due_date")
            continue
        yield Finding("PAYMENT-TERM-TOO-LONG", "warning", ref,
                      f"invoice {inv.number} is due {days} days after its date, more than the legal maximum of "
                      f"{cap.value} days. {_term_hint(ctx.case.jurisdiction)}", f"invoices[{i}].due_date")


def _end_of_month_limit(issued: date, days: int) -> date:
    """The later of the two customary readings of 'N days end of month'."""
    return max(_month_end(issued) + timedelta(days=days), _month_end(issued + timedelta(days=days)))


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _term_hint(jurisdiction: str) -> str:
    if jurisdiction == "BE":
        return ("The cap runs from receipt of the invoice; a longer clause is réputée non écrite, so the default "
                "term applies and interest may run earlier than this due date.")
    return "Agreeing to it exposes the parties to an administrative fine (C. com. L441-16); do not repeat this term."
