"""The court-ready dossier: cover, main document, décompte, bordereau and the stamped pièces,
as one PDF/A-3b file with the originals attached (``docgen.dossier.build.build_dossier``).

The package itself holds no more than the dossier's types: case validation loads
``docgen.dossier.probe`` (through ``docgen.input_files``) to open a case's PDFs and images, and
must not load the build (Jinja2, num2words, WeasyPrint) with it.
"""
from __future__ import annotations

from .model import Attachment, Dossier, Part, Piece, ProofInfo
from .sources import DEFAULT_MAX_IMAGE_PIXELS

__all__ = ["Attachment", "DEFAULT_MAX_IMAGE_PIXELS", "Dossier", "Part", "Piece", "ProofInfo"]
