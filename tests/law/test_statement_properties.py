"""Properties every statement must have, whatever the figures (hypothesis)."""
from __future__ import annotations

import copy
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.law.calendar import split_at_semesters
from docgen.law.money import cents
from docgen.law.statement import compute_statement
from docgen.model.validate import load_case

BASE = {
    "schema_version": 1, "reference": "P-1", "language": "fr",
    "creditor": {"kind": "company", "name": "Créancier", "email": "a@b.example",
                 "address": {"street": "1 rue A", "postcode": "75001", "city": "Paris", "country": "FR"}},
    "debtor": {"kind": "company", "name": "Débiteur", "email": "c@d.example",
               "address": {"street": "2 rue B", "postcode": "75002", "city": "Paris", "country": "FR"}},
    "contract": {"reference": "C"},
}
REGIMES = [("FR", "B2B"), ("FR", "B2C"), ("BE", "B2B"), ("BE", "B2C")]

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("250000"), places=2)
days = st.dates(min_value=date(2023, 9, 1), max_value=date(2026, 6, 30))


@st.composite
def cases(draw):
    jurisdiction, relationship = draw(st.sampled_from(REGIMES))
    data = copy.deepcopy(BASE)
    data.update(jurisdiction=jurisdiction, relationship=relationship)
    invoices = []
    for n in range(draw(st.integers(1, 3))):
        issued = draw(days)
        due = issued + timedelta(days=draw(st.integers(0, 60)))
        invoices.append({"number": f"F{n}", "issue_date": issued.isoformat(), "due_date": due.isoformat(),
                         "amount": str(draw(amounts))})
    data["invoices"] = invoices
    first_due = min(date.fromisoformat(i["due_date"]) for i in invoices)
    notice = first_due + timedelta(days=draw(st.integers(1, 120)))
    data["events"] = [{"type": "reminder_sent", "date": notice.isoformat(), "channel": "letter"},
                      {"type": "formal_notice_sent", "date": notice.isoformat(), "channel": "registered_letter"}]
    if relationship == "B2C" and jurisdiction == "BE":
        data["contract"] = {"reference": "C", "lump_sum_clause": draw(st.booleans())}
    return data


def _load(data):
    return load_case(data, base_dir=None)


def _days_after(data, n):
    last = max(date.fromisoformat(i["due_date"]) for i in data["invoices"])
    return last + timedelta(days=n)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(cases(), st.integers(0, 700))
def test_total_is_never_negative_and_adds_up(data, n):
    s = compute_statement(_load(data), _days_after(data, n), assume_last_rate=True)
    assert s.total_due >= 0
    assert s.total_due == (s.principal - s.credited - s.paid + s.interest_total + s.indemnities_total)


@SETTINGS
@given(cases(), st.integers(0, 400), st.integers(1, 400))
def test_interest_never_decreases_as_as_of_moves_forward(data, n, later):
    case = _load(data)
    early = compute_statement(case, _days_after(data, n), assume_last_rate=True)
    late = compute_statement(case, _days_after(data, n + later), assume_last_rate=True)
    assert late.interest_total >= early.interest_total
    assert late.indemnities_total >= early.indemnities_total


@SETTINGS
@given(cases(), st.integers(0, 500))
def test_paying_the_full_total_leaves_nothing_due(data, n):
    as_of = _days_after(data, n)
    before = compute_statement(_load(data), as_of, assume_last_rate=True)
    paid = copy.deepcopy(data)
    paid["payments"] = [{"date": as_of.isoformat(), "amount": str(before.total_due)}]
    after = compute_statement(_load(paid), as_of, assume_last_rate=True)
    assert after.total_due == 0
    assert after.outstanding_principal == 0


@settings(max_examples=300, deadline=None)
@given(amounts, st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 31)), st.integers(1, 900),
       st.decimals(min_value=Decimal("0"), max_value=Decimal("20"), places=2), st.data())
def test_splitting_a_period_changes_the_sum_by_at_most_rounding(balance, start, length, rate, data):
    end = start + timedelta(days=length - 1)
    cut = data.draw(st.dates(min_value=start, max_value=end - timedelta(days=1))) if length > 1 else None

    def interest(first, last):
        return sum((cents(balance * rate / 100 * ((b - a).days + 1) / 365) for a, b in split_at_semesters(first, last)),
                   Decimal(0))

    whole = interest(start, end)
    if cut is None:
        return
    parts = interest(start, cut) + interest(cut + timedelta(days=1), end)
    pieces = len(split_at_semesters(start, end)) + 1
    assert abs(whole - parts) <= Decimal("0.01") * pieces
