"""HTML tables as Word tables laid out like the PDF's.

Every table of the templates has a fixed layout whose column widths come from its ``<colgroup>``
classes, sized in percent in document.css: the Word table takes the same widths (a column
without a class shares what is left, as in the PDF), so Word and LibreOffice break lines where
the PDF does. Amounts are right-aligned in cells that do not wrap; header rows repeat on every
page and no row is split across two. Borders follow the row classes of the stylesheet (header,
total, grand total).
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.table import Table, _Cell

from .docx_runs import Look, write_runs
from .docx_styles import mm
from .htmltree import Node

TEXT_WIDTH = 170          # mm: A4 less the 20 mm margins of document.css
_WIDTH_RULE = re.compile(r"\.(c-[\w-]+)\s*\{\s*width:\s*([\d.]+)%")
# th { padding: 1.2mm 1.5mm }: a header cell is taller than the table style's 1 mm (td).
HEADER_MARGINS = f'<w:tcMar><w:top w:w="{mm(1.2)}" w:type="dxa"/><w:bottom w:w="{mm(1.2)}" w:type="dxa"/></w:tcMar>'
CELL_PADDING = mm(1.5)     # twips: the DocgenTable style's left and right cell margins


@cache
def column_widths(stylesheet: Path | None) -> dict[str, float]:
    """Percent widths of the column classes, read from the stylesheet the PDF is laid out with."""
    try:
        text = stylesheet.read_text(encoding="utf-8") if stylesheet else ""
    except OSError:
        text = ""
    return {k: float(v) for k, v in _WIDTH_RULE.findall(text)}  # ok: column widths in %, layout not money


def _cells(row: Node) -> list[Node]:
    return [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]


def _span(cell: Node) -> int:
    try:
        return max(1, min(50, int(cell.attrs.get("colspan", "1"))))
    except ValueError:
        return 1


def rows_of(node: Node) -> list[tuple[Node, bool]]:
    """Every row and whether it is a header row (in <thead>, or all <th>)."""
    out: list[tuple[Node, bool]] = []

    def walk(n: Node, head: bool) -> None:
        for child in n.children:
            if isinstance(child, Node):
                if child.tag == "tr":
                    cells = _cells(child)
                    out.append((child, head or bool(cells) and all(c.tag == "th" for c in cells)))
                elif child.tag not in ("table", "colgroup"):
                    walk(child, head or child.tag == "thead")

    walk(node, False)
    return out


def width_of(node: Node) -> int:
    return max((sum(_span(c) for c in _cells(r)) for r, _ in rows_of(node)), default=0)


def grid(node: Node, ncols: int, classes: dict[str, float]) -> list[float]:
    """Column widths in mm, summing to the text width, as WeasyPrint's fixed layout sets them: each
    ``<col>`` of the ``<colgroup>`` its class's percentage, the columns left over an equal share
    of the rest (all of them an equal share when the table has no ``<colgroup>``), and any room
    still left spread equally over all columns."""
    colgroup = node.find("colgroup")
    cols = [c for c in (colgroup.children if colgroup else []) if isinstance(c, Node) and c.tag == "col"]
    widths: list[float | None] = [None] * ncols
    for i, col in enumerate(cols[:ncols]):
        widths[i] = next((TEXT_WIDTH * classes[c] / 100 for c in col.classes if c in classes), None)
    fixed = sum(w for w in widths if w is not None)
    free = [i for i, w in enumerate(widths) if w is None]
    if fixed >= TEXT_WIDTH:
        # A firm's template asking for more than the page: WeasyPrint lets the table run past the
        # margin; Word would too, so here every column shrinks in proportion to fit the page.
        sized = [w if w is not None else TEXT_WIDTH / ncols for w in widths]
        return [w * TEXT_WIDTH / sum(sized) for w in sized]
    for i in free:
        widths[i] = (TEXT_WIDTH - fixed) / len(free)
    extra = 0 if free else (TEXT_WIDTH - fixed) / ncols
    return [float(w) + extra for w in widths]  # ok: column widths in mm (layout), not money


def _borders(row: Node, header: bool) -> tuple[str, str]:
    """(tcBorders, shading) of a cell of ``row``, as document.css draws them."""
    if header:
        return '<w:bottom w:val="single" w:sz="6" w:space="0" w:color="222222"/>', \
            '<w:shd w:val="clear" w:color="auto" w:fill="EEEEEE"/>'
    if "grand" in row.classes:
        return '<w:top w:val="double" w:sz="4" w:space="0" w:color="222222"/>' \
               '<w:bottom w:val="single" w:sz="2" w:space="0" w:color="BBBBBB"/>', ""
    if "total" in row.classes:
        return '<w:top w:val="single" w:sz="6" w:space="0" w:color="222222"/>', ""
    return '<w:bottom w:val="single" w:sz="2" w:space="0" w:color="BBBBBB"/>', ""


class TableWriter:
    """Writes the tables of one document; a "continued" chunk joins the table before it."""

    def __init__(self, stylesheet: Path | None) -> None:
        self.classes = column_widths(stylesheet)
        self.last: Table | None = None
        self.last_width = 0

    def forget(self) -> None:
        self.last = None

    def write(self, container, node: Node) -> Table | None:  # noqa: ANN001
        rows = rows_of(node)
        ncols = width_of(node)
        if not rows or not ncols:
            return None
        if "continued" in node.classes and self.last is not None and self.last_width == ncols:
            # The PDF cuts long tables into page-sized chunks; Word repeats the header itself.
            table = self.last
            rows = [(r, h) for r, h in rows if not h]
        else:
            table = self._new(container, node, ncols)
        self.last, self.last_width = table, ncols
        keep = "keep" in node.classes
        for n, (row, header) in enumerate(rows):
            # tr.total { break-before: avoid }: the row above a total stays on its page.
            following_total = n + 1 < len(rows) and "total" in rows[n + 1][0].classes
            self._row(table, row, header, (keep and n < len(rows) - 1) or following_total)
        return table

    def _new(self, container, node: Node, ncols: int) -> Table:  # noqa: ANN001
        widths = [mm(w) for w in grid(node, ncols, self.classes)]
        table = container.add_table(rows=0, cols=ncols)
        tbl = table._tbl
        for child in list(tbl):
            if child.tag.endswith("}tblPr") or child.tag.endswith("}tblGrid"):
                tbl.remove(child)
        # Word (compatibility mode 14, the skeleton's) aligns the first cell's text, not the
        # table's border, with the margin: indented by the cell padding, the border is at the
        # margin, as in the PDF.
        tbl.insert(0, parse_xml(
            f'<w:tblPr {nsdecls("w")}><w:tblStyle w:val="DocgenTable"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            f'<w:tblInd w:w="{CELL_PADDING}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
            ' w:noHBand="1" w:noVBand="1"/></w:tblPr>'))
        tbl.insert(1, parse_xml(f'<w:tblGrid {nsdecls("w")}>'
                                + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"))
        table._docgen_widths = widths
        return table

    def _row(self, table: Table, row: Node, header: bool, keep_next: bool) -> None:
        widths = table._docgen_widths
        flags = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
        tr = parse_xml(f'<w:tr {nsdecls("w")}><w:trPr>{flags}</w:trPr></w:tr>')
        table._tbl.append(tr)
        borders, shading = _borders(row, header)
        col = 0
        cells = _cells(row)
        for cell in cells:
            span = min(_span(cell), len(widths) - col)
            if span <= 0:
                break
            width = sum(widths[col:col + span])
            num = "num" in cell.classes
            nowrap = num and cell.tag == "td"     # td.num: an amount never wraps; its header may
            tc = parse_xml(
                f'<w:tc {nsdecls("w")}><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
                + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
                + f"<w:tcBorders>{borders}</w:tcBorders>{shading}" + ("<w:noWrap/>" if nowrap else "")
                + (HEADER_MARGINS if header else "")
                + "</w:tcPr><w:p/></w:tc>")
            tr.append(tc)
            paragraph = _Cell(tc, table).paragraphs[0]
            heading = header or cell.tag == "th"
            paragraph.style = ("Table Heading" if heading else "Table Text") if not num else \
                ("Table Heading Number" if heading else "Table Number")
            if keep_next:
                paragraph.paragraph_format.keep_with_next = True
            bold = (not heading) and bool(row.classes & {"total", "grand"}) or "bold" in cell.classes
            write_runs(paragraph, cell, Look(bold=bold))
            if "grand" in row.classes:
                for run in paragraph.runs:
                    run.font.size = 127000   # 10 pt (EMU), the grand total's size in document.css
            col += span
        while col < len(widths):   # a short row: filled up so that the grid stays rectangular
            tr.append(parse_xml(f'<w:tc {nsdecls("w")}><w:tcPr><w:tcW w:w="{widths[col]}" w:type="dxa"/>'
                                f"<w:tcBorders>{borders}</w:tcBorders></w:tcPr><w:p/></w:tc>"))
            col += 1
