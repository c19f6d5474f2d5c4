"""Layout at the limits (issue 12, items 12 and 19): a long décompte is cut into page-sized
tables (linear layout cost), and a word longer than a line breaks instead of leaving the page."""
from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest

from docgen.render.engine import render

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from large_decompte import case_data as many_invoices  # noqa: E402

AS_OF = date(2024, 9, 30)
CHUNK = 40                                 # rows per table (templates/base/macros.html.j2)


def _words_outside_the_page(pdf: bytes, tmp_path: Path) -> tuple[list[str], str]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    outside = []
    for page in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        width, height = float(page[0]), float(page[1])
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>', page[2]):
            if float(x0) < 0 or float(y0) < 0 or float(x1) > width or float(y1) > height:
                outside.append(word[:20])
    return outside, out


@pytest.mark.parametrize("doc", ["relance", "decompte"])
def test_a_500_character_word_stays_on_the_page(case_data, make_case, tmp_path, doc):
    case_data["debtor"]["name"] = "Société " + "A" * 500
    case_data["creditor"]["name"] = "C" * 500
    case_data["debtor"]["address"]["street"] = "S" * 500
    case_data["contract"]["reference"] = "R" * 500
    pdf = render(make_case(case_data), doc, AS_OF, "pdf", force=True)
    outside, text = _words_outside_the_page(pdf, tmp_path)
    assert not outside, outside
    for letter in "AC":                      # broken into pieces, never cut off
        assert text.count(letter) >= 500, letter


@pytest.fixture(scope="module")
def long_case(tmp_path_factory):
    from docgen.model.validate import load_case
    return load_case(many_invoices(150), base_dir=tmp_path_factory.mktemp("many"))


def test_a_long_decompte_is_cut_into_page_sized_tables(long_case):
    html = render(long_case, "decompte", AS_OF, "html", force=True).decode()
    tables = re.findall(r"<table class=\"(invoices|interest|summary|indemnities)[^\"]*\">(.*?)</table>",
                        html, re.S)
    kinds = {kind for kind, _ in tables}
    assert {"invoices", "interest", "summary", "indemnities"} <= kinds
    for kind, body in tables:
        assert body.count("<tr") <= CHUNK + 8, kind           # a chunk, plus header and total rows
    assert sum(1 for kind, _ in tables if kind == "invoices") == -(-150 // CHUNK)
    # each chunk carries its column widths (a fixed layout: nothing measured across chunks)
    assert html.count('<table class="invoices') == -(-150 // CHUNK)
    assert all("<colgroup>" in body for _, body in tables)


def test_a_long_decompte_prints_every_invoice_and_the_total(long_case, pdf_text):
    pdf = render(long_case, "decompte", AS_OF, "pdf", force=True)
    text = pdf_text(pdf)
    for k in range(1, 151):
        assert f"F-{k:05d}" in text
    html = render(long_case, "decompte", AS_OF, "html", force=True).decode()
    total = re.search(r'<tr class="grand"><td>[^<]*</td><td class="num">([^<]+)</td>', html).group(1)
    assert " ".join(total.split()) in " ".join(text.split())


def test_the_docx_draft_joins_the_chunks_into_one_table(long_case):
    document = docx.Document(io.BytesIO(render(long_case, "decompte", AS_OF, "docx", force=True)))
    invoice_tables = [t for t in document.tables if t.rows[0].cells[0].text == "Facture" and len(t.columns) == 6
                      and t.rows[0].cells[1].text == "Date"]
    assert len(invoice_tables) == 1 and len(invoice_tables[0].rows) == 151
