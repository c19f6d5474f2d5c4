"""The court-ready dossier: cover, main document, décompte, bordereau and the stamped pièces,
as one PDF/A-3b file with the originals attached (``build_dossier``)."""
from __future__ import annotations

from .build import build_dossier
from .model import Attachment, Dossier, Part, Piece, ProofInfo
from .sources import DEFAULT_MAX_IMAGE_PIXELS

__all__ = ["Attachment", "DEFAULT_MAX_IMAGE_PIXELS", "Dossier", "Part", "Piece", "ProofInfo", "build_dossier"]
