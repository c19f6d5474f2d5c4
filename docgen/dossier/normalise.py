"""Making an appended page safe to stamp and acceptable in PDF/A.

Input pages arrive with form fields, comments, signature widgets, scripts and /Rotate:
annotations are drawn above the content (they could hide a stamp), /Rotate would turn the stamp
with the page, and scripts and form fields have no place in PDF/A. So every visible appearance
is painted into the content, only web and mail links are kept (rebuilt from scratch), the
rotation is moved into the content and the page's content is enclosed in q ... Q before
anything is appended.
"""
from __future__ import annotations

import math
from urllib.parse import quote, urlsplit

from pypdf import PageObject, PdfWriter, Transformation
from pypdf.generic import (ArrayObject, ByteStringObject, DictionaryObject, IndirectObject, NameObject, NumberObject,
                           RectangleObject, StreamObject)

from .pdfobjects import add_object, content_refs, stream, sub_resources
from .stamps import Painter


def _matrix(values) -> tuple[float, ...]:  # noqa: ANN001
    return tuple(float(v) for v in values) if values is not None and len(values) == 6 else (1, 0, 0, 1, 0, 0)  # ok: a PDF matrix


def _flatten_ops(writer: PdfWriter, page: PageObject, counter: list[int]) -> tuple[str, list[DictionaryObject]]:
    """Paint every visible annotation appearance into the page (forms, signatures, comments) and
    keep only URI links; returns the content ops and the annotations to keep."""
    ops, keep = [], []
    annots = page.get("/Annots")
    if annots is None:
        return "", []
    xobjects = None
    for ref in annots.get_object():
        annot = ref.get_object()
        if not isinstance(annot, DictionaryObject):
            continue
        subtype = annot.get("/Subtype")
        flags = int(annot.get("/F", 0) or 0)
        if subtype == "/Link":
            link = safe_link(annot)
            if link is not None:
                keep.append(link)
            continue
        if subtype == "/Popup" or flags & (2 | 32):           # hidden, no view
            continue
        ap = annot.get("/AP")
        normal = ap.get_object().get("/N") if ap is not None else None
        if normal is None:
            continue
        appearance_ref = normal
        normal = normal.get_object()
        if not isinstance(normal, StreamObject):                 # a dictionary of states: pick /AS
            state = annot.get("/AS")
            if state is None or state not in normal:
                continue
            appearance_ref = normal[state]
            normal = appearance_ref.get_object()
            if not isinstance(normal, StreamObject):
                continue
        bbox, rect = normal.get("/BBox"), annot.get("/Rect")
        if bbox is None or rect is None:
            continue
        rect = [float(v) for v in rect.get_object()]  # ok: PDF points
        rx0, rx1 = min(rect[0], rect[2]), max(rect[0], rect[2])
        ry0, ry1 = min(rect[1], rect[3]), max(rect[1], rect[3])
        a, b, c, d, e, f = _matrix(normal.get("/Matrix"))
        bx = [float(v) for v in bbox.get_object()]  # ok: PDF points
        corners = [(a * x + c * y + e, b * x + d * y + f) for x in (bx[0], bx[2]) for y in (bx[1], bx[3])]
        tx0, ty0 = min(p[0] for p in corners), min(p[1] for p in corners)
        tx1, ty1 = max(p[0] for p in corners), max(p[1] for p in corners)
        if tx1 - tx0 <= 0 or ty1 - ty0 <= 0 or rx1 - rx0 <= 0 or ry1 - ry0 <= 0:
            continue
        sx, sy = (rx1 - rx0) / (tx1 - tx0), (ry1 - ry0) / (ty1 - ty0)
        if not isinstance(appearance_ref, IndirectObject):
            appearance_ref = add_object(writer, normal)
        normal[NameObject("/Type")] = NameObject("/XObject")
        normal[NameObject("/Subtype")] = NameObject("/Form")
        if xobjects is None:
            xobjects = sub_resources(page, "/XObject")
        counter[0] += 1
        name = f"/DGAnnot{counter[0]}"
        xobjects[NameObject(name)] = appearance_ref
        ops.append(f"q {sx:.5f} 0 0 {sy:.5f} {rx0 - sx * tx0:.3f} {ry0 - sy * ty0:.3f} cm {name} Do Q\n")
    return "".join(ops), keep


