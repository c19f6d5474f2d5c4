"""A pièce's file, opened and checked before any page is assembled: ``prepare``.

Opening every file first gives every page count (for the table of contents and the page
numbers) and every refusal before any work, without decoding a single image: scans are decoded
only when their page is added (``images.image_page``), one at a time. This module also decides,
for each kind of file, which originals are attached to the dossier. The kinds themselves are
handled by ``input_pdf``, ``images`` and ``eml``.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pypdf import PdfReader

from .eml import eml_context, eml_layout, eml_pages, html_to_text
from .images import DEFAULT_MAX_IMAGE_PIXELS, open_image
from .input_pdf import open_pdf
from .pieces import PieceSpec
from .reporting import fail, reason

if TYPE_CHECKING:
    from concurrent.futures import Future

    from ..render.workers import Layouts

__all__ = ["DEFAULT_MAX_IMAGE_PIXELS", "Prepared", "eml_context", "html_to_text", "prepare"]


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
    pending: Future | None = field(default=None, repr=False)   # an e-mail's PDF, being laid out

    def settle(self) -> None:
        """Wait for an e-mail's layout: its reader and page count (nothing to do for other files)."""
        if self.pending is not None:
            self.reader, self.pages = eml_pages(self.spec, self.pending)
            self.pending = None


def prepare(spec: PieceSpec, *, roots: tuple[Path, ...], language: str, max_image_pixels: int,
            layouts: Layouts) -> Prepared:
    """``spec``'s file opened and checked. An e-mail is handed to ``layouts`` to be rendered:
    call ``settle()`` before reading its pages."""
    suffix = spec.path.suffix.lower()
    try:
        data = spec.path.read_bytes()
    except OSError as exc:
        raise fail(spec, "reading the file", exc.strerror or reason(exc)) from None
    digest = hashlib.sha256(data).hexdigest()
    if suffix == ".pdf":
        reader, pages, signed, notes = open_pdf(spec, data, digest)
        # stamping breaks a signature, so a signed file is attached untouched (as is every invoice)
        keep = data if (signed or spec.kind == "invoice") else None
        return Prepared(spec, "pdf", pages, digest, original=keep, reader=reader, signed=signed, warnings=notes)
    if suffix in (".jpg", ".jpeg", ".png"):
        open_image(spec, max_image_pixels).close()
        return Prepared(spec, "image", 1, digest, original=data if spec.kind == "invoice" else None,
                        mime="image/png" if suffix == ".png" else "image/jpeg")
    if suffix == ".eml":
        pending = eml_layout(spec, data, digest, roots, language, layouts)
        return Prepared(spec, "eml", 0, digest, original=data, mime="message/rfc822", pending=pending)
    raise fail(spec, "reading the file", f"unsupported file type {suffix!r}")
