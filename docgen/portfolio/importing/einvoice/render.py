"""A readable PDF of an e-invoice that came as XML alone, to serve as its pièce.

A court reads pages, not XML: the page shows what the invoice says (parties, dates, lines,
totals, terms) and names the XML file, the legal original, by its SHA-256. It is made with
docgen's own template (``templates/einvoice/invoice.html.j2``) and WeasyPrint, and is the same
for the same XML.
"""
from __future__ import annotations

import hashlib

from ....render.jinja import environment
from ....resources import templates_dir
from .model import EInvoice, TradeParty

_LABELS = {
    "fr": {"title": "Facture", "credit": "Avoir", "issued": "Date d'émission", "due": "Échéance",
           "preceding": "Facture d'origine", "profile": "Profil", "seller": "Vendeur", "buyer": "Acheteur",
           "item": "Désignation", "quantity": "Quantité", "net": "Montant HT", "total": "Total TTC",
           "prepaid": "Déjà payé", "payable": "Net à payer", "terms": "Conditions de paiement :",
           "original": "Reproduction lisible de la facture électronique ; l'original est le fichier XML"},
    "nl": {"title": "Factuur", "credit": "Creditnota", "issued": "Factuurdatum", "due": "Vervaldag",
           "preceding": "Oorspronkelijke factuur", "profile": "Profiel", "seller": "Verkoper", "buyer": "Koper",
           "item": "Omschrijving", "quantity": "Aantal", "net": "Bedrag excl. btw", "total": "Totaal incl. btw",
           "prepaid": "Reeds betaald", "payable": "Te betalen", "terms": "Betalingsvoorwaarden:",
           "original": "Leesbare weergave van de elektronische factuur; het origineel is het XML-bestand"},
}


def _lines(p: TradeParty) -> list[str]:
    out = [x for x in (p.street, p.line2, " ".join(filter(None, (p.postcode, p.city))), p.country) if x]
    out += [f"TVA/BTW {p.vat}"] if p.vat else []
    out += [f"ID {p.legal_id}"] if p.legal_id else []
    return out


def render_pdf(invoice: EInvoice, language: str) -> bytes:
    # lazy: WeasyPrint (render/pdf.py) loads only when a PDF is laid out
    from ....render.pdf import html_to_pdf

    labels = dict(_LABELS.get(language, _LABELS["fr"]))
    if invoice.credit_note:
        labels["title"] = labels["credit"]
    digest = hashlib.sha256(invoice.xml).hexdigest()
    context = {
        "lang": language, "L": labels, "number": invoice.number, "source": invoice.source.name,
        "issue_date": invoice.issue_date.isoformat(),
        "due_date": invoice.due_date.isoformat() if invoice.due_date else None,
        "preceding": ", ".join(invoice.preceding), "profile": invoice.profile,
        "parties": [(labels["seller"], {"name": invoice.seller.name, "lines": _lines(invoice.seller)}),
                    (labels["buyer"], {"name": invoice.buyer.name, "lines": _lines(invoice.buyer)})],
        "lines": [(name, qty if qty is not None else "", net if net is not None else "")
                  for name, qty, net in invoice.lines[:500]],
        "total": f"{invoice.total:.2f}", "prepaid": f"{invoice.prepaid:.2f}" if invoice.prepaid else None,
        "payable": f"{invoice.payable:.2f}", "terms": invoice.terms, "iban": invoice.iban,
        "notes": list(invoice.notes[:20]), "file_name": invoice.source.name, "sha256": digest,
    }
    roots = (templates_dir(),)
    markup = environment(roots).get_template("einvoice/invoice.html.j2").render(context)
    return html_to_pdf(markup, roots, identity=f"einvoice|{digest}|{language}")
