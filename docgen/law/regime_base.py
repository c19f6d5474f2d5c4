"""What differs between jurisdictions and relationships, behind one small interface: the
types a regime (fr.py, be.py) builds on, apart from ``regime.py``'s choice among them so that
no regime imports the module that imports it.

The statement engine (statement.py) knows the computation conventions; a *regime*
(fr.py, be.py) knows the law: from when an invoice bears interest, at which rate and on
what basis, and which indemnities are owed. ``regime_for`` picks one by table lookup.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from ..model.case import Case, Invoice
from .parameters import DatedValue, Parameter, parameter


class TableEntry(NamedTuple):
    """One dated entry of a legal table, as a computation relied on it."""

    table: str
    entry: DatedValue


@dataclass(frozen=True)
class RatePeriod:
    first: date
    last: date
    rate_percent: Decimal
    basis: str
    notes: tuple[str, ...] = ()      # warnings for the statement (unconfirmed, assumed ...)
    unconfirmed: bool = False        # documents footnote such a rate
    relies_on: tuple[TableEntry, ...] = ()   # the table entries this rate was read or capped from


@dataclass(frozen=True)
class InterestTerms:
    """``start`` is the last day that does NOT bear interest (days = to - start)."""

    start: date
    periods: "RateSource"


@dataclass(frozen=True)
class IndemnityLine:
    invoice: str
    kind: str
    basis: str
    amount: Decimal
    base: Decimal | None = None       # the balance a scale was applied to (Book XIX lump sum)
    base_date: date | None = None     # the day that balance was taken


@dataclass
class Ledger:
    """What happened to one invoice's principal, as the engine imputed it."""

    invoice: Invoice
    balance: Decimal
    history: list[tuple[date, Decimal]] = field(default_factory=list)   # (day, balance after)
    settled_on: date | None = None

    def balance_on(self, day: date) -> Decimal:
        """Principal still owed at the end of ``day``."""
        value = self.invoice.amount
        for when, after in self.history:
            if when <= day:
                value = after
        return value


class RateSource:
    """Rates over a range of days: a dated table, a fixed contractual rate, or a mix."""

    def periods(self, first: date, last: date, *, assume_last: bool) -> list[RatePeriod]:
        raise NotImplementedError


class TableRate(RateSource):
    def __init__(self, name: str, basis: str):
        self.table: Parameter = parameter(name)
        self.basis = basis

    def periods(self, first: date, last: date, *, assume_last: bool) -> list[RatePeriod]:
        out = []
        known_until = self.table.last_value_still_valid_on
        for p_first, p_last, value in self.table.periods(first, last, assume_last=assume_last):
            notes = []
            if value.unconfirmed:
                notes.append(f"{self.table.name}: the value {value.value} % from {value.start} is unconfirmed "
                             f"({value.source})")
            if known_until and p_last > known_until:
                notes.append(f"{self.table.name}: known until {known_until}; the last known rate is assumed after it")
            out.append(RatePeriod(p_first, p_last, Decimal(value.value), self.basis, tuple(notes),
                                  unconfirmed=bool(notes), relies_on=(TableEntry(self.table.name, value),)))
        return out


class FixedRate(RateSource):
    def __init__(self, rate: Decimal, basis: str):
        self.rate, self.basis = rate, basis

    def periods(self, first: date, last: date, *, assume_last: bool) -> list[RatePeriod]:
        return [RatePeriod(first, last, self.rate, self.basis)]


class Regime:
    """Base regime: no interest, no indemnity. Subclasses override what their law provides."""

    def rate_source(self, case: Case) -> tuple[str, RateSource | None]:
        """Which rate the case's late interest runs at: ``(kind, source)``.

        ``kind`` names the rule for documents (``l441_10``, ``contractual``, ``legal_natural_person``,
        ``legal_other``, ``be_2002``, ``be_legal``, ``none``); the statement and every letter use this
        one answer, so a letter can never announce a rate the décompte does not apply.
        """
        return "none", None

    def interest_terms(self, case: Case, invoice: Invoice) -> tuple[InterestTerms | None, list[str]]:
        return None, []

    def indemnities(self, case: Case, ledgers: list[Ledger], as_of: date, *,
                    assume_last: bool) -> tuple[list[IndemnityLine], list[str]]:
        return [], []
