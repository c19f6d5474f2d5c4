"""The documents docgen writes for the dossier (main document, décompte, bordereau), rendered by
the engine ``docgen render`` uses, so that the dossier holds the same documents."""
from __future__ import annotations

import io
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from ..errors import ComplianceError, DocgenError
from ..law.statement import compute_statement
from ..model.case import Case
from ..render.engine import Rendered, pdf_identity, refusal, render_document
from ..render.file_id import file_identifier
from ..render.registry import document_type, template_roots
from ..render.review import review_document
from ..render.workers import InProcess, Layouts
from .metadata import PDF_VARIANT
from .reporting import failure


def _title(name: str, language: str) -> str:
    return document_type(name).title_fr if language == "fr" else document_type(name).title_nl


@dataclass
class Started:
    """The documents of a dossier, reviewed, with their layout under way (or their refusal)."""
    # (part, title, HTML rendered, its page count, its PDF with its page count)
    items: list[tuple[str, str, Rendered, Future, Future]]
    refused: ComplianceError | None = None

    @property
    def context(self) -> dict:
        """The main document's template context (empty when refused: nothing is rendered then)."""
        return self.items[0][2].context if self.items else {}

    def page_counts(self) -> list[tuple[str, str, int]]:
        """(part, title, pages) of each document, as soon as its pages are laid out: before its
        PDF is written, so that the dossier's cover can be laid out meanwhile."""
        if self.refused is not None:
            raise self.refused
        return [(part, title, _outcome(rendered, pages)) for part, title, rendered, pages, _ in self.items]

    def first_written(self) -> bytes:
        """The PDF of whichever document is written first (the dossier takes its OutputIntent)."""
        if self.refused is not None:
            raise self.refused
        done, _ = wait([pdf for *_, pdf in self.items], return_when=FIRST_COMPLETED)
        by_future = {pdf: rendered for _, _, rendered, _, pdf in self.items}
        first = next(iter(done))
        return _outcome(by_future[first], first)[0]

    def finish(self) -> list[tuple[str, str, Rendered]]:
        """(part, title, rendered PDF with its review and context), each PDF waited for."""
        if self.refused is not None:
            raise self.refused
        done = []
        for part, title, rendered, pages, pdf in self.items:
            data, count = _outcome(rendered, pdf)
            if count != _outcome(rendered, pages):
                raise DocgenError(f"rendering {rendered.review.doc} for the dossier: {count} pages written, "
                                  f"{pages.result()} counted; please report this case")
            done.append((part, title, replace(rendered, data=data)))
        return done


def _outcome(rendered: Rendered, future: Future) -> Any:
    """What ``future`` holds, or a message naming the document (no traceback)."""
    try:
        return future.result()
    except DocgenError:
        raise
    except Exception as exc:  # noqa: BLE001 - a template or layout failure, reported without a traceback
        raise failure(f"rendering {rendered.review.doc} for the dossier", exc) from None


def start_documents(case: Case, doc: str, as_of: date, *, templates: Path | None, options: dict,
                    force: bool, accept_unconfirmed: bool = False, statement=None,  # noqa: ANN001
                    reviews: dict | None = None, layouts: Layouts | None = None) -> Started:
    """The main document ``doc``, the décompte and the bordereau: every one reviewed before any is
    rendered (so a refusal names all of them), then their HTML made and their layout handed to
    ``layouts`` (here, one after another, when None). ``statement`` and ``reviews`` (by document
    name) are reused when given. A refusal is kept in the result, raised by ``finish``: the
    dossier reports an unreadable pièce first."""

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
                return Started([], refusal(review))
    layouts = layouts or InProcess()
    roots = tuple(template_roots(templates))
    items = []
    for part, name in names:
        html = _html(case, name, as_of, templates, options, force, statement, reviews[name])
        # Laid out as PDF/A-3b, like the dossier they go into: the dossier takes its OutputIntent
        # from them, before its cover is laid out (dossier/assembly.py); their page counts come
        # before their PDFs (the cover needs the counts only).
        pages, pdf = layouts.pages_then_pdf(html.data.decode("utf-8"), roots,
                                            identifier=file_identifier(pdf_identity(case, name, as_of)),
                                            pdf_variant=PDF_VARIANT)
        items.append((part, _title(name, case.language), html, pages, pdf))
    return Started(items)


def _html(case: Case, doc: str, as_of: date, templates: Path | None, options: dict, force: bool,
          statement, review) -> Rendered:  # noqa: ANN001

    try:
        return render_document(case, doc, as_of, "html", templates=templates, options=options, force=force,
                               statement=statement, review=review)
    except DocgenError:
        raise
    except Exception as exc:  # noqa: BLE001 - a template failure, reported without a traceback
        raise failure(f"rendering {doc} for the dossier", exc) from None


def read_rendered(data: bytes, what: str) -> PdfReader:
    try:
        return PdfReader(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001
        raise DocgenError(f"reading the rendered {what}: {type(exc).__name__}: {exc}") from None
