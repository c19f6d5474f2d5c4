"""docgen check: for every rule, a case that triggers it and a close one that does not.

Dates used: a BE reminder posted Friday 18 July 2025 opens its 14 days on Thursday 24 July
(Monday 21 July is the national holiday), so they end on 6 August and anything beyond the
principal is claimable from 7 August 2025.
"""
from __future__ import annotations

import copy
import json
from datetime import date

import pytest
import yaml
from click.testing import CliRunner

from docgen.cli import main
from docgen.law.checks import Finding, findings_text, run_checks
from docgen.law.statement import compute_statement
from docgen.model.validate import load_case

from samplefiles import PDF  # noqa: E402

from lawkit import FR_CREDITOR, BE_CREDITOR, FR_COMPANY, BE_COMPANY, PERSON, FR_PERSON  # noqa: E402
def data(jurisdiction, relationship, invoices, *, contract=None, debtor=None, represented_by=None, **extra):
    creditor = copy.deepcopy(FR_CREDITOR if jurisdiction == "FR" else BE_CREDITOR)
    if represented_by:
        creditor["represented_by"] = represented_by
    if debtor is None:
        people = {"FR": FR_PERSON, "BE": PERSON}
        companies = {"FR": FR_COMPANY, "BE": BE_COMPANY}
        debtor = (people if relationship == "B2C" else companies)[jurisdiction]
    return {"schema_version": 1, "reference": "T-1", "jurisdiction": jurisdiction, "language": "fr",
            "relationship": relationship, "creditor": creditor, "debtor": copy.deepcopy(debtor),
            "contract": {"reference": "Contrat 1", **(contract or {})}, "invoices": invoices, **extra}


def make(tmp_path, *args, **kwargs):
    return load_case(data(*args, **kwargs), base_dir=tmp_path)


def inv(number, issued, due, amount="1000.00"):
    return {"number": number, "issue_date": issued, "due_date": due, "amount": amount}


def contractual(rate):
    return {"late_interest": {"basis": "contractual", "rate_percent": rate}}


def ids(case, as_of, severity=None):
    return [f.rule_id for f in run_checks(case, as_of) if severity in (None, f.severity)]


def found(case, as_of, rule_id):
    return [f for f in run_checks(case, as_of) if f.rule_id == rule_id]


BE_INV = [inv("B1", "2025-06-12", "2025-06-26", "500.00")]
REMINDER = {"type": "reminder_sent", "date": "2025-07-18", "channel": "letter"}
AS_OF = date(2025, 10, 1)


# ---- Belgium, consumers (CDE Book XIX) ----------------------------------------------------

def test_be_b2c_reminder_not_free(tmp_path):
    bad = make(tmp_path, "BE", "B2C", BE_INV, events=[REMINDER | {"fee": "10.00"}])
    [f] = found(bad, AS_OF, "BE-B2C-REMINDER-NOT-FREE")
    assert (f.severity, f.path, f.basis) == ("error", "events[0].fee", "CDE XIX.2")
    ok = make(tmp_path, "BE", "B2C", BE_INV, events=[REMINDER | {"fee": "0.00"}])
    assert ids(ok, AS_OF, "error") == []


def test_be_b2c_a_paying_reminder_opens_no_window(tmp_path):
    # A reminder that charged a fee is not the free first reminder: the engine claims nothing
    # beyond the principal, and the check names the reminder.
    bad = make(tmp_path, "BE", "B2C", BE_INV, events=[REMINDER | {"fee": "10.00"}])
    assert compute_statement(bad, AS_OF).interest == ()
    assert found(bad, AS_OF, "BE-B2C-FEES-BEFORE-WINDOW") == []
    assert [f.path for f in found(bad, AS_OF, "BE-B2C-REMINDER-NOT-FREE")] == ["events[0].fee"]


