"""The aging report's figures: age buckets, one row per debtor, the totals (``docgen aging``).

Every row and the totals add up: outstanding principal + interest + indemnities = total due.
A debtor is recognised across cases by its registration number, else its VAT number, else its
name and postcode. Computed by ``aging``; written out by ``aging_formats``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ..i18n import N_
from ..law.money import ZERO, as_str

BUCKETS = ("not_due", "0-30", "31-60", "61-90", "90+")
BUCKET_LABELS = {"not_due": N_("not due"), "0-30": N_("0-30 days"), "31-60": N_("31-60 days"),
                 "61-90": N_("61-90 days"), "90+": N_("> 90 days")}
STAGE_ORDER = ("closed", "not_due", "overdue", "reminder_1_sent", "reminder_2_sent", "formal_notice_sent",
               "disputed", "payment_plan", "plan_defaulted", "injunction_filed", "injunction_granted",
               "injunction_served", "enforcement")


def bucket_of(days_past_due: int) -> str:
    if days_past_due <= 0:
        return "not_due"
    if days_past_due <= 30:
        return "0-30"
    if days_past_due <= 60:
        return "31-60"
    if days_past_due <= 90:
        return "61-90"
    return "90+"


@dataclass
class DebtorRow:
    key: str
    name: str
    cases: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    buckets: dict[str, Decimal] = field(default_factory=lambda: {b: ZERO for b in BUCKETS})
    interest: Decimal = ZERO
    indemnities: Decimal = ZERO                # still owed (due minus paid)
    indemnities_paid: Decimal = ZERO
    total_due: Decimal = ZERO

    @property
    def outstanding(self) -> Decimal:
        return sum(self.buckets.values(), ZERO)

    @property
    def stage(self) -> str:
        """The most advanced stage among the debtor's cases."""
        if not self.stages:
            return ""
        return max(self.stages, key=lambda s: STAGE_ORDER.index(s) if s in STAGE_ORDER else -1)

    def to_dict(self) -> dict[str, Any]:
        return {"debtor": self.name, "cases": self.cases, "stage": self.stage,
                "buckets": {b: as_str(v) for b, v in self.buckets.items()},
                "outstanding_principal": as_str(self.outstanding), "interest": as_str(self.interest),
                "indemnities": as_str(self.indemnities), "indemnities_paid": as_str(self.indemnities_paid),
                "total_due": as_str(self.total_due)}


@dataclass
class AgingReport:
    as_of: date
    rows: list[DebtorRow]
    errors: list[tuple[str, str]]          # (case file, reason) of the cases left out
    assumed: list[tuple[str, str]] = field(default_factory=list)   # (reference, note): --assume-last-rate
    stats: Any = None                      # what the portfolio index spared (index.IndexStats)

    def total(self, bucket: str | None = None) -> Decimal:
        if bucket is None:
            return sum((r.outstanding for r in self.rows), ZERO)
        return sum((r.buckets[bucket] for r in self.rows), ZERO)

    @property
    def interest(self) -> Decimal:
        return sum((r.interest for r in self.rows), ZERO)

    @property
    def indemnities(self) -> Decimal:
        return sum((r.indemnities for r in self.rows), ZERO)

    @property
    def indemnities_paid(self) -> Decimal:
        return sum((r.indemnities_paid for r in self.rows), ZERO)

    @property
    def total_due(self) -> Decimal:
        return sum((r.total_due for r in self.rows), ZERO)

    def to_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "currency": "EUR",
                "totals": {"buckets": {b: as_str(self.total(b)) for b in BUCKETS},
                           "outstanding_principal": as_str(self.total()), "interest": as_str(self.interest),
                           "indemnities": as_str(self.indemnities),
                           "indemnities_paid": as_str(self.indemnities_paid), "total_due": as_str(self.total_due)},
                "debtors": [r.to_dict() for r in self.rows],
                "excluded": [{"case": c, "reason": r} for c, r in self.errors],
                "assumed_last_rate": [{"case": c, "note": n} for c, n in self.assumed]}


def debtor_key(party: Any) -> str:
    reg = party.registration
    if reg is not None:
        digits = "".join(c for c in reg.number if c.isdigit())
        if reg.scheme in ("SIREN", "SIRET", "RCS") and len(digits) >= 9:
            return f"FR:{digits[:9]}"              # SIRET and RCS carry the SIREN
        if digits:
            return f"{reg.scheme}:{digits}"
    if party.vat_number:
        return "VAT:" + "".join(c for c in party.vat_number.upper() if c.isalnum())
    postcode = party.address.postcode if party.address else ""
    name = " ".join(party.display_name.lower().split())
    return f"NAME:{name}|{postcode}"
