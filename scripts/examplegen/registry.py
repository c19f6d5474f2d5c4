"""Which renderer makes which file a case names; the names no renderer knows."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .common import Case
from .contracts import (
    render_cgv_fr_b2b, render_contract_be_b2b, render_offer_be_b2c, render_pv_reception,
    render_quote_fr_b2b, render_quote_fr_b2c)
from .emails import eml_be_b2b_reminder, eml_be_b2c_reminder, eml_fr_b2b_reminder, eml_fr_b2c_reminder
from .invoices import render_credit_note, render_invoice
from .letters import letter_be_b2c_first_reminder, letter_fr_b2b_reminder
from .receipts import render_bpost_receipt, render_laposte_receipt
from .scans import render_ar_scan, render_signed_plan_scan


EXHIBITS: dict[tuple[str, str], Callable[[Case, dict], bytes]] = {
    ("fr-b2b", "pieces/cgv-menuiserie-ricordeau-2023.pdf"): render_cgv_fr_b2b,
    ("fr-b2b", "pieces/devis-D-2023-052-signe.pdf"): render_quote_fr_b2b,
    ("fr-b2c", "pieces/devis-D-2025-031-signe.pdf"): render_quote_fr_b2c,
    ("fr-b2c", "pieces/pv-reception-travaux-2025-04-10.pdf"): render_pv_reception,
    ("be-b2b", "pieces/contrat-cadre-CC-2024-11.pdf"): render_contract_be_b2b,
    ("be-b2c", "pieces/offerte-OF-2025-0144-ondertekend.pdf"): render_offer_be_b2c,
}


REMINDER_EMAILS = {"fr-b2b": eml_fr_b2b_reminder, "fr-b2c": eml_fr_b2c_reminder,
                   "be-b2b": eml_be_b2b_reminder, "be-b2c": eml_be_b2c_reminder}


REMINDER_LETTERS = {"fr-b2b": letter_fr_b2b_reminder, "be-b2c": letter_be_b2c_first_reminder}


def proof_builder(case: Case, event: dict) -> Callable[[], bytes] | None:
    kind, channel, ext = event["type"], event.get("channel"), event["proof"].rsplit(".", 1)[-1].lower()
    if kind == "reminder_sent" and ext == "eml" and case.name in REMINDER_EMAILS:
        return lambda: REMINDER_EMAILS[case.name](case, event)
    if kind == "reminder_sent" and ext == "pdf" and case.name in REMINDER_LETTERS:
        return lambda: REMINDER_LETTERS[case.name](case, event)
    if kind == "formal_notice_sent" and channel == "registered_letter" and ext == "pdf":
        render = render_laposte_receipt if case.country == "FR" else render_bpost_receipt
        return lambda: render(case, event)
    if kind == "formal_notice_received" and ext in ("jpg", "png") and case.country == "FR":
        return lambda: render_ar_scan(case, event, ext)
    if kind == "payment_plan_signed" and ext == "png" and case.name == "be-b2c":
        return lambda: render_signed_plan_scan(case, event)
    return None


def builders(case: Case) -> tuple[dict[str, Callable[[], bytes]], list[str]]:
    """Every file the case names, with the function that renders it; and the names
    no renderer knows (a problem: the example would point at a missing file)."""
    out: dict[str, Callable[[], bytes]] = {}
    unknown: list[str] = []
    for inv in case.invoices:
        if inv.get("file"):
            out[inv["file"]] = (lambda inv=inv: render_invoice(case, inv))
    for event in case.data.get("events", []):
        if event.get("proof"):
            build = proof_builder(case, event)
            (out.__setitem__(event["proof"], build) if build else unknown.append(event["proof"]))
    for exhibit in case.data.get("exhibits", []):
        rel = exhibit["file"]
        credit = next((cn for cn in case.data.get("credit_notes", []) if Path(rel).stem == cn["number"]), None)
        if credit:
            out[rel] = (lambda cn=credit: render_credit_note(case, cn))
        elif (case.name, rel) in EXHIBITS:
            out[rel] = (lambda ex=exhibit, f=EXHIBITS[(case.name, rel)]: f(case, ex))
        else:
            unknown.append(rel)
    return out, unknown

