"""Low-level PDF work on pypdf objects: page normalisation, stamps, associated files, XMP.

Stamps (« Pièce n° N », the running « n / total ») are drawn with a small content stream
appended to the page and a TrueType subset of the bundled Liberation Sans (WinAnsi encoding,
ToUnicode map), embedded once per output file: real, extractable text, no layout engine, no
parsing of the page's own content, O(1) per page.
"""
from __future__ import annotations

import hashlib
import io
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from xml.sax.saxutils import escape

from pypdf import PageObject, PdfWriter, Transformation
from pypdf.generic import (ArrayObject, ByteStringObject, DecodedStreamObject, DictionaryObject,
                           FloatObject, IndirectObject, NameObject, NumberObject,
                           RectangleObject, StreamObject, TextStringObject, create_string_object)

from ..resources import templates_dir

MM = 72 / 25.4
INK = "0.07 0.16 0.45"          # stamp colour: dark blue, like a rubber stamp

# ----------------------------------------------------------------------------- the stamp font


@dataclass(frozen=True)
class FontProgram:
    name: str                    # subset-tagged PostScript name
    data: bytes                  # TrueType subset (WinAnsi characters)
    widths: tuple[float, ...]    # codes 32..255, in 1/1000 em
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int


_CODES = range(32, 256)


def _winansi(code: int) -> str | None:
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return None


