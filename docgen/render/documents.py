"""What each document type adds to the common context: deadlines, variants, schedules.

Dates and amounts are computed by the legal engine (docgen.law) and only formatted here.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Callable

from ..errors import DocgenError
from ..law.be import lump_sum
from ..law.deadlines import add_days, be_consumer_window
from ..law.decisions import decide_rate, decide_reminder_level
from ..law.money import ZERO, cents
from ..law.parameters import parameter
from ..law.statement import Statement
from ..model.case import Case
from . import documents_be, documents_fr
from .documents_routes import EXTRAS as ROUTE_EXTRAS
from .exhibits import exhibit_list
from .formatting import long_date, money, rate
from .words import amount_in_words

Extras = Callable[[Case, Statement, date, dict], dict[str, Any]]


def rate_context(case: Case, st: Statement, as_of: date, options: dict) -> dict[str, Any]:
    """The rate decision of docgen.law.decisions, formatted: every document prints this one."""
    decision = decide_rate(case, as_of, st, assume_last=bool(options.get("assume_last_rate")))
    choice = decision.result
    return {"kind": choice.kind, "text": rate(choice.percent, case.language) if choice.percent is not None else "",
            "running": choice.running, "basis": choice.basis, "unconfirmed": decision.status == "unconfirmed"}


def relance(case: Case, st: Statement, as_of: date, options: dict) -> dict[str, Any]:
    # The level follows the history (docgen.law.decisions); a forbidden one is refused by the findings.
    requested = options.get("level")
    level = decide_reminder_level(case, as_of, st, int(requested) if requested else None).result.level
    if level not in (1, 2):
        raise DocgenError("a reminder has level 1 or 2 (--level)")
    channel = options.get("channel", "letter")
    out: dict[str, Any] = {"level": level, "channel": channel, "current_rate": rate_context(case, st, as_of, options)["text"],
                           "indemnity": "", "window": None, "lump_sum": ""}
    if case.relationship == "B2B":
        table = "fr.b2b_recovery_indemnity" if case.jurisdiction == "FR" else "be.b2b_recovery_indemnity"
        out["indemnity"] = money(parameter(table).at(as_of).value, case.language)
    if case.jurisdiction == "BE" and case.relationship == "B2C":
        first, last, claimable = be_consumer_window(as_of, channel)
        out["window"] = {"first": long_date(first, case.language), "last": long_date(last, case.language),
                         "claimable": long_date(claimable, case.language), "days": "14"}
        if case.contract and case.contract.lump_sum_clause:
            out["lump_sum"] = money(lump_sum(st.outstanding_principal, last), case.language)
    return out


def mise_en_demeure(case: Case, st: Statement, as_of: date, options: dict) -> dict[str, Any]:
    days = int(options.get("days") or parameter("docgen.formal_notice_days").at(as_of).value)
    deadline = add_days(as_of, days, case.jurisdiction)
    rep = case.creditor.represented_by
    variant = "standard"
    if case.jurisdiction == "BE" and rep is not None:
        if case.relationship == "B2C":
            variant = "consumer_collector"
        if rep.kind in ("lawyer", "bailiff") and _flag(options.get("interrupt", "yes")):
            variant = "interruptive" if variant == "standard" else "consumer_collector_interruptive"
    return {"deadline_days": str(days), "deadline": long_date(deadline, case.language), "variant": variant,
            "tracking_number": options.get("tracking_number", ""),
            "channel": options.get("channel", "registered_letter"),
            "current_rate": rate_context(case, st, as_of, options)["text"],
            "acceleration": _acceleration(case, as_of, options)}


def _acceleration(case: Case, as_of: date, options: dict) -> dict[str, str] | None:
    """A signed payment plan later defaulted: the notice then also announces the déchéance du
    terme (the whole balance due) if the default is not cured within the deadline. On by itself
    when the case records it; ``--option acceleration=no`` turns it off."""
    if "acceleration" in options and not _flag(options["acceleration"]):
        return None
    signed = case.events_of("payment_plan_signed")
    signed = [e for e in signed if e.date <= as_of]
    if not signed:
        return None
    defaulted = [e for e in case.events_of("payment_plan_defaulted") if signed[-1].date <= e.date <= as_of]
    if not defaulted:
        return None
    return {"signed": long_date(signed[-1].date, case.language),
            "defaulted": long_date(defaulted[-1].date, case.language)}


def plan_schedule(case: Case, total: Decimal) -> list[tuple[date, Decimal]]:
    plan = case.payment_plan
    if plan is None:
        raise DocgenError("the case has no payment_plan: add one (instalments, first_date, every) to render plan_apurement")
    if plan.schedule:
        return [(i.date, i.amount) for i in plan.schedule]
    if not (plan.instalments and plan.first_date and plan.every):
        raise DocgenError("payment_plan needs instalments, first_date and every (or an explicit schedule)")
    n = plan.instalments
    share = cents(total / n)
    amounts = [share] * (n - 1) + [total - share * (n - 1)]     # the last instalment takes the rounding
    step: Callable[[int], date] = ((lambda k: plan.first_date + timedelta(weeks=k)) if plan.every == "week"
                                   else (lambda k: months_later(plan.first_date, k)))
    return [(step(k), amounts[k]) for k in range(n)]


def months_later(day: date, months: int) -> date:
    """Same day ``months`` later, clipped to the month's end. Instalment dates are
    contractual: unlike a legal deadline they are not moved to a working day."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def plan_apurement(case: Case, st: Statement, as_of: date, options: dict) -> dict[str, Any]:
    lang = case.language
    if options.get("first_date") and case.payment_plan and not case.payment_plan.schedule:
        # --option first_date=YYYY-MM-DD: the same plan, starting on another day (a plan drafted today
        # for a total computed today should not start in the past).
        plan = case.payment_plan.model_copy(update={"first_date": date.fromisoformat(str(options["first_date"]))})
        case = case.model_copy(update={"payment_plan": plan})
    schedule = plan_schedule(case, st.total_due)
    total = sum((a for _, a in schedule), ZERO)
    return {
        "instalments": [{"n": str(k), "date": long_date(d, lang), "amount": money(a, lang)}
                        for k, (d, a) in enumerate(schedule, 1)],
        "plan_total": money(total, lang), "plan_total_words": amount_in_words(total, lang),
        "_plan_total": total, "plan_starts_before": bool(schedule) and schedule[0][0] < as_of,
        "plan_matches_total": total == st.total_due, "plan_count": str(len(schedule)),
        "accrual_rate": rate_context(case, st, as_of, options)["text"]}


