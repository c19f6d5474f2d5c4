"""Turning each pièce's file into PDF pages: input PDFs, JPEG/PNG scans, e-mails (.eml).

``prepare`` opens and checks a file and says how many pages it will take (cheap: an image is
not decoded yet); ``add_pages`` puts those pages into the dossier's writer, one pièce at a
time, so a long run of scans never holds more than one decoded image.
"""
from __future__ import annotations

import email
import email.policy
import hashlib
import io
import struct
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject

from ..errors import DocgenError
from .pdfops import MM, add_object, check_streams, missing_fonts
from .pieces import PieceSpec

A4 = (595.2756, 841.8898)
IMAGE_DPI = 200                       # scans are kept at about 200 dpi once placed on the page
DEFAULT_MAX_IMAGE_PIXELS = 64_000_000  # an A4 page scanned at 600 dpi is 35 megapixels
# Margins of a scan's page: room for the pièce stamp at the top and the page number at the bottom.
IMAGE_MARGINS = {"top": 20 * MM, "bottom": 13 * MM, "side": 12 * MM}
EML_BODY_LIMIT = 60_000               # characters of an e-mail body reproduced on the page


@dataclass
class Prepared:
    spec: PieceSpec
    kind: Literal["pdf", "image", "eml"]
    pages: int
    sha256: str
    original: bytes | None = field(default=None, repr=False)   # kept when it is attached to the dossier
    reader: PdfReader | None = field(default=None, repr=False)
    signed: bool = False
    mime: str = "application/pdf"
    warnings: list[str] = field(default_factory=list)


def where(spec: PieceSpec) -> str:
    return f"pièce n° {spec.number}, file {spec.relative}"


def _fail(spec: PieceSpec, step: str, reason: str) -> DocgenError:
    return DocgenError(f"{where(spec)}: {step}: {reason}")


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}{': ' + text[:160] if text else ''}"


def prepare(spec: PieceSpec, *, roots: tuple[Path, ...], language: str, max_image_pixels: int) -> Prepared:
    suffix = spec.path.suffix.lower()
    try:
        data = spec.path.read_bytes()
    except OSError as exc:
        raise _fail(spec, "reading the file", exc.strerror or _reason(exc)) from None
    digest = hashlib.sha256(data).hexdigest()
    if suffix == ".pdf":
        return _prepare_pdf(spec, data, digest)
    if suffix in (".jpg", ".jpeg", ".png"):
        _open_image(spec, max_image_pixels).close()
        return Prepared(spec, "image", 1, digest, original=data if spec.kind == "invoice" else None,
                        mime="image/png" if suffix == ".png" else "image/jpeg")
    if suffix == ".eml":
        return _prepare_eml(spec, data, digest, roots, language)
    raise _fail(spec, "reading the file", f"unsupported file type {suffix!r}")


# ----------------------------------------------------------------------------- PDF


def _is_signed(data: bytes, reader: PdfReader) -> bool:
    if b"/ByteRange" in data:
        return True
    try:
        form = reader.trailer["/Root"].get_object().get("/AcroForm")
        return bool(form is not None and int(form.get_object().get("/SigFlags", 0) or 0) & 1)
    except Exception:  # noqa: BLE001 - a damaged form dictionary is not a signature
        return False


def _prepare_pdf(spec: PieceSpec, data: bytes, digest: str) -> Prepared:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception as exc:  # noqa: BLE001 - any parser failure is a damaged file for the user
        raise _fail(spec, "reading the PDF", f"the file is damaged or not a PDF ({_reason(exc)})") from None
    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")
        except Exception as exc:  # noqa: BLE001 - unsupported encryption, missing crypto backend
            raise _fail(spec, "decrypting the PDF", f"encrypted with an unsupported method ({_reason(exc)}); "
                        "save an unprotected copy") from None
        if not ok:
            raise _fail(spec, "decrypting the PDF", "the PDF is password-protected; save a copy without "
                        "password (a court dossier cannot carry an encrypted pièce)")
    try:
        pages = len(reader.pages)
    except Exception as exc:  # noqa: BLE001
        raise _fail(spec, "reading the PDF", f"the page tree is damaged ({_reason(exc)})") from None
    if pages == 0:
        raise _fail(spec, "reading the PDF", "the PDF has no page")
    missing: set[str] = set()
    for number, page in enumerate(reader.pages, 1):
        try:
            check_streams(page)
            missing |= missing_fonts(page)
        except Exception as exc:  # noqa: BLE001 - damaged objects or streams
            raise _fail(spec, f"checking page {number}", f"the PDF is damaged ({_reason(exc)})") from None
    notes = []
    if missing:
        notes.append(f"{where(spec)} uses fonts that are not embedded ({', '.join(sorted(missing)[:5])}): the "
                     "dossier is not PDF/A-conformant until that file is replaced by one with embedded fonts "
                     "(print it to PDF again, or scan it)")
    signed = _is_signed(data, reader)
    keep = data if (signed or spec.kind == "invoice") else None
    return Prepared(spec, "pdf", pages, digest, original=keep, reader=reader, signed=signed, warnings=notes)


