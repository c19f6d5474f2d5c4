"""Hand-computed statements: the arithmetic is written next to each expected figure.

Rates used (docgen/data): FR L441-10 2023-S2 14.00, 2024-S1 14.50, 2024-S2 14.25, 2025-S1 13.15,
2025-S2 12.15; FR legal rate "autres cas" 2025-S1 3.71, 2025-S2 2.76; BE 2002-law rate
2024/1 and 2024/2 12.5, 2025/1 11.5, 2023/2 12; BE legal rate 2023 5.25, 2024 5.75.
"""
from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal as D

import pytest

from docgen.errors import CaseValidationError
from docgen.law.statement import compute_statement
from docgen.model.validate import load_case

from lawkit import BE_CREDITOR, FR_CREDITOR, PERSON  # noqa: E402
from lawkit import FR_COMPANY as COMPANY  # noqa: E402


def make_case(tmp_path, jurisdiction, relationship, invoices, **extra):
    data = {"schema_version": 1, "reference": "T-1", "jurisdiction": jurisdiction,
            "language": "fr", "relationship": relationship,
            "creditor": copy.deepcopy(FR_CREDITOR if jurisdiction == "FR" else BE_CREDITOR),
            "debtor": copy.deepcopy(PERSON if relationship == "B2C" else COMPANY),
            "contract": {"reference": "Contrat 1"}, "invoices": invoices, **extra}
    return load_case(data, base_dir=tmp_path)


def inv(number, issued, due, amount):
    return {"number": number, "issue_date": issued, "due_date": due, "amount": amount}


def lines(st):
    return [(l.first.isoformat(), l.last.isoformat(), l.days, str(l.rate_percent), str(l.amount)) for l in st.interest]


def test_reference_15_1_fr_b2b_across_semesters(tmp_path):
    case = make_case(tmp_path, "FR", "B2B", [inv("F1", "2024-10-16", "2024-11-15", "10000.00")])
    st = compute_statement(case, date(2025, 8, 15))
    assert lines(st) == [
        ("2024-11-16", "2024-12-31", 46, "14.25", "179.59"),   # 10000 x 14.25 % x 46/365 = 179.589
        ("2025-01-01", "2025-06-30", 181, "13.15", "652.10"),  # 10000 x 13.15 % x 181/365 = 652.096
        ("2025-07-01", "2025-08-15", 46, "12.15", "153.12"),   # 10000 x 12.15 % x 46/365 = 153.123
    ]
    assert st.interest_total == D("984.81")
    assert [(i.kind, i.amount) for i in st.indemnities] == [("fixed_recovery_indemnity", D("40"))]
    assert st.total_due == D("11024.81")
    assert all("L441-10" in l.basis for l in st.interest)


def test_fr_b2b_leap_year_credit_note_and_partial_payment(tmp_path):
    case = make_case(tmp_path, "FR", "B2B", [inv("A", "2023-12-01", "2023-12-31", "2400.00")],
                     credit_notes=[{"number": "AV1", "date": "2024-01-20", "amount": "200.00", "invoice": "A"}],
                     payments=[{"date": "2024-03-10", "amount": "1000.00", "invoice": "A"}])
    st = compute_statement(case, date(2024, 7, 31))
    assert lines(st) == [
        ("2024-01-01", "2024-01-20", 20, "14.50", "19.07"),    # 2400 x 14.5 % x 20/365 = 19.068
        ("2024-01-21", "2024-03-10", 50, "14.50", "43.70"),    # 2200 x 14.5 % x 50/365 (29 Feb) = 43.699
        ("2024-03-11", "2024-06-30", 112, "14.50", "56.18"),   # 1262.77 x 14.5 % x 112/365 = 56.185
        ("2024-07-01", "2024-07-31", 31, "14.25", "15.28"),    # 1262.77 x 14.25 % x 31/365 = 15.283
    ]
    # The payment of 1000 pays the 62.77 of interest accrued so far, then 937.23 of principal.
    assert st.interest_paid == D("62.77")
    assert st.outstanding_principal == D("1262.77")
    assert st.interest_total == D("134.23")
    assert st.total_due == D("1374.23")   # 2400 - 200 - 1000 + 134.23 + 40


def test_fr_b2b_actual_actual_divides_by_366_in_a_leap_year(tmp_path):
    case = make_case(tmp_path, "FR", "B2B", [inv("A", "2023-12-01", "2023-12-31", "2400.00")],
                     interest_day_count="actual/actual")
    st = compute_statement(case, date(2024, 1, 31))
    assert lines(st) == [("2024-01-01", "2024-01-31", 31, "14.50", "29.48")]   # 2400 x 14.5 % x 31/366 = 29.475


def test_fr_b2c_legal_rate_from_receipt_of_formal_notice_with_payment(tmp_path):
    case = make_case(tmp_path, "FR", "B2C", [inv("C1", "2025-03-01", "2025-03-31", "1500.00")],
                     events=[{"type": "formal_notice_sent", "date": "2025-05-02", "channel": "registered_letter"},
                             {"type": "formal_notice_received", "date": "2025-05-06"}],
                     payments=[{"date": "2025-08-15", "amount": "300.00"}])
    st = compute_statement(case, date(2025, 9, 30))
    assert lines(st) == [
        ("2025-05-07", "2025-06-30", 55, "3.71", "8.39"),    # 1500 x 3.71 % x 55/365 = 8.386
        ("2025-07-01", "2025-08-15", 46, "2.76", "5.22"),    # 1500 x 2.76 % x 46/365 = 5.218
        ("2025-08-16", "2025-09-30", 46, "2.76", "4.22"),    # 1213.61 x 2.76 % x 46/365 = 4.221
    ]
    assert st.indemnities == ()                              # no EUR 40 from a consumer
    assert st.interest_paid == D("13.61")
    assert st.total_due == D("1217.83")                       # 1500 - 300 + 17.83


