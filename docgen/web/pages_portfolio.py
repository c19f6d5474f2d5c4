"""The pages about the whole portfolio: Agenda, Aging and Import."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response

import docgen

from ..portfolio.aging import BUCKETS, chart_svg, to_csv
from . import params
from .views import page

router = APIRouter(include_in_schema=False)

SORTS = ("date", "reference", "debtor", "total")


def agenda_rows(request: Request, as_of) -> list[dict]:  # noqa: ANN001 - a date
    """The agenda of the portfolio, each line with its case identifier (never its path)."""
    ws = request.app.state.workspace
    ids = {path.resolve(): key for key, path in ws.cases().items()}
    rows = []
    for item in docgen.agenda(ws.root, as_of):
        rows.append({"id": ids.get(Path(item.path).resolve()), "item": item,
                     "blocked": not item.can_proceed, "due": item.due_on(as_of)})
    return rows


@router.get("/")
def agenda_page(request: Request):  # noqa: ANN201
    as_of = params.as_of(request)
    q = request.query_params
    rows = agenda_rows(request, as_of)
    counts = {"cases": len(rows), "overdue": sum(r["item"].overdue for r in rows),
              "due": sum(r["due"] for r in rows), "blocked": sum(r["blocked"] for r in rows),
              "stages": Counter(r["item"].stage for r in rows)}
    stages = sorted(counts["stages"])
    stage, jurisdiction = params.text(q, "stage"), params.text(q, "jurisdiction")
    search = (params.text(q, "q") or "").casefold()
    shown = [r for r in rows
             if (not stage or r["item"].stage == stage)
             and (not jurisdiction or r["item"].jurisdiction == jurisdiction)
             and (not search or search in (r["item"].debtor or "").casefold()
                  or search in (r["item"].reference or "").casefold())]
    sort = q.get("sort") if q.get("sort") in SORTS else "date"
    if sort != "date":          # the library's order (overdue first) is the default
        key = {"reference": lambda r: (r["item"].reference or "").casefold(),
               "debtor": lambda r: (r["item"].debtor or "").casefold(),
               "total": lambda r: -(r["item"].total_due or 0)}[sort]
        shown.sort(key=key)
    return page(request, "agenda.html", nav="agenda", as_of=as_of, rows=shown, counts=counts, stages=stages,
                filters={"stage": stage, "jurisdiction": jurisdiction, "q": q.get("q") or "", "sort": sort},
                sorts=SORTS)


@router.get("/aging")
def aging_page(request: Request):  # noqa: ANN201

    as_of = params.as_of(request)
    report = docgen.aging(request.app.state.workspace.root, as_of)
    return page(request, "aging.html", nav="aging", as_of=as_of, report=report, buckets=BUCKETS,
                chart=chart_svg(report))


@router.get("/aging.csv")
def aging_csv(request: Request) -> Response:
    as_of = params.as_of(request)
    report = docgen.aging(request.app.state.workspace.root, as_of)
    return Response(to_csv(report).encode("utf-8-sig"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="aging-{as_of.isoformat()}.csv"'})

