"""The library surface (docgen.load_case / validate) and reading case files from disk."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pydantic
import pytest
import yaml

import docgen
from docgen import CaseValidationError, Problem
from docgen.model import Case, ValidationReport
from docgen.model.reading import MAX_CASE_FILE_BYTES

AS_OF = date(2025, 1, 15)


def write_yaml(folder, data, name="case.yaml"):
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems_of(source, **kwargs):
    with pytest.raises(CaseValidationError) as caught:
        docgen.load_case(source, **kwargs)
    exc = caught.value
    assert exc.problems and all(isinstance(p, Problem) for p in exc.problems)
    return [(p.path, p.message, p.severity) for p in exc.problems]


# --- the five deliberate mistakes -------------------------------------------------------

FIVE_MISTAKES = """\
schema_version: 1
reference: "REC-2025-0042"
jurisdiction: FR
language: fr
relationship: B2B
creditor:
  kind: company
  name: "Atelier Lumière"
  legal_form: "SARL"
  share_capital: "10000.00"
  registration: {scheme: SIREN, number: "732829320"}
  address: {street: "12 rue des Lilas", postcode: "69003", city: "Lyon", country: FR}
  email: "compta@atelier-lumiere.example"
  iban: "FR7630006000011234567890188"        # 1. wrong check digits (meaning)
debtor:
  kind: company
  name: "Boulangerie du Parc"
  address: {street: "5 avenue Foch", postcode: "69006", city: "Lyon", country: FR}
  email: "gerance@boulangerie-du-parc.example"
  telephone: "04 78 00 00 00"               # 2. unknown key (structure)
contract: {reference: "Devis D-2024-17"}
invoices:
  - number: "F-2024-101"
    issue_date: 2024-02-01
    due_date: 2024-01-31                    # 3. due before issue (meaning)
    amount: 1800.50                         # 4. a float, not a quoted amount (type)
    file: "../../etc/passwd"                # 5. outside the case folder (files)
