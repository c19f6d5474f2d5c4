"""The named styles of the editable DOCX: the PDF's stylesheet (templates/base/document.css) in Word terms.

One definition serves the skeleton script (scripts/make_docx_skeleton.py writes them into
``templates/base/document.docx``) and the renderer, which adds any style a firm's own skeleton
lacks without touching the ones it has: a firm restyles a letter in one place, its skeleton.
Sizes are the PDF's: half-points for fonts, twentieths of a point (twips) for lengths.
"""
from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

SERIF, SANS = "Liberation Serif", "Liberation Sans"
LANGUAGE_TAGS = {("FR", "fr"): "fr-FR", ("BE", "fr"): "fr-BE", ("BE", "nl"): "nl-BE", ("FR", "nl"): "nl-BE"}


def mm(value: float) -> int:
    """Millimetres in twips."""
    return round(value * 1440 / 25.4)


def line(css_line_height: float) -> int:
    """A CSS line-height (a multiple of the font size) as Word's "auto" spacing, in 240ths of the
    font's own line (1.149 em for the Liberation fonts)."""
    return round(css_line_height * 240 / 1.149)


def _fonts(name: str) -> str:
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:cs="{name}" w:eastAsia="{name}"/>'


def _frame(x: float, y: float, w: float, h: float | None = None) -> str:
    """A frame anchored to the page (the envelope window does not move with the text)."""
    height = f' w:h="{mm(h)}" w:hRule="atLeast"' if h else ""
    return (f'<w:framePr w:w="{mm(w)}"{height} w:wrap="around" w:hAnchor="page" w:vAnchor="page"'
            f' w:x="{mm(x)}" w:y="{mm(y)}"/>')


def _border(side: str, size_eighths: int, color: str, space_pt: int = 0, kind: str = "single") -> str:
    return f'<w:{side} w:val="{kind}" w:sz="{size_eighths}" w:space="{space_pt}" w:color="{color}"/>'


# The envelope window and its return line (docs/letters.md): a DL window 85 x 33 mm, 110 mm from the
# left edge and 55 mm from the top; the return line on one small line just above it. The letterhead
# takes the top-left 85 mm; the text starts 78 mm below the top margin, as in document.css (.head).
WINDOW_X, WINDOW_Y, WINDOW_W, WINDOW_H = 110, 55, 85, 33
RETURN_Y = 50
TOP_MARGIN, HEAD_HEIGHT = 15, 78

_BOX = "".join(_border(s, 6, "222222", p) for s, p in (("top", 7), ("left", 10), ("bottom", 7), ("right", 10)))

