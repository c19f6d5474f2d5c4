"""Limitation periods, hand-computed: the deadline is the anniversary of the due date (or of
the interrupting event), the last day on which the creditor can still act."""
from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal as D

from docgen.law.prescription import add_years, case_limitations, limitation, outstanding_principal
from docgen.model.validate import load_case

from lawkit import FR_CREDITOR, BE_CREDITOR, FR_COMPANY, BE_COMPANY, PERSON  # noqa: E402
LAWYER = {"kind": "lawyer", "name": "Mr. An Claes"}


def make_case(tmp_path, jurisdiction, relationship, invoices, *, represented_by=None, debtor=None, **extra):
    creditor = copy.deepcopy(FR_CREDITOR if jurisdiction == "FR" else BE_CREDITOR)
    if represented_by:
        creditor["represented_by"] = represented_by
    if debtor is None:
        debtor = PERSON if relationship == "B2C" else (FR_COMPANY if jurisdiction == "FR" else BE_COMPANY)
    data = {"schema_version": 1, "reference": "T-1", "jurisdiction": jurisdiction, "language": "fr",
            "relationship": relationship, "creditor": creditor, "debtor": copy.deepcopy(debtor),
            "contract": {"reference": "Contrat 1"}, "invoices": invoices, **extra}
    return load_case(data, base_dir=tmp_path)


def inv(number, issued, due, amount="1000.00"):
    return {"number": number, "issue_date": issued, "due_date": due, "amount": amount}


def one(case, as_of):
    return limitation(case, case.invoices[0], as_of)


def events_of(lim):
    return [(i.day.isoformat(), i.event) for i in lim.interrupted_by]


# ---- France -------------------------------------------------------------------------------

def test_fr_b2b_five_years_from_the_due_date(tmp_path):
    case = make_case(tmp_path, "FR", "B2B", [inv("F1", "2020-02-01", "2020-03-02")])
    lim = one(case, date(2025, 6, 1))
    assert (lim.period_years, lim.start, lim.deadline) == (5, date(2020, 3, 2), date(2025, 3, 2))
    assert lim.basis == "C. com. L110-4 I" and lim.interrupted_by == ()
    assert not lim.prescribed(date(2025, 3, 2))      # the anniversary is the last day to act
    assert lim.prescribed(date(2025, 3, 3))
    assert lim.days_left(date(2025, 2, 20)) == 10


def test_fr_formal_notice_never_interrupts(tmp_path):
    # Even sent by a lawyer by registered letter (Cass. com. 18 May 2022); contrast Belgium below.
    case = make_case(tmp_path, "FR", "B2B", [inv("F1", "2020-02-01", "2020-03-02")], represented_by=LAWYER,
                     events=[{"type": "formal_notice_sent", "date": "2024-12-01", "channel": "registered_letter"}])
    lim = one(case, date(2025, 6, 1))
    assert lim.deadline == date(2025, 3, 2) and lim.interrupted_by == ()
    assert any("Cass. com. 18 May 2022" in n for n in lim.notes)


def test_fr_partial_payment_restarts_a_full_period(tmp_path):
    case = make_case(tmp_path, "FR", "B2B", [inv("F1", "2020-02-01", "2020-03-02")],
                     payments=[{"date": "2022-06-15", "amount": "100.00", "invoice": "F1"}])
    lim = one(case, date(2025, 6, 1))
    assert events_of(lim) == [("2022-06-15", "payment")]
    assert lim.deadline == date(2027, 6, 15)            # C. civ. 2240 + 2231
    assert "C. civ. 2240" in lim.interrupted_by[0].effect


def test_fr_b2c_two_years_and_a_signed_plan(tmp_path):
    invoices = [inv("C1", "2024-01-05", "2024-02-04"), inv("C2", "2024-09-01", "2024-10-01")]
    case = make_case(tmp_path, "FR", "B2C", invoices,
                     events=[{"type": "payment_plan_signed", "date": "2024-06-10"}])
    c1, c2 = case_limitations(case, date(2025, 1, 1))
    assert c1.basis == "C. conso. L218-2" and c1.period_years == 2
    assert c1.deadline == date(2026, 6, 10) and events_of(c1) == [("2024-06-10", "payment_plan_signed")]
    assert c2.deadline == date(2026, 10, 1) and c2.interrupted_by == ()    # issued after the plan
    # The earlier reading (period from completion, bounded by the issue date) is kept alongside.
    assert c2.earliest_deadline == date(2026, 9, 1)
    assert any("Cass. 1re civ." in n for n in c2.notes)