# ----------------------------------------------------------------------------- images


def _open_image(spec: PieceSpec, max_pixels: int):  # noqa: ANN202 - PIL.Image.Image
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(spec.path)
        except Image.DecompressionBombError as exc:
            raise _fail(spec, "opening the image", f"refused as a decompression bomb ({exc})") from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            raise _fail(spec, "opening the image", f"the image is damaged or unreadable ({_reason(exc)})") from None
    width, height = image.size
    if width * height > max_pixels:
        image.close()
        raise _fail(spec, "opening the image",
                    f"{width} × {height} pixels ({width * height / 1e6:.0f} megapixels) is over the limit of "
                    f"{max_pixels / 1e6:.0f} megapixels: refused as a possible decompression bomb; "
                    "scan the document again at 200-300 dpi")
    if image.format not in ("JPEG", "PNG") or width < 1 or height < 1:
        image.close()
        raise _fail(spec, "opening the image", f"not a JPEG or PNG image ({image.format})")
    return image


def _flatten_alpha(image):  # noqa: ANN001, ANN202
    from PIL import Image

    gray = image.mode in ("L", "LA", "1", "I", "I;16", "F")
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        image = image.convert("I").point(lambda v: v / 256).convert("L")   # 16-bit scans to 8-bit
    has_alpha = "A" in image.getbands() or "transparency" in image.info
    if has_alpha:
        rgba = image.convert("LA" if gray else "RGBA")
        background = Image.new("L" if gray else "RGB", rgba.size, 255 if gray else (255, 255, 255))
        background.paste(rgba.convert("L" if gray else "RGB"), mask=rgba.getchannel("A"))
        return background
    if image.mode not in ("1", "L", "RGB"):
        return image.convert("L" if gray else "RGB")
    return image


def _png_stream(path: Path) -> tuple[bytes, str, str, int, int] | None:
    """The compressed pixels of a plain PNG (8-bit grey or RGB, not interlaced, no transparency),
    usable as they are in a PDF (Flate with PNG predictors); None for any other PNG."""
    data = path.read_bytes()
    pos, idat, header, transparent = 8, [], None, False
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body[:13])
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"tRNS":
            transparent = True
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None or not idat or transparent:
        return None
    _, _, depth, color, _, _, interlace = header
    if depth != 8 or interlace or color not in (0, 2):
        return None
    return b"".join(idat), "/FlateDecode", "L" if color == 0 else "RGB", 8, 1 if color == 0 else 3


@contextmanager
def _strict_decoding() -> Iterator[None]:
    """WeasyPrint sets Pillow's global LOAD_TRUNCATED_IMAGES (it pads a truncated image with grey);
    a pièce must be whole, so it is switched off while a scan is decoded."""
    from PIL import ImageFile

    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def image_page(writer: PdfWriter, prepared: Prepared, max_pixels: int):  # noqa: ANN201 - PageObject
    """An A4 page (portrait or landscape like the image) holding the scan, fitted within the margins,
    at about ``IMAGE_DPI`` once placed; transparency flattened on white."""
    with _strict_decoding():
        return _image_page(writer, prepared, max_pixels)


