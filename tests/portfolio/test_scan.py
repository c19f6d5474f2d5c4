"""The portfolio's fast case-file reader gives exactly what docgen's reader gives, or defers to it."""
from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from pfkit import EXAMPLES, NAMES

from docgen.errors import CaseValidationError
from docgen.model.reading import parse_text
from docgen.portfolio.scan import find_case_files, load, parse_case_bytes
from docgen.portfolio.synthetic import make_portfolio

TRICKY = [
    "a: 1\nb: 1.5\nc: true\nd: yes\ne: ~\nf: 2024-02-30\ng: '2024-01-01'\nh: 0o17\ni: .inf\nj: 1_000\n",
    "a: &x {b: 1}\nc: *x\n",                   # aliases: refused by docgen's reader
    "a: 1\na: 2\n",                            # duplicate keys
    "<<: {a: 1}\nb: 2\n",                      # merge key
    "a: !!timestamp 2024-01-01\n",             # explicit tag
    "1: one\n",                                # non-text key
    "a: [1, 2, {b: c}]\n- oops\n",             # syntax error
    "",                                        # empty
    "just text\n",
    "a: !!binary aGVsbG8=\n",
    "\ufeffa: 1\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_same_data_or_same_error(tmp_path, text):
    path = tmp_path / "case.yaml"
    path.write_bytes(text.encode("utf-8"))
    try:
        expected = parse_text(text.lstrip("\ufeff"))
    except CaseValidationError as exc:
        with pytest.raises(CaseValidationError) as got:
            parse_case_bytes(path.read_bytes(), path)
        assert [str(p) for p in got.value.problems] == [str(p) for p in exc.problems]
        return
    assert parse_case_bytes(path.read_bytes(), path) == expected


def test_examples_and_synthetic_cases(tmp_path):
    make_portfolio(tmp_path, 16, date(2026, 10, 15))
    paths = [EXAMPLES / n / "case.yaml" for n in NAMES] + find_case_files(tmp_path)
    for path in paths:
        assert parse_case_bytes(path.read_bytes(), path) == parse_text(path.read_text(encoding="utf-8"))


def test_load_never_raises(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "case.yaml").write_bytes(b"\x00\x01binary")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "case.json").write_text("{not json", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "case.yaml").write_text("a: 1", encoding="utf-8")
    paths = find_case_files(tmp_path)
    assert [p.parent.name for p in paths] == ["a", "b"]
    results = [load(p, date(2026, 10, 15)) for p in paths]
    assert "binary" in results[0].error and "JSON" in results[1].error


def test_cli_module_imports_only_click():
    code = ("import sys, docgen.cli_portfolio; "
            "heavy = [m for m in ('docgen.portfolio', 'weasyprint', 'ruamel', 'openpyxl', 'pydantic') "
            "if any(k == m or k.startswith(m + '.') for k in sys.modules)]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
