"""A draft DOCX (rendered with --force despite error findings) carries the draft mark as Word's
watermark: in the header, so on every page, in the document's language; a finished one has none.

LibreOffice draws the WordArt as outlines, not text, so the mark is found on the converted pages
by its ink: each page of the draft differs from the same DOCX without the watermark across the
middle of the page, and nowhere near the letterhead or the footer.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from docgen.api import load_case
from docgen.render.docx_fonts import bundled_fonts
from docgen.render.draft import DRAFT_WORD
from docgen.render.engine import render_document

AS_OF = date(2026, 10, 15)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DPI = 30
NEEDS_TOOLS = pytest.mark.skipif(not all(shutil.which(t) for t in ("soffice", "pdftoppm", "pdftotext")),
                                 reason="LibreOffice and poppler-utils are needed")
# (example, document, language): a French and a Dutch letter the examples refuse without --force.
DRAFTS = [("be-b2b", "relance", "fr"), ("be-b2c", "relance", "nl")]
WATERMARK = re.compile(rb'<v:shape id="PowerPlusWaterMarkObject\d+"[^>]*>.*?</v:shape>', re.DOTALL)


def _rendered(example: str, doc: str):  # noqa: ANN202
    case = load_case(EXAMPLES / example / "case.yaml", as_of=AS_OF)
    return render_document(case, doc, AS_OF, "docx", force=True, accept_unconfirmed=True)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _without_watermark(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename.startswith("word/header"):
                content = WATERMARK.sub(b"", content)
            zout.writestr(item, content)
    return out.getvalue()


@pytest.mark.parametrize("example, doc, language", DRAFTS)
def test_a_draft_docx_has_the_watermark_in_its_header(example, doc, language):
    rendered = _rendered(example, doc)
    assert rendered.draft
    parts = _parts(rendered.data)
    headers = [n for n in parts if re.fullmatch(r"word/header\d+\.xml", n)]
    assert headers
    for name in headers:
        xml = parts[name]
        shapes = WATERMARK.findall(xml)
        assert len(shapes) == 1, name
        assert f'string="{DRAFT_WORD[language]}"'.encode() in shapes[0]
        assert b"rotation:315" in shapes[0] and b'fillcolor="silver"' in shapes[0]
        assert b"z-index:-" in shapes[0]                           # behind the text
    # Every header the body's sections use is one of those marked.
    body = parts["word/document.xml"].decode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    used = set(re.findall(r'<w:headerReference [^>]*r:id="(rId\d+)"', body))
    targets = {rid: target for rid, target in re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels)}
    targets.update({rid: target for target, rid in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
    assert used and {f"word/{targets[r]}" for r in used} <= set(headers)
    assert b"PowerPlusWaterMarkObject" not in parts["word/document.xml"]


def test_a_finished_docx_has_no_watermark():
    rendered = _rendered("fr-b2b", "mise_en_demeure")
    assert not rendered.draft
    parts = _parts(rendered.data)
    assert parts and not [n for n, xml in parts.items() if b"PowerPlusWaterMarkObject" in xml or b"v:textpath" in xml]


@NEEDS_TOOLS
def test_libreoffice_draws_the_mark_on_every_page_of_a_draft(tmp_path):
    files = []
    for example, doc, language in DRAFTS:
        data = _rendered(example, doc).data
        for stem, content in ((f"{example}_{doc}", data), (f"{example}_{doc}_plain", _without_watermark(data))):
            (tmp_path / f"{stem}.docx").write_bytes(content)
            files.append(str(tmp_path / f"{stem}.docx"))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path / "lo"), *files], check=True, capture_output=True, timeout=600,
                   env=bundled_fonts(tmp_path))
    for example, doc, language in DRAFTS:
        marked, plain = (tmp_path / "lo" / f"{example}_{doc}{suffix}.pdf" for suffix in ("", "_plain"))
        text = subprocess.run(["pdftotext", "-layout", str(marked), "-"], capture_output=True, text=True,
                              check=True).stdout.split("\f")[:-1]
        assert len(text) >= 2
        # The word on every page as text: the footer starts with it (the watermark is outlines).
        assert all(DRAFT_WORD[language] in page for page in text)
        pages = []
        for pdf in (marked, plain):
            subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), str(tmp_path / pdf.stem)],
                           check=True)
            pages.append(sorted(tmp_path.glob(f"{pdf.stem}-*.png")))
        assert len(pages[0]) == len(pages[1]) == len(text)
        for with_mark, without in zip(*pages):
            marked_img, plain_img = (Image.open(f).convert("L") for f in (with_mark, without))
            diff = ImageChops.difference(marked_img, plain_img)
            box = diff.getbbox()
            assert box, f"{with_mark.name}: no watermark"
            width, height = diff.size
            # Across the middle of the page: wide and tall (diagonal), clear of the letterhead's
            # top and of the footer.
            assert box[2] - box[0] > width * 0.5 and box[3] - box[1] > height * 0.4, (with_mark.name, box)
            assert box[1] > height * 0.1 and box[3] < height * 0.9, (with_mark.name, box)
            assert sum(1 for v in diff.tobytes() if v > 16) > width * height * 0.02, with_mark.name
            # Light grey: where the page is blank without it, the mark is far lighter than the text.
            mark = [m for m, p in zip(marked_img.tobytes(), plain_img.tobytes()) if p == 255 and m < 255]
            assert mark and min(mark) > 150, min(mark or [0])


def test_a_firms_skeleton_with_a_first_page_header_is_marked_on_every_page(tmp_path):
    from docx import Document

    from docgen.render.docx_watermark import add_watermark
    from docgen.resources import templates_dir

    document = Document(str(templates_dir() / "base" / "document.docx"))
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = "Cabinet Exemple"        # a firm's own header text stays
    add_watermark(document, "PROJET")
    document.save(str(tmp_path / "firm.docx"))
    parts = _parts((tmp_path / "firm.docx").read_bytes())
    headers = {n: xml for n, xml in parts.items() if re.fullmatch(r"word/header\d+\.xml", n)}
    assert len(headers) == 2
    assert all(len(WATERMARK.findall(xml)) == 1 for xml in headers.values())
    assert any(b"Cabinet Exemple" in xml for xml in headers.values())
