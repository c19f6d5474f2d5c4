"""The competent court for the creditor's next procedure, as a ``Decision``.

A court stated in the case file (``procedure.court``) wins; otherwise the sourced tables of
``docgen/data/courts`` decide (France: ``courts_fr``; Belgium: ``courts_be``). What they cannot
decide is ``needs_input`` naming ``procedure.court``: a wrong court in a filed requête costs the
creditor a dismissal, so the decision never guesses.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..model.case import Case
from .courts_base import FIELD, KINDS, NAME, Court, _address_lines, debtor_place, needs_court
from .courts_be import decide_be
from .courts_fr import cerfa_for, decide_fr
from .decision import Decision

__all__ = ["FIELD", "KINDS", "NAME", "Court", "debtor_place", "decide_court", "needs_court"]


def decide_court(case: Case, as_of: date, *, procedure: str = "injunction",
                 amount: Decimal | None = None) -> Decision:
    """The court the creditor seizes for ``procedure`` on ``as_of``.

    ``amount`` is the sum claimed (Belgium: the juge de paix's cap); by default the principal
    still unpaid after credit notes and payments, the smallest sum the requête can claim.
    """
    stated = case.procedure.court if case.procedure else None
    if stated is not None:
        return _stated(case, stated)
    if procedure != "injunction":
        return Decision(NAME, None, "docgen decides the court of the injonction de payer only", "needs_input",
                        {"procedure": procedure}, FIELD,
                        message=f"state the court of the {procedure} procedure in {FIELD}")
    if case.jurisdiction == "FR":
        return decide_fr(case, as_of)
    return decide_be(case, as_of, _amount(case, as_of) if amount is None else amount)


def _amount(case: Case, as_of: date) -> Decimal:
    """The principal still unpaid on ``as_of``: invoices issued by then, less the credit notes and
    payments dated by then (a later payment does not lower the sum claimed on ``as_of``)."""
    invoiced = sum((i.amount for i in case.invoices if i.issue_date <= as_of), Decimal("0"))
    credited = sum((c.amount for c in case.credit_notes if c.date <= as_of), Decimal("0"))
    paid = sum((p.amount for p in case.payments if p.date <= as_of), Decimal("0"))
    return max(invoiced - credited - paid, Decimal("0"))


def _stated(case: Case, stated) -> Decision:
    address = _address_lines(stated.address)
    court = Court(kind=stated.kind or "", name=stated.name, division=stated.division or "", address=address,
                  city=stated.address.city if stated.address else "", source=f"case file ({FIELD})")
    if case.jurisdiction == "FR" and stated.kind:
        court = Court(**{**court.__dict__, "cerfa": cerfa_for(stated.kind)[0]})
    return Decision(NAME, court, "court stated in the case file; a stated court wins over docgen's tables",
                    inputs={"stated": stated.name}, stated=True, source=court.source)
