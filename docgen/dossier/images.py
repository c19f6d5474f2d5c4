"""A JPEG or PNG scan as an A4 page: the image fitted within margins that leave room for the
stamp and the page number, at about ``IMAGE_DPI`` once placed.

Scans are the heaviest pièces: where the file can go into the PDF as it is (plain JPEG, plain
PNG) it is copied, not re-encoded, and only one image is ever decoded at a time. The pixel limit
guards against decompression bombs before any decoding.
"""
from __future__ import annotations

import io
import struct
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

from ..errors import DocgenError
from .pdfobjects import MM, add_object, encoded_stream
from .pieces import PieceSpec
from .reporting import fail, reason

A4 = (595.2756, 841.8898)
IMAGE_DPI = 200                       # scans are kept at about 200 dpi once placed on the page
DEFAULT_MAX_IMAGE_PIXELS = 64_000_000  # an A4 page scanned at 600 dpi is 35 megapixels
# Margins of a scan's page: room for the pièce stamp at the top and the page number at the bottom.
IMAGE_MARGINS = {"top": 20 * MM, "bottom": 13 * MM, "side": 12 * MM}


def open_image(spec: PieceSpec, max_pixels: int):  # noqa: ANN202 - PIL.Image.Image
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(spec.path)
        except Image.DecompressionBombError as exc:
            raise fail(spec, "opening the image", f"refused as a decompression bomb ({exc})") from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            raise fail(spec, "opening the image", f"the image is damaged or unreadable ({reason(exc)})") from None
    width, height = image.size
    if width * height > max_pixels:
        image.close()
        raise fail(spec, "opening the image",
                    f"{width} × {height} pixels ({width * height / 1e6:.0f} megapixels) is over the limit of "
                    f"{max_pixels / 1e6:.0f} megapixels: refused as a possible decompression bomb; "
                    "scan the document again at 200-300 dpi")
    if image.format not in ("JPEG", "PNG") or width < 1 or height < 1:
        image.close()
        raise fail(spec, "opening the image", f"not a JPEG or PNG image ({image.format})")
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


def image_page(writer: PdfWriter, spec: PieceSpec, max_pixels: int):  # noqa: ANN201 - PageObject
    """An A4 page (portrait or landscape like the image) holding the scan, fitted within the margins,
    at about ``IMAGE_DPI`` once placed; transparency flattened on white."""
    with _strict_decoding():
        return _image_page(writer, spec, max_pixels)


def _image_page(writer: PdfWriter, spec: PieceSpec, max_pixels: int):  # noqa: ANN202
    from PIL import Image, ImageOps

    image = open_image(spec, max_pixels)
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
        raise fail(spec, "converting the image", f"the image cannot be decoded ({reason(exc)})") from None
    finally:
        image.close()
    xobject = encoded_stream(data, {
        "/Type": NameObject("/XObject"), "/Subtype": NameObject("/Image"),
        "/Width": NumberObject(w), "/Height": NumberObject(h),
        "/ColorSpace": NameObject("/DeviceGray" if mode in ("1", "L") else "/DeviceRGB"),
        "/BitsPerComponent": NumberObject(bits), "/Filter": NameObject(filt)})
    if decode_parms is not None:
        xobject[NameObject("/DecodeParms")] = decode_parms
    image_ref = add_object(writer, xobject)
    x = (page_w - draw_w) / 2
    y = page_h - IMAGE_MARGINS["top"] - draw_h
    content = encoded_stream(f"q {draw_w:.3f} 0 0 {draw_h:.3f} {x:.3f} {y:.3f} cm /DGScan Do Q\n".encode())
    page = writer.add_blank_page(page_w, page_h)
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/XObject"): DictionaryObject({NameObject("/DGScan"): image_ref})})
    page[NameObject("/Contents")] = ArrayObject([add_object(writer, content)])
    return page
