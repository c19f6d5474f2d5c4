"""Each pièce as its own PDF/A-3b file, as e-filing platforms expect one file per pièce.

The pages are the dossier's own, already normalised and stamped, taken before the running
« n / total » is added: the file shows the pièce exactly as it stands in the dossier, without
page numbers that would mean nothing outside it.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from pypdf import PdfWriter

from .cover import Layout
from .identity import piece_identifiers
from .metadata import PDF_HEADER, copy_output_intents, set_metadata
from .model import Piece
from .outline import label_prefix
from .pdfobjects import drop_unreachable, pdf_bytes
from .sources import Prepared
from .wording import piece_heading


def piece_files(writer: PdfWriter, prepared: list[Prepared], first_index: int, *, text: dict[str, str],
                author: str, producer: str, moment: datetime, document_id: bytes,
                language: str) -> list[Piece]:
    """Each pièce's own file, from the writer's pages, the first pièce's first page being at
    ``first_index`` (0-based) in the writer now. ``first_page``, the pièce's page in the finished
    dossier, is left at 0 for the caller to set once the cover is in place (``placed``)."""
    pieces: list[Piece] = []
    index = first_index
    for item in prepared:
        spec = item.spec
        pdf = _piece_pdf(writer, index, item.pages, title=piece_heading(text, spec), author=author,
                         producer=producer, moment=moment, ids=piece_identifiers(document_id, item), language=language,
                         number=spec.number)
        pieces.append(Piece(number=spec.number, label=spec.label, title=spec.title, date=spec.date, kind=spec.kind,
                            ref=spec.ref, source=spec.path, source_sha256=item.sha256, pdf=pdf, pages=item.pages,
                            first_page=0, signed=item.signed, proof=spec.proof))
        index += item.pages
    return pieces


def placed(pieces: list[Piece], layout: Layout) -> list[Piece]:
    """``pieces`` with the page where each starts in the dossier."""
    return [replace(piece, first_page=first) for piece, first in zip(pieces, layout.piece_first)]


def _piece_pdf(writer: PdfWriter, first: int, count: int, *, title: str, author: str, producer: str,
               moment: datetime, ids: tuple[bytes, bytes], language: str, number: int) -> bytes:
    """Pages ``first`` .. of the dossier writer (stamped, not yet numbered) as a standalone PDF/A-3b file."""
    piece = PdfWriter()
    piece.pdf_header = PDF_HEADER
    for index in range(first, first + count):
        piece.add_page(writer.pages[index])
    copy_output_intents(writer, piece)
    piece.set_page_label(0, count - 1, "/D", prefix=label_prefix(number), start=1)
    set_metadata(piece, title=title, author=author, producer=producer, moment=moment, ids=ids, language=language)
    drop_unreachable(piece)
    return pdf_bytes(piece)