# (style id, name, based on, paragraph properties, run properties); all paragraph styles. A CSS
# line-height is a multiple of the font size, Word's "auto" spacing one of the font's own line
# (ascent + descent + line gap: 1.149 em for Liberation Serif and Sans, as LibreOffice measures
# it): 1.38 in document.css is 1.201 lines here (w:line 288). With the wrong factor every
# line of the DOCX was 4 % taller than the PDF's, and a letter broke its pages elsewhere.
PARAGRAPH_STYLES: tuple[tuple[str, str, str | None, str, str], ...] = (
    ("Normal", "Normal", None, '<w:widowControl/>'
     f'<w:spacing w:before="0" w:after="0" w:line="{line(1.38)}" w:lineRule="auto"/>',
     _fonts(SERIF) + '<w:color w:val="111111"/><w:sz w:val="21"/><w:szCs w:val="21"/>'),
    ("BodyText", "Body Text", "Normal", f'<w:spacing w:after="{mm(2.6)}"/>', ""),
    ("Title", "Title", "Normal", f'<w:keepNext/><w:spacing w:after="{mm(5)}"/><w:jc w:val="center"/>',
     '<w:b/><w:spacing w:val="6"/><w:sz w:val="30"/><w:szCs w:val="30"/>'),
    ("Heading1", "heading 1", "Normal",
     f'<w:keepNext/><w:keepLines/><w:spacing w:before="{mm(5)}" w:after="{mm(2)}"/><w:outlineLvl w:val="0"/>',
     '<w:b/><w:sz w:val="24"/><w:szCs w:val="24"/>'),
    ("Heading2", "heading 2", "Normal",
     f'<w:keepNext/><w:keepLines/><w:spacing w:before="{mm(3)}" w:after="{mm(1.5)}"/><w:outlineLvl w:val="1"/>',
     "<w:b/>"),
    # Letterhead: one frame at the top left, so that its height never moves the text below.
    ("Letterhead", "Letterhead", "Normal", _frame(20, TOP_MARGIN, 85), ""),
    ("Sender", "Sender", "Letterhead", "", '<w:b/><w:spacing w:val="4"/><w:sz w:val="26"/><w:szCs w:val="26"/>'),
    ("FirmLine", "Firm Line", "Letterhead", "", '<w:color w:val="333333"/><w:sz w:val="18"/><w:szCs w:val="18"/>'),
    ("Contact", "Contact", "Letterhead", f'<w:spacing w:before="{mm(1.5)}"/>',
     '<w:color w:val="333333"/><w:sz w:val="17"/><w:szCs w:val="17"/>'),
    ("ReturnLine", "Return Line", "Normal",
     _frame(WINDOW_X, RETURN_Y, WINDOW_W) + f'<w:spacing w:line="{line(1.15)}" w:lineRule="auto"/>',
     _fonts(SANS) + '<w:color w:val="555555"/><w:sz w:val="12"/><w:szCs w:val="12"/>'),
    ("Recipient", "Recipient", "Normal",
     _frame(WINDOW_X, WINDOW_Y, WINDOW_W, WINDOW_H) + f'<w:spacing w:line="{line(1.25)}" w:lineRule="auto"/>', ""),
    ("LetterheadSpace", "Letterhead Space", "Normal",
     f'<w:spacing w:before="0" w:after="0" w:line="{mm(HEAD_HEIGHT)}" w:lineRule="exact"/>', ""),
    ("RecipientFlow", "Recipient (long)", "Normal",
     f'<w:spacing w:after="{mm(6)}" w:line="{line(1.25)}" w:lineRule="auto"/><w:ind w:left="{mm(90)}"/>', ""),
    ("PlaceDate", "Place Date", "Normal", f'<w:spacing w:after="{mm(4)}"/><w:jc w:val="right"/>', ""),
    ("Sending", "Sending", "Normal", "", "<w:b/>"),
    ("References", "References", "Normal", f'<w:spacing w:before="{mm(1)}"/>',
     '<w:sz w:val="19"/><w:szCs w:val="19"/>'),
    ("Subject", "Subject", "Normal", f'<w:keepNext/><w:spacing w:before="{mm(3)}" w:after="{mm(4)}"/>', "<w:b/>"),
    ("SmallPrint", "Small Print", "BodyText", "", '<w:sz w:val="17"/><w:szCs w:val="17"/>'),
    ("Basis", "Basis", "BodyText", "", '<w:color w:val="444444"/><w:sz w:val="16"/><w:szCs w:val="16"/>'),
    ("Note", "Note", "Normal", f'<w:spacing w:before="{mm(3)}"/>',
     '<w:color w:val="444444"/><w:sz w:val="16"/><w:szCs w:val="16"/>'),
    ("Court", "Court", "Normal", f'<w:spacing w:before="{mm(2)}" w:after="{mm(6)}"/><w:jc w:val="center"/>',
     '<w:b/><w:caps/><w:sz w:val="23"/><w:szCs w:val="23"/>'),
    ("Centered", "Centered", "BodyText", '<w:jc w:val="center"/>', ""),
    ("RightAligned", "Right Aligned", "BodyText", '<w:jc w:val="right"/>', ""),
    ("BoxedNotice", "Boxed Notice", "BodyText", f"<w:keepNext/><w:keepLines/><w:pBdr>{_BOX}</w:pBdr>"
     f'<w:ind w:left="{mm(3.5)}" w:right="{mm(3.5)}"/>', ""),
    ("BoxedSmall", "Boxed Small Print", "BoxedNotice", "", '<w:sz w:val="17"/><w:szCs w:val="17"/>'),
    ("Signature", "Signature", "Normal", f'<w:keepNext/><w:keepLines/><w:ind w:left="{mm(95)}"/>', ""),
    ("SignatureSpace", "Signature Space", "Signature", f'<w:spacing w:line="{mm(16)}" w:lineRule="exact"/>', ""),
    ("SignatureName", "Signature Name", "Signature", "", "<w:b/>"),
    ("SheetSender", "Sheet Sender", "Normal", "", '<w:b/><w:sz w:val="24"/><w:szCs w:val="24"/>'),
    ("SheetDetail", "Sheet Detail", "Normal", "", '<w:sz w:val="17"/><w:szCs w:val="17"/>'),
    ("SheetHeadEnd", "Sheet Head End", "SheetDetail",
     f'<w:pBdr>{_border("bottom", 8, "222222", 6)}</w:pBdr><w:spacing w:after="{mm(6)}"/>', ""),
    ("TableText", "Table Text", "Normal", '<w:spacing w:after="0"/>', '<w:sz w:val="18"/><w:szCs w:val="18"/>'),
    ("TableHeading", "Table Heading", "TableText", "<w:keepNext/>", "<w:b/>"),
    ("TableNumber", "Table Number", "TableText", '<w:jc w:val="right"/>', ""),
    ("TableHeadingNumber", "Table Heading Number", "TableHeading", '<w:jc w:val="right"/>', ""),
    ("Footer", "footer", "Normal",
     f'<w:pBdr>{_border("top", 3, "999999", 4)}</w:pBdr><w:spacing w:line="{line(1.3)}" w:lineRule="auto"/>'
     f'<w:ind w:right="{mm(20)}"/>',
     _fonts(SANS) + '<w:color w:val="444444"/><w:sz w:val="15"/><w:szCs w:val="15"/>'),
    ("PageNumbers", "Page Numbers", "Normal", '<w:jc w:val="right"/>',
     _fonts(SANS) + '<w:color w:val="555555"/><w:sz w:val="16"/><w:szCs w:val="16"/>'),
)
TABLE_STYLE = (
    f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="DocgenTable">'
    '<w:name w:val="Docgen Table"/><w:basedOn w:val="TableNormal"/><w:qFormat/>'
    '<w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'
    f'<w:tblPr><w:tblCellMar><w:top w:w="{mm(1)}" w:type="dxa"/><w:left w:w="{mm(1.5)}" w:type="dxa"/>'
    f'<w:bottom w:w="{mm(1)}" w:type="dxa"/><w:right w:w="{mm(1.5)}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    "</w:style>")
BUILTIN = {"Normal", "BodyText", "Title", "Heading1", "Heading2", "Footer"}


def _style_xml(sid: str, name: str, based: str | None, ppr: str, rpr: str) -> str:
    custom = "" if sid in BUILTIN else ' w:customStyle="1"'
    default = ' w:default="1"' if sid == "Normal" else ""
    return (f'<w:style {nsdecls("w")} w:type="paragraph"{default}{custom} w:styleId="{sid}">'
            f'<w:name w:val="{name}"/>' + (f'<w:basedOn w:val="{based}"/>' if based else "")
            + "<w:qFormat/>" + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
            + "</w:style>")


def install_styles(styles_element, *, replace: bool) -> None:  # noqa: ANN001
    """Write docgen's styles into a ``w:styles`` element: all of them, replacing same-id ones
    (the skeleton script), or only the missing ones (a firm's skeleton at render time)."""
    existing = {s.get(qn("w:styleId")): s for s in styles_element.findall(qn("w:style"))}
    for xml in [_style_xml(*spec) for spec in PARAGRAPH_STYLES] + [TABLE_STYLE]:
        style = parse_xml(xml)
        sid = style.get(qn("w:styleId"))
        if sid in existing:
            if not replace:
                continue
            styles_element.remove(existing[sid])
        styles_element.append(style)


def set_language(styles_element, tag: str) -> None:  # noqa: ANN001
    """``w:lang`` on the document defaults and every style that names one, so that spell-check and
    hyphenation work in French or Dutch; a run carries no language of its own."""
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        styles_element.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = parse_xml(f"<w:rPrDefault {nsdecls('w')}/>")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
        rpr_default.append(rpr)
    targets = [rpr] + [s.find(qn("w:rPr")) for s in styles_element.findall(qn("w:style"))
                       if s.get(qn("w:styleId")) == "Normal" or s.find(f"{qn('w:rPr')}/{qn('w:lang')}") is not None]
    for target in targets:
        if target is None:
            continue
        lang = target.find(qn("w:lang"))
        if lang is None:
            lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
            target.append(lang)
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attr), tag)


def language_tag(jurisdiction: str, language: str) -> str:
    return LANGUAGE_TAGS.get((jurisdiction.upper(), language), "fr-FR" if language == "fr" else "nl-BE")
