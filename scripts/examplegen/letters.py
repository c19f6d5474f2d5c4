"""Reminder letters (the file copy the creditor keeps as proof) and the common letter layout.
The be-b2c first reminder prints the Book XIX period and XIX.4 lump sum docgen computes."""
from __future__ import annotations

import html
from datetime import date
from decimal import Decimal

from stdnum import iban as std_iban

from .common import (
    BRUSSELS, NBSP, NNBSP, PARIS, SPECIMEN, SPECIMEN_NL, WEEKDAYS, Case, address_lines, dlong, dshort,
    esc, eur, party_full_name, pct)
from .config import CONFIG
from .imaging import data_uri, signature
from .invoices import legal_footer
from .legal import (
    b2b_terms, be_b2c_reminder_terms, be_consumer_window, bracket_formula_nl, late_rate_text, lump_sum,
    lump_sum_bracket, semester_fr)
from .pdf import LETTER_CSS, at, render_pdf


def render_letter(case: Case, *, sent: date, place: str, to_lines: list[str], object_: str,
                  paragraphs: list[str], signer: dict, refs: str = "", registered: str = "",
                  copy_mark: str = "COPIE", closing: str = "") -> bytes:
    """A business letter on the creditor's letterhead, the address in the window frame
    (110 mm from the left, 55 mm from the top: docs/letters.md)."""
    c, cfg, lang = case.creditor, CONFIG[case.name], case.lang
    ret = ", ".join([party_full_name(c)] + address_lines(c, upper=False, with_name=False))
    sig = signature(signer["name"])
    head = (f'<div class="brand" style="color:{cfg["brand"]}">{esc(c["name"] if c.get("kind") != "company" else party_full_name(c))}</div>'
            f'{esc(cfg["tagline"])}<br>{"<br>".join(esc(x) for x in address_lines(c, upper=False, with_name=False))}'
            f'<br>{esc(c.get("phone", ""))} · {esc(c.get("email", ""))}')
    reg = f'<div class="refs">{registered}</div>' if registered else ""
    body = f"""
{legal_footer(case)}
<div class="copy">{esc(copy_mark)}</div>
<div class="head">{head}</div>
<div class="window"><div class="ret">{esc(ret)}</div>{"<br>".join(esc(x) for x in to_lines)}</div>
<div class="refs-left">{refs}</div>
<div class="after">
<div class="place">{esc(place)}, {"le " if lang == "fr" else ""}{dlong(sent, lang)}</div>
{reg}
<div class="object">{object_}</div>
{"".join(p if p.startswith(("<table", "<div", "<ul")) else f"<p>{p}</p>" for p in paragraphs)}
<table class="sign"><tr><td style="width:95mm">{closing}</td><td>{esc(signer["name"])}<br>
<span style="font-size:9pt">{esc(signer.get("title", ""))}</span><img src="{data_uri(sig)}"></td></tr></table>
</div>"""
    return render_pdf(body, title=re_text(object_), author=party_full_name(c), created=at(sent, 16, 30,
                      BRUSSELS if case.country == "BE" else PARIS), lang=lang, css=LETTER_CSS,
                      subject=SPECIMEN_NL if lang == "nl" else SPECIMEN)


def re_text(fragment: str) -> str:
    import re
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def letter_fr_b2b_reminder(case: Case, event: dict) -> bytes:
    d = event["date"]
    law = b2b_terms("FR", d)
    earlier = [e for e in case.events("reminder_sent") if e["date"] < d]
    rows, total = [], Decimal("0")
    for inv, left in case.open_items(d):
        if inv["due_date"] > d:
            continue
        note = ""
        cns = [cn for cn in case.data.get("credit_notes", []) if cn["invoice"] == inv["number"] and cn["date"] <= d]
        if cns:
            note = f" (après avoir {cns[0]['number']})"
        rows.append(f"<tr><td>{esc(inv['number'])}{esc(note)}</td><td>{dshort(inv['issue_date'])}</td>"
                    f"<td>{dshort(inv['due_date'])}</td><td class='r'>{eur(inv['amount'])}</td>"
                    f"<td class='r'>{eur(left)}</td></tr>")
        total += left
    table = (f"<table class='items'><tr><th>Facture</th><th>Date</th><th>Échéance</th><th class='r'>Montant TTC</th>"
             f"<th class='r'>Reste dû</th></tr>{''.join(rows)}<tr class='total'><td colspan='4'>Total échu</td>"
             f"<td class='r'>{eur(total)}</td></tr></table>")
    c = case.creditor
    paragraphs = [
        "Madame, Monsieur,",
        (f"Malgré notre relance du {dlong(earlier[-1]['date'])}, " if earlier else "") +
        "nous constatons que les factures suivantes, établies en exécution de votre commande du 16 octobre "
        "2023 (devis D-2023-052), demeurent impayées à ce jour :".replace(" :", f"{NNBSP}:"),
        table,
        f"Nous vous demandons de bien vouloir nous régler la somme de <b>{eur(total)}</b> dans un délai de "
        f"huit jours à réception du présent courrier, par virement sur notre compte{NNBSP}:",
        f'<div class="bank">IBAN {std_iban.format(c["iban"])} – BIC {c["bic"]}<br>Libellé{NNBSP}: '
        f'{esc(", ".join(inv["number"] for inv, _ in case.open_items(d) if inv["due_date"] <= d))}</div>',
        "Nous vous rappelons que ces retards rendent exigibles de plein droit, depuis le lendemain de chaque "
        f"échéance, des pénalités au taux de la Banque centrale européenne majoré de {law.margin} points, soit "
        f"{late_rate_text('FR', d)} % pour le {semester_fr(d)}, ainsi qu'une indemnité forfaitaire de {law.indemnity} € "
        "par facture pour frais de "
        "recouvrement (article L441-10 du Code de commerce et article 7 de nos conditions générales de "
        "vente), que nous nous réservons de vous réclamer.".replace(" %", f"{NBSP}%").replace(" €", f"{NBSP}€"),
        "À défaut de règlement dans ce délai, nous serons contraints de confier le recouvrement de notre "
        "créance à notre conseil, sans autre avis.",
        "Si votre paiement a été émis entre-temps, nous vous prions de ne pas tenir compte de la présente.",
    ]
    return render_letter(
        case, sent=d, place="Nantes", to_lines=address_lines(case.debtor, home="FR"),
        object_=f"Objet{NNBSP}: Deuxième relance – factures impayées", paragraphs=paragraphs,
        signer=c["signatory"], refs=f"Nos réf.{NNBSP}: {esc(case.data['reference'])}<br>Compte client{NNBSP}: 0412<br>Affaire suivie par{NNBSP}: T. Ricordeau",
        closing="Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
        copy_mark="COPIE – DOSSIER")