def test_be_b2c_fee_before_the_window(tmp_path):
    notice = {"type": "formal_notice_sent", "date": "2025-08-01", "channel": "registered_letter", "fee": "15.00"}
    bad = make(tmp_path, "BE", "B2C", BE_INV, contract={"lump_sum_clause": True}, events=[REMINDER, notice])
    [f] = found(bad, AS_OF, "BE-B2C-FEES-BEFORE-WINDOW")
    assert (f.severity, f.path) == ("error", "events[1].fee") and "2025-08-07" in f.message
    ok = make(tmp_path, "BE", "B2C", BE_INV, contract={"lump_sum_clause": True},
              events=[REMINDER, notice | {"date": "2025-08-07"}])
    assert ids(ok, AS_OF, "error") == []


def test_be_b2c_fee_without_any_reminder(tmp_path):
    notice = {"type": "formal_notice_sent", "date": "2025-08-01", "channel": "registered_letter", "fee": "15.00"}
    bad = make(tmp_path, "BE", "B2C", BE_INV, events=[notice])
    assert "no free first reminder yet" in found(bad, AS_OF, "BE-B2C-FEES-BEFORE-WINDOW")[0].message


def test_be_b2c_lump_sum_without_clause(tmp_path):
    later = {"type": "reminder_sent", "date": "2025-08-20", "channel": "letter", "fee": "20.00"}
    bad = make(tmp_path, "BE", "B2C", BE_INV, events=[REMINDER, later])
    assert [f.path for f in found(bad, AS_OF, "BE-B2C-LUMP-SUM-WITHOUT-CLAUSE")] == ["events[1].fee"]
    ok = make(tmp_path, "BE", "B2C", BE_INV, contract={"lump_sum_clause": True}, events=[REMINDER, later])
    assert found(ok, AS_OF, "BE-B2C-LUMP-SUM-WITHOUT-CLAUSE") == []


def test_be_b2c_lump_sum_above_cap(tmp_path):
    # Balance 500.00: 30 + 10 % x (500 - 150) = 65.00 at most (reference §15.2).
    later = {"type": "reminder_sent", "date": "2025-08-20", "channel": "letter", "fee": "65.01"}
    bad = make(tmp_path, "BE", "B2C", BE_INV, contract={"lump_sum_clause": True}, events=[REMINDER, later])
    [f] = found(bad, AS_OF, "BE-B2C-LUMP-SUM-ABOVE-CAP")
    assert "65.00" in f.message and f.severity == "error"
    ok = make(tmp_path, "BE", "B2C", BE_INV, contract={"lump_sum_clause": True},
              events=[REMINDER, later | {"fee": "65.00"}])
    assert found(ok, AS_OF, "BE-B2C-LUMP-SUM-ABOVE-CAP") == []


def test_be_b2c_no_first_reminder(tmp_path):
    bad = make(tmp_path, "BE", "B2C", BE_INV)
    [f] = found(bad, AS_OF, "BE-B2C-NO-FIRST-REMINDER")
    assert f.severity == "warning" and "B1" in f.message
    assert found(make(tmp_path, "BE", "B2C", BE_INV, events=[REMINDER]), AS_OF, "BE-B2C-NO-FIRST-REMINDER") == []
    paid = make(tmp_path, "BE", "B2C", BE_INV, payments=[{"date": "2025-07-01", "amount": "500.00"}])
    assert found(paid, AS_OF, "BE-B2C-NO-FIRST-REMINDER") == []


def test_be_b2c_rate_above_cap(tmp_path):
    # 2002-law rate: 10.5 in 2025/2 (cap); the legal rate 4.5 applies instead above it.
    bad = make(tmp_path, "BE", "B2C", BE_INV, events=[REMINDER],
               contract=contractual("11.00"))
    [f] = found(bad, AS_OF, "BE-B2C-RATE-ABOVE-CAP")
    assert f.severity == "warning" and "2025-S2 (cap 10.50 %)" in f.message and "already uses" in f.message
    ok = make(tmp_path, "BE", "B2C", BE_INV, events=[REMINDER],
              contract=contractual("10.50"))
    assert found(ok, AS_OF, "BE-B2C-RATE-ABOVE-CAP") == []


