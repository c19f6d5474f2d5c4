"""Issue 12, item 10: one case or policy file never takes down a portfolio command.

Far-off dates are refused at validation (and as --as-of) with a clean message; hostile
per-case policy files are read with the case reader's guards; a case that fails in any
unforeseen way is reported and the others go on.
"""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from pfkit import AS_OF, EXAMPLES, example_data, write_variant

from docgen.cli import main
from docgen.law.calendar import split_at_semesters
from docgen.law.prescription import add_years
from docgen.model.types import MAX_DAY, MIN_DAY
from docgen import agenda
from docgen.portfolio.policy import PolicyError, read_policy_file
from docgen.portfolio.aging import aging


def _hostile_portfolio(root: Path) -> Path:
    """A portfolio of one good case and four that used to crash every portfolio command."""
    shutil.copytree(EXAMPLES / "fr-b2c", root / "good")
    far = example_data("fr-b2b")
    far["invoices"][0]["due_date"] = "9999-12-31"
    write_variant(root / "far", "fr-b2b", far)
    for name, policy in (("deep", "default: " + "[" * 50_000 + "]" * 50_000 + "\n"),
                         ("huge", "default: {min_days_between_steps: " + "9" * 5_000 + "}\n"),
                         ("alias", "default: &a {min_days_between_steps: 3}\nFR: {B2B: *a}\n")):
        data = example_data("be-b2b")
        data["reference"] = f"REF-{name}"
        write_variant(root / name, "be-b2b", data)
        (root / name / "policy.yaml").write_text(policy, encoding="utf-8")
    return root


def test_far_dates_are_refused_at_validation_with_the_range(case_data):
    from docgen.api import validate

    case_data["invoices"][0]["due_date"] = "9999-12-31"
    case_data["payments"][0]["date"] = "1899-12-31"
    report = validate(case_data, as_of=date(2025, 1, 15))
    messages = {p.path: p.message for p in report.errors}
    assert "1900-01-01 to 2199-12-31" in messages["invoices[0].due_date"]
    assert "1899-12-31" in messages["payments[0].date"]
    for day in (MIN_DAY, MAX_DAY):
        case_data["invoices"][0]["due_date"] = day.isoformat()
        case_data["payments"][0]["date"] = "2024-04-10"
        assert "invoices[0].due_date" not in {p.path for p in validate(case_data).errors if "outside" in p.message}
    assert [p.path for p in validate(case_data, as_of=date(9999, 12, 31)).errors] == ["as_of"]


def test_legal_arithmetic_does_not_overflow():
    assert add_years(MAX_DAY, 30) == date(2229, 12, 31)
    assert add_years(date(9999, 2, 28), 5) == date.max             # a direct caller is not crashed
    assert split_at_semesters(date(9999, 12, 1), date.max) == [(date(9999, 12, 1), date.max)]
    pieces = split_at_semesters(MIN_DAY, MAX_DAY)
    assert pieces[0][0] == MIN_DAY and pieces[-1][1] == MAX_DAY and len(pieces) == 600


def test_one_bad_case_or_policy_never_stops_agenda_or_aging(tmp_path):
    folder = _hostile_portfolio(tmp_path / "cases")
    items = {i.path.parent.name: i for i in agenda(folder, AS_OF)}
    assert items["good"].stage != "invalid" and items["good"].can_proceed
    assert "outside the dates docgen accepts" in items["far"].flags[0].message
    for name in ("deep", "huge", "alias"):
        assert items[name].flags[-1].code == "policy_error", items[name]
        assert str(folder / name / "policy.yaml") in items[name].flags[-1].message
    report = aging(folder, AS_OF)
    # A case whose policy is unusable still owes what it owes (its stage says "invalid").
    assert sorted(c for r in report.rows for c in r.cases) == sorted(
        [items["good"].reference, "REF-alias", "REF-deep", "REF-huge"])
    assert [Path(case).parent.name for case, _ in report.errors] == ["far"]


