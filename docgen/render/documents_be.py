"""What Belgian documents add to the context, on top of ``documents.EXTRAS``.

Merged last by ``documents.document_extras`` for a case whose jurisdiction is BE. Everything
is decided by the legal engine (docgen.law: decisions, injunction_be) or read from the dated
tables in ``docgen/data`` and only formatted here; the templates under ``templates/be`` never
compute a figure nor write a legal number, and never print a review note: what needs a human
is a finding of ``docgen.law.document_checks_be``.

Keys added (all strings are already formatted in the case's language):
``be``
    ``debtor_in_belgium`` (bool), ``lump_sum_clause`` (bool), ``rate`` (the decided late-interest
    rate, see ``_rate``), ``indemnity`` (B2B: the lump sum of art. 6 of the law of 2 August 2002),
    and per document:
    relance / mise_en_demeure: ``first_reminder`` (the free first reminder of CDE XIX.2 actually
    recorded in the case, with its period; None when there is none);
    mise_en_demeure: ``interruption_period`` (the new period of ancien C. civ. 2244 § 2, in words);
    to a consumer through a collector, lawyer or bailiff, ``deadline`` / ``deadline_days`` are
    lengthened to the minimum of ``be.collector_notice_min_days``;
    plan_apurement: ``plan`` (``interest``: accrue | waived, ``acceleration_days``);
    injonction_de_payer: ``injunction`` (court_kind peace | enterprise, court (``--option court=``),
    cap, has_lawyer, summons_days and filing_days (in words), pay_by, tracking, summons (the
    art. 1339 summons relied on: ``procedure.sommation``, else the last registered formal notice;
    with expiry, file_by, timely), writing_exhibit, summons_exhibit).
``window``
    relance to a consumer: the period of the free first reminder (``days`` from the data).
``statute``
    injonction_de_payer, part sommation: ``articles`` (list of {number, text}) of C. jud. 1338-1344,
    from a verified data file (docgen.law.statutes), or None: the document is then refused.
``part``
    injonction_de_payer only: ``requete`` (default) or ``sommation`` (``--option part=sommation``).
``exhibits``
    bordereau_de_pieces and injonction_de_payer: the numbered list of pièces
    (``exhibits.exhibit_list``, plus the summons when the list lacks it).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from num2words import num2words

from ..errors import DocgenError
from ..law.be import first_reminder, window
from ..law.courts import Court, decide_court
from ..law.deadlines import add_days
from ..law.injunction_be import (court_kind, debtor_in_belgium, filing_days, find_summons, has_debtor_writing,
                                 peace_cap, statutory_text, summons_days)
from ..law.parameters import parameter
from ..law.statement import Statement
from ..model.case import Case, Event
from .formatting import long_date, money, number, rate, short_date

PARTS = ("requete", "sommation")

_BE_RATE_KINDS = {"be_2002": "statutory", "contractual": "contractual", "be_legal": "legal",
                  "be_legal_over_cap": "legal", "none": "none"}


def _rate(case: Case, as_of: date, assume_last: bool, decided: dict[str, Any]) -> dict[str, Any]:
    """The rate decided by docgen.law.decisions, in the Belgian templates' vocabulary.

    kind: statutory (B2B, law of 2 Aug 2002), contractual (the contract's rate; in B2C only
    up to the 2002-law rate, CDE XIX.4), legal (B2C: legal interest rate, also when the
    contractual rate is above the cap), none (the case says no late interest). ``running``:
    interest already accrues on as_of (B2C: only after the free first reminder's period).
    ``cap`` is the 2002-law rate a consumer clause is measured against; ``margin`` the points
    that law adds to the ECB rate.
    """
    cap = parameter("be.late_payment_rate").at(as_of, assume_last=assume_last)
    margin = parameter("be.late_payment_rate_margin").at(as_of, assume_last=assume_last)
    return {"kind": _BE_RATE_KINDS[decided["kind"]], "text": decided["text"], "unconfirmed": decided["unconfirmed"],
            "over_cap": decided["kind"] == "be_legal_over_cap", "running": decided["running"],
            "cap": rate(cap.value, case.language), "margin": number(margin.value, case.language)}


def _in_words(n: int, lang: str) -> str:
    """« quinze », « vijftien »: a period as a letter writes it."""
    return num2words(n, lang=lang)


def _years_phrase(years: int, lang: str) -> str:
    """« d'un an » / « de deux ans »; « van één jaar » / « van twee jaar »."""
    if lang == "fr":
        return "d'un an" if years == 1 else f"de {_in_words(years, lang)} ans"
    return f"van {'één' if years == 1 else _in_words(years, lang)} jaar"


def _first_reminder(case: Case, st: Statement, as_of: date) -> dict[str, Any] | None:
    """The free first reminder (CDE XIX.2) of the invoices still open, and its window.

    Several invoices may have different first reminders: the latest window governs, so that
    nothing is announced as claimable before every open invoice's period has run.
    """

    lang = case.language
    open_numbers = {b.invoice for b in st.invoices if b.outstanding > 0} or {i.number for i in case.invoices}
    found: list[tuple[Event, tuple[date, date, date]]] = []
    missing = []
    for inv in case.invoices:
        if inv.number not in open_numbers or inv.due_date >= as_of:
            continue
        event = first_reminder(case, inv)
        if event is None or event.date > as_of:
            missing.append(inv.number)
            continue
        try:
            found.append((event, window(event)))
        except DocgenError:       # sent before Book XIX applied: no window to honour
            continue
    if not found and not missing:
        return None
    if not found:
        return {"date": "", "first": "", "last": "", "claimable": "", "reached": False,
                "missing": missing, "electronic": False}
    event, (first, last, claimable) = max(found, key=lambda x: x[1][2])
    return {"date": long_date(event.date, lang), "first": long_date(first, lang),
            "last": long_date(last, lang), "claimable": long_date(claimable, lang),
            "reached": as_of >= claimable and not missing, "missing": missing,
            "electronic": event.channel in ("email", "registered_email")}


def _summons(case: Case, as_of: date, options: dict, assume_last: bool) -> dict[str, Any] | None:
    """The summons of C. jud. 1339 the request relies on (docgen.law.injunction_be.find_summons:
    ``procedure.sommation``, else the last formal notice by registered letter or bailiff)."""
    if options.get("sommation_date"):
        # The summons is a fact of the case, stated where the review can see it.
        raise DocgenError("--option sommation_date is no longer read: state the summons in the case file "
                          "(procedure.sommation: date, channel, tracking_number, proof)")
    found = find_summons(case, as_of, assume_last=assume_last)
    if found is None:
        return None
    lang = case.language
    return {"day": found.day, "event_ref": "" if found.event_index is None else f"event:{found.event_index}",
            "date": long_date(found.day, lang), "channel": found.channel, "tracking": found.tracking,
            "stated": found.stated, "expiry": long_date(found.expiry, lang), "file_by": long_date(found.file_by, lang),
            "timely": not found.premature(as_of) and not found.late(as_of), "by_bailiff": found.channel == "bailiff"}


def _injunction(case: Case, st: Statement, as_of: date, options: dict, assume_last: bool) -> dict[str, Any]:
    lang = case.language
    kind = court_kind(case)
    decided = decide_court(case, as_of, amount=st.total_due)
    rep = case.creditor.represented_by
    pay_days = summons_days(as_of, assume_last=assume_last).value
    file_days = filing_days(as_of, assume_last=assume_last).value
    return {
        "court_kind": kind,
        "court": _court_name(decided.result, lang) if decided.result else "",
        "cap": money(peace_cap(as_of, assume_last=assume_last).value, lang) if kind == "peace" else "",
        "has_lawyer": bool(rep and rep.kind == "lawyer"),
        "has_writing": has_debtor_writing(case),
        "summons_days": _in_words(pay_days, lang),
        "filing_days": _in_words(file_days, lang),
        "pay_by": long_date(add_days(as_of, pay_days, "BE"), lang),   # for part=sommation sent on as_of
        "tracking": str(options.get("tracking_number", "")),
        "summons": _summons(case, as_of, options, assume_last),
    }


_ARTICLES = {"fr": (("tribunal", "le "), ("juge", "le "), ("justice", "la ")), "nl": ((("", "de ")),)}


def _court_name(court: Court, lang: str) -> str:
    """« le tribunal de l'entreprise de Liège, division de Liège » / « de ondernemingsrechtbank Gent »:
    the decided court as a sentence names it (the court's own name, with its article)."""
    name = court.name
    if not name.lower().startswith(("le ", "la ", "l'", "de ", "het ")):
        lowered = name[0].lower() + name[1:]
        article = next((a for prefix, a in _ARTICLES[lang] if lowered.startswith(prefix)), "")
        name = article + (lowered if article else name)
    return f"{name}, {court.division}" if court.division else name


def _statute(case: Case) -> dict[str, Any] | None:
    """Arts 1338-1344 as the summons must reproduce them, from a verified data file only."""
    decision = statutory_text(case.language)
    if decision is None or not decision.decided:
        return None
    text = decision.result
    return {"title": text.title, "articles": [{"number": a.number, "text": a.text} for a in text.articles]}


def _plan(case: Case, as_of: date, options: dict, assume_last: bool) -> dict[str, Any]:
    interest = str(options.get("interest", "accrue"))
    if interest not in ("accrue", "waived"):
        raise DocgenError("interest during a payment plan is 'accrue' or 'waived' (--option interest=...)")
    days = parameter("docgen.formal_notice_days").at(as_of, assume_last=assume_last)
    return {"interest": interest, "acceleration_days": str(days.value)}


def be_extras(doc: str, case: Case, st: Statement, as_of: date, options: dict,
              base: dict[str, Any]) -> dict[str, Any]:
    """Belgian additions for ``doc``; ``base`` is what ``documents.EXTRAS`` already gave."""
    if case.jurisdiction != "BE":
        return {}
    lang = case.language
    assume_last = bool(options.get("assume_last_rate"))
    be: dict[str, Any] = {
        "debtor_in_belgium": debtor_in_belgium(case),
        "lump_sum_clause": bool(case.contract and case.contract.lump_sum_clause),
        "rate": _rate(case, as_of, assume_last, base["rate"]),
        "indemnity": "",
    }
    out: dict[str, Any] = {"be": be}
    if case.relationship == "B2B":
        be["indemnity"] = money(parameter("be.b2b_recovery_indemnity").at(as_of, assume_last=assume_last).value, lang)
    if doc in ("relance", "mise_en_demeure", "plan_apurement") and case.relationship == "B2C":
        be["first_reminder"] = _first_reminder(case, st, as_of)
    else:
        be["first_reminder"] = None
    if doc == "relance" and base.get("window"):
        days = parameter("be.b2c_reminder_period_days").at(as_of, assume_last=assume_last).value
        out["window"] = {**base["window"], "days": str(days)}
    if doc == "mise_en_demeure":
        years = parameter("be.prescription_interruption_years").at(as_of, assume_last=assume_last).value
        be["interruption_period"] = _years_phrase(years, lang)
    if doc == "mise_en_demeure" and base.get("variant", "").startswith("consumer_collector"):
        # The deadline decision (docgen.law.decisions.decide_notice_deadline) applies the same minimum.
        minimum = parameter("be.collector_notice_min_days").at(as_of, assume_last=assume_last).value
        if int(base.get("deadline_days") or 0) < minimum:
            out["deadline_days"] = str(minimum)
            out["deadline"] = long_date(add_days(as_of, minimum, "BE"), lang)
    if doc == "plan_apurement":
        be["plan"] = _plan(case, as_of, options, assume_last)
    if doc == "injonction_de_payer":
        part = str(options.get("part", "requete"))
        if part not in PARTS:
            raise DocgenError(f"injonction_de_payer has part=requete or part=sommation, not {part!r}")
        out["part"] = part
        be["injunction"] = _injunction(case, st, as_of, options, assume_last)
        out["statute"] = _statute(case) if part == "sommation" else None
    if doc in ("bordereau_de_pieces", "injonction_de_payer"):
        exhibits = list(base["exhibits"])     # exhibits.exhibit_list: the numbering the dossier uses too
        if doc == "injonction_de_payer":
            exhibits = _number_request_exhibits(case, be["injunction"], exhibits, options)
        out["exhibits"] = exhibits
    return out


def _number_request_exhibits(case: Case, inj: dict[str, Any], exhibits: list[dict[str, str]],
                             options: dict) -> list[dict[str, str]]:
    """Which pièce is the debtor's writing and which the summons (art. 1340: both are attached);
    the summons is appended when the list does not already hold it."""
    lang = case.language
    contract = case.contract
    first_title = case.exhibits[0].title if case.exhibits else None
    inj["writing_exhibit"] = next(
        (e["number"] for e in exhibits
         if e.get("ref") == "exhibit:0"
         or (contract and contract.reference and contract.reference in e.get("title", ""))
         or (first_title and e.get("title") == first_title)), "")
    summons = inj["summons"]
    inj["summons_exhibit"] = ""
    if summons is None:
        return exhibits
    day: date = summons.pop("day")     # the context holds formatted strings only
    forms = {short_date(day), day.isoformat(), long_date(day, lang)}
    words = ("demeure", "sommation", "gebreke", "aanmaning")
    for e in exhibits:
        if summons["event_ref"] and e.get("ref") == summons["event_ref"]:
            inj["summons_exhibit"] = e["number"]
            return exhibits
    for e in exhibits:
        title = e.get("title", "")
        if (e.get("date") in forms or any(f in title for f in forms)) and (
                (summons["tracking"] and summons["tracking"] in title) or any(w in title.lower() for w in words)):
            inj["summons_exhibit"] = e["number"]
            return exhibits
    title = ("Sommation de payer (article 1339 du Code judiciaire) et preuve de son envoi" if lang == "fr"
             else "Aanmaning tot betaling (artikel 1339 van het Gerechtelijk Wetboek) en bewijs van verzending")
    number = str(len(exhibits) + 1)
    inj["summons_exhibit"] = number
    return exhibits + [{"number": number, "title": title, "date": short_date(day), "pages": ""}]
