"""The body of the editable DOCX: the document's HTML, block by block, in the skeleton's named styles.

Each HTML block becomes one paragraph in the style its classes name (document.css's rules, in
Word terms: docx_styles), so the DOCX carries the same text as the PDF and a firm restyles it in
one place. The letter's head is laid out for a window envelope: the letterhead, the return line
and the recipient in frames anchored to the page, then a fixed space as tall as the PDF's head.
"""
from __future__ import annotations

import copy
from pathlib import Path

from docx.oxml.ns import qn
from docx.shared import Mm

from .docx_runs import BLOCK_SKIP, Look, has_text, write_runs
from .docx_tables import TableWriter
from .htmltree import Node

INLINE = {"strong", "b", "em", "i", "u", "span", "a", "small", "sup", "code"}

# (class, style) for a <p>, first match wins; a <div> that holds text takes the same styles.
P_STYLES = (("place-date", "Place Date"), ("refs", "References"), ("subject", "Subject"), ("sending", "Sending"),
            ("court", "Court"), ("footnote", "Note"), ("basis", "Basis"), ("small", "Small Print"),
            ("center", "Centered"), ("right", "Right Aligned"))
HEADINGS = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 2"}
TABLE_MARGIN = Mm(4)       # table { margin: 2mm 0 4mm 0 }: the top one collapses with the paragraph's
SIGNATURE_TOP = Mm(5)      # .signature { margin-top: 5mm }
LETTERHEAD = {"sender": "Sender", "firm-line": "Firm Line", "contact": "Contact"}


def _frame_of(style):  # noqa: ANN001, ANN202
    """The w:framePr a paragraph style or one it is based on defines, if any."""
    seen = 0
    while style is not None and seen < 10:
        found = style.element.find(f"{qn('w:pPr')}/{qn('w:framePr')}")
        if found is not None:
            return found
        style, seen = style.base_style, seen + 1
    return None


# Classes with break-before: avoid in document.css: a closing and its signature stay with the text
# they close (no signature alone on a page), a rate's legal basis with its table.
KEEP_WITH_PREVIOUS = frozenset({"closing", "basis"})


def _element_of(container):  # noqa: ANN001, ANN202
    """The XML element a document body or a table cell adds its blocks to."""
    return getattr(container, "_body", container)._element


def _blocks(node: Node) -> list[Node]:
    return [c for c in node.children if isinstance(c, Node)]


def _has_blocks(node: Node) -> bool:
    return any(c.tag not in INLINE and c.tag != "br" for c in _blocks(node))


