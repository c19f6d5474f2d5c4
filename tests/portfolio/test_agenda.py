"""docgen agenda: next actions of hand-checked cases, flags, ordering, policy overrides, CLI.

Every expected date below is worked out by hand from the case and the policy defaults
(reminder 1 at due + 7, reminder 2 at due + 15, formal notice at due + 30, 7 days at least
between two letters) and docgen's legal tables (formal notice 8 days; BE summons 15 days,
then 15 days to file; Book XIX window of 14 days from the 3rd working day after posting).
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.law.statement import compute_statement
from docgen import agenda
from docgen.portfolio.policy import Policy, PolicyError

from pfkit import AS_OF, after_the_rate_tables, example_data, write_variant


def _by_ref(items):
    return {i.reference: i for i in items}


def _only(folder: Path, as_of: date, **kwargs):
    items = agenda(folder, as_of, **kwargs)
    assert len(items) == 1, items
    return items[0]


def test_the_four_examples(portfolio):
    items = _by_ref(agenda(portfolio, AS_OF))
    # FR B2B: formal notice sent Tue 2026-09-08, 8 days -> Wed 2026-09-16; injunction from the 17th.
    rico = items["RICO-2024-017"]
    assert (rico.stage, rico.action, rico.doc, rico.date) == (
        "formal_notice_sent", "injunction", "injonction_de_payer", date(2026, 9, 17))
    assert rico.overdue and rico.days_overdue == 28 and rico.can_proceed
    # FR B2C: payment_plan_defaulted on 2026-01-05 and no formal notice since: acceleration notice.
    mpc = items["MPC-2025-0093"]
    assert (mpc.stage, mpc.action, mpc.doc, mpc.date) == (
        "plan_defaulted", "acceleration_notice", "mise_en_demeure", date(2026, 1, 5))
    # BE B2B: registered notice Tue 2026-03-10 = the C. jud. 1339 summons: 15 days -> Wed 03-25,
    # then 15 days to file -> Thu 04-09. On 2026-10-15 it has lapsed: a new summons from 04-10.
    pxm = items["PXM-RECOUV-2025-03"]
    assert (pxm.stage, pxm.action, pxm.doc, pxm.options, pxm.date) == (
        "formal_notice_sent", "summons", "injonction_de_payer", {"part": "sommation"}, date(2026, 4, 10))
    # BE B2C: plan signed 2025-11-05, defaulted 2026-04-15: acceleration notice.
    zs = items["ZS-INC-2025-0318"]
    assert (zs.stage, zs.action, zs.date) == ("plan_defaulted", "acceleration_notice", date(2026, 4, 15))
    # Overdue first, oldest first.
    assert [i.reference for i in agenda(portfolio, AS_OF)] == [
        "MPC-2025-0093", "PXM-RECOUV-2025-03", "ZS-INC-2025-0318", "RICO-2024-017"]


def test_fr_b2b_nothing_sent_yet(tmp_path):
    data = example_data("fr-b2b")
    data["events"] = []
    write_variant(tmp_path / "c", "fr-b2b", data)
    item = _only(tmp_path, AS_OF)
    # Oldest open invoice F-2023-118, due 2024-01-07: first reminder at + 7.
    assert (item.stage, item.action, item.doc, item.options["level"], item.date) == (
        "overdue", "reminder_1", "relance", "1", date(2024, 1, 14))


def test_fr_b2c_after_the_first_reminder(tmp_path):
    data = example_data("fr-b2c")
    data["events"] = [e for e in data["events"] if e["date"] <= "2025-06-16"]
    data["payments"] = [p for p in data["payments"] if p["date"] <= "2025-07-01"]
    write_variant(tmp_path / "c", "fr-b2c", data)
    item = _only(tmp_path, date(2025, 7, 1))
    # Due 2025-04-26 + 15 = 05-11, but the first reminder went on 06-16: + 7 days -> 06-23.
    assert (item.stage, item.action, item.options["level"], item.date) == (
        "reminder_1_sent", "reminder_2", "2", date(2025, 6, 23))


def test_be_b2c_waits_for_the_book_xix_window(tmp_path):
    data = example_data("be-b2c")
    data["events"] = data["events"][:1]           # the free first reminder, posted Fri 2025-07-18
    data["payments"] = []
    data.pop("payment_plan")
    write_variant(tmp_path / "c", "be-b2c", data)
    item = _only(tmp_path, date(2025, 7, 25))
    # Window: 3rd working day after posting (Mon 21 July is a holiday) = Thu 24 July, 14 days to
    # Wed 6 August: nothing more before Thu 7 August, later than due + 15 and reminder + 7.
    assert (item.stage, item.action, item.date) == ("reminder_1_sent", "reminder_2", date(2025, 8, 7))
    assert "Book XIX" in item.note


def test_be_b2b_second_reminder(tmp_path):
    data = example_data("be-b2b")
    data["invoices"] = data["invoices"][:2]        # the third one is issued after the as-of date
    data["payments"] = []
    data["events"] = data["events"][:1]            # reminder by e-mail 2025-04-08
    write_variant(tmp_path / "c", "be-b2b", data)
    item = _only(tmp_path, date(2025, 5, 1))
    # F2025-0042 due 2025-03-30: + 15 = 04-14; reminder of 04-08 + 7 = 04-15.
    assert (item.stage, item.action, item.date, item.overdue) == ("reminder_1_sent", "reminder_2", date(2025, 4, 15),
                                                                  True)


def test_dispute_pauses_the_case(tmp_path):
    data = example_data("fr-b2b")
    data["events"].append({"type": "dispute_raised", "date": "2026-10-01", "channel": "email"})
    write_variant(tmp_path / "c", "fr-b2b", data)
    item = _only(tmp_path, AS_OF)
    assert (item.stage, item.action, item.paused, item.date, item.doc) == (
        "disputed", "review_dispute", True, date(2026, 10, 16), None)
    # A formal notice recorded after the dispute resumes the ladder.
    data["events"].append({"type": "formal_notice_sent", "date": "2026-10-05", "channel": "registered_letter"})
    write_variant(tmp_path / "d", "fr-b2b", {**data, "reference": "RICO-BIS"})
    resumed = _by_ref(agenda(tmp_path, AS_OF))["RICO-BIS"]
    # Notice Mon 2026-10-05 + 8 days = Tue 10-13: injunction from 10-14.
    assert (resumed.action, resumed.date, resumed.paused) == ("injunction", date(2026, 10, 14), False)


def _plan_case(tmp_path: Path) -> None:
    data = example_data("be-b2c")
    data["events"] = [e for e in data["events"] if e["type"] != "payment_plan_defaulted"]
    write_variant(tmp_path / "c", "be-b2c", data)


def test_payment_plan_in_monitoring(tmp_path):
    _plan_case(tmp_path)
    item = _only(tmp_path, date(2026, 2, 20))
    # Instalments of 12-05, 01-05 (paid 01-07, within the 7 days of grace) and 02-05 are paid;
    # the 4th (03-05) is checked the day after its grace period: 03-13.
    assert (item.stage, item.action, item.date, item.doc) == ("payment_plan", "check_instalment", date(2026, 3, 13),
                                                              None)
    assert "instalment 4/6 of 530.00 due 2026-03-05" in item.note


def test_defaulted_instalment(tmp_path):
    _plan_case(tmp_path)
    item = _only(tmp_path, date(2026, 3, 20))
    assert (item.stage, item.action, item.doc, item.date, item.overdue) == (
        "payment_plan", "plan_default", "mise_en_demeure", date(2026, 3, 13), True)


def test_prescription_near_is_flagged_and_urgent(tmp_path):
    data = example_data("fr-b2c")
    data["invoices"] = data["invoices"][:1]
    data["invoices"][0].update(issue_date="2024-10-17", due_date="2024-11-01")
    data["payments"] = [{"date": "2024-11-20", "amount": "2000.00", "invoice": "FA-2025-0093"}]
    data["events"] = [{"type": "reminder_sent", "date": "2024-11-15", "channel": "email",
                       "proof": "proofs/relance-2025-06-16.eml"},
                      {"type": "dispute_raised", "date": "2026-10-10"}]
    data.pop("payment_plan")
    write_variant(tmp_path / "c", "fr-b2c", data)
    item = _only(tmp_path, AS_OF)
    # C. conso. L218-2: 2 years from the payment of 2024-11-20 (an acknowledgement): barred after
    # 2026-11-20, 36 days left on 2026-10-15 (docgen warns from 90 days).
    flags = {f.code: f for f in item.flags}
    assert set(flags) == {"prescription_near"} and "2026-11-20" in flags["prescription_near"].message
    assert item.urgent and item.can_proceed
    # Paused by the dispute until 10-25, but the limitation period does not wait: due today.
    assert (item.stage, item.action, item.date) == ("disputed", "review_dispute", AS_OF)


def test_paid_case_is_closed(tmp_path):
    from docgen.api import load_case

    data = example_data("fr-b2b")
    case = load_case(data, base_dir=Path("examples/fr-b2b").resolve())
    total = compute_statement(case, AS_OF).total_due
    data["payments"].append({"date": AS_OF.isoformat(), "amount": f"{total:.2f}"})
    write_variant(tmp_path / "c", "fr-b2b", data)
    item = _only(tmp_path, AS_OF)
    assert (item.stage, item.action, item.date, item.total_due) == ("closed", "none", None, 0)


def test_invalid_unreadable_and_duplicate_cases_are_flagged(portfolio):
    (portfolio / "broken").mkdir()
    (portfolio / "broken" / "case.yaml").write_text("reference: [unclosed\n", encoding="utf-8")
    (portfolio / "empty-invoices").mkdir()
    (portfolio / "empty-invoices" / "case.json").write_text('{"schema_version": 1}', encoding="utf-8")
    dup = example_data("fr-b2b")
    write_variant(portfolio / "fr-b2b-copy", "fr-b2b", dup)
    items = agenda(portfolio, AS_OF)
    assert len(items) == 7
    broken = next(i for i in items if i.path.parent.name == "broken")
    assert broken.stage == "invalid" and not broken.can_proceed and "not valid YAML" in broken.flags[0].message
    assert next(i for i in items if i.path.parent.name == "empty-invoices").stage == "invalid"
    dups = [i for i in items if i.reference == "RICO-2024-017"]
    assert len(dups) == 2 and all(not i.can_proceed for i in dups)
    assert all(any(f.code == "duplicate_reference" for f in i.flags) for i in dups)
    # The others are unaffected.
    assert sum(1 for i in items if i.can_proceed) == 3


def test_compliance_error_blocks(tmp_path):
    data = example_data("fr-b2c")
    data["events"][0]["fee"] = "15.00"             # a reminder fee charged to a consumer (L111-8)
    write_variant(tmp_path / "c", "fr-b2c", data)
    item = _only(tmp_path, AS_OF)
    flag = next(f for f in item.flags if f.code == "compliance_error")
    assert not item.can_proceed and "FR-B2C-RECOVERY-FEES" in flag.rule_ids


def test_firm_and_case_policies(tmp_path):
    data = example_data("fr-b2b")
    data["events"] = []
    write_variant(tmp_path / "c", "fr-b2b", data)
    firm = tmp_path / "firm.yaml"
    firm.write_text("default:\n  steps:\n    - {action: reminder_1, doc: relance, level: 1, after_due_days: 3}\n"
                    "    - {action: formal_notice, doc: mise_en_demeure, after_due_days: 20}\n", encoding="utf-8")
    assert _only(tmp_path, AS_OF, policy=firm).date == date(2024, 1, 10)
    # The case's own policy.yaml comes last.
    (tmp_path / "c" / "policy.yaml").write_text(
        "FR:\n  B2B:\n    steps:\n      - {action: first_call, doc: relance, level: 1, after_due_days: 1}\n",
        encoding="utf-8")
    item = _only(tmp_path, AS_OF, policy=firm)
    assert (item.action, item.date) == ("first_call", date(2024, 1, 8))
    (tmp_path / "c" / "policy.yaml").write_text("default: {grace: 3}\n", encoding="utf-8")
    item = _only(tmp_path, AS_OF)
    assert item.stage == "invalid" and any(f.code == "policy_error" for f in item.flags)


def test_policy_errors_and_book_xix_guard(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("default:\n  steps: []\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="steps"):
        Policy.load(bad)
    be = tmp_path / "be.yaml"
    be.write_text("BE:\n  B2C:\n    steps:\n      - {action: notice, doc: mise_en_demeure, after_due_days: 30}\n",
                  encoding="utf-8")
    with pytest.raises(PolicyError, match="Book XIX"):
        Policy.load(be).for_case("BE", "B2C")


def test_synthetic_portfolio_every_stage(tmp_path):
    from docgen.portfolio.synthetic import make_portfolio

    make_portfolio(tmp_path, 64, AS_OF)
    items = agenda(tmp_path, AS_OF, jobs=2)          # the parallel path
    assert len(items) == 64 and all(i.can_proceed for i in items), [i.flags for i in items if i.flags]
    stages = {i.stage for i in items}
    assert {"not_due", "overdue", "reminder_1_sent", "reminder_2_sent", "formal_notice_sent", "disputed",
            "payment_plan"} <= stages
    assert [i.to_dict() for i in agenda(tmp_path, AS_OF, jobs=1)] == [i.to_dict() for i in items]


def test_cli(portfolio):
    runner = CliRunner()
    result = runner.invoke(main, ["agenda", str(portfolio), "--as-of", "2026-10-15", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["cases"] == 4 and data["overdue"] == 4
    assert data["items"][0]["reference"] == "MPC-2025-0093" and data["items"][0]["date"] == "2026-01-05"
    text = runner.invoke(main, ["agenda", str(portfolio), "--as-of", "2026-10-15"])
    assert text.exit_code == 0 and "RICO-2024-017" in text.output and "4 actions due" in text.output
    missing = runner.invoke(main, ["agenda", str(portfolio / "nope"), "--as-of", "2026-10-15"])
    assert missing.exit_code == 2


def test_assume_last_rate(portfolio):
    late = after_the_rate_tables()
    for item in agenda(portfolio, late, jobs=1):
        assert "stale_rates" in {f.code for f in item.flags} and not item.can_proceed
    result = CliRunner().invoke(main, ["agenda", str(portfolio), "--as-of", late.isoformat(), "--json",
                                       "--assume-last-rate"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)["items"]
    assert len(items) == 4
    for item in items:
        flags = {f["code"]: f for f in item["flags"]}
        assert "stale_rates" not in flags and item["can_proceed"]
        assert not flags["assumed_rate"]["blocking"] and "last known value" in flags["assumed_rate"]["message"]


def test_the_table_keeps_references_whole(tmp_path):
    """Two references that differ only at their end stay told apart in the text table."""
    from docgen.portfolio.agenda import agenda_text

    for n, suffix in enumerate(("-ALPHA", "-BRAVO")):
        data = example_data("fr-b2b")
        data["reference"] = "CABINET-DUPONT-RECOUVREMENT-2026-DOSSIER-0000000042" + suffix
        write_variant(tmp_path / f"case{n}", "fr-b2b", data)
    text = agenda_text(agenda(tmp_path, AS_OF), AS_OF)
    for suffix in ("-ALPHA", "-BRAVO"):
        assert "CABINET-DUPONT-RECOUVREMENT-2026-DOSSIER-0000000042" + suffix in text
    header, first = text.splitlines()[:2]
    assert header.index("STAGE") == first.index("formal_notice_sent")     # the columns stay aligned