@cache
def font_program(file_name: str) -> FontProgram:
    """A subset of a bundled font holding the WinAnsi characters, with its metrics (cached)."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = []
    options.name_IDs = []
    options.hinting = False
    options.notdef_outline = True
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "DSIG", "FFTM"]
    font = subset.load_font(str(templates_dir() / "fonts" / file_name), options)
    text = "".join(ch for ch in map(_winansi, _CODES) if ch)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    upm = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    widths = []
    for code in _CODES:
        ch = _winansi(code)
        glyph = cmap.get(ord(ch)) if ch else None
        widths.append(round(hmtx[glyph][0] * 1000 / upm, 1) if glyph else 0.0)
    head, hhea, os2 = font["head"], font["hhea"], font["OS/2"]
    scale = 1000 / upm
    tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(data).digest()[:6])
    ps_name = file_name.rsplit(".", 1)[0].replace(" ", "")
    return FontProgram(name=f"{tag}+{ps_name}", data=data, widths=tuple(widths),
                       bbox=tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)),
                       ascent=round(hhea.ascent * scale), descent=round(hhea.descent * scale),
                       cap_height=round(getattr(os2, "sCapHeight", hhea.ascent * 0.7) * scale))


def encode(text: str, program: FontProgram) -> bytes:
    """``text`` in WinAnsi, with what the font cannot show replaced (accents dropped, else '?')."""
    out = bytearray()
    for ch in text:
        for candidate in (ch, unicodedata.normalize("NFKD", ch)):
            try:
                raw = candidate.encode("cp1252")
            except UnicodeEncodeError:
                continue
            raw = bytes(b for b in raw if b >= 32 and program.widths[b - 32] > 0)
            if raw:
                out += raw[:1] if candidate is ch else raw
                break
        else:
            out += b"?"
    return bytes(out)


def text_width(raw: bytes, program: FontProgram, size: float) -> float:
    return sum(program.widths[b - 32] for b in raw) * size / 1000


def _to_unicode_cmap() -> bytes:
    pairs = [(code, _winansi(code)) for code in _CODES]
    lines = [f"<{code:02X}> <{ord(ch):04X}>" for code, ch in pairs if ch]
    chunks = [lines[i:i + 100] for i in range(0, len(lines), 100)]
    body = "".join(f"{len(c)} beginbfchar\n" + "\n".join(c) + "\nendbfchar\n" for c in chunks)
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n" + body +
            "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode()


def _stream(data: bytes, entries: dict | None = None, compress: bool = True) -> StreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    for key, value in (entries or {}).items():
        stream[NameObject(key)] = value
    return stream.flate_encode() if compress else stream


def add_object(writer: PdfWriter, obj) -> IndirectObject:  # noqa: ANN001
    return writer._add_object(obj)  # noqa: SLF001 - pypdf's only way to add a free object


class Painter:
    """Draws stamps and page numbers on the pages of one writer, sharing its font objects."""

    FONTS = {"/DGSans": "LiberationSans-Regular.ttf", "/DGSansB": "LiberationSans-Bold.ttf"}

    def __init__(self, writer: PdfWriter):
        self.writer = writer
        self._refs: dict[str, IndirectObject] = {}
        self._wrap: tuple[IndirectObject, IndirectObject] | None = None

    def program(self, key: str) -> FontProgram:
        return font_program(self.FONTS[key])

    def font_ref(self, key: str) -> IndirectObject:
        if key not in self._refs:
            p = self.program(key)
            w = self.writer
            file2 = add_object(w, _stream(p.data, {"/Length1": NumberObject(len(p.data))}))
            descriptor = DictionaryObject({
                NameObject("/Type"): NameObject("/FontDescriptor"), NameObject("/FontName"): NameObject("/" + p.name),
                NameObject("/Flags"): NumberObject(32), NameObject("/ItalicAngle"): NumberObject(0),
                NameObject("/FontBBox"): ArrayObject(NumberObject(v) for v in p.bbox),
                NameObject("/Ascent"): NumberObject(p.ascent), NameObject("/Descent"): NumberObject(p.descent),
                NameObject("/CapHeight"): NumberObject(p.cap_height), NameObject("/StemV"): NumberObject(80),
                NameObject("/FontFile2"): file2})
            font = DictionaryObject({
                NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/TrueType"),
                NameObject("/BaseFont"): NameObject("/" + p.name), NameObject("/FirstChar"): NumberObject(32),
                NameObject("/LastChar"): NumberObject(255),
                NameObject("/Widths"): ArrayObject(FloatObject(v) if v % 1 else NumberObject(int(v))
                                                   for v in p.widths),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
                NameObject("/FontDescriptor"): add_object(w, descriptor),
                NameObject("/ToUnicode"): add_object(w, _stream(_to_unicode_cmap()))})
            self._refs[key] = add_object(w, font)
        return self._refs[key]

    def _use_fonts(self, page: PageObject, keys: tuple[str, ...]) -> None:
        fonts = sub_resources(page, "/Font")
        for key in keys:
            fonts[NameObject(key)] = self.font_ref(key)

    def wrap_refs(self) -> tuple[IndirectObject, IndirectObject]:
        """Two content streams shared by every page: « q » and « Q »."""
        if self._wrap is None:
            self._wrap = (add_object(self.writer, _stream(b"q\n", compress=False)),
                          add_object(self.writer, _stream(b"\nQ\n", compress=False)))
        return self._wrap

    def wrap(self, page: PageObject) -> None:
        """Enclose the page's content in q ... Q so what is appended later starts from a clean state."""
        q, big_q = self.wrap_refs()
        page[NameObject("/Contents")] = ArrayObject([q, *content_refs(self.writer, page), big_q])

    def append(self, page: PageObject, data: bytes) -> None:
        refs = content_refs(self.writer, page)
        refs.append(add_object(self.writer, _stream(data)))
        page[NameObject("/Contents")] = ArrayObject(refs)

    def _text(self, key: str, text: str, size: float, x: float, y: float, align: str = "left") -> str:
        p = self.program(key)
        raw = encode(text, p)
        width = text_width(raw, p, size)
        if align == "center":
            x -= width / 2
        elif align == "right":
            x -= width
        return f"BT {key} {size:g} Tf {x:.2f} {y:.2f} Td <{raw.hex().upper()}> Tj ET\n"

    def stamp(self, page: PageObject, title: str, position: str, holder: str) -> None:
        """The top-right box: « Pièce n° 4 », « 4-2/5 » (multi-page pièces), who produces it."""
        x0, y0, x1, y1 = visible_box(page)
        bold, regular = self.program("/DGSansB"), self.program("/DGSans")
        lines = [("/DGSansB", title, 9.0)]
        if position:
            lines.append(("/DGSans", position, 7.0))
        holder_size = 5.5
        if holder:
            # shrink, then cut, a long name so that the box stays small
            while holder_size > 4.5 and text_width(encode(holder, regular), regular, holder_size) > 100:
                holder_size -= 0.5
            while len(holder) > 4 and text_width(encode(holder, regular), regular, holder_size) > 100:
                holder = holder[:-2].rstrip() + "…"
            lines.append(("/DGSans", holder, holder_size))
        pad = 2.6
        fonts = {"/DGSansB": bold, "/DGSans": regular}
        inner = max(text_width(encode(t, fonts[k]), fonts[k], size) for k, t, size in lines)
        width = max(inner + 4 * pad, 58.0)
        height = pad * 2 + sum(s * 1.12 for _, _, s in lines) - 1.0
        right, top = x1 - 8 * MM, y1 - 3 * MM         # inside the usual top margin (15 mm and more)
        left, bottom = right - width, top - height
        ops = [f"q {INK} RG 1 1 1 rg 0.8 w {left:.2f} {bottom:.2f} {width:.2f} {height:.2f} re B {INK} rg\n"]
        y = top - pad
        for key, text, size in lines:
            y -= size * 0.92
            ops.append(self._text(key, text, size, left + width / 2, y, "center"))
            y -= size * 0.2
        ops.append("Q\n")
        self._use_fonts(page, ("/DGSans", "/DGSansB"))
        self.append(page, "".join(ops).encode())

    def page_number(self, page: PageObject, text: str) -> None:
        """The dossier's running number, small, centred in the bottom margin (below any footer)."""
        x0, y0, x1, y1 = visible_box(page)
        ops = "q 0.33 g " + self._text("/DGSans", text, 7.0, (x0 + x1) / 2, y0 + 4.2 * MM, "center") + "Q\n"
        self._use_fonts(page, ("/DGSans",))
        self.append(page, ops.encode())


