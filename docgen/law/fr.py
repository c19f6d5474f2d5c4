"""French law: L441-10 penalties and EUR 40 in B2B; legal interest from the formal notice in B2C."""
from __future__ import annotations

from datetime import date

from ..model.case import Case, Invoice
from .parameters import parameter
from .regime_base import FixedRate, IndemnityLine, InterestTerms, Ledger, Regime, TableRate

L441_10_STATUTORY = "C. com. L441-10 II : taux BCE au 1er janvier / 1er juillet + 10 points"
L441_10_CONTRACTUAL = "C. com. L441-10 II : taux des pénalités fixé par le contrat"
LEGAL_RATE = "C. civ. 1231-6 et 1344-1 ; CMF L313-2 : taux de l'intérêt légal"
D441_5 = "C. com. L441-10 II et D441-5 : indemnité forfaitaire pour frais de recouvrement"


def _late_interest(case: Case):
    contract = case.contract
    return contract.late_interest if contract and contract.late_interest else None


def is_late(ledger: Ledger, as_of: date) -> bool:
    """Unpaid after its due date, or settled only after it."""
    due = ledger.invoice.due_date
    if as_of <= due:
        return False
    return ledger.balance_on(due) > 0


def fixed_indemnities(ledgers: list[Ledger], as_of: date, table: str, basis: str) -> list[IndemnityLine]:
    out = []
    for ledger in ledgers:
        if is_late(ledger, as_of):
            amount = parameter(table).at(ledger.invoice.due_date).value
            out.append(IndemnityLine(ledger.invoice.number, "fixed_recovery_indemnity", basis, amount))
    return out


class FranceB2B(Regime):
    def rate_source(self, case: Case):
        li = _late_interest(case)
        if li and li.basis == "none":
            return "none", None
        if li and li.basis == "contractual":
            return "contractual", FixedRate(li.rate_percent, L441_10_CONTRACTUAL)
        return "l441_10", TableRate("fr.late_payment_rate", L441_10_STATUTORY)

    def interest_terms(self, case: Case, invoice: Invoice):
        _, source = self.rate_source(case)
        if source is None:
            return None, [f"invoice {invoice.number}: no late penalties computed, as the case file says "
                          "(they are due by law, C. com. L441-10 II)"]
        return InterestTerms(invoice.due_date, source), []

    def indemnities(self, case, ledgers, as_of, *, assume_last):
        return fixed_indemnities(ledgers, as_of, "fr.b2b_recovery_indemnity", D441_5), []


def formal_notice_start(case: Case, invoice: Invoice) -> tuple[date | None, list[str]]:
    """The day a formal notice reached the debtor (the sent day, with a warning, if no receipt)."""
    received = [e for e in case.events_of("formal_notice_received") if e.date >= invoice.due_date]
    if received:
        return received[0].date, []
    sent = [e for e in case.events_of("formal_notice_sent") if e.date >= invoice.due_date]
    if sent:
        return sent[0].date, [f"invoice {invoice.number}: no receipt of the formal notice recorded; "
                              f"interest counted from the day it was sent ({sent[0].date})"]
    return None, [f"invoice {invoice.number}: no formal notice yet, so no late interest runs "
                  "(C. civ. 1231-6, 1344-1)"]


class FranceB2C(Regime):
    def rate_source(self, case: Case):
        li = _late_interest(case)
        if li and li.basis == "none":
            return "none", None
        if li and li.basis == "contractual":
            return "contractual", FixedRate(li.rate_percent, "taux contractuel, à compter de la mise en "
                                            "demeure (C. civ. 1231-6, 1344-1)")
        # The higher rate is for a creditor who is a natural person not acting professionally.
        if case.creditor.kind == "person":
            return "legal_natural_person", TableRate("fr.legal_rate.natural_person",
                                                     f"{LEGAL_RATE} (créancier personne physique)")
        return "legal_other", TableRate("fr.legal_rate.other", f"{LEGAL_RATE} (autres cas)")

    def interest_terms(self, case: Case, invoice: Invoice):
        _, source = self.rate_source(case)
        if source is None:
            return None, []
        start, notes = formal_notice_start(case, invoice)
        if start is None:
            return None, notes
        return InterestTerms(start, source), notes

    def indemnities(self, case, ledgers, as_of, *, assume_last):
        # Recovery costs without an enforceable title stay with the creditor (CPCE L111-8).
        return [], []
