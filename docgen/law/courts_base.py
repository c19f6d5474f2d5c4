"""What the court deciders share (the ``Court`` a document prints, the debtor's place, the
« state the court » decision), apart from ``courts.py``'s choice between courts_fr.py and
courts_be.py, which import this module and not ``courts.py``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
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