# ----------------------------------------------------------------------------- pages


def sub_resources(page: PageObject, kind: str) -> DictionaryObject:
    """The page's /Resources/<kind> dictionary, created when absent."""
    if "/Resources" not in page:
        page[NameObject("/Resources")] = DictionaryObject()
    resources = page["/Resources"].get_object()
    if kind not in resources:
        resources[NameObject(kind)] = DictionaryObject()
    return resources[kind].get_object()


def content_refs(writer: PdfWriter, page: PageObject) -> list[IndirectObject]:
    """The page's content streams as a list of indirect references (the form appending needs)."""
    raw = page.get("/Contents")
    if raw is None:
        return []
    obj = raw.get_object()
    items = list(obj) if isinstance(obj, ArrayObject) else [raw]
    refs = []
    for item in items:
        if isinstance(item, IndirectObject):
            refs.append(item)
        elif isinstance(item.get_object(), StreamObject):
            refs.append(add_object(writer, item.get_object()))
    return refs


def visible_box(page: PageObject) -> tuple[float, float, float, float]:
    media = page.mediabox
    crop = page.cropbox if "/CropBox" in page else media
    x0, y0 = max(float(crop.left), float(media.left)), max(float(crop.bottom), float(media.bottom))
    x1, y1 = min(float(crop.right), float(media.right)), min(float(crop.top), float(media.top))
    if x1 - x0 < 10 or y1 - y0 < 10:          # a nonsensical crop box: fall back on the media box
        return float(media.left), float(media.bottom), float(media.right), float(media.top)
    return x0, y0, x1, y1


def _matrix(values) -> tuple[float, ...]:  # noqa: ANN001
    return tuple(float(v) for v in values) if values is not None and len(values) == 6 else (1, 0, 0, 1, 0, 0)


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
            action = annot.get("/A")
            action = action.get_object() if action is not None else None
            if isinstance(action, DictionaryObject) and action.get("/S") == "/URI":
                link = DictionaryObject({k: v for k, v in annot.items() if k not in ("/P", "/Parent", "/Popup")})
                link[NameObject("/F")] = NumberObject(4)
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
        rect = [float(v) for v in rect.get_object()]
        rx0, rx1 = min(rect[0], rect[2]), max(rect[0], rect[2])
        ry0, ry1 = min(rect[1], rect[3]), max(rect[1], rect[3])
        a, b, c, d, e, f = _matrix(normal.get("/Matrix"))
        bx = [float(v) for v in bbox.get_object()]
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
    cm = ""
    if rotation:
        mb = RectangleObject(page.mediabox)
        t = Transformation().translate(-float(mb.left + mb.width / 2), -float(mb.bottom + mb.height / 2))
        t = t.rotate(-rotation)
        p1, p2 = t.apply_on(mb.lower_left), t.apply_on(mb.upper_right)
        t = t.translate(-min(p1[0], p2[0]), -min(p1[1], p2[1]))
        cm = " ".join(f"{v:.6f}" for v in t.ctm) + " cm\n"
        for name in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
            if name in page:
                r = RectangleObject(page[name])
                q1, q2 = t.apply_on(r.lower_left), t.apply_on(r.upper_right)
                page[NameObject(name)] = RectangleObject((min(q1[0], q2[0]), min(q1[1], q2[1]),
                                                          max(q1[0], q2[0]), max(q1[1], q2[1])))
        page[NameObject("/Rotate")] = NumberObject(0)
        for link in keep:
            r = [float(v) for v in link["/Rect"]]
            q1, q2 = t.apply_on((r[0], r[1])), t.apply_on((r[2], r[3]))
            link[NameObject("/Rect")] = RectangleObject((min(q1[0], q2[0]), min(q1[1], q2[1]),
                                                         max(q1[0], q2[0]), max(q1[1], q2[1])))
    refs = content_refs(writer, page)
    q, big_q = painter.wrap_refs()
    head = add_object(writer, _stream(("q\n" + cm).encode(), compress=False)) if cm else q
    contents = [head, *refs, big_q]
    if flat:
        contents.append(add_object(writer, _stream(f"q\n{cm}{flat}Q\n".encode())))
    page[NameObject("/Contents")] = ArrayObject(contents)


