"""The HTTP JSON API (``/api/v1``) for case-management software written in other languages: the
operations of the CLI on the cases of the served portfolio, by case identifier. Each endpoint is
one call of the library (``docgen.Matter``, ``docgen.agenda``, ``docgen.record_event`` ...);
the OpenAPI document is served at ``/api/v1/openapi.json`` and committed as ``docs/openapi.json``.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field

import docgen
import docgen.api as library

from ..law.money import as_str
from .pages_dossier import DOSSIER_DOCS, out_dir
from .pages_case import DOC_OPTIONS
from .pages_record import payments_supported
from .serial import RENDERING, layout_workers
from .workspace import NotFound

DESCRIPTION = """The operations of `docgen` on the cases of the portfolio `docgen serve` was started on.

**Authentication**: every request carries the session token printed by `docgen serve` as
`Authorization: Bearer <token>`. The server listens on the loopback address unless started with
`--allow-remote`.

**Cases** are named by identifier (`GET /api/v1/cases`), never by file path.

**Errors** are JSON objects `{"error": message, "exit_code": n, "problems": [...]}` with the
exit code the CLI would give: 400 bad input (2), 404 no such case, 422 compliance findings (1)
or signing failure (3). A document refused by error findings comes back as 422 with
`findings` (`force=true` renders a draft marked PROJET / ONTWERP instead). A request that does
not match this document (a malformed date, an unknown document) gets 422 with the list `detail`
of what is wrong. Legal data flagged unconfirmed needs `accept_unconfirmed=true`, which the document's review records.

