"""The competent court for the creditor's next procedure, as a ``Decision``.

A court stated in the case file (``procedure.court``) wins; otherwise the sourced tables of
``docgen/data/courts`` decide (France: ``courts_fr``; Belgium: ``courts_be``). What they cannot
decide is ``needs_input`` naming ``procedure.court``: a wrong court in a filed requête costs the
creditor a dismissal, so the decision never guesses.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ..model.case import Address, Case
from .decision import Decision

NAME = "court"
FIELD = "procedure.court"
KINDS = {"FR": ("commerce", "tae", "judiciaire", "protection"), "BE": ("peace", "enterprise", "first_instance")}


@dataclass(frozen=True)
class Court:
    """A court as a document prints it. ``address`` is a tuple of lines, () when no source gave
    one; ``cerfa`` is the number of the optional French form for this court ("" if none)."""

    kind: str
    name: str
    division: str = ""
    address: tuple[str, ...] = ()
    city: str = ""
    source: str = ""
    cerfa: str = ""

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["address"] = list(self.address)
        return out


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
        from .courts_fr import decide_fr
        return decide_fr(case, as_of)
    from .courts_be import decide_be
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
        from .courts_fr import cerfa_for
        court = Court(**{**court.__dict__, "cerfa": cerfa_for(stated.kind)[0]})
    return Decision(NAME, court, "court stated in the case file; a stated court wins over docgen's tables",
                    inputs={"stated": stated.name}, stated=True, source=court.source)


def _address_lines(address: Address | None) -> tuple[str, ...]:
    if address is None:
        return ()
    lines = [x for x in (address.street, address.line2, f"{address.postcode} {address.city}") if x]
    return tuple(lines)


def debtor_place(case: Case) -> tuple[str, str, str] | None:
    """(country, postcode, city) of the debtor's seat or domicile, or None if the file lacks it."""
    address = case.debtor.address
    if address is None or not address.postcode.strip() or not address.city.strip():
        return None
    return address.country, address.postcode.strip(), address.city.strip()


def needs_court(basis: str, inputs: dict[str, str], message: str) -> Decision:
    return Decision(NAME, None, basis, "needs_input", inputs, FIELD, message=message)