def letter_be_b2c_first_reminder(case: Case, event: dict) -> bytes:
    d, c = event["date"], case.creditor
    start, last, claimable = be_consumer_window(d, event.get("channel", "letter"))
    due = [(inv, left) for inv, left in case.open_items(d) if inv["due_date"] <= d]
    total = sum((left for _, left in due), Decimal("0"))
    lump = lump_sum(total, d)
    formula = bracket_formula_nl(lump_sum_bracket(total, d)).replace(" %", f"{NBSP}%").replace("€ ", f"€{NBSP}")
    period = be_b2c_reminder_terms(d)
    days, start_day = period.days, period.start_ordinal
    rate = case.contract["late_interest"]["rate_percent"]
    refs = CONFIG[case.name]["pay_ref"]
    rows = "".join(f"<tr><td>{esc(inv['number'])}</td><td>{dshort(inv['issue_date'])}</td><td>{esc(inv['description'])}</td>"
                   f"<td>{dshort(inv['due_date'])}</td><td class='r'>{eur(left, 'nl')}</td></tr>" for inv, left in due)
    table = (f"<table class='items'><tr><th>Factuur</th><th>Datum</th><th>Omschrijving</th><th>Vervaldag</th>"
             f"<th class='r'>Bedrag</th></tr>{rows}<tr class='total'><td colspan='4'>Openstaand bedrag</td>"
             f"<td class='r'>{eur(total, 'nl')}</td></tr></table>")
    wd = WEEKDAYS["nl"]
    paragraphs = [
        f"Geachte mevrouw {esc(case.debtor['last_name'])},",
        "Volgens onze gegevens zijn de volgende facturen voor de levering en plaatsing van uw zonnetent "
        "(offerte OF-2025-0144) nog niet betaald:",
        table,
        f"Wij vragen u het openstaande bedrag van <b>{eur(total, 'nl')}</b> te betalen binnen een termijn van "
        f"<b>{days} kalenderdagen</b>. Deze termijn begint op de {start_day} werkdag na de verzending van deze brief, "
        f"dus op {wd[start.weekday()]} {dlong(start, 'nl')}, en eindigt op {wd[last.weekday()]} "
        f"<b>{dlong(last, 'nl')}</b>.",
        f"<b>Deze herinnering is kosteloos.</b> Hebben wij uw betaling niet uiterlijk op {dlong(last, 'nl')} "
        f"ontvangen, dan zijn vanaf {dlong(claimable, 'nl')} verschuldigd, zoals bepaald in artikel 5 van onze "
        f"algemene voorwaarden en binnen de grenzen van artikel XIX.4 van het Wetboek van economisch recht:",
        f"<ul style='margin:0 0 3mm 0'><li>een forfaitaire schadevergoeding van <b>{eur(lump, 'nl')}</b> "
        f"({formula});</li>"
        f"<li>verwijlintresten van <b>{pct(rate)} per jaar</b> op het openstaande bedrag.</li></ul>",
        "Bent u het niet eens met deze facturen, laat het ons dan binnen dezelfde termijn schriftelijk weten. "
        "Op uw vraag bezorgen wij u onmiddellijk alle stukken die u nodig heeft.",
        f'<div class="bank">Rekening {std_iban.format(c["iban"])} – BIC {c["bic"]}<br>'
        + "<br>".join(f"Factuur {esc(inv['number'])}: mededeling <b>{refs[inv['number']]}</b>" for inv, _ in due) + "</div>",
        "Heeft u intussen betaald, dan mag u deze brief als onbestaande beschouwen.",
    ]
    return render_letter(
        case, sent=d, place="Antwerpen", to_lines=address_lines(case.debtor, home="BE"),
        object_="Eerste herinnering – kosteloos", paragraphs=paragraphs, signer=c["signatory"],
        refs=f"Ons kenmerk: {esc(case.data['reference'])}<br>Klantnummer: 20417<br>Contact: boekhouding, +32 3 000 18 24", closing="Met vriendelijke groeten,",
        copy_mark="KOPIE")

