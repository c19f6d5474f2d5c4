"""Awkward and broken inputs: each gives a dossier, or a DocgenError naming the file and the step."""
from __future__ import annotations

import io
import re
import struct
import subprocess
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, ByteStringObject, DecodedStreamObject, DictionaryObject, NameObject,
                           NumberObject, RectangleObject, TextStringObject)

from docgen.dossier.sources import html_to_text
from docgen.errors import DocgenError

from .conftest import build, copy_example, load, needs_poppler, page_texts, reader

INVOICE = "pieces/F-2023-118.pdf"
QUOTE = "pieces/devis-D-2023-052-signe.pdf"
SCAN = "proofs/avis-de-reception-2026-09-10.jpg"


def _raises(folder: Path, *words: str, **kwargs) -> str:
    # Validation refuses such files too (issue 12, item 17: tests/model/test_exhibit_probing.py);
    # the build's own checks, behind it, are tested on a case validated without opening them.
    from docgen.model.reading import read_case_file
    from docgen.model.validate import validate_data

    from .conftest import AS_OF

    case = validate_data(read_case_file(folder / "case.yaml"), as_of=AS_OF, base_dir=folder,
                         deep_files=False).case_or_raise()
    with pytest.raises(DocgenError) as info:
        build(case, **kwargs)
    message = info.value.message
    for word in words:
        assert word in message, message
    return message


def _piece(dossier, file_name: str):  # noqa: ANN001, ANN202
    return next(p for p in dossier.pieces if p.source.name == file_name)


# ----------------------------------------------------------------------------- PDFs


def test_truncated_pdf(tmp_path):
    folder = copy_example("fr-b2b", tmp_path)
    path = folder / INVOICE
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    message = _raises(folder, "pièce n° 1", INVOICE)
    assert any(step in message for step in ("reading the PDF", "copying the pages", "checking the page content"))


def test_damaged_content_stream(tmp_path):
    folder = copy_example("fr-b2b", tmp_path)
    path = folder / INVOICE
    data = bytearray(path.read_bytes())
    start = data.index(b"stream", data.index(b"/FlateDecode")) + 8
    data[start + 10:start + 60] = b"\x00" * 50                 # same length, garbage deflate data
    path.write_bytes(bytes(data))
    _raises(folder, INVOICE, "pièce n° 1")


def test_not_a_pdf_after_loading(tmp_path):
    folder = copy_example("fr-b2b", tmp_path)
    case = load("", folder)
    (folder / INVOICE).write_bytes(b"<html>not a pdf</html>")
    with pytest.raises(DocgenError, match="F-2023-118.pdf"):
        build(case)


def test_missing_file_after_loading(tmp_path):
    folder = copy_example("fr-b2b", tmp_path)
    case = load("", folder)
    (folder / SCAN).unlink()
    with pytest.raises(DocgenError, match=r"pièce n° 10, file proofs/avis-de-reception-2026-09-10\.jpg: checking the file: file not found"):
        build(case)


def test_password_protected_pdf(tmp_path):
    folder = copy_example("fr-b2b", tmp_path)
    writer = PdfWriter(clone_from=folder / INVOICE)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    writer.write(folder / INVOICE)
    _raises(folder, "pièce n° 1", INVOICE, "decrypting the PDF", "password")


def test_pdf_encrypted_with_an_empty_user_password_is_opened(tmp_path):
    folder = copy_example("fr-b2b", tmp_path)
    writer = PdfWriter(clone_from=folder / INVOICE)
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    writer.write(folder / INVOICE)
    d = build(load("", folder))
    assert not reader(d.pdf).is_encrypted
    assert "Menuiserie Ricordeau" in reader(d.pdf).pages[_piece(d, "F-2023-118.pdf").first_page - 1].extract_text()


def _signed_copy(source: Path) -> bytes:
    """A PDF with a visible signature field (appearance, /ByteRange, /SigFlags) like a signing tool's."""
    writer = PdfWriter(clone_from=source)
    page = writer.pages[0]
    appearance = DecodedStreamObject()
    appearance.set_data(b"0.2 0.4 0.8 rg 0 0 120 30 re f")
    appearance.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                       NameObject("/BBox"): RectangleObject([0, 0, 120, 30])})
    signature = DictionaryObject({NameObject("/Type"): NameObject("/Sig"), NameObject("/Filter"): NameObject("/Adobe.PPKLite"),
                                  NameObject("/ByteRange"): ArrayObject([NumberObject(0), NumberObject(10),
                                                                         NumberObject(20), NumberObject(30)]),
                                  NameObject("/Contents"): ByteStringObject(b"\0" * 64)})
    widget = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Sig"), NameObject("/T"): TextStringObject("Signature1"),
        NameObject("/Rect"): RectangleObject([400, 100, 520, 130]), NameObject("/F"): NumberObject(4),
        NameObject("/V"): writer._add_object(signature),
        NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(appearance)})})
    widget_ref = writer._add_object(widget)
    page[NameObject("/Annots")] = ArrayObject([widget_ref])
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): ArrayObject([widget_ref]), NameObject("/SigFlags"): NumberObject(3)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@needs_poppler
def test_signed_pdf_is_attached_intact_and_stamped_flattened(tmp_path):
    folder = copy_example("fr-b2b", tmp_path)
    signed = _signed_copy(folder / QUOTE)
    (folder / QUOTE).write_bytes(signed)
    d = build(load("", folder))
    piece = _piece(d, "devis-D-2023-052-signe.pdf")
    assert piece.signed
    original = next(a for a in d.attachments if a.name.startswith(f"Piece_{piece.number:02d}_"))
    assert original.data == signed and original.relationship == "Source" and "sign" in original.description.lower()
    pdf = reader(d.pdf)
    page = pdf.pages[piece.first_page - 1]
    assert "/Annots" not in page and "/AcroForm" not in pdf.trailer["/Root"]
    assert any(str(k).startswith("/DGAnnot") for k in page["/Resources"]["/XObject"])   # appearance painted
    assert f"Pièce n° {piece.number}" in page_texts(piece.pdf, tmp_path)[0]
    assert "/ByteRange" not in piece.pdf.decode("latin-1")


