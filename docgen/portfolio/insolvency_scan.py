"""``docgen insolvency scan``: a BODACC export against a portfolio; the debtors found in
collective proceedings get them recorded in their case files.

A case matches when its debtor's registration (SIREN, or the SIREN part of a SIRET or of an RCS
number) is among a publication's ``registre``. Per matching case, its publications are applied
oldest first to what the case already states:

- an opening (sauvegarde, redressement, liquidation judiciaire) is recorded when the case
  states no proceedings: kind, court, judgment and publication dates, the mandataire or
  liquidateur when the notice names one; when the case states the same judgment, only its
  missing fields are filled (never a stated value changed);
- a conversion (to redressement or liquidation judiciaire) changes the recorded proceedings'
  kind, keeping the opening's dates: the period to declare ran from the opening's publication
  and a claim declared then stands (C. com. L622-24, L641-1);
- anything else that would change a stated value, a conversion whose opening is neither in the
  case nor in the export, a case whose jurisdiction is not France: left for review (nothing
  written);
- other judgments (plan, clôture ...) are listed for information.

Only the matching case files are written (``record.record_mapping``: lock, validated, atomic,
layout and comments kept); every other file is left byte for byte. A second run finds every
case already up to date and writes nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import CaseValidationError, DocgenError
from ..law.insolvency import decide_declaration_deadline
from ..matter import validate
from .bodacc import Publication, fold, read_export
from .record import record_mapping
from .scan import find_case_files, parse_case_bytes

# What each item's status means, for the CLI and the JSON.
RECORDED, COMPLETED, CONVERTED, UNCHANGED, REVIEW, OTHER, REFUSED = (
    "recorded", "completed", "converted", "unchanged", "review", "other_judgment", "refused")
_WRITES = (RECORDED, COMPLETED, CONVERTED)


@dataclass
class ScanItem:
    path: Path
    reference: str
    debtor: str
    siren: str
    status: str
    publication: Publication
    insolvency: dict | None = None          # what the case states after the scan (or would)
    deadline: date | None = None
    deadline_status: str | None = None      # decided | unconfirmed | needs_input ...
    reason: str = ""

    def to_dict(self) -> dict:
        ins = self.insolvency or {}
        return {"path": str(self.path), "reference": self.reference, "debtor": self.debtor, "siren": self.siren,
                "status": self.status, "kind": ins.get("kind") or self.publication.kind,
                "judgment_date": ins.get("judgment_date") or _iso(self.publication.judgment_date),
                "publication_date": ins.get("publication_date") or _iso(self.publication.published),
                "court": ins.get("court") or self.publication.court or None,
                "declaration_deadline": _iso(self.deadline), "deadline_status": self.deadline_status,
                "bodacc": self.publication.to_dict(), "reason": self.reason or None}


@dataclass
class InsolvencyScan:
    """What ``scan_insolvency`` found and did."""
    items: list[ScanItem] = field(default_factory=list)
    publications: int = 0
    unmatched: int = 0                      # publications naming no debtor of the portfolio
    set_aside: list[tuple[str, str]] = field(default_factory=list)
    other_notices: int = 0
    unreadable: list[tuple[Path, str]] = field(default_factory=list)
    dry_run: bool = False

    @property
    def written(self) -> list[ScanItem]:
        return [i for i in self.items if i.status in _WRITES]

    @property
    def needs_review(self) -> list[ScanItem]:
        return [i for i in self.items if i.status in (REVIEW, REFUSED)]

    def to_dict(self) -> dict:
        return {"dry_run": self.dry_run, "publications": self.publications, "unmatched_publications": self.unmatched,
                "other_notices": self.other_notices, "items": [i.to_dict() for i in self.items],
                "set_aside": [{"record": r, "reason": why} for r, why in self.set_aside],
                "unreadable": [{"path": str(p), "reason": why} for p, why in self.unreadable]}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def debtor_siren(case: Any) -> str | None:
    """The debtor's SIREN from raw case data: a SIREN, the first 9 digits of a SIRET, or the
    9 digits of an RCS number (« RCS Lyon 833 310 592 »), when valid."""
    from stdnum.fr import siren

    try:
        reg = case["debtor"]["registration"]
        scheme, number = reg["scheme"], str(reg["number"])
    except (KeyError, TypeError):
        return None
    digits = re.sub(r"\D", "", number[:100])
    if scheme == "SIRET":
        digits = digits[:9]
    elif scheme not in ("SIREN", "RCS"):
        return None
    return digits if len(digits) == 9 and siren.is_valid(digits) else None


def _debtor_name(case: dict) -> str:
    debtor = case.get("debtor") if isinstance(case.get("debtor"), dict) else {}
    name = debtor.get("name") or " ".join(str(debtor.get(k) or "") for k in ("first_name", "last_name")).strip()
    return str(name)[:200]


def scan_insolvency(export: str | Path, portfolio: str | Path, *, as_of: date, dry_run: bool = False,
                    lock_timeout: float | None = None) -> InsolvencyScan:
    """Match a BODACC "procédures collectives" export (JSON or CSV as DILA publishes it)
    against every case of ``portfolio`` by the debtor's SIREN, and record the proceedings
    found in the matching case files (unless ``dry_run``). Each item gives the case, the
    publication, what was done and the last day to declare the claim (C. com. R622-24), which
    the agenda then shows. Raises DocgenError for an unreadable export or portfolio; a case
    file that cannot take the proceedings is an item ``refused`` (the others are written)."""
    reading = read_export(export)
    result = InsolvencyScan(publications=len(reading.publications), set_aside=reading.set_aside,
                            other_notices=reading.other_notices, dry_run=dry_run)
    by_siren: dict[str, list[Publication]] = {}
    for pub in reading.publications:
        for number in pub.sirens:
            by_siren.setdefault(number, []).append(pub)
    matched: set[str] = set()
    for path in find_case_files(Path(portfolio)):
        try:
            case = parse_case_bytes(path.read_bytes(), path)
        except (OSError, DocgenError) as exc:
            result.unreadable.append((path, getattr(exc, "message", None) or str(exc)))
            continue
        if not isinstance(case, dict):
            continue
        number = debtor_siren(case)
        if number is None or number not in by_siren:
            continue
        matched.add(number)
        result.items += _scan_case(path, case, number, by_siren[number], as_of, dry_run, lock_timeout)
    result.unmatched = sum(1 for pub in reading.publications if not matched.intersection(pub.sirens))
    return result


def _order(pub: Publication) -> tuple:
    return (pub.judgment_date or pub.published, pub.published, pub.action != "opening")


def _scan_case(path: Path, case: dict, number: str, pubs: list[Publication], as_of: date, dry_run: bool,
               lock_timeout: float | None) -> list[ScanItem]:
    reference, debtor = str(case.get("reference") or "")[:200], _debtor_name(case)
    current = case.get("insolvency") if isinstance(case.get("insolvency"), dict) else None
    state = dict(current) if current else None
    items: list[ScanItem] = []
    changed_by: Publication | None = None
    for pub in sorted(pubs, key=_order):
        item = ScanItem(path, reference, debtor, number, OTHER, pub)
        items.append(item)
        if pub.action == "other":
            item.reason = "not an opening or a conversion"
            continue
        if pub.action == "review":
            item.status, item.reason = REVIEW, _review_reason(pub)
            continue
        if pub.published > as_of or (pub.judgment_date and pub.judgment_date > as_of):
            item.status, item.reason = REVIEW, f"published or judged after the as-of date {as_of}"
            continue
        if case.get("jurisdiction") != "FR":
            item.status, item.reason = REVIEW, "French proceedings of the debtor of a case that is not French"
            continue
        new, why = apply_publication(state, pub)
        if new is None:
            item.status, item.reason = REVIEW, why
            continue
        if new == state:
            item.status = UNCHANGED
            continue
        item.status = (RECORDED if state is None or not state.get("kind")
                       else CONVERTED if new.get("kind") != state.get("kind") else COMPLETED)
        state, changed_by = new, pub
    writing = [i for i in items if i.status in _WRITES]
    if writing and not dry_run:
        try:
            _write(path, state, current, changed_by, as_of, lock_timeout)
        except CaseValidationError as exc:
            problems = "; ".join(str(p) for p in exc.problems if p.severity == "error")[:500]
            for i in writing:
                i.status, i.reason = REFUSED, f"{exc.message}: {problems}" if problems else exc.message
            state = current
        except DocgenError as exc:
            for i in writing:
                i.status, i.reason = REFUSED, exc.message
            state = current
    deadline, status = _deadline(path, case, state, as_of)
    for i in items:
        if i.status != OTHER:
            i.insolvency, i.deadline, i.deadline_status = state, deadline, status
    return items


def _review_reason(pub: Publication) -> str:
    words = fold(f"{pub.famille} {pub.nature}")
    if "extension" in words:
        return "proceedings extended to this debtor (C. com. L621-2): record them by hand"
    if "resolution" in words:
        return "proceedings pronounced with the resolution of a plan (C. com. L626-27): record them by hand"
    return "the notice does not say whether it opens or converts proceedings: read it and record them by hand"


def apply_publication(state: dict | None, pub: Publication) -> tuple[dict | None, str]:
    """The case's ``insolvency`` after ``pub`` (an opening or a conversion), or ``(None, why)``
    when it would change a stated value (for the user to review)."""
    if state and state.get("struck_off") and not state.get("kind"):
        return None, "the case states the debtor was struck off"
    if pub.judgment_date is None:
        return None, "the notice gives no judgment date"
    if pub.action == "conversion":
        if not state or not state.get("kind"):
            return None, ("a conversion whose opening is neither in the case nor in the export: record the opening "
                          "judgment (the period to declare runs from its publication)")
        if state["kind"] == pub.kind:
            return state, ""
        if state["kind"] == "liquidation_judiciaire":
            return None, f"the case states liquidation judiciaire, the notice a conversion to {pub.kind}"
        new = dict(state)
        new["kind"] = pub.kind
        if pub.administrator and pub.administrator.role == "liquidateur":
            new["administrator"] = _administrator(pub)
        return new, ""
    found = {"kind": pub.kind, "court": pub.court or None, "judgment_date": pub.judgment_date.isoformat(),
             "publication_date": pub.published.isoformat(), "publication": "BODACC",
             "administrator": _administrator(pub) if pub.administrator else None}
    found = {k: v for k, v in found.items() if v is not None}
    if not state or not state.get("kind"):
        return found, ""
    if state.get("judgment_date") != found["judgment_date"]:
        return None, (f"the case states proceedings judged on {state.get('judgment_date')}, the notice an opening "
                      f"judged on {found['judgment_date']}")
    if state.get("kind") != found["kind"]:
        return None, f"the case states {state.get('kind')}, the notice {found['kind']}"
    new = dict(state)
    for k, v in found.items():
        new.setdefault(k, v)            # fill what is missing, never change what is stated
    return new, ""


def _administrator(pub: Publication) -> dict:
    adm = pub.administrator
    out: dict[str, Any] = {"role": adm.role, "name": adm.name}
    if adm.address:
        out["address"] = dict(adm.address)
    return out


def _write(path: Path, state: dict, read: dict | None, pub: Publication, as_of: date,
           lock_timeout: float | None) -> None:
    kwargs = {} if lock_timeout is None else {"lock_timeout": lock_timeout}
    record_mapping(path, "insolvency", state, as_of=as_of, replacing=read,
                   comment=f"from BODACC notice {pub.ident} of {pub.published.isoformat()} (docgen insolvency scan)",
                   **kwargs)


def _deadline(path: Path, case: dict, state: dict | None, as_of: date) -> tuple[date | None, str | None]:
    """The last day to declare, from the law's own decision on the case as it now stands."""
    if not state or not state.get("kind"):
        return None, None
    data = dict(case)
    data["insolvency"] = state
    report = validate(data, as_of=as_of, base_dir=path.parent)
    if report.case is None:
        return None, "invalid"
    try:
        decision = decide_declaration_deadline(report.case)
    except DocgenError:
        return None, "undecided"
    value = decision.result
    return (value.last_day if value is not None else None), decision.status