def bordereau_de_pieces(case: Case, st: Statement, as_of: date, options: dict) -> dict[str, Any]:
    return {"exhibits": exhibit_list(case, as_of)}


def injonction_de_payer(case: Case, st: Statement, as_of: date, options: dict) -> dict[str, Any]:
    return {"exhibits": exhibit_list(case, as_of), "transfer_on_opposition": _flag(options.get("transfer", "")),
            "current_rate": rate_context(case, st, as_of, options)["text"]}


def nothing(case: Case, st: Statement, as_of: date, options: dict) -> dict[str, Any]:
    return {}


def _flag(value: object) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "oui", "ja", "on")


EXTRAS: dict[str, Extras] = {
    "relance": relance, "mise_en_demeure": mise_en_demeure, "plan_apurement": plan_apurement,
    "decompte": nothing, "bordereau_de_pieces": bordereau_de_pieces, "injonction_de_payer": injonction_de_payer,
}


def document_extras(doc: str, case: Case, st: Statement, as_of: date, options: dict) -> dict[str, Any]:
    """Common keys of ``doc``, then the jurisdiction's own (documents_fr.py, documents_be.py)."""
    common = (ROUTE_EXTRAS.get(doc) or EXTRAS[doc])(case, st, as_of, options)
    # A declaration's figures are stated on the judgment day (documents_routes.statement_day): its
    # rate is the one of that day. For every other document st.as_of is as_of.
    common["rate"] = rate_context(case, st, st.as_of, options)
    specific = documents_fr.fr_extras if case.jurisdiction == "FR" else documents_be.be_extras
    merged = {**common, **specific(doc, case, st, as_of, options, common)}
    # Keys starting with "_" carry raw values between the two steps; templates get strings only.
    return {k: v for k, v in merged.items() if not k.startswith("_")}