@needs_poppler
def test_rotated_page_is_turned_and_stamped_top_right(tmp_path):
    folder = copy_example("fr-b2b", tmp_path)
    writer = PdfWriter(clone_from=folder / QUOTE)
    writer.pages[0].rotate(90)
    writer.write(folder / QUOTE)
    d = build(load("", folder))
    piece = _piece(d, "devis-D-2023-052-signe.pdf")
    page = reader(d.pdf).pages[piece.first_page - 1]
    assert int(page.get("/Rotate", 0)) == 0
    assert float(page.mediabox.width) > float(page.mediabox.height)
    (tmp_path / "p.pdf").write_bytes(piece.pdf)
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(tmp_path / "p.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    word = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">Pièce</word>', html)
    assert word, html[:500]
    x_min, y_min = float(word.group(1)), float(word.group(2))
    assert y_min < 20 and x_min > float(page.mediabox.width) - 90      # top right of the page as displayed


# ----------------------------------------------------------------------------- images


def test_png_with_alpha_is_flattened_on_white(tmp_path):
    folder = copy_example("fr-b2c", tmp_path)
    target = folder / "proofs/avis-de-reception-2025-09-04.png"
    image = Image.new("RGBA", (800, 600), (255, 0, 0, 0))             # transparent red ...
    image.paste((0, 0, 255, 255), (400, 0, 800, 600))                 # ... and opaque blue
    image.save(target)
    d = build(load("", folder))
    piece = _piece(d, target.name)
    page = reader(d.pdf).pages[piece.first_page - 1]
    xobject = next(x.get_object() for x in page["/Resources"]["/XObject"].values()
                   if x.get_object().get("/Subtype") == "/Image")
    assert "/SMask" not in xobject and xobject["/ColorSpace"] == "/DeviceRGB"
    width = int(xobject["/Width"])
    pixels = xobject.get_data()
    assert pixels[:3] == b"\xff\xff\xff"                              # left: white, not red nor black
    assert pixels[(width - 1) * 3:(width - 1) * 3 + 3] == b"\x00\x00\xff"
    assert sorted((round(float(page.mediabox.width)), round(float(page.mediabox.height)))) == [595, 842]


def _png_header_only(width: int, height: int) -> bytes:
    """A tiny file announcing a huge image: what a decompression bomb looks like to a decoder."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("size", [(12_000, 12_000), (40_000, 40_000)])
def test_png_bomb_is_refused(tmp_path, size):
    folder = copy_example("fr-b2c", tmp_path)
    (folder / "proofs/avis-de-reception-2025-09-04.png").write_bytes(_png_header_only(*size))
    _raises(folder, "avis-de-reception-2025-09-04.png", "opening the image", "bomb")


def test_image_pixel_limit_is_a_parameter(tmp_path):
    folder = copy_example("fr-b2c", tmp_path)
    _raises(folder, "avis-de-reception-2025-09-04.png", "megapixels", max_image_pixels=100_000)


def test_truncated_jpeg(tmp_path):
    folder = copy_example("fr-b2b", tmp_path)
    path = folder / SCAN
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    _raises(folder, SCAN, "pièce n° 10")


def test_large_and_rotated_jpeg_is_downscaled_upright(tmp_path):
    folder = copy_example("fr-b2b", tmp_path)
    image = Image.new("RGB", (4000, 3000), (250, 250, 250))           # landscape pixels ...
    exif = Image.Exif()
    exif[0x0112] = 6                                                  # ... shown rotated: portrait
    image.save(folder / SCAN, "JPEG", exif=exif, quality=80)
    d = build(load("", folder))
    page = reader(d.pdf).pages[_piece(d, "avis-de-reception-2026-09-10.jpg").first_page - 1]
    assert float(page.mediabox.height) > float(page.mediabox.width)
    xobject = next(x.get_object() for x in page["/Resources"]["/XObject"].values()
                   if x.get_object().get("/Subtype") == "/Image")
    assert int(xobject["/Height"]) > int(xobject["/Width"])
    assert int(xobject["/Height"]) <= round((297 - 33) / 25.4 * 200 * 1.01)   # about 200 dpi


# ----------------------------------------------------------------------------- e-mails


def test_html_body_is_text_only():
    markup = ("<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
              "<p>Bonjour <b>Madame</b>,</p><img src='http://example.invalid/track.png'>"
              "<ul><li>facture 1</li><li>facture 2</li></ul></body></html>")
    text = html_to_text(markup)
    assert "Bonjour Madame," in text and "• facture 2" in text
    assert "alert" not in text and "color" not in text and "example.invalid" not in text


@needs_poppler
def test_html_only_email(tmp_path):
    folder = copy_example("fr-b2c", tmp_path)
    (folder / "proofs/relance-2025-06-16.eml").write_bytes(
        b"From: Atelier <a@example.org>\r\nTo: b@example.org\r\nDate: Mon, 16 Jun 2025 09:00:00 +0200\r\n"
        b"Subject: =?utf-8?q?Relance_facture_impay=C3=A9e?=\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n"
        b"<p>Madame, votre facture <b>FA-2025-0093</b> reste impay\xc3\xa9e.</p>"
        b"<script>document.write('pirate')</script><img src=\"http://example.invalid/pixel.gif\">\r\n")
    d = build(load("", folder))
    piece = _piece(d, "relance-2025-06-16.eml")
    text = " ".join(page_texts(piece.pdf, tmp_path)[0].split())
    assert "Relance facture impayée" in text and "votre facture FA-2025-0093 reste impayée" in text
    assert "pirate" not in text


# ----------------------------------------------------------------------------- a long scan


def test_300_page_scan(tmp_path):
    folder = copy_example("fr-b2b", tmp_path)
    picture = io.BytesIO()
    Image.new("L", (620, 877), 235).save(picture, "JPEG", quality=60)
    jpeg = picture.getvalue()
    writer = PdfWriter()
    for _ in range(300):
        page = writer.add_blank_page(595.28, 841.89)
        image = writer._add_object(_jpeg_xobject(jpeg))
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): image})})
        content = DecodedStreamObject()
        content.set_data(b"q 595.28 0 0 841.89 0 0 cm /Im0 Do Q")
        page[NameObject("/Contents")] = writer._add_object(content)
    writer.write(folder / QUOTE)
    start = time.perf_counter()
    d = build(load("", folder))
    elapsed = time.perf_counter() - start
    piece = _piece(d, "devis-D-2023-052-signe.pdf")
    assert piece.pages == 300 and len(PdfReader(io.BytesIO(piece.pdf)).pages) == 300
    assert d.page_count == len(reader(d.pdf).pages) > 300
    last = reader(d.pdf).pages[piece.last_page - 1].extract_text()
    assert f"{piece.number}-300/300" in last and f"{piece.last_page} / {d.page_count}" in last
    assert elapsed < 30


def _jpeg_xobject(data: bytes):  # noqa: ANN202
    from pypdf.generic import StreamObject

    stream = StreamObject()
    stream._data = data
    stream.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                   NameObject("/Width"): NumberObject(620), NameObject("/Height"): NumberObject(877),
                   NameObject("/ColorSpace"): NameObject("/DeviceGray"), NameObject("/BitsPerComponent"): NumberObject(8),
                   NameObject("/Filter"): NameObject("/DCTDecode")})
    return stream


# ----------------------------------------------------------------------------- other refusals and warnings


def test_font_not_embedded_is_reported(tmp_path):
    folder = copy_example("fr-b2b", tmp_path)
    writer = PdfWriter()
    page = writer.add_blank_page(595.28, 841.89)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/F1"): writer._add_object(font)})})
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf 72 700 Td (Conditions generales) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(content)
    writer.write(folder / "pieces/cgv-menuiserie-ricordeau-2023.pdf")
    d = build(load("", folder))
    assert any("Helvetica" in w and "not embedded" in w and "cgv-menuiserie" in w for w in d.warnings), d.warnings


def test_unknown_document_and_bad_pixel_limit(dossier_of):
    case = load("fr-b2b")
    with pytest.raises(DocgenError, match="mise_en_demeure, injonction_de_payer"):
        build(case, "relance")
    with pytest.raises(DocgenError, match="max_image_pixels"):
        build(case, max_image_pixels=0)


def test_malformed_email_is_shown_as_sent():
    from docgen.dossier.sources import eml_context

    raw = (b"From: =?bogus?q?x?= <a@b>\r\nTo: broken <<<\r\nDate: not a date\r\nSubject: Relance\r\n"
           b"Content-Type: text/plain; charset=x-unknown\r\n\r\nBonjour\x00 \x07Madame\r\n")
    context = eml_context(raw, file_name="x.eml", attached_as="Piece_01_x_original.eml", sha256="0" * 64,
                          language="fr")
    headers = dict(context["headers"])
    assert headers["À"] == "broken <<<" and headers["Date"] == "not a date" and headers["Objet"] == "Relance"
    assert context["body"] == "Bonjour Madame"
