"""Every printed table has a fixed layout with explicit column widths, and they hold their content.

The templates give each table a <colgroup> whose classes document.css sizes in percent; WeasyPrint
then lays a table out without measuring its cells, and the DOCX takes the same widths. Checked
here on WeasyPrint's own layout boxes: the widest amounts (7 digits, signed, the bold grand total,
French and Belgian Dutch formats), dates, invoice numbers and labels fit their column without
wrapping or running over; and each DOCX table's grid is the PDF table's columns.
"""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from weasyprint.formatting_structure import boxes

from docgen.api import load_case
from docgen.render.docx_tables import column_widths, grid
from docgen.render.engine import render
from docgen.render.formatting import money, rate
from docgen.render.htmltree import parse
from docgen.render.pdf import lay_out
from docgen.render.registry import template_roots
from docgen.resources import templates_dir

AS_OF = date(2026, 10, 15)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STYLESHEET = templates_dir() / "base" / "document.css"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM_PER_PX = 25.4 / 96
MM_PER_TWIP = 25.4 / 1440


def _printed_templates() -> list[Path]:
    root = templates_dir()
    return sorted(p for d in ("fr", "be", "base", "einvoice") for p in (root / d).rglob("*.html.j2"))


def test_every_printed_table_has_a_colgroup_of_sized_classes():
    sized = column_widths(STYLESHEET)
    seen = 0
    for path in _printed_templates():
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)   # comments aside
        tables = re.findall(r"<table\b[^>]*>(.*?)</table>", text, re.S)
        assert len(tables) == text.count("<table"), path.name
        for body in tables:
            seen += 1
            assert body.lstrip().startswith("<colgroup>"), (path.name, body[:80])
            group = body[:body.index("</colgroup>")]
            classes = re.findall(r'<col class="([^"]+)"', group)
            # the invoice-number column's class is chosen per case (render/columns.py): the widest counts
            classes = ["c-ref-xwide" if c == "{{ ref_col }}" else c for c in classes]
            assert classes, (path.name, group)                    # at least one explicit width
            assert set(classes) <= set(sized), (path.name, set(classes) - set(sized))
            assert sum(sized[c] for c in classes) <= 100, (path.name, classes)
    assert seen >= 35


def _find(box, kind: type, out: list | None = None) -> list:  # noqa: ANN001
    """The boxes of ``kind`` under ``box``, outermost first (one inside another is not looked for)."""
    out = [] if out is None else out
    if isinstance(box, kind):
        out.append(box)
        return out
    for child in getattr(box, "children", []):
        _find(child, kind, out)
    return out


def _texts(box) -> list:  # noqa: ANN001
    return _find(box, boxes.TextBox)


def _column_widths(document) -> list[list[float]]:  # noqa: ANN001
    """Each table's columns in mm (a table cut across pages counted once)."""
    found: dict[int, list[float]] = {}
    for page in document.pages:
        for table in _find(page._page_box, boxes.TableBox):
            found.setdefault(id(table.element), [w * MM_PER_PX for w in table.column_widths])
    return list(found.values())


