"""Conditions of the BE documents that must hold before one is sent or filed (see document_checks.py).

Each rule takes a DocumentContext and yields Findings with a stable rule id, the legal
basis and the case-file field to fill. A rule may also append a Decision to
ctx.decisions so that the review file says what was decided and from what.

The documents never print these conditions: what a template used to say in a boxed note
(« mention obligatoire manquante », « ne peut pas être déposée en l'état », « à vérifier »)
is a finding here, and an ``error`` makes ``render`` refuse the document.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..model.case import Invoice
from .be import first_reminder
from .checks import Finding
from .insolvency_checks import DOCUMENT_RULES as INSOLVENCY_RULES
from .routes_documents import DOCUMENT_RULES as ROUTE_RULES
from .decision import Decision
from .document_checks_base import DocumentContext, DocumentRule
from .injunction_be import (STATUTE_KEY, SUMMONS_BASIS, court_kind, debtor_in_belgium, decide_peace_cap,
                            find_summons, has_debtor_writing, statutory_text, summons_days)
from .money import ZERO
from .parameters import parameter

XIX_2 = "CDE XIX.2"
XIX_7 = "CDE XIX.7 § 2"
ART_2244 = "ancien C. civ. 2244 § 2"


def _consumer(ctx: DocumentContext) -> bool:
    return ctx.case.relationship == "B2C"


def _reminder_level(ctx: DocumentContext) -> int:
    decided = next((d for d in ctx.decisions if d.name == "reminder_level"), None)
    if decided is not None:
        return decided.result.level
    return int(ctx.options.get("level") or 1)


def _open_overdue(ctx: DocumentContext) -> list[Invoice]:
    open_numbers = {b.invoice for b in ctx.statement.invoices if b.outstanding > 0}
    return [i for i in ctx.case.invoices if i.number in open_numbers and i.due_date < ctx.as_of]


# ---- relance -----------------------------------------------------------------------------------

def first_reminder_mentions(ctx: DocumentContext) -> Iterator[Finding]:
    if ctx.doc != "relance" or not _consumer(ctx) or _reminder_level(ctx) != 1:
        return
    if ctx.case.creditor.registration is None:
        yield Finding("BE-FIRST-REMINDER-ENTERPRISE-NUMBER", "error", XIX_2,
                      "relance: the free first reminder to a consumer must state the creditor's enterprise number "
                      "(BCE/KBO); add it to the case file.", "creditor.registration")


def second_reminder_needs_first(ctx: DocumentContext) -> Iterator[Finding]:
    """A second reminder to a consumer presupposes the free first one: without it the letter can
    claim nothing and the waiting period of XIX.2 has not even started."""
    if ctx.doc != "relance" or not _consumer(ctx) or _reminder_level(ctx) != 2:
        return
    missing = [inv.number for inv in _open_overdue(ctx)
               if (event := first_reminder(ctx.case, inv)) is None or event.date > ctx.as_of]
    if missing:
        yield Finding("BE-REMINDER-WITHOUT-FREE-FIRST", "error", XIX_2,
                      f"relance: no free first reminder (CDE XIX.2) is recorded for invoice(s) {', '.join(missing)}; "
                      "send the free first reminder (level 1) first and record it as a reminder_sent event.",
                      "events")


# ---- mise_en_demeure ---------------------------------------------------------------------------

def _interruptive(ctx: DocumentContext) -> bool:
    """The notice claims the effect of ancien C. civ. 2244 § 2 (sent by the creditor's lawyer or
    bailiff; ``--option interrupt=no`` turns it off), as documents.mise_en_demeure decides."""
    rep = ctx.case.creditor.represented_by
    flag = str(ctx.options.get("interrupt", "yes")).strip().lower()
    return rep is not None and rep.kind in ("lawyer", "bailiff") and flag in ("1", "true", "yes", "oui", "ja", "on")


def notice_mentions(ctx: DocumentContext) -> Iterator[Finding]:
    """The identities that a collector's notice to a consumer (XIX.7 § 2) and an interruptive
    notice (2244 § 2) must print."""
    if ctx.doc != "mise_en_demeure":
        return
    rep = ctx.case.creditor.represented_by
    collector = _consumer(ctx) and rep is not None
    interruptive = _interruptive(ctx)
    if not (collector or interruptive):
        return
    basis = XIX_7 if collector else ART_2244
    rule = "BE-COLLECTOR-NOTICE-MENTION" if collector else "BE-INTERRUPTIVE-NOTICE-MENTION"
    creditor = ctx.case.creditor
    wanted = [("creditor.registration", creditor.registration, "the creditor's enterprise number (BCE/KBO)"),
              ("creditor.represented_by.registration", rep.registration if rep else None,
               "the enterprise number of the representative who sends it")]
    if collector:
        wanted += [("creditor.phone", creditor.phone, "the creditor's telephone number"),
                   ("creditor.email", creditor.email, "the creditor's e-mail address")]
    for path, value, what in wanted:
        if not value:
            yield Finding(rule, "error", basis, f"mise_en_demeure: the notice must state {what}; add {path} "
                                                "to the case file.", path)


def interruptive_debtor_abroad(ctx: DocumentContext) -> Iterator[Finding]:
    if ctx.doc != "mise_en_demeure" or not _interruptive(ctx) or debtor_in_belgium(ctx.case):
        return
    yield Finding("BE-INTERRUPTIVE-DEBTOR-ABROAD", "error", ART_2244,
                  "mise_en_demeure: the interruptive effect of a lawyer's or bailiff's formal notice applies only to a "
                  "debtor domiciled or established in Belgium, so the notice would claim an effect it does not have; "
                  "send an ordinary notice (--option interrupt=no) and interrupt prescription otherwise.",
                  "debtor.address.country")


# ---- plan_apurement ----------------------------------------------------------------------------

def plan_rate_cap(ctx: DocumentContext) -> Iterator[Finding]:
    """A consumer plan states the XIX.4 cap (the rate of the law of 2 August 2002) it keeps under:
    that figure is a decision of its own, unconfirmed when its table entry is."""
    if ctx.doc != "plan_apurement" or not _consumer(ctx):
        return
    cap = parameter("be.late_payment_rate").at(ctx.as_of, assume_last=ctx.assume_last)
    ctx.decisions.append(Decision("consumer_rate_cap", str(cap.value), "CDE XIX.4",
                                  status="unconfirmed" if cap.unconfirmed else "decided", source=cap.source,
                                  message=f"the rate of the law of 2 August 2002 that caps a consumer's rate "
                                          f"({cap.value} %, {cap.source})"))
    ctx.uses.append("be.late_payment_rate")
    yield from ()


def plan_total(ctx: DocumentContext) -> Iterator[Finding]:
    """The debtor acknowledges the total due and signs a schedule: the two must agree."""
    plan = ctx.case.payment_plan
    if ctx.doc != "plan_apurement" or plan is None or not plan.schedule:
        return       # a generated schedule adds up to the total by construction
    scheduled = sum((i.amount for i in plan.schedule), ZERO)
    if scheduled != ctx.statement.total_due:
        yield Finding("BE-PLAN-TOTAL-MISMATCH", "error", "ancien C. civ. 2248 (acknowledgement of debt)",
                      f"plan_apurement: the schedule adds up to {scheduled} EUR but the debtor would acknowledge "
                      f"{ctx.statement.total_due} EUR on {ctx.as_of}; adjust payment_plan.schedule (or replace it "
                      "with instalments, first_date and every) so that both agree.", "payment_plan.schedule")


# ---- injonction_de_payer -----------------------------------------------------------------------

def _part(ctx: DocumentContext) -> str:
    return str(ctx.options.get("part", "requete"))


def injunction_available(ctx: DocumentContext) -> Iterator[Finding]:
    """Conditions of the procedure itself (art. 1338 and 1344), for the request and for the summons
    that announces it."""
    if ctx.doc != "injonction_de_payer":
        return
    case = ctx.case
    if not debtor_in_belgium(case):
        yield Finding("BE-INJUNCTION-DEBTOR-ABROAD", "error", "C. jud. 1344",
                      "injonction_de_payer: the Belgian summary injunction procedure requires a debtor domiciled or "
                      "resident in Belgium; for a debtor elsewhere in the EU use the European payment order.",
                      "debtor.address.country")
    if court_kind(case) == "peace":
        cap = decide_peace_cap(case, ctx.as_of, ctx.statement.total_due, assume_last=ctx.assume_last)
        ctx.decisions.append(cap)
        ctx.uses.append("be.injunction_justice_of_peace_cap")
        if cap.result["over_cap"]:
            yield Finding("BE-INJUNCTION-OVER-CAP", "error", "C. jud. 1338",
                          f"injonction_de_payer: the claim of {ctx.statement.total_due} EUR exceeds the cap of "
                          f"{cap.result['cap']} EUR of the summary injunction before the juge de paix; sue by "
                          "summons (citation) instead.", "invoices")
    if not has_debtor_writing(case):
        severity = "error" if _part(ctx) == "requete" else "warning"
        yield Finding("BE-INJUNCTION-NO-WRITING", severity, "C. jud. 1338",
                      "injonction_de_payer: the claim must appear justified by a writing from the debtor (signed "
                      "contract, order form or quote); an invoice alone does not suffice. Name it in "
                      "contract.reference (and contract.date) and add it as an exhibit.", "contract.reference")


def request_conditions(ctx: DocumentContext) -> Iterator[Finding]:
    if ctx.doc != "injonction_de_payer" or _part(ctx) != "requete":
        return
    case = ctx.case
    rep = case.creditor.represented_by
    if rep is None or rep.kind != "lawyer":
        yield Finding("BE-REQUEST-NO-LAWYER", "error", "C. jud. 1340",
                      "injonction_de_payer: the request must be signed by a lawyer; state the creditor's lawyer in "
                      "creditor.represented_by (kind: lawyer, name, bar, address).", "creditor.represented_by")
    if court_kind(case) == "enterprise":
        for path, party in (("creditor.registration", case.creditor), ("debtor.registration", case.debtor)):
            if party.registration is None:
                yield Finding("BE-REQUEST-ENTERPRISE-NUMBER", "warning", "C. jud. 573",
                              "injonction_de_payer: the request goes to the tribunal de l'entreprise as a claim "
                              f"between enterprises, but {path} is not stated; add the enterprise number (BCE/KBO), "
                              "or if this party is not an enterprise set relationship: B2C.", path)


def request_summons(ctx: DocumentContext) -> Iterator[Finding]:
    """The request relies on a summons of art. 1339 whose payment period has run and whose
    filing period (art. 1340) has not."""
    if ctx.doc != "injonction_de_payer" or _part(ctx) != "requete":
        return
    summons = find_summons(ctx.case, ctx.as_of, assume_last=ctx.assume_last)
    if summons is None:
        yield Finding("BE-SUMMONS-MISSING", "error", SUMMONS_BASIS,
                      "injonction_de_payer: no summons of C. jud. 1339 is recorded. Send one first (the document "
                      "injonction_de_payer with --option part=sommation, by registered letter with acknowledgement "
                      "of receipt or by bailiff), then state it in procedure.sommation (date, channel, "
                      "tracking_number, proof).", "procedure.sommation")
        return
    ctx.decisions.append(Decision(
        "summons", summons, SUMMONS_BASIS, status="unconfirmed" if summons.unconfirmed else "decided",
        inputs={"procedure.sommation": "stated" if summons.stated else "not stated"}, stated=summons.stated,
        source="procedure.sommation" if summons.stated else f"events[{summons.event_index}]"))
    ctx.uses += [("be.injunction_summons_days", summons.day), ("be.injunction_filing_days", summons.day)]
    if not summons.stated:
        yield Finding("BE-SUMMONS-UNSTATED", "error", "C. jud. 1339",
                      f"injonction_de_payer: the request would rely on the formal notice of {summons.day} "
                      f"(events[{summons.event_index}]), but a summons is valid only if it reproduced articles 1338 to "
                      "1344 of the Code judiciaire and named the judge to be seized (on pain of nullity). If it did, "
                      "state it in procedure.sommation; otherwise send the summons first.", "procedure.sommation")
    if summons.premature(ctx.as_of):
        yield Finding("BE-SUMMONS-PREMATURE", "error", "C. jud. 1339",
                      f"injonction_de_payer: the debtor has until {summons.expiry} to pay under the summons of "
                      f"{summons.day}; the request may be filed only after that day (and by {summons.file_by}).",
                      "procedure.sommation.date")
    elif summons.late(ctx.as_of):
        yield Finding("BE-SUMMONS-LATE", "error", "C. jud. 1340",
                      f"injonction_de_payer: the request had to be filed by {summons.file_by}, within the period "
                      f"that followed the summons of {summons.day}; send a new summons and state it in "
                      "procedure.sommation.", "procedure.sommation.date")


def summons_conditions(ctx: DocumentContext) -> Iterator[Finding]:
    """The summons reproduces arts 1338 to 1344 verbatim (art. 1339, on pain of nullity)."""
    if ctx.doc != "injonction_de_payer" or _part(ctx) != "sommation":
        return
    days = summons_days(ctx.as_of, assume_last=ctx.assume_last)
    ctx.decisions.append(Decision("summons_deadline", {"days": days.value}, "C. jud. 1339",
                                  status="unconfirmed" if days.unconfirmed else "decided", source=days.source))
    ctx.uses.append("be.injunction_summons_days")
    decision = statutory_text(ctx.case.language)
    if decision is not None and decision.decided:
        ctx.decisions.append(decision)
        return
    name = f"{STATUTE_KEY}.{ctx.case.language}.yaml"
    how = decision.message if decision is not None and decision.message else (
        "the summons must reproduce articles 1338 to 1344 of the Code judiciaire verbatim and docgen has no "
        "verified copy of that text. Install the official text (Justel consolidated version, "
        "www.ejustice.just.fgov.be, in the procedure's language) as docgen/data/statutes/" + name
        + " or in the statutes/ subfolder of a --data overlay folder")
    yield Finding("BE-STATUTORY-TEXT-MISSING", "error", "C. jud. 1339",
                  f"injonction_de_payer (sommation): {how}", f"data:statutes/{name}")


RULES: list[DocumentRule] = [first_reminder_mentions, second_reminder_needs_first, notice_mentions,
                             interruptive_debtor_abroad, plan_rate_cap, plan_total, injunction_available,
                             request_conditions, request_summons, summons_conditions]
RULES += INSOLVENCY_RULES
RULES += ROUTE_RULES