def test_be_b2c_short_prescription_for_goods(tmp_path):
    invoices = [inv("C1", "2024-01-01", "2024-01-15")]
    bad = make(tmp_path, "BE", "B2C", invoices, events=[REMINDER | {"date": "2024-02-01"}])
    [f] = found(bad, date(2025, 2, 1), "BE-B2C-SHORT-PRESCRIPTION")
    assert "2025-01-15" in f.message and f.severity == "warning"
    signed = make(tmp_path, "BE", "B2C", invoices, events=[REMINDER | {"date": "2024-02-01"},
                                                            {"type": "payment_plan_signed", "date": "2024-06-01"}])
    assert found(signed, date(2025, 2, 1), "BE-B2C-SHORT-PRESCRIPTION") == []


# ---- France -------------------------------------------------------------------------------

FR_INV = [inv("F1", "2024-10-16", "2024-11-15", "10000.00")]


def test_fr_b2c_recovery_fees(tmp_path):
    notice = {"type": "formal_notice_sent", "date": "2025-01-10", "channel": "registered_letter", "fee": "25.00"}
    bad = make(tmp_path, "FR", "B2C", FR_INV, events=[notice])
    [f] = found(bad, date(2025, 3, 1), "FR-B2C-RECOVERY-FEES")
    assert (f.severity, f.path, f.basis) == ("error", "events[0].fee", "CPCE (exéc.) L111-8 al. 2")
    ok = make(tmp_path, "FR", "B2C", FR_INV, events=[notice | {"fee": None}])
    assert found(ok, date(2025, 3, 1), "FR-B2C-RECOVERY-FEES") == []


def test_fr_b2c_fee_clauses(tmp_path):
    clauses = {"lump_sum_clause": True, "penalty_clause": {"percent": "10.00"}}
    bad = make(tmp_path, "FR", "B2C", FR_INV, contract=clauses)
    assert [f.path for f in found(bad, date(2025, 3, 1), "FR-B2C-FEE-CLAUSE")] == [
        "contract.lump_sum_clause", "contract.penalty_clause"]
    assert found(make(tmp_path, "FR", "B2C", FR_INV), date(2025, 3, 1), "FR-B2C-FEE-CLAUSE") == []


def test_fr_b2b_rate_below_floor_one_finding_listing_semesters(tmp_path):
    # Floors 3 x legal rate "autres cas": 2024-S2 14.76, 2025-S1 11.13, 2025-S2 8.28 (reference §15.1).
    bad = make(tmp_path, "FR", "B2B", FR_INV, contract=contractual("9.00"))
    [f] = found(bad, date(2025, 8, 15), "FR-B2B-RATE-BELOW-FLOOR")
    assert "2024-S2 (floor 14.76 %), 2025-S1 (floor 11.13 %)" in f.message and "2025-S2" not in f.message
    assert f.path == "contract.late_interest.rate_percent"
    ok = make(tmp_path, "FR", "B2B", FR_INV, contract=contractual("15.00"))
    assert found(ok, date(2025, 8, 15), "FR-B2B-RATE-BELOW-FLOOR") == []


def test_fr_b2b_no_penalties_is_an_info(tmp_path):
    bad = make(tmp_path, "FR", "B2B", FR_INV, contract={"late_interest": {"basis": "none"}})
    assert [f.severity for f in found(bad, date(2025, 3, 1), "FR-B2B-NO-PENALTIES")] == ["info"]
    ok = make(tmp_path, "FR", "B2B", FR_INV, contract={"late_interest": {"basis": "statutory"}})
    assert found(ok, date(2025, 3, 1), "FR-B2B-NO-PENALTIES") == []


def test_fr_injunction_service_deadline(tmp_path):
    granted = {"type": "injunction_granted", "date": "2026-01-10"}     # before 1 Sept 2026: 6 months
    case = make(tmp_path, "FR", "B2B", FR_INV, events=[granted])
    [late] = found(case, date(2026, 7, 11), "FR-INJUNCTION-SERVICE-DEADLINE")
    assert late.severity == "error" and "2026-07-10" in late.message
    [pending] = found(case, date(2026, 3, 1), "FR-INJUNCTION-SERVICE-DEADLINE")
    assert pending.severity == "warning"
    served = make(tmp_path, "FR", "B2B", FR_INV,
                  events=[granted, {"type": "injunction_served", "date": "2026-02-01", "channel": "bailiff"}])
    assert found(served, date(2026, 7, 11), "FR-INJUNCTION-SERVICE-DEADLINE") == []
    new_regime = make(tmp_path, "FR", "B2B", FR_INV, events=[{"type": "injunction_granted", "date": "2026-09-10"}])
    assert "2026-12-10" in found(new_regime, date(2026, 10, 1), "FR-INJUNCTION-SERVICE-DEADLINE")[0].message