def _table(classes: list[str | None], rows: list[tuple[str, list[str]]]) -> str:
    group = "".join(f'<col class="{c}">' if c else "<col>" for c in classes)
    body = "".join(f'<tr class="{cls}">' + "".join(
        f'<td class="num">{v[1:]}</td>' if v.startswith("#") else f"<td>{v}</td>" for v in values) + "</tr>"
        for cls, values in rows)
    return f"<table><colgroup>{group}</colgroup>{body}</table>"


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_widest_values_fit_their_columns_on_one_line(language):
    big = money(Decimal("1234567.89"), language)
    text = "Lorem ipsum dolor sit amet"
    html = "".join([
        '<html><body>',
        _table(["c-ref", "c-date", "c-date", None, "c-money", "c-money"],
               [("", ["FA-2026-0123", "15/10/2026", "30/11/2026", text, "#" + big, "#" + big]),
                ("total", ["FA-2026-0123", "", "", text, "#" + big, "#" + big])]),
        _table(["c-ref", None, "c-days", "c-rate", "c-money", "c-money"],
               [("", ["FA-2026-0123", "15/10/2025 – 15/10/2026", "#3 650", "#" + rate(Decimal("99.99"), language),
                      "#" + big, "#" + big])]),
        _table([None, "c-sum"], [("", [text, "#+ " + big]), ("", [text, "#− " + big]),
                                 ("total", [text, "#" + big]), ("grand", [text, "#" + big])]),
        _table(["c-no", None, "c-date", "c-pages"], [("", ["#999", text, "15/10/2026", "#999"])]),
        _table(["c-label", None], [("", ["Ondernemingsnummer", text]), ("", ["Communication", text])]),
        _table(["c-label-wide", None], [("", ["Ondernemingsnummer (KBO)", text]),
                                        ("", ["Numéro d'entreprise (BCE)", text])]),
        '</body></html>'])
    document = lay_out(html, tuple(template_roots()))
    checked = 0
    for page in document.pages:
        for cell in _find(page._page_box, boxes.TableCellBox):
            right = cell.content_box_x() + cell.width
            lines = [line for line in _find(cell, boxes.LineBox) if _texts(line)]
            words = " ".join(t.text for line in lines for t in _texts(line)).split()
            assert len(lines) <= 1 or len(words) > 1, words       # a single word is never broken
            if "num" in cell.element.get("class", "") or len(words) == 1 or (cell.element.text or "").startswith(
                    ("Ondernemingsnummer (", "Numéro")):
                assert len(lines) == 1, [t.text for line in lines for t in _texts(line)]
            for box in _texts(cell):
                assert box.position_x + box.width <= right + 0.01, (box.text, box.position_x + box.width - right)
                checked += 1
    assert checked >= 30


def _pdf_columns(case, doc: str) -> list[list[float]]:
    html = render(case, doc, AS_OF, "html", force=True, accept_unconfirmed=True).decode()
    return _column_widths(lay_out(html, tuple(template_roots())))


def _docx_columns(case, doc: str) -> list[list[float]]:
    data = render(case, doc, AS_OF, "docx", force=True, accept_unconfirmed=True)
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return [[int(g.get(f"{W}w")) * MM_PER_TWIP for g in tbl.iter(f"{W}gridCol")] for tbl in body.iter(f"{W}tbl")
            if tbl.find(f"{W}tblPr/{W}tblStyle") is not None
            and tbl.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") == "DocgenTable"]


@pytest.mark.parametrize("example, doc", [("fr-b2b", "decompte"), ("fr-b2b", "injonction_de_payer"),
                                          ("be-b2c", "relance"), ("be-b2b", "mise_en_demeure"),
                                          ("be-1394", "instruction_huissier"), ("fr-b2c", "plan_apurement")])
def test_the_docx_tables_take_the_pdf_column_widths(example, doc):
    case = load_case(EXAMPLES / example / "case.yaml", as_of=AS_OF)
    pdf, docx = _pdf_columns(case, doc), _docx_columns(case, doc)
    assert pdf and len(pdf) == len(docx), (len(pdf), len(docx))
    for p, d in zip(pdf, docx):
        assert len(p) == len(d) and all(abs(a - b) < 0.3 for a, b in zip(p, d)), (p, d)


@pytest.mark.parametrize("group, ncols", [
    ('<colgroup><col class="c-ref"><col><col class="c-money"></colgroup>', 3),
    ('<colgroup><col class="c-label"><col></colgroup>', 2),
    ('<colgroup><col class="c-no"><col class="c-date"></colgroup>', 2),   # all sized, room left over
    ("", 4),                                                                # a firm's table without widths
])
def test_the_docx_grid_is_weasyprints_fixed_layout(group, ncols):
    markup = f"<table>{group}<tr>" + "<td>x</td>" * ncols + "</tr></table>"
    found = _column_widths(lay_out(f"<html><body>{markup}</body></html>", tuple(template_roots())))[0]
    node = parse(markup)
    table = node if node.tag == "table" else node.find("table")
    expected = grid(table, ncols, column_widths(STYLESHEET))
    assert len(found) == ncols and all(abs(a - b) < 0.3 for a, b in zip(found, expected)), (found, expected)
