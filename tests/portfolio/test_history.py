"""Décomptes arrêtés at a past date: what was recorded later is outside that day's figures, not
an error, so ``statement``, ``aging`` and ``agenda`` at the filing date keep working."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from click.testing import CliRunner
from pfkit import AS_OF, NAMES

from docgen.cli import main
from docgen import agenda, aging, record_event, record_payment

PAST = date(2024, 6, 30)
LATER = date(2026, 11, 2)


def _record_later_items(portfolio) -> None:  # noqa: ANN001
    for name in NAMES:
        record_payment(portfolio / name, amount="10.00", day=LATER, method="transfer", as_of=LATER)
        record_event(portfolio / name, "call", day=LATER, channel="phone", as_of=LATER)


def test_statement_at_a_past_date_after_later_records(portfolio):
    runner = CliRunner()
    case = str(portfolio / "fr-b2b")
    before = runner.invoke(main, ["statement", case, "--as-of", "2024-06-30", "--json"])
    assert before.exit_code == 0, before.output
    _record_later_items(portfolio)
    after = runner.invoke(main, ["statement", case, "--as-of", "2024-06-30", "--json"])
    assert after.exit_code == 0, after.output
    assert json.loads(after.stdout) == json.loads(before.stdout)
    assert after.stderr == ""                     # later than the as-of date, not than today: nothing to say
    # On the later day, the payment counts.
    now = runner.invoke(main, ["statement", case, "--as-of", LATER.isoformat(), "--json"])
    then = runner.invoke(main, ["statement", case, "--as-of", (LATER.replace(day=1)).isoformat(), "--json"])
    assert now.exit_code == then.exit_code == 0
    assert Decimal(json.loads(now.stdout)["paid"]) == Decimal(json.loads(then.stdout)["paid"]) + 10


def test_a_date_after_today_is_a_warning_naming_the_field(portfolio):
    record_event(portfolio / "fr-b2b", "call", day=date(2199, 1, 1), as_of=date(2199, 1, 1))
    result = CliRunner().invoke(main, ["statement", str(portfolio / "fr-b2b"), "--as-of", "2026-10-15"])
    assert result.exit_code == 0, result.output
    assert "warning: events[5].date: dated 2199-01-01, after today (" in result.stderr
    check = CliRunner().invoke(main, ["validate", str(portfolio / "fr-b2b"), "--as-of", "2026-10-15"])
    assert check.exit_code == 0 and "events[5].date: dated 2199-01-01, after today" in check.output


def test_aging_and_agenda_at_a_past_date_include_every_case(portfolio):
    _record_later_items(portfolio)
    report = aging(portfolio, PAST)
    assert report.errors == []
    assert sorted(c for r in report.rows for c in r.cases) == sorted(
        ["RICO-2024-017", "MPC-2025-0093", "PXM-RECOUV-2025-03", "ZS-INC-2025-0318"])
    items = agenda(portfolio, PAST)
    assert len(items) == 4 and all(i.stage != "invalid" for i in items), [(i.reference, i.label) for i in items]
    text = CliRunner().invoke(main, ["aging", str(portfolio), "--as-of", "2024-06-30"])
    assert text.exit_code == 0 and "left out" not in text.output


def test_aging_of_a_day_is_unchanged_by_what_is_recorded_later(portfolio):
    before = aging(portfolio, AS_OF).to_dict()
    _record_later_items(portfolio)
    assert aging(portfolio, AS_OF).to_dict() == before
