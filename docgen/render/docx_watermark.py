"""The draft mark of an editable DOCX: Word's own watermark, the word across every page.

A draft PDF carries « PROJET » / « ONTWERP » on every page (draft.py, document.css). Word has no
text outside the flow of a page, except in its header: a shape anchored in the header, behind the
text, is drawn on every page the header is. This is the markup Word itself writes for « Design >
Watermark » (a VML WordArt shape named PowerPlusWaterMarkObject), so Word lists it as the
document's watermark and removes it in one click when the draft is finished; LibreOffice draws
it too. Both draw WordArt as outlines: in a PDF made from the DOCX the mark is ink, not text
(the footer's « PROJET — » is the text a search finds).
"""
from __future__ import annotations

from xml.sax.saxutils import quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from .docx_runs import SANS
from .htmltree import Node

# The WordArt "plain text" shape type (136), as Word writes it with its watermark.
_SHAPETYPE = (
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"'
    ' path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    + "".join(f'<v:f eqn="{e}"/>' for e in (
        "sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3", "if @0 @3 0",
        "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6", "mid @8 @5", "mid @7 @8", "mid @6 @7",
        "sum @6 0 @5"))
    + '</v:formulas><v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"'
    ' o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
    '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>')
NAMESPACES = ('xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
              ' xmlns:w10="urn:schemas-microsoft-com:office:word"')
# Word's « diagonal » layout: across the middle of the text area, rotated 45° up from left to
# right; light grey, half transparent, so that the letter stays legible through it. The word is
# stretched to the shape (fitshape), the width sized for the longest word (« ONTWERP »).
WIDTH_PT, HEIGHT_PT = 440, 110


def draft_word(root: Node) -> str | None:
    """The word of the HTML's draft mark (draft.py), if the document is a draft."""
    def walk(node: Node) -> str | None:
        for child in node.children:
            if isinstance(child, Node):
                if "draft-mark" in child.classes:
                    return " ".join(child.text().split()) or None
                found = walk(child)
                if found:
                    return found
        return None
    return walk(root)


def _run(word: str, number: int) -> str:
    style = (f"position:absolute;margin-left:0;margin-top:0;width:{WIDTH_PT}pt;height:{HEIGHT_PT}pt;rotation:315;"
             "z-index:-251654144;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
             "mso-position-vertical:center;mso-position-vertical-relative:margin")
    return (f'<w:r {nsdecls("w")} {NAMESPACES}><w:rPr><w:noProof/></w:rPr><w:pict>{_SHAPETYPE}'
            f'<v:shape id="PowerPlusWaterMarkObject{number}" o:spid="_x0000_s{2048 + number}" type="#_x0000_t136"'
            f' style="{style}" o:allowincell="f" fillcolor="silver" stroked="f"><v:fill opacity=".5"/>'
            f'<v:textpath style="font-family:&quot;{SANS}&quot;;font-size:1pt;font-weight:bold"'
            f" string={quoteattr(word)}/><w10:wrap anchorx=\"margin\" anchory=\"margin\"/></v:shape></w:pict></w:r>")


def add_watermark(document, word: str) -> None:  # noqa: ANN001
    """``word`` behind the text of every page of ``document``: in each header a section uses (the
    first-page and even-page ones too, where a firm's skeleton has them)."""
    number = 0
    for index, section in enumerate(document.sections):
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        if document.settings.odd_and_even_pages_header_footer:
            headers.append(section.even_page_header)
        for header in headers:
            if header.is_linked_to_previous:
                if index:
                    continue    # the previous section's header, marked already
                header.is_linked_to_previous = False    # the skeleton has none: a new, empty one
            number += 1
            paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            paragraph._p.append(parse_xml(_run(word, number)))
