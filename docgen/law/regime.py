"""What differs between jurisdictions and relationships, behind one small interface.

The statement engine (statement.py) knows the computation conventions; a *regime*
(fr.py, be.py) knows the law: from when an invoice bears interest, at which rate and on
what basis, and which indemnities are owed. ``regime_for`` picks one by table lookup.
"""
from __future__ import annotations

from ..model.case import Case
from . import be, fr
from .regime_base import (TableEntry, RatePeriod, InterestTerms, IndemnityLine, Ledger, RateSource,
                          TableRate, FixedRate, Regime)

__all__ = ["TableEntry", "RatePeriod", "InterestTerms", "IndemnityLine", "Ledger", "RateSource", "TableRate", "FixedRate", "Regime", "regime_for"]


def regime_for(case: Case) -> Regime:
    regimes = {
        ("FR", "B2B"): fr.FranceB2B, ("FR", "B2C"): fr.FranceB2C,
        ("BE", "B2B"): be.BelgiumB2B, ("BE", "B2C"): be.BelgiumB2C,
    }
    return regimes[(case.jurisdiction, case.relationship)]()
