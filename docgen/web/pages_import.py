"""Import: upload a CSV/XLSX export, map its columns (the mapping is remembered in the
portfolio's ``.docgen/import-mapping.yaml``), preview the cases and the rejected rows, confirm.

The uploaded file is kept in the portfolio's ``.docgen/uploads/`` under a random name until the
import is confirmed; the preview is an import into a temporary folder, the confirmation the same
import into the portfolio (``docgen.import_invoices`` both times: nothing is computed here).
"""
from __future__ import annotations

import re
import secrets
import tempfile
from pathlib import Path

from fastapi import Request
from starlette.concurrency import run_in_threadpool

import docgen

from ..atomic import write_bytes, write_text
from ..errors import DocgenError
from .pages_portfolio import router
from .security import checked_form, read_upload
from .views import page
from .workspace import NotFound

_UPLOAD = re.compile(r"^[0-9a-f]{32}\.(csv|xlsx)$")
MAPPING_FILE = "import-mapping.yaml"
# The fields the mapping form offers (the import knows more: they keep their default headers).
OFFERED = ("case_reference", "invoice_number", "issue_date", "due_date", "amount", "paid", "description",
           "debtor_name", "debtor_kind", "debtor_registration", "debtor_vat", "debtor_street", "debtor_postcode",
           "debtor_city", "debtor_country", "debtor_email", "relationship", "jurisdiction", "language")


def _mapping_path(request: Request) -> Path:
    return request.app.state.workspace.state_dir() / MAPPING_FILE


def _upload_path(request: Request, upload_id: str | None) -> Path:
    if not upload_id or not _UPLOAD.match(upload_id):
        raise NotFound("no such upload: start the import again")
    path = request.app.state.workspace.state_dir("uploads") / upload_id
    if not path.is_file():
        raise NotFound("no such upload: start the import again")
    return path


@router.get("/import")
def import_page(request: Request):  # noqa: ANN201
    return page(request, "import.html", nav="import", step="upload")


@router.post("/import")
async def import_upload(request: Request):  # noqa: ANN201
    form = await checked_form(request)
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise DocgenError("choose the CSV or XLSX file to import")
    suffix, data = await read_upload(upload, "sheet")
    upload_id = secrets.token_hex(16) + suffix
    write_bytes(request.app.state.workspace.state_dir("uploads") / upload_id, data)
    return await run_in_threadpool(_mapping_form, request, upload_id)


def _mapping_form(request: Request, upload_id: str):  # noqa: ANN202
    remembered = _mapping_path(request)
    columns = docgen.spreadsheet_columns(_upload_path(request, upload_id),
                                         mapping=remembered if remembered.is_file() else None)
    ws = request.app.state.workspace
    return page(request, "import.html", nav="import", step="map", upload_id=upload_id, columns=columns,
                offered=OFFERED, creditors=sorted(ws.cases()))


def _settings(request: Request, form) -> dict:  # noqa: ANN001
    """The import's options from the mapping form; the mapping is written (remembered) first."""
    chosen = {name: form.get(f"col_{name}") for name in OFFERED if form.get(f"col_{name}")}
    if chosen:
        lines = ["# Column mapping remembered by docgen serve (the Import page)", "columns:"]
        lines += [f"  {name}: {_yaml_string(header)}" for name, header in chosen.items()]
        write_text(_mapping_path(request), "\n".join(lines) + "\n")
    creditor = form.get("creditor") or None
    ws = request.app.state.workspace
    return {"mapping": _mapping_path(request) if _mapping_path(request).is_file() else None,
            "creditor": ws.case_file(creditor) if creditor else None,
            "jurisdiction": form.get("jurisdiction") or None, "relationship": form.get("relationship") or None,
            "language": form.get("language") or None}


def _yaml_string(text: str) -> str:
    import json

    return json.dumps(str(text)[:200], ensure_ascii=False)     # a JSON string is a YAML string


@router.post("/import/preview")
async def import_preview(request: Request):  # noqa: ANN201
    form = await checked_form(request)
    return await run_in_threadpool(_preview, request, form)


def _preview(request: Request, form):  # noqa: ANN001, ANN202
    upload_id = form.get("upload_id")
    source = _upload_path(request, upload_id)
    settings = _settings(request, form)
    with tempfile.TemporaryDirectory(prefix="docgen-import-") as scratch:
        report = docgen.import_invoices(source, Path(scratch) / "cases", **settings)
    return page(request, "import.html", nav="import", step="preview", upload_id=upload_id, report=report,
                form=dict(form), written=[(w.reference, w.invoices, w.lines) for w in report.written])


@router.post("/import/confirm")
async def import_confirm(request: Request):  # noqa: ANN201
    form = await checked_form(request)
    return await run_in_threadpool(_confirm, request, form)


def _confirm(request: Request, form):  # noqa: ANN001, ANN202
    source = _upload_path(request, form.get("upload_id"))
    settings = _settings(request, form)
    ws = request.app.state.workspace
    report = docgen.import_invoices(source, ws.import_target(), **settings)
    source.unlink(missing_ok=True)
    written = [(ws.id_of(w.path), w.reference, w.invoices) for w in report.written]
    return page(request, "import.html", nav="import", step="done", report=report, written=written)
