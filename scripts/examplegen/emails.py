"""Reminder e-mails as RFC 5322 ``.eml`` files (CRLF line endings, fixed Date, Message-ID and
MIME boundaries so the bytes are stable)."""
from __future__ import annotations

import html
from datetime import date, datetime
from decimal import Decimal
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from stdnum import iban as std_iban

from .common import (
    BRUSSELS, NBSP, NNBSP, Case, address_lines, dlong, dshort, eur, money, party_full_name, party_name,
    pct)
from .config import CONFIG
from .invoices import legal_footer, render_invoice
from .legal import b2b_terms, be_consumer_window, late_rate_text, semester_fr
from .pdf import at


def render_eml(*, sender: tuple[str, str], to: tuple[str, str], when: datetime, subject: str, body: str,
               message_id: str, attachments: list[tuple[str, bytes]] = (), lang: str = "fr") -> bytes:
    policy = SMTP.clone(max_line_length=998)      # no folding of Message-ID and the like
    msg = EmailMessage(policy=policy)
    msg["From"] = f'"{sender[0]}" <{sender[1]}>'
    msg["To"] = f'"{to[0]}" <{to[1]}>'
    msg["Date"] = format_datetime(when)
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    msg.set_content(body, charset="utf-8", cte="quoted-printable")
    for filename, data in attachments:
        msg.add_attachment(data, maintype="application", subtype="pdf", filename=filename)
    if attachments:
        msg.set_boundary("=_docgen-example-" + message_id.strip("<>").split("@")[0])
    msg["Content-Language"] = lang
    return msg.as_bytes(policy=policy)


def items_text(case: Case, on: date, lang: str = "fr") -> tuple[list[str], Decimal]:
    lines, total = [], Decimal("0")
    for inv, left in case.open_items(on):
        if inv["due_date"] > on:
            continue
        what = {"fr": f"  - facture {inv['number']} du {dshort(inv['issue_date'])}, échue le "
                      f"{dshort(inv['due_date'])} : {eur(left, 'fr')}",
                "nl": f"  - factuur {inv['number']} van {dshort(inv['issue_date'])}, vervallen op "
                      f"{dshort(inv['due_date'])}: {eur(left, 'nl')}"}[lang]
        if left != money(inv["amount"]):
            what += (f" (sur {eur(inv['amount'], 'fr')} TTC)" if lang == "fr" else
                     f" (van {eur(inv['amount'], 'nl')} incl. btw)")
        lines.append(what.replace(NNBSP, " ").replace(NBSP, " "))
        total += left
    return lines, total


def signature_block_text(case: Case, service: str) -> str:
    c = case.creditor
    mentions = legal_footer(case).split(">", 1)[1].rsplit("<", 1)[0]
    return (f"{service}\n" if service else "") + f"{party_full_name(c)}\n" + "\n".join(address_lines(c, upper=False, with_name=False)) + \
        f"\n{c.get('phone', '')}\n\n{html.unescape(mentions).replace(NNBSP, ' ').replace(NBSP, ' ')}"


def eml_fr_b2b_reminder(case: Case, event: dict) -> bytes:
    d, c = event["date"], case.creditor
    law = b2b_terms("FR", d)
    items, total = items_text(case, d)
    numbers = [inv["number"] for inv, _ in case.open_items(d) if inv["due_date"] <= d]
    body = (
        "Bonjour,\n\n"
        "Sauf erreur ou omission de notre part, les factures suivantes restent impayées à ce jour :\n\n"
        + "\n".join(items) + f"\n\n  Total échu : {eur(total)}\n\n"
        "Nous vous remercions de bien vouloir procéder à leur règlement par virement :\n"
        f"  IBAN {std_iban.format(c['iban'])} - BIC {c['bic']}\n"
        f"  Libellé : {', '.join(numbers)}\n\n"
        "Nous vous rappelons que, conformément à l'article 7 de nos conditions générales de vente et à "
        "l'article L441-10 du Code de commerce, tout retard de paiement rend exigibles de plein droit des "
        f"pénalités au taux de la BCE majoré de {law.margin} points ainsi qu'une indemnité forfaitaire de {law.indemnity} euros "
        "par facture pour frais de recouvrement.\n\n"
        "Si votre règlement a été émis entre-temps, merci de ne pas tenir compte de ce message. "
        "Vous trouverez la première facture en pièce jointe.\n\n"
        "Cordialement,\n\n" + signature_block_text(case, "Service comptabilité")).replace(NNBSP, " ").replace(NBSP, " ")
    first = case.invoice(numbers[0])
    return render_eml(
        sender=("Menuiserie Ricordeau - Comptabilité", c["email"]),
        to=(case.debtor["name"], case.debtor["email"]), when=at(d, 9, 42),
        subject=f"Relance : factures {' et '.join(numbers)} échues",
        body=body, message_id=f"<{d:%Y%m%d}094200.relance.{first['number'].lower()}@menuiserie-ricordeau.example>",
        attachments=[(f"{first['number']}.pdf", render_invoice(case, first))])


