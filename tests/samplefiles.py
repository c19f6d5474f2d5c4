"""Small but real files (a one-page PDF, a JPEG, a PNG) for tests whose cases name pièces:
validation opens PDFs and images as the dossier would (issue 12, item 17)."""
from __future__ import annotations

from docgen.portfolio.synthetic import pdf_of  # one PDF writer for the tests and the synthetic portfolios


def _image(kind: str) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, kind)
    return buffer.getvalue()


PDF = pdf_of(b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
             b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>")
JPEG = _image("JPEG")
PNG = _image("PNG")
