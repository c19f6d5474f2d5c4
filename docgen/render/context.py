"""The one context object both outputs (PDF and DOCX) are rendered from.

Templates receive pre-formatted strings only: amounts, dates and rates are formatted
here, in the case's language, so no template does arithmetic or formatting and the two
outputs cannot disagree on a figure.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


from ..law.statement import Statement
from ..model.case import Case, Party
from .columns import ref_column
from .formatting import long_date, money, rate, short_date
from .parties import address_lines, business_mentions, formatted_iban, registration_text
from .words import amount_in_words


@dataclass(frozen=True)
class RenderRequest:
    case: Case
    statement: Statement
    as_of: date
    options: dict


def _party(party: Party, lang: str, sender_country: str, warnings: list[str]) -> dict[str, Any]:
    lines, notes = address_lines(party.display_name, party.address, sender_country=sender_country,
                                 language=lang)
    warnings += notes
    a = party.address
    return {
        "name": party.display_name,
        "is_person": party.kind == "person",
        "legal_form": party.legal_form or "",
        "address_lines": lines,
        "address_fits": not notes,
        "address": ", ".join(x for x in (a.street, a.line2, f"{a.postcode} {a.city}") if x) if a else "",
        "city": a.city if a else "",
        "mentions": business_mentions(party, lang),
        "registration": registration_text(party, lang) or "",
        "vat_number": party.vat_number or "",
        "email": party.email or "",
        "phone": party.phone or "",
        "iban": formatted_iban(party.iban) or "",
        "bic": party.bic or "",
        "signatory_name": party.signatory.name if party.signatory else party.display_name,
        "signatory_title": (party.signatory.title or "") if party.signatory else "",
    }


def _representative(case: Case, lang: str) -> dict[str, Any] | None:
    rep = case.creditor.represented_by
    if rep is None:
        return None
    a = rep.address
    lines = [x for x in (rep.firm, a.street if a else None, a.line2 if a else None,
                         f"{a.postcode} {a.city}" if a else None) if x]
    return {"kind": rep.kind, "name": rep.name, "firm": rep.firm or "", "bar": rep.bar or "",
            "address_lines": lines, "city": a.city if a else "", "email": rep.email or "",
            "phone": rep.phone or "",
            "registration": _registration_label(rep.registration, lang)}


def _registration_label(reg, lang: str) -> str:  # noqa: ANN001
    if reg is None:
        return ""
    if reg.scheme == "BCE":
        return f"{'BCE' if lang == 'fr' else 'KBO'} {reg.number}"
    return f"{reg.scheme} {reg.number}" if not reg.number.upper().startswith(reg.scheme) else reg.number


def _statement(st: Statement, lang: str) -> dict[str, Any]:
    m = lambda x: money(x, lang)  # noqa: E731
    lines = [{"invoice": l.invoice, "first": short_date(l.first), "last": short_date(l.last),
              "days": str(l.days), "rate": rate(l.rate_percent, lang),
              "base": m(l.balance), "amount": m(l.amount), "basis": l.basis} for l in st.interest]
    principal_paid = st.paid - st.interest_paid - st.indemnities_paid
    return {
        "principal": m(st.principal), "credited": m(st.credited), "paid": m(st.paid),
        # How the payments were applied: the summary subtracts each share where it belongs, so
        # every total can be re-added with a pencil (principal − credited − principal paid = outstanding).
        "principal_paid": m(principal_paid), "has_principal_paid": principal_paid > 0,
        "has_interest_paid": st.interest_paid > 0,
        "payments_applied": [{"amount": m(amount), "on": on} for on, amount in
                             (("principal", principal_paid), ("interest", st.interest_paid),
                              ("indemnities", st.indemnities_paid)) if amount > 0],
        "has_credits": st.credited > 0, "has_payments": st.paid > 0,
        "outstanding_principal": m(st.outstanding_principal),
        "interest_total": m(st.interest_total), "interest_paid": m(st.interest_paid),
        "interest_outstanding": m(st.interest_outstanding), "has_interest": bool(st.interest),
        "lines": lines, "bases": sorted({l.basis for l in st.interest}),
        "indemnities": [{"invoice": i.invoice, "kind": i.kind, "amount": m(i.amount),
                         "basis": i.basis + (f" ({'solde de' if lang == 'fr' else 'saldo van'} {m(i.base)} "
                                             f"{'au' if lang == 'fr' else 'op'} {short_date(i.base_date)})"
                                             if i.base is not None and i.base_date else "")}
                        for i in st.indemnities],
        "indemnities_total": m(st.indemnities_total), "indemnities_paid": m(st.indemnities_paid),
        "has_indemnities_paid": st.indemnities_paid > 0,
        "total_due": m(st.total_due), "total_due_words": amount_in_words(st.total_due, lang),
        "any_unconfirmed": any(l.unconfirmed for l in st.interest),
        "interest_from": short_date(st.interest[0].first) if st.interest else "",
        "interest_to": short_date(st.as_of),
    }


def build_context(req: RenderRequest) -> dict[str, Any]:
    case, st, lang = req.case, req.statement, req.case.language
    warnings: list[str] = []
    creditor_country = case.creditor.address.country if case.creditor.address else case.jurisdiction
    balances = {b.invoice: b for b in st.invoices}
    invoices = []
    for inv in case.invoices:
        bal = balances.get(inv.number)
        invoices.append({
            "number": inv.number, "issue_date": short_date(inv.issue_date), "due_date": short_date(inv.due_date),
            "issue_date_long": long_date(inv.issue_date, lang), "due_date_long": long_date(inv.due_date, lang),
            "amount": money(inv.amount, lang), "description": inv.description or "",
            "outstanding": money(bal.outstanding, lang) if bal else money(inv.amount, lang),
            "is_open": bal is None or bal.outstanding > 0,
        })
    creditor = _party(case.creditor, lang, creditor_country, warnings)
    debtor = _party(case.debtor, lang, creditor_country, warnings)
    rep = _representative(case, lang)
    contract = case.contract
    return {
        "lang": lang, "jurisdiction": case.jurisdiction, "relationship": case.relationship,
        "is_consumer": case.relationship == "B2C", "reference": case.reference,
        "interest_day_count": case.interest_day_count, "imputation": case.imputation,
        "as_of": long_date(req.as_of, lang), "as_of_short": short_date(req.as_of),
        "place": (rep["city"] if rep and rep["city"] else creditor["city"]),
        "creditor": creditor, "debtor": debtor, "representative": rep,
        "sender_name": rep["name"] if rep else creditor["name"],
        "contract": {"reference": (contract.reference or "") if contract else "",
                     "date": long_date(contract.date, lang) if contract and contract.date else "",
                     "general_terms": bool(contract and contract.general_terms_accepted)},
        "invoices": invoices, "open_invoices": [i for i in invoices if i["is_open"]],
        # every table's invoice-number column: as wide as the case's longest number needs
        "ref_col": ref_column(inv.number for inv in case.invoices),
        "st": _statement(st, lang),
        "warnings": warnings,
        **req.options,
    }
