"""Record: a payment, a letter sent (channel, tracking number, proof), a call or meeting, or a
dispute. ``docgen.record_event`` validates and writes the case file atomically, comments and
layout kept; then the Case page shows the updated statement.

A proof uploaded with the form is stored in the case's own ``proofs/`` folder under a cleaned
name (never the browser's path), and removed again when the event is refused.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

import docgen
import docgen.api as library

from ..atomic import write_bytes
from ..errors import DocgenError
from . import params, vocab
from .pages_case import router
from .security import checked_form, read_upload, safe_stem
from .views import page, query

_CHANNEL_NEEDED = ("reminder_sent", "formal_notice_sent")


def payments_supported() -> bool:
    """Whether the library records payments (``docgen.record_payment``, issue 15 item 5)."""
    return hasattr(library, "record_payment")


@router.get("/case/{case_id}/record")
def record_page(request: Request, case_id: str):  # noqa: ANN201
    path = request.app.state.workspace.case_file(case_id)
    case = docgen.load_case(path)
    return page(request, "record.html", nav="agenda", case_id=case_id, case=case, as_of=params.as_of(request),
                kinds=vocab.RECORD_KINDS, channels=list(vocab.CHANNELS), payments=payments_supported(),
                today=request.app.state.workspace.as_of)


@router.post("/case/{case_id}/record")
async def record_post(request: Request, case_id: str):  # noqa: ANN201
    form = await checked_form(request)
    path = request.app.state.workspace.case_file(case_id)
    as_of = params.as_of(request, form)
    kind = form.get("kind")
    if kind not in vocab.RECORD_KINDS:
        raise DocgenError("kind: choose what to record")
    when = params.day(form.get("date"), "date")
    if when is None:
        raise DocgenError("date: when did it happen?")
    if kind == "payment":
        await run_in_threadpool(record_payment, path, form, when, as_of)
    else:
        await _record_event(path, form, kind, when, as_of)
    target = f"/case/{case_id}" + query(as_of=as_of, accept_unconfirmed=params.flag(form, "accept_unconfirmed"),
                                        recorded=kind)
    return RedirectResponse(target + "#statement", status_code=303)


def record_payment(path: Path, form, when, as_of) -> Path:  # noqa: ANN001
    """A payment through ``docgen.record_payment(case, amount=, day=, invoice=, as_of=)``."""
    if not payments_supported():
        raise DocgenError("recording a payment needs a newer docgen library (docgen.record_payment)")
    amount = params.text(form, "amount", 20)
    if not amount:
        raise DocgenError("amount: how much was paid?")
    return library.record_payment(path, amount=amount.replace(",", "."), day=when,
                                     invoice=params.text(form, "invoice", 60), as_of=as_of)


async def _record_event(path: Path, form, kind: str, when, as_of) -> Path:  # noqa: ANN001
    channel = form.get("channel") or None
    if channel is not None and channel not in vocab.CHANNELS:
        raise DocgenError("channel: choose how it was sent")
    if channel is None and kind in _CHANNEL_NEEDED:
        raise DocgenError("channel: say how it was sent")
    stored = None
    upload = form.get("proof")
    if upload is not None and not isinstance(upload, str) and upload.filename:
        suffix, data = await read_upload(upload, "proof")
        stored = _free_name(path.parent / "proofs", f"{safe_stem(upload.filename, kind)}-{when.isoformat()}", suffix)
        stored.parent.mkdir(exist_ok=True)
        write_bytes(stored, data)
    try:
        return await run_in_threadpool(
            docgen.record_event, path, kind, day=when, channel=channel, proof=stored,
            tracking=params.text(form, "tracking", 60), note=params.text(form, "note", 500), as_of=as_of)
    except BaseException:
        if stored is not None:
            stored.unlink(missing_ok=True)
        raise


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    for n in range(1, 1000):
        candidate = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        if not candidate.exists():
            return candidate
    raise DocgenError("too many proofs with this name")
