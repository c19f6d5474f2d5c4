"""One PDF of several pièces, each a bookmark: the bundle's volumes of pièces for e-filing
portals that cap the size of an upload (pypdf lives in docgen.dossier only)."""
from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PdfReader, PdfWriter


def merge_with_outline(parts: Sequence[tuple[bytes, str]]) -> bytes:
    """The PDFs of ``parts`` ((pdf bytes, bookmark title), at least one) one after the other."""
    first, first_title = parts[0]
    # clone_from keeps the first pièce's PDF/A markers (XMP, OutputIntent); PdfWriter() would drop them.
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(first)))
    writer.add_outline_item(title=first_title, page_number=0)
    for pdf, title in parts[1:]:
        writer.append(PdfReader(io.BytesIO(pdf)), outline_item=title)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