def eml_fr_b2c_reminder(case: Case, event: dict) -> bytes:
    d, c, debtor = event["date"], case.creditor, case.debtor
    items, total = items_text(case, d)
    body = (
        f"Bonjour Madame {debtor['last_name']},\n\n"
        "Je me permets de revenir vers vous au sujet des travaux réalisés chez vous ce printemps. "
        "Sauf erreur de ma part, il reste à régler :\n\n" + "\n".join(items) +
        f"\n\n  Total : {eur(total)}\n\n"
        "Je vous remercie de bien vouloir effectuer ce règlement dans les meilleurs délais, par virement "
        f"(IBAN {std_iban.format(c['iban'])} - BIC {c['bic']}) ou par chèque à l'ordre de Julien Mercier EI.\n\n"
        "Si vous rencontrez une difficulté, n'hésitez pas à m'appeler : nous pouvons convenir ensemble "
        "d'un étalement.\n\n"
        "Si votre paiement est déjà parti, merci de ne pas tenir compte de ce message.\n\n"
        "Bien cordialement,\n\nJulien Mercier\n" + signature_block_text(case, "Entrepreneur individuel")
    ).replace(NNBSP, " ").replace(NBSP, " ")
    return render_eml(
        sender=("Julien Mercier - Mercier Plomberie Chauffage", c["email"]),
        to=(party_name(debtor), debtor["email"]), when=at(d, 18, 7),
        subject="Rappel : factures de vos travaux de salle de bains",
        body=body, message_id=f"<{d:%Y%m%d}180700.rappel.fa-2025-0093@mercier-plomberie.example>")


def eml_be_b2b_reminder(case: Case, event: dict) -> bytes:
    d, c = event["date"], case.creditor
    law = b2b_terms("BE", d)
    due = [(inv, left) for inv, left in case.open_items(d) if inv["due_date"] <= d]
    items = "\n".join(f"  - facture {inv['number']} du {dshort(inv['issue_date'])}, échue le {dshort(inv['due_date'])} : "
                      f"{eur(left)}\n    communication structurée {CONFIG[case.name]['pay_ref'][inv['number']]}"
                      for inv, left in due)
    body = (
        "Madame, Monsieur,\n\n"
        "Sauf erreur de notre part, nous n'avons pas encore reçu le paiement de :\n\n" + items + "\n\n"
        f"Nous vous saurions gré de bien vouloir procéder au virement sur notre compte "
        f"{std_iban.format(c['iban'])} (BIC {c['bic']}) en mentionnant la communication structurée.\n\n"
        "Pour rappel, l'article 7 du contrat-cadre CC-2024-11 et la loi du 2 août 2002 prévoient qu'à défaut "
        "de paiement à l'échéance, un intérêt de retard est dû de plein droit et sans mise en demeure au taux "
        f"légal des transactions commerciales ({late_rate_text('BE', d)} % l'an au {semester_fr(d)}), ainsi qu'une indemnité "
        f"forfaitaire de {law.indemnity} euros par facture.\n\n"
        "Si le paiement a été effectué entre-temps, nous vous prions de ne pas tenir compte de ce rappel. "
        "Vous trouverez une copie de la facture en annexe.\n\n"
        "Avec nos salutations distinguées,\n\n" + signature_block_text(case, "Service facturation")
    ).replace(NNBSP, " ").replace(NBSP, " ")
    first = due[0][0]
    return render_eml(
        sender=("Pixelmeuse - Facturation", c["email"]), to=(party_full_name(case.debtor), case.debtor["email"]),
        when=at(d, 10, 15, BRUSSELS), subject=f"Rappel de paiement - facture {first['number']}",
        body=body, message_id=f"<{d:%Y%m%d}101500.rappel.{first['number'].lower()}@pixelmeuse.example>",
        attachments=[(f"{first['number']}.pdf", render_invoice(case, first))])


def eml_be_b2c_reminder(case: Case, event: dict) -> bytes:
    d, c, debtor = event["date"], case.creditor, case.debtor
    first = case.events("reminder_sent")[0]
    _, last, claimable = be_consumer_window(first["date"], first.get("channel", "letter"))
    items, total = items_text(case, d, "nl")
    paid = [p for p in case.data.get("payments", []) if p["date"] <= d]
    body = (
        f"Geachte mevrouw {debtor['last_name']},\n\n"
        + (f"Wij danken u voor uw betaling van {eur(paid[-1]['amount'], 'nl')} op {dshort(paid[-1]['date'])}. " if paid else "")
        + "Volgens onze boekhouding blijft er nog open:\n\n" + "\n".join(items)
        + f"\n\n  Totaal facturen: {eur(total, 'nl')}\n\n"
        f"Zoals aangekondigd in onze kosteloze herinnering van {dlong(first['date'], 'nl')} zijn sinds "
        f"{dlong(claimable, 'nl')} ook verwijlintresten van "
        f"{pct(case.contract['late_interest']['rate_percent'])} per jaar en de forfaitaire schadevergoeding "
        "van artikel 5 van onze algemene voorwaarden (art. XIX.4 WER) verschuldigd. Die worden berekend op "
        "het openstaande saldo en bij de volgende afrekening vermeld.\n\n"
        f"Wij vragen u het saldo over te schrijven op rekening {std_iban.format(c['iban'])} (BIC {c['bic']}) "
        f"met de gestructureerde mededeling {CONFIG[case.name]['pay_ref'][case.invoices[0]['number']]}.\n\n"
        "Kunt u niet in één keer betalen, neem dan contact met ons op: wij bekijken graag een "
        "afbetalingsplan.\n\n"
        "Met vriendelijke groeten,\n\nKoen Wouters\nZaakvoerder\n"
        + signature_block_text(case, "")).replace(NNBSP, " ").replace(NBSP, " ")
    return render_eml(
        sender=("Zonwering Scheldeland - Boekhouding", c["email"]), to=(party_name(debtor), debtor["email"]),
        when=at(d, 11, 5, BRUSSELS), subject="Tweede herinnering: openstaande facturen zonnetent",
        body=body, message_id=f"<{d:%Y%m%d}110500.herinnering.2025-0318@zonwering-scheldeland.example>", lang="nl")

