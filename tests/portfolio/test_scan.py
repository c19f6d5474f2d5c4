"""Finding a portfolio's case files and loading them, never raising.

That the fast YAML path reads exactly as docgen's strict reader: tests/model/test_reading_fast.py.
"""
from __future__ import annotations

import subprocess
import sys
from datetime import date

from docgen.portfolio.scan import find_case_files, load


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
