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
from typing import Literal

from pypdf import PdfReader

from .eml import eml_context, eml_pages, html_to_text
from .images import DEFAULT_MAX_IMAGE_PIXELS, open_image
from .input_pdf import open_pdf
from .pieces import PieceSpec
from .reporting import fail, reason

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


def prepare(spec: PieceSpec, *, roots: tuple[Path, ...], language: str, max_image_pixels: int) -> Prepared:
    suffix = spec.path.suffix.lower()
    try:
        data = spec.path.read_bytes()
    except OSError as exc:
        raise fail(spec, "reading the file", exc.strerror or reason(exc)) from None
    digest = hashlib.sha256(data).hexdigest()
    if suffix == ".pdf":
        reader, pages, signed, notes = open_pdf(spec, data)
        # stamping breaks a signature, so a signed file is attached untouched (as is every invoice)
        keep = data if (signed or spec.kind == "invoice") else None
        return Prepared(spec, "pdf", pages, digest, original=keep, reader=reader, signed=signed, warnings=notes)
    if suffix in (".jpg", ".jpeg", ".png"):
        open_image(spec, max_image_pixels).close()
        return Prepared(spec, "image", 1, digest, original=data if spec.kind == "invoice" else None,
                        mime="image/png" if suffix == ".png" else "image/jpeg")
    if suffix == ".eml":
        reader, pages = eml_pages(spec, data, digest, roots, language)
        return Prepared(spec, "eml", pages, digest, original=data, reader=reader, mime="message/rfc822")
    raise fail(spec, "reading the file", f"unsupported file type {suffix!r}")
