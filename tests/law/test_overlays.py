"""Legal data overlays (a firm's folder of sourced values) and the unconfirmed-data finding."""
from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal as D

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.errors import LegalDataError
from docgen.law import parameters
from docgen.law.parameters import active_overlays, overlays, parameter, use_overlays
from docgen.law.statement import compute_statement
from docgen.law.unconfirmed import RULE_ID, overlay_snippet, unconfirmed_findings, unconfirmed_values
from docgen.model.validate import load_case

from lawkit import BE_CREDITOR, FR_COMPANY, FR_CREDITOR, PERSON  # noqa: E402

# docgen/data flags fr.late_payment_rate from 2026-07-01 (12.40) as unconfirmed.
TABLE, START = "fr.late_payment_rate", date(2026, 7, 1)
AS_OF = date(2026, 8, 31)
CONFIRM = """\
values:
  2026-07-01: {value: "12.40", source: "Avis BCE 11 juin 2026, JO (test)", unconfirmed: false}
"""


@pytest.fixture(autouse=True)
def _no_overlay(monkeypatch):
    """Each test starts with no overlay, whatever the machine's DOCGEN_DATA, and leaves none behind."""
    monkeypatch.delenv(parameters.ENV_VAR, raising=False)
    parameters.reset()
    yield
    parameters.reset()


def overlay(tmp_path, files, folder="firm"):
    root = tmp_path / folder
    root.mkdir()
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def make_case(tmp_path, jurisdiction="FR", relationship="B2B", **extra):
    data = {"schema_version": 1, "reference": "T-1", "jurisdiction": jurisdiction, "language": "fr",
            "relationship": relationship,
            "creditor": copy.deepcopy(FR_CREDITOR if jurisdiction == "FR" else BE_CREDITOR),
            "debtor": copy.deepcopy(PERSON if relationship == "B2C" else FR_COMPANY),
            "contract": {"reference": "Contrat 1"},
            "invoices": [{"number": "F1", "issue_date": "2026-04-01", "due_date": "2026-05-31", "amount": "1000.00"}],
            **extra}
    return load_case(data, base_dir=tmp_path)


def test_without_overlay_the_statement_and_the_list_say_which_value_is_unconfirmed(tmp_path):
    case = make_case(tmp_path)
    st = compute_statement(case, AS_OF)
    assert [l.unconfirmed for l in st.interest] == [False, True]       # June 2026, then Jul-Aug 2026
    assert any(f"{TABLE}: the value 12.40 % from 2026-07-01 is unconfirmed" in w for w in st.warnings)
    [item] = unconfirmed_values(case, st, AS_OF)
    assert (item.table, item.start, item.value, item.origin) == (TABLE, START, D("12.40"), "docgen")
    assert item.shown == "12.40 %" and "L441-10" in item.reference
    assert item.to_dict()["value"] == "12.40" and item.to_dict()["start"] == "2026-07-01"


def test_an_overlay_confirms_a_value_and_nothing_is_unconfirmed_any_more(tmp_path):
    case = make_case(tmp_path)
    folder = overlay(tmp_path, {f"{TABLE}.yaml": CONFIRM})
    with overlays([folder]) as active:
        assert active == (folder,)
        entry = parameter(TABLE).at(date(2026, 8, 1))
        assert (entry.value, entry.unconfirmed, entry.origin) == (D("12.40"), False, str(folder / f"{TABLE}.yaml"))
        assert entry.source.startswith("Avis BCE")
        assert parameter(TABLE).at(date(2026, 3, 1)).origin == "docgen"     # the other entries stay docgen's
        st = compute_statement(case, AS_OF)
        assert not any(l.unconfirmed for l in st.interest)
        assert not any("unconfirmed" in w for w in st.warnings)
        assert unconfirmed_values(case, st, AS_OF) == []
        assert parameter(TABLE).version() != parameters._docgen_tables()[TABLE].version()
    # The context manager restores the previous set.
    assert active_overlays() == () and parameter(TABLE).at(date(2026, 8, 1)).unconfirmed


