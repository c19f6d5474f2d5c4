"""Every applicable document of every bundled example renders as PDF and DOCX, and
LibreOffice (an independent reader) converts every DOCX without error."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from docgen.api import load_case
from docgen.render.engine import render
from docgen.render.registry import available, template_roots

AS_OF = date(2026, 10, 15)
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*/case.yaml"))


def applicable(case) -> list[str]:
    docs = sorted({doc for jur, doc, lang in available(template_roots())
                   if jur == case.jurisdiction and lang == case.language})
    return [d for d in docs if d != "plan_apurement" or case.payment_plan is not None]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("all")
    out = {}
    for path in EXAMPLES:
        case = load_case(path, as_of=AS_OF)
        for doc in applicable(case):
            # Past plan dates make the plan note « à vérifier »; the documents still render.
            for fmt in ("pdf", "docx"):
                data = render(case, doc, AS_OF, fmt, force=True, accept_unconfirmed=True)
                target = folder / f"{path.parent.name}_{doc}.{fmt}"
                target.write_bytes(data)
                out[(path.parent.name, doc, fmt)] = target
    return folder, out


def test_every_example_renders_every_document_in_both_formats(rendered):
    _, out = rendered
    names = {p.parent.name for p in EXAMPLES}
    assert names == {"fr-b2b", "fr-b2c", "be-b2b", "be-b2c", "fr-petites-creances", "fr-l126", "be-1394",
                     "fr-liquidation"}
    for name in names:
        docs = {doc for (n, doc, fmt) in out if n == name}
        assert {"relance", "mise_en_demeure", "injonction_de_payer", "bordereau_de_pieces", "decompte"} <= docs
    for (name, doc, fmt), path in out.items():
        head = path.read_bytes()[:4]
        assert head == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04"), (name, doc, fmt)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_every_docx(rendered, tmp_path):
    folder, out = rendered
    docx = sorted(str(p) for (n, d, fmt), p in out.items() if fmt == "docx")
    converted = tmp_path / "lo"
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                             "--convert-to", "pdf", "--outdir", str(converted), *docx],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for path in docx:
        pdf = converted / (Path(path).stem + ".pdf")
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), path
