"""Invoices and credit notes (PDF): lines from ``config``, totals from case.yaml."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from decimal import Decimal

from stdnum import iban as std_iban

from .common import (
    BRUSSELS, NNBSP, PARIS, SPECIMEN, SPECIMEN_NL, Case, address_lines, dshort, esc, eur, fmt_bce,
    fmt_siren, fmt_vat, money, num, party_full_name, pct, registration_text, siren_of)
from .config import CONFIG
from .pdf import BASE_CSS, at, render_pdf


@dataclass
class InvoiceLine:
    text: str
    qty: Decimal
    unit: str
    price: Decimal            # unit price excluding VAT
    rate: Decimal             # VAT rate in percent
    sub: str = ""

    @property
    def amount(self) -> Decimal:
        return money(self.qty * self.price)


def priced_lines(case: Case, number: str, total: Decimal, rate: Decimal, fallback_text: str) -> list[InvoiceLine]:
    """The detailed lines of `number` from CONFIG if they add up to `total` incl. VAT;
    otherwise one line rebuilt from the YAML amount, so the PDF always matches the case."""
    spec = CONFIG[case.name].get("lines", {}).get(number)
    if spec:
        lines = [InvoiceLine(t, Decimal(q), u, Decimal(p), rate, sub) for t, q, u, p, *rest in spec
                 for sub in [rest[0] if rest else ""]]
        if vat_totals(lines)[2] == total:
            return lines
        print(f"  ! {case.name} {number}: detailed lines do not add up to {total}; one line instead",
              file=sys.stderr)
    excl = money(total / (1 + rate / 100))
    return [InvoiceLine(fallback_text, Decimal(1), "forfait" if case.lang == "fr" else "forfait", excl, rate)]


def vat_totals(lines: list[InvoiceLine]) -> tuple[Decimal, dict[Decimal, Decimal], Decimal]:
    excl = sum((ln.amount for ln in lines), Decimal("0"))
    by_rate: dict[Decimal, Decimal] = {}
    for ln in lines:
        by_rate[ln.rate] = by_rate.get(ln.rate, Decimal("0")) + ln.amount
    vat = {r: money(base * r / 100) for r, base in sorted(by_rate.items())}
    return excl, vat, excl + sum(vat.values(), Decimal("0"))


LABELS = {
    "FR": dict(invoice="FACTURE", credit="AVOIR", no="N°", date="Date de facture", due="Date d'échéance",
               performed="Date de réalisation", ref="Référence", client_ids="Client", desc="Désignation",
               qty="Qté", unit="Unité", price="P.U. HT", vat="TVA", amount="Montant HT", total_ex="Total HT",
               total_vat="TVA", total_inc="Total TTC", to_pay="Net à payer", pay="Règlement par virement",
               pay_ref="Libellé à indiquer", due_short="à payer au plus tard le", original="Facture d'origine",
               credit_pay="Montant déduit de la facture", page="Page"),
    "BE": dict(invoice="FACTURE", credit="NOTE DE CRÉDIT", no="N°", date="Date de facture", due="Date d'échéance",
               performed="Période de prestation", ref="Référence", client_ids="Client", desc="Description",
               qty="Qté", unit="Unité", price="P.U. HTVA", vat="TVA", amount="Montant HTVA",
               total_ex="Total HTVA", total_vat="TVA", total_inc="Total TVAC", to_pay="Total à payer",
               pay="Paiement par virement", pay_ref="Communication structurée", due_short="au plus tard le",
               original="Facture d'origine", credit_pay="Montant déduit de la facture", page="Page"),
    "NL": dict(invoice="FACTUUR", credit="CREDITNOTA", no="Nr.", date="Factuurdatum", due="Vervaldag",
               performed="Uitvoeringsdatum", ref="Referentie", client_ids="Klant", desc="Omschrijving",
               qty="Aantal", unit="Eenheid", price="Prijs excl. btw", vat="Btw", amount="Bedrag excl. btw",
               total_ex="Totaal excl. btw", total_vat="Btw", total_inc="Totaal incl. btw", to_pay="Te betalen",
               pay="Betaling via overschrijving", pay_ref="Gestructureerde mededeling", due_short="uiterlijk op",
               original="Oorspronkelijke factuur", credit_pay="Bedrag in mindering van factuur", page="Pagina"),
}


def labels(case: Case) -> dict:
    return LABELS["NL" if case.lang == "nl" else case.country]


def legal_footer(case: Case) -> str:
    """One line with the creditor's mandatory business mentions."""
    c, cfg, lang = case.creditor, CONFIG[case.name], case.lang
    bits = [party_full_name(c)]
    if c.get("kind") == "sole_trader":
        bits = [f"{c['first_name']} {c['last_name']} EI – {c['name']}", "Entrepreneur individuel"]
    elif c.get("share_capital"):
        bits = [c["name"], f"{c['legal_form']} au capital de {eur(c['share_capital'])}"]
    bits.append(", ".join(address_lines(c, upper=False, with_name=False)))
    reg = registration_text(c, lang, cfg.get("register"))
    if reg:
        bits.append(reg)
    if c.get("vat_number"):
        bits.append(("Btw " if lang == "nl" else "TVA ") + fmt_vat(c["vat_number"]))
    if c.get("iban"):
        bits.append(f"IBAN {std_iban.format(c['iban'])}" + (f" – BIC {c['bic']}" if c.get("bic") else ""))
    bits += cfg.get("footer_extra", [])
    return f'<div class="legal">{esc(" · ".join(bits))}</div>'


