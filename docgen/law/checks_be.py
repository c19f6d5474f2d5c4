"""Belgian rules of ``docgen check``: Book XIX CDE for consumers, the law of 2 August 2002 and the
undisputed-debt procedure between businesses, the summary injunction procedure."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..errors import LegalDataError
from ..model.case import Event, Invoice
from .be import first_reminder, lump_sum, window
from .calendar import semester_label
from .checks_base import Context, Finding, Rule, event_label, payment_term, table_value
from .money import HUNDRED, ZERO, cents, percent_str
from .prescription import add_years, principal_imputation

XIX_2 = "CDE XIX.2"
XIX_4 = "CDE XIX.4"


def _window(ctx: Context, invoice: Invoice) -> tuple[Event | None, tuple[date, date, date] | None]:
    """The invoice's first reminder and its 14-day window; no window before Book XIX applied."""
    reminder = first_reminder(ctx.case, invoice, free_only=False)
    if reminder is None or reminder.date > ctx.as_of:
        return None, None
    try:
        return reminder, window(reminder)
    except LegalDataError:
        return reminder, None


def _is_free(event: Event) -> bool:
    return event.fee is None or event.fee == 0


def no_first_reminder(ctx: Context) -> Iterator[Finding]:
    missing = [inv.number for _, inv in ctx.overdue() if _window(ctx, inv)[0] is None]
    if missing:
        yield Finding(
            "BE-B2C-NO-FIRST-REMINDER", "warning", XIX_2,
            f"no free first reminder is recorded for invoice(s) {', '.join(missing)}: nothing beyond the principal "
            "(no interest, no lump sum, no fee) may be claimed until one is sent and its waiting period has run. "
            "Send it with the amount due, the lump sum that will be claimed, your name and enterprise number, "
            "the due date and description, and the payment period.", "events")


def fees(ctx: Context) -> Iterator[Finding]:
    invoices = [inv for inv in ctx.case.invoices if inv.issue_date <= ctx.as_of]
    clause = bool(ctx.case.contract and ctx.case.contract.lump_sum_clause)
    for index, event in ctx.fees():
        path = f"events[{index}].fee"
        firsts = [inv.number for inv in invoices if first_reminder(ctx.case, inv, free_only=False) is event]
        if firsts:
            yield Finding(
                "BE-B2C-REMINDER-NOT-FREE", "error", XIX_2,
                f"the first reminder of {event.date} (invoice(s) {', '.join(firsts)}) charges {event.fee} EUR: the "
                "first reminder to a consumer must be free, and one that is not does not open the waiting period. "
                "Send a new, free first reminder and claim nothing beyond the principal until its period has run.",
                path)
            continue
        windows = [_window(ctx, inv) for inv in invoices if inv.due_date < event.date]
        open_from = [w[2] for reminder, w in windows if reminder and w and _is_free(reminder)]
        if not any(day <= event.date for day in open_from):
            when = f" (claimable from {min(open_from)})" if open_from else " (no free first reminder yet)"
            yield Finding(
                "BE-B2C-FEES-BEFORE-WINDOW", "error", XIX_2,
                f"the {event_label(event)} of {event.date} charges {event.fee} EUR before anything beyond "
                f"the principal may be claimed{when}. Remove the fee.", path)
        elif not clause:
            yield Finding(
                "BE-B2C-LUMP-SUM-WITHOUT-CLAUSE", "error", XIX_4,
                f"the {event_label(event)} of {event.date} charges {event.fee} EUR but the contract "
                "provides no lump sum, and nothing else may be charged to a consumer (a reminder fee is allowed "
                "only in regular-supply contracts, within the XIX.2 limits). Remove the fee.", path)
        else:
            due = [inv for inv in invoices if inv.due_date < event.date]
            balances = principal_imputation(ctx.case, event.date)[0]
            balance = sum((balances.get(inv.number, ZERO) for inv in due), ZERO)
            cap = lump_sum(balance, event.date)
            if event.fee > cap:
                yield Finding(
                    "BE-B2C-LUMP-SUM-ABOVE-CAP", "error", XIX_4,
                    f"the {event_label(event)} of {event.date} charges {event.fee} EUR; on a balance of "
                    f"{balance} EUR the lump sum may not exceed {cap} EUR. Reduce it.", path)


def statement_before_window(ctx: Context) -> Iterator[Finding]:
    st = ctx.statement
    if st is None:
        return
    for inv in ctx.case.invoices:
        lines = [line for line in st.interest if line.invoice == inv.number]
        lumps = [x for x in st.indemnities if inv.number in x.invoice.split(", ")]
        if not (lines or lumps):
            continue
        reminder, w = _window(ctx, inv)
        if reminder is None:
            problem = "no free first reminder is recorded"
        elif not _is_free(reminder):
            problem = f"the first reminder of {reminder.date} charged a fee, so it is not the free reminder required"
        elif w is None:
            continue
        elif lines and min(line.first for line in lines) <= w[1]:
            problem = f"interest starts before the reminder's period ends on {w[1]}"
        elif lumps and ctx.as_of < w[2]:
            problem = f"the lump sum is claimable only from {w[2]}"
        else:
            continue
        yield Finding(
            "BE-B2C-FEES-BEFORE-WINDOW", "error", XIX_2,
            f"the statement claims interest or a lump sum on invoice {inv.number} but {problem}. Claim nothing "
            "beyond the principal until a free first reminder's waiting period has run.", ctx.invoice_path(inv.number))


