"""One agenda line per case: its stage, next action, flags (``evaluate``), and the ordering and
duplicate rules of a list of them. The ``agenda`` command (``agenda.py``) and the batch's plan
(``batch/plan.py``) share them; this module reads no file and knows nothing of the index.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import DocgenError
from ..law.checks import run_checks
from ..law.money import as_str
from ..model.types import day_problem
from .escalation import next_action
from .policy import Policy, PolicyError, case_policy_layer
from .scan import LoadedCase

BLOCKING = frozenset({"invalid", "duplicate_reference", "compliance_error", "stale_rates", "policy_error"})


@dataclass(frozen=True)
class Flag:
    code: str        # invalid | duplicate_reference | compliance_error | prescription_near | stale_rates
    #                  | assumed_rate | policy_error
    message: str
    rule_ids: tuple[str, ...] = ()

    @property
    def blocking(self) -> bool:
        return self.code in BLOCKING

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "blocking": self.blocking, "message": self.message, "rule_ids": list(self.rule_ids)}


@dataclass(frozen=True)
class AgendaItem:
    """One case of the agenda. ``date`` is when ``action`` is due; ``doc`` the document it needs."""

    path: Path
    reference: str | None
    debtor: str | None
    jurisdiction: str | None
    relationship: str | None
    stage: str
    action: str
    label: str
    date: date | None
    doc: str | None = None
    options: dict[str, str] = field(default_factory=dict)
    deadline: date | None = None
    overdue: bool = False
    days_overdue: int = 0
    paused: bool = False
    urgent: bool = False
    flags: tuple[Flag, ...] = ()
    outstanding_principal: Decimal | None = None
    total_due: Decimal | None = None
    note: str = ""

    @property
    def can_proceed(self) -> bool:
        return not any(f.blocking for f in self.flags)

    def due_on(self, as_of: date) -> bool:
        """True when the action is due on ``as_of`` or earlier."""
        return self.date is not None and self.date <= as_of

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": str(self.path), "reference": self.reference, "debtor": self.debtor,
            "jurisdiction": self.jurisdiction, "relationship": self.relationship, "stage": self.stage,
            "action": self.action, "label": self.label, "date": self.date.isoformat() if self.date else None,
            "doc": self.doc, "options": dict(self.options),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "overdue": self.overdue, "days_overdue": self.days_overdue, "paused": self.paused,
            "urgent": self.urgent, "can_proceed": self.can_proceed, "flags": [f.to_dict() for f in self.flags],
            "outstanding_principal": as_str(self.outstanding_principal) if self.outstanding_principal is not None else None,
            "total_due": as_str(self.total_due) if self.total_due is not None else None,
            "note": self.note,
        }


def check_as_of(as_of: date) -> None:
    """A portfolio command's as-of date, in the range every case date is (usage error otherwise)."""

    if problem := day_problem(as_of):
        raise DocgenError(f"--as-of: {problem}")


def unexpected(exc: BaseException) -> str:
    """A failure no check foresaw, in one line: the case is reported, not the traceback."""
    text = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else ""
    return f"this case cannot be processed ({type(exc).__name__}{': ' + text if text else ''})"


def flag_duplicates(lines: list[tuple[AgendaItem, bool]]) -> list[AgendaItem]:
    """Two usable case files with the same reference: both flagged, neither may proceed
    (outputs are named after the reference, and which file is right is the user's call)."""
    by_ref: dict[str, list[AgendaItem]] = {}
    for item, usable in lines:
        if usable and item.reference is not None:
            by_ref.setdefault(item.reference, []).append(item)
    out = []
    for item, usable in lines:
        group = by_ref.get(item.reference or "", []) if usable else []
        if len(group) > 1:
            others = ", ".join(str(o.path) for o in group if o is not item)
            flag = Flag("duplicate_reference", f"reference {item.reference!r} is also used by {others}: "
                                               "give each case its own reference")
            item = replace(item, flags=item.flags + (flag,))
        out.append(item)
    return out


def sort_items(items: list[AgendaItem], as_of: date) -> list[AgendaItem]:
    def key(item: AgendaItem) -> tuple:
        group = 2 if item.date is None else (0 if item.date <= as_of else 1)
        return (group, item.date or date.max, item.reference or "", str(item.path))

    return sorted(items, key=key)


def evaluate(loaded: LoadedCase, as_of: date, policy: Policy) -> AgendaItem:
    """The agenda line of one loaded case (never raises for a bad case)."""
    case = loaded.case
    if case is None or loaded.statement is None:
        reason = loaded.error or "the case file cannot be used"
        return AgendaItem(loaded.path, loaded.reference, None, None, None, "invalid", "fix_case_file",
                          f"fix the case file: {reason}", as_of, flags=(Flag("invalid", reason),))
    st = loaded.statement
    flags: list[Flag] = []
    if loaded.stale_rates:
        flags.append(Flag("stale_rates", loaded.stale_rates))
    if loaded.assumed_rate:
        flags.append(Flag("assumed_rate", loaded.assumed_rate))
    common = dict(path=loaded.path, reference=case.reference, debtor=case.debtor.display_name,
                  jurisdiction=case.jurisdiction, relationship=case.relationship,
                  outstanding_principal=st.outstanding_principal, total_due=st.total_due)
    try:
        pol = policy.for_case(case.jurisdiction, case.relationship, case_policy_layer(loaded.path))
    except PolicyError as exc:
        flags.append(Flag("policy_error", exc.message))
        return AgendaItem(stage="invalid", action="fix_policy", label=f"fix the case's policy.yaml: {exc.message}",
                          date=as_of, flags=tuple(flags), **common)

    try:
        nxt = next_action(case, st, as_of, pol)
    except DocgenError as exc:
        flags.append(Flag("invalid", exc.message))
        return AgendaItem(stage="invalid", action="fix_case_file", label=exc.message, date=as_of,
                          flags=tuple(flags), **common)
    urgent = False
    if nxt.action != "none":
        flags += _check_flags(loaded, as_of)
        urgent = any(f.code == "prescription_near" for f in flags)
    day = nxt.date
    if urgent and day is not None and day > as_of:
        day = as_of
    overdue = day is not None and day < as_of
    return AgendaItem(stage=nxt.stage, action=nxt.action, label=nxt.label, date=day, doc=nxt.doc,
                      options=dict(nxt.options), deadline=nxt.deadline, overdue=overdue,
                      days_overdue=(as_of - day).days if overdue else 0, paused=nxt.paused, urgent=urgent,
                      flags=tuple(flags), note=nxt.note, **common)


def _check_flags(loaded: LoadedCase, as_of: date) -> list[Flag]:
    try:
        findings = run_checks(loaded.case, as_of, statement=loaded.statement)
    except DocgenError as exc:
        return [Flag("invalid", exc.message)]
    out = []
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        ids = tuple(sorted({f.rule_id for f in errors}))
        out.append(Flag("compliance_error", f"compliance errors {', '.join(ids)}: {errors[0].message}", ids))
    near = [f for f in findings if f.rule_id == "PRESCRIPTION-NEAR"]
    if near:
        out.append(Flag("prescription_near", near[0].message, ("PRESCRIPTION-NEAR",)))
    return out
