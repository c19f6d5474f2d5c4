"""An ``EInvoice`` as the parts of a case file (EN 16931 business terms -> case fields; the
table is in docs/einvoices.md), and the grouping of invoices into one case per seller and debtor.

Invoices of one seller go to the same case when their buyers share an identifier (SIREN, SIRET,
BCE/KBO, VAT number, Peppol endpoint), else when their buyers' normalised names are equal.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ..values import normalize_header
from .model import EInvoice
from .parties import bank, keys, party_data
from .terms import derived_due_date, penalty_proposal


@dataclass
class Item:
    invoice: EInvoice
    creditor: dict[str, Any]
    debtor: dict[str, Any]
    seller_keys: list[str]
    debtor_keys: list[str]
    due_date: date
    findings: list[str] = field(default_factory=list)
    proposal: str | None = None

    @property
    def name(self) -> str:
        return str(self.invoice.source)

    def entry(self) -> dict[str, Any]:
        """The comparable content: what an amended invoice changes."""
        inv = self.invoice
        if inv.credit_note:
            return {"date": inv.issue_date, "amount": f"{inv.total:.2f}", "invoice": inv.preceding[0]}
        return {"issue_date": inv.issue_date, "due_date": self.due_date, "amount": f"{inv.total:.2f}"}


def to_item(inv: EInvoice) -> Item:
    findings = list(inv.findings)
    creditor = party_data(inv.seller, "creditor", "BG-4 seller", findings)
    creditor.update(bank(inv.iban, inv.bic, findings))
    debtor = party_data(inv.buyer, "debtor", "BG-7 buyer", findings)
    due = inv.due_date
    if due is None and not inv.credit_note:
        due, finding = derived_due_date(inv.issue_date, inv.terms)
        findings.append(finding)
    proposal = None if inv.credit_note else penalty_proposal(inv.terms, *inv.notes)
    return Item(inv, creditor, debtor, keys(creditor, (inv.seller.endpoint_scheme, inv.seller.endpoint)),
                keys(debtor, (inv.buyer.endpoint_scheme, inv.buyer.endpoint)), due or inv.issue_date, findings,
                proposal.describe() if proposal else None)


def group(items: list[Item]) -> list[list[Item]]:
    """One list per (seller, debtor), in the order the files came; union of shared identifiers."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, str], int] = {}
    for i, item in enumerate(items):
        seller = item.seller_keys[0]
        for key in item.debtor_keys:
            j = owner.setdefault((seller, key), i)
            if j != i:
                parent[find(i)] = find(j)
    groups: dict[int, list[Item]] = {}
    for i, item in enumerate(items):
        groups.setdefault(find(i), []).append(item)
    return list(groups.values())


def group_key(items: list[Item]) -> str:
    """A key stable across imports: the group's strongest debtor identifier and its seller."""
    ranked = sorted({k for it in items for k in it.debtor_keys},
                    key=lambda k: (["SIREN", "BCE", "VAT", "EP", "NAME"].index(k.split(":")[0]), k))
    return f"{ranked[0]}|{items[0].seller_keys[0]}"


def case_reference(items: list[Item]) -> str:
    name = items[0].debtor.get("name") or "DEBTOR"
    slug = "-".join(normalize_header(name).upper().split())[:28] or "DEBTOR"
    return f"{slug}-{hashlib.sha256(group_key(items).encode()).hexdigest()[:6].upper()}"




def invoice_entry(item: Item, pdf: str, xml: str) -> dict[str, Any]:
    inv = item.invoice
    entry: dict[str, Any] = {"number": inv.number, "issue_date": inv.issue_date, "due_date": item.due_date,
                             "amount": f"{inv.total:.2f}"}
    described = "; ".join(name for name, _, _ in inv.lines if name)
    if described:
        entry["description"] = described[:300] + ("…" if len(described) > 300 else "")
    entry["file"], entry["einvoice"] = pdf, xml
    return entry


def payment_entry(item: Item) -> dict[str, Any] | None:
    """BT-113, already paid: a payment designated to the invoice, dated on its issue date."""
    inv = item.invoice
    if inv.prepaid <= 0:
        return None
    item.findings.append(f"paid amount (BT-113) {inv.prepaid:.2f} recorded as a payment dated on the issue date "
                         "(the e-invoice gives no date): correct it if you know the date")
    return {"date": inv.issue_date, "amount": f"{inv.prepaid:.2f}", "invoice": inv.number}


def credit_entry(item: Item) -> dict[str, Any]:
    inv = item.invoice
    return {"number": inv.number, "date": inv.issue_date, "amount": f"{inv.total:.2f}", "invoice": inv.preceding[0]}


def amount_problem(item: Item) -> str | None:
    inv = item.invoice
    if inv.total <= 0:
        return f"the total with VAT (BT-112) is {inv.total}: nothing to claim"
    if inv.total != inv.total.quantize(Decimal("0.01")):
        return f"the total with VAT (BT-112) {inv.total} has more than 2 decimals"
    if inv.prepaid < 0 or inv.prepaid > inv.total:
        return f"the paid amount (BT-113) {inv.prepaid} is not between 0 and the total {inv.total}"
    if inv.credit_note and not inv.preceding:
        return ("a credit note without the invoice it credits (BT-25, BillingReference/InvoiceDocumentReference): "
                "it cannot be linked to a claim")
    return None
