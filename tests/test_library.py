"""The library is the product: case-management software builds, signs, verifies and bundles a
dossier, runs an agenda and records an event through ``docgen``'s public surface alone, and each
statement is computed once per dossier."""
from __future__ import annotations

import ast
import copy
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

import docgen

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 10, 15)
PASSWORD = "library-test"


def test_case_management_software_uses_only_the_public_surface(tmp_path):
    # A case as case-management software holds it: a Python dict, with its files in a folder.
    example = ROOT / "examples" / "fr-b2b"
    folder = tmp_path / "portfolio" / "fr-b2b"
    shutil.copytree(example, folder)
    data = yaml.safe_load((example / "case.yaml").read_text(encoding="utf-8"))
    matter = docgen.Matter.load(copy.deepcopy(data), AS_OF, base_dir=folder, accept_unconfirmed=True)
    assert matter.statement.total_due > 0
    assert not matter.review("injonction_de_payer").blocking

    identity = docgen.demo_identity(tmp_path / "keys", PASSWORD)
    dossier = matter.dossier("injonction_de_payer")
    assert not dossier.draft
    setup = docgen.SigningSetup(pkcs12=identity.p12)
    with docgen.open_signer(setup, ask_secret=lambda prompt: PASSWORD) as signer:
        signed = docgen.sign_pdf(dossier.pdf, setup, signer)
    result = docgen.write_bundle(dossier, tmp_path / "out", matter=matter, signed=signed)
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["signature"]["level"] == "B-B" and manifest["accept_unconfirmed"] is True

    report = docgen.verify(result.folder / "dossier.pdf", trust=[identity.ca_pem])
    assert report.verdict == "valid" and report.exit_code == 0
    assert docgen.verify(signed.data, trust=()).exit_code == 4      # no anchor: intact, signer not verified

    items = docgen.agenda(tmp_path / "portfolio", AS_OF)
    assert [item.reference for item in items] == [data["reference"]]

    before = len(docgen.load_case(folder).events)
    docgen.record_event(folder, "call", day=AS_OF)
    assert len(docgen.load_case(folder).events) == before + 1


def test_the_library_test_imports_no_cli_and_no_private_name():
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    software = next(n for n in tree.body if isinstance(n, ast.FunctionDef)
                    and n.name == "test_case_management_software_uses_only_the_public_surface")
    assert not any(isinstance(n, ast.ImportFrom) and (n.module or "").startswith("docgen") for n in tree.body)
    for node in ast.walk(software):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("docgen"):
            assert False, f"imports {node.module}: only `import docgen` is the public surface"
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "docgen":
            assert not node.attr.startswith("_") and node.attr in docgen.__all__, node.attr


def test_every_public_function_has_a_docstring():
    for name in docgen.__all__:
        value = getattr(docgen, name)
        if callable(value):
            assert (value.__doc__ or "").strip(), f"docgen.{name} has no docstring"


def test_the_surface_and_its_classes_document_every_public_member():
    # docgen.api is the surface the package root re-exports: the same names, each documented,
    # and so is every public method and property of its classes (Matter, SigningSetup ...).
    import inspect

    import docgen.api as api

    assert set(api.__all__) == set(docgen.__all__) - {"CaseValidationError", "ComplianceError", "DocgenError",
                                                       "LegalDataError", "Problem", "SigningError",
                                                       "StaleRateTableError", "__version__"}
    undocumented = []
    for name in api.__all__:
        value = getattr(api, name)
        if not (value.__doc__ or "").strip():
            undocumented.append(name)
        if inspect.isclass(value):
            for member, attribute in vars(value).items():
                function = getattr(attribute, "fget", None) or getattr(attribute, "func", None) or attribute
                if not member.startswith("_") and callable(function) and not (function.__doc__ or "").strip():
                    undocumented.append(f"{name}.{member}")
    assert not undocumented, f"public members without a docstring: {undocumented}"


@pytest.fixture
def statement_runs(monkeypatch):
    from docgen.law import statement as module

    calls = []
    original = module._Engine.run

    def counted(self):
        calls.append(self.case.reference)
        return original(self)

    monkeypatch.setattr(module._Engine, "run", counted)
    return calls


def test_a_dossier_computes_its_statement_once(statement_runs):
    matter = docgen.Matter.load(ROOT / "examples" / "fr-b2b", AS_OF, accept_unconfirmed=True)
    statement_runs.clear()          # loading checks the payments once; the dossier must add nothing
    matter = docgen.Matter(matter.case, AS_OF, accept_unconfirmed=True)
    matter.dossier("injonction_de_payer")
    assert len(statement_runs) == 1


def test_a_rendered_document_computes_its_statement_once(statement_runs):
    matter = docgen.Matter(docgen.load_case(ROOT / "examples" / "be-b2c"), AS_OF, accept_unconfirmed=True)
    statement_runs.clear()
    for fmt in ("pdf", "docx"):
        matter.render("mise_en_demeure", fmt)
    assert len(statement_runs) == 1


def test_a_batch_document_computes_its_statement_once(statement_runs, tmp_path):
    # The agenda pass computes each statement; the render job is handed it instead of computing it again.
    from docgen.portfolio.synthetic import make_portfolio

    make_portfolio(tmp_path / "portfolio", 12, AS_OF)
    statement_runs.clear()
    report = docgen.batch(tmp_path / "portfolio", AS_OF, tmp_path / "out", doc="relance", jobs=1,
                          accept_unconfirmed=True)
    rendered = [item.reference for item in report.items if item.status == "rendered"]
    assert len(rendered) >= 3, [(i.reference, i.status, i.message) for i in report.items]
    assert all(statement_runs.count(reference) == 1 for reference in rendered), statement_runs
    assert len(statement_runs) == len(report.items)          # one per case, rendered or not


def test_the_readme_example_runs(tmp_path, monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use from Python", 1)[1]
    code = section.split("```python", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})          # noqa: S102 - our own README's example
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "[]" and lines[2] == "Tribunal de commerce de Saint-Nazaire"
    assert lines[3] == "valid" and lines[4] == "8"


def test_the_readme_layout_workers_example_runs():
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Use from Python", 1)[1]
    code = section.split("```python", 2)[2].split("```", 1)[0]
    assert "LayoutWorkers" in code
    scope = {"docgen": docgen, "date": date, "folders": [ROOT / "examples" / "fr-b2b"]}
    exec(compile(code, "README.md", "exec"), scope)       # noqa: S102 - our own README's example
    assert scope["dossier"].pdf.startswith(b"%PDF-") and scope["dossier"].page_count == 18