def check_streams(page: PageObject) -> None:
    """Decode, strictly, every Flate stream the page uses (content, forms, fonts, images):
    pypdf salvages what it can from a damaged stream and would copy the damage on; here it is
    an error (``ValueError``) for the caller to report with the file's name."""
    seen: set[int] = set()
    stack = [page]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = obj.idnum
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        if isinstance(obj, StreamObject):
            filters = obj.get("/Filter")
            filters = list(filters) if isinstance(filters, ArrayObject) else [filters]
            if filters and filters[0] == "/FlateDecode":
                try:
                    zlib.decompressobj().decompress(obj._data)  # noqa: SLF001 - the raw, encoded bytes
                except zlib.error as exc:
                    raise ValueError(f"damaged compressed stream ({exc})") from None
        if isinstance(obj, DictionaryObject):
            stack.extend(v for k, v in obj.items() if k not in ("/Parent", "/P", "/Dest", "/A", "/Annots"))
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    if "/Contents" in page:
        for item in (lambda c: c if isinstance(c, ArrayObject) else [c])(page["/Contents"].get_object()):
            if not isinstance(item.get_object(), StreamObject):
                raise ValueError("a content entry is not a stream")


def missing_fonts(page: PageObject) -> set[str]:
    """Names of the fonts a page uses without embedding them (PDF/A requires every font embedded)."""
    missing: set[str] = set()
    seen: set[int] = set()

    def visit(resources, depth: int) -> None:  # noqa: ANN001
        if resources is None or depth > 8:
            return
        resources = resources.get_object()
        if id(resources) in seen:
            return
        seen.add(id(resources))
        fonts = resources.get("/Font")
        for font in (fonts.get_object().values() if fonts is not None else []):
            font = font.get_object()
            subtype = font.get("/Subtype")
            if subtype == "/Type3":
                continue
            target = font["/DescendantFonts"].get_object()[0].get_object() if subtype == "/Type0" else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont", "?")).lstrip("/"))
        xobjects = resources.get("/XObject")
        for xobject in (xobjects.get_object().values() if xobjects is not None else []):
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"), depth + 1)

    visit(page.get("/Resources"), 0)
    return missing


# ----------------------------------------------------------------------------- file-level metadata


def pdf_date(moment: datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%SZ")


def xmp_date(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _uuid(raw: bytes) -> str:
    h = raw.hex()
    return f"uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def xmp_packet(*, title: str, author: str, producer: str, creator_tool: str, moment: datetime,
               document_id: bytes, instance_id: bytes, language: str) -> bytes:
    """XMP metadata of a PDF/A-3b file, mirroring the information dictionary (same Producer)."""
    e = escape
    body = f"""<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>3</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{e(producer)}</pdf:Producer>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>{e(creator_tool)}</xmp:CreatorTool>
<xmp:CreateDate>{xmp_date(moment)}</xmp:CreateDate>
<xmp:ModifyDate>{xmp_date(moment)}</xmp:ModifyDate>
<xmp:MetadataDate>{xmp_date(moment)}</xmp:MetadataDate>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{e(author)}</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>{e(language)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
<xmpMM:DocumentID>{_uuid(document_id)}</xmpMM:DocumentID>
<xmpMM:InstanceID>{_uuid(instance_id)}</xmpMM:InstanceID>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
"""
    padding = (" " * 99 + "\n") * 20          # room for a signer to update the packet in place
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' + body + padding
            + '<?xpacket end="w"?>').encode("utf-8")