Amounts are decimal strings (`"1234.56"`); dates are ISO (`YYYY-MM-DD`)."""

router = APIRouter(prefix="/api/v1", tags=["docgen"], dependencies=[Depends(HTTPBearer(auto_error=False))])

AsOf = Query(None, description="The day figures are computed for (default: the server's as-of date).")
Doc = Literal["relance", "mise_en_demeure", "plan_apurement", "injonction_de_payer", "bordereau_de_pieces",
              "decompte"]


class Error(BaseModel):
    error: str
    exit_code: int
    problems: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []


ERRORS = {400: {"model": Error, "description": "bad input"}, 404: {"model": Error, "description": "no such case"},
          422: {"model": Error, "description": "compliance findings or signing failure"}}


class EventIn(BaseModel):
    type: Literal["reminder_sent", "formal_notice_sent", "formal_notice_received", "formal_notice_unclaimed",
                  "call", "meeting", "dispute_raised", "payment_plan_proposed", "payment_plan_signed",
                  "payment_plan_defaulted", "injunction_filed", "injunction_granted", "injunction_served",
                  "bailiff_instructed"]
    date: date
    channel: Literal["email", "letter", "registered_letter", "registered_email", "hand_delivery", "bailiff",
                     "phone", "meeting"] | None = None
    tracking_number: str | None = Field(None, max_length=60)
    fee: str | None = Field(None, pattern=r"^\d{1,12}(\.\d{1,2})?$", description="A fee charged with it, e.g. 15.00")
    note: str | None = Field(None, max_length=500)
    as_of: date | None = Field(None, description="Validate the new case file as of this day (default: the server's).")


class PaymentIn(BaseModel):
    amount: str = Field(pattern=r"^\d{1,12}(\.\d{1,2})?$", description="e.g. 250.00")
    date: date
    invoice: str | None = Field(None, max_length=60, description="The invoice the debtor designated, if any.")
    as_of: date | None = None


class DossierIn(BaseModel):
    doc: Literal["mise_en_demeure", "injonction_de_payer"]
    as_of: date | None = None
    accept_unconfirmed: bool = False
    force: bool = Field(False, description="Build a draft despite error findings (never signed).")
    replace: bool = Field(False, description="Replace a signed dossier already built for this date.")


def _day(request: Request, value: date | None) -> date:
    return value or request.app.state.workspace.as_of


def _matter(request: Request, case_id: str, as_of: date | None, accept_unconfirmed: bool = False):  # noqa: ANN202
    ws = request.app.state.workspace
    return docgen.Matter.load(ws.case_file(case_id), _day(request, as_of), accept_unconfirmed=accept_unconfirmed,
                              templates=ws.templates)


@router.get("/cases", summary="The cases of the portfolio")
def cases(request: Request) -> list[str]:
    """Every case identifier of the served portfolio (its folder's name)."""
    return sorted(request.app.state.workspace.cases())


@router.get("/agenda", summary="What to do next in every case, overdue first", responses=ERRORS)
def agenda(request: Request, as_of: date | None = AsOf) -> dict[str, Any]:
    ws = request.app.state.workspace
    ids = {path.resolve(): key for key, path in ws.cases().items()}
    items = []
    for item in docgen.agenda(ws.root, _day(request, as_of)):
        line = item.to_dict()
        line.pop("case")                       # a file path: the identifier stands for it
        items.append({"id": ids.get(item.path.resolve()), **line})
    return {"as_of": _day(request, as_of).isoformat(), "items": items}


@router.get("/cases/{case_id}/validate", summary="Every problem of the case file", responses=ERRORS)
def validate(request: Request, case_id: str, as_of: date | None = AsOf) -> dict[str, Any]:
    report = docgen.validate(request.app.state.workspace.case_file(case_id), as_of=_day(request, as_of))
    return {"valid": report.valid,
            "errors": [{"path": p.path, "message": p.message} for p in report.errors],
            "warnings": [{"path": p.path, "message": p.message} for p in report.warnings]}


@router.get("/cases/{case_id}/statement", summary="The décompte on a day", responses=ERRORS)
def statement(request: Request, case_id: str, as_of: date | None = AsOf) -> dict[str, Any]:
    """Principal, interest line by line, indemnities and total due (amounts as decimal strings)."""
    return _matter(request, case_id, as_of).statement.to_dict()


@router.get("/cases/{case_id}/check", summary="Compliance findings of the case or of one document",
            responses=ERRORS)
def check(request: Request, case_id: str, as_of: date | None = AsOf, doc: Doc | None = None,
          accept_unconfirmed: bool = False) -> dict[str, Any]:
    """Without ``doc``: the case's findings (``docgen check``). With it: what the document is
    judged by (its findings and the decisions it prints); ``blocking`` lists the rule ids that
    make rendering it refused."""
    matter = _matter(request, case_id, as_of, accept_unconfirmed)
    if doc is None:
        findings = [f.to_dict() for f in matter.findings]
        return {"findings": findings, "blocking": sorted({f["rule_id"] for f in findings if f["severity"] == "error"})}
    review = matter.review(doc, _options(request, doc))
    return {**review.to_dict(), "blocking": sorted({f.rule_id for f in review.blocking})}


def _options(request: Request, doc: str) -> dict[str, str]:
    options = {k: request.query_params[k] for k in DOC_OPTIONS if request.query_params.get(k)}
    if doc == "relance":
        options.setdefault("level", "1")
    return options


@router.get("/cases/{case_id}/documents/{doc}", summary="Render a document", responses={
    **ERRORS, 200: {"description": "The document", "content": {
        "application/pdf": {}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {},
        "text/html": {}}}})
def render(request: Request, case_id: str, doc: Doc, format: Literal["pdf", "docx", "html"] = "pdf",  # noqa: A002
           as_of: date | None = AsOf, accept_unconfirmed: bool = False, force: bool = False,
           level: int | None = Query(None, ge=1, le=2, description="A reminder's level."),
           part: str | None = Query(None, max_length=40, description="e.g. sommation (a Belgian summons)."),
           channel: str | None = Query(None, max_length=40)) -> Response:
    """The document's bytes; refused (422, with ``findings``) when error findings forbid it,
    unless ``force`` (a draft). Other options: ``days``, ``tracking_number``."""
    matter = _matter(request, case_id, as_of, accept_unconfirmed)
    options = _options(request, doc)
    review = matter.review(doc, options)
    if review.blocking and not force:
        return JSONResponse({"error": f"refusing to render {doc}: {len(review.blocking)} error finding(s)",
                             "exit_code": 1, "problems": [], "findings": [f.to_dict() for f in review.findings]},
                            status_code=422)
    with RENDERING:
        rendered = matter.render(doc, format, options=options, force=force)
    media = {"pdf": "application/pdf", "html": "text/html; charset=utf-8",
             "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}[format]
    return Response(rendered.data, media_type=media, headers={"X-Docgen-Draft": "1" if rendered.draft else "0"})


@router.post("/cases/{case_id}/dossier", summary="Build the dossier (unsigned) and write its bundle",
             responses=ERRORS)
def dossier(request: Request, case_id: str, body: DossierIn) -> dict[str, Any]:
    """Builds the court-ready dossier around ``doc`` and writes its bundle (PDF, pièces,
    manifest, review, ZIP) in the case's ``dossiers/<doc>-<as_of>/`` folder. Signing needs the
    signer's secret: it is done on the Dossier page (or with the library / ``docgen dossier --sign``)."""
    matter = _matter(request, case_id, body.as_of, body.accept_unconfirmed)
    folder = out_dir(request.app.state.workspace.case_file(case_id), body.doc, matter.as_of)
    with RENDERING:
        built = matter.dossier(body.doc, force=body.force,
                               workers=layout_workers(request.app.state.workspace.templates))
        result = docgen.write_bundle(built, folder, matter=matter, doc=body.doc, replace=body.replace)
    return {"draft": built.draft, "pages": built.page_count, "files": result.files,
            "zip": f"/api/v1/cases/{case_id}/dossier/{body.doc}.zip?as_of={matter.as_of.isoformat()}",
            "reviews": [r.to_dict() for r in built.reviews]}


@router.get("/cases/{case_id}/dossier/{doc}.zip", summary="Download a built dossier's ZIP",
            responses={**ERRORS, 200: {"description": "The ZIP", "content": {"application/zip": {}}}})
def dossier_zip(request: Request, case_id: str, doc: Literal["mise_en_demeure", "injonction_de_payer"],
                as_of: date | None = AsOf) -> Response:
    folder = out_dir(request.app.state.workspace.case_file(case_id), doc, _day(request, as_of))
    zips = sorted(folder.glob("*.zip")) if folder.is_dir() else []
    if not zips:
        raise NotFound("no dossier built for this date yet")
    return Response(zips[0].read_bytes(), media_type="application/zip")


@router.post("/cases/{case_id}/events", summary="Record an event", responses=ERRORS)
def record(request: Request, case_id: str, body: EventIn) -> dict[str, Any]:
    """Appends the event to the case file (comments and layout kept, validated before the atomic
    write; nothing is written when the result would be invalid) and returns the new total due."""
    path = request.app.state.workspace.case_file(case_id)
    docgen.record_event(path, body.type, day=body.date, channel=body.channel, tracking=body.tracking_number,
                        fee=body.fee, note=body.note, as_of=_day(request, body.as_of))
    return _after_record(request, case_id, body.as_of)


@router.post("/cases/{case_id}/payments", summary="Record a payment",
             responses={**ERRORS, 501: {"model": Error, "description": "this docgen cannot record payments yet"}})
def payment(request: Request, case_id: str, body: PaymentIn) -> Any:
    if not payments_supported():
        return JSONResponse({"error": "recording a payment needs docgen.record_payment", "exit_code": 2},
                            status_code=501)
    path = request.app.state.workspace.case_file(case_id)
    library.record_payment(path, amount=body.amount, day=body.date, invoice=body.invoice,
                              as_of=_day(request, body.as_of))
    return _after_record(request, case_id, body.as_of)


def _after_record(request: Request, case_id: str, as_of: date | None) -> dict[str, Any]:
    matter = _matter(request, case_id, as_of)
    return {"recorded": True, "total_due": as_str(matter.statement.total_due),
            "statement": matter.statement.to_dict()}
