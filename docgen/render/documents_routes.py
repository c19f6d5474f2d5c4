"""What the documents of the other roads to payment add to the common context: the declaration
of a claim in the debtor's collective proceedings (FR, BE), and the bailiff routes' requests.

Everything legal is decided in docgen.law (insolvency, routes); this module only formats it.
``statement_day`` tells the engine the day a document's figures are stated at: a declaration
states the claim as it stood on the opening judgment (interest stops then, and a €40 indemnity
is owed only for an invoice already late that day), whatever day it is signed.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from ..law.decisions import decide_rate
from ..law.insolvency import (decide_declaration_deadline, kind_label, proceedings,
                              statement_day as judgment_day)
from ..law.money import ZERO, as_str
from ..law.statement import Statement
from ..model.case import Address, Case
from .exhibits import exhibit_list
from .formatting import long_date, money, rate, short_date
from .documents_bailiff import EXTRAS as BAILIFF

DECLARATION = "declaration_de_creance"
ROUTE_DOCUMENTS = (DECLARATION, "requete_petites_creances", "requete_l126", "instruction_huissier")

_ROLES = {"fr": {"mandataire": "mandataire judiciaire", "liquidateur": "liquidateur judiciaire",
                 "administrateur": "administrateur judiciaire", "curateur": "curateur"},
          "nl": {"curateur": "curator", "mandataire": "gerechtsmandataris", "liquidateur": "vereffenaar",
                 "administrateur": "gerechtelijk bewindvoerder"}}


def statement_day(case: Case, doc: str, as_of: date) -> date:
    """The day the figures of ``doc`` are stated at (``as_of`` for every other document)."""
    return judgment_day(case, as_of) if doc == DECLARATION else as_of


def _address(address: Address | None) -> list[str]:
    if address is None:
        return []
    return [x for x in (address.street, address.line2, f"{address.postcode} {address.city}") if x] + (
        [address.country] if address.country not in ("FR", "BE") else [])


def _claim_lines(case: Case, st: Statement, lang: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Invoices owed on the judgment day: those already due (échues) and those to fall due (à échoir,
    L622-25: « avec indication des sommes à échoir et de la date de leurs échéances »)."""
    balances = {b.invoice: b for b in st.invoices}
    due, to_fall_due = [], []
    for inv in case.invoices:
        bal = balances.get(inv.number)
        if bal is None or bal.outstanding <= 0:
            continue
        row = {"number": inv.number, "issue_date": short_date(inv.issue_date), "due_date": short_date(inv.due_date),
               "description": inv.description or "", "amount": money(inv.amount, lang),
               "outstanding": money(bal.outstanding, lang)}
        (due if inv.due_date < st.as_of else to_fall_due).append(row)
    return due, to_fall_due


def declaration(case: Case, st: Statement, as_of: date, options: dict) -> dict[str, Any]:
    lang = case.language
    ins = proceedings(case)
    if ins is None:     # refused by DECLARATION-WITHOUT-PROCEEDINGS; a forced draft still renders
        empty = dict.fromkeys(("kind", "kind_key", "court", "judgment_date", "publication", "case_number",
                               "publication_date", "deadline"), "")
        due, to_fall_due = _claim_lines(case, st, lang)
        return {"insolvency": empty, "administrator": None, "exhibits": exhibit_list(case, as_of),
                "claim": {"due": due, "to_fall_due": to_fall_due, "to_fall_due_total": money(ZERO, lang),
                          "due_principal": money(st.outstanding_principal, lang), "rate": "", "rate_basis": "",
                          "pending": []}}
    deadline = decide_declaration_deadline(case)
    rate_decision = decide_rate(case, st.as_of, st, assume_last=bool(options.get("assume_last_rate")))
    admin = ins.administrator
    due, to_fall_due = _claim_lines(case, st, lang)
    to_fall_due_total = sum((b.outstanding for b in st.invoices
                             if b.outstanding > 0 and case.invoice(b.invoice).due_date >= st.as_of), ZERO)
    disputes = [e for e in case.events_of("injunction_filed", "injunction_granted", "injunction_served")
                if e.date <= st.as_of]
    return {
        "insolvency": {
            "kind": kind_label(case), "kind_key": ins.kind, "court": ins.court or "",
            "judgment_date": long_date(ins.judgment_date, lang),
            "publication": ins.publication or "", "case_number": ins.case_number or "",
            "publication_date": long_date(ins.publication_date, lang) if ins.publication_date else "",
            "deadline": long_date(deadline.result.last_day, lang) if deadline.result is not None else "",
        },
        "administrator": None if admin is None else {
            "role": _ROLES[lang].get(admin.role, admin.role), "name": admin.name,
            "address_lines": _address(admin.address), "email": admin.email or ""},
        "claim": {
            "due": due, "to_fall_due": to_fall_due,
            "to_fall_due_total": money(to_fall_due_total, lang),
            "due_principal": money(st.outstanding_principal - to_fall_due_total, lang),
            "rate": rate(rate_decision.result.percent, lang) if rate_decision.result.percent is not None else "",
            "rate_basis": rate_decision.result.basis,
            "pending": [{"type": e.type, "date": long_date(e.date, lang)} for e in disputes],
        },
        "exhibits": exhibit_list(case, as_of),
    }


def regsol_export(case: Case, as_of: date, statement: Statement) -> dict[str, Any]:
    """The data of a Belgian claim declaration, as a lawyer types it into the central solvency
    register (RegSol): identities, the proceedings, the amounts stated on the judgment day and the
    pièces. Plain strings and decimal strings, so that it is stable and readable; ``statement`` must
    be stated on the judgment day (``statement_day``)."""

    ins = proceedings(case)

    def party(p) -> dict[str, Any]:  # noqa: ANN001
        reg = p.registration
        return {"name": p.display_name, "enterprise_number": reg.number if reg else None,
                "registration_scheme": reg.scheme if reg else None, "vat_number": p.vat_number,
                "address": _address(p.address)}

    exhibits = exhibit_list(case, as_of)
    return {
        "format": "docgen.regsol_claim/1",
        "reference": case.reference,
        "declared_on": as_of.isoformat(),
        "proceedings": None if ins is None else {
            "kind": ins.kind, "court": ins.court, "judgment_date": ins.judgment_date.isoformat(),
            "case_number": ins.case_number,
            "claims_deadline": ins.claims_deadline.isoformat() if ins.claims_deadline else None,
            "curator": ins.administrator.name if ins.administrator else None},
        "creditor": party(case.creditor),
        "debtor": party(case.debtor),
        "claim": {
            "stated_at": statement.as_of.isoformat(), "currency": statement.currency,
            "principal": as_str(statement.outstanding_principal),
            "interest": as_str(statement.interest_outstanding),
            "indemnities": as_str(statement.indemnities_total - statement.indemnities_paid),
            "total": as_str(statement.total_due), "rank": "chirographaire",
            "invoices": [{"number": b.invoice, "outstanding": as_str(b.outstanding),
                          "due_date": case.invoice(b.invoice).due_date.isoformat()}
                         for b in statement.invoices if b.outstanding > 0],
        },
        "documents": [{"number": x["number"], "title": x["title"], "date": x["date"], "file": x["file"]}
                      for x in exhibits],
    }


EXTRAS = {DECLARATION: declaration, **BAILIFF}
