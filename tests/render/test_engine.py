"""The rendering machinery: safety with hostile case data, PDF/DOCX parity, overrides."""
from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from datetime import date

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.errors import DocgenError
from docgen.render.engine import render
from docgen.render.pdf import TemplatesOnlyFetcher
from docgen.resources import templates_dir
from renderkit import docx_text  # noqa: E402

AS_OF = date(2024, 9, 30)
HOSTILE = [
    "{{ 7*7 }}",
    '<img src="file:///etc/passwd">',
    "Dupont & Fils <SARL>",
    "شركة الأمل للتجارة",
    "Café 🍰 Ünïcødé ☕",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_printed_literally_never_evaluated(case_data, make_case, pdf_text, name):
    case_data["debtor"]["name"] = name
    case = make_case(case_data)
    html = render(case, "relance", AS_OF, "html").decode()
    assert "{{ 7*7 }}" in html if name == "{{ 7*7 }}" else True
    assert "<img" not in html.split("<body>")[1] or "&lt;img" in html
    text = pdf_text(render(case, "relance", AS_OF, "pdf"))
    squeezed = re.sub(r"\s+", " ", text)
    if name.isascii():
        assert name in squeezed
    assert "49" not in squeezed.replace("2024", "")
    assert name in docx_text(render(case, "relance", AS_OF, "docx"))


def test_a_5000_character_address_is_printed_in_full(case_data, make_case, pdf_text):
    long_street = ("Résidence des Tilleuls, bâtiment " * 160)[:5000]
    case_data["debtor"]["address"]["street"] = long_street
    case = make_case(case_data)
    # The block runs over pages (footers interleave), so count the words rather than one string.
    text = pdf_text(render(case, "relance", AS_OF, "pdf"))
    expected = long_street.count("Tilleuls")
    assert text.count("Tilleuls") == expected
    assert re.sub(r"\s+", "", long_street) in re.sub(r"\s+", "", docx_text(render(case, "relance", AS_OF, "docx")))


def test_fetcher_serves_only_template_files():
    fetcher = TemplatesOnlyFetcher([templates_dir()])
    assert fetcher.fetch("docgen:/fonts/LiberationSerif-Regular.ttf").read()[:4] == b"\x00\x01\x00\x00"
    for url in ("file:///etc/passwd", "http://127.0.0.1/x.css", "docgen:/../../../etc/passwd",
                "docgen:/fonts/../../pyproject.toml", "data:text/plain,hello"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_an_override_template_cannot_load_files_outside_the_templates(case_data, make_case, tmp_path, pdf_text):
    override = tmp_path / "firm"
    (override / "fr" / "relance").mkdir(parents=True)
    (override / "fr" / "relance" / "fr.html.j2").write_text(
        '{% extends "base/letter.html.j2" %}{% block subject %}Relance du cabinet{% endblock %}'
        '{% block body %}<p>Texte du cabinet</p><img src="file:///etc/hostname">'
        '<img src="docgen:/../../../../etc/hostname">{% endblock %}', encoding="utf-8")
    case = make_case(case_data)
    pdf = render(case, "relance", AS_OF, "pdf", templates=override)
    assert "Texte du cabinet" in pdf_text(pdf)
    assert b"/Subtype /Image" not in pdf and b"/Subtype/Image" not in pdf


def test_unknown_template_folder_and_document_are_clear_errors(case_data, make_case, tmp_path):
    case = make_case(case_data)
    with pytest.raises(DocgenError, match="templates folder not found"):
        render(case, "relance", AS_OF, "pdf", templates=tmp_path / "nope")
    with pytest.raises(DocgenError, match="unknown document"):
        render(case, "lettre_de_noel", AS_OF, "pdf")


def _words(text: str) -> Counter:
    return Counter(w for w in re.findall(r"[\w€%]+", text) if not w.isdigit() or len(w) > 2)


@pytest.mark.parametrize("doc", ["relance", "decompte"])
def test_pdf_and_docx_say_the_same_thing(case_data, make_case, pdf_text, doc):
    case = make_case(case_data)
    pdf_words = _words(pdf_text(render(case, doc, AS_OF, "pdf")))
    docx_words = _words(docx_text(render(case, doc, AS_OF, "docx")))
    # The PDF repeats its footer on every page and prints the envelope's return line, so
    # compare the vocabularies, not the counts.
    pdf_only = {"Page", "Expéditeur"}
    missing_in_docx = set(pdf_words) - set(docx_words) - pdf_only
    missing_in_pdf = set(docx_words) - set(pdf_words)
    assert not missing_in_docx, missing_in_docx
    assert not missing_in_pdf, missing_in_pdf


def test_same_input_gives_the_same_pdf_bytes(case_data, make_case):
    case = make_case(case_data)
    assert render(case, "decompte", AS_OF, "pdf") == render(case, "decompte", AS_OF, "pdf")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_docx_with_hostile_text(case_data, make_case, tmp_path):
    case_data["debtor"]["name"] = " ".join(HOSTILE)
    case = make_case(case_data)
    path = tmp_path / "relance.docx"
    path.write_bytes(render(case, "relance", AS_OF, "docx"))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    assert (tmp_path / "relance.pdf").read_bytes().startswith(b"%PDF")


def test_cli_render_writes_the_file(case_data, tmp_path):
    import yaml
    (tmp_path / "case.yaml").write_text(yaml.safe_dump(case_data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out" / "relance.pdf"
    result = CliRunner().invoke(main, ["render", "relance", str(tmp_path), "--as-of", "2024-09-30", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


def test_a_defaulted_signed_plan_turns_the_notice_into_an_acceleration_notice(case_data, make_case, pdf_text):
    case_data["events"] = [{"type": "payment_plan_signed", "date": "2024-05-02"},
                           {"type": "payment_plan_defaulted", "date": "2024-08-05"}]
    text = " ".join(pdf_text(render(make_case(case_data), "mise_en_demeure", AS_OF, "pdf")).split())
    assert "échéancier signé le 2 mai 2024" in text and "déchéance du terme sera acquise" in text
    off = render(make_case(case_data), "mise_en_demeure", AS_OF, "pdf", options={"acceleration": "no"})
    assert "déchéance du terme sera acquise" not in " ".join(pdf_text(off).split())
    case_data["events"] = case_data["events"][:1]          # signed, never defaulted: an ordinary notice
    assert "déchéance du terme sera acquise" not in " ".join(
        pdf_text(render(make_case(case_data), "mise_en_demeure", AS_OF, "pdf")).split())
