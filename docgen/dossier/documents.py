"""The documents docgen writes for the dossier (main document, décompte, bordereau), rendered by
the engine ``docgen render`` uses, so that the dossier holds the same documents."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader

from ..errors import DocgenError
from ..law.statement import compute_statement
from ..model.case import Case
from ..render.engine import refusal, render_document
from ..render.registry import document_type
from ..render.review import review_document
from .reporting import failure

if TYPE_CHECKING:
    from ..render.engine import Rendered


def _title(name: str, language: str) -> str:
    return document_type(name).title_fr if language == "fr" else document_type(name).title_nl


def render_documents(case: Case, doc: str, as_of: date, *, templates: Path | None, options: dict,
                     force: bool, accept_unconfirmed: bool = False, statement=None,  # noqa: ANN001
                     reviews: dict | None = None) -> list[tuple[str, str, Rendered]]:
    """(part, title, rendered PDF with its review and context) of the main document ``doc``, the
    décompte and the bordereau. Every document is reviewed before any is rendered, so a refusal
    names all of them. ``statement`` and ``reviews`` (by document name) are reused when given."""

    if statement is None:
        statement = compute_statement(case, as_of, assume_last_rate=bool(options.get("assume_last_rate")))
    names = (("main", doc), ("decompte", "decompte"), ("bordereau", "bordereau_de_pieces"))
    reviews = dict(reviews or {})
    for _, name in names:
        if name not in reviews:
            reviews[name] = review_document(case, name, as_of, statement, options,
                                            accept_unconfirmed=accept_unconfirmed)
    if not force:
        for review in reviews.values():
            if review.blocking:
                raise refusal(review)
    return [(part, _title(name, case.language),
             _render(case, name, as_of, templates, options, force, statement, reviews[name]))
            for part, name in names]


def _render(case: Case, doc: str, as_of: date, templates: Path | None, options: dict, force: bool,
            statement, review) -> Rendered:  # noqa: ANN001

    try:
        return render_document(case, doc, as_of, "pdf", templates=templates, options=options, force=force,
                               statement=statement, review=review)
    except DocgenError:
        raise
    except Exception as exc:  # noqa: BLE001 - a template or layout failure, reported without a traceback
        raise failure(f"rendering {doc} for the dossier", exc) from None


def read_rendered(data: bytes, what: str) -> PdfReader:
    try:
        return PdfReader(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001
        raise DocgenError(f"reading the rendered {what}: {type(exc).__name__}: {exc}") from None