def rate_above_cap(ctx: Context) -> Iterator[Finding]:
    contract = ctx.case.contract
    li = contract.late_interest if contract else None
    if li is None or li.basis != "contractual":
        return
    high = []
    for first in ctx.semesters():
        cap = table_value("be.late_payment_rate", first)
        if cap is not None and li.rate_percent > cap.value:
            doubt = ", unconfirmed" if cap.unconfirmed else ""
            high.append(f"{semester_label(first)} (cap {percent_str(cap.value)} %{doubt})")
    if high:
        yield Finding(
            "BE-B2C-RATE-ABOVE-CAP", "warning", XIX_4,
            f"the contractual rate of {percent_str(li.rate_percent)} % exceeds the rate of the law of 2 August 2002 "
            f"for {', '.join(high)}: the clause is void there, and docgen's statement already uses the legal "
            "interest rate for those semesters. Do not quote the contractual rate for them.",
            "contract.late_interest.rate_percent")


def short_prescription(ctx: Context) -> Iterator[Finding]:
    warn_days = table_value("docgen.prescription_warning_days", ctx.as_of).value
    general = table_value("be.prescription_years.general", ctx.as_of).value
    written = [e.date for _, e in ctx.events("payment_plan_signed", "injunction_served")]
    for index, inv in ctx.overdue():
        short = table_value("be.prescription_years.consumer_goods", inv.due_date)
        if short is None:
            continue
        deadline = add_years(inv.due_date, short.value)
        if any(inv.due_date < day <= deadline for day in written):
            continue    # a signed undertaking or a court claim takes the debt out of the short period
        if (deadline - ctx.as_of).days <= warn_days:
            verb = "may have been barred on" if ctx.as_of > deadline else "may be barred after"
            yield Finding(
                "BE-B2C-SHORT-PRESCRIPTION", "warning", "ancien C. civ. 2272 al. 2 (unconfirmed)",
                f"if invoice {inv.number} is for goods sold (not a service or works), it {verb} {deadline} "
                f"({short.value} year for goods sold by a merchant to a private person). Check with a lawyer; "
                f"docgen applies the general {general}-year period.", f"invoices[{index}]")


def undisputed_accessories_cap(ctx: Context) -> Iterator[Finding]:
    procedure = ctx.case.procedure
    st = ctx.statement
    if procedure is None or procedure.kind != "undisputed_b2b" or st is None:
        return
    percent = table_value("be.undisputed_b2b_accessories_cap_percent", ctx.as_of)
    if percent is None:
        return
    fees = sum((e.fee for _, e in ctx.fees()), ZERO)
    interest, indemnities = st.interest_outstanding, st.indemnities_total - st.indemnities_paid
    accessories = interest + indemnities + fees
    cap = cents(st.outstanding_principal * percent.value / HUNDRED)
    if accessories > cap:
        yield Finding(
            "BE-UNDISPUTED-ACCESSORIES-CAP", "warning", "C. jud. 1394/20 s. (per practitioner summaries)",
            f"accessories of {accessories} EUR (interest {interest}, indemnities {indemnities}, fees {fees}) exceed "
            f"{percent_str(percent.value)} % of the outstanding principal of {st.outstanding_principal} EUR "
            f"({cap} EUR). In the undisputed-debt procedure claim at most {cap} EUR of accessories, or use "
            "another procedure.", "procedure.kind")


def injunction(ctx: Context) -> Iterator[Finding]:
    if not ctx.injunction_wanted():
        return
    notices = ctx.events("formal_notice_sent")
    if notices and not any(e.channel in ("registered_letter", "bailiff") for _, e in notices):
        yield Finding(
            "BE-INJUNCTION-SUMMONS-CHANNEL", "error", "C. jud. 1339",
            "the summons that must precede an injunction request goes by bailiff or by registered letter with "
            "acknowledgement of receipt and reproduces articles 1338 to 1344; none recorded was sent that way. "
            "Send a compliant summons first.", f"events[{notices[-1][0]}].channel")
    address = ctx.case.debtor.address
    if address is not None and address.country != "BE":
        yield Finding(
            "BE-INJUNCTION-DEBTOR-ABROAD", "error", "C. jud. 1344",
            "the Belgian summary injunction procedure requires a debtor domiciled or resident in Belgium; for a "
            "debtor elsewhere in the EU use the European payment order.", "debtor.address.country")


def be_payment_term(ctx: Context) -> Iterator[Finding]:
    yield from payment_term(ctx, "be.max_payment_term_days")


B2B: list[Rule] = [be_payment_term, undisputed_accessories_cap, injunction]
B2C: list[Rule] = [no_first_reminder, fees, statement_before_window, rate_above_cap, short_prescription, injunction]