def seller_block(case: Case) -> str:
    c, cfg = case.creditor, CONFIG[case.name]
    a = c["address"]
    name = c["name"] if c.get("kind") != "company" else party_full_name(c)
    contact = " · ".join(x for x in (c.get("phone"), c.get("email")) if x)
    return (f'<div class="brand" style="color:{cfg["brand"]}">{esc(name)}</div>'
            f'<div class="tag">{esc(cfg["tagline"])}</div>'
            + (f'<div class="coords"><b>{esc(c["first_name"])} {esc(c["last_name"])} EI</b> – entrepreneur individuel</div>'
               if c.get("kind") == "sole_trader" else "") +
            f'<div class="coords">{esc(a["street"])} · {esc(a["postcode"])} {esc(a["city"])}<br>{esc(contact)}</div>')


def window_block(case: Case, party: dict, attention: str | None = None) -> str:
    lines = address_lines(party, home=case.country)
    if attention:
        lines.insert(1, attention)
    return "<br>".join(esc(x) for x in lines)


def render_invoice(case: Case, inv: dict) -> bytes:
    cfg, lab, lang = CONFIG[case.name], labels(case), case.lang
    total = money(inv["amount"])
    rate = Decimal(cfg["vat"])
    lines = priced_lines(case, inv["number"], total, rate, inv.get("description", ""))
    excl, vat, incl = vat_totals(lines)
    assert incl == total, (inv["number"], incl, total)
    brand = cfg["brand"]
    d = case.debtor
    meta = [(lab["no"] + (" facture" if lang == "fr" else ""), inv["number"]),
            (lab["date"], dshort(inv["issue_date"]))]
    if cfg.get("performed", {}).get(inv["number"]):
        meta.append((lab["performed"], cfg["performed"][inv["number"]]))
    meta.append((lab["due"], dshort(inv["due_date"])))
    if cfg.get("order_ref", {}).get(inv["number"]):
        meta.append((lab["ref"], cfg["order_ref"][inv["number"]]))
    ids = []
    if d.get("vat_number"):
        ids.append(("Btw-nr. klant" if lang == "nl" else "N° TVA client", fmt_vat(d["vat_number"])))
    if siren_of(d):
        ids.append(("SIREN client", fmt_siren(siren_of(d))))
    elif d.get("registration", {}).get("scheme") == "BCE":
        ids.append(("N° d'entreprise client", fmt_bce(d["registration"]["number"])))
    meta += ids
    meta_html = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in meta)
    rows = []
    for ln in lines:
        sub = f'<br><span class="sub">{esc(ln.sub)}</span>' if ln.sub else ""
        qty = f"{ln.qty:f}".rstrip("0").rstrip(".").replace(".", ",")
        rows.append(f'<tr><td class="l">{esc(ln.text)}{sub}</td><td>{qty}</td><td>{esc(ln.unit)}</td>'
                    f'<td>{num(ln.price, lang)}</td><td>{pct(ln.rate)}</td><td>{num(ln.amount, lang)}</td></tr>')
    vat_rows = "".join(f'<tr><td class="l">{lab["total_vat"]} {pct(r)}</td><td>{eur(v, lang)}</td></tr>'
                       for r, v in vat.items())
    pay_ref = cfg.get("pay_ref", {}).get(inv["number"], inv["number"])
    c = case.creditor
    paybox = (f'<div class="paybox"><b class="big">{lab["to_pay"]} : {eur(total, lang)}</b> – '
              f'{lab["due_short"]} <b>{dshort(inv["due_date"])}</b><br>'
              f'{lab["pay"]} : IBAN <span class="mono">{std_iban.format(c["iban"])}</span>'
              f'{" – BIC <span class=mono>" + esc(c["bic"]) + "</span>" if c.get("bic") else ""}<br>'
              f'{lab["pay_ref"]} : <b class="mono">{esc(pay_ref)}</b></div>').replace(" : ", f"{NNBSP if lang == 'fr' else ''}: ")
    mentions = "".join(f"<p>{m}</p>" for m in cfg["mentions"](case, inv))
    title = {"nl": "Factuur", "fr": "Facture"}[lang]
    body = f"""
{legal_footer(case)}
<div class="headzone"><div class="seller">{seller_block(case)}</div>
<div class="doctitle"><div class="kind" style="color:{brand}">{lab["invoice"]}</div>
  <div class="no">{esc(inv["number"])}</div></div>
<div class="window"><div class="small">{"Klant" if lang == "nl" else "Client"}</div>{window_block(case, d)}</div>
<table class="meta">{meta_html}</table></div>
<p class="object"><b>{"Betreft" if lang == "nl" else "Objet"}{NNBSP if lang == "fr" else ""}:</b> {esc(inv.get("description", ""))}</p>
<table class="lines"><thead><tr style="background:{brand}"><th class="l">{lab["desc"]}</th><th>{lab["qty"]}</th>
  <th>{lab["unit"]}</th><th>{lab["price"]}</th><th>{lab["vat"]}</th><th>{lab["amount"]}</th></tr></thead>
  <tbody>{"".join(rows)}</tbody></table>
<table class="totals"><tr><td class="l">{lab["total_ex"]}</td><td>{eur(excl, lang)}</td></tr>{vat_rows}
  <tr class="grand" style="background:{brand}"><td class="l" style="color:#fff">{lab["total_inc"]}</td><td>{eur(incl, lang)}</td></tr></table>
{paybox}
<div class="mentions">{mentions}</div>
"""
    return render_pdf(body, title=f"{title} {inv['number']}", author=party_full_name(case.creditor),
                      created=at(inv["issue_date"], 9, 30, BRUSSELS if case.country == "BE" else PARIS),
                      lang=lang, css=BASE_CSS, subject=SPECIMEN_NL if lang == "nl" else SPECIMEN)


