"""Dossier: see the review findings, build the dossier, sign it with a PKCS#12 file and its
password typed in the page (or the PKCS#11 token ``docgen serve`` was configured with), and
download the ZIP.

The PKCS#12 file lives only in a private temporary folder for the time of the signature and the
password only in this request: neither is stored, neither is logged. The bundle is written to
the case's ``dossiers/<doc>-<as-of>/`` folder by ``docgen.write_bundle``.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

import docgen

from ..errors import DocgenError
from . import params
from .pages_case import load_matter, router
from .security import checked_form, read_upload
from .serial import RENDERING, layout_workers
from .views import page
from .workspace import NotFound

DOSSIER_DOCS = ("mise_en_demeure", "injonction_de_payer")
OUT_FOLDER = "dossiers"


def _doc(value) -> str:  # noqa: ANN001
    if value not in DOSSIER_DOCS:
        raise DocgenError(f"doc: a dossier is built around {' or '.join(DOSSIER_DOCS)}")
    return value


def out_dir(case_file: Path, doc: str, as_of) -> Path:  # noqa: ANN001
    return case_file.parent / OUT_FOLDER / f"{doc}-{as_of.isoformat()}"


@router.get("/case/{case_id}/dossier")
def dossier_page(request: Request, case_id: str):  # noqa: ANN201
    matter = load_matter(request, case_id)
    doc = request.query_params.get("doc")
    if doc not in DOSSIER_DOCS:
        items = docgen.agenda(request.app.state.workspace.case_file(case_id), matter.as_of)
        doc = items[0].doc if items and items[0].doc in DOSSIER_DOCS else "mise_en_demeure"
    return page(request, "dossier.html", nav="agenda", case_id=case_id, case=matter.case, doc=doc,
                docs=DOSSIER_DOCS, review=matter.review(doc), as_of=matter.as_of,
                accept_unconfirmed=matter.accept_unconfirmed, token_signer=request.app.state.sign_setup is not None,
                result=None)


@router.post("/case/{case_id}/dossier")
async def dossier_build(request: Request, case_id: str):  # noqa: ANN201
    form = await checked_form(request)
    key = None
    if form.get("sign") == "pkcs12":
        upload = form.get("pkcs12")
        if upload is None or isinstance(upload, str) or not upload.filename:
            raise DocgenError("pkcs12: choose the signing certificate file (.p12 or .pfx)")
        key = await read_upload(upload, "pkcs12", limit=1024 * 1024)
    # Building, signing (pyHanko runs its own event loop) and writing are blocking work: a thread.
    return await run_in_threadpool(_build_serially, request, case_id, form, key)


def _build_serially(request: Request, case_id: str, form, key):  # noqa: ANN001, ANN202
    with RENDERING:
        return _build(request, case_id, form, key)


def _build(request: Request, case_id: str, form, key):  # noqa: ANN001, ANN202
    matter = load_matter(request, case_id, form)
    doc = _doc(form.get("doc"))
    dossier = matter.dossier(doc, force=params.flag(form, "force"),
                             workers=layout_workers(request.app.state.workspace.templates))
    signed = _signature(request, form, dossier, key)
    folder = out_dir(request.app.state.workspace.case_file(case_id), doc, matter.as_of)
    result = docgen.write_bundle(dossier, folder, matter=matter, doc=doc, signed=signed,
                                 replace=params.flag(form, "replace"))
    return page(request, "dossier.html", nav="agenda", case_id=case_id, case=matter.case, doc=doc,
                docs=DOSSIER_DOCS, review=matter.review(doc), as_of=matter.as_of,
                accept_unconfirmed=matter.accept_unconfirmed, token_signer=request.app.state.sign_setup is not None,
                result=result, signed=signed, draft=dossier.draft)


def _signature(request: Request, form, dossier, key):  # noqa: ANN001, ANN202 - a SignedPdf or None
    how = form.get("sign") or "none"
    if how == "none":
        return None
    password = form.get("password") or ""
    if how == "token":
        setup = request.app.state.sign_setup
        if setup is None:
            raise DocgenError("no signing token is configured (docgen serve --pkcs11-module ...)")
        with docgen.open_signer(setup, ask_secret=lambda prompt: password) as signer:
            return docgen.sign_dossier(dossier, setup, signer)
    if how != "pkcs12" or key is None:
        raise DocgenError("sign: choose how to sign")
    suffix, data = key
    # The file only exists, readable by this user alone, while the signature is made.
    with tempfile.TemporaryDirectory(prefix="docgen-sign-") as private:
        key_file = Path(private) / f"signer{suffix}"
        key_file.write_bytes(data)
        setup = docgen.SigningSetup(pkcs12=key_file)
        with docgen.open_signer(setup, ask_secret=lambda prompt: password) as signer:
            return docgen.sign_dossier(dossier, setup, signer)


@router.get("/case/{case_id}/dossier/{doc}.zip")
def dossier_zip(request: Request, case_id: str, doc: str) -> Response:
    as_of = params.as_of(request)
    folder = out_dir(request.app.state.workspace.case_file(case_id), _doc(doc), as_of)
    zips = sorted(folder.glob("*.zip")) if folder.is_dir() else []
    if not zips:
        raise NotFound("no dossier built for this date yet")
    return Response(zips[0].read_bytes(), media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{zips[0].name}"'})
