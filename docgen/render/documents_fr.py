"""French documents: identities of the parties (CPC 54, 57), the history of the steps taken,
the court of the injonction de payer (CPC 1406), and the French-only keys of each document."""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from ..law.courts import decide_court
from ..law.capacity import fr_form_key as form_key, fr_is_merchant, is_natural_person
from ..law.parameters import parameter
from ..law.statement import Statement
from ..model.case import Address, Case, Event, Party, Registration
from .exhibits import _FR_CHANNELS
from .formatting import long_date, money
from .parties import registration_text
from .rate_words_fr import RATE_ARTICLES, continuing_interest, fr_rate_phrase, fr_rate_rule, rate_basis
from .words import amount_in_words

_FR_FORMS = {
    "SARL": "société à responsabilité limitée", "EURL": "entreprise unipersonnelle à responsabilité limitée",
    "SAS": "société par actions simplifiée", "SASU": "société par actions simplifiée unipersonnelle",
    "SA": "société anonyme", "SNC": "société en nom collectif", "SCS": "société en commandite simple",
    "SCA": "société en commandite par actions", "SCI": "société civile immobilière",
    "SCP": "société civile professionnelle", "SCM": "société civile de moyens",
    "SELARL": "société d'exercice libéral à responsabilité limitée",
    "SELAS": "société d'exercice libéral par actions simplifiée",
}
_FR_ORGANS = {"SARL": "gérant", "EURL": "gérant", "SNC": "gérant", "SCS": "gérant", "SCA": "gérant",
              "SCI": "gérant", "SCP": "gérant", "SCM": "gérant", "SELARL": "gérant",
              "SAS": "président", "SASU": "président", "SELAS": "président"}
_FR_COUNTRIES = {"BE": "Belgique", "LU": "Luxembourg", "NL": "Pays-Bas", "DE": "Allemagne", "ES": "Espagne",
                 "IT": "Italie", "CH": "Suisse", "GB": "Royaume-Uni"}
_FR_SENDING = {"registered_letter": "Lettre recommandée avec demande d'avis de réception",
               "registered_email": "Lettre recommandée électronique (art. L100 du Code des postes et des "
                                   "communications électroniques)",
               "email": "Par courriel", "letter": "Par lettre simple",
               "hand_delivery": "Remise en main propre contre décharge"}


def _fr_de(name: str) -> str:
    """« de Nantes », « d'Avignon », « du Havre », « des Sables-d'Olonne »."""
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if name.startswith(article):
            return contracted + name[len(article):]
    return ("d'" if name[:1].lower() in "aeiouyéèêàâîïôû" else "de ") + name


def _fr_address(address: Address | None) -> str:
    if address is None:
        return ""
    parts = [x for x in (address.street, address.line2, f"{address.postcode} {address.city}") if x]
    if address.country != "FR":
        parts.append(_FR_COUNTRIES.get(address.country, address.country))
    return ", ".join(parts)


def _fr_registration(reg: Registration | None, feminine: bool) -> str:
    """« immatriculée au registre du commerce et des sociétés de Nantes sous le n° 841 273 659 »."""
    if reg is None:
        return ""
    from stdnum.fr import siren, siret

    e = "e" if feminine else ""
    digits = "".join(c for c in reg.number if c.isdigit())
    if reg.scheme in ("RCS", "SIREN") and len(digits) >= 9:
        city = reg.city
        if not city and reg.scheme == "RCS":
            head = re.sub(r"(?i)^\s*RCS\b", "", reg.number.split(digits[0], 1)[0]).strip()
            city = re.sub(r"\s+[AB]$", "", head).strip() or None
        number = siren.format(digits[-9:])
        if city:
            return f"immatriculé{e} au registre du commerce et des sociétés {_fr_de(city)} sous le n°\u00a0{number}"
        return f"immatriculé{e} sous le n° SIREN\u00a0{number}"
    if reg.scheme == "SIRET" and len(digits) == 14:
        return f"immatriculé{e} sous le n° SIRET {siret.format(digits)}"
    if reg.scheme == "BCE":
        digits = digits.zfill(10)
        return f"inscrit{e} à la Banque-Carrefour des Entreprises sous le n°\u00a0{digits[:4]}.{digits[4:7]}.{digits[7:]}"
    return f"immatriculé{e} sous le n°\u00a0{reg.number}"





def _fr_civil_status(party: Party) -> str:
    """« né le 3 mars 1980 à Toulouse, de nationalité française, plombier »: what the case file
    states of a natural person's civil status (CPC 54 3° a); FR-APPLICANT-IDENTITY reports what
    a requête lacks."""
    if not is_natural_person(party):
        return ""
    parts = []
    if party.birth_date or party.birth_place:
        born = {"Mme": "née", "M.": "né"}.get(party.civility or "", "né(e)")
        parts.append(" ".join(x for x in (born, f"le {long_date(party.birth_date)}" if party.birth_date else "",
                                          f"à {party.birth_place}" if party.birth_place else "") if x))
    if party.nationality:
        parts.append(f"de nationalité {party.nationality}")
    if party.profession:
        parts.append(party.profession)
    return ", ".join(parts)


