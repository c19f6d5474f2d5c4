"""The numbered pièces of a case, shared by the bordereau, the requête and the dossier,
so that a pièce has the same number everywhere."""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from .. import input_files
from ..model.case import Case
from .formatting import long_date, short_date

_FR_CHANNELS = {"email": "courriel", "letter": "lettre simple",
                "registered_letter": "lettre recommandée avec demande d'avis de réception",
                "registered_email": "lettre recommandée électronique", "hand_delivery": "remise en main propre",
                "bailiff": "acte de commissaire de justice", "phone": "téléphone", "meeting": "entretien"}

_FR_EVENT_TITLES = {
    "reminder_sent": "Preuve d'envoi de la relance du {date} ({channel})",
    "formal_notice_sent": "Preuve {proof} de la mise en demeure du {date} ({channel})",
    "formal_notice_received": "Avis de réception de la mise en demeure du {sent}, signé le {date}{tracking}",
    "formal_notice_unclaimed": "Pli recommandé contenant la mise en demeure du {sent}, avisé et non réclamé "
                               "(retour du {date}){tracking}",
    "call": "Compte rendu de l'entretien téléphonique du {date}",
    "meeting": "Compte rendu de l'entretien du {date}",
    "dispute_raised": "Contestation du débiteur du {date}",
    "payment_plan_proposed": "Proposition d'échéancier du {date}",
    "payment_plan_signed": "Échéancier signé le {date}",
    "payment_plan_defaulted": "Justificatif des échéances impayées du plan (défaillance constatée le {date})",
    "injunction_filed": "Requête en injonction de payer déposée le {date}",
    "injunction_granted": "Ordonnance portant injonction de payer du {date}",
    "injunction_served": "Acte de signification de l'ordonnance d'injonction de payer du {date}",
    "bailiff_instructed": "Mandat confié au commissaire de justice le {date}",
    "small_claims_request_sent": "Demande de recouvrement simplifié adressée au commissaire de justice le {date}",
    "commandement_served": "Acte de signification du commandement de payer du {date}",
    "sommation_served": "Exploit de signification de la sommation de payer du {date}",
    "claim_declared": "Déclaration de créance du {date}",
}
_NL_EVENT_TITLES = {
    "reminder_sent": "Bewijs van verzending van de herinnering van {date} ({channel})",
    "formal_notice_sent": "Bewijs van verzending van de ingebrekestelling van {date} ({channel})",
    "formal_notice_received": "Ontvangstbewijs van de ingebrekestelling van {sent}, ondertekend op {date}{tracking}",
    "formal_notice_unclaimed": "Niet-afgehaalde aangetekende zending met de ingebrekestelling van {sent} "
                               "(teruggekomen op {date}){tracking}",
    "call": "Verslag van het telefoongesprek van {date}",
    "meeting": "Verslag van het gesprek van {date}",
    "dispute_raised": "Betwisting door de schuldenaar van {date}",
    "payment_plan_proposed": "Voorstel van afbetalingsplan van {date}",
    "payment_plan_signed": "Afbetalingsplan ondertekend op {date}",
    "payment_plan_defaulted": "Bewijs van de onbetaalde afbetalingen (wanprestatie vastgesteld op {date})",
    "injunction_filed": "Verzoekschrift tot betalingsbevel neergelegd op {date}",
    "injunction_granted": "Beschikking houdende betalingsbevel van {date}",
    "injunction_served": "Betekeningsexploot van het betalingsbevel van {date}",
    "bailiff_instructed": "Opdracht aan de gerechtsdeurwaarder van {date}",
    "small_claims_request_sent": ("Verzoek tot vereenvoudigde invordering gericht aan de commissaire de justice "
                                  "op {date}"),
    "commandement_served": "Betekeningsexploot van het bevel tot betaling van {date}",
    "sommation_served": "Exploot van betekening van de aanmaning tot betaling van {date}",
    "claim_declared": "Aangifte van schuldvordering van {date}",
}
_NL_CHANNELS = {"email": "e-mail", "letter": "gewone brief", "registered_letter": "aangetekende brief met ontvangstbewijs",
                "registered_email": "elektronisch aangetekende zending", "hand_delivery": "overhandiging",
                "bailiff": "gerechtsdeurwaardersexploot", "phone": "telefoon", "meeting": "gesprek"}