def test_fr_b2c_without_formal_notice_bears_no_interest(tmp_path):
    case = make_case(tmp_path, "FR", "B2C", [inv("C1", "2025-03-01", "2025-03-31", "1500.00")])
    st = compute_statement(case, date(2025, 9, 30))
    assert st.interest == () and st.total_due == D("1500.00")
    assert any("no formal notice" in w for w in st.warnings)


def test_be_b2b_2002_law_rate_and_indemnity(tmp_path):
    case = make_case(tmp_path, "BE", "B2B", [inv("B1", "2024-04-15", "2024-05-15", "5000.00")])
    st = compute_statement(case, date(2025, 2, 28))
    assert lines(st) == [
        ("2024-05-16", "2024-06-30", 46, "12.5", "78.77"),    # 5000 x 12.5 % x 46/365 = 78.767
        ("2024-07-01", "2024-12-31", 184, "12.5", "315.07"),  # 5000 x 12.5 % x 184/365 = 315.068
        ("2025-01-01", "2025-02-28", 59, "11.5", "92.95"),    # 5000 x 11.5 % x 59/365 = 92.945
    ]
    assert st.indemnities_total == D("40")
    assert st.total_due == D("5526.79")


def test_be_b2c_nothing_before_the_14_day_window_then_capped_rate_and_lump_sum(tmp_path):
    case = make_case(tmp_path, "BE", "B2C", [inv("N1", "2023-08-11", "2023-09-11", "1000.00")],
                     contract={"reference": "Contract", "lump_sum_clause": True,
                               "late_interest": {"basis": "contractual", "rate_percent": "8.00"}},
                     events=[{"type": "reminder_sent", "date": "2023-09-18", "channel": "letter"}])
    # Posted Monday 18 Sept 2023: the window runs 21 Sept - 4 Oct; claimable from 5 Oct.
    before = compute_statement(case, date(2023, 10, 4))
    assert before.interest == () and before.indemnities == () and before.total_due == D("1000.00")
    st = compute_statement(case, date(2024, 1, 31))
    assert lines(st) == [
        ("2023-10-05", "2023-12-31", 88, "8.00", "19.29"),   # 1000 x 8 % x 88/365 = 19.288
        ("2024-01-01", "2024-01-31", 31, "8.00", "6.79"),    # 1000 x 8 % x 31/365 = 6.794
    ]
    assert [i.amount for i in st.indemnities] == [D("90.00")]  # 65 + 5 % x (1000 - 500)
    assert st.total_due == D("1116.08")


def test_be_b2c_contract_rate_above_the_cap_falls_back_to_the_legal_rate(tmp_path):
    case = make_case(tmp_path, "BE", "B2C", [inv("N1", "2023-08-11", "2023-09-11", "1000.00")],
                     contract={"reference": "Contract", "late_interest": {"basis": "contractual", "rate_percent": "15.00"}},
                     events=[{"type": "reminder_sent", "date": "2023-09-18", "channel": "email"}])
    # E-mailed: the window starts the next day, 19 Sept, and ends 2 Oct.
    st = compute_statement(case, date(2024, 1, 31))
    assert lines(st) == [
        ("2023-10-03", "2023-12-31", 90, "5.25", "12.95"),   # 1000 x 5.25 % x 90/365 = 12.945
        ("2024-01-01", "2024-01-31", 31, "5.75", "4.88"),    # 1000 x 5.75 % x 31/365 = 4.884
    ]
    assert st.indemnities == ()                               # no lump-sum clause


def test_undesignated_payment_goes_to_the_oldest_due_invoice(tmp_path):
    case = make_case(tmp_path, "FR", "B2B", [inv("NEW", "2024-02-01", "2024-03-02", "500.00"),
                                             inv("OLD", "2024-01-01", "2024-01-31", "500.00")],
                     contract={"reference": "C", "late_interest": {"basis": "none"}},
                     payments=[{"date": "2024-03-05", "amount": "500.00"}])
    st = compute_statement(case, date(2024, 6, 1))
    assert st.outstanding_principal == D("500.00")
    ledgers = {l.invoice for l in st.interest}
    assert ledgers == set()


def test_payment_exceeding_everything_owed_is_an_input_error(tmp_path):
    case = make_case(tmp_path, "FR", "B2B", [inv("A", "2024-01-01", "2024-01-31", "100.00")],
                     payments=[{"date": "2024-01-15", "amount": "100.00"}, {"date": "2024-01-20", "amount": "5.00"}])
    with pytest.raises(CaseValidationError) as info:
        compute_statement(case, date(2024, 6, 1))
    assert info.value.problems[0].path == "payments[1].amount"


def test_items_dated_after_as_of_are_left_out(tmp_path):
    case = make_case(tmp_path, "FR", "B2B", [inv("A", "2024-01-01", "2024-01-31", "100.00")],
                     payments=[{"date": "2024-05-15", "amount": "100.00"}])
    assert compute_statement(case, date(2024, 3, 1)).paid == D("0")