def fr_identity(party: Party) -> dict[str, Any]:
    """How a French pleading or contract names a party: short designation and full identity
    (CPC 54 3°: form, denomination, seat and legal representative; CPC 57 for the debtor)."""
    address = _fr_address(party.address)
    status = _fr_civil_status(party)
    if party.kind == "company":
        key = form_key(party)
        parts = [f"la société {party.display_name}"]
        form = _FR_FORMS.get(key, party.legal_form or "")
        if form:
            capital = f" au capital de {money(party.share_capital)}" if party.share_capital is not None else ""
            parts.append(form + capital)
        if reg := _fr_registration(party.registration, feminine=True):
            parts.append(reg)
        if address:
            parts.append(f"dont le siège social est situé {address}")
        short_identity = ", ".join(parts)
        organ = _FR_ORGANS.get(key, "représentant légal")
        sig = party.signatory
        title = (sig.title or "").strip() if sig else ""
        if sig and title.lower().startswith(("gérant", "président", "directeur général", "directrice générale")):
            parts.append(f"prise en la personne de son {title[0].lower() + title[1:]}, {sig.name}, "
                         "domicilié en cette qualité audit siège")
        else:
            parts.append(f"prise en la personne de son {organ} domicilié en cette qualité audit siège")
        designation = f"la société {party.display_name}"
        short = party.display_name
    elif party.kind == "sole_trader":
        own = " ".join(x for x in (party.first_name, party.last_name) if x) or party.display_name
        parts = [own] + ([status] if status else []) + ["entrepreneur individuel (EI)"]
        parts = [", ".join(parts)]
        if party.name and party.name != own:
            parts.append(f"exerçant sous le nom commercial « {party.name} »")
        if reg := _fr_registration(party.registration, feminine=False):
            parts.append(reg)
        if address:
            parts.append(f"domicilié professionnellement {address}")
        designation = own + " EI" + (f" (« {party.name} »)" if party.name and party.name != own else "")
        short = designation
        short_identity = ", ".join(parts)
    else:
        parts = [party.display_name] + ([status] if status else []) + ([f"demeurant {address}"] if address else [])
        designation = short = party.display_name
        short_identity = ", ".join(parts)
    return {"designation": designation, "short": short, "identity": ", ".join(parts), "identity_short": short_identity,
            "is_merchant": fr_is_merchant(party)}


def _fr_channel(event: Event) -> str:
    label = _FR_CHANNELS.get(event.channel or "", "")
    if event.tracking_number:
        label = f"{label} n°\u00a0{event.tracking_number}".strip()
    return label


def _fr_signer(case: Case) -> dict[str, str]:
    rep, creditor = case.creditor.represented_by, case.creditor
    designation = fr_identity(creditor)["designation"]
    if rep is None:
        sig = creditor.signatory
        return {"name": sig.name if sig else creditor.display_name, "title": (sig.title or "") if sig else "",
                "on_behalf": f"Pour {designation}" if creditor.kind == "company" else ""}
    if rep.kind == "lawyer":
        bar = (rep.bar or "").strip()
        title = f"Avocat au {bar[0].lower()}{bar[1:]}" if bar.lower().startswith("barreau") else \
            ("Avocat" + (f", {bar}" if bar else ""))
    elif rep.kind == "bailiff":
        title = "Commissaire de justice" + (f", {rep.firm}" if rep.firm else "")
    else:
        title = rep.firm or ""
    return {"name": rep.name, "title": title, "on_behalf": f"Pour le compte de {designation}"}


def _fr_history(case: Case, as_of: date) -> dict[str, Any]:
    """Earlier reminders and formal notices, as the letters recall them."""
    events = sorted((e for e in case.events if e.date < as_of), key=lambda e: e.date)
    reminders = [{"date": long_date(e.date), "channel": _FR_CHANNELS.get(e.channel or "", "")}
                 for e in events if e.type == "reminder_sent"]
    notices = []
    for i, e in enumerate(events):
        if e.type != "formal_notice_sent":
            continue
        later = [x for x in events[i + 1:] if x.type in ("formal_notice_received", "formal_notice_unclaimed",
                                                          "formal_notice_sent")]
        answer = later[0] if later and later[0].type != "formal_notice_sent" else None
        notices.append({"date": long_date(e.date), "channel": _fr_channel(e),
                        "received": long_date(answer.date) if answer and answer.type == "formal_notice_received"
                        else "",
                        "unclaimed": bool(answer and answer.type == "formal_notice_unclaimed")})
    parts = []
    if reminders:
        dates = [r["date"] + (f" ({r['channel']})" if r["channel"] else "") for r in reminders]
        parts.append(("la relance du " if len(dates) == 1 else "les relances des ") + _fr_join(dates))
    for n in notices:
        parts.append(f"la mise en demeure du {n['date']}" + (f", reçue le {n['received']}" if n["received"] else
                                                              ", pli avisé et non réclamé" if n["unclaimed"] else ""))
    return {"reminders": reminders, "notices": notices, "history_text": _fr_join(parts)}


