"""The décompte: what is owed on a day, to the cent, line by line with its legal basis.

Conventions (spec/case-file.md): simple interest; a line covers [from, to] inclusive and
``days = to - from + 1``; lines split at every 1 Jan / 1 Jul, at every rate change and at
every payment or credit note touching the invoice; each line is rounded half-up to the
cent and totals are sums of rounded lines. Payments go to the designated invoice, else to
the oldest due invoice; within an invoice interest first (C. civ. 1343-1) unless the case
says principal_first. Fixed indemnities are separate lines that payments never consume.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..errors import CaseValidationError, Problem
from ..model.case import Case
from .calendar import ONE_DAY, days_in_year, split_at_semesters
from .money import HUNDRED, ZERO, as_str, cents, percent_str
from .regime import IndemnityLine, InterestTerms, Ledger, regime_for


@dataclass(frozen=True)
class InterestLine:
    invoice: str
    first: date
    last: date
    days: int
    rate_percent: Decimal
    basis: str
    balance: Decimal
    amount: Decimal
    unconfirmed: bool = False

    def to_dict(self) -> dict:
        return {"invoice": self.invoice, "from": self.first.isoformat(), "to": self.last.isoformat(),
                "days": self.days, "rate_percent": percent_str(self.rate_percent), "basis": self.basis,
                "balance": as_str(self.balance), "amount": as_str(self.amount), "unconfirmed": self.unconfirmed}


@dataclass(frozen=True)
class InvoiceBalance:
    """Where one invoice stands: what the statement's totals are made of."""

    invoice: str
    amount: Decimal
    credited: Decimal
    paid: Decimal            # principal paid
    outstanding: Decimal
    interest: Decimal
    interest_paid: Decimal

    def to_dict(self) -> dict:
        return {"invoice": self.invoice, "amount": as_str(self.amount), "credited": as_str(self.credited),
                "paid": as_str(self.paid), "outstanding": as_str(self.outstanding),
                "interest": as_str(self.interest), "interest_paid": as_str(self.interest_paid)}


@dataclass(frozen=True)
class Statement:
    as_of: date
    currency: str
    principal: Decimal
    credited: Decimal
    paid: Decimal
    outstanding_principal: Decimal
    interest: tuple[InterestLine, ...]
    interest_total: Decimal
    interest_paid: Decimal
    indemnities: tuple[IndemnityLine, ...]
    indemnities_total: Decimal
    indemnities_paid: Decimal
    total_due: Decimal
    warnings: tuple[str, ...]
    invoices: tuple[InvoiceBalance, ...] = ()

    @property
    def interest_outstanding(self) -> Decimal:
        return self.interest_total - self.interest_paid

    def to_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(), "currency": self.currency,
            "principal": as_str(self.principal), "credited": as_str(self.credited),
            "paid": as_str(self.paid), "outstanding_principal": as_str(self.outstanding_principal),
            "interest": [line.to_dict() for line in self.interest],
            "interest_total": as_str(self.interest_total), "interest_paid": as_str(self.interest_paid),
            "indemnities": [{"invoice": i.invoice, "kind": i.kind, "basis": i.basis, "amount": as_str(i.amount),
                             **({"base": as_str(i.base), "base_date": i.base_date.isoformat()}
                                if i.base is not None and i.base_date else {})}
                            for i in self.indemnities],
            "indemnities_total": as_str(self.indemnities_total),
            "indemnities_paid": as_str(self.indemnities_paid),
            "total_due": as_str(self.total_due), "warnings": list(self.warnings),
            "invoices": [i.to_dict() for i in self.invoices],
        }


@dataclass
class _Account:
    """One invoice being worked through time."""

    ledger: Ledger
    terms: InterestTerms | None
    accrued_through: date | None
    lines: list[InterestLine] = field(default_factory=list)
    interest_paid: Decimal = ZERO
    credited: Decimal = ZERO

    def balance_summary(self) -> "InvoiceBalance":
        inv = self.ledger.invoice
        return InvoiceBalance(inv.number, inv.amount, self.credited,
                              inv.amount - self.credited - self.ledger.balance, self.ledger.balance,
                              sum((line.amount for line in self.lines), ZERO), self.interest_paid)

    @property
    def interest_due(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO) - self.interest_paid

    @property
    def open(self) -> bool:
        return self.ledger.balance > 0 or self.interest_due > 0


