"""Belgian law: the law of 2 August 2002 in B2B; Book XIX of the CDE for consumers."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..model.case import Case, Event, Invoice
from .deadlines import be_consumer_window
from .fr import fixed_indemnities
from .money import HUNDRED, ZERO, cents
from .parameters import parameter
from .regime_base import (FixedRate, IndemnityLine, InterestTerms, RatePeriod, RateSource, Regime,
                     TableRate)

BASIS = {
    "fr": {
        "b2b_rate": "loi du 2 août 2002, art. 5 : taux BCE + 8 points (semestriel)",
        "b2b_contract": "loi du 2 août 2002, art. 5 : taux convenu au contrat",
        "b2b_indemnity": "loi du 2 août 2002, art. 6 : indemnité forfaitaire",
        "legal_rate": "C. civ. art. 5.240 ; loi du 5 mai 1865 : taux d'intérêt légal",
        "b2c_contract": "CDE art. XIX.4 : taux contractuel (plafonné au taux de la loi du 2 août 2002)",
        "b2c_over_cap": "CDE art. XIX.4 : clause au-delà du plafond réputée non écrite, taux d'intérêt légal",
        "lump_sum": "CDE art. XIX.4 : indemnité forfaitaire prévue au contrat (barème légal)",
    },
    "nl": {
        "b2b_rate": "wet van 2 augustus 2002, art. 5: ECB-rente + 8 procentpunten (halfjaarlijks)",
        "b2b_contract": "wet van 2 augustus 2002, art. 5: contractueel bedongen rente",
        "b2b_indemnity": "wet van 2 augustus 2002, art. 6: forfaitaire schadevergoeding",
        "legal_rate": "BW art. 5.240; wet van 5 mei 1865: wettelijke interestvoet",
        "b2c_contract": "WER art. XIX.4: contractuele rente (begrensd tot de rente van de wet van 2 augustus 2002)",
        "b2c_over_cap": "WER art. XIX.4: beding boven het plafond voor niet geschreven gehouden, wettelijke rente",
        "lump_sum": "WER art. XIX.4: in het contract bedongen forfaitaire vergoeding (wettelijke schaal)",
    },
}

ELECTRONIC = ("email", "registered_email")


def _basis(case: Case, key: str) -> str:
    return BASIS[case.language][key]


class BelgiumB2B(Regime):
    def rate_source(self, case: Case):
        li = case.contract.late_interest if case.contract else None
        if li and li.basis == "none":
            return "none", None
        if li and li.basis == "contractual":
            return "contractual", FixedRate(li.rate_percent, _basis(case, "b2b_contract"))
        return "be_2002", TableRate("be.late_payment_rate", _basis(case, "b2b_rate"))

    def interest_terms(self, case: Case, invoice: Invoice):
        _, source = self.rate_source(case)
        if source is None:
            return None, [f"invoice {invoice.number}: no late interest computed, as the case file says"]
        return InterestTerms(invoice.due_date, source), []

    def indemnities(self, case, ledgers, as_of, *, assume_last):
        return fixed_indemnities(ledgers, as_of, "be.b2b_recovery_indemnity", _basis(case, "b2b_indemnity")), []


class CappedContractRate(RateSource):
    """Book XIX: a contractual rate counts only up to the 2002-law rate of each semester;
    above it the clause is void and the legal rate applies instead."""

    def __init__(self, rate: Decimal, case: Case):
        self.rate = rate
        self.cap = TableRate("be.late_payment_rate", "")
        self.legal = TableRate("be.legal_rate", _basis(case, "b2c_over_cap"))
        self.basis = _basis(case, "b2c_contract")

    def periods(self, first: date, last: date, *, assume_last: bool) -> list[RatePeriod]:
        out = []
        for cap in self.cap.periods(first, last, assume_last=assume_last):
            if self.rate <= cap.rate_percent:
                out.append(RatePeriod(cap.first, cap.last, self.rate, self.basis, cap.notes, cap.unconfirmed,
                                      relies_on=cap.relies_on))
            else:
                out += self.legal.periods(cap.first, cap.last, assume_last=assume_last)
        return out


def first_reminder(case: Case, invoice: Invoice, *, free_only: bool = True) -> Event | None:
    """The first reminder sent after the due date. By default only a free one counts: a reminder
    that charged a fee does not open the CDE XIX.2 window (docgen check flags it)."""
    return next((e for e in case.events_of("reminder_sent")
                 if e.date > invoice.due_date and not (free_only and e.fee)), None)


def window(event: Event) -> tuple[date, date, date]:
    return be_consumer_window(event.date, event.channel or "letter")


class BelgiumB2C(Regime):
    def rate_source(self, case: Case):
        li = case.contract.late_interest if case.contract else None
        if li and li.basis == "none":
            return "none", None
        if li and li.basis == "contractual":
            return "contractual", CappedContractRate(li.rate_percent, case)
        return "be_legal", TableRate("be.legal_rate", _basis(case, "legal_rate"))

    def interest_terms(self, case: Case, invoice: Invoice):
        _, source = self.rate_source(case)
        if source is None:
            return None, []
        reminder = first_reminder(case, invoice)
        if reminder is None:
            return None, [f"invoice {invoice.number}: no free first reminder recorded, so nothing beyond the "
                          "principal can be claimed yet (CDE XIX.2)"]
        _, last_day, _ = window(reminder)
        return InterestTerms(last_day, source), []

    def indemnities(self, case, ledgers, as_of, *, assume_last):
        if not (case.contract and case.contract.lump_sum_clause):
            return [], []
        groups: dict[date, list] = {}
        reminders: dict[date, Event] = {}
        for ledger in ledgers:
            reminder = first_reminder(case, ledger.invoice)
            if reminder is None:
                continue
            _, last_day, claimable = window(reminder)
            if as_of >= claimable:
                groups.setdefault(last_day, []).append(ledger)
                reminders[last_day] = reminder
        lines = []
        for last_day, group in sorted(groups.items()):
            # One lump sum per reminder, on what was still unpaid when its 14 days ran out.
            balance = sum((ledger.balance_on(last_day) for ledger in group), ZERO)
            amount = lump_sum(balance, last_day)
            if amount > 0:
                numbers = ", ".join(ledger.invoice.number for ledger in group)
                lines.append(IndemnityLine(numbers, "consumer_lump_sum", _basis(case, "lump_sum"), amount,
                                           base=balance, base_date=last_day))
        return lines, []


def lump_sum(balance: Decimal, day: date) -> Decimal:
    """Maximum Book XIX lump sum on an outstanding balance (brackets and cap from the data)."""
    if balance <= 0:
        return ZERO
    scale = parameter("be.b2c_lump_sum").at(day).value
    for bracket in scale["brackets"]:
        up_to = bracket["up_to"]
        if up_to is None or balance <= Decimal(up_to):
            amount = Decimal(bracket["fixed"]) + (balance - Decimal(bracket["over"])) * Decimal(bracket["percent"]) / HUNDRED
            return cents(min(amount, Decimal(scale["cap"])))
    raise AssertionError("the last bracket of be.b2c_lump_sum must be open-ended")
