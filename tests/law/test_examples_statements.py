"""The four bundled examples, as of 2026-10-15, checked against a statement worked out by hand.

Every expected figure below was computed by hand (Decimal and date only, without docgen),
applying spec/case-file.md "Computation conventions": simple interest, a line covers
[from, to] both included, split at each 1 Jan / 1 Jul and at each payment or credit note
touching the invoice (the day of the payment is the last day on the old balance), line =
balance x rate x days / 365 rounded half-up, payments to the designated invoice else the
oldest due one, interest first then principal; fixed indemnities are not consumed.

Rates read in docgen/data (data, not the engine):
  fr.late_payment_rate    2024-S1 14.50, 2024-S2 14.25, 2025-S1 13.15, 2025-S2 12.15,
                          2026-S1 12.15, 2026-S2 12.40 (unconfirmed)
  fr.legal_rate.other     2025-S2 2.76, 2026-S1 2.62, 2026-S2 2.75 (unconfirmed)
  be.late_payment_rate    2025-S1 11.5, 2025-S2 10.5, 2026-S1 10.5, 2026-S2 10.5 (unconfirmed)
  be.legal_rate           2025 4.50, 2026 4.50 (not used: the be-b2c contractual 8 % is under the cap)
  fr./be.b2b_recovery_indemnity 40.00; be.b2c_lump_sum brackets 20 / 30 + 10 % > 150 /
  65 + 5 % > 500, cap 2000.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path


from docgen.law.deadlines import be_consumer_window
from docgen.law.statement import compute_statement
from docgen.model.validate import load_case

AS_OF = date(2026, 10, 15)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
S2_2026 = date(2026, 7, 1)   # first day of the only semester whose rates are flagged unconfirmed


def statement(name: str):
    case = load_case(EXAMPLES / name, as_of=AS_OF)
    return compute_statement(case, AS_OF)


def L(invoice, first, last, days, rate, amount):
    return (invoice, date.fromisoformat(first), date.fromisoformat(last), days, D(rate), D(amount))


def lines(st):
    return [(l.invoice, l.first, l.last, l.days, l.rate_percent, l.amount) for l in st.interest]


def by_invoice(st):
    return {b.invoice: (b.credited, b.paid, b.outstanding, b.interest, b.interest_paid) for b in st.invoices}


def assert_line_shape(st, first_days: dict[str, date]):
    """Per invoice: lines are contiguous, start on the first interest day, end on as_of,
    days = to - from + 1, and no line crosses a 30 June / 31 December."""
    for invoice, first_day in first_days.items():
        mine = [l for l in st.interest if l.invoice == invoice]
        assert mine[0].first == first_day
        assert mine[-1].last == AS_OF
        for prev, nxt in zip(mine, mine[1:]):
            assert (nxt.first - prev.last).days == 1
        for l in mine:
            assert l.days == (l.last - l.first).days + 1
            assert (l.first.month <= 6) == (l.last.month <= 6) and l.first.year == l.last.year


def assert_unconfirmed(st, table: str, value: str):
    for l in st.interest:
        assert l.unconfirmed is (l.first >= S2_2026), l
    assert any(table in w and "unconfirmed" in w and value in w and "2026-07-01" in w for w in st.warnings), \
        st.warnings


# ---------------------------------------------------------------------------------------------
# fr-b2b: 3 invoices, credit note 240 on F-2024-007 (22 Mar 2024), 2000 designated to
# F-2023-118 (30 Apr 2024), 1500 undesignated (12 Jul 2024) -> oldest unpaid = F-2023-118.
# Interest from the day after each due date: 8 Jan, 19 Feb, 15 Apr 2024.
# ---------------------------------------------------------------------------------------------
FR_B2B_LINES = [
    # F-2023-118, due Sun 7 Jan 2024
    L("F-2023-118", "2024-01-08", "2024-04-30", 114, "14.50", "220.10"),  # 4860.00 x 14.50 % x 114 / 365 = 220.098
    # 30 Apr: 2000.00 = 220.10 interest + 1779.90 principal -> 3080.10
    L("F-2023-118", "2024-05-01", "2024-06-30", 61, "14.50", "74.64"),    # 3080.10 x 14.50 % x 61 / 365 = 74.640
    L("F-2023-118", "2024-07-01", "2024-07-12", 12, "14.25", "14.43"),    # 3080.10 x 14.25 % x 12 / 365 = 14.430
    # 12 Jul: 1500.00 = 89.07 interest (74.64 + 14.43) + 1410.93 principal -> 1669.17
    L("F-2023-118", "2024-07-13", "2024-12-31", 172, "14.25", "112.09"),  # 1669.17 x 14.25 % x 172 / 365 = 112.086
    L("F-2023-118", "2025-01-01", "2025-06-30", 181, "13.15", "108.85"),  # 1669.17 x 13.15 % x 181 / 365 = 108.846
    L("F-2023-118", "2025-07-01", "2025-12-31", 184, "12.15", "102.24"),  # 1669.17 x 12.15 % x 184 / 365 = 102.236
    L("F-2023-118", "2026-01-01", "2026-06-30", 181, "12.15", "100.57"),  # 1669.17 x 12.15 % x 181 / 365 = 100.569
    L("F-2023-118", "2026-07-01", "2026-10-15", 107, "12.40", "60.68"),   # 1669.17 x 12.40 % x 107 / 365 = 60.675
    # F-2024-007, due 18 Feb 2024 (crosses 29 Feb: 11 days in Feb + 22 in Mar)
    L("F-2024-007", "2024-02-19", "2024-03-22", 33, "14.50", "30.68"),    # 2340.00 x 14.50 % x 33 / 365 = 30.676
    # 22 Mar: credit note 240.00 -> 2100.00 from 23 Mar
    L("F-2024-007", "2024-03-23", "2024-06-30", 100, "14.50", "83.42"),   # 2100.00 x 14.50 % x 100 / 365 = 83.425
    L("F-2024-007", "2024-07-01", "2024-12-31", 184, "14.25", "150.85"),  # 2100.00 x 14.25 % x 184 / 365 = 150.855
    L("F-2024-007", "2025-01-01", "2025-06-30", 181, "13.15", "136.94"),  # 2100.00 x 13.15 % x 181 / 365 = 136.940
    L("F-2024-007", "2025-07-01", "2025-12-31", 184, "12.15", "128.62"),  # 2100.00 x 12.15 % x 184 / 365 = 128.624
    L("F-2024-007", "2026-01-01", "2026-06-30", 181, "12.15", "126.53"),  # 2100.00 x 12.15 % x 181 / 365 = 126.526
    L("F-2024-007", "2026-07-01", "2026-10-15", 107, "12.40", "76.34"),   # 2100.00 x 12.40 % x 107 / 365 = 76.336
    # F-2024-031, due 14 Apr 2024
    L("F-2024-031", "2024-04-15", "2024-06-30", 77, "14.50", "35.42"),    # 1158.00 x 14.50 % x 77 / 365 = 35.422
    L("F-2024-031", "2024-07-01", "2024-12-31", 184, "14.25", "83.19"),   # 1158.00 x 14.25 % x 184 / 365 = 83.186
    L("F-2024-031", "2025-01-01", "2025-06-30", 181, "13.15", "75.51"),   # 1158.00 x 13.15 % x 181 / 365 = 75.513
    L("F-2024-031", "2025-07-01", "2025-12-31", 184, "12.15", "70.93"),   # 1158.00 x 12.15 % x 184 / 365 = 70.927
    L("F-2024-031", "2026-01-01", "2026-06-30", 181, "12.15", "69.77"),   # 1158.00 x 12.15 % x 181 / 365 = 69.770
    L("F-2024-031", "2026-07-01", "2026-10-15", 107, "12.40", "42.09"),   # 1158.00 x 12.40 % x 107 / 365 = 42.094
]
FR_B2B_BALANCES = ["4860.00", "3080.10", "3080.10"] + ["1669.17"] * 5 + ["2340.00"] + ["2100.00"] * 6 \
    + ["1158.00"] * 6


def test_fr_b2b_lines():
    st = statement("fr-b2b")
    assert lines(st) == FR_B2B_LINES
    assert [l.balance for l in st.interest] == [D(b) for b in FR_B2B_BALANCES]
    assert_line_shape(st, {"F-2023-118": date(2024, 1, 8), "F-2024-007": date(2024, 2, 19),
                           "F-2024-031": date(2024, 4, 15)})
    # 793.60 (F-2023-118) + 733.38 (F-2024-007) + 376.91 (F-2024-031)
    assert st.interest_total == D("1903.89") == sum(l[5] for l in FR_B2B_LINES)


def test_fr_b2b_imputation_indemnities_total():
    st = statement("fr-b2b")
    # interest paid: 220.10 (30 Apr) + 89.07 (12 Jul) = 309.17, all on F-2023-118
    assert st.interest_paid == D("309.17")
    # principal: 1669.17 + 2100.00 + 1158.00 = 4927.17
    assert st.outstanding_principal == D("4927.17")
    assert st.credited == D("240.00") and st.paid == D("3500.00")
    assert by_invoice(st) == {
        #              credited  principal paid       outstanding  interest  interest paid
        "F-2023-118": (D("0"), D("3190.83"), D("1669.17"), D("793.60"), D("309.17")),  # 1779.90 + 1410.93
        "F-2024-007": (D("240.00"), D("0"), D("2100.00"), D("733.38"), D("0")),
        "F-2024-031": (D("0"), D("0"), D("1158.00"), D("376.91"), D("0")),
    }
    # EUR 40 per late invoice (D441-5), all three were unpaid at their due date
    assert [(i.invoice, i.kind, i.amount) for i in st.indemnities] == [
        ("F-2023-118", "fixed_recovery_indemnity", D("40.00")),
        ("F-2024-007", "fixed_recovery_indemnity", D("40.00")),
        ("F-2024-031", "fixed_recovery_indemnity", D("40.00")),
    ]
    assert all("D441-5" in i.basis for i in st.indemnities)
    assert st.indemnities_total == D("120.00") and st.indemnities_paid == 0
    # 4927.17 + (1903.89 - 309.17) + 120.00 = 6641.89
    assert st.total_due == D("6641.89")


def test_fr_b2b_basis_and_unconfirmed():
    st = statement("fr-b2b")
    assert all("L441-10" in l.basis for l in st.interest)
    assert_unconfirmed(st, "fr.late_payment_rate", "12.40")


# ---------------------------------------------------------------------------------------------
# fr-b2c: legal rate "autres cas" from the day after the formal notice was received
# (4 Sept 2025 -> first day 5 Sept 2025). 2000 designated on 5 May 2025 (before any interest:
# all principal, 5720 -> 3720); 690 on 15 Oct and 690 on 17 Nov 2025, undesignated -> oldest
# due unpaid = FA-2025-0093. No indemnity against a consumer.
# ---------------------------------------------------------------------------------------------
FR_B2C_LINES = [
    L("FA-2025-0093", "2025-09-05", "2025-10-15", 41, "2.76", "11.53"),   # 3720.00 x 2.76 % x 41 / 365 = 11.533
    # 15 Oct: 690.00 = 11.53 interest + 678.47 principal -> 3041.53
    L("FA-2025-0093", "2025-10-16", "2025-11-17", 33, "2.76", "7.59"),    # 3041.53 x 2.76 % x 33 / 365 = 7.590
    # 17 Nov: 690.00 = 7.59 interest + 682.41 principal -> 2359.12
    L("FA-2025-0093", "2025-11-18", "2025-12-31", 44, "2.76", "7.85"),    # 2359.12 x 2.76 % x 44 / 365 = 7.849
    L("FA-2025-0093", "2026-01-01", "2026-06-30", 181, "2.62", "30.65"),  # 2359.12 x 2.62 % x 181 / 365 = 30.650
    L("FA-2025-0093", "2026-07-01", "2026-10-15", 107, "2.75", "19.02"),  # 2359.12 x 2.75 % x 107 / 365 = 19.018
    L("FA-2025-0121", "2025-09-05", "2025-12-31", 118, "2.76", "3.53"),   # 396.00 x 2.76 % x 118 / 365 = 3.533
    L("FA-2025-0121", "2026-01-01", "2026-06-30", 181, "2.62", "5.14"),   # 396.00 x 2.62 % x 181 / 365 = 5.145
    L("FA-2025-0121", "2026-07-01", "2026-10-15", 107, "2.75", "3.19"),   # 396.00 x 2.75 % x 107 / 365 = 3.192
]
FR_B2C_BALANCES = ["3720.00", "3041.53", "2359.12", "2359.12", "2359.12", "396.00", "396.00", "396.00"]


def test_fr_b2c_lines():
    st = statement("fr-b2c")
    assert lines(st) == FR_B2C_LINES
    assert [l.balance for l in st.interest] == [D(b) for b in FR_B2C_BALANCES]
    assert_line_shape(st, {"FA-2025-0093": date(2025, 9, 5), "FA-2025-0121": date(2025, 9, 5)})
    # 76.64 (FA-2025-0093) + 11.86 (FA-2025-0121)
    assert st.interest_total == D("88.50") == sum(l[5] for l in FR_B2C_LINES)


def test_fr_b2c_imputation_and_total():
    st = statement("fr-b2c")
    assert st.interest_paid == D("19.12")                 # 11.53 + 7.59
    assert st.outstanding_principal == D("2755.12")       # 2359.12 + 396.00
    assert by_invoice(st) == {
        # principal paid 2000.00 + 678.47 + 682.41 = 3360.88
        "FA-2025-0093": (D("0"), D("3360.88"), D("2359.12"), D("76.64"), D("19.12")),
        "FA-2025-0121": (D("0"), D("0"), D("396.00"), D("11.86"), D("0")),
    }
    assert st.indemnities == () and st.indemnities_total == 0   # no EUR 40 against a consumer
    # 2755.12 + (88.50 - 19.12) = 2824.50
    assert st.total_due == D("2824.50")
    # the receipt of the formal notice is recorded: no "counted from the day it was sent" warning
    assert not any("no receipt" in w for w in st.warnings)


def test_fr_b2c_basis_and_unconfirmed():
    st = statement("fr-b2c")
    assert all("1231-6" in l.basis for l in st.interest)
    assert_unconfirmed(st, "fr.legal_rate.other", "2.75")


# ---------------------------------------------------------------------------------------------
# be-b2b: loi du 2 août 2002, from the day after each due date (31 Mar, 31 May, 31 Jul 2025).
# 3388 designated to F2025-0097 on 20 Jun 2025 (exactly the principal, 21 days late);
# 2500 undesignated on 3 Oct 2025 -> oldest unpaid = F2025-0042.
# ---------------------------------------------------------------------------------------------
BE_B2B_LINES = [
    # F2025-0042, due 30 Mar 2025
    L("F2025-0042", "2025-03-31", "2025-06-30", 92, "11.5", "210.44"),   # 7260.00 x 11.5 % x 92 / 365 = 210.441
    L("F2025-0042", "2025-07-01", "2025-10-03", 95, "10.5", "198.41"),   # 7260.00 x 10.5 % x 95 / 365 = 198.407
    # 3 Oct: 2500.00 = 408.85 interest (210.44 + 198.41) + 2091.15 principal -> 5168.85
    L("F2025-0042", "2025-10-04", "2025-12-31", 89, "10.5", "132.34"),   # 5168.85 x 10.5 % x 89 / 365 = 132.337
    L("F2025-0042", "2026-01-01", "2026-06-30", 181, "10.5", "269.13"),  # 5168.85 x 10.5 % x 181 / 365 = 269.134
    L("F2025-0042", "2026-07-01", "2026-10-15", 107, "10.5", "159.10"),  # 5168.85 x 10.5 % x 107 / 365 = 159.101
    # F2025-0097, due 30 May 2025
    L("F2025-0097", "2025-05-31", "2025-06-20", 21, "11.5", "22.42"),    # 3388.00 x 11.5 % x 21 / 365 = 22.416
    # 20 Jun: 3388.00 = 22.42 interest + 3365.58 principal -> 22.42 of principal left
    L("F2025-0097", "2025-06-21", "2025-06-30", 10, "11.5", "0.07"),     # 22.42 x 11.5 % x 10 / 365 = 0.071
    L("F2025-0097", "2025-07-01", "2025-12-31", 184, "10.5", "1.19"),    # 22.42 x 10.5 % x 184 / 365 = 1.187
    L("F2025-0097", "2026-01-01", "2026-06-30", 181, "10.5", "1.17"),    # 22.42 x 10.5 % x 181 / 365 = 1.167
    L("F2025-0097", "2026-07-01", "2026-10-15", 107, "10.5", "0.69"),    # 22.42 x 10.5 % x 107 / 365 = 0.690
    # F2025-0151, due 30 Jul 2025
    L("F2025-0151", "2025-07-31", "2025-12-31", 154, "10.5", "80.41"),   # 1815.00 x 10.5 % x 154 / 365 = 80.407
    L("F2025-0151", "2026-01-01", "2026-06-30", 181, "10.5", "94.50"),   # 1815.00 x 10.5 % x 181 / 365 = 94.504
    L("F2025-0151", "2026-07-01", "2026-10-15", 107, "10.5", "55.87"),   # 1815.00 x 10.5 % x 107 / 365 = 55.867
]
BE_B2B_BALANCES = ["7260.00", "7260.00"] + ["5168.85"] * 3 + ["3388.00"] + ["22.42"] * 4 + ["1815.00"] * 3


def test_be_b2b_lines():
    st = statement("be-b2b")
    assert lines(st) == BE_B2B_LINES
    assert [l.balance for l in st.interest] == [D(b) for b in BE_B2B_BALANCES]
    assert_line_shape(st, {"F2025-0042": date(2025, 3, 31), "F2025-0097": date(2025, 5, 31),
                           "F2025-0151": date(2025, 7, 31)})
    # 969.42 (F2025-0042) + 25.54 (F2025-0097) + 230.78 (F2025-0151)
    assert st.interest_total == D("1225.74") == sum(l[5] for l in BE_B2B_LINES)


def test_be_b2b_imputation_indemnities_total():
    st = statement("be-b2b")
    assert st.interest_paid == D("431.27")                # 22.42 + 408.85
    assert st.outstanding_principal == D("7006.27")       # 5168.85 + 22.42 + 1815.00
    assert by_invoice(st) == {
        "F2025-0042": (D("0"), D("2091.15"), D("5168.85"), D("969.42"), D("408.85")),
        "F2025-0097": (D("0"), D("3365.58"), D("22.42"), D("25.54"), D("22.42")),
        "F2025-0151": (D("0"), D("0"), D("1815.00"), D("230.78"), D("0")),
    }
    # EUR 40 per invoice paid late (art. 6), F2025-0097 included
    assert [(i.invoice, i.kind, i.amount) for i in st.indemnities] == [
        ("F2025-0042", "fixed_recovery_indemnity", D("40.00")),
        ("F2025-0097", "fixed_recovery_indemnity", D("40.00")),
        ("F2025-0151", "fixed_recovery_indemnity", D("40.00")),
    ]
    assert all("2 août 2002" in i.basis for i in st.indemnities)
    # 7006.27 + (1225.74 - 431.27) + 120.00 = 7920.74
    assert st.total_due == D("7920.74")


def test_be_b2b_basis_and_unconfirmed():
    st = statement("be-b2b")
    assert all("2 août 2002" in l.basis for l in st.interest)
    assert_unconfirmed(st, "be.late_payment_rate", "10.5")


# ---------------------------------------------------------------------------------------------
# be-b2c: free first reminder posted Fri 18 Jul 2025; Mon 21 Jul is a Belgian holiday, so the
# 3rd working day is Thu 24 Jul; 14 days = 24 Jul - 6 Aug; interest and lump sum from Thu
# 7 Aug 2025. Contractual 8 % <= 2002-law rate (10.5 %): 8 % applies, XIX.4.
# 1000 designated to 2025-0318 (29 Aug 2025); then three 530 instalments of the signed plan
# (5 Dec 2025, 7 Jan, 5 Feb 2026), undesignated -> oldest unpaid = 2025-0318. The plan does not
# change the computation.
# ---------------------------------------------------------------------------------------------
BE_B2C_LINES = [
    L("2025-0318", "2025-08-07", "2025-08-29", 23, "8.00", "18.17"),    # 3604.00 x 8 % x 23 / 365 = 18.168
    # 29 Aug: 1000.00 = 18.17 interest + 981.83 principal -> 2622.17
    L("2025-0318", "2025-08-30", "2025-12-05", 98, "8.00", "56.32"),    # 2622.17 x 8 % x 98 / 365 = 56.323
    # 5 Dec: 530.00 = 56.32 interest + 473.68 principal -> 2148.49
    L("2025-0318", "2025-12-06", "2025-12-31", 26, "8.00", "12.24"),    # 2148.49 x 8 % x 26 / 365 = 12.243
    L("2025-0318", "2026-01-01", "2026-01-07", 7, "8.00", "3.30"),      # 2148.49 x 8 % x 7 / 365 = 3.296
    # 7 Jan: 530.00 = 15.54 interest (12.24 + 3.30) + 514.46 principal -> 1634.03
    L("2025-0318", "2026-01-08", "2026-02-05", 29, "8.00", "10.39"),    # 1634.03 x 8 % x 29 / 365 = 10.386
    # 5 Feb: 530.00 = 10.39 interest + 519.61 principal -> 1114.42
    L("2025-0318", "2026-02-06", "2026-06-30", 145, "8.00", "35.42"),   # 1114.42 x 8 % x 145 / 365 = 35.417
    L("2025-0318", "2026-07-01", "2026-10-15", 107, "8.00", "26.14"),   # 1114.42 x 8 % x 107 / 365 = 26.135
    L("2025-0331", "2025-08-07", "2025-12-31", 147, "8.00", "8.20"),    # 254.40 x 8 % x 147 / 365 = 8.197
    L("2025-0331", "2026-01-01", "2026-06-30", 181, "8.00", "10.09"),   # 254.40 x 8 % x 181 / 365 = 10.092
    L("2025-0331", "2026-07-01", "2026-10-15", 107, "8.00", "5.97"),    # 254.40 x 8 % x 107 / 365 = 5.966
]
BE_B2C_BALANCES = ["3604.00", "2622.17", "2148.49", "2148.49", "1634.03", "1114.42", "1114.42",
                   "254.40", "254.40", "254.40"]


def test_be_b2c_reminder_window():
    # posted Fri 18 Jul 2025: Sat 19, Sun 20, Mon 21 (national holiday) do not count;
    # Tue 22 (1), Wed 23 (2), Thu 24 (3) -> 24 Jul .. 6 Aug (14 days), claimable Thu 7 Aug
    assert be_consumer_window(date(2025, 7, 18), "letter") == (date(2025, 7, 24), date(2025, 8, 6),
                                                                 date(2025, 8, 7))


def test_be_b2c_lines():
    st = statement("be-b2c")
    assert lines(st) == BE_B2C_LINES
    assert [l.balance for l in st.interest] == [D(b) for b in BE_B2C_BALANCES]
    assert_line_shape(st, {"2025-0318": date(2025, 8, 7), "2025-0331": date(2025, 8, 7)})
    # 161.98 (2025-0318) + 24.26 (2025-0331)
    assert st.interest_total == D("186.24") == sum(l[5] for l in BE_B2C_LINES)


def test_be_b2c_imputation_lump_sum_total():
    st = statement("be-b2c")
    assert st.interest_paid == D("100.42")                # 18.17 + 56.32 + 15.54 + 10.39
    assert st.outstanding_principal == D("1368.82")       # 1114.42 + 254.40
    assert by_invoice(st) == {
        # principal paid 981.83 + 473.68 + 514.46 + 519.61 = 2489.58
        "2025-0318": (D("0"), D("2489.58"), D("1114.42"), D("161.98"), D("100.42")),
        "2025-0331": (D("0"), D("0"), D("254.40"), D("24.26"), D("0")),
    }
    # Lump sum (XIX.4, stipulated) on the balance when the window ended on 6 Aug 2025:
    # 3604.00 + 254.40 = 3858.40 > 500 -> 65 + 5 % x (3858.40 - 500) = 65 + 167.92 = 232.92 (< cap 2000)
    assert [(i.kind, i.amount) for i in st.indemnities] == [("consumer_lump_sum", D("232.92"))]
    assert "XIX.4" in st.indemnities[0].basis
    assert st.indemnities_total == D("232.92") and st.indemnities_paid == 0
    # 1368.82 + (186.24 - 100.42) + 232.92 = 1687.56
    assert st.total_due == D("1687.56")


def test_be_b2c_basis_and_unconfirmed():
    st = statement("be-b2c")
    assert all("XIX.4" in l.basis and "2 augustus 2002" in l.basis for l in st.interest)
    # The rate applied is the contractual 8 %, but its lawfulness in 2026-S2 rests on the cap
    # be.late_payment_rate 2026-S2 (10.5, unconfirmed): the engine footnotes those lines.
    assert_unconfirmed(st, "be.late_payment_rate", "10.5")
