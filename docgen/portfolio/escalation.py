"""Where a case stands in the recovery path and what is to be done next, on which day (pure).

Precedence, first match wins:
1. nothing owed (``total_due`` is zero): ``closed``, or ``not_due`` when invoices are issued later;
   the debtor in collective proceedings (``insolvency``): declare the claim by the deadline of
   docgen.law.insolvency (``insolvency``), then wait for the verification (``claim_declared``);
   a struck-off debtor: ``struck_off``, paused until a mandataire ad hoc is appointed;
2. a ``dispute_raised`` event not followed by an event the policy lists in
   ``dispute.resumed_by``: ``disputed``, the case is paused (answer the dispute);
3. court stage (injunction filed / granted / served, bailiff instructed) or a bailiff route's act
   (small_claims_request_sent, commandement_served, sommation_served: route_steps.py, the debtor's
   period from docgen.law.routes_deadlines) more recent than any payment plan: its follow-up;
4. a ``payment_plan_defaulted`` event more recent than the last signed plan: the acceleration
   formal notice, then the injunction once its deadline has passed;
5. a ``payment_plan_signed`` event: instalment monitoring; an instalment still unpaid
   ``grace_days`` after its date (and not caught up since) puts the plan in default;
6. no invoice past its due date yet: ``not_due``, the first step is scheduled;
7. the amicable ladder of the policy (reminders, formal notice), then the injunction.

Legal timing comes from docgen's dated tables, never from the policy: the formal notice's
deadline (``docgen.formal_notice_days``; a Belgian consumer contacted by a collector, lawyer or
bailiff gets at least ``be.collector_notice_min_days``), the Belgian summons before an
injunction (``be.injunction_summons_days``, then ``be.injunction_filing_days`` to file),
the Book XIX window of the free first reminder (``be.b2c_reminder_period_days`` through
``docgen.law.deadlines.be_consumer_window``) before which no later step is scheduled, and
the months to serve a French injonction de payer (``fr.injunction_service_months``).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from ..errors import DocgenError
from ..law.be import first_reminder
from ..law.calendar import ONE_DAY
from ..law.deadlines import add_days, add_months, be_consumer_window
from ..law.insolvency import decide_declaration_deadline, proceedings, struck_off
from ..law.money import ZERO
from ..law.parameters import parameter
from ..law.routes import BASIS, chosen_route, decide_route, routes_for
from ..law.statement import Statement, compute_statement
from ..model.case import Case, Event
from ..render.documents import plan_schedule
from .next_action import NextAction
from .policy import CasePolicy
from .route_steps import ROUTE_DOCUMENT, route_follow_up

COURT_EVENTS = ("injunction_filed", "injunction_granted", "injunction_served", "bailiff_instructed",
                "small_claims_request_sent", "commandement_served", "sommation_served")   # the last three: route_steps.py
SUMMONS_CHANNELS = ("registered_letter", "bailiff")      # C. jud. 1339
ELECTRONIC = ("email", "registered_email")

LABELS = {
    "none": "nothing to do: nothing is owed",
    "review_dispute": "answer the debtor's dispute (the case is paused until a recovery step is recorded)",
    "check_instalment": "check that the instalment was paid",
    "plan_default": "instalment unpaid: record payment_plan_defaulted and send the acceleration formal notice",
    "acceleration_notice": "the payment plan is in default: send the acceleration formal notice",
    "review_balance": "every instalment is paid but a balance remains: settle it or close the case",
    "record_plan": "a payment plan was signed but the case file has no payment_plan: add its schedule",
    "injunction": "file the injunction request (injonction de payer)",
    "summons": "send the summons that must precede the injunction request (C. jud. 1338-1339)",
    "follow_up_injunction": "chase the court: no order recorded yet",
    "serve_injunction": "have the order served by a bailiff (commissaire de justice)",
    "follow_up_service": "the order was served: ask for enforcement once the opposition period has run",
    "follow_up_bailiff": "ask the bailiff for news",
    "declare_claim": "declare the claim in the debtor's collective proceedings (déclaration de créance)",
    "await_verification": "claim declared: wait for the verification of claims",
    "mandataire_ad_hoc": "the debtor was struck off: have a mandataire ad hoc appointed before any court step",
    "route_petites_creances": "instruct a commissaire de justice: simplified small-claims procedure (petites créances)",
    "route_l126": "instruct a commissaire de justice: commandement de payer for an uncontested commercial claim",
    "route_undisputed_b2b": "have the lawyer instruct a huissier: sommation for an undisputed B2B debt",
    "request_report": "ask for the procès-verbal de non-contestation (the debtor's period has run)",
}


def _events(case: Case, as_of: date, *types: str) -> list[Event]:
    indexed = [(e.date, i, e) for i, e in enumerate(case.events) if e.date <= as_of and (not types or e.type in types)]
    return [e for _, _, e in sorted(indexed, key=lambda x: (x[0], x[1]))]


def _last(case: Case, as_of: date, *types: str) -> Event | None:
    found = _events(case, as_of, *types)
    return found[-1] if found else None


def next_action(case: Case, st: Statement, as_of: date, pol: CasePolicy) -> NextAction:
    if st.total_due <= ZERO:
        later = [inv.due_date for inv in case.invoices if inv.issue_date > as_of]
        if later:   # nothing owed yet, but invoices to come: the case is not closed
            first = pol.steps[0]
            return NextAction("not_due", first.action, _step_label(first),
                              min(later) + timedelta(days=first.after_due_days), first.doc,
                              _step_options(first, pol), note=f"first due date {min(later)}")
        return NextAction("closed", "none", LABELS["none"], None)
    stayed = _insolvency(case, as_of)
    if stayed is not None:
        return stayed
    dispute = _last(case, as_of, "dispute_raised")
    if dispute is not None and not [e for e in _events(case, as_of, *pol.dispute_resumed_by) if e.date > dispute.date]:
        return NextAction("disputed", "review_dispute", LABELS["review_dispute"],
                          dispute.date + timedelta(days=pol.dispute_review_days), paused=True,
                          note=f"dispute raised on {dispute.date}")
    court = _last(case, as_of, *COURT_EVENTS)
    signed = _last(case, as_of, "payment_plan_signed")
    defaulted = _last(case, as_of, "payment_plan_defaulted")
    plan_day = max((e.date for e in (signed, defaulted) if e is not None), default=None)
    if court is not None and (plan_day is None or court.date >= plan_day):
        return _court(case, court, as_of, pol)
    if defaulted is not None and (signed is None or defaulted.date >= signed.date):
        return _after_default(case, defaulted, as_of, pol)
    if signed is not None:
        return _monitor_plan(case, st, signed, as_of, pol)
    return _ladder(case, st, as_of, pol)


# --- collective proceedings -------------------------------------------------------------------

def _insolvency(case: Case, as_of: date) -> NextAction | None:
    """Open proceedings replace every other step by the declaration, due from the publication (FR)
    or the judgment (BE) and to be made by the legal deadline."""

    if struck_off(case):
        return NextAction("struck_off", "mandataire_ad_hoc", LABELS["mandataire_ad_hoc"], as_of, paused=True,
                          note="no letter, injunction or bailiff step reaches a struck-off company")
    ins = proceedings(case)
    if ins is None:
        return None
    declared = _last(case, as_of, "claim_declared")
    if declared is not None and declared.date >= ins.judgment_date:
        return NextAction("claim_declared", "await_verification", LABELS["await_verification"], None,
                          note=f"claim declared on {declared.date}")
    deadline = decide_declaration_deadline(case)
    last_day = deadline.result.last_day if deadline.result is not None else None
    opened = ins.publication_date or ins.judgment_date
    if last_day is None:
        note = f"{ins.kind.replace('_', ' ')} since {ins.judgment_date}; state {deadline.field} to know the deadline"
    elif as_of > last_day:
        note = f"the period to declare ended on {last_day}: declare with a request to lift the forclusion"
    else:
        note = f"{ins.kind.replace('_', ' ')} since {ins.judgment_date}: declare by {last_day} ({deadline.basis})"
    return NextAction("insolvency", "declare_claim", LABELS["declare_claim"], min(opened, as_of),
                      "declaration_de_creance", deadline=last_day, note=note)


# --- court stage ------------------------------------------------------------------------------

def _court(case: Case, event: Event, as_of: date, pol: CasePolicy) -> NextAction:
    if event.type in ("small_claims_request_sent", "commandement_served", "sommation_served"):
        return route_follow_up(case, event)
    stage = {"bailiff_instructed": "enforcement"}.get(event.type, event.type)
    action = {"injunction_filed": "follow_up_injunction", "injunction_granted": "serve_injunction",
              "injunction_served": "follow_up_service", "bailiff_instructed": "follow_up_bailiff"}[event.type]
    day = event.date + timedelta(days=pol.follow_up_days.get(event.type, 0))
    deadline, note = None, ""
    if event.type == "bailiff_instructed" and case.procedure is not None and case.procedure.kind == "undisputed_b2b":
        return _undisputed_follow_up(case, event)
    if event.type == "injunction_granted" and case.jurisdiction == "FR":
        try:
            months = parameter("fr.injunction_service_months").at(event.date).value
            deadline = add_months(event.date, months, "FR")
            note = f"serve by {deadline} ({months} months, CPC 1411) or the order lapses"
        except DocgenError:
            pass
    return NextAction(stage, action, LABELS[action], day, deadline=deadline, note=note)


def _undisputed_follow_up(case: Case, event: Event) -> NextAction:
    """FR L126 / BE 1394/20: the debtor has a month from service, and the report may be drawn up
    only some days after it (both from docgen/data). Counted from the instruction, as the case file
    does not record the day of service: a lower bound, said in the note."""
    prefix = "fr.uncontested_claims" if case.jurisdiction == "FR" else "be.undisputed_b2b"
    months = parameter(f"{prefix}_payment_months" if case.jurisdiction == "FR" else f"{prefix}_answer_months")
    wait = parameter(f"{prefix}_report_wait_days")
    try:
        m, w = months.at(event.date, assume_last=True), wait.at(event.date, assume_last=True)
    except DocgenError:
        return NextAction("enforcement", "follow_up_bailiff", LABELS["follow_up_bailiff"], event.date)
    end = add_months(event.date, m.value, case.jurisdiction)
    report = add_days(end, w.value, case.jurisdiction)
    flag = " (unconfirmed)" if m.unconfirmed or w.unconfirmed else ""
    return NextAction("enforcement", "request_report", LABELS["request_report"], report,
                      note=f"{m.value} month(s) + {w.value} days{flag} from the service of the "
                           f"{'commandement' if case.jurisdiction == 'FR' else 'sommation'}; counted here from "
                           f"the instruction of {event.date}: check the day of service")


# --- payment plans ----------------------------------------------------------------------------

def _after_default(case: Case, defaulted: Event, as_of: date, pol: CasePolicy) -> NextAction:
    notices = [e for e in _events(case, as_of, "formal_notice_sent") if e.date >= defaulted.date]
    if notices:
        action = _injunction_step(case, notices, as_of, pol)
        return NextAction("plan_defaulted", action.action, action.label, action.date, action.doc, action.options,
                          action.deadline, note=action.note)
    return NextAction("plan_defaulted", "acceleration_notice", LABELS["acceleration_notice"], defaulted.date,
                      "mise_en_demeure", {"channel": pol.formal_notice_channel},
                      note=f"plan defaulted on {defaulted.date}")


def plan_instalments(case: Case, signed: Event) -> list[tuple[date, Decimal]]:
    """The plan's instalments: its explicit schedule, or the generated one on the total owed on
    the day it was signed (as ``plan_apurement`` computes it)."""

    plan = case.payment_plan
    if plan is None:
        return []
    if plan.schedule:
        return [(i.date, i.amount) for i in plan.schedule]
    total = compute_statement(case, signed.date, assume_last_rate=True).total_due
    return plan_schedule(case, total)


def _monitor_plan(case: Case, st: Statement, signed: Event, as_of: date, pol: CasePolicy) -> NextAction:
    schedule = plan_instalments(case, signed)
    if not schedule:
        return NextAction("payment_plan", "record_plan", LABELS["record_plan"], signed.date)
    start = min(signed.date, schedule[0][0])
    payments = sorted((p.date, p.amount) for p in case.payments if start <= p.date <= as_of)
    paid_now = sum((a for _, a in payments), ZERO)
    due = ZERO
    grace = timedelta(days=pol.plan_grace_days)
    for n, (day, amount) in enumerate(schedule, 1):
        due += amount
        check = day + grace + ONE_DAY            # first day on which it counts as unpaid
        paid_in_time = sum((a for d, a in payments if d < check), ZERO)
        if paid_in_time >= due:
            continue
        what = f"instalment {n}/{len(schedule)} of {amount} due {day}"
        if check <= as_of and paid_now < due:
            return NextAction("payment_plan", "plan_default", LABELS["plan_default"], check, "mise_en_demeure",
                              {"channel": pol.formal_notice_channel},
                              note=f"{what} still unpaid after {pol.plan_grace_days} days")
        if check > as_of:
            return NextAction("payment_plan", "check_instalment", LABELS["check_instalment"], check, note=what)
    last = schedule[-1][0] + grace + ONE_DAY
    return NextAction("payment_plan", "review_balance", LABELS["review_balance"], max(last, signed.date))


# --- the amicable ladder ----------------------------------------------------------------------

def _open_invoices(case: Case, st: Statement) -> list:
    balances = {b.invoice: b for b in st.invoices}
    found = [inv for inv in case.invoices if inv.number in balances and (
        balances[inv.number].outstanding > 0 or balances[inv.number].interest > balances[inv.number].interest_paid)]
    return found or [inv for inv in case.invoices if inv.number in balances]


def _ladder(case: Case, st: Statement, as_of: date, pol: CasePolicy) -> NextAction:
    open_invoices = _open_invoices(case, st)
    overdue = [inv for inv in open_invoices if inv.due_date < as_of]
    first = pol.steps[0]
    if not overdue:
        due = min(inv.due_date for inv in open_invoices)
        return NextAction("not_due", first.action, _step_label(first), due + timedelta(days=first.after_due_days),
                          first.doc, _step_options(first, pol), note=f"first due date {due}")
    ref_due = min(inv.due_date for inv in overdue)
    reminders = [e for e in _events(case, as_of, "reminder_sent") if e.date > ref_due]
    notices = [e for e in _events(case, as_of, "formal_notice_sent") if e.date > ref_due]
    sent = {"reminder_sent": len(reminders), "formal_notice_sent": len(notices)}
    used = {"reminder_sent": 0, "formal_notice_sent": 0}
    highest = -1
    for i, step in enumerate(pol.steps):
        used[step.done_by] += 1
        if used[step.done_by] <= sent[step.done_by]:
            highest = i
    if notices:      # a formal notice sent: every amicable step is behind (policies end with one)
        highest = len(pol.steps) - 1
    stage = f"{pol.steps[highest].action}_sent" if highest >= 0 else "overdue"
    if highest == len(pol.steps) - 1:
        if not notices:    # a custom policy ending with a reminder: the law wants a formal notice first
            return NextAction(stage, "formal_notice", "send the formal notice (mise en demeure)",
                              max(as_of, ref_due), "mise_en_demeure", {"channel": pol.formal_notice_channel})
        step = _route_step(case, st, notices, as_of, pol)
        return NextAction(stage, step.action, step.label, step.date, step.doc, step.options, step.deadline,
                          note=step.note)
    step = pol.steps[highest + 1]
    day = ref_due + timedelta(days=step.after_due_days)
    previous = reminders + notices
    if previous:
        day = max(day, max(e.date for e in previous) + timedelta(days=pol.min_days_between_steps))
    note = f"oldest open invoice due {ref_due}"
    if case.jurisdiction == "BE" and case.relationship == "B2C" and highest >= 0:
        claimable = book_xix_claimable(case, overdue)
        if claimable is not None and claimable > day:
            day = claimable
            note += f"; Book XIX: nothing beyond the principal before {claimable}"
    return NextAction(stage, step.action, _step_label(step), day, step.doc, _step_options(step, pol), note=note)


def book_xix_claimable(case: Case, invoices: list) -> date | None:
    """The first day on which more than the principal may be claimed for every one of
    ``invoices`` (the latest end of their free first reminders' windows, CDE XIX.2)."""

    days = []
    for inv in invoices:
        reminder = first_reminder(case, inv)
        if reminder is None:
            continue
        try:
            days.append(be_consumer_window(reminder.date, reminder.channel or "letter")[2])
        except DocgenError:       # a reminder sent before Book XIX applied: no window
            continue
    return max(days, default=None)


def _step_label(step) -> str:  # noqa: ANN001
    if step.doc == "relance":
        return f"send reminder {step.level or 1} (relance)"
    if step.doc == "mise_en_demeure":
        return "send the formal notice (mise en demeure)"
    return f"generate {step.doc}"


def _step_options(step, pol: CasePolicy) -> dict[str, str]:  # noqa: ANN001
    if step.doc == "relance":
        return {"level": str(step.level or 1), "channel": pol.reminder_channel}
    if step.doc == "mise_en_demeure":
        return {"channel": pol.formal_notice_channel}
    return {}


def notice_deadline(case: Case, notice: Event) -> date:
    """The last day to pay that docgen's formal notice of ``notice.date`` gave."""
    days = parameter("docgen.formal_notice_days").at(notice.date).value
    if case.jurisdiction == "BE" and case.relationship == "B2C" and case.creditor.represented_by is not None:
        try:
            days = max(days, parameter("be.collector_notice_min_days").at(notice.date).value)
        except DocgenError:
            pass
    return add_days(notice.date, days, case.jurisdiction)


def _route_step(case: Case, st: Statement, notices: list[Event], as_of: date, pol: CasePolicy) -> NextAction:
    """After the formal notice: the route the case file plans (``procedure.kind``) when it is open,
    else the first route of the policy's order the case is eligible for (docgen.law.routes
    decides; the injunction is always open), naming the other open ones."""

    chosen = chosen_route(case)
    # The creditor's own choice in the case file comes before the firm's default order.
    order = sorted(pol.routes, key=lambda route: route != chosen)
    open_routes: list[tuple[str, str]] = []
    for route in order:
        if route == "injunction":
            open_routes.append((route, "CPC 1405" if case.jurisdiction == "FR" else "C. jud. 1338"))
        elif route in routes_for(case):
            decision = decide_route(route, case, st, as_of)
            if decision.result.eligible:
                caveat = "" if decision.decided else f", {decision.status}: {decision.message}"
                open_routes.append((route, BASIS[route] + caveat))
    injunction = _injunction_step(case, notices, as_of, pol)
    if not open_routes or open_routes[0][0] == "injunction":
        others = "; ".join(f"{r} ({why})" for r, why in open_routes[1:])
        return replace(injunction, note=injunction.note + (f"; also open: {others}" if others else ""))
    route, why = open_routes[0]
    others = "; ".join(r for r, _ in open_routes[1:])
    day = notice_deadline(case, notices[-1]) + ONE_DAY
    return NextAction("", f"route_{route}", LABELS[f"route_{route}"], day, ROUTE_DOCUMENT[route],
                      note=f"eligible ({why})" + (f"; also open: {others}" if others else ""))


def _injunction_step(case: Case, notices: list[Event], as_of: date, pol: CasePolicy) -> NextAction:
    notice = notices[-1]
    margin = timedelta(days=pol.injunction_margin_days)
    if case.jurisdiction == "FR":
        deadline = notice_deadline(case, notice)
        return NextAction("", "injunction", LABELS["injunction"], deadline + ONE_DAY + margin, "injonction_de_payer",
                          note=f"the formal notice of {notice.date} gave until {deadline}")
    if notice.channel not in SUMMONS_CHANNELS:
        deadline = notice_deadline(case, notice)
        return NextAction("", "summons", LABELS["summons"], deadline + ONE_DAY, "injonction_de_payer",
                          {"part": "sommation"},
                          note=f"the formal notice of {notice.date} was sent by {notice.channel or 'an unrecorded channel'}, "
                               "not by registered letter or bailiff")
    pay_days = parameter("be.injunction_summons_days").at(notice.date).value
    file_days = parameter("be.injunction_filing_days").at(notice.date).value
    expiry = add_days(notice.date, pay_days, "BE")
    file_by = add_days(expiry, file_days, "BE")
    if as_of > file_by:
        return NextAction("", "summons", LABELS["summons"], file_by + ONE_DAY, "injonction_de_payer",
                          {"part": "sommation"},
                          note=f"the summons of {notice.date} could be relied on until {file_by} (C. jud. 1340): "
                               "send a new one")
    return NextAction("", "injunction", LABELS["injunction"], min(expiry + ONE_DAY + margin, file_by),
                      "injonction_de_payer", {"part": "requete"}, deadline=file_by,
                      note=f"the summons of {notice.date} expired on {expiry}; file by {file_by}")
