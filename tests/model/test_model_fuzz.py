"""Hostile input never crashes validation: the only outcomes are a Case or CaseValidationError."""
from __future__ import annotations

import copy
import json
import os
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import docgen
from casekit import DELETE, get, leaf_paths, put
from docgen import CaseValidationError, Problem
from docgen.model.files import file_problem
from docgen.model.validate import validate

AS_OF = date(2025, 1, 15)
# DOCGEN_FUZZ_EXAMPLES=5000 for a long run; the default keeps the suite fast.
FUZZ = settings(max_examples=int(os.environ.get("DOCGEN_FUZZ_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Values that reach the interesting branches: field names, enum values, dates, identifiers.
KEYS = ["schema_version", "reference", "jurisdiction", "language", "relationship", "currency",
        "creditor", "debtor", "contract", "invoices", "credit_notes", "payments", "events", "exhibits",
        "payment_plan", "kind", "name", "registration", "scheme", "number", "address", "postcode",
        "country", "iban", "vat_number", "email", "amount", "date", "issue_date", "due_date", "invoice",
        "file", "proof", "type", "schedule", "instalments", "penalty_clause", "percent", "late_interest",
        "basis", "rate_percent", "legal_form", "share_capital", "street", "line2"]
WORDS = ["", " ", "FR", "BE", "fr", "nl", "B2B", "B2C", "EUR", "SIREN", "SIRET", "RCS", "BCE", "company",
         "person", "contractual", "statutory", "formal_notice_sent", "formal_notice_received", "SARL",
         "0.00", "1.00", "-1.00", "1e3", "NaN", "Infinity", "1800.00\n", "2024-02-30", "2024-13-01",
         "2024-02-01", "2099-01-01", "2024-W05-1", "20240201", "732829320", "0417497106",
         "FR7630006000011234567890189", "FR44732829320", "BE0417497106", "69003", "1000",
         "../../etc/passwd", "/etc/passwd", "pieces/F-2024-101.pdf", "proofs/relance-1.eml",
         "C:\\x.pdf", "\\\\server\\share\\x.pdf", "a\x00.pdf", "x" * 300 + ".pdf", "F-2024-101",
         "\u0661\u0662\u0663", "ß", "İ", "\ud7ff", "a@b.c", "@", "A" * 20_000]
leaf = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-10**50, max_value=10**50)
        | st.floats() | st.text(max_size=20) | st.sampled_from(WORDS))
keys = st.sampled_from(KEYS) | st.text(max_size=8)
json_like = st.recursive(leaf, lambda children: st.lists(children, max_size=4)
                         | st.dictionaries(keys, children, max_size=5), max_leaves=25)
# What a Python caller (not a file) may hand over: more types than JSON has.
python_like = json_like | st.dates() | st.datetimes() | st.decimals() | st.binary(max_size=16) \
    | st.tuples(leaf, leaf) | st.frozensets(st.integers(), max_size=3) | st.just(object())



def assert_clean(source, **kwargs) -> None:
    """load_case either returns a Case or raises CaseValidationError with well-formed problems."""
    report = validate(source, **kwargs)
    assert isinstance(report.problems, tuple)
    for problem in report.problems:
        assert isinstance(problem, Problem)
        assert isinstance(problem.path, str) and isinstance(problem.message, str) and problem.message
        assert problem.severity in ("error", "warning")
        assert len(problem.message) < 1000
    assert report.valid == (report.case is not None)
    try:
        docgen.load_case(source, **kwargs)
    except CaseValidationError as exc:
        assert not report.valid and exc.problems
    else:
        assert report.valid


@FUZZ
@given(data=json_like)
def test_arbitrary_json_like_data(data, tmp_path):
    if isinstance(data, str):
        data = [data]  # a str would be taken as a path to read
    assert_clean(data, as_of=AS_OF, base_dir=tmp_path)


@FUZZ
@given(data=st.dictionaries(st.sampled_from(KEYS[:15]), json_like, max_size=15))
def test_case_shaped_mappings(data, tmp_path):
    assert_clean(data, as_of=AS_OF, base_dir=tmp_path)


@FUZZ
@given(data=st.data())
def test_a_valid_case_with_any_node_replaced(data, case_data, case_dir):
    case = copy.deepcopy(case_data)
    put(case, data.draw(st.sampled_from(leaf_paths(case))), data.draw(python_like))
    assert_clean(case, as_of=AS_OF, base_dir=case_dir)


@FUZZ
@given(data=st.data())
def test_a_valid_case_with_several_nodes_replaced(data, case_data, case_dir):
    case = copy.deepcopy(case_data)
    for _ in range(data.draw(st.integers(2, 6))):
        put(case, data.draw(st.sampled_from(leaf_paths(case))), data.draw(python_like))
    assert_clean(case, as_of=AS_OF, base_dir=case_dir)


@FUZZ
@given(data=st.data())
def test_a_valid_case_with_a_node_deleted_or_a_key_added(data, case_data, case_dir):
    case = copy.deepcopy(case_data)
    put(case, data.draw(st.sampled_from(leaf_paths(case))), DELETE)
    if data.draw(st.booleans()):
        containers = [p for p in leaf_paths(case) if isinstance(get(case, p), dict)]
        target = get(case, data.draw(st.sampled_from(containers))) if containers else case
        target[data.draw(keys)] = data.draw(json_like)
    assert_clean(case, as_of=AS_OF, base_dir=case_dir)


@FUZZ
@given(raw=st.binary(max_size=2048), name=st.sampled_from(["case.yaml", "case.json"]))
def test_arbitrary_bytes_as_a_case_file(raw, name, tmp_path):
    path = tmp_path / name
    path.write_bytes(raw)
    assert_clean(path, as_of=AS_OF)


@FUZZ
@given(text=st.text(max_size=400) | st.builds(yaml.safe_dump, json_like))
def test_arbitrary_text_as_yaml(text, tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    assert_clean(path, as_of=AS_OF)


@FUZZ
@given(data=st.data())
def test_a_valid_yaml_file_with_one_line_garbled(data, case_data, case_dir):
    lines = yaml.safe_dump(case_data, allow_unicode=True, sort_keys=False).splitlines()
    index = data.draw(st.integers(0, len(lines) - 1))
    lines[index] = data.draw(st.text(max_size=60) | st.sampled_from(WORDS).map(lambda w: f"  x: {w!r}"))
    (case_dir / "case.yaml").write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    assert_clean(case_dir, as_of=AS_OF)


@FUZZ
@given(raw=st.binary(max_size=512) | st.sampled_from([b"%PDF-1.4", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n",
                                                      b"From: a\r\n\r\n", b"Subject:\xff\xfe"]),
       ext=st.sampled_from([".pdf", ".jpg", ".jpeg", ".png", ".eml", ".PDF", ".txt", ""]))
def test_arbitrary_bytes_as_an_exhibit(raw, ext, tmp_path):
    (tmp_path / f"piece{ext}").write_bytes(raw)
    outcome = file_problem(tmp_path, f"piece{ext}")
    assert outcome is None or isinstance(outcome, str)


@FUZZ
@given(ref=st.text(max_size=60) | st.sampled_from(WORDS)
       | st.lists(st.sampled_from(["..", ".", "pieces", "F-2024-101.pdf", "link", "/", "\\", "~"]), max_size=5)
       .map("/".join))
def test_a_file_path_is_accepted_only_inside_the_folder(ref, case_data, case_dir):
    link = case_dir / "link"
    if not link.is_symlink():
        link.symlink_to(case_dir / "pieces")
    case_data["invoices"][0]["file"] = ref
    report = validate(case_data, as_of=AS_OF, base_dir=case_dir)
    if not [p for p in report.errors if p.path == "invoices[0].file"] and ref.strip():
        resolved = (case_dir / ref.replace("\\", "/")).resolve()
        assert resolved.is_relative_to(case_dir.resolve()) and resolved.is_file(), ref
        assert not any(part == "link" for part in Path(ref).parts)


@FUZZ
@given(raw=st.binary(max_size=300), as_json=st.booleans())
def test_the_cli_never_shows_a_traceback(raw, as_json, tmp_path):
    from click.testing import CliRunner

    from docgen.cli import main

    (tmp_path / "case.yaml").write_bytes(raw)
    args = ["validate", str(tmp_path / "case.yaml"), "--as-of", "2025-01-15"] + (["--json"] if as_json else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 2), result.output
    assert isinstance(result.exception, SystemExit)
    if as_json:
        assert json.loads(result.output)["valid"] is (result.exit_code == 0)


@pytest.mark.parametrize("value", [10**400, -10**400, float("inf"), float("nan"), 1e308, "9" * 4000,
                                   b"\x00" * 10, bytearray(b"x"), [[[[[]]]]], {"a": {"b": {}}}, object()],
                         ids=["big", "-big", "inf", "nan", "1e308", "4000-digit-text", "bytes", "bytearray",
                              "nested-list", "nested-map", "object"])
def test_hostile_scalars_in_every_field(value, case_data, case_dir):
    for path in leaf_paths(case_data):
        data = copy.deepcopy(case_data)
        put(data, path, value)
        assert_clean(data, as_of=AS_OF, base_dir=case_dir)


@settings(max_examples=400, deadline=None, database=None)
@given(st.text(alphabet="ab./\\:C \x00é", max_size=24))
def test_relative_paths_are_split_as_pathlib_splits_them(relative):
    """The file checks split a case's paths with string operations: the same components, suffix,
    absoluteness and Windows drive as pathlib."""
    from pathlib import PurePosixPath, PureWindowsPath

    from docgen.model.files import _suffix, split_relative

    parts, absolute = split_relative(relative)
    pure = PurePosixPath(relative.replace("\\", "/"))
    assert absolute == (pure.is_absolute() or bool(PureWindowsPath(relative).drive))
    if not absolute:
        assert parts == list(pure.parts)
        assert (_suffix(parts[-1]) if parts else "") == pure.suffix


def test_one_look_gives_the_index_and_the_checks_the_same_state(tmp_path, monkeypatch):
    """Inside ``one_look``, a path is looked at once, its absence too; outside, every time."""
    from docgen.model import files

    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.7\n")
    calls = []
    real = os.lstat
    monkeypatch.setattr(files.os, "lstat", lambda p: calls.append(p) or real(p))
    with files.one_look():
        for _ in range(3):
            assert file_problem(tmp_path, "a.pdf", deep=False) is None
            assert file_problem(tmp_path, "b.pdf", deep=False) == "file not found"
    assert len(calls) == 2
    file_problem(tmp_path, "a.pdf", deep=False)
    assert len(calls) == 3