def set_metadata(writer: PdfWriter, *, title: str, author: str, producer: str, moment: datetime,
                 ids: tuple[bytes, bytes], language: str) -> None:
    """Information dictionary, XMP stream and /ID, consistent with each other and deterministic."""
    creator_tool = producer.split(" ")[0]
    writer.metadata = {"/Title": title, "/Author": author, "/Creator": creator_tool, "/Producer": producer,
                       "/CreationDate": pdf_date(moment), "/ModDate": pdf_date(moment)}
    packet = xmp_packet(title=title, author=author, producer=producer, creator_tool=creator_tool, moment=moment,
                        document_id=ids[0], instance_id=ids[1], language=language)
    metadata = _stream(packet, {"/Type": NameObject("/Metadata"), "/Subtype": NameObject("/XML")}, compress=False)
    writer.root_object[NameObject("/Metadata")] = add_object(writer, metadata)
    writer._ID = ArrayObject([ByteStringObject(ids[0]), ByteStringObject(ids[1])])  # noqa: SLF001


def embed_files(writer: PdfWriter, files: list, moment: datetime) -> None:  # noqa: ANN001 - list[Attachment]
    """Each file as a PDF/A-3 associated file: EmbeddedFiles name tree and the catalog's /AF."""
    names: list[tuple[str, IndirectObject]] = []
    refs = ArrayObject()
    for item in files:
        params = DictionaryObject({
            NameObject("/Size"): NumberObject(len(item.data)),
            NameObject("/ModDate"): TextStringObject(pdf_date(moment)),
            NameObject("/CheckSum"): ByteStringObject(hashlib.md5(item.data).digest())})  # noqa: S324 - spec'd
        stream = StreamObject()
        stream._data = zlib.compress(item.data, 6)  # noqa: SLF001 - pre-compressed data
        stream.update({NameObject("/Type"): NameObject("/EmbeddedFile"),
                       NameObject("/Subtype"): NameObject("/" + item.mime),
                       NameObject("/Filter"): NameObject("/FlateDecode"),
                       NameObject("/Params"): params})
        file_ref = add_object(writer, stream)
        spec = DictionaryObject({
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): create_string_object(item.name), NameObject("/UF"): create_string_object(item.name),
            NameObject("/Desc"): create_string_object(item.description or item.name),
            NameObject("/AFRelationship"): NameObject("/" + item.relationship),
            NameObject("/EF"): DictionaryObject({NameObject("/F"): file_ref, NameObject("/UF"): file_ref})})
        spec_ref = add_object(writer, spec)
        names.append((item.name, spec_ref))
        refs.append(spec_ref)
    if not names:
        return
    tree = ArrayObject()
    for name, ref in sorted(names, key=lambda x: x[0].encode("utf-8")):
        tree.append(create_string_object(name))
        tree.append(ref)
    root = writer.root_object
    if "/Names" not in root:
        root[NameObject("/Names")] = DictionaryObject()
    root["/Names"].get_object()[NameObject("/EmbeddedFiles")] = add_object(
        writer, DictionaryObject({NameObject("/Names"): tree}))
    root[NameObject("/AF")] = refs


def drop_unreachable(writer: PdfWriter) -> int:
    """Free the objects nothing points to any more (the cover's first XMP packet and outline,
    flattened annotations, merged form fields): they would be written out otherwise."""
    objects = writer._objects  # noqa: SLF001 - pypdf keeps every object ever added in this list
    reachable: set[int] = set()
    stack: list = [writer.root_object]
    info = writer._info  # noqa: SLF001
    if info is not None:
        stack.append(info)
    for obj in (writer.root_object, info):
        ref = getattr(obj, "indirect_reference", None)
        if ref is not None:
            reachable.add(ref.idnum)
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if obj.pdf is not writer or obj.idnum in reachable or not 0 < obj.idnum <= len(objects):
                continue
            reachable.add(obj.idnum)
            obj = objects[obj.idnum - 1]
        if isinstance(obj, DictionaryObject):          # streams included
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    dropped = 0
    for index in range(len(objects)):
        if objects[index] is not None and index + 1 not in reachable:
            objects[index] = None
            dropped += 1
    return dropped
