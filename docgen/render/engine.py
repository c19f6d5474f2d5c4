"""Rendering a document of a case: context, template, then PDF (WeasyPrint) or DOCX (docxtpl)."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ..errors import ComplianceError, DocgenError
from ..law.statement import Statement, compute_statement
from ..model.case import Case
from .context import RenderRequest, build_context
from .documents import document_extras
from .jinja import environment
from .registry import document_type, template_name, template_roots

FORMATS = ("pdf", "docx", "html")


def _common(case: Case, doc: str, as_of: date) -> dict[str, Any]:
    dtype = document_type(doc)
    lang = case.language
    creditor = case.creditor
    mentions = [creditor.display_name] + ([f"{a.street or ''} {a.postcode} {a.city}".strip()]
                                          if (a := creditor.address) else [])
    from .parties import business_mentions
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
    statement = statement or compute_statement(case, as_of, assume_last_rate=bool((options or {}).get("assume_last_rate")))
    name = template_name(doc, case.jurisdiction, case.language)
    env = environment(roots)
    try:
        template = env.get_template(name)
    except Exception as exc:  # TemplateNotFound, or a syntax error in a firm's template
        raise DocgenError(f"no usable template {name}: {exc}") from None
    extras = document_extras(doc, case, statement, as_of, dict(options or {}))
    context = {**build_context(RenderRequest(case, statement, as_of, {})), **_common(case, doc, as_of), **extras}
    return template.render(context), context


def refuse_if_forbidden(case: Case, doc: str, as_of: date, statement: Statement) -> None:
    from ..law.checks import run_checks

    blocking = [f for f in run_checks(case, as_of, statement=statement) if f.severity == "error"]
    if blocking:
        ids = ", ".join(sorted({f.rule_id for f in blocking}))
        raise ComplianceError(f"refusing to render {doc}: compliance errors {ids} "
                              "(fix the case, or use --force to render anyway)")


def render(case: Case, doc: str, as_of: date, fmt: str = "pdf", *, templates: Path | None = None,
           options: dict | None = None, force: bool = False) -> bytes:
    """The document ``doc`` of ``case`` as of ``as_of``, as PDF, DOCX or HTML bytes."""
    if fmt not in FORMATS:
        raise DocgenError(f"unknown format '{fmt}' (pdf, docx or html)")
    document_type(doc)
    options = dict(options or {})
    statement = compute_statement(case, as_of, assume_last_rate=bool(options.get("assume_last_rate")))
    if not force:
        refuse_if_forbidden(case, doc, as_of, statement)
    html, context = render_html(case, doc, as_of, templates=templates, options=options, statement=statement)
    roots = tuple(template_roots(templates))
    if fmt == "html":
        return html.encode("utf-8")
    if fmt == "pdf":
        from .pdf import html_to_pdf

        return html_to_pdf(html, roots, identity=f"{case.reference}|{doc}|{as_of}|{case.language}")
    from .docx import html_to_docx

    skeleton = next((r / "base" / "document.docx" for r in roots if (r / "base" / "document.docx").is_file()))
    return html_to_docx(html, skeleton, context["footer"])