def _image_page(writer: PdfWriter, prepared: Prepared, max_pixels: int):  # noqa: ANN202
    from PIL import Image, ImageOps

    spec = prepared.spec
    image = _open_image(spec, max_pixels)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            source_format = image.format
            orientation = image.getexif().get(0x0112, 1) if source_format == "JPEG" else 1
            w, h = image.size
            if orientation in (5, 6, 7, 8):
                w, h = h, w
            page_w, page_h = A4 if h >= w else (A4[1], A4[0])
            box_w = page_w - 2 * IMAGE_MARGINS["side"]
            box_h = page_h - IMAGE_MARGINS["top"] - IMAGE_MARGINS["bottom"]
            scale = min(box_w / w, box_h / h)                    # points per pixel
            draw_w, draw_h = w * scale, h * scale
            target = (max(1, round(draw_w / 72 * IMAGE_DPI)), max(1, round(draw_h / 72 * IMAGE_DPI)))
            too_big = w > target[0] * 1.15
            passthrough = (source_format == "JPEG" and orientation == 1 and not too_big
                           and image.mode in ("L", "RGB"))
            png = _png_stream(spec.path) if source_format == "PNG" and not too_big else None
            decode_parms = None
            if png is not None:
                image.verify()                        # chunk checksums: a damaged file fails here
                data, filt, mode, bits, colors = png
                decode_parms = DictionaryObject({
                    NameObject("/Predictor"): NumberObject(15), NameObject("/Colors"): NumberObject(colors),
                    NameObject("/BitsPerComponent"): NumberObject(8), NameObject("/Columns"): NumberObject(w)})
            elif passthrough:
                # decoded (at 1/8 scale: the whole file is still read) only to prove it is whole
                image.draft(image.mode, (max(1, w // 8), max(1, h // 8)))
                image.load()
                data, filt = spec.path.read_bytes(), "/DCTDecode"
                mode, bits = image.mode, 8
            else:
                if source_format == "JPEG" and too_big:
                    image.draft(image.mode if image.mode in ("L", "RGB") else "RGB",
                                (target[0], target[1]) if orientation == 1 else (target[1], target[0]))
                image.load()
                if orientation != 1:
                    image = ImageOps.exif_transpose(image)
                image = _flatten_alpha(image)
                if image.size[0] > target[0] * 1.15:
                    if image.mode == "1":
                        image = image.convert("L")
                    image = image.resize(target, Image.Resampling.LANCZOS,
                                         reducing_gap=2.0)
                mode = image.mode
                if source_format == "JPEG":
                    buffer = io.BytesIO()
                    image.save(buffer, "JPEG", quality=85, optimize=False, progressive=False)
                    data, filt, bits = buffer.getvalue(), "/DCTDecode", 8
                else:
                    bits = 1 if mode == "1" else 8
                    data, filt = zlib.compress(image.tobytes(), 6), "/FlateDecode"
                w, h = image.size
    except DocgenError:
        raise
    except Exception as exc:  # noqa: BLE001 - truncated data, unsupported mode ...
        raise _fail(spec, "converting the image", f"the image cannot be decoded ({_reason(exc)})") from None
    finally:
        image.close()
    xobject = StreamObject()
    xobject._data = data  # noqa: SLF001 - already encoded
    xobject.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                    NameObject("/Width"): NumberObject(w), NameObject("/Height"): NumberObject(h),
                    NameObject("/ColorSpace"): NameObject("/DeviceGray" if mode in ("1", "L") else "/DeviceRGB"),
                    NameObject("/BitsPerComponent"): NumberObject(bits), NameObject("/Filter"): NameObject(filt)})
    if decode_parms is not None:
        xobject[NameObject("/DecodeParms")] = decode_parms
    image_ref = add_object(writer, xobject)
    x = (page_w - draw_w) / 2
    y = page_h - IMAGE_MARGINS["top"] - draw_h
    content = StreamObject()
    content._data = f"q {draw_w:.3f} 0 0 {draw_h:.3f} {x:.3f} {y:.3f} cm /DGScan Do Q\n".encode()  # noqa: SLF001
    page = writer.add_blank_page(page_w, page_h)
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/XObject"): DictionaryObject({NameObject("/DGScan"): image_ref})})
    page[NameObject("/Contents")] = ArrayObject([add_object(writer, content)])
    return page


# ----------------------------------------------------------------------------- e-mails

_EML_LABELS = {
    "fr": {"heading": "Courriel", "from": "De", "to": "À", "cc": "Cc", "date": "Date", "subject": "Objet",
           "attachments": "Pièces jointes au courriel", "none": "aucune", "body": "Message",
           "empty": "(message sans texte)", "html_note": "Texte extrait de la version HTML du message "
           "(mise en forme, images et liens non reproduits).",
           "truncated": "[… texte tronqué : le message complet figure dans le fichier original joint au dossier]",
           "source": "Reproduction lisible du message électronique « {file} » ({size}, SHA-256 {sha}). "
                     "Le fichier original est joint au présent dossier sous le nom « {attached} ».",
           "bytes": "octets", "unnamed": "(sans nom)"},
    "nl": {"heading": "E-mail", "from": "Van", "to": "Aan", "cc": "Cc", "date": "Datum", "subject": "Onderwerp",
           "attachments": "Bijlagen bij de e-mail", "none": "geen", "body": "Bericht",
           "empty": "(bericht zonder tekst)", "html_note": "Tekst overgenomen uit de HTML-versie van het bericht "
           "(opmaak, afbeeldingen en links niet weergegeven).",
           "truncated": "[… tekst ingekort: het volledige bericht staat in het originele bestand bij het dossier]",
           "source": "Leesbare weergave van het elektronisch bericht « {file} » ({size}, SHA-256 {sha}). "
                     "Het originele bestand is bij dit dossier gevoegd onder de naam « {attached} ».",
           "bytes": "bytes", "unnamed": "(zonder naam)"},
}


class _TextOfHtml(HTMLParser):
    """Visible text of an HTML e-mail body: no rendering, no fetching, scripts and styles skipped."""

    BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "hr", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: ANN001
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(" ".join(data.split(" ")) if data.strip() else (" " if data else ""))

    def text(self) -> str:
        lines = [" ".join(line.split()) for line in "".join(self.parts).splitlines()]
        out, blank = [], 0
        for line in lines:
            blank = blank + 1 if not line else 0
            if blank <= 1:
                out.append(line)
        return "\n".join(out).strip()


def html_to_text(markup: str) -> str:
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    return parser.text()


def _part_text(part) -> str:  # noqa: ANN001
    try:
        return part.get_content()
    except Exception:  # noqa: BLE001 - unknown charset, bad transfer encoding
        payload = part.get_payload(decode=True) or b""
        try:
            return payload.decode(part.get_content_charset() or "utf-8", errors="replace")
        except LookupError:                                   # a charset Python does not know
            return payload.decode("utf-8", errors="replace")


_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10))