def render_credit_note(case: Case, cn: dict) -> bytes:
    cfg, lab, lang = CONFIG[case.name], labels(case), case.lang
    inv = case.invoice(cn["invoice"])
    total = money(cn["amount"])
    rate = Decimal(cfg["vat"])
    text = cfg.get("credit_text", {}).get(cn["number"], f"Avoir sur la facture {inv['number']}")
    lines = priced_lines(case, cn["number"], total, rate, text)
    excl, vat, incl = vat_totals(lines)
    brand, d = cfg["brand"], case.debtor
    meta = [("N° avoir", cn["number"]), ("Date", dshort(cn["date"])),
            (lab["original"], f"{inv['number']} du {dshort(inv['issue_date'])}")]
    if d.get("vat_number"):
        meta.append(("N° TVA client", fmt_vat(d["vat_number"])))
    if siren_of(d):
        meta.append(("SIREN client", fmt_siren(siren_of(d))))
    meta_html = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in meta)
    rows = "".join(f'<tr><td class="l">{esc(ln.text)}</td><td>{ln.qty:f}</td><td>{esc(ln.unit)}</td>'
                   f'<td>{num(ln.price)}</td><td>{pct(ln.rate)}</td><td>{num(ln.amount)}</td></tr>' for ln in lines)
    vat_rows = "".join(f'<tr><td class="l">TVA {pct(r)}</td><td>{eur(v)}</td></tr>' for r, v in vat.items())
    body = f"""
{legal_footer(case)}
<div class="headzone"><div class="seller">{seller_block(case)}</div>
<div class="doctitle"><div class="kind" style="color:{brand}">{lab["credit"]}</div><div class="no">{esc(cn["number"])}</div></div>
<div class="window"><div class="small">Client</div>{window_block(case, d)}</div>
<table class="meta">{meta_html}</table></div>
<p class="object"><b>Objet{NNBSP}:</b> {esc(cfg.get("credit_object", {}).get(cn["number"], text))}</p>
<table class="lines"><thead><tr style="background:{brand}"><th class="l">{lab["desc"]}</th><th>{lab["qty"]}</th>
  <th>{lab["unit"]}</th><th>{lab["price"]}</th><th>{lab["vat"]}</th><th>{lab["amount"]}</th></tr></thead>
  <tbody>{rows}</tbody></table>
<table class="totals"><tr><td class="l">{lab["total_ex"]}</td><td>{eur(excl)}</td></tr>{vat_rows}
  <tr class="grand" style="background:{brand}"><td class="l" style="color:#fff">Total avoir TTC</td><td>{eur(incl)}</td></tr></table>
<div class="paybox">{lab["credit_pay"]} {esc(inv["number"])}{NNBSP}: <b>{eur(incl)}</b>.
  Montant restant dû sur cette facture après avoir{NNBSP}: <b>{eur(money(inv["amount"]) - incl)}</b>
  (hors règlements reçus). Cet avoir ne donne lieu à aucun remboursement.</div>
<div class="mentions"><p>TVA à régulariser sur la déclaration du mois de l'avoir (CGI art. 272).
  Avoir émis conformément à l'article 242 nonies A, annexe II du CGI.</p></div>
"""
    return render_pdf(body, title=f"Avoir {cn['number']}", author=party_full_name(case.creditor),
                      created=at(cn["date"], 11, 0), lang=lang, css=BASE_CSS)