def test_fr_injunction_interrupts_on_service_not_on_filing(tmp_path):
    events = [{"type": "injunction_filed", "date": "2024-09-01"},
              {"type": "injunction_granted", "date": "2024-10-01"},
              {"type": "injunction_served", "date": "2024-11-15", "channel": "bailiff"}]
    case = make_case(tmp_path, "FR", "B2B", [inv("F1", "2020-02-01", "2020-03-02")], events=events)
    lim = one(case, date(2025, 6, 1))
    assert events_of(lim) == [("2024-11-15", "injunction_served")]
    assert lim.deadline == date(2029, 11, 15)
    assert any("filing" in n for n in lim.notes)


def test_fr_injunction_served_after_the_cpc_1411_delay_does_not_count(tmp_path):
    events = [{"type": "injunction_granted", "date": "2024-01-10"},
              {"type": "injunction_served", "date": "2024-08-01", "channel": "bailiff"}]   # > 6 months
    case = make_case(tmp_path, "FR", "B2B", [inv("F1", "2020-02-01", "2020-03-02")], events=events)
    lim = one(case, date(2024, 9, 1))
    assert lim.interrupted_by == () and lim.deadline == date(2025, 3, 2)
    assert any("non avenue" in n for n in lim.notes)


def test_fr_bailiff_instructed_alone_does_not_interrupt(tmp_path):
    case = make_case(tmp_path, "FR", "B2B", [inv("F1", "2020-02-01", "2020-03-02")],
                     events=[{"type": "bailiff_instructed", "date": "2024-05-01"}])
    lim = one(case, date(2025, 6, 1))
    assert lim.interrupted_by == () and any("bailiff" in n for n in lim.notes)


def test_an_acknowledgement_after_prescription_does_not_revive_the_claim(tmp_path):
    case = make_case(tmp_path, "FR", "B2C", [inv("C1", "2020-01-01", "2020-01-31")],
                     payments=[{"date": "2023-05-01", "amount": "50.00", "invoice": "C1"}])
    lim = one(case, date(2024, 1, 1))
    assert lim.deadline == date(2022, 1, 31) and lim.interrupted_by == ()
    assert any("already acquired" in n for n in lim.notes)


def test_fr_acknowledgements_are_capped_at_twenty_years(tmp_path):
    payments = [{"date": d, "amount": "10.00", "invoice": "F1"}
                for d in ("2016-12-01", "2021-06-01", "2025-12-01", "2030-06-01")]
    case = make_case(tmp_path, "FR", "B2B", [inv("F1", "2012-05-01", "2012-06-01")], payments=payments)
    lim = one(case, date(2031, 1, 1))
    assert lim.deadline == date(2032, 6, 1)          # not 2035-06-01: C. civ. 2232
    assert "C. civ. 2232" in lim.interrupted_by[-1].effect


def test_undesignated_payment_acknowledges_only_the_invoice_it_certainly_reached(tmp_path):
    case = make_case(tmp_path, "FR", "B2B", [inv("A", "2021-01-01", "2021-01-31", "300.00"),
                                             inv("B", "2021-02-01", "2021-03-03", "300.00")],
                     payments=[{"date": "2022-01-10", "amount": "450.00"}])
    a, b = case_limitations(case, date(2022, 6, 1))
    assert events_of(a) == [("2022-01-10", "payment")]
    assert b.interrupted_by == ()        # interest imputed first may have kept it from reaching B
    assert outstanding_principal(case, date(2022, 6, 1)) == {"A": D("0"), "B": D("150.00")}


def test_credit_notes_reduce_the_outstanding_principal(tmp_path):
    case = make_case(tmp_path, "FR", "B2B", [inv("A", "2021-01-01", "2021-01-31", "300.00")],
                     credit_notes=[{"number": "AV1", "date": "2021-02-10", "amount": "300.00", "invoice": "A"}])
    assert outstanding_principal(case, date(2021, 3, 1)) == {"A": D("0")}
    assert outstanding_principal(case, date(2021, 2, 1)) == {"A": D("300.00")}


def test_add_years_on_29_february_takes_the_earlier_day():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


# ---- Belgium ------------------------------------------------------------------------------

def _be_notice(day, channel="registered_letter"):
    return {"type": "formal_notice_sent", "date": day, "channel": channel}


