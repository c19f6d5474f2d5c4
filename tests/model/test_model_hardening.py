"""Issue 12: what hostile or unlucky case files used to get through validation.

Item 6 (duplicate JSON keys), item 8 (control and bidi characters), item 10 (far-off dates,
in tests/portfolio/test_portfolio_hardening.py), item 17 (exhibits the dossier would refuse,
in test_exhibit_probing.py) and item 19 (an IBAN missing from python-stdnum's registry).
"""
from __future__ import annotations

import json
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.api import validate
from docgen.model.reading import parse_text
from docgen.model.text import json_for_terminal, terminal_safe, text_problem

# --- item 6: duplicate keys in JSON -----------------------------------------------------------


def test_json_duplicate_key_is_refused_with_its_path(case_data, case_dir):
    text = json.dumps(case_data, ensure_ascii=False).replace(
        '"amount": "1800.00"', '"amount": "1800.00", "amount": "180000.00"', 1)
    (case_dir / "case.json").write_text(text, encoding="utf-8")
    report = validate(case_dir / "case.json")
    assert not report.valid and report.case is None
    assert [p.path for p in report.errors] == ["invoices[0].amount"]
    assert "more than once" in report.errors[0].message


def test_json_duplicate_keys_everywhere_are_all_named():
    text = '{"a": 1, "a": 2, "b": [{"c": 1, "c": 1}, {"d": {"e": 0, "e": 0}}], "f": [], "f": []}'
    with pytest.raises(Exception) as caught:
        parse_text(text, json_only=True)
    assert sorted(p.path for p in caught.value.problems) == ["a", "b[0].c", "b[1].d.e", "f"]


def test_json_without_duplicates_reads_as_plain_dicts():
    data = parse_text('{"a": {"b": [{"c": 1}]}}', json_only=True)
    assert data == {"a": {"b": [{"c": 1}]}}
    assert type(data) is dict and type(data["a"]["b"][0]) is dict


# --- item 8: control characters and bidi controls ----------------------------------------------

@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07", "\r", "\x7f", "\x85", "\x9b", "\uffff", "\ufffe",
                                  "\ufdd0", "\u2028", "\ud800", "\U0010ffff"])
@pytest.mark.parametrize("field", ["debtor.name", "creditor.address.city", "invoices[0].number",
                                   "invoices[0].description", "events[0].tracking_number", "reference"])
def test_control_characters_are_refused_naming_the_field(case_data, case_dir, char, field):
    from casekit import get, put

    put(case_data, field, str(get(case_data, field) if field != "events[0].tracking_number" else "1A") + char + "x")
    report = validate(case_data, base_dir=case_dir)
    assert field in {p.path for p in report.errors}, report.problems
    assert any(f"U+{ord(char):04X}" in p.message for p in report.errors if p.path == field)
    assert report.case is None


def test_tab_and_line_breaks_only_in_running_text(case_data, case_dir):
    case_data["creditor"]["address"]["street"] = "12 rue des Lilas\r\nBâtiment B\tporte 2"
    case_data["invoices"][0]["description"] = "ligne 1\nligne 2"
    case_data["debtor"]["name"] = "Boulangerie\ndu Parc"
    assert validate(case_data, base_dir=case_dir).valid
    case_data["invoices"][0]["number"] = "F-2024\n-101"
    case_data["creditor"]["address"]["city"] = "Lyon\t"
    errors = {p.path for p in validate(case_data, base_dir=case_dir).errors}
    assert {"invoices[0].number", "creditor.address.city"} <= errors


def test_bidi_controls_are_a_warning_in_text_and_an_error_in_file_names(case_data, case_dir):
    case_data["debtor"]["name"] = "Boulangerie \u202eduP ud"
    report = validate(case_data, base_dir=case_dir)
    assert report.valid
    [warning] = [p for p in report.warnings if p.path == "debtor.name"]
    assert "U+202E" in warning.message
    (case_dir / "pieces" / "cgv\u202egnp.png").write_bytes((case_dir / "pieces" / "cgv.png").read_bytes())
    case_data["exhibits"][0]["file"] = "pieces/cgv\u202egnp.png"
    errors = {p.path: p.message for p in validate(case_data, base_dir=case_dir).errors}
    assert "bidirectional" in errors["exhibits[0].file"]


def test_a_control_character_in_a_key_is_escaped_in_the_path(case_data):
    case_data["debtor"]["na\x1b[2Jme"] = "x"
    paths = [p.path for p in validate(case_data).errors]
    assert "debtor.na\\x1b[2Jme" in paths
    assert not any("\x1b" in p for p in paths)


def test_validate_cli_prints_no_raw_control_character(case_data, case_dir):
    from click.testing import CliRunner

    from docgen.cli import main

    case_data["debtor"]["name"] = "Evil\x1b]0;owned\x07"
    case_data["debtor"]["x\x1bc"] = "y"
    (case_dir / "case.json").write_text(json.dumps(case_data), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(case_dir / "case.json"), "--as-of", "2025-01-15"])
    assert result.exit_code == 2
    assert "debtor.name" in result.output and "\x1b" not in result.output and "\x07" not in result.output


@settings(max_examples=300, deadline=None, database=None)
@given(st.text())
def test_terminal_safe_leaves_no_control_or_format_character(text):
    import unicodedata

    shown = terminal_safe(text)
    assert all(unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in shown)
    if text.isprintable() and text.isascii():
        assert shown == text
    dumped = json.dumps({"k": text}, ensure_ascii=False)
    safe = json_for_terminal(dumped)
    assert json.loads(safe) == {"k": text}
    assert all(unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Zl", "Zp") or c in "\n" for c in safe)


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet=string.printable + "éà€ßø中文", max_size=40))
def test_ordinary_text_is_never_flagged(text):
    text = text.replace("\r", "").replace("\x0b", "").replace("\x0c", "")
    assert text_problem(text, multiline=True, file_name=False) is None
    if "\n" not in text and "\t" not in text:
        assert text_problem(text, multiline=False, file_name=True) is None


def test_the_quick_search_suspects_exactly_the_characters_checked_one_by_one():
    """``text_problem`` settles most texts with one regex search: over every code point, the
    characters it finds are exactly those the character-by-character check objects to."""
    from docgen.model.text import _LINE_BREAKS, BIDI_CONTROLS, _forbidden, suspect

    every = "".join(map(chr, range(0x110000)))
    found = {m.start() for m in re.finditer(".", every, re.S) if suspect(m.group())}
    checked = {code for code, ch in enumerate(every) if _forbidden(ch) or ch in _LINE_BREAKS or ch in BIDI_CONTROLS}
    assert found == checked
    assert not any(chr(code).isprintable() for code in checked)       # suspect() relies on it


# --- item 19: an IBAN missing from python-stdnum's bank registry ----------------------------------

def test_iban_with_valid_checksum_and_unknown_bank_is_a_warning(case_data, case_dir):
    case_data["creditor"]["iban"] = "BE68539007547034"
    report = validate(case_data, base_dir=case_dir)
    assert report.valid, report.errors
    [warning] = [p for p in report.warnings if p.path == "creditor.iban"]
    assert "checksum is valid" in warning.message
    case_data["creditor"]["iban"] = "BE68539007547035"           # one digit off: a typo
    assert "creditor.iban" in {p.path for p in validate(case_data, base_dir=case_dir).errors}
    case_data["creditor"]["iban"] = "BE71096123456769"           # known bank: no finding at all
    assert "creditor.iban" not in {p.path for p in validate(case_data, base_dir=case_dir).problems}
