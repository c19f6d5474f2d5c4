"""The font the stamps are written in: a WinAnsi subset of the bundled Liberation Sans.

Stamps must be real, extractable text in a PDF/A file without a layout engine, so the font is
subset (fontTools), measured for centring, and embedded once per output file as a simple
TrueType font with a ToUnicode map. The subset is made once per version of the font file and of
fontTools, and kept in docgen's private cache folder (``model/cache.py``): importing fontTools'
subsetter and subsetting took a quarter of a second of every cold ``docgen dossier``.
"""
from __future__ import annotations

import hashlib
import io
import unicodedata
from dataclasses import dataclass
from functools import cache

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, IndirectObject, NameObject, NumberObject

from ..model.cache import code_print, remembered
from ..resources import templates_dir
from .pdfobjects import add_object, stream


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
    """A subset of a bundled font holding the WinAnsi characters, with its metrics (cached in the
    process, and on disk keyed by the font file's SHA-256)."""
    source = (templates_dir() / "fonts" / file_name).read_bytes()
    return remembered("stamp-fonts", _subsetter_print(), f"{hashlib.sha256(source).hexdigest()}-{file_name}.pickle",
                      lambda: _subset(source, file_name), accept=lambda value: isinstance(value, FontProgram))


@cache
def _subsetter_print() -> str:
    """What shapes a subset besides the font: fontTools' version and this module's code."""
    import fontTools  # lazy: only its version (the package's root is small; the subsetter is not)

    return code_print(__file__, fontTools.version)


def _subset(source: bytes, file_name: str) -> FontProgram:
    # lazy: fontTools' subsetter takes a fifth of a second to import, and the cache spares it
    from fontTools import subset

    options = subset.Options()
    options.layout_features = []
    options.name_IDs = []
    options.hinting = False
    options.notdef_outline = True
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "DSIG", "FFTM"]
    font = subset.load_font(io.BytesIO(source), options)
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


def embed_font(writer: PdfWriter, p: FontProgram) -> IndirectObject:
    """The font dictionary of ``p`` added to ``writer``, with its file, descriptor and ToUnicode map."""
    file2 = add_object(writer, stream(p.data, {"/Length1": NumberObject(len(p.data))}))
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
        NameObject("/FontDescriptor"): add_object(writer, descriptor),
        NameObject("/ToUnicode"): add_object(writer, stream(_to_unicode_cmap()))})
    return add_object(writer, font)
