"""The invoice-number column takes the width the case's longest number needs (render/columns.py):
measured with the table font's real advances, it holds every number on one line in the PDF and
in the DOCX, and the narrowest width is kept for ordinary numbers."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from weasyprint.formatting_structure import boxes

from docgen.api import load_case
from docgen.render import columns
from docgen.render.docx_tables import column_widths
from docgen.render.engine import render
from docgen.render.pdf import lay_out
from docgen.render.registry import template_roots
from docgen.resources import templates_dir

AS_OF = date(2026, 10, 15)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_advances_are_the_bundled_fonts():
    font = TTFont(templates_dir() / "fonts" / "LiberationSerif-Regular.ttf")
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    assert font["head"].unitsPerEm == columns.UNITS_PER_EM
    assert list(columns._ADVANCES) == [hmtx[cmap[c]][0] for c in range(32, 127)]


def test_the_classes_are_the_stylesheets():
    css = templates_dir() / "base" / "document.css"
    sized = column_widths(css)
    assert {name: sized[name] for name in columns.WIDTHS} == columns.WIDTHS
    # the geometry the widths are computed from: A4 less 20 mm margins, 1.5 mm cell padding, 9 pt
    text = css.read_text(encoding="utf-8")
    assert re.search(r"size: A4;\s*margin: \S+ 20mm \S+ 20mm;", text)
    assert columns.TABLE_WIDTH_MM == 210 - 2 * 20
    assert re.search(r"td \{[^}]*padding: \S+ 1\.5mm;", text) and columns.PADDING_MM == 2 * 1.5
    assert re.search(r"table \{[^}]*font-size: 9pt;", text) and columns.EM_MM == pytest.approx(9 * 25.4 / 72)


@pytest.mark.parametrize(("numbers", "expected"), [
    ([], "c-ref"),
    (["FA-2026-0123", "F-1"], "c-ref"),
    (["F2025-02836-1"], "c-ref-wide"),
    (["FACT/2026/000123"], "c-ref-xwide"),
    (["W" * 40], "c-ref-xwide"),
])
def test_the_narrowest_class_that_holds_the_longest_number(numbers, expected):
    assert columns.ref_column(numbers) == expected


def _cells_of_first_column(html: str) -> list:
    document = lay_out(html, tuple(template_roots()))
    found = []

    def walk(box):  # noqa: ANN001, ANN202
        if isinstance(box, boxes.TableCellBox):
            if box.grid_x == 0 and box.element.tag == "td":
                found.append(box)
            return
        for child in getattr(box, "children", []):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return found


NUMBERS = st.text(alphabet=st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-/._ÉÀç"),
                  min_size=1, max_size=22).filter(lambda s: s.strip() == s and "  " not in s)


@settings(max_examples=15, deadline=None)
@given(NUMBERS)
def test_a_number_the_widest_class_holds_is_never_wrapped(number):
    name = columns.ref_column([number])
    if columns.text_em(number) > columns._room_em(columns.WIDTHS["c-ref-xwide"]):
        return                                   # longer than any column: wrapping is the only way
    cell = (f'<table><colgroup><col class="{name}"><col class="c-date"><col class="c-date"><col>'
            f'<col class="c-money"><col class="c-money"></colgroup><tr><td>{number}</td><td>1</td><td>2</td>'
            f'<td>x</td><td>3</td><td>4</td></tr></table>')
    [box] = _cells_of_first_column(f"<html><body>{cell}</body></html>")
    lines = [child for child in box.children if isinstance(child, boxes.LineBox)]
    assert len(lines) == 1, (number, name)


def _renamed(value, names: dict[str, str]):  # noqa: ANN001, ANN202
    """``value`` with every string equal to an old invoice number replaced, at any depth."""
    if isinstance(value, dict):
        return {k: _renamed(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(v, names) for v in value]
    return names.get(value, value) if isinstance(value, str) else value


def test_a_case_with_long_invoice_numbers_prints_each_on_one_line():
    data = yaml.safe_load((EXAMPLES / "fr-b2c" / "case.yaml").read_text(encoding="utf-8"))
    names = {inv["number"]: f"FACT/2026/{k:06d}" for k, inv in enumerate(data["invoices"])}
    data = _renamed(data, names)
    case = load_case(data, as_of=AS_OF, base_dir=EXAMPLES / "fr-b2c")
    html = render(case, "relance", AS_OF, "html", force=True, accept_unconfirmed=True).decode()
    assert 'class="c-ref-xwide"' in html
    cells = _cells_of_first_column(html)
    assert cells
    for box in cells:
        lines = [child for child in box.children if isinstance(child, boxes.LineBox)]
        assert len(lines) == 1, box.element.text
    docx = render(case, "relance", AS_OF, "docx", force=True, accept_unconfirmed=True)
    body = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    assert "FACT/2026/000000" in body
