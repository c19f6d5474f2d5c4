"""French rules of ``docgen check``: L441-10 in B2B, L111-8 in B2C, service of the injonction."""
from __future__ import annotations

from collections.abc import Iterator

from .calendar import semester_label
from .checks_base import Context, Finding, Rule, event_label, payment_term, table_value
from .deadlines import add_months
from .money import percent_str

L441_10_II = "C. com. L441-10 II"
L111_8 = "CPCE (exéc.) L111-8 al. 2"


def rate_below_floor(ctx: Context) -> Iterator[Finding]:
    contract = ctx.case.contract
    li = contract.late_interest if contract else None
    if li is None or li.basis != "contractual":
        return
    low, multiplier = [], None
    for first in ctx.semesters():
        legal = table_value("fr.legal_rate.other", first)
        factor = table_value("fr.contractual_rate_floor_multiplier", first)
        if legal is None or factor is None:
            continue    # before the two-rate system (2015): no table to compare with
        multiplier = factor.value
        floor = legal.value * factor.value
        if li.rate_percent < floor:
            doubt = ", unconfirmed" if legal.unconfirmed else ""
            low.append(f"{semester_label(first)} (floor {percent_str(floor)} %{doubt})")
    if low:
        yield Finding(
            "FR-B2B-RATE-BELOW-FLOOR", "warning", L441_10_II,
            f"the contractual penalty rate of {percent_str(li.rate_percent)} % is below {multiplier} times the "
            f"legal interest rate ('autres cas') for {', '.join(low)}. docgen computes with the rate as written "
            "and does not correct it; have the clause reviewed, as the law sets this floor.",
            "contract.late_interest.rate_percent")


def no_penalties(ctx: Context) -> Iterator[Finding]:
    contract = ctx.case.contract
    if contract and contract.late_interest and contract.late_interest.basis == "none":
        yield Finding(
            "FR-B2B-NO-PENALTIES", "info", L441_10_II,
            "the case file claims no late-payment penalties although they are due by law, even when the contract "
            "is silent; docgen computes none, as asked (the fixed recovery indemnity is still counted).",
            "contract.late_interest.basis")


def fr_payment_term(ctx: Context) -> Iterator[Finding]:
    yield from payment_term(ctx, "fr.max_payment_term_days", "fr.max_payment_term_eom_days")


def recovery_fees(ctx: Context) -> Iterator[Finding]:
    for index, event in ctx.fees():
        yield Finding(
            "FR-B2C-RECOVERY-FEES", "error", L111_8,
            f"the {event_label(event)} of {event.date} charges {event.fee} EUR to a consumer: without an "
            "enforceable title, recovery costs stay with the creditor, a contrary clause is void and asking a "
            "consumer for them is an offence. Remove the fee and do not claim it.", f"events[{index}].fee")
    st = ctx.statement
    if st is not None and st.indemnities:
        yield Finding(
            "FR-B2C-RECOVERY-FEES", "error", L111_8,
            f"the statement claims {st.indemnities_total} EUR of indemnities from a consumer; recovery costs "
            "cannot be charged to a consumer without an enforceable title. Claim principal and interest only.")


def fee_clauses(ctx: Context) -> Iterator[Finding]:
    contract = ctx.case.contract
    if contract is None:
        return
    if contract.lump_sum_clause:
        yield Finding(
            "FR-B2C-FEE-CLAUSE", "warning", L111_8,
            "the contract provides a lump sum for recovery costs: such a clause is void against a consumer. "
            "docgen does not claim it; do not mention it in letters to the debtor.", "contract.lump_sum_clause")
    if contract.penalty_clause:
        yield Finding(
            "FR-B2C-FEE-CLAUSE", "warning", "C. conso. R212-2 3° ; C. civ. 1231-5 ; CPCE (exéc.) L111-8",
            "the contract has a penalty clause: against a consumer it is presumed unfair if manifestly "
            "disproportionate, void if it in fact charges recovery costs, and a judge may reduce it. docgen "
            "does not compute it; have it reviewed before claiming it.", "contract.penalty_clause")


def injunction_service(ctx: Context) -> Iterator[Finding]:
    basis = "CPC 1411 (décret n° 2026-96, art. 9, for ordonnances from 1 Sept 2026)"
    served = [e.date for _, e in ctx.events("injunction_served")]
    for index, granted in ctx.events("injunction_granted"):
        months = table_value("fr.injunction_service_months", granted.date)
        if months is None:
            continue
        deadline = add_months(granted.date, months.value, "FR")
        after = [day for day in served if day >= granted.date]
        if after and after[0] <= deadline:
            continue
        if after or ctx.as_of > deadline:
            when = f"served only on {after[0]}, after" if after else "not served by"
            yield Finding(
                "FR-INJUNCTION-SERVICE-DEADLINE", "error", basis,
                f"the ordonnance of {granted.date} was {when} {deadline} ({months.value} months): it is non "
                "avenue. A new requête is needed; docgen does not count a late service as interrupting "
                "prescription.", f"events[{index}]")
        else:
            yield Finding(
                "FR-INJUNCTION-SERVICE-DEADLINE", "warning", basis,
                f"the ordonnance of {granted.date} must be served by a commissaire de justice by {deadline}, or it "
                "becomes non avenue; record the service as an injunction_served event.", f"events[{index}]")


B2B: list[Rule] = [rate_below_floor, no_penalties, fr_payment_term, injunction_service]
B2C: list[Rule] = [recovery_fees, fee_clauses, injunction_service]
