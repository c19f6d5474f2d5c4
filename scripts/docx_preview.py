"""Write docs/docx-vs-pdf.png: page 1 of a letter as docgen's PDF beside its DOCX opened in LibreOffice.

Run after changing the DOCX layout: ``python scripts/docx_preview.py [example] [document]``
(default: be-b2b mise_en_demeure). Needs LibreOffice (soffice) and poppler-utils (pdftoppm); LibreOffice
lays out in the bundled Liberation fonts, as the PDF. The image is small (grey scale, 60 dpi) so that
the README can show it.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.api import load_case  # noqa: E402
from docgen.render.docx_fonts import bundled_fonts  # noqa: E402
from docgen.render.engine import render  # noqa: E402

OUT = ROOT / "docs" / "docx-vs-pdf.png"
AS_OF = date(2026, 10, 15)
DPI = 60


def _page_one(pdf: Path, stem: Path) -> Image.Image:
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", str(DPI), "-gray", "-png", str(pdf), str(stem)],
                   check=True, capture_output=True, timeout=120)
    return Image.open(next(stem.parent.glob(stem.name + "*.png"))).convert("L")


def main(example: str = "be-b2b", doc: str = "mise_en_demeure") -> None:
    case = load_case(ROOT / "examples" / example / "case.yaml", as_of=AS_OF)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "doc.pdf").write_bytes(render(case, doc, AS_OF, "pdf", force=True, accept_unconfirmed=True))
        (work / "doc.docx").write_bytes(render(case, doc, AS_OF, "docx", force=True, accept_unconfirmed=True))
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to",
                        "pdf", "--outdir", str(work / "lo"), str(work / "doc.docx")],
                       check=True, capture_output=True, timeout=300, env=bundled_fonts(work))
        left, right = _page_one(work / "doc.pdf", work / "pdf"), _page_one(work / "lo" / "doc.pdf", work / "lo")
    gap, band = 16, 22
    sheet = Image.new("L", (left.width + right.width + gap, max(left.height, right.height) + band), 255)
    sheet.paste(left, (0, band))
    sheet.paste(right, (left.width + gap, band))
    draw = ImageDraw.Draw(sheet)
    draw.text((4, 4), "PDF (docgen, WeasyPrint)", fill=0)
    draw.text((left.width + gap + 4, 4), "DOCX (opened in LibreOffice)", fill=0)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(OUT, optimize=True)
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main(*sys.argv[1:3])
