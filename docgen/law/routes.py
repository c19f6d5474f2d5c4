"""Which of the bailiff routes without a judge a case may take, each a ``Decision``.

- ``petites_creances``: the French simplified small-claims procedure (CPCE L125-1, R125-1 to
  R125-8, reference notes §7.2): a claim with a contractual or statutory cause, certain, liquid
  and due, of at most ``fr.small_claims_cap`` in principal and interest, run by a commissaire de
  justice established in the ressort of the cour d'appel of the debtor's domicile or seat.
- ``l126``: the French uncontested commercial claims procedure (CPCE L126-1 s., loi n° 2026-307
  du 23 avril 2026, reference §7.3): a claim invoiced between merchants, certain, liquid and due,
  no cap. Its tariff decree and several details are unconfirmed: the decision says so.
- ``undisputed_b2b``: the Belgian recovery of undisputed money debts (C. jud. 1394/20 to 1394/27,
  reference §7.5): both parties registered with the BCE/KBO (a valid enterprise number), a
  professional contractual debt, a debtor in no insolvency proceedings, accessories within
  ``be.undisputed_b2b_accessories_cap_percent`` of the principal, started by the creditor's lawyer.

The result is an ``Eligibility``: eligible or not, and every reason why not (stable codes, each
with a sentence). What docgen cannot know is ``needs_input`` (naming the field), what rests on
unconfirmed law is ``unconfirmed``; both are findings of the document that would use the route.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from stdnum.be import vat as be_enterprise_number

from ..errors import LegalDataError
from ..model.case import Case, Party, Representative
from .capacity import fr_is_merchant
from .decision import Decision
from .insolvency import proceedings
from .money import HUNDRED, cents
from .parameters import parameter
from .statement import Statement

BASIS = {"petites_creances": "CPCE L125-1, R125-1 à R125-8",
         "l126": "CPCE L126-1 s. (loi n° 2026-307 du 23 avril 2026)",
         "undisputed_b2b": "C. jud. 1394/20 à 1394/27"}
ROUTES = tuple(BASIS)


@dataclass(frozen=True)
class Eligibility:
    route: str
    eligible: bool
    reasons: tuple[tuple[str, str], ...] = ()      # (code, sentence) for each unmet condition
    facts: dict = field(default_factory=dict)      # figures the decision compared (strings)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.reasons)

    def to_dict(self) -> dict:
        return {"route": self.route, "eligible": self.eligible,
                "reasons": [{"code": c, "message": m} for c, m in self.reasons],
                "facts": {k: v if isinstance(v, bool) else str(v) for k, v in self.facts.items()}}   # JSON-ready


def _common(case: Case, st: Statement, as_of: date) -> list[tuple[str, str]]:
    """Certain, liquid and due (no dispute recorded, something overdue); no collective proceedings."""
    out = []
    if any(e.type == "dispute_raised" and e.date <= as_of for e in case.events):
        out.append(("disputed", "the debtor disputed the claim: it is not uncontested (certain) any more"))
    balances = {b.invoice: b for b in st.invoices}
    if not any(b.outstanding > 0 and case.invoice(n).due_date < as_of for n, b in balances.items()):
        out.append(("not_due", "no invoice is both unpaid and past its due date"))
    ins = proceedings(case)
    if ins is not None:
        out.append(("insolvency", f"the debtor is in {ins.kind.replace('_', ' ')} since {ins.judgment_date}: "
                                  "declare the claim instead"))
    return out


def _decision(route: str, reasons: list[tuple[str, str]], facts: dict, *, status: str = "decided",
              field_: str | None = None, message: str = "", source: str = "") -> Decision:
    result = Eligibility(route, not reasons, tuple(reasons), facts)
    return Decision(f"route_{route}", result, BASIS[route], status=status if not reasons else "decided",
                    inputs={k: str(v) for k, v in facts.items()}, field=field_ if not reasons else None,
                    source=source, message=message if not reasons else "; ".join(m for _, m in reasons))


def _jurisdiction(case: Case, route: str, wanted: str) -> Decision | None:
    if case.jurisdiction == wanted:
        return None
    return _decision(route, [("jurisdiction", f"a procedure of {wanted} law, not for a {case.jurisdiction} case")], {})


def decide_petites_creances(case: Case, st: Statement, as_of: date) -> Decision:
    route = "petites_creances"
    if (other := _jurisdiction(case, route, "FR")) is not None:
        return other
    reasons = _common(case, st, as_of)
    amount = st.outstanding_principal + st.interest_outstanding
    facts = {"principal_and_interest": amount}
    try:
        cap = parameter("fr.small_claims_cap").at(as_of)
    except LegalDataError:
        cap = None
    if cap is None:
        reasons.append(("no_cap_known", f"docgen has no small-claims cap in force on {as_of}"))
    else:
        facts["cap"] = cap.value
        if amount > cap.value:
            reasons.append(("over_cap", f"principal and interest ({amount} EUR) exceed the cap of {cap.value} EUR"))
    if reasons:
        return _decision(route, reasons, facts)
    # 2026: L125-1 reportedly no longer covers claims the L126 procedure covers (invoiced between
    # merchants). Unconfirmed (reference §7.2 and §13 item 9): the route stays offered, with a finding.
    if _l126_in_force(as_of) and fr_is_merchant(case.creditor) and fr_is_merchant(case.debtor):
        return _decision(route, [], facts, status="unconfirmed", source="reference notes §7.2 (repo relevé)",
                         message="since loi n° 2026-307, L125-1 reportedly excludes claims invoiced between "
                                 "merchants (the L126 procedure's): not confirmed; the L126 route may be the one")
    # The commissaire de justice must be established in the ressort of the cour d'appel of the debtor's
    # domicile: docgen has no table of those ressorts, so the creditor names the commissaire it chose.
    if instructed_bailiff(case) is None:
        return _decision(route, [], facts, status="needs_input", field_="creditor.represented_by",
                         message="the request goes to a commissaire de justice established in the ressort of the "
                                 "cour d'appel of the debtor's domicile or seat; name the one chosen in "
                                 "creditor.represented_by or procedure.bailiff (kind: bailiff)")
    return _decision(route, [], facts, source=cap.source)


def _l126_in_force(as_of: date) -> bool:
    try:
        parameter("fr.uncontested_claims_payment_months").at(as_of)
    except LegalDataError:
        return False
    return True


def decide_l126(case: Case, st: Statement, as_of: date) -> Decision:
    route = "l126"
    if (other := _jurisdiction(case, route, "FR")) is not None:
        return other
    reasons = []
    if not _l126_in_force(as_of):
        reasons.append(("not_in_force", f"the procedure does not exist yet on {as_of}"))
    if case.relationship != "B2B":
        reasons.append(("not_b2b", "the claim must have been invoiced between merchants, not to a consumer"))
    if not fr_is_merchant(case.creditor):
        reasons.append(("creditor_not_merchant", "the creditor is not a merchant (commercial company or trader on "
                                                 "the RCS) as far as the case file shows"))
    if not fr_is_merchant(case.debtor):
        reasons.append(("debtor_not_merchant", "the debtor is not a merchant (commercial company or trader on the "
                                               "RCS) as far as the case file shows"))
    reasons += _common(case, st, as_of)
    facts = {"creditor_merchant": fr_is_merchant(case.creditor), "debtor_merchant": fr_is_merchant(case.debtor)}
    if reasons:
        return _decision(route, reasons, facts)
    entry = parameter("fr.uncontested_claims_payment_months").at(as_of)
    if entry.unconfirmed:
        return _decision(route, [], facts, status="unconfirmed", source=entry.source,
                         message="the L126 procedure's delays and tariff decree are not confirmed by an official "
                                 "publication (reference §7.3)")
    return _decision(route, [], facts, source=entry.source)


def be_registered(party: Party) -> bool:
    """Registered with the Banque-Carrefour des Entreprises: a BCE number with a valid check (mod 97)."""
    reg = party.registration
    return bool(reg and reg.scheme == "BCE" and be_enterprise_number.is_valid(reg.number))


def decide_undisputed_b2b(case: Case, st: Statement, as_of: date) -> Decision:
    route = "undisputed_b2b"
    if (other := _jurisdiction(case, route, "BE")) is not None:
        return other
    reasons = []
    if case.relationship != "B2B":
        reasons.append(("not_professional", "the debt must arise from both parties' professional activity"))
    for who, party in (("creditor", case.creditor), ("debtor", case.debtor)):
        if not be_registered(party):
            reasons.append((f"{who}_not_registered", f"the {who} has no valid Belgian enterprise number (BCE/KBO) "
                                                     f"in {who}.registration"))
    reasons += _common(case, st, as_of)
    cap_percent = parameter("be.undisputed_b2b_accessories_cap_percent").at(as_of)
    accessories = st.interest_outstanding + st.indemnities_total - st.indemnities_paid
    cap = cents(st.outstanding_principal * cap_percent.value / HUNDRED)
    facts = {"accessories": accessories, "accessories_cap": cap, "cap_percent": cap_percent.value}
    if accessories > cap:
        reasons.append(("accessories_over_cap", f"the accessories ({accessories} EUR of interest and lump sums) "
                                                f"exceed {cap_percent.value} % of the principal ({cap} EUR): "
                                                "claim no more than that to use the procedure"))
    rep = case.creditor.represented_by
    if rep is None or rep.kind != "lawyer":
        reasons.append(("no_lawyer", "only the creditor's lawyer may start the procedure: state the lawyer in "
                                     "creditor.represented_by (kind: lawyer)"))
    if reasons:
        return _decision(route, reasons, facts)
    status = "unconfirmed" if cap_percent.unconfirmed else "decided"
    return _decision(route, [], facts, status=status, source=cap_percent.source)


DECIDERS = {"petites_creances": decide_petites_creances, "l126": decide_l126, "undisputed_b2b": decide_undisputed_b2b}


def instructed_bailiff(case: Case) -> Representative | None:
    """The commissaire de justice / huissier the route's document is addressed to: ``procedure.bailiff``,
    or (France, where the creditor may instruct one directly) ``creditor.represented_by`` of kind bailiff."""
    stated = case.procedure.bailiff if case.procedure is not None else None
    if stated is not None:
        return stated
    rep = case.creditor.represented_by
    return rep if rep is not None and rep.kind == "bailiff" and case.jurisdiction == "FR" else None


def decide_route(route: str, case: Case, st: Statement, as_of: date) -> Decision:
    return DECIDERS[route](case, st, as_of)


def chosen_route(case: Case) -> str | None:
    """The route the case file plans (``procedure.kind``), as a route name: ``injunction``, or one
    of ``ROUTES`` (``undisputed_b2b`` is L126 in France, 1394/20 in Belgium); None when none."""
    kind = case.procedure.kind if case.procedure is not None else None
    if kind == "small_claims":
        return "petites_creances"
    if kind == "undisputed_b2b":
        return "l126" if case.jurisdiction == "FR" else "undisputed_b2b"
    return kind


def routes_for(case: Case) -> tuple[str, ...]:
    """The bailiff routes of the case's jurisdiction."""
    return ("petites_creances", "l126") if case.jurisdiction == "FR" else ("undisputed_b2b",)