def _fr_join(items: list[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    return ", ".join(items[:-1]) + " et " + items[-1] if len(items) > 1 else "".join(items)


def fr_letter_extras(case: Case, st: Statement, as_of: date, rate_ctx: dict[str, Any]) -> dict[str, Any]:
    """What the French letters (relance, mise en demeure) and court papers add to the context."""
    creditor, debtor = fr_identity(case.creditor), fr_identity(case.debtor)
    rep = case.creditor.represented_by
    salutation = "Madame, Monsieur"
    if case.debtor.kind == "person" and case.debtor.civility in ("M.", "Mme"):
        salutation = {"M.": "Monsieur", "Mme": "Madame"}[case.debtor.civility]

    basis = rate_basis(case, as_of, rate_ctx["kind"])
    return {
        "creditor_designation": creditor["designation"], "creditor_identity": creditor["identity"],
        "debtor_designation": debtor["designation"], "debtor_identity": debtor["identity"],
        "creditor_short": creditor["short"], "creditor_identity_short": creditor["identity_short"],
        "salutation": salutation, "signer": _fr_signer(case),
        "representative_registration": (registration_text(rep, "fr") or "") if rep else "",
        "rate_basis": basis,
        "rate_phrase": fr_rate_phrase(rate_ctx["kind"], rate_ctx["text"], basis),
        "rate_rule": fr_rate_rule(rate_ctx["kind"], rate_ctx["text"], basis),
        "rate_articles": RATE_ARTICLES.get(rate_ctx["kind"], ""),
        "interest_waived": rate_ctx["kind"] == "none",
        "has_principal": st.outstanding_principal > 0,
        "indemnities_outstanding": money(st.indemnities_total - st.indemnities_paid),
        "has_indemnities": bool(st.indemnities),
        "has_penalty_clause": bool(case.contract and case.contract.penalty_clause),
        "total_due_words": amount_in_words(st.total_due),
        "indemnity": money(parameter("fr.b2b_recovery_indemnity").at(as_of).value) if case.relationship == "B2B"
        else "",
        **_fr_history(case, as_of),
    }


def _fr_court(case: Case, as_of: date, total_due) -> dict[str, Any]:  # noqa: ANN001
    """The court decided by docgen.law.courts, as the requête names it. An undecided court leaves
    the name blank: the document is then refused (COURT-UNDECIDED), or a draft with --force."""
    decision = decide_court(case, as_of, amount=total_due)
    court = decision.result
    if court is None:
        blank = "…" * 12
        return {"kind": "", "name": blank, "city": "", "president": f"Madame, Monsieur le Président {blank}",
                "of": blank, "seat": blank, "cerfa": "", "basis": decision.basis, "division": "", "address": []}
    name = court.name[0].lower() + court.name[1:]
    of = _fr_of(name)
    if court.division:
        of = f"{of}, {court.division}"
    return {"kind": court.kind, "name": name, "city": court.city, "president": f"Madame, Monsieur le Président {of}",
            "of": of, "seat": court.name, "cerfa": court.cerfa, "basis": decision.basis,
            "division": court.division, "address": list(court.address)}


def _fr_of(name: str) -> str:
    """« du tribunal de commerce de Nantes », « de la chambre … »."""
    if name.startswith("le "):
        return "du " + name[3:]
    if name.startswith("la "):
        return "de la " + name[3:]
    if name.startswith("tribunal"):
        return "du " + name
    return "de " + name


def _fr_amicable_steps(case: Case, as_of: date, numbers: dict[str, str]) -> list[dict[str, str]]:
    labels = {
        "reminder_sent": "relance adressée par {channel}",
        "formal_notice_sent": "mise en demeure adressée par {channel}",
        "formal_notice_received": "réception de la mise en demeure par le débiteur, avis de réception signé",
        "formal_notice_unclaimed": "pli recommandé de mise en demeure avisé et non réclamé",
        "call": "entretien téléphonique avec le débiteur",
        "meeting": "entretien avec le débiteur",
        "payment_plan_proposed": "proposition d'un échéancier de paiement",
        "payment_plan_signed": "signature d'un échéancier de paiement",
        "payment_plan_defaulted": "défaillance du débiteur dans l'exécution de l'échéancier",
        "dispute_raised": "contestation élevée par le débiteur",
    }
    steps = []
    for i, e in sorted(enumerate(case.events), key=lambda x: (x[1].date, x[0])):
        if e.type not in labels or e.date > as_of:
            continue
        text = labels[e.type].format(channel=_fr_channel(e) or "courrier")
        steps.append({"date": long_date(e.date), "text": text, "piece": numbers.get(f"event:{i}", "")})
    return steps


def _injonction(case: Case, st: Statement, as_of: date, options: dict, common: dict) -> dict[str, Any]:
    exhibits = common["exhibits"]
    out: dict[str, Any] = {}
    lang = case.language
    court = _fr_court(case, as_of, st.total_due)
    numbers = {x["ref"]: x["number"] for x in exhibits}
    rate_ctx = common["rate"]
    continuing = ""
    if st.outstanding_principal > 0:
        continuing = continuing_interest(rate_ctx["kind"], rate_ctx["text"], rate_basis(case, as_of,
                                                                                               rate_ctx["kind"]))
    out.update({
        "court": court,
        "prior_attempt": _fr_prior_attempt(case),
        "amicable_steps": _fr_amicable_steps(case, as_of, numbers),
        "invoice_pieces": {inv.number: numbers.get(f"invoice:{inv.number}", "") for inv in case.invoices},
        "payments": [{"date": long_date(p.date, lang), "amount": money(p.amount, lang), "invoice": p.invoice or ""}
                     for p in sorted(case.payments, key=lambda p: p.date) if p.date <= as_of],
        "credit_notes": [{"number": c.number, "date": long_date(c.date, lang), "amount": money(c.amount, lang),
                          "invoice": c.invoice} for c in case.credit_notes if c.date <= as_of],
        "continuing_interest": continuing,
        "interest_running": rate_ctx["running"],
        "continue_from": long_date(as_of + timedelta(days=1), lang),
        "current_rate": common["current_rate"],
        "transfer_court": court["seat"],
    })
    return out


_FR_ATTEMPTS = {"conciliation": "une tentative de conciliation menée par un conciliateur de justice",
                "mediation": "une tentative de médiation", "participative": "une procédure participative"}


def _fr_prior_attempt(case: Case) -> str:
    """The sentence of the requête on the amicable attempt of CPC 750-1, when the case states it
    (procedure.prior_attempt); FR-PRIOR-AMICABLE-ATTEMPT says when it is needed."""
    attempt = case.procedure.prior_attempt if case.procedure else None
    if attempt is None:
        return ""
    ground = f"\u00a0: {attempt.ground}" if attempt.ground else ""
    if attempt.kind == "exempt":
        return ("Le requérant est dispensé de la tentative préalable de résolution amiable prévue à l'article 750-1 "
                f"du code de procédure civile{ground}.")
    when = f" le {long_date(attempt.date)}" if attempt.date else ""
    return (f"Conformément à l'article 750-1 du code de procédure civile, {_FR_ATTEMPTS[attempt.kind]} a été "
            f"engagée{when}{ground}.")


def _plan(case: Case, st: Statement, as_of: date, options: dict, common: dict) -> dict[str, Any]:
    total = common["_plan_total"]
    gap = st.total_due - total
    b2b = case.relationship == "B2B"
    # A consumer gets a longer notice before the déchéance du terme (a product rule, read from data).
    table = "docgen.formal_notice_days" if b2b else "fr.plan_acceleration_notice_days.b2c"
    days = options.get("acceleration_days") or parameter(table).at(as_of).value
    plan = case.payment_plan
    lang = case.language

    return {
        "plan_gap": money(abs(gap), lang), "plan_gap_kind": "" if gap == 0 else ("short" if gap > 0 else "over"),
        "plan_every": ("mensuelles" if plan.every != "week" else "hebdomadaires") if not plan.schedule else "",
        "plan_interest": "accrues" if str(options.get("plan_interest", "")).lower() == "accrues" else "waived",
        "acceleration_days": str(int(days)),
        "imputation": case.imputation, "originals": "deux",
    }


def fr_extras(doc: str, case: Case, st: Statement, as_of: date, options: dict, common: dict) -> dict[str, Any]:
    """The French-only keys of ``doc``, on top of the common ones."""
    if doc == "decompte":
        return {}
    out = fr_letter_extras(case, st, as_of, common["rate"])
    if doc == "mise_en_demeure":
        out["sending_label"] = _FR_SENDING.get(common["channel"], "")
    elif doc == "plan_apurement":
        out.update(_plan(case, st, as_of, options, common))
    elif doc == "injonction_de_payer":
        out.update(_injonction(case, st, as_of, options, common))
    return out