# ---- payment terms -------------------------------------------------------------------------

def test_payment_term_too_long_fr(tmp_path):
    bad = make(tmp_path, "FR", "B2B", [inv("F1", "2025-01-10", "2025-04-30")], contract={"payment_terms_days": 90})
    assert {f.path for f in found(bad, date(2025, 3, 1), "PAYMENT-TERM-TOO-LONG")} == {
        "contract.payment_terms_days", "invoices[0].due_date"}
    ok = make(tmp_path, "FR", "B2B", [inv("F1", "2025-01-10", "2025-03-11")], contract={"payment_terms_days": 60})
    assert found(ok, date(2025, 3, 1), "PAYMENT-TERM-TOO-LONG") == []


def test_payment_term_45_days_end_of_month_is_only_an_info(tmp_path):
    # Issued 25 Jan: 25 Jan + 45 days = 11 Mar, end of month 31 Mar (65 days after the invoice).
    case = make(tmp_path, "FR", "B2B", [inv("F1", "2025-01-25", "2025-03-31")])
    assert [f.severity for f in found(case, date(2025, 3, 1), "PAYMENT-TERM-TOO-LONG")] == ["info"]


def test_payment_term_too_long_be_only_between_businesses(tmp_path):
    invoices = [inv("B1", "2025-01-10", "2025-03-26")]       # 75 days
    assert [f.severity for f in found(make(tmp_path, "BE", "B2B", invoices), date(2025, 3, 1),
                                      "PAYMENT-TERM-TOO-LONG")] == ["warning"]
    assert found(make(tmp_path, "BE", "B2C", invoices), date(2025, 3, 1), "PAYMENT-TERM-TOO-LONG") == []
    ok = make(tmp_path, "BE", "B2B", [inv("B1", "2025-01-10", "2025-03-11")])
    assert found(ok, date(2025, 3, 1), "PAYMENT-TERM-TOO-LONG") == []


# ---- prescription --------------------------------------------------------------------------

def test_prescribed_and_near(tmp_path):
    case = make(tmp_path, "FR", "B2B", [inv("F1", "2020-06-01", "2020-07-01")])
    [f] = found(case, date(2025, 7, 2), "PRESCRIBED")
    assert (f.severity, f.basis, f.path) == ("error", "C. com. L110-4 I", "invoices[0]")
    [near] = found(case, date(2025, 5, 1), "PRESCRIPTION-NEAR")      # 61 days left
    assert near.severity == "warning" and "does not interrupt" in near.message
    assert found(case, date(2025, 3, 1), "PRESCRIPTION-NEAR") == []  # 122 days left


def test_prescription_before_the_tables_start_is_unknown_not_a_crash(tmp_path):
    case = make(tmp_path, "FR", "B2B", [inv("F1", "2011-06-01", "2011-07-01")])
    assert "PRESCRIPTION-UNKNOWN" in ids(case, date(2012, 3, 1))
    assert found(make(tmp_path, "FR", "B2B", FR_INV), date(2025, 3, 1), "PRESCRIPTION-UNKNOWN") == []


def test_paid_invoices_are_not_flagged_as_prescribed(tmp_path):
    case = make(tmp_path, "FR", "B2B", [inv("F1", "2020-06-01", "2020-07-01")],
                payments=[{"date": "2020-06-20", "amount": "1000.00", "invoice": "F1"}])
    assert found(case, date(2025, 7, 2), "PRESCRIBED") == []


