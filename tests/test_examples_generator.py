"""The example generator (scripts/make_examples.py, package scripts/examplegen).

CI runs pytest, so this file is how CI runs ``make_examples.py --check``: the committed files
of examples/ cannot drift from their case files, nor from docgen's law. The generator keeps no
law of its own: the ast checks below fail if a holiday calendar, a working-day loop, a rate or
a fixed legal amount creeps back into the package.
"""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from importlib import metadata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
PACKAGE = SCRIPTS / "examplegen"
MODULES = sorted(PACKAGE.glob("*.py"))


def _trees() -> dict[str, ast.Module]:
    return {path.stem: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in MODULES}


def _toolchain_differences() -> list[str]:
    """Where this machine's renderers differ from those recorded with the committed files."""
    recorded = ast.literal_eval(next(
        node.value for node in _trees()["__init__"].body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "TOOLCHAIN"))
    found = {name: metadata.version(name) for name in ("weasyprint", "pydyf", "pillow")}
    try:
        found["fonts-dejavu-core"] = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Version}", "fonts-dejavu-core"],
            capture_output=True, text=True, check=True).stdout.split("-")[0]
    except (OSError, subprocess.CalledProcessError):
        found["fonts-dejavu-core"] = "unknown (no dpkg-query)"
    return [f"{name} {found.get(name)} here, {version} recorded" for name, version in recorded.items()
            if found.get(name) != version]


# ---- CI runs --check -------------------------------------------------------------------------

