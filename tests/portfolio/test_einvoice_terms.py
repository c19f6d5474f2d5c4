"""Payment terms (BT-20) read as a paralegal would: the derived due date and the penalty rate
proposal, on the wordings French and Belgian invoices use, and on any text at all."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.portfolio.importing.einvoice.terms import derived_due_date, penalty_proposal

ISSUE = date(2026, 1, 15)


@pytest.mark.parametrize(("terms", "due"), [
    ("Paiement à 45 jours", date(2026, 3, 1)),
    ("30 jours fin de mois", date(2026, 2, 28)),
    ("Net 30", date(2026, 2, 14)),
    ("Betalingstermijn: 14 dagen netto.", date(2026, 1, 29)),
    ("Payable à réception", ISSUE),
    (None, date(2026, 2, 14)),
])
def test_derived_due_date(terms: str | None, due: date) -> None:
    found, finding = derived_due_date(ISSUE, terms)
    assert found == due
    assert finding.startswith("no due date (BT-9)")


@pytest.mark.parametrize(("text", "rate", "period"), [
    ("Pénalités de retard : 12 % l'an", Decimal("12"), "year"),
    ("Intérêts de retard au taux de 1,5 % par mois", Decimal("18"), "month"),
    ("Verwijlinterest: 10% per jaar.", Decimal("10"), "year"),
    ("Late payment interest 8%", Decimal("8"), "unstated"),
    ("Pénalités de retard : trois fois le taux d'intérêt légal", None, "legal-multiple"),
])
def test_penalty_proposal(text: str, rate: Decimal | None, period: str) -> None:
    proposal = penalty_proposal(text)
    assert proposal is not None
    assert (proposal.rate_percent, proposal.period) == (rate, period)
    assert "confirm" in proposal.describe() or "not applied" in proposal.describe()


def test_no_proposal_without_a_penalty_word() -> None:
    assert penalty_proposal("Remise de 2 % pour paiement anticipé", None) is None


@given(st.text(max_size=300), st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)))
def test_any_text_gives_a_due_date_on_or_after_issue_and_never_raises(text: str, issue: date) -> None:
    due, finding = derived_due_date(issue, text)
    assert issue <= due <= date(2100, 12, 31) and finding
    proposal = penalty_proposal(text)
    assert proposal is None or proposal.rate_percent is None or proposal.rate_percent >= 0