def test_an_overlay_can_replace_a_value_and_extend_a_table(tmp_path):
    folder = overlay(tmp_path, {f"{TABLE}.yaml": """\
last_value_still_valid_on: 2027-06-30
values:
  2026-07-01: {value: "12.15", source: "Avis BCE (test): no June hike", unconfirmed: false}
  2027-01-01: {value: "11.90", source: "Avis BCE (test), 2027-S1"}
"""})
    use_overlays([folder])
    table = parameter(TABLE)
    assert table.last_value_still_valid_on == date(2027, 6, 30)
    assert table.at(date(2026, 9, 1)).value == D("12.15")
    assert table.at(date(2027, 2, 1)).value == D("11.90")
    starts = [v.start for v in table.values]
    assert starts == sorted(starts) and len(starts) == len(set(starts))
    use_overlays(None)
    assert parameter(TABLE).at(date(2026, 9, 1)).value == D("12.40")


def test_docgen_data_names_folders_and_the_later_one_wins(tmp_path, monkeypatch):
    first = overlay(tmp_path, {f"{TABLE}.yaml": CONFIRM}, "a")
    second = overlay(tmp_path, {f"{TABLE}.yaml": CONFIRM.replace("(test)", "(second)")}, "b")
    monkeypatch.setenv(parameters.ENV_VAR, f"{first}{parameters.os.pathsep}{second}")
    entry = parameter(TABLE).at(date(2026, 8, 1))
    assert entry.origin == str(second / f"{TABLE}.yaml") and "(second)" in entry.source
    with overlays([]):                      # an explicit empty set overrides the variable
        assert parameter(TABLE).at(date(2026, 8, 1)).origin == "docgen"


@pytest.mark.parametrize("text, expected", [
    ('values:\n  2026-07-01: {value: "12.40", unconfirmed: false}\n',
     "2026-07-01: every value needs a non-empty source"),
    ('values:\n  2026-07-01: {value: "12.40", source: "  ", unconfirmed: false}\n',
     "2026-07-01: every value needs a non-empty source"),
    (CONFIRM + '  2026-07-01: {value: "12.40", source: "again"}\n', "duplicate key 2026-07-01 (line 3)"),
    ("unit: days\n" + CONFIRM, "unit 'days' differs from the table's unit 'percent'"),
    ("last_value_still_valid_on: 2026-06-30\n" + CONFIRM, "last_value_still_valid_on (2026-06-30) is before"),
    ('values:\n  2026-07-01: {value: 12.40, source: "s"}\n', "numbers must be quoted decimal strings"),
    ('values:\n  "2026-07-01": {value: "12.40", source: "s"}\n', "start must be an unquoted YYYY-MM-DD date"),
    ("colour: blue\n" + CONFIRM, "expected a mapping with 'values'"),
    ("description: x\n", "expected a mapping with 'values'"),
])
def test_a_bad_overlay_is_refused_naming_the_file_and_key(tmp_path, text, expected):
    folder = overlay(tmp_path, {f"{TABLE}.yaml": text})
    with pytest.raises(LegalDataError) as caught:
        use_overlays([folder])
    assert str(folder / f"{TABLE}.yaml") in caught.value.message
    assert expected in caught.value.message
    assert active_overlays() == ()            # a refused set is not installed


def test_an_overlay_for_an_unknown_table_or_a_missing_folder_is_refused(tmp_path):
    folder = overlay(tmp_path, {"fr.legal_rate.natural_persons.yaml": CONFIRM})
    with pytest.raises(LegalDataError, match=r"docgen has no legal table named 'fr.legal_rate.natural_persons'"):
        use_overlays([folder])
    with pytest.raises(LegalDataError, match="does not exist"):
        use_overlays([tmp_path / "nowhere"])


