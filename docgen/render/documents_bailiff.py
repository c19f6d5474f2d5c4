"""What the bailiff routes' documents add to the common context: the creditor's request to the
commissaire de justice (FR petites créances, FR L126 commandement de payer) and the lawyer's
instruction to the huissier de justice (BE 1394/20).

Eligibility, amounts, caps and periods are decided in docgen.law (routes, routes_mentions, the dated
tables); this module only formats them. A refused document is still given every key, so that a
``--force`` draft renders.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from ..law.money import HUNDRED, ZERO, cents
from ..law.parameters import parameter
from ..law.routes import decide_route, instructed_bailiff
from ..law.routes_mentions import mentions
from ..law.statement import Statement
from ..model.case import Case, Representative
from .exhibits import exhibit_list
from .formatting import money
from .words import months_in_words


def _value(table: str, as_of: date) -> Any:  # noqa: ANN401 - a table's value (int or Decimal)
    return parameter(table).at(as_of, assume_last=True).value


def _bailiff(rep: Representative | None) -> dict[str, Any] | None:
    if rep is None:
        return None
    a = rep.address
    lines = [x for x in (rep.firm, a.street if a else None, a.line2 if a else None,
                         f"{a.postcode} {a.city}" if a else None) if x]
    return {"name": rep.name, "firm": rep.firm or "", "address_lines": lines, "email": rep.email or "",
            "phone": rep.phone or ""}


def _amounts(st: Statement, lang: str) -> dict[str, str]:
    indemnities = st.indemnities_total - st.indemnities_paid
    return {"principal": money(st.outstanding_principal, lang), "interest": money(st.interest_outstanding, lang),
            "indemnities": money(indemnities, lang), "total": money(st.total_due, lang),
            "principal_and_interest": money(st.outstanding_principal + st.interest_outstanding, lang),
            "accessories": money(st.interest_outstanding + indemnities, lang)}


def _common(route: str, case: Case, st: Statement, as_of: date) -> dict[str, Any]:
    lang = case.language
    decision = decide_route(route, case, st, as_of)
    return {"route": {"name": route, "basis": decision.basis, "eligible": decision.result.eligible,
                      "mentions": {m.key: m.to_dict(lang) for m in mentions(route)}},
            "bailiff": _bailiff(instructed_bailiff(case)), "amounts": _amounts(st, lang),
            "exhibits": exhibit_list(case)}


def requete_petites_creances(case: Case, st: Statement, as_of: date, options: dict) -> dict[str, Any]:
    out = _common("petites_creances", case, st, as_of)
    out["small_claims"] = {"cap": money(_value("fr.small_claims_cap", as_of), case.language),
                           "answer_months": str(_value("fr.small_claims_answer_months", as_of))}
    return out


def requete_l126(case: Case, st: Statement, as_of: date, options: dict) -> dict[str, Any]:
    out = _common("l126", case, st, as_of)
    # Before the law's start the route is refused (ROUTE-NOT-ELIGIBLE, not_in_force); a forced draft
    # prints the first values the law gives.
    day = max(as_of, parameter("fr.uncontested_claims_payment_months").values[0].start)
    months = str(_value("fr.uncontested_claims_payment_months", day))
    wait = str(_value("fr.uncontested_claims_report_wait_days", day))
    out["l126"] = {"payment_months": months, "wait_days": wait}
    return out


def instruction_huissier(case: Case, st: Statement, as_of: date, options: dict) -> dict[str, Any]:
    lang = case.language
    out = _common("undisputed_b2b", case, st, as_of)
    percent = _value("be.undisputed_b2b_accessories_cap_percent", as_of)
    accessories = st.interest_outstanding + st.indemnities_total - st.indemnities_paid
    cap = cents(st.outstanding_principal * percent / HUNDRED)
    months = _value("be.undisputed_b2b_answer_months", as_of)
    out["undisputed"] = {
        "cap_percent": str(percent), "cap": money(cap, lang), "within_cap": accessories <= cap,
        "margin": money(max(cap - accessories, ZERO), lang),
        "answer_months": str(months), "answer_period": months_in_words(int(months), lang),
        "wait_days": str(_value("be.undisputed_b2b_report_wait_days", as_of)),
        "contents": [m.to_dict(lang) for m in mentions("undisputed_b2b")],
    }
    return out


EXTRAS = {"requete_petites_creances": requete_petites_creances, "requete_l126": requete_l126,
          "instruction_huissier": instruction_huissier}