def test_be_b2b_ten_years(tmp_path):
    case = make_case(tmp_path, "BE", "B2B", [inv("B1", "2015-01-01", "2015-01-10")])
    lim = one(case, date(2024, 1, 1))
    assert (lim.period_years, lim.deadline) == (10, date(2025, 1, 10))
    assert lim.basis.startswith("ancien C. civ. 2262bis")


def test_be_lawyer_formal_notice_interrupts_once_for_one_year(tmp_path):
    case = make_case(tmp_path, "BE", "B2B", [inv("B1", "2015-01-01", "2015-01-10")], represented_by=LAWYER,
                     events=[_be_notice("2024-08-01"), _be_notice("2025-06-01")])
    lim = one(case, date(2025, 7, 1))
    assert events_of(lim) == [("2024-08-01", "formal_notice_sent")]
    assert lim.deadline == date(2025, 8, 1)              # 1 year from the notice (2244 § 2)
    assert any("only once" in n for n in lim.notes)      # the second notice changes nothing


def test_be_2244_notice_never_shortens_the_running_period(tmp_path):
    case = make_case(tmp_path, "BE", "B2B", [inv("B1", "2015-01-01", "2015-01-10")], represented_by=LAWYER,
                     events=[_be_notice("2016-01-05")])
    lim = one(case, date(2017, 1, 1))
    assert events_of(lim) == [("2016-01-05", "formal_notice_sent")]
    assert lim.deadline == date(2025, 1, 10)


def test_be_notice_that_does_not_qualify(tmp_path):
    base = [inv("B1", "2015-01-01", "2015-01-10")]
    agency = {"kind": "agency", "name": "Incasso NV"}
    abroad = copy.deepcopy(BE_COMPANY) | {"address": {"street": "1 rue X", "postcode": "75001", "city": "Paris",
                                                      "country": "FR"}}
    cases = [make_case(tmp_path, "BE", "B2B", base, events=[_be_notice("2024-08-01")]),             # creditor itself
             make_case(tmp_path, "BE", "B2B", base, represented_by=agency, events=[_be_notice("2024-08-01")]),
             make_case(tmp_path, "BE", "B2B", base, represented_by=LAWYER, events=[_be_notice("2024-08-01", "email")]),
             make_case(tmp_path, "BE", "B2B", base, represented_by=LAWYER, debtor=abroad,
                       events=[_be_notice("2024-08-01")])]
    for case in cases:
        lim = one(case, date(2024, 9, 1))
        assert lim.interrupted_by == () and lim.deadline == date(2025, 1, 10)
        assert any("does not interrupt" in n for n in lim.notes)


def test_be_bailiff_notice_qualifies(tmp_path):
    case = make_case(tmp_path, "BE", "B2B", [inv("B1", "2015-01-01", "2015-01-10")],
                     represented_by={"kind": "bailiff", "name": "Gerechtsdeurwaarder Peeters"},
                     events=[_be_notice("2024-12-01", "bailiff")])
    assert one(case, date(2025, 1, 1)).deadline == date(2025, 12, 1)


def test_be_payment_and_service_restart_ten_years(tmp_path):
    case = make_case(tmp_path, "BE", "B2B", [inv("B1", "2015-01-01", "2015-01-10")],
                     payments=[{"date": "2018-03-01", "amount": "100.00", "invoice": "B1"}],
                     events=[{"type": "injunction_served", "date": "2020-05-04", "channel": "bailiff"}])
    lim = one(case, date(2021, 1, 1))
    assert events_of(lim) == [("2018-03-01", "payment"), ("2020-05-04", "injunction_served")]
    assert lim.deadline == date(2030, 5, 4)


def test_be_b2c_keeps_ten_years_and_flags_the_2272_doubt(tmp_path):
    case = make_case(tmp_path, "BE", "B2C", [inv("C1", "2024-01-01", "2024-01-15")])
    lim = one(case, date(2024, 6, 1))
    assert lim.deadline == date(2034, 1, 15) and lim.earliest_deadline == lim.deadline
    assert any("2272" in n and "2025-01-15" in n for n in lim.notes)


def test_events_after_as_of_and_unissued_invoices_are_left_out(tmp_path):
    invoices = [inv("F1", "2020-02-01", "2020-03-02"), inv("F2", "2020-05-01", "2020-06-01")]
    case = make_case(tmp_path, "FR", "B2B", invoices,
                     payments=[{"date": "2020-05-01", "amount": "10.00", "invoice": "F1"}])
    lims = case_limitations(case, date(2020, 4, 15))
    assert [lim.invoice.number for lim in lims] == ["F1"]
    assert lims[0].interrupted_by == ()