class _Engine:
    def __init__(self, case: Case, as_of: date, assume_last: bool):
        self.case, self.as_of, self.assume_last = case, as_of, assume_last
        self.regime = regime_for(case)
        self.warnings: list[str] = []
        self.accessories_paid = ZERO
        self.last_overflow: tuple[int, Decimal, date] | None = None
        self.accounts: list[_Account] = []
        for inv in case.invoices:
            if inv.issue_date > as_of:
                continue
            terms, notes = self.regime.interest_terms(case, inv)
            self.warnings += notes
            self.accounts.append(_Account(Ledger(inv, inv.amount), terms, terms.start if terms else None))

    def account(self, number: str) -> _Account | None:
        return next((a for a in self.accounts if a.ledger.invoice.number == number), None)

    def accrue(self, acc: _Account, through: date) -> None:
        if acc.terms is None or acc.accrued_through is None or through <= acc.accrued_through:
            return
        first = acc.accrued_through + ONE_DAY
        acc.accrued_through = through
        if acc.ledger.balance <= 0:
            return
        for period in acc.terms.periods.periods(first, through, assume_last=self.assume_last):
            for note in period.notes:
                if note not in self.warnings:
                    self.warnings.append(note)
            for p_first, p_last in split_at_semesters(period.first, period.last):
                days = (p_last - p_first).days + 1
                year = 365 if self.case.interest_day_count == "actual/365" else days_in_year(p_first.year)
                amount = cents(acc.ledger.balance * period.rate_percent / HUNDRED * days / year)
                acc.lines.append(InterestLine(acc.ledger.invoice.number, p_first, p_last, days,
                                              period.rate_percent, period.basis, acc.ledger.balance, amount,
                                              period.unconfirmed))

    def reduce_principal(self, acc: _Account, day: date, amount: Decimal, *, credit: bool = False) -> None:
        ledger = acc.ledger
        if credit:
            acc.credited += amount
        ledger.balance -= amount
        ledger.history.append((day, ledger.balance))
        if ledger.balance == 0 and ledger.settled_on is None:
            ledger.settled_on = day

    def credit(self, index: int, day: date, invoice: str, amount: Decimal) -> None:
        acc = self.account(invoice)
        if acc is None:
            raise CaseValidationError([Problem(f"credit_notes[{index}].invoice", f"no invoice numbered '{invoice}'")])
        self.accrue(acc, day)
        if amount > acc.ledger.balance:
            raise CaseValidationError([Problem(
                f"credit_notes[{index}].amount",
                f"the credit note ({amount}) exceeds what remains of invoice {invoice} on {day} ({acc.ledger.balance})")])
        self.reduce_principal(acc, day, amount, credit=True)

    def pay(self, index: int, day: date, amount: Decimal, designated: str | None) -> None:
        order = sorted(self.accounts, key=lambda a: (a.ledger.invoice.due_date > day, a.ledger.invoice.due_date,
                                                    a.ledger.invoice.issue_date))
        first = self.account(designated) if designated else None
        if first is not None:
            order.remove(first)
            order.insert(0, first)
        remaining = amount
        for acc in order:
            if remaining == 0:
                break
            self.accrue(acc, day)
            if not acc.open:
                continue
            for part in (("interest", "principal") if self.case.imputation == "interest_first"
                         else ("principal", "interest")):
                owed = acc.interest_due if part == "interest" else acc.ledger.balance
                taken = min(remaining, owed)
                if taken <= 0:
                    continue
                remaining -= taken
                if part == "interest":
                    acc.interest_paid += taken
                else:
                    self.reduce_principal(acc, day, taken)
        if remaining > 0:
            # Principal and interest are settled: what is left goes to the indemnities.
            self.accessories_paid += remaining
            self.last_overflow = (index, amount, day)

    def run(self) -> Statement:
        case, as_of = self.case, self.as_of
        moves = [(cn.date, 0, i, cn) for i, cn in enumerate(case.credit_notes) if cn.date <= as_of]
        moves += [(p.date, 1, i, p) for i, p in enumerate(case.payments) if p.date <= as_of]
        for day, kind, index, item in sorted(moves, key=lambda m: (m[0], m[1], m[2])):
            if kind == 0:
                self.credit(index, day, item.invoice, item.amount)
            else:
                self.pay(index, day, item.amount, item.invoice)
        for acc in self.accounts:
            self.accrue(acc, as_of)
        ledgers = [a.ledger for a in self.accounts]
        indemnities, notes = self.regime.indemnities(case, ledgers, as_of, assume_last=self.assume_last)
        self.warnings += [n for n in notes if n not in self.warnings]
        lines = tuple(line for acc in self.accounts for line in acc.lines)
        principal = sum((a.ledger.invoice.amount for a in self.accounts), ZERO)
        credited = sum((m[3].amount for m in moves if m[1] == 0), ZERO)
        paid = sum((m[3].amount for m in moves if m[1] == 1), ZERO)
        outstanding = sum((a.ledger.balance for a in self.accounts), ZERO)
        interest_total = sum((line.amount for line in lines), ZERO)
        interest_paid = sum((a.interest_paid for a in self.accounts), ZERO)
        indemnities_total = sum((i.amount for i in indemnities), ZERO)
        if self.accessories_paid > indemnities_total and self.last_overflow:
            index, amount, day = self.last_overflow
            raise CaseValidationError([Problem(
                f"payments[{index}].amount",
                f"the payments exceed everything owed by {self.accessories_paid - indemnities_total} "
                f"(last one: {amount} on {day}); docgen does not keep a credit balance")])
        return Statement(
            as_of=as_of, currency=case.currency, principal=principal, credited=credited, paid=paid,
            outstanding_principal=outstanding, interest=lines, interest_total=interest_total,
            interest_paid=interest_paid, indemnities=tuple(indemnities), indemnities_total=indemnities_total,
            indemnities_paid=self.accessories_paid,
            total_due=outstanding + interest_total - interest_paid + indemnities_total - self.accessories_paid,
            warnings=tuple(self.warnings), invoices=tuple(a.balance_summary() for a in self.accounts))


def compute_statement(case: Case, as_of: date, *, assume_last_rate: bool = False) -> Statement:
    """The statement of ``case`` as it stood at the end of ``as_of``.

    Credit notes, payments and invoices dated after ``as_of`` are left out, so an earlier
    day gives the historical statement. Raises StaleRateTableError when a rate table does
    not reach ``as_of`` (unless ``assume_last_rate``), CaseValidationError when a payment
    exceeds everything owed.
    """
    return _Engine(case, as_of, assume_last_rate).run()
