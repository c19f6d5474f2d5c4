"""Page labels and bookmarks: how a PDF reader's page box and side panel name the dossier's pages.

The cover is labelled in roman numerals, the documents from 1, and each pièce « P4-1 »,
« P4-2 » .. as its stamps number it, so that a reference to a pièce's page can be typed into the
reader as it is; the bookmarks mirror the cover's table of contents.
"""
from __future__ import annotations

from pypdf import PdfWriter
from pypdf.generic import NameObject

from .cover import Layout
from .model import Part
from .sources import Prepared
from .wording import piece_heading


def label_prefix(number: int) -> str:
    """Page-label prefix of pièce n° ``number``, in the dossier and in the pièce's own file."""
    return f"P{number}-"


def add_outline(writer: PdfWriter, layout: Layout, prepared: list[Prepared], text: dict[str, str]) -> list[Part]:
    """Label and bookmark the dossier's pages; returns its parts (cover, main, décompte, bordereau)."""
    parts = [Part(name, title or text["cover"], first, last) for name, title, first, last in layout.parts]
    writer.set_page_label(0, layout.cover - 1, "/r", start=1)
    writer.set_page_label(layout.cover, parts[-1].last_page - 1, "/D", start=1)
    for part in parts:
        writer.add_outline_item(title=part.title, page_number=part.first_page - 1)
    if prepared:
        group = writer.add_outline_item(title=text["pieces"], page_number=layout.piece_first[0] - 1)
        for item, first in zip(prepared, layout.piece_first):
            writer.set_page_label(first - 1, first + item.pages - 2, "/D", prefix=label_prefix(item.spec.number),
                                  start=1)
            writer.add_outline_item(title=piece_heading(text, item.spec), page_number=first - 1, parent=group)
    writer.root_object[NameObject("/PageMode")] = NameObject("/UseOutlines")
    return parts