def test_committed_example_files_are_what_the_generator_renders():
    differences = _toolchain_differences()
    if differences:
        pytest.skip("the example files' bytes depend on the renderers, and this toolchain differs from "
                    "the recorded one (scripts/examplegen/__init__.py TOOLCHAIN): " + "; ".join(differences))
    run = subprocess.run([sys.executable, str(SCRIPTS / "make_examples.py"), "--check"], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, f"make_examples.py --check exit {run.returncode}:\n{run.stdout}\n{run.stderr}"
    assert "all example files up to date" in run.stdout


def test_generator_reports_the_folders_it_knows():
    run = subprocess.run([sys.executable, str(SCRIPTS / "make_examples.py"), "--known"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "renders:     fr-b2b, fr-b2c, be-b2b, be-b2c" in run.stdout


# ---- one source of legal truth ---------------------------------------------------------------

def test_the_package_takes_its_law_from_docgen_law():
    trees = _trees()
    legal_imports = {node.module for node in ast.walk(trees["legal"])
                     if isinstance(node, ast.ImportFrom) and node.module}
    assert {"docgen.law.be", "docgen.law.deadlines", "docgen.law.parameters"} <= legal_imports
    for name, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not any(a.name == "holidays" for a in node.names), f"{name}: imports holidays"
            if isinstance(node, ast.ImportFrom):
                assert node.module != "holidays", f"{name}: imports holidays"
                assert node.module != "datetime" or all(a.name != "timedelta" for a in node.names), \
                    f"{name}: date arithmetic (timedelta) belongs to docgen.law.deadlines"
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                assert not re.search(r"holiday|easter|working_day|consumer_window$|lump_sum_cap|accrue",
                                     node.name, re.I), f"{name}.{node.name}: a copy of the law"
            if isinstance(node, ast.Compare) and isinstance(node.left, ast.Call) \
                    and getattr(node.left.func, "attr", "") == "weekday":
                raise AssertionError(f"{name}: line {node.lineno} decides working days itself")
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Decimal" and node.args \
                    and isinstance(node.args[0], ast.Constant):
                assert node.args[0].value in ("0", "0.01", 1), \
                    f"{name}: line {node.lineno}: Decimal({node.args[0].value!r}) looks like a legal figure"


# Figures of the law the old copy wrote out by hand; none may be typed into a text again.
LEGAL_FIGURES = re.compile(
    r"\b40\s*(€|euros)|quarante euros|\d+,\d+\s*%\s*(l'an|pour le)|majoré de (\d+|dix|huit) points"
    r"|\bderde werkdag|\b14 kalenderdagen, die|€ 2\.000|€ 65 \+|schadevergoeding van € 20")


def test_no_text_of_the_package_types_a_figure_of_the_law():
    for name, tree in _trees().items():
        docstrings = {id(body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
                      and (body := node.body) and isinstance(body[0], ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                found = LEGAL_FIGURES.search(node.value)
                assert not found, f"{name}: line {node.lineno} types {found.group(0)!r}: take it from .legal"


@pytest.fixture
def examplegen(monkeypatch):
    monkeypatch.syspath_prepend(str(SCRIPTS))
    import examplegen.cli
    import examplegen.legal
    return examplegen


def test_legal_bridge_states_what_docgen_tables_say(examplegen):
    legal = examplegen.legal
    assert legal.b2b_terms("FR", date(2024, 3, 26)) == legal.B2BTerms("10", "dix", "40", "quarante")
    assert legal.b2b_terms("BE", date(2025, 4, 8)) == legal.B2BTerms("8", "huit", "40", "quarante")
    assert legal.late_rate_text("FR", date(2024, 3, 26)) == "14,50"
    assert legal.late_rate_text("BE", date(2025, 4, 8)) == "11,5"
    assert legal.semester_fr(date(2025, 7, 1)) == "second semestre 2025"
    assert legal.be_b2c_reminder_terms(date(2025, 7, 18)) == legal.ReminderTerms(14, "derde")
    # Posted Friday 18 July 2025; Monday 21 July is the national holiday (CDE XIX.2).
    assert legal.be_consumer_window(date(2025, 7, 18), "letter") == (date(2025, 7, 24), date(2025, 8, 6),
                                                                      date(2025, 8, 7))
    assert legal.lump_sum_scale_nl(date(2025, 5, 2)) == (
        "van € 20 als het openstaande saldo ten hoogste € 150 bedraagt, van € 30 vermeerderd met 10 % van het "
        "saldo tussen € 150,01 en € 500, of van € 65 vermeerderd met 5 % van het saldo boven € 500, met een "
        "maximum van € 2.000")
    bracket = legal.lump_sum_bracket(Decimal("3858.40"), date(2025, 8, 6))
    assert legal.bracket_formula_nl(bracket) == "€ 65 + 5 % van het openstaande bedrag boven € 500"
    assert legal.lump_sum(Decimal("3858.40"), date(2025, 8, 6)) == Decimal("232.92")


def test_signed_plan_figures_are_docgens_statement_and_match_the_schedule(examplegen):
    case = examplegen.cli.Case.load("be-b2c")
    signed = next(e["date"] for e in case.data["events"] if e["type"] == "payment_plan_signed")
    figures = examplegen.legal.plan_figures(case, signed)
    schedule = sum(Decimal(s["amount"]) for s in case.data["payment_plan"]["schedule"])
    assert figures.total_principal + figures.interest + figures.lump_sum == schedule == Decimal("3153.64")
    assert figures.principal == {"2025-0318": Decimal("2622.17"), "2025-0331": Decimal("254.40")}


# ---- example folders the generator does not know ---------------------------------------------

def _hand_made_case(folder: Path, *, with_file: bool) -> None:
    folder.mkdir(parents=True)
    (folder / "case.yaml").write_text(yaml.safe_dump({
        "invoices": [{"number": "1", "file": "pieces/facture-1.pdf"}],
        "events": [{"type": "reminder_sent", "proof": "proofs/relance.eml"}]}), encoding="utf-8")
    (folder / "proofs").mkdir()
    (folder / "proofs" / "relance.eml").write_bytes(b"Subject: x\r\n\r\n")
    if with_file:
        (folder / "pieces").mkdir()
        (folder / "pieces" / "facture-1.pdf").write_bytes(b"%PDF-1.7\n")


def test_unknown_folder_whose_files_exist_is_reported_and_left_alone(examplegen, tmp_path):
    _hand_made_case(tmp_path / "fr-liquidation", with_file=True)
    notes, problems = examplegen.cli.unknown_folders(tmp_path)
    assert problems == []
    assert notes == ["examples/fr-liquidation: not known to the generator; its 2 file(s) exist and are left alone"]
    assert (tmp_path / "fr-liquidation" / "pieces" / "facture-1.pdf").read_bytes() == b"%PDF-1.7\n"


def test_unknown_folder_naming_a_missing_file_fails_naming_the_folder(examplegen, tmp_path):
    _hand_made_case(tmp_path / "fr-liquidation", with_file=False)
    notes, problems = examplegen.cli.unknown_folders(tmp_path)
    assert notes == []
    assert len(problems) == 1
    assert problems[0].startswith("examples/fr-liquidation: not known to the generator")
    assert "pieces/facture-1.pdf" in problems[0]
