"""The editable DOCX draft: the same rendered HTML, poured into a docxtpl skeleton.

The skeleton (``templates/base/document.docx``) carries page setup, styles, and the footer
with the creditor's mentions and page numbers; a firm may restyle it in Word. The body is
built from the very HTML the PDF is made of, so both say exactly the same thing.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docxtpl import DocxTemplate

from ..errors import DocgenError
from .htmltree import Node, parse
from .jinja import docx_environment
from .sandbox import template_error

INLINE = {"strong", "b", "em", "i", "u", "span", "a", "small", "sup", "code"}
BLOCK_SKIP = {"script", "style", "head", "title", "meta"}
_SPACE = re.compile(r"[ \t\r\n]+")


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text)


class _Writer:
    def __init__(self, subdoc):  # noqa: ANN001
        self.doc = subdoc
        self.last_table = None        # a table the next "continued" chunk (macros.html.j2) joins

    def paragraph(self, node: Node, style: str | None = None, prefix: str = ""):  # noqa: ANN201
        para = self.doc.add_paragraph(style=style) if style else self.doc.add_paragraph()
        classes = node.classes
        if classes & {"right", "place-date"}:
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif "center" in classes or node.tag in ("h1",):
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif "justify" in classes:
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        bold = node.tag in ("h1", "h2", "h3", "th") or bool(classes & {"bold", "subject", "notice"})
        if prefix:
            para.add_run(prefix)
        self.inline(para, node, bold=bold, italic="italic" in classes,
                    font="Liberation Sans" if "other-font" in classes else None)
        return para

    def inline(self, para, node: Node, *, bold=False, italic=False, underline=False, font=None):  # noqa: ANN001
        for child in node.children:
            if isinstance(child, str):
                text = _clean(child)
                if text.strip() or (text == " " and para.runs):
                    run = para.add_run(text)
                    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
                    if font:
                        run.font.name = font
            elif child.tag == "br":
                para.add_run().add_break()
            elif child.tag in BLOCK_SKIP or "pdf-only" in child.classes:
                continue
            else:
                self.inline(para, child,
                            bold=bold or child.tag in ("strong", "b", "th") or "bold" in child.classes,
                            italic=italic or child.tag in ("em", "i") or "italic" in child.classes,
                            underline=underline or child.tag == "u",
                            font=font or ("Liberation Sans" if "other-font" in child.classes else None))

    def table(self, node: Node) -> None:
        rows = [r for r in _descendants(node, "tr")]
        if not rows:
            return
        width = max(len([c for c in r.children if isinstance(c, Node) and c.tag in ("td", "th")]) for r in rows)
        table = self.last_table
        if "continued" in node.classes and table is not None and len(table.columns) == width:
            # The PDF cuts long tables into page-sized chunks; Word repeats nothing, so join them up.
            rows = [r for r in rows if any(isinstance(c, Node) and c.tag == "td" for c in r.children)]
        else:
            table = self.doc.add_table(rows=0, cols=width)
            table.style = "Table Grid"
        self.last_table = table
        for row in rows:
            cells = table.add_row().cells
            for i, cell in enumerate(c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")):
                para = cells[i].paragraphs[0]
                if "num" in cell.classes:
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                self.inline(para, cell, bold=cell.tag == "th" or "bold" in cell.classes)
                for run in para.runs:
                    run.font.size = Pt(9)

    def block(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                if child.strip():
                    para = self.doc.add_paragraph()
                    para.add_run(_clean(child).strip())
                continue
            if child.tag in BLOCK_SKIP or child.classes & {"pdf-only", "footer"}:
                continue
            if child.tag != "table":
                self.last_table = None
            if "page-break" in child.classes:
                # Checked first: a page-break container may be empty or hold the next part.
                self.doc.add_page_break()
                if _has_text(child):
                    self.block(child)
                continue
            if child.tag in ("p", "h1", "h2", "h3", "h4", "address") or (
                    child.tag == "div" and not _has_blocks(child)):
                if _has_text(child):
                    self.paragraph(child, style={"h1": "Title", "h2": "Heading 1",
                                                 "h3": "Heading 2"}.get(child.tag))
            elif child.tag == "table":
                self.table(child)
            elif child.tag in ("ul", "ol"):
                for n, li in enumerate((c for c in child.children if isinstance(c, Node) and c.tag == "li"), 1):
                    self.paragraph(li, prefix=f"{n}. " if child.tag == "ol" else "– ")
            else:
                self.block(child)


def _descendants(node: Node, tag: str):  # noqa: ANN202
    for child in node.children:
        if isinstance(child, Node):
            if child.tag == tag:
                yield child
            else:
                yield from _descendants(child, tag)


def _has_blocks(node: Node) -> bool:
    return any(isinstance(c, Node) and (c.tag not in INLINE and c.tag != "br") for c in node.children)


def _has_text(node: Node) -> bool:
    return bool(node.text().strip())


def html_to_docx(html: str, skeleton: Path, footer: str) -> bytes:
    try:
        tpl = DocxTemplate(str(skeleton))
        tpl.init_docx()
    except Exception as exc:  # noqa: BLE001 - not a ZIP, not a Word document, unreadable
        raise DocgenError(f"DOCX skeleton {skeleton}: cannot be read ({type(exc).__name__})") from None
    body = tpl.new_subdoc()
    root = parse(html)
    _Writer(body).block(root.find("body") or root)
    # A firm's skeleton is code (its footer and properties are Jinja templates): rendered in the
    # same sandbox as the HTML, never in docxtpl's default, unsandboxed environment. The
    # environment autoescapes already; docxtpl's own autoescape flag would mutate it.
    try:
        tpl.render({"body": body, "footer": footer}, jinja_env=docx_environment(), autoescape=False)
    except DocgenError as exc:
        raise DocgenError(f"DOCX skeleton {skeleton}: {exc.message}") from None
    except Exception as exc:  # noqa: BLE001 - a syntax error caught by docxtpl before rendering
        raise DocgenError(f"DOCX skeleton {skeleton}: {template_error(exc, None)}") from None
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
