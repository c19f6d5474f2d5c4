"""Helpers shared by the rendering tests (tests/render is on sys.path)."""
from __future__ import annotations

import io

import docx


def docx_text(data: bytes) -> str:
    """Every paragraph, table cell and footer line of a DOCX, one per line."""
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)
