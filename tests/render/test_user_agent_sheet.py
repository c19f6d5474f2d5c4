"""Documents are laid out with WeasyPrint's default stylesheet narrowed (render/pdf.py): the
::marker rule for list items only, no footnote or note rules. The pages must not change.

Checked: every document of two examples (French and Dutch, letters, court papers, statements,
lists included) gives the same PDF bytes either way; a list keeps its bullets; a document that
floats a footnote, or a stylesheet that makes list items, gets WeasyPrint's own stylesheet; a
WeasyPrint whose stylesheet no longer reads as expected is used as it is.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from weasyprint import HTML

from docgen.api import load_case
from docgen.render import pdf
from docgen.render.engine import render_html
from docgen.render.registry import available, template_roots

AS_OF = date(2026, 10, 15)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ROOTS = tuple(template_roots(None))


def _documents():
    for name in ("fr-b2b", "be-b2c"):
        case = load_case(EXAMPLES / name / "case.yaml", as_of=AS_OF)
        for doc in sorted({d for j, d, lang in available(ROOTS) if j == case.jurisdiction and lang == case.language}):
            if doc != "plan_apurement" or case.payment_plan is not None:
                yield name, doc


@pytest.mark.parametrize("name, doc", list(_documents()))
def test_the_narrowed_sheet_gives_the_same_pdf(name, doc, monkeypatch):
    case = load_case(EXAMPLES / name / "case.yaml", as_of=AS_OF)
    html, _ = render_html(case, doc, AS_OF)
    assert type(pdf._document(html, ROOTS)[0]) is pdf._NarrowedHTML
    narrowed = pdf.html_to_pdf(html, ROOTS, identity="same")
    monkeypatch.setattr(pdf, "_NarrowedHTML", HTML)
    assert pdf.html_to_pdf(html, ROOTS, identity="same") == narrowed


def _page(body: str) -> str:
    head = '<meta charset="utf-8"><title>t</title>'
    return f'<!DOCTYPE html><html lang="fr"><head>{head}</head><body>{body}</body></html>'


def test_a_list_keeps_its_bullets(pdf_text):
    html = _page("<ul><li>premier point</li><li>second point</li></ul>")
    assert type(pdf._document(html, ROOTS)[0]) is pdf._NarrowedHTML
    assert pdf_text(pdf.html_to_pdf(html, ROOTS, identity="x")).count("•") == 2


def test_a_document_with_a_footnote_gets_weasyprint_s_own_sheet(pdf_text):
    html = _page('<style>.fn { float: footnote }</style><p>Voir la note<span class="fn">La note.</span> ici.</p>')
    assert type(pdf._document(html, ROOTS)[0]) is HTML
    text = pdf_text(pdf.html_to_pdf(html, ROOTS, identity="x"))
    # the call after « note » and the marker before the footnote (without their rules, WeasyPrint
    # cannot even build the footnote's boxes)
    assert "Voir la note1 ici." in text and "1. La note." in text


def test_a_templates_folder_that_makes_list_items_is_never_narrowed(tmp_path):
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "document.css").write_text(".item { display: list-item }", encoding="utf-8")
    assert not pdf._stylesheets_allow_narrowing((tmp_path, *ROOTS))
    assert pdf._stylesheets_allow_narrowing(ROOTS)


def test_an_unexpected_weasyprint_sheet_is_used_as_it_is(monkeypatch):
    monkeypatch.setattr(pdf.weasyprint_html, "UA", "p { margin: 0 }")
    pdf.narrowed_user_agent_sheet.cache_clear()
    try:
        assert pdf.narrowed_user_agent_sheet() is None
    finally:
        monkeypatch.undo()
        pdf.narrowed_user_agent_sheet.cache_clear()
    assert pdf.narrowed_user_agent_sheet() is not None
