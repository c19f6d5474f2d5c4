"""Money arithmetic: Decimal only, rounded half-up to the cent once, at the edge."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
CENT = Decimal("0.01")
HUNDRED = Decimal("100")


def cents(amount: Decimal) -> Decimal:
    """Round half-up to the cent (the convention of every French and Belgian décompte)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def as_str(amount: Decimal) -> str:
    """The stable JSON form of an amount: always two decimals, never an exponent."""
    return f"{cents(amount):.2f}"


def percent_str(rate: Decimal) -> str:
    """A rate as printed in a statement: at least two decimals, no trailing noise."""
    text = f"{rate.normalize():f}"
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"
