"""Rendering a document of a case: context, template, then PDF (WeasyPrint) or DOCX (docxtpl)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import ComplianceError, DocgenError
from ..law.statement import Statement, compute_statement
from ..model.case import Case
from .context import RenderRequest, build_context
from .documents import document_extras
from .documents_routes import statement_day
from .draft import DRAFT_WORD, mark_draft
from .jinja import environment
from .parties import business_mentions
from .registry import document_type, template_name, template_roots
from .review import DocumentReview, review_document

FORMATS = ("pdf", "docx", "html")


def _common(case: Case, doc: str, as_of: date) -> dict[str, Any]:
    dtype = document_type(doc)
    lang = case.language
    creditor = case.creditor
    mentions = [creditor.display_name] + ([f"{a.street or ''} {a.postcode} {a.city}".strip()]
                                          if (a := creditor.address) else [])
    mentions += business_mentions(creditor, lang)
    rep = creditor.represented_by
    sender = rep.name if rep else creditor.display_name
    sender_addr = rep.address if rep and rep.address else creditor.address
    ret = f"{sender}, {sender_addr.street or ''}, {sender_addr.postcode} {sender_addr.city}" if sender_addr else sender
    return {"title": dtype.title_fr if lang == "fr" else dtype.title_nl, "doc": doc,
            "created": as_of.isoformat(), "footer": " — ".join(mentions),
            "return_line": ("Expéditeur : " if lang == "fr" else "Afzender: ") + ret}


def render_html(case: Case, doc: str, as_of: date, *, templates: Path | None = None,
                options: dict | None = None, statement: Statement | None = None) -> tuple[str, dict]:
    roots = tuple(template_roots(templates))
    statement = statement or compute_statement(case, statement_day(case, doc, as_of),
                                               assume_last_rate=bool((options or {}).get("assume_last_rate")))
    name = template_name(doc, case.jurisdiction, case.language)
    env = environment(roots)
    try:
        template = env.get_template(name)
    except Exception as exc:  # TemplateNotFound, or a syntax error in a firm's template
        raise DocgenError(f"no usable template {name}: {exc}") from None
    extras = document_extras(doc, case, statement, as_of, dict(options or {}))
    context = {**build_context(RenderRequest(case, statement, as_of, {})), **_common(case, doc, as_of), **extras}
    return template.render(context), context


def refusal(review: DocumentReview) -> ComplianceError:
    """The error a blocked document is refused with: every error finding, its rule and its field."""
    lines = [f"  {f.rule_id}{' [' + f.path + ']' if f.path else ''}: {f.message}" for f in review.blocking]
    return ComplianceError(f"refusing to render {review.doc}: {len(lines)} error finding(s)\n" + "\n".join(lines)
                           + "\nFix the case file (the field in brackets), or use --force for a watermarked draft.")


def render(case: Case, doc: str, as_of: date, fmt: str = "pdf", *, templates: Path | None = None,
           options: dict | None = None, force: bool = False, accept_unconfirmed: bool = False,
           statement: Statement | None = None, review: DocumentReview | None = None) -> bytes:
    """The document ``doc`` of ``case`` as of ``as_of``, as PDF, DOCX or HTML bytes.

    Refused (ComplianceError, exit 1) when an error finding stands against it; with ``force``
    it is rendered as a draft, every page marked « PROJET » / « ONTWERP ».
    """
    return render_document(case, doc, as_of, fmt, templates=templates, options=options, force=force,
                           accept_unconfirmed=accept_unconfirmed, statement=statement, review=review).data


def pdf_identity(case: Case, doc: str, as_of: date) -> str:
    """What seeds a document's PDF file identifier: the same document, the same identifier."""
    return f"{case.reference}|{doc}|{as_of}|{case.language}"


@dataclass(frozen=True)
class Rendered:
    data: bytes
    review: DocumentReview
    context: dict = field(default_factory=dict, repr=False, compare=False)   # what the template printed

    @property
    def draft(self) -> bool:
        return self.review.draft


def render_document(case: Case, doc: str, as_of: date, fmt: str = "pdf", *, templates: Path | None = None,
                    options: dict | None = None, force: bool = False, accept_unconfirmed: bool = False,
                    statement: Statement | None = None, review: DocumentReview | None = None) -> Rendered:
    """As ``render``, with the review (findings and decisions) the document was judged by."""
    if fmt not in FORMATS:
        raise DocgenError(f"unknown format '{fmt}' (pdf, docx or html)")
    document_type(doc)
    options = dict(options or {})
    statement = statement or compute_statement(case, statement_day(case, doc, as_of),
                                               assume_last_rate=bool(options.get("assume_last_rate")))
    review = review or review_document(case, doc, as_of, statement, options, accept_unconfirmed=accept_unconfirmed)
    if review.blocking and not force:
        raise refusal(review)
    review = replace(review, draft=bool(review.blocking))
    html, context = render_html(case, doc, as_of, templates=templates, options=options, statement=statement)
    if review.draft:
        html = mark_draft(html, case.language)
    roots = tuple(template_roots(templates))
    if fmt == "html":
        return Rendered(html.encode("utf-8"), review, context)
    if fmt == "pdf":
        # lazy: WeasyPrint loads only for a PDF (an HTML or DOCX render, and --help, never need it)
        from .pdf import html_to_pdf

        return Rendered(html_to_pdf(html, roots, identity=pdf_identity(case, doc, as_of)), review, context)
    # lazy: docxtpl and python-docx load only for a DOCX
    from .docx import html_to_docx

    skeleton = next((r / "base" / "document.docx" for r in roots if (r / "base" / "document.docx").is_file()))
    footer = context["footer"]
    if review.draft:
        footer = f"{DRAFT_WORD[case.language]} — {footer}"
    # lazy: as above (python-docx)
    from .docx_styles import language_tag

    return Rendered(html_to_docx(html, skeleton, footer, language=language_tag(case.jurisdiction, case.language)),
                    review, context)
