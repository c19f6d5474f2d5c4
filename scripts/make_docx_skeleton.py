"""Write templates/base/document.docx, the docxtpl skeleton of every editable draft.

Run after changing the page setup or styles: ``python scripts/make_docx_skeleton.py``. The same
code gives the same bytes; ``--check`` says whether the committed skeleton is up to date. The .docx is a template (data), committed so that firms can restyle it
in Word or replace it with their own letterhead (``--templates DIR`` with ``base/document.docx``).
The styles themselves are defined once, in docgen/render/docx_styles.py.
"""
from __future__ import annotations

import io
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.render.docx_package import reproducible_zip  # noqa: E402
from docgen.render.docx_styles import SERIF, install_styles  # noqa: E402

OUT = ROOT / "templates" / "base" / "document.docx"
EPOCH = date(2024, 1, 1)     # the skeleton's own date; a rendered document carries its as-of date
# python-docx's template ships a thumbnail, Word 2010 style effects and a Mac "application" name:
# none of them belong in a firm's letter.
DROP = {RT.THUMBNAIL, RT.EXTENDED_PROPERTIES, RT.CUSTOM_XML,
        "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}


def _field(paragraph, instruction: str) -> None:  # noqa: ANN001
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice compute when they lay out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instruction} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def _clean_defaults(styles) -> None:  # noqa: ANN001
    """Document defaults in the bundled font, not the theme's (Calibri/Cambria), language-neutral."""
    rfonts = styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    if rfonts is not None:
        for attr in list(rfonts.attrib):
            del rfonts.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), SERIF)


def _black_headings(styles) -> None:  # noqa: ANN001
    """Word's other heading styles (heading 3 to 9, their character twins) in black and the body font."""
    for style in styles.element.findall(qn("w:style")):
        sid = style.get(qn("w:styleId")) or ""
        if sid.startswith(("Heading", "Title", "Subtitle")):
            for colour in style.iter(qn("w:color")):
                colour.getparent().remove(colour)
            for fonts in style.iter(qn("w:rFonts")):
                for attr in [a for a in fonts.attrib if a.endswith("Theme")]:
                    del fonts.attrib[attr]


def build() -> bytes:
    doc = Document()
    for rels in (doc.part.package.rels, doc.part.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in DROP]:
            del rels[rid]
            rels._target_parts_by_rId.pop(rid, None)
    _clean_defaults(doc.styles)
    install_styles(doc.styles.element, replace=True)
    _black_headings(doc.styles)
    section = doc.sections[0]
    # document.css: @page { size: A4; margin: 15mm 20mm 24mm 20mm }; the footer sits in the bottom margin.
    # WeasyPrint fits a last line when its line box does, half its leading (0.5 mm) below the
    # letters included; LibreOffice lets the letters reach about half a millimetre into the margin.
    # One millimetre less page here ends the pages on the same line (measured on the examples:
    # with 24 mm a letter whose last line ends 0.05 mm into the PDF's margin kept one page).
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(15), Mm(25)
    section.header_distance, section.footer_distance = Mm(8), Mm(8)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    doc.add_paragraph("{{p body }}")
    footer = section.footer
    footer.is_linked_to_previous = False
    first = footer.paragraphs[0]
    first.style = doc.styles["Footer"]
    first.add_run("{{ footer }}")
    pages = footer.add_paragraph(style="Page Numbers")
    pages.add_run("{{ page_label }} ")
    _field(pages, "PAGE")
    pages.add_run(" / ")
    _field(pages, "NUMPAGES")
    props = doc.core_properties
    props.author = props.last_modified_by = "docgen"
    props.title, props.comments = "docgen DOCX skeleton", ""
    props.created = props.modified = datetime(EPOCH.year, EPOCH.month, EPOCH.day, tzinfo=timezone.utc)
    out = io.BytesIO()
    doc.save(out)
    return reproducible_zip(out.getvalue(), EPOCH)


def main() -> None:
    """``--check``: exit 1 if the committed skeleton is not what this script writes (the tests run it)."""
    data = build()
    if "--check" in sys.argv[1:]:
        if OUT.read_bytes() != data:
            sys.exit(f"{OUT} is out of date with docgen/render/docx_styles.py: run python scripts/make_docx_skeleton.py")
        print(f"{OUT} is up to date")
        return
    OUT.write_bytes(data)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