"""


def test_five_mistakes_of_five_kinds_are_all_listed_with_their_paths(tmp_path):
    (tmp_path / "case.yaml").write_text(FIVE_MISTAKES, encoding="utf-8")
    found = problems_of(tmp_path, as_of=AS_OF)
    errors = {(path, severity) for path, _, severity in found if severity == "error"}
    assert errors == {("creditor.iban", "error"), ("debtor.telephone", "error"),
                      ("invoices[0].due_date", "error"), ("invoices[0].amount", "error"),
                      ("invoices[0].file", "error")}
    messages = {path: message for path, message, _ in found}
    assert "IBAN" in messages["creditor.iban"]
    assert "unknown field" in messages["debtor.telephone"]
    assert "before the issue date" in messages["invoices[0].due_date"]
    assert "quoted decimal strings" in messages["invoices[0].amount"]
    assert "leaves the case folder" in messages["invoices[0].file"]


# --- the library surface ----------------------------------------------------------------

def test_load_case_from_a_file_a_folder_and_a_mapping(case_data, case_dir):
    path = write_yaml(case_dir, case_data)
    for source in (path, str(path), case_dir):
        case = docgen.load_case(source, as_of=AS_OF)
        assert isinstance(case, Case)
        assert case.source_dir == case_dir
    case = docgen.load_case(case_data, as_of=AS_OF, base_dir=case_dir)
    assert case.invoices[0].amount == Decimal("1800.00")
    assert case.invoices[0].issue_date == date(2024, 2, 1)
    assert case.principal == Decimal("2400.00")
    assert case.invoice("F-2024-102").due_date == date(2024, 3, 16)
    assert [e.type for e in case.events_of("formal_notice_sent", "formal_notice_received")] == [
        "formal_notice_sent", "formal_notice_received"]
    assert case.resolve("pieces/F-2024-101.pdf") == (case_dir / "pieces" / "F-2024-101.pdf").resolve()
    assert case.currency == "EUR" and case.imputation == "interest_first"


def test_a_json_case_file_and_a_folder_holding_one(case_data, case_dir):
    (case_dir / "case.json").write_text(json.dumps(case_data), encoding="utf-8")
    assert docgen.load_case(case_dir / "case.json", as_of=AS_OF).reference == "REC-2025-0042"
    assert docgen.load_case(case_dir, as_of=AS_OF).reference == "REC-2025-0042"


def test_the_case_is_frozen(case_data, case_dir):
    case = docgen.load_case(case_data, as_of=AS_OF, base_dir=case_dir)
    with pytest.raises(pydantic.ValidationError):
        case.reference = "other"


def test_validate_returns_a_report_with_errors_then_warnings(case_data, case_dir):
    case_data["debtor"].pop("email")
    case_data["invoices"][0]["due_date"] = "2024-01-01"
    report = docgen.validate(case_data, as_of=AS_OF, base_dir=case_dir)
    assert isinstance(report, ValidationReport)
    assert not report.valid and report.case is None
    assert [(p.path, p.severity) for p in report.problems] == [
        ("invoices[0].due_date", "error"), ("debtor.email", "warning")]
    assert [p.path for p in report.errors] == ["invoices[0].due_date"]
    assert [p.path for p in report.warnings] == ["debtor.email"]


def test_the_exception_carries_path_message_and_severity_of_every_problem(case_data, case_dir):
    case_data["debtor"].pop("email")
    case_data["language"] = "nl"
    exc = pytest.raises(CaseValidationError, docgen.load_case, case_data, base_dir=case_dir).value
    assert [(p.path, p.severity) for p in exc.problems] == [("language", "error"), ("debtor.email", "warning")]
    assert exc.message == "the case file has 1 error(s)"
    assert str(exc.problems[0]).startswith("error: language: ")
    assert exc.exit_code == 2


def test_a_valid_case_with_warnings_loads(case_data, case_dir):
    case_data["debtor"].pop("email")
    assert docgen.load_case(case_data, base_dir=case_dir).debtor.email is None


def test_files_are_resolved_against_base_dir_for_a_mapping(case_data, case_dir, tmp_path_factory, monkeypatch):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    found = problems_of(case_data)  # cwd is the default base: the files are not there
    assert {p for p, _, s in found if s == "error"} == {
        "invoices[0].file", "invoices[1].file", "events[0].proof", "events[1].proof", "events[2].proof",
        "exhibits[0].file"}
    monkeypatch.chdir(case_dir)
    assert docgen.load_case(case_data).reference


# --- reading YAML and JSON --------------------------------------------------------------

@pytest.mark.parametrize(("text", "fragment"), [
    ("", "not an empty file"),
    ("- a\n- b\n", "not a list"),
    ("just words", "not a line of text"),
    ("42", "not a number"),
    ("a: [1, 2\n", "not valid YAML at line"),
    ("a: &x 1\nb: *x\n", "anchors and aliases"),
    ("reference: a\nreference: b\n", "duplicate key 'reference'"),
    ("1: a\n", "keys must be text"),
    ("[1]: a\n", "keys must be text"),
    ("a: !!python/object/apply:os.system ['echo hi']\n", "not valid YAML"),
    ("amount: " + "9" * 5000 + "\n", "cannot be read"),
    ("a: !!int abc\n", "cannot be read"),
    ("\t- bad indentation", "not valid YAML"),
])
def test_unusable_yaml_is_one_clean_problem(tmp_path, text, fragment):
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    found = problems_of(path)
    assert len(found) == 1 and found[0][0] == "" and fragment in found[0][1], found


def test_billion_laughs_is_refused_quickly(tmp_path):
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 9)}]" for i in range(1, 10)]
    (tmp_path / "case.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "anchors and aliases" in problems_of(tmp_path)[0][1]


@pytest.mark.parametrize(("raw", "fragment"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"reference: caf\xe9\n", "not UTF-8"),
    ("reference: x\n".encode("utf-16"), "binary file"),
])
def test_binary_and_non_utf8_files(tmp_path, raw, fragment):
    (tmp_path / "case.yaml").write_bytes(raw)
    assert fragment in problems_of(tmp_path / "case.yaml")[0][1]


def test_a_utf8_bom_is_accepted(case_data, case_dir):
    text = yaml.safe_dump(case_data, allow_unicode=True)
    (case_dir / "case.yaml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert docgen.load_case(case_dir, as_of=AS_OF)


def test_too_large_a_case_file(tmp_path):
    (tmp_path / "case.yaml").write_bytes(b"#" * (MAX_CASE_FILE_BYTES + 1))
    assert "the limit is" in problems_of(tmp_path)[0][1]


@pytest.mark.parametrize("name", ["absent.yaml", "a" * 5000, "dir/\x00.yaml"])
def test_unopenable_paths(tmp_path, name):
    assert problems_of(tmp_path / name)[0][0] == ""


def test_a_folder_without_a_case_file(tmp_path):
    assert "no case.yaml / case.yml / case.json" in problems_of(tmp_path)[0][1]


def test_deep_nesting_in_yaml_and_json(tmp_path):
    depth = 100_000
    (tmp_path / "case.yaml").write_text("a: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    assert problems_of(tmp_path / "case.yaml")
    (tmp_path / "case.json").write_text('{"a": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    assert "nested too deeply" in problems_of(tmp_path / "case.json")[0][1]


def test_deep_nesting_in_a_mapping(case_data, case_dir):
    deep: object = "x"
    for _ in range(50_000):
        deep = {"a": deep}
    case_data["reference"] = deep
    case_data["extra"] = [deep]
    found = problems_of(case_data, base_dir=case_dir)
    assert {p for p, _, _ in found} == {"reference", "extra"}


def test_ten_megabyte_strings_everywhere(case_data, case_dir):
    huge = "A" * 10_000_000
    for field in ("name", "email", "iban", "vat_number", "bic"):
        case_data["creditor"][field] = huge
    case_data["creditor"]["registration"]["number"] = huge
    case_data["debtor"]["address"]["postcode"] = huge
    case_data["invoices"][0]["file"] = huge
    case_data["payments"][0]["invoice"] = huge
    case_data[huge] = 1
    found = problems_of(case_data, base_dir=case_dir)
    paths = {p for p, _, s in found if s == "error"}
    assert {"creditor.name", "creditor.iban", "debtor.address.postcode", "invoices[0].file"} <= paths
    assert all(len(m) < 500 for _, m, _ in found)


def test_yaml_dates_and_quoted_numbers(tmp_path):
    """Unquoted YAML dates are fine (kept as text, then parsed); an unquoted invoice number is not."""
    text = FIVE_MISTAKES.replace("1800.50", '"1800.50"').replace("../../etc/passwd", "x.pdf") \
        .replace('"F-2024-101"', "101")
    (tmp_path / "case.yaml").write_text(text, encoding="utf-8")
    found = dict((p, m) for p, m, _ in problems_of(tmp_path, as_of=AS_OF))
    assert "quotes" in found["invoices[0].number"]
    assert "invoices[0].issue_date" not in found