SAFE_SCHEMES = ("http", "https", "mailto")


def safe_link(annot: DictionaryObject) -> DictionaryObject | None:
    """A new link annotation holding only what a reader needs to follow a web or mail link, or
    None. Copying the original would carry its action's /Next chain (JavaScript), its own /AA
    and any /URI scheme (``javascript:``, ``file:``) into a dossier that claims PDF/A."""
    try:
        action = annot["/A"].get_object()
        if not isinstance(action, DictionaryObject) or action.get("/S") != "/URI":
            return None
        uri = action["/URI"].get_object()
        target = uri.decode("latin-1") if isinstance(uri, bytes) else str(uri)
        rect = [float(v) for v in annot["/Rect"].get_object()][:4]  # ok: PDF points
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    target = target.strip()
    scheme = urlsplit(target).scheme.lower() if ":" in target else ""
    if scheme not in SAFE_SCHEMES or len(target) > 2048 or any(ord(c) < 33 or ord(c) == 127 for c in target):
        return None
    if len(rect) != 4 or not all(math.isfinite(v) and abs(v) < 1e6 for v in rect):
        return None
    # /URI is an ASCII string (ISO 32000-1, 12.6.4.7): anything else is percent-encoded.
    ascii_target = quote(target, safe="".join(chr(c) for c in range(33, 127) if chr(c) != "%") + "%")
    return DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): RectangleObject(rect),
        NameObject("/Border"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(0)]),
        NameObject("/F"): NumberObject(4),                                  # printable, as PDF/A requires
        NameObject("/A"): DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                            NameObject("/URI"): ByteStringObject(ascii_target.encode("ascii"))}),
    })


def normalise_page(painter: Painter, page: PageObject, counter: list[int]) -> None:
    """Make an appended page safe to stamp and acceptable in PDF/A: appearances flattened into
    the content, no form fields, no scripts; /Rotate moved into the content; content in q ... Q."""
    writer = painter.writer
    flat, keep = _flatten_ops(writer, page, counter)
    for key in ("/Annots", "/AA", "/Tabs"):
        if key in page:
            del page[key]
    if keep:
        page[NameObject("/Annots")] = ArrayObject(add_object(writer, link) for link in keep)
    rotation = int(page.get("/Rotate", 0) or 0) % 360
    cm = _unrotate(page, rotation, keep) if rotation else ""
    refs = content_refs(writer, page)
    q, big_q = painter.wrap_refs()
    head = add_object(writer, stream(("q\n" + cm).encode(), compress=False)) if cm else q
    contents = [head, *refs, big_q]
    if flat:
        contents.append(add_object(writer, stream(f"q\n{cm}{flat}Q\n".encode())))
    page[NameObject("/Contents")] = ArrayObject(contents)


def _unrotate(page: PageObject, rotation: int, links: list[DictionaryObject]) -> str:
    """Turn the page's boxes and kept links upright (/Rotate 0); returns the « cm » operator that
    turns the content the same way, for the caller to put in front of it."""
    mb = RectangleObject(page.mediabox)
    t = Transformation().translate(-float(mb.left + mb.width / 2), -float(mb.bottom + mb.height / 2))  # ok: PDF points
    t = t.rotate(-rotation)
    p1, p2 = t.apply_on(mb.lower_left), t.apply_on(mb.upper_right)
    t = t.translate(-min(p1[0], p2[0]), -min(p1[1], p2[1]))
    for name in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
        if name in page:
            r = RectangleObject(page[name])
            page[NameObject(name)] = _moved_box(t, r.lower_left, r.upper_right)
    page[NameObject("/Rotate")] = NumberObject(0)
    for link in links:
        r = [float(v) for v in link["/Rect"]]  # ok: PDF points
        link[NameObject("/Rect")] = _moved_box(t, (r[0], r[1]), (r[2], r[3]))
    return " ".join(f"{v:.6f}" for v in t.ctm) + " cm\n"


def _moved_box(t: Transformation, low, high) -> RectangleObject:  # noqa: ANN001 - two (x, y) corners
    q1, q2 = t.apply_on(low), t.apply_on(high)
    return RectangleObject((min(q1[0], q2[0]), min(q1[1], q2[1]), max(q1[0], q2[0]), max(q1[1], q2[1])))
