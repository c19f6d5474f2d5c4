"""The documents docgen writes for the dossier (main document, décompte, bordereau), rendered by
the engine ``docgen render`` uses, so that the dossier holds the same documents."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from ..errors import DocgenError
from ..model.case import Case
from .reporting import failure


def _title(name: str, language: str) -> str:
    from ..render.registry import document_type

    return document_type(name).title_fr if language == "fr" else document_type(name).title_nl


def render_documents(case: Case, doc: str, as_of: date, *, templates: Path | None, options: dict,
                     force: bool) -> list[tuple[str, str, bytes]]:
    """(part, title, PDF bytes) of the main document ``doc``, the décompte and the bordereau."""
    return [(part, _title(name, case.language), _render(case, name, as_of, templates, options, force))
            for part, name in (("main", doc), ("decompte", "decompte"), ("bordereau", "bordereau_de_pieces"))]


def _render(case: Case, doc: str, as_of: date, templates: Path | None, options: dict, force: bool) -> bytes:
    from ..render.engine import render

    try:
        return render(case, doc, as_of, "pdf", templates=templates, options=options, force=force)
    except DocgenError:
        raise
    except Exception as exc:  # noqa: BLE001 - a template or layout failure, reported without a traceback
        raise failure(f"rendering {doc} for the dossier", exc) from None


def read_rendered(data: bytes, what: str) -> PdfReader:
    try:
        return PdfReader(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001
        raise DocgenError(f"reading the rendered {what}: {type(exc).__name__}: {exc}") from None