def test_be_near_prescription_suggests_the_2244_notice(tmp_path):
    case = make(tmp_path, "BE", "B2B", [inv("B1", "2015-05-01", "2015-06-01")])
    assert "2244 § 2" in found(case, date(2025, 5, 1), "PRESCRIPTION-NEAR")[0].message


# ---- procedures -----------------------------------------------------------------------------

def test_injunction_without_notice_proof(tmp_path):
    (tmp_path / "lrar.pdf").write_bytes(PDF)     # a real PDF: validation opens it (issue 12, item 17)
    notice = {"type": "formal_notice_sent", "date": "2025-01-10", "channel": "registered_letter"}
    bad = make(tmp_path, "FR", "B2B", FR_INV, procedure={"kind": "injunction"}, events=[notice])
    assert [f.severity for f in found(bad, date(2025, 3, 1), "INJUNCTION-WITHOUT-NOTICE-PROOF")] == ["error"]
    filed = make(tmp_path, "FR", "B2B", FR_INV, events=[{"type": "injunction_filed", "date": "2025-02-01"}])
    assert found(filed, date(2025, 3, 1), "INJUNCTION-WITHOUT-NOTICE-PROOF")
    ok = make(tmp_path, "FR", "B2B", FR_INV, procedure={"kind": "injunction"}, events=[notice | {"proof": "lrar.pdf"}])
    assert found(ok, date(2025, 3, 1), "INJUNCTION-WITHOUT-NOTICE-PROOF") == []


def test_be_injunction_summons_channel_and_debtor_abroad(tmp_path):
    (tmp_path / "mail.pdf").write_bytes(PDF)
    email = {"type": "formal_notice_sent", "date": "2025-01-10", "channel": "email", "proof": "mail.pdf"}
    bad = make(tmp_path, "BE", "B2B", FR_INV, procedure={"kind": "injunction"}, events=[email], debtor=FR_COMPANY)
    assert ids(bad, date(2025, 3, 1), "error") == ["BE-INJUNCTION-SUMMONS-CHANNEL", "BE-INJUNCTION-DEBTOR-ABROAD"]
    ok = make(tmp_path, "BE", "B2B", FR_INV, procedure={"kind": "injunction"},
              events=[email | {"channel": "registered_letter"}])
    assert ids(ok, date(2025, 3, 1), "error") == []


def test_be_undisputed_accessories_cap(tmp_path):
    # 1000 overdue for a year at 12.5/11.5 %: about 120 of interest + 40 > 10 % of 1000.
    bad = make(tmp_path, "BE", "B2B", [inv("B1", "2024-01-01", "2024-01-31")], procedure={"kind": "undisputed_b2b"})
    [f] = found(bad, date(2025, 2, 1), "BE-UNDISPUTED-ACCESSORIES-CAP")
    assert "100.00 EUR" in f.message and f.severity == "warning"
    ok = make(tmp_path, "BE", "B2B", [inv("B1", "2024-12-01", "2024-12-31", "10000.00")],
              procedure={"kind": "undisputed_b2b"})
    assert found(ok, date(2025, 2, 1), "BE-UNDISPUTED-ACCESSORIES-CAP") == []


def test_undisputed_procedure_not_available(tmp_path):
    consumer = make(tmp_path, "BE", "B2C", BE_INV, procedure={"kind": "undisputed_b2b"}, events=[REMINDER])
    assert "UNDISPUTED-B2B-NOT-AVAILABLE" in ids(consumer, AS_OF, "error")
    disputed = make(tmp_path, "BE", "B2B", BE_INV, procedure={"kind": "undisputed_b2b"},
                    events=[{"type": "dispute_raised", "date": "2025-07-20"}])
    assert [f.path for f in found(disputed, AS_OF, "UNDISPUTED-B2B-NOT-AVAILABLE")] == ["events[0]"]
    ok = make(tmp_path, "BE", "B2B", BE_INV, procedure={"kind": "undisputed_b2b"})
    assert found(ok, AS_OF, "UNDISPUTED-B2B-NOT-AVAILABLE") == []


# ---- legal data ------------------------------------------------------------------------------

