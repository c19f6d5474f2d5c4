"""What Belgian documents add to the context, on top of ``documents.EXTRAS``.

Merged last by ``documents.document_extras`` for a case whose jurisdiction is BE. Everything
is computed by the legal engine or read from the dated tables in ``docgen/data`` and only
formatted here; the templates under ``templates/be`` never compute a figure.

Keys added (all strings are already formatted in the case's language):

``be``
    ``debtor_in_belgium`` (bool), ``lump_sum_clause`` (bool), ``rate`` (the late-interest rate
    that applies today, see ``_rate``), and per document:
    relance / mise_en_demeure: ``first_reminder`` (the free first reminder of CDE XIX.2 actually
    recorded in the case, with its 14-day window; None when there is none);
    mise_en_demeure to a consumer through a collector, lawyer or bailiff: ``notice_min`` (the
    15-day minimum, flagged unconfirmed), and ``deadline`` / ``deadline_days`` are lengthened to it;
    plan_apurement: ``plan`` (``interest``: accrue | waived, ``acceleration_days``);
    injonction_de_payer: ``injunction`` (court_kind peace | enterprise, court (``--option court=``),
    cap, cap_unconfirmed, over_cap, has_lawyer, has_writing, both_enterprises, pay_by, tracking,
    summons (the art. 1339 summons relied on: ``--option sommation_date=`` or the last registered
    formal notice; with expiry, file_by, premature, late, timely), writing_exhibit, summons_exhibit).
``part``
    injonction_de_payer only: ``requete`` (default) or ``sommation`` (``--option part=sommation``).
``exhibits``
    bordereau_de_pieces and injonction_de_payer: the numbered list of pièces
    (``exhibits.exhibit_list``, plus the summons when the list lacks it).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from ..errors import DocgenError
from ..law.courts import Court, decide_court
from ..law.deadlines import add_days
from ..law.parameters import DatedValue, parameter
from ..law.statement import Statement
from ..model.case import Case, Event
from .formatting import long_date, money, rate, short_date

PARTS = ("requete", "sommation")
# Channels a summons of C. jud. 1339 may use: bailiff's writ or registered letter with AR.
SUMMONS_CHANNELS = ("registered_letter", "bailiff")


def _entry(name: str, day: date, assume_last: bool) -> DatedValue | None:
    try:
        return parameter(name).at(day, assume_last=assume_last)
    except DocgenError:
        return None


_BE_RATE_KINDS = {"be_2002": "statutory", "contractual": "contractual", "be_legal": "legal",
                  "be_legal_over_cap": "legal", "none": "none"}


def _rate(case: Case, as_of: date, assume_last: bool, decided: dict[str, Any]) -> dict[str, Any]:
    """The rate decided by docgen.law.decisions, in the Belgian templates' vocabulary.

    kind: statutory (B2B, law of 2 Aug 2002), contractual (the contract's rate; in B2C only
    up to the 2002-law rate, CDE XIX.4), legal (B2C: legal interest rate, also when the
    contractual rate is above the cap), none (the case says no late interest). ``cap`` is the
    2002-law rate a consumer clause is measured against.
    """
    cap = _entry("be.late_payment_rate", as_of, assume_last)
    return {"kind": _BE_RATE_KINDS[decided["kind"]], "text": decided["text"], "unconfirmed": decided["unconfirmed"],
            "over_cap": decided["kind"] == "be_legal_over_cap", "running": decided["running"],
            "cap": rate(cap.value, case.language) if cap else "", "cap_unconfirmed": bool(cap and cap.unconfirmed)}


def _first_reminder(case: Case, st: Statement, as_of: date) -> dict[str, Any] | None:
    """The free first reminder (CDE XIX.2) of the invoices still open, and its window.

    Several invoices may have different first reminders: the latest window governs, so that
    nothing is announced as claimable before every open invoice's period has run.
    """
    from ..law.be import first_reminder, window

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
    """The summons of C. jud. 1339 the request relies on: ``--option sommation_date=YYYY-MM-DD``
    (with optional sommation_channel, sommation_tracking), else the last formal notice sent by
    registered letter or bailiff. Its 15-day period and the 15 days to file (art. 1340)."""
    lang = case.language
    raw = options.get("sommation_date")
    if raw:
        try:
            day = date.fromisoformat(str(raw))
        except ValueError:
            raise DocgenError(f"sommation_date must be a date YYYY-MM-DD, got {raw!r}") from None
        channel, tracking, source = options.get("sommation_channel", "registered_letter"), \
            options.get("sommation_tracking", ""), "option"
        event_ref = ""
    else:
        notices = [e for e in case.events_of("formal_notice_sent")
                   if e.channel in SUMMONS_CHANNELS and e.date <= as_of]
        if not notices:
            return None
        day, channel, tracking, source = notices[-1].date, notices[-1].channel, notices[-1].tracking_number or "", "event"
        event_ref = f"event:{case.events.index(notices[-1])}"
    pay_days = _entry("be.injunction_summons_days", day, assume_last)
    file_days = _entry("be.injunction_filing_days", day, assume_last)
    expiry = add_days(day, pay_days.value if pay_days else 15, "BE")
    file_by = add_days(expiry, file_days.value if file_days else 15, "BE")
    return {"day": day, "event_ref": event_ref, "date": long_date(day, lang), "channel": channel, "tracking": tracking,
            "source": source,
            "expiry": long_date(expiry, lang), "file_by": long_date(file_by, lang),
            "premature": as_of <= expiry, "late": as_of > file_by,
            "timely": expiry < as_of <= file_by, "by_bailiff": channel == "bailiff"}


def _injunction(case: Case, st: Statement, as_of: date, options: dict, assume_last: bool) -> dict[str, Any]:
    lang = case.language
    cap = _entry("be.injunction_justice_of_peace_cap", as_of, assume_last)
    decided = decide_court(case, as_of, amount=st.total_due)
    court_kind = decided.result.kind if decided.result else ("enterprise" if case.relationship == "B2B" else "peace")
    rep = case.creditor.represented_by
    days = _entry("be.injunction_summons_days", as_of, assume_last)
    summons_days = days.value if days else 15
    pay_by = add_days(as_of, summons_days, "BE")
    contract = case.contract
    return {
        "court_kind": court_kind,
        "court": _court_name(decided.result, lang) if decided.result else "",
        "cap": money(cap.value, lang) if cap else "",
        "cap_unconfirmed": bool(cap and cap.unconfirmed),
        "over_cap": bool(court_kind == "peace" and cap and st.total_due > cap.value),
        "has_lawyer": bool(rep and rep.kind == "lawyer"),
        "has_writing": bool(contract and (contract.reference or contract.date)),
        "summons_days": str(summons_days),
        "pay_by": long_date(pay_by, lang),          # for part=sommation sent on as_of
        "tracking": str(options.get("tracking_number", "")),
        "summons": _summons(case, as_of, options, assume_last),
        "both_enterprises": bool(case.creditor.registration and case.debtor.registration),
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


def _plan(case: Case, as_of: date, options: dict, assume_last: bool) -> dict[str, Any]:
    interest = str(options.get("interest", "accrue"))
    if interest not in ("accrue", "waived"):
        raise DocgenError("interest during a payment plan is 'accrue' or 'waived' (--option interest=...)")
    days = _entry("docgen.formal_notice_days", as_of, assume_last)
    return {"interest": interest, "acceleration_days": str(days.value if days else 8)}


def be_extras(doc: str, case: Case, st: Statement, as_of: date, options: dict,
              base: dict[str, Any]) -> dict[str, Any]:
    """Belgian additions for ``doc``; ``base`` is what ``documents.EXTRAS`` already gave."""
    if case.jurisdiction != "BE":
        return {}
    lang = case.language
    assume_last = bool(options.get("assume_last_rate"))
    address = case.debtor.address
    be: dict[str, Any] = {
        "debtor_in_belgium": address is None or address.country == "BE",
        "lump_sum_clause": bool(case.contract and case.contract.lump_sum_clause),
        "rate": _rate(case, as_of, assume_last, base["rate"]),
    }
    out: dict[str, Any] = {"be": be}
    if doc in ("relance", "mise_en_demeure") and case.relationship == "B2C":
        be["first_reminder"] = _first_reminder(case, st, as_of)
    else:
        be["first_reminder"] = None
    if doc == "mise_en_demeure" and base.get("variant", "").startswith("consumer_collector"):
        minimum = _entry("be.collector_notice_min_days", as_of, assume_last)
        if minimum is not None:
            be["notice_min"] = {"days": str(minimum.value), "unconfirmed": minimum.unconfirmed}
            if int(base.get("deadline_days") or 0) < minimum.value:
                out["deadline_days"] = str(minimum.value)
                out["deadline"] = long_date(add_days(as_of, minimum.value, "BE"), lang)
    if doc == "plan_apurement":
        be["plan"] = _plan(case, as_of, options, assume_last)
    if doc == "injonction_de_payer":
        part = str(options.get("part", "requete"))
        if part not in PARTS:
            raise DocgenError(f"injonction_de_payer has part=requete or part=sommation, not {part!r}")
        out["part"] = part
        be["injunction"] = _injunction(case, st, as_of, options, assume_last)
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
