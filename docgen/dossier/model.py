"""What ``build_dossier`` returns: the dossier PDF and everything a manifest needs to describe it.

Page numbers are 1-based physical pages of the dossier, the same numbers as the running
« n / total » printed at the bottom of every page and quoted in the cover's table of contents.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

PieceKind = Literal["invoice", "exhibit", "proof"]
Relationship = Literal["Source", "Data", "Alternative", "Supplement", "Unspecified"]


@dataclass(frozen=True)
class ProofInfo:
    """What a proof of sending or receipt proves: the event of the case it documents."""

    event_index: int                 # index in case.events
    event_type: str                  # reminder_sent, formal_notice_sent, formal_notice_received ...
    channel: str | None              # email, registered_letter ... (the event's own channel)
    date: datetime.date              # the event's date
    tracking_number: str | None      # the event's, or the one of the registered letter it answers
    proves: str | None               # the document concerned: relance, mise_en_demeure, plan_apurement ...
    proves_date: datetime.date | None  # the date that document was sent (for an AR: the notice's date)


@dataclass(frozen=True)
class Piece:
    number: int
    label: str                       # short ASCII slug for file names: facture-f-2023-118
    title: str                       # as in the bordereau
    date: datetime.date | None
    kind: PieceKind
    ref: str                         # invoice:<number>, exhibit:<i>, event:<i> (as exhibit_list says)
    source: Path                     # the original file
    source_sha256: str
    pdf: bytes                       # this pièce alone, normalised and stamped (no dossier page number)
    pages: int
    first_page: int                  # where it starts in the dossier
    signed: bool = False             # the original PDF carries a signature (kept intact as an attachment)
    proof: ProofInfo | None = None

    @property
    def last_page(self) -> int:
        return self.first_page + self.pages - 1

    @property
    def file_name(self) -> str:
        """« Piece_07_relance-2024-02-20.pdf »: one PDF per pièce, as e-filing expects."""
        return f"Piece_{self.number:02d}_{self.label}.pdf"


@dataclass(frozen=True)
class Part:
    name: Literal["cover", "main", "decompte", "bordereau"]
    title: str
    first_page: int
    last_page: int

    @property
    def pages(self) -> int:
        return self.last_page - self.first_page + 1


@dataclass(frozen=True)
class Attachment:
    """A file embedded in the dossier as a PDF/A-3 associated file."""

    name: str
    data: bytes = field(repr=False)
    mime: str
    relationship: Relationship
    description: str = ""
    page: int | None = None          # the dossier page whose /AF also names it (an e-invoice: its pièce's first page)
    source: str | None = None        # the file named by the case (invoices[].einvoice), as written there
    piece: int | None = None         # the pièce it belongs to


@dataclass(frozen=True)
class Dossier:
    pdf: bytes = field(repr=False)
    pieces: list[Piece]
    parts: list[Part]
    attachments: list[Attachment]
    page_count: int
    document_id: str                 # hex of the PDF /ID (first element), stable for a case, doc and date
    warnings: list[str] = field(default_factory=list)
    reviews: tuple = ()              # docgen.render.review.DocumentReview of each document, in order

    @property
    def draft(self) -> bool:
        """Built with --force despite error findings: watermarked, and never to be signed."""
        return any(r.draft for r in self.reviews)

    def part(self, name: str) -> Part:
        return next(p for p in self.parts if p.name == name)

    def manifest(self) -> dict:
        """A JSON-ready description of the dossier (no bytes): parts, pièces with their proofs, attachments."""
        import hashlib

        def proof(p: ProofInfo | None) -> dict | None:
            if p is None:
                return None
            return {"event_index": p.event_index, "event_type": p.event_type, "channel": p.channel,
                    "date": p.date.isoformat(), "tracking_number": p.tracking_number, "proves": p.proves,
                    "proves_date": p.proves_date.isoformat() if p.proves_date else None}

        return {
            "document_id": self.document_id,
            "page_count": self.page_count,
            "sha256": hashlib.sha256(self.pdf).hexdigest(),
            "parts": [{"name": p.name, "title": p.title, "first_page": p.first_page, "last_page": p.last_page}
                      for p in self.parts],
            "pieces": [{"number": p.number, "label": p.label, "file_name": p.file_name, "title": p.title,
                        "date": p.date.isoformat() if p.date else None, "kind": p.kind, "ref": p.ref,
                        "source": p.source.name, "source_sha256": p.source_sha256, "pages": p.pages,
                        "first_page": p.first_page, "last_page": p.last_page, "signed": p.signed,
                        "sha256": hashlib.sha256(p.pdf).hexdigest(), "proof": proof(p.proof),
                        "einvoice": next(({"file": a.source, "attached_as": a.name,
                                           "sha256": hashlib.sha256(a.data).hexdigest()}
                                          for a in self.attachments if a.piece == p.number and a.source), None)}
                       for p in self.pieces],
            "attachments": [{"name": a.name, "mime": a.mime, "relationship": a.relationship, "size": len(a.data),
                             "description": a.description, "sha256": hashlib.sha256(a.data).hexdigest()}
                            for a in self.attachments],
            "warnings": list(self.warnings),
        }
