"""A ``Matter``: one case at one as-of date, the unit every face of docgen works on.

It holds the validated case and computes, once and only when asked, what the CLI, the
portfolio, the web page and case-management software all need: the statement, the case's
findings, each document's review (its findings and the decisions it prints), the rendered
documents and the dossier. Nothing is computed twice for the same matter.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import CaseValidationError, DocgenError, LegalDataError
from .law.checks import run_checks
from .law.statement import compute_statement
from .model.case import Case
from .model.validate import ValidationReport
from .model.validate import validate as validate_model
from .render.registry import document_type
from .render.review import review_document

if TYPE_CHECKING:
    from .dossier.model import Dossier
    from .render.workers import LayoutWorkers
    from .law.checks import Finding
    from .law.statement import Statement
    from .render.engine import Rendered
    from .render.review import DocumentReview


def _key(options: Mapping[str, Any] | None) -> tuple:
    return tuple(sorted((str(k), str(v)) for k, v in (options or {}).items()))


def validate(source: str | Path | Mapping, *, as_of: date | None = None,
             base_dir: str | Path | None = None, today: date | None = None) -> ValidationReport:
    """Every problem of a case file. With ``as_of``, also what only the figures reveal:
    payments or credit notes exceeding everything owed (the spec calls them input errors);
    items dated after ``as_of`` are outside that statement, not problems. With ``today`` (the
    caller's date: docgen never reads the clock here), a date after it is a warning."""
    report = validate_model(source, as_of=as_of, base_dir=base_dir, today=today)
    if report.case is None or as_of is None:
        return report
    try:
        compute_statement(report.case, as_of, assume_last_rate=True)
    except CaseValidationError as exc:
        return ValidationReport(None, tuple(exc.problems) + report.problems)
    except DocgenError:
        pass   # legal data not covering a date is not a fault of the case file
    return report


class Matter:
    """``case`` as it stands on ``as_of``.

    ``assume_last_rate``: past the end of a rate table, use its last known value instead of
    failing. ``accept_unconfirmed``: documents may rely on legal data flagged unconfirmed (a
    warning finding records it) instead of being refused. ``templates``: a firm's own templates
    folder overriding the bundled ones.
    """

    def __init__(self, case: Case, as_of: date, *, assume_last_rate: bool = False, accept_unconfirmed: bool = False,
                 templates: str | Path | None = None):
        self.case = case
        self.as_of = as_of
        self.assume_last_rate = assume_last_rate
        self.accept_unconfirmed = accept_unconfirmed
        self.templates = Path(templates) if templates else None
        self._reviews: dict[tuple, DocumentReview] = {}
        self._statements: dict[date, Statement] = {}

    @classmethod
    def load(cls, source: str | Path | Mapping, as_of: date, *, base_dir: str | Path | None = None,
             **options: Any) -> "Matter":
        """Read and validate a case file (a path, a folder holding ``case.yaml``, or a mapping
        with ``base_dir`` for its relative file paths). Raises ``CaseValidationError`` listing
        every problem, including payments that exceed everything owed on ``as_of``."""

        case = validate_model(source, as_of=as_of, base_dir=base_dir).case_or_raise()
        matter = cls(case, as_of, **options)
        try:
            matter.statement         # a payment exceeding everything owed is an input error
        except CaseValidationError:
            raise
        except Exception:  # noqa: BLE001 - legal data not covering the date: not the case file's fault
            pass
        return matter

    # --- figures and findings -------------------------------------------------------------

    @cached_property
    def statement(self) -> "Statement":
        """The décompte on the as-of date (computed once)."""

        return compute_statement(self.case, self.as_of, assume_last_rate=self.assume_last_rate)

    def statement_for(self, doc: str) -> "Statement":
        """The statement ``doc`` prints: the one on the as-of date, except for a document stated
        on another day (a claim declaration: the day of the opening judgment)."""
        # lazy: the documents' modules load Babel, which validate and statement never need
        from .render.documents_routes import statement_day

        day = statement_day(self.case, doc, self.as_of)
        if day == self.as_of:
            return self.statement
        if day not in self._statements:
            self._statements[day] = compute_statement(self.case, day, assume_last_rate=self.assume_last_rate)
        return self._statements[day]

    @cached_property
    def findings(self) -> list["Finding"]:
        """The case's compliance findings (``docgen check``), errors first."""
        try:
            statement = self.statement
        except LegalDataError:
            # The checks say why the statement is unavailable (a stale rate table, a date the
            # tables do not cover) and still run every rule that needs no figure.
            statement = None
        return run_checks(self.case, self.as_of, statement=statement)

    def review(self, doc: str, options: Mapping[str, Any] | None = None) -> "DocumentReview":
        """What ``doc`` is judged by: the case's and the document's findings and the decisions it
        prints. ``review(doc).blocking`` lists what would make ``render`` refuse it."""

        document_type(doc)
        key = (doc, _key(self._options(options)))
        if key not in self._reviews:
            self._reviews[key] = review_document(self.case, doc, self.as_of, self.statement_for(doc),
                                                 self._options(options), accept_unconfirmed=self.accept_unconfirmed)
        return self._reviews[key]

    @cached_property
    def pieces(self) -> list:
        """The numbered pièces of a dossier (invoices, exhibits, proofs), as the bordereau lists them."""
        # lazy: the dossier's modules load pypdf, which a matter that builds no dossier never needs
        from .dossier.pieces import piece_specs

        return piece_specs(self.case, self.as_of)

    # --- documents ------------------------------------------------------------------------

    def render(self, doc: str, fmt: str = "pdf", *, options: Mapping[str, Any] | None = None,
               force: bool = False) -> "Rendered":
        """``doc`` as PDF, DOCX or HTML bytes (``.data``) with its review (``.review``).

        Raises ``ComplianceError`` (exit 1) listing every error finding and the field to fill;
        with ``force`` the document is a draft marked « PROJET » / « ONTWERP »."""

        # lazy: a matter that renders nothing (validate, statement, check) never loads Jinja2,
        # num2words and Babel
        from .render.engine import render_document

        options = self._options(options)
        review = self.review(doc, options)          # an unknown document is refused before any figure
        return render_document(self.case, doc, self.as_of, fmt, templates=self.templates, options=options,
                               force=force, accept_unconfirmed=self.accept_unconfirmed,
                               statement=self.statement_for(doc), review=review)

    def dossier(self, doc: str, *, options: Mapping[str, Any] | None = None, force: bool = False,
                max_image_pixels: int | None = None, workers: "LayoutWorkers | None" = None,
                meanwhile: Callable[[], object] | None = None) -> "Dossier":
        """The court-ready dossier around ``doc`` (mise_en_demeure or injonction_de_payer), unsigned.
        ``Dossier.draft`` is true when it was built with ``force`` despite error findings.
        ``workers`` (``docgen.LayoutWorkers``, kept by the caller across dossiers) lays out its
        documents in parallel; the bytes are the same without them. ``meanwhile`` is called once
        the layout is under way, before this process waits for it (e.g. ``signer.prepare``)."""
        # lazy: as above, pypdf (and the dossier's cover, WeasyPrint) only for a dossier
        from .dossier.build import build_dossier
        from .dossier.sources import DEFAULT_MAX_IMAGE_PIXELS

        options = self._options(options)
        reviews = {name: self.review(name, options) for name in (doc, "decompte", "bordereau_de_pieces")}
        return build_dossier(self.case, doc, self.as_of, templates=self.templates, options=options, force=force,
                             accept_unconfirmed=self.accept_unconfirmed,
                             max_image_pixels=max_image_pixels or DEFAULT_MAX_IMAGE_PIXELS,
                             statement=self.statement, reviews=reviews, layouts=workers, meanwhile=meanwhile)

    def _options(self, options: Mapping[str, Any] | None) -> dict[str, Any]:
        out = dict(options or {})
        if self.assume_last_rate:
            out.setdefault("assume_last_rate", "1")
        return out