def test_stale_rate_table_is_a_warning_and_the_other_checks_still_run(tmp_path):
    case = make(tmp_path, "FR", "B2B", FR_INV, contract={"payment_terms_days": 90})
    [stale] = found(case, date(2027, 3, 1), "STALE-RATE-TABLE")
    assert stale.severity == "warning" and "fr.late_payment_rate" in stale.message
    assert found(case, date(2027, 3, 1), "PAYMENT-TERM-TOO-LONG")
    assert found(case, date(2026, 10, 15), "STALE-RATE-TABLE") == []


def test_floor_past_the_legal_rate_table_is_marked_unconfirmed(tmp_path):
    case = make(tmp_path, "FR", "B2B", FR_INV, contract=contractual("5.00"))
    [f] = found(case, date(2027, 3, 1), "FR-B2B-RATE-BELOW-FLOOR")
    assert "2026-S2 (floor 8.25 %, unconfirmed)" in f.message and "2027-S1 (floor 8.25 %, unconfirmed)" in f.message


def test_unconfirmed_rate_is_an_info(tmp_path):
    case = make(tmp_path, "FR", "B2B", FR_INV)
    assert [f.severity for f in found(case, date(2026, 10, 15), "UNCONFIRMED-RATE")] == ["info"]
    assert found(case, date(2025, 8, 15), "UNCONFIRMED-RATE") == []


def test_statement_unavailable_before_book_xix(tmp_path):
    case = make(tmp_path, "BE", "B2C", [inv("C1", "2023-05-01", "2023-06-01")],
                events=[REMINDER | {"date": "2023-07-03"}])
    assert found(case, date(2023, 10, 1), "STATEMENT-UNAVAILABLE")
    assert found(make(tmp_path, "BE", "B2C", BE_INV, events=[REMINDER]), AS_OF, "STATEMENT-UNAVAILABLE") == []


# ---- run_checks and the CLI -----------------------------------------------------------------

def test_errors_come_first_and_a_given_statement_is_used(tmp_path):
    case = make(tmp_path, "BE", "B2C", BE_INV, events=[REMINDER | {"fee": "10.00"}],
                contract=contractual("11.00"))
    findings = run_checks(case, AS_OF, statement=compute_statement(case, AS_OF))
    severities = [f.severity for f in findings]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert all(isinstance(f, Finding) and set(f.to_dict()) == {"rule_id", "severity", "basis", "message", "path"}
               for f in findings)
    assert "BE-B2C-REMINDER-NOT-FREE" in findings_text(findings)


def _write(tmp_path, mapping):
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(mapping, allow_unicode=True), encoding="utf-8")
    return path


def test_cli_non_compliant_be_b2c_case_exits_1_with_rule_ids(tmp_path):
    notice = {"type": "formal_notice_sent", "date": "2025-08-01", "channel": "registered_letter", "fee": "15.00"}
    path = _write(tmp_path, data("BE", "B2C", BE_INV, events=[REMINDER | {"fee": "7.50"}, notice]))
    result = CliRunner().invoke(main, ["check", str(path), "--as-of", "2025-10-01", "--json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)
    errors = {f["rule_id"] for f in findings if f["severity"] == "error"}
    assert errors == {"BE-B2C-REMINDER-NOT-FREE", "BE-B2C-FEES-BEFORE-WINDOW"}
    assert all(set(f) == {"rule_id", "severity", "basis", "message", "path"} for f in findings)


def test_cli_compliant_case_exits_0_and_prints_a_table(tmp_path):
    path = _write(tmp_path, data("BE", "B2C", BE_INV, events=[REMINDER]))
    result = CliRunner().invoke(main, ["check", str(path), "--as-of", "2025-10-01"])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.stdout or "no finding" in result.stdout


def test_cli_invalid_case_exits_2(tmp_path):
    broken = data("BE", "B2C", BE_INV)
    broken["invoices"][0]["amount"] = "abc"
    result = CliRunner().invoke(main, ["check", str(_write(tmp_path, broken)), "--as-of", "2025-10-01"])
    assert result.exit_code == 2


@pytest.mark.parametrize("argv", [["check", "--help"]])
def test_cli_help_has_an_example(argv):
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0 and "docgen check" in result.output