def _clean(text: str) -> str:
    """No control characters (they have no place in the page and upset the HTML parser)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL)


def _size(n: int, unit: str) -> str:
    if n < 1024:
        return f"{n} {unit}"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} Kio".replace(".", ",") if unit == "octets" else f"{n / 1024:.1f} KiB"
    return f"{n / 1024 / 1024:.1f} Mio".replace(".", ",") if unit == "octets" else f"{n / 1024 / 1024:.1f} MiB"


def eml_context(data: bytes, *, file_name: str, attached_as: str, sha256: str, language: str) -> dict:
    L = _EML_LABELS[language]
    message = email.message_from_bytes(data, policy=email.policy.default)

    def header(name: str) -> str:
        try:
            values = message.get_all(name) or []
            if any(getattr(v, "defects", None) for v in values):       # show what was sent, not a guess
                raise ValueError("defective header")
            return _clean(", ".join(str(v) for v in values))
        except Exception:  # noqa: BLE001 - a malformed header is shown raw
            return _clean(", ".join(" ".join(str(v).split()) for k, v in message.raw_items()
                                    if k.lower() == name.lower()))

    body, from_html = "", False
    part = message.get_body(preferencelist=("plain", "html"))
    if part is not None:
        text = _part_text(part)
        if part.get_content_subtype() == "html":
            text, from_html = html_to_text(text), True
        body = _clean(text).strip("\n")
    truncated = len(body) > EML_BODY_LIMIT
    if truncated:
        body = body[:EML_BODY_LIMIT]
    attachments = []
    for item in message.iter_attachments():
        try:
            payload = item.get_payload(decode=True)
            size = len(payload) if isinstance(payload, bytes) else len(item.as_bytes())
        except Exception:  # noqa: BLE001
            size = 0
        attachments.append({"name": _clean(item.get_filename() or L["unnamed"]), "type": item.get_content_type(),
                            "size": _size(size, L["bytes"])})
    return {
        "lang": language, "L": L,
        "headers": [(L[k], header(h)) for k, h in (("from", "From"), ("to", "To"), ("cc", "Cc"),
                                                   ("date", "Date"), ("subject", "Subject")) if header(h)],
        "subject": header("Subject"), "body": body, "from_html": from_html, "truncated": truncated,
        "attachments": attachments,
        "source": L["source"].format(file=file_name, size=_size(len(data), L["bytes"]), sha=sha256,
                                     attached=attached_as),
    }


def original_name(spec: PieceSpec) -> str:
    """Name under which a pièce's original file is attached to the dossier."""
    return f"Piece_{spec.number:02d}_{spec.label}_original{spec.path.suffix.lower()}"


def _prepare_eml(spec: PieceSpec, data: bytes, digest: str, roots: tuple[Path, ...], language: str) -> Prepared:
    from ..render.jinja import environment
    from ..render.pdf import html_to_pdf

    try:
        context = eml_context(data, file_name=spec.path.name, attached_as=original_name(spec),
                              sha256=digest, language=language)
    except Exception as exc:  # noqa: BLE001
        raise _fail(spec, "reading the e-mail", f"the message cannot be parsed ({_reason(exc)})") from None
    try:
        markup = environment(roots).get_template("base/eml.html.j2").render(context)
        pdf = html_to_pdf(markup, roots, identity=f"eml|{digest}|{language}|{spec.number}")
        reader = PdfReader(io.BytesIO(pdf))
        pages = len(reader.pages)
    except Exception as exc:  # noqa: BLE001
        raise _fail(spec, "rendering the e-mail", _reason(exc)) from None
    return Prepared(spec, "eml", pages, digest, original=data, reader=reader, mime="message/rfc822")


