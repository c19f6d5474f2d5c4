"""What the dossier draws over the pages: the « Pièce n° N » box and the running « n / total ».

Each mark is a small content stream appended to the page, never a rewrite of the page's own
content streams: no parsing, O(1) per page. The font objects and the shared « q » / « Q » streams are created once per writer.
"""
from __future__ import annotations

from pypdf import PageObject, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, IndirectObject, NameObject

from .pdfobjects import MM, add_object, content_refs, stream, sub_resources
from .stamp_font import FontProgram, embed_font, encode, font_program, text_width

INK = "0.07 0.16 0.45"          # stamp colour: dark blue, like a rubber stamp


def visible_box(page: PageObject) -> tuple[float, float, float, float]:
    media = page.mediabox
    crop = page.cropbox if "/CropBox" in page else media
    x0, y0 = max(float(crop.left), float(media.left)), max(float(crop.bottom), float(media.bottom))  # ok: points
    x1, y1 = min(float(crop.right), float(media.right)), min(float(crop.top), float(media.top))  # ok: points
    if x1 - x0 < 10 or y1 - y0 < 10:          # a nonsensical crop box: fall back on the media box
        return float(media.left), float(media.bottom), float(media.right), float(media.top)  # ok: PDF points, not money
    return x0, y0, x1, y1


class Painter:
    """Draws stamps and page numbers on the pages of one writer, sharing its font objects."""

    FONTS = {"/DGSans": "LiberationSans-Regular.ttf", "/DGSansB": "LiberationSans-Bold.ttf"}

    def __init__(self, writer: PdfWriter):
        self.writer = writer
        self._refs: dict[str, IndirectObject] = {}
        self._wrap: tuple[IndirectObject, IndirectObject] | None = None

    def program(self, key: str) -> FontProgram:
        return font_program(self.FONTS[key])

    @classmethod
    def prepare_fonts(cls) -> None:
        """Subset the stamp fonts now (once per process), e.g. while the pages are laid out
        elsewhere, rather than on the first stamp."""
        for file_name in cls.FONTS.values():
            font_program(file_name)

    def font_ref(self, key: str) -> IndirectObject:
        if key not in self._refs:
            self._refs[key] = embed_font(self.writer, self.program(key))
        return self._refs[key]

    def _use_fonts(self, page: PageObject, keys: tuple[str, ...]) -> None:
        fonts = sub_resources(page, "/Font")
        for key in keys:
            fonts[NameObject(key)] = self.font_ref(key)

    def wrap_refs(self) -> tuple[IndirectObject, IndirectObject]:
        """Two content streams shared by every page: « q » and « Q »."""
        if self._wrap is None:
            self._wrap = (add_object(self.writer, stream(b"q\n", compress=False)),
                          add_object(self.writer, stream(b"\nQ\n", compress=False)))
        return self._wrap

    def wrap(self, page: PageObject) -> None:
        """Enclose the page's content in q ... Q so what is appended later starts from a clean state."""
        q, big_q = self.wrap_refs()
        page[NameObject("/Contents")] = ArrayObject([q, *content_refs(self.writer, page), big_q])

    def append(self, page: PageObject, data: bytes) -> None:
        refs = content_refs(self.writer, page)
        refs.append(add_object(self.writer, stream(data)))
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

    def draft_mark(self, page: PageObject, word: str) -> None:
        """« PROJET » / « ONTWERP » across the middle of a page of a draft dossier (the rendered
        documents carry the same mark from their stylesheet; this draws it on the cover and the pièces)."""
        x0, y0, x1, y1 = visible_box(page)
        size = min(96.0, (x1 - x0) * 0.7 / max(len(word), 1) * 1.6)
        # Translucent (PDF/A-2 and later allow transparency), so the page reads through it.
        states = sub_resources(page, "/ExtGState")
        states[NameObject("/DGDraft")] = DictionaryObject({NameObject("/Type"): NameObject("/ExtGState"),
                                                            NameObject("/ca"): FloatObject(0.16),
                                                            NameObject("/CA"): FloatObject(0.16)})
        ops = "q /DGDraft gs 0.78 0 0 rg " + self._text("/DGSans", word, size, (x0 + x1) / 2, (y0 + y1) / 2,
                                                          "center") + "Q\n"
        self._use_fonts(page, ("/DGSans",))
        self.append(page, ops.encode())

    def page_number(self, page: PageObject, text: str) -> None:
        """The dossier's running number, small, centred in the bottom margin (below any footer)."""
        x0, y0, x1, y1 = visible_box(page)
        ops = "q 0.33 g " + self._text("/DGSans", text, 7.0, (x0 + x1) / 2, y0 + 4.2 * MM, "center") + "Q\n"
        self._use_fonts(page, ("/DGSans",))
        self.append(page, ops.encode())