def test_an_unforeseen_failure_is_one_case_reported(tmp_path, monkeypatch):
    shutil.copytree(EXAMPLES / "fr-b2b", tmp_path / "cases" / "a")
    shutil.copytree(EXAMPLES / "be-b2b", tmp_path / "cases" / "b")
    import docgen.portfolio.agenda as schedule

    real = schedule.evaluate

    def explode(loaded, as_of, policy):
        if loaded.path.parent.name == "a":
            raise OverflowError("date value out of range")
        return real(loaded, as_of, policy)

    import docgen.portfolio.aging as receivables

    monkeypatch.setattr(schedule, "evaluate", explode)
    monkeypatch.setattr(receivables, "evaluate", explode)      # aging imports it at module level
    items = {i.path.parent.name: i for i in agenda(tmp_path / "cases", AS_OF, jobs=1)}
    assert items["a"].stage == "invalid" and "OverflowError" in items["a"].flags[0].message
    assert items["b"].stage != "invalid"
    report = aging(tmp_path / "cases", AS_OF, jobs=1)
    assert [c for c, _ in report.errors] == [str(tmp_path / "cases" / "a" / "case.yaml")]
    assert len(report.rows) == 1


@pytest.mark.parametrize("command", ["agenda", "aging", "batch"])
def test_cli_reports_and_goes_on(tmp_path, command):
    folder = _hostile_portfolio(tmp_path / "cases")
    shutil.rmtree(folder / "good")              # nothing to render: the test stays fast
    args = [command, str(folder), "--as-of", AS_OF.isoformat()]
    if command == "batch":
        args += ["-o", str(tmp_path / "out")]
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code == (2 if command == "batch" else 0), result.output
    assert "far" in result.output or "RICO-2024-017" in result.output


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"])
@pytest.mark.parametrize("command", ["agenda", "aging", "check", "statement"])
def test_as_of_out_of_range_is_a_usage_error(as_of, command):
    args = [command, str(EXAMPLES / "fr-b2b"), "--as-of", as_of, *(["--assume-last-rate"] if command == "agenda" else [])]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "outside the dates docgen accepts" in result.output
    assert not isinstance(result.exception, (OverflowError, ValueError))


def test_api_as_of_out_of_range_is_a_docgen_error(portfolio):
    from docgen.errors import DocgenError

    with pytest.raises(DocgenError, match="outside the dates"):
        agenda(portfolio, date(9999, 12, 31), assume_last_rate=True)
    with pytest.raises(DocgenError, match="outside the dates"):
        aging(portfolio, date(1, 1, 1))


def test_policy_reader_has_the_case_reader_guards(tmp_path):
    path = tmp_path / "policy.yaml"
    for text, expected in (("default: " + "{a: " * 20_000 + "1" + "}" * 20_000, "nested too deeply"),
                           ("default: {min_days_between_steps: " + "9" * 5_000 + "}", "cannot be read"),
                           ("default: {}\ndefault: {}\n", "duplicate key"),
                           ("x" * (6 * 1024 * 1024), "limit")):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(PolicyError, match=expected):
            read_policy_file(path)


# --- item 8: nothing printed to a terminal carries a raw control character -----------------------

def test_agenda_and_aging_escape_what_they_print(tmp_path):
    root = tmp_path / "cases"
    data = example_data("fr-b2b")
    data["debtor"]["name"] = "Rico\u202e cir"                          # valid, with a warning
    write_variant(root / "bidi", "fr-b2b", data)
    bad = example_data("be-b2b")
    bad["debtor"]["name"] = "Ardenne\x1b]0;owned\x07\x1b[2J"            # refused, and its folder too
    write_variant(root / "esc\x1b[2Jfolder", "be-b2b", bad)
    runner = CliRunner()
    for args in (["agenda"], ["agenda", "--json"], ["aging"], ["aging", "--format", "json"],
                 ["aging", "--format", "csv"], ["aging", "--format", "html"]):
        result = runner.invoke(main, [args[0], str(root), "--as-of", AS_OF.isoformat(), *args[1:]])
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output, args
    table = runner.invoke(main, ["aging", str(root), "--as-of", AS_OF.isoformat()]).output
    assert "Rico\\u202e cir" in table and "esc\\x1b[2Jfolder" in table
    agenda_json = runner.invoke(main, ["agenda", str(root), "--as-of", AS_OF.isoformat(), "--json"]).output
    import json

    assert {i["debtor"] for i in json.loads(agenda_json)["items"]} == {"Rico\u202e cir", None}