def test_unconfirmed_finding_is_an_error_without_acceptance_and_a_warning_with_it(tmp_path):
    case = make_case(tmp_path)
    items = unconfirmed_values(case, compute_statement(case, AS_OF), AS_OF)
    [error] = unconfirmed_findings(items, accepted=False)
    assert (error.rule_id, error.severity, error.path) == (RULE_ID, "error", f"data:{TABLE}.yaml")
    assert error.basis == parameter(TABLE).reference
    for words in (TABLE, "12.40 % from 2026-07-01", f"{TABLE}.yaml", "unconfirmed: false", "--data DIR",
                  "DOCGEN_DATA", "--accept-unconfirmed", "docs/legal-data.md"):
        assert words in error.message
    [warning] = unconfirmed_findings(items, accepted=True)
    assert (warning.rule_id, warning.severity) == (RULE_ID, "warning")
    assert "12.40 % from 2026-07-01" in warning.message and "--accept-unconfirmed was given" in warning.message
    assert unconfirmed_findings([], accepted=False) == []
    assert 'value: "12.40"' in overlay_snippet(items) and "unconfirmed: false" in overlay_snippet(items)


def test_named_tables_are_read_on_the_as_of_day_or_the_given_day(tmp_path):
    case = make_case(tmp_path)
    used = ["be.collector_notice_min_days", ("be.injunction_justice_of_peace_cap", date(2020, 1, 1))]
    items = unconfirmed_values(case, None, AS_OF, used)
    assert [(i.table, i.start, i.shown) for i in items] == [
        ("be.collector_notice_min_days", date(2023, 9, 1), "15 days"),
        ("be.injunction_justice_of_peace_cap", date(2012, 1, 1), "1860.00 EUR")]
    # Before Book XIX the 15-day minimum is confirmed: nothing to list.
    assert unconfirmed_values(case, None, date(2020, 1, 1), ["be.collector_notice_min_days"]) == []


def test_a_capped_contractual_rate_relies_on_the_unconfirmed_cap(tmp_path):
    case = make_case(tmp_path, "BE", "B2C",
                     contract={"reference": "Contract",
                               "late_interest": {"basis": "contractual", "rate_percent": "8.00"}},
                     events=[{"type": "reminder_sent", "date": "2026-06-02", "channel": "email"}])
    st = compute_statement(case, AS_OF)
    assert {l.rate_percent for l in st.interest} == {D("8.00")}
    items = unconfirmed_values(case, st, AS_OF)
    assert [(i.table, i.start) for i in items] == [("be.late_payment_rate", date(2026, 7, 1))]


def test_rates_shows_each_value_with_its_origin(tmp_path):
    folder = overlay(tmp_path, {f"{TABLE}.yaml": CONFIRM})
    runner = CliRunner()

    def entry(args):
        result = runner.invoke(main, ["rates", "--at", "2026-08-01", "--json", *args])
        assert result.exit_code == 0, result.output
        [table] = [t for t in json.loads(result.output) if t["name"] == TABLE]
        return table["values"][0]

    assert entry([]) | {"source": ""} == {"start": "2026-07-01", "value": "12.40", "source": "",
                                         "unconfirmed": True, "origin": "docgen",
                                         "note": parameter(TABLE).values[-1].note}
    confirmed = entry(["--data", str(folder)])
    assert (confirmed["origin"], confirmed["unconfirmed"]) == (str(folder / f"{TABLE}.yaml"), False)
    text = runner.invoke(main, ["rates", "--at", "2026-08-01", "--data", str(folder)]).output
    assert f"Overlay folders (later ones win): {folder}" in text
    assert f"origin: {folder / f'{TABLE}.yaml'}" in text and "origin: docgen" in text
    assert active_overlays() == ()            # the command's overlay ends with the command


def test_a_bad_overlay_on_the_command_line_is_a_clean_input_error(tmp_path):
    folder = overlay(tmp_path, {f"{TABLE}.yaml": CONFIRM + '  2026-07-01: {value: "1", source: "x"}\n'})
    result = CliRunner().invoke(main, ["rates", "--data", str(folder)])
    assert result.exit_code == 2
    assert "duplicate key 2026-07-01" in result.output and "Traceback" not in result.output