@lru_cache(maxsize=1024)
def _pdf_pages(path: Path, size: int, mtime: float) -> str:
    """Cached on the file's identity: the bordereau, the requête and the dossier all ask."""
    try:
        return str(input_files.reader().pdf_pages(path))
    except Exception:  # noqa: BLE001 - an unreadable PDF is reported as « — », validation says why
        return "—"


def _page_count(case: Case, relative: str | None) -> str:
    """Pages of an exhibit file: PDF pages, 1 for an image or an e-mail, « — » when unknown."""
    if not relative:
        return "—"
    path = case.resolve(relative)
    base = case.source_dir.resolve() if case.source_dir else None
    if base is not None and base not in path.parents:
        return "—"
    if not path.is_file():
        return "—"
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        info = path.stat()
        return _pdf_pages(path, info.st_size, info.st_mtime)
    return "1" if suffix in (".jpg", ".jpeg", ".png", ".eml") else "—"


def exhibit_list(case: Case, as_of: date | None = None) -> list[dict[str, str]]:
    """The numbered pièces of a case: invoices, then ``exhibits``, then the proofs of ``events``.

    With ``as_of``, what is dated after it is left out: a document dated ``as_of`` cannot produce an
    invoice, exhibit or proof that did not exist yet (the statement leaves them out too).

    Each item: number, title (nature), date (dd/mm/yyyy or ""), pages ("—" when the file is
    missing or unreadable), file (relative path or ""), ref (invoice:<n>, exhibit:<i>, event:<i>).
    """
    lang = case.language
    fr = lang == "fr"
    items: list[dict[str, str]] = []

    def add(title: str, day: date | None, file: str | None, ref: str) -> None:
        items.append({"number": str(len(items) + 1), "title": title, "date": short_date(day) if day else "",
                      "pages": _page_count(case, file), "file": file or "", "ref": ref})

    def known(day: date | None) -> bool:
        return as_of is None or day is None or day <= as_of

    for inv in case.invoices:
        if not known(inv.issue_date):
            continue
        title = (f"Facture n°\u00a0{inv.number} du {long_date(inv.issue_date, lang)}" if fr
                 else f"Factuur nr.\u00a0{inv.number} van {long_date(inv.issue_date, lang)}")
        add(title, inv.issue_date, inv.file, f"invoice:{inv.number}")
    for i, ex in enumerate(case.exhibits):
        if not known(ex.date):
            continue
        add(ex.title, ex.date, ex.file, f"exhibit:{i}")
    titles, channels = (_FR_EVENT_TITLES, _FR_CHANNELS) if fr else (_NL_EVENT_TITLES, _NL_CHANNELS)
    indexed = sorted(enumerate(case.events), key=lambda x: (x[1].date, x[0]))
    for i, event in indexed:
        if not event.proof or not known(event.date):
            continue
        sent = [e for _, e in indexed if e.type == "formal_notice_sent" and e.date <= event.date]
        tracking = event.tracking_number or (sent[-1].tracking_number if sent else None)
        channel = channels.get(event.channel or "", "")
        if event.tracking_number:
            channel = f"{channel}, n°\u00a0{event.tracking_number}" if fr else f"{channel}, nr.\u00a0{event.tracking_number}"
        template = titles.get(event.type, "Pièce relative à l'événement du {date}" if fr else "Stuk van {date}")
        title = template.format(
            date=long_date(event.date, lang), channel=channel or ("envoi" if fr else "verzending"),
            proof="de dépôt" if event.channel == "registered_letter" else "d'envoi",
            sent=long_date(sent[-1].date, lang) if sent else long_date(event.date, lang),
            tracking=(f" (n°\u00a0{tracking})" if fr else f" (nr.\u00a0{tracking})") if tracking and
            event.type in ("formal_notice_received", "formal_notice_unclaimed") else "")
        title = title.replace(" ()", "")
        add(title, event.date, event.proof, f"event:{i}")
    return items