class BodyWriter:
    def __init__(self, container, stylesheet: Path | None) -> None:  # noqa: ANN001
        self.container = container
        self.tables = TableWriter(stylesheet)
        self.last = None              # the last paragraph written (keep-with-next for the signature)
        self.break_before = False     # a page break the next block starts with
        self.after_table = False      # the next paragraph follows a table (its bottom margin)

    # ------------------------------------------------------------------ paragraphs
    def paragraph(self, node: Node | None, style: str, look: Look = Look(), prefix: str = ""):  # noqa: ANN201, B008
        para = self.container.add_paragraph(style=style)
        if self.break_before:
            # The break is the paragraph's own property, as « break-before: page » is in the PDF.
            para.paragraph_format.page_break_before = True
            self.break_before = False
        if self.after_table:
            # A Word table has no margin: the 4 mm below a table in document.css become the space
            # before the next paragraph (collapsed with the paragraph's own, as CSS margins are).
            self.after_table = False
            own = para.style.paragraph_format.space_before or 0
            para.paragraph_format.space_before = max(own, TABLE_MARGIN)
        frame = _frame_of(para.style)
        if frame is not None:
            # LibreOffice reads a frame only from the paragraph itself, not from its style: the
            # style's frame (the firm's, if it moved the window) is repeated on the paragraph.
            para._p.get_or_add_pPr().insert(1, copy.deepcopy(frame))
        if prefix:
            para.add_run(prefix)
        if node is not None:
            write_runs(para, node, look)
        self.last = para
        return para

    def styled(self, node: Node, default: str) -> None:
        style = next((s for cls, s in P_STYLES if cls in node.classes), default)
        self.paragraph(node, style, Look().inside(node))

    # ------------------------------------------------------------------ blocks
    def block(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                if child.strip():
                    self.paragraph(Node("span", children=[child]), "Body Text")
                continue
            self.element(child)

    def element(self, node: Node) -> None:
        if node.classes & KEEP_WITH_PREVIOUS:
            self.keep_last_with_next()
        if "keep" in node.classes and node.tag != "table" and "boxed" not in node.classes:
            # break-inside: avoid (the table and the box carry it themselves).
            self.kept(node)
        else:
            self.dispatch(node)

    def kept(self, node: Node) -> None:
        """``node`` written with every paragraph kept with the next one, as break-inside: avoid
        keeps the block on one page: Word and LibreOffice then move it whole, as WeasyPrint does."""
        parent = _element_of(self.container)
        before = set(parent)
        self.dispatch(node)
        added = [c for c in parent if c not in before and c.tag in (qn("w:p"), qn("w:tbl"))]
        paragraphs = [p for c in added for p in ([c] if c.tag == qn("w:p") else c.iter(qn("w:p")))]
        last_row = added[-1].findall(qn("w:tr"))[-1] if added and added[-1].tag == qn("w:tbl") else None
        spared = set(last_row.iter(qn("w:p"))) if last_row is not None else set(paragraphs[-1:])
        for para in paragraphs:
            ppr = para.get_or_add_pPr()
            if para not in spared:
                ppr.keepNext_val = True
            ppr.keepLines_val = True

    def keep_last_with_next(self) -> None:
        """The block written last kept with the next one: a paragraph, or every paragraph of a
        table's last row (Word keeps a row with the next paragraph only so)."""
        last = next((c for c in reversed(_element_of(self.container)) if c.tag in (qn("w:p"), qn("w:tbl"))), None)
        if last is None:
            return
        rows = last.findall(qn("w:tr")) if last.tag == qn("w:tbl") else []
        for para in (rows[-1].iter(qn("w:p")) if rows else [last]):
            para.get_or_add_pPr().keepNext_val = True

    def dispatch(self, node: Node) -> None:  # noqa: C901 - one dispatch on the template's markup
        classes = node.classes
        if node.tag in BLOCK_SKIP or (classes & {"pdf-only", "footer"} and "return-line" not in classes):
            return
        if node.tag != "table":
            self.tables.forget()
        if "page-break" in classes:
            # Checked first: a page-break container may be empty or hold the next part.
            self.break_before = True
            self.block(node)
            return
        if "draft-mark" in classes:
            # The PDF's mark floats over every page; in Word it is the header's watermark
            # (docx_watermark), and the footer of every page starts with the word too.
            return
        if "head" in classes:
            self.head(node)
        elif "sheet-head" in classes:
            self.sheet_head(node)
        elif "signature" in classes:
            self.signature(node)
        elif "boxed" in classes:
            for child in _blocks(node):
                if has_text(child):
                    self.paragraph(child, "Boxed Small Print" if "small" in child.classes else "Boxed Notice",
                                   Look().inside(child))
        elif "parties" in classes:
            self.parties(node)
        elif "recipient-flow" in classes:
            self.paragraph(node, "Recipient (long)")
        elif node.tag in HEADINGS:
            if has_text(node):
                self.paragraph(node, HEADINGS[node.tag])
        elif node.tag == "table":
            if self.break_before:
                self.paragraph(None, "Normal")
            self.tables.write(self.container, node)
            self.after_table = True
        elif node.tag in ("ul", "ol"):
            items = [c for c in _blocks(node) if c.tag == "li"]
            for n, li in enumerate(items, 1):
                self.paragraph(li, "Body Text", prefix=f"{n}. " if node.tag == "ol" else "• ")
        elif node.tag in ("p", "address") or (node.tag == "div" and not _has_blocks(node)):
            if has_text(node):
                self.styled(node, "Body Text" if node.tag == "p" else "Normal")
        else:
            self.block(node)

    def head(self, node: Node) -> None:
        """Letterhead, return line and recipient: frames at their PDF positions, then the head's height."""
        for child in _blocks(node):
            if "letterhead" in child.classes:
                for line in _blocks(child):
                    style = next((s for c, s in LETTERHEAD.items() if c in line.classes), "Letterhead")
                    if has_text(line):
                        self.paragraph(line, style)
            elif "return-line" in child.classes:
                self.paragraph(child, "Return Line")
            elif "recipient" in child.classes:
                self.paragraph(child, "Recipient")
        self.paragraph(None, "Letterhead Space")

    def sheet_head(self, node: Node) -> None:
        lines = [c for c in _blocks(node) if has_text(c)]
        for n, line in enumerate(lines):
            style = "Sheet Sender" if "sender" in line.classes else "Sheet Detail"
            self.paragraph(line, "Sheet Head End" if n == len(lines) - 1 and n else style)

    def signature(self, node: Node) -> None:
        # The closing paragraph stays on the page of the signature (.signature { break-before: avoid }).
        self.keep_last_with_next()
        first = True
        for child in _blocks(node):
            if "space" in child.classes:
                para = self.paragraph(None, "Signature Space")
            elif has_text(child):
                para = self.paragraph(child, "Signature Name" if "name" in child.classes else "Signature")
            else:
                continue
            if first:
                # The block's margin-top in document.css, on whichever line opens it.
                para.paragraph_format.space_before = SIGNATURE_TOP
                first = False
        if self.last is not None:
            self.last.paragraph_format.keep_with_next = False

    def parties(self, node: Node) -> None:
        """Side-by-side signature boxes (a flex row in the PDF): a one-row table without grid."""
        boxes = _blocks(node)
        if not boxes:
            return
        table = self.container.add_table(rows=1, cols=len(boxes))
        for cell, box in zip(table.rows[0].cells, boxes):
            inner = BodyWriter(cell, None)
            inner.block(box)
            first = cell.paragraphs[0]
            if not first.text and len(cell.paragraphs) > 1:
                first._p.getparent().remove(first._p)
        self.last = None
