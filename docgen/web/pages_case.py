"""The Case page and what it links to: the documents (a PDF inline, a DOCX to download, both
judged by ``Matter.review`` first), and the files a case names (invoices, exhibits, proofs)."""
from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response

import docgen

from ..model.text import file_stem
from ..render.registry import DOCUMENTS, available, template_roots
from . import params
from .serial import RENDERING
from .views import page
from .workspace import NotFound, inside

router = APIRouter(include_in_schema=False)

# Options a document link may carry (the agenda's suggestion: a reminder's level, a summons part ...).
DOC_OPTIONS = ("level", "part", "channel", "days", "tracking_number")
_FILE_KINDS = ("invoice", "exhibit", "proof")


def load_matter(request: Request, case_id: str, source=None):  # noqa: ANN001, ANN201 - form or query; a Matter
    """The case ``case_id`` as of the page's date, with the page's choice about unconfirmed data."""
    ws = request.app.state.workspace
    source = source if source is not None else request.query_params
    as_of = params.as_of(request, source if source is not request.query_params else None)
    return docgen.Matter.load(ws.case_file(case_id), as_of, accept_unconfirmed=params.flag(source, "accept_unconfirmed"),
                              templates=ws.templates)


def documents_of(request: Request, matter) -> list[str]:  # noqa: ANN001
    """The documents with a template for the case's jurisdiction and language."""

    found = {doc for jur, doc, lang in available(template_roots(request.app.state.workspace.templates))
             if jur == matter.case.jurisdiction and lang == matter.case.language}
    return [doc for doc in DOCUMENTS if doc in found]


def doc_options(source, doc: str, suggestion=None) -> dict[str, str]:  # noqa: ANN001
    """The document's options: those asked for, else the agenda's for the document it suggests,
    else a first reminder for ``relance``."""
    options = {k: str(source.get(k)) for k in DOC_OPTIONS if source.get(k)}
    if not options and suggestion is not None and suggestion.doc == doc:
        options = dict(suggestion.options)
    if doc == "relance":
        options.setdefault("level", "1")
    return options


@router.get("/case/{case_id}")
def case_page(request: Request, case_id: str):  # noqa: ANN201
    ws = request.app.state.workspace
    matter = load_matter(request, case_id)
    items = docgen.agenda(ws.case_file(case_id), matter.as_of)
    step = items[0] if items else None
    documents = []
    for doc in documents_of(request, matter):
        options = doc_options({}, doc, step)
        review = matter.review(doc, options)
        documents.append({"doc": doc, "blocking": review.blocking, "options": options})
    statement, statement_error = None, None
    try:
        statement = matter.statement
    except docgen.DocgenError as exc:       # a rate table not covering the date: say so, show the rest
        statement_error = exc.message
    return page(request, "case.html", nav="agenda", case_id=case_id, matter=matter, case=matter.case,
                statement=statement, statement_error=statement_error, findings=matter.findings if statement else [],
                step=step, documents=documents, accept_unconfirmed=matter.accept_unconfirmed,
                as_of=matter.as_of, recorded=request.query_params.get("recorded"))


@router.get("/case/{case_id}/preview/{doc}")
def preview_page(request: Request, case_id: str, doc: str):  # noqa: ANN201
    ws = request.app.state.workspace
    matter = load_matter(request, case_id)
    items = docgen.agenda(ws.case_file(case_id), matter.as_of)
    options = doc_options(request.query_params, doc, items[0] if items else None)
    if doc not in documents_of(request, matter):
        raise NotFound("no such document for this case")
    review = matter.review(doc, options)
    force = params.flag(request.query_params, "force")
    return page(request, "preview.html", nav="agenda", case_id=case_id, case=matter.case, doc=doc, review=review,
                options=options, force=force, as_of=matter.as_of, accept_unconfirmed=matter.accept_unconfirmed)


@router.get("/case/{case_id}/document/{doc}.{fmt}")
def document_file(request: Request, case_id: str, doc: str, fmt: str) -> Response:
    if fmt not in ("pdf", "docx"):
        raise NotFound("no such format")
    matter = load_matter(request, case_id)
    if doc not in documents_of(request, matter):
        raise NotFound("no such document for this case")
    options = doc_options(request.query_params, doc)
    with RENDERING:
        rendered = matter.render(doc, fmt, options=options, force=params.flag(request.query_params, "force"))
    name = f"{file_stem(matter.case.reference)}_{doc}{'_PROJET' if rendered.draft else ''}.{fmt}"
    media = {"pdf": "application/pdf",
             "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}[fmt]
    disposition = "inline" if fmt == "pdf" else "attachment"
    return Response(rendered.data, media_type=media,
                    headers={"Content-Disposition": f'{disposition}; filename="{name}"'})


@router.get("/case/{case_id}/files/{kind}/{index}")
def case_file(request: Request, case_id: str, kind: str, index: str) -> Response:
    """An invoice, exhibit or proof of the case, by its position in the case file (never by name)."""
    if kind not in _FILE_KINDS or not index.isdigit() or len(index) > 6:
        raise NotFound("no such page")
    index = int(index)
    path = request.app.state.workspace.case_file(case_id)
    case = docgen.load_case(path)
    items = {"invoice": case.invoices, "exhibit": case.exhibits, "proof": case.events}[kind]
    if not 0 <= index < len(items):
        raise NotFound("no such file")
    relative = getattr(items[index], "proof" if kind == "proof" else "file", None)
    if not relative:
        raise NotFound("no such file")
    target = inside(path.parent, relative)
    media = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    # Only PDFs and images are shown in the browser; anything else (an e-mail ...) is downloaded.
    shown = media in ("application/pdf", "image/jpeg", "image/png")
    disposition = "inline" if shown else "attachment"
    return Response(target.read_bytes(), media_type=media if shown else "application/octet-stream",
                    headers={"Content-Disposition": f'{disposition}; filename="{file_stem(target.stem)}.{file_stem(target.suffix[1:])}"'})



