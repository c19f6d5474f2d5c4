"""``docgen aging``: what is owed, per debtor and per age bucket, with interest and stage.

Each invoice's outstanding principal comes from its case's statement (``InvoiceBalance``), so
the report's total is exactly the sum of the statements' ``outstanding_principal``. An invoice
is placed by the days elapsed since its due date on ``as_of``: not yet due (0 or fewer),
1-30 ("0-30": up to a month late), 31-60, 61-90, more than 90. Interest is the statements'
interest still owed (accrued minus paid), indemnities the fixed indemnities still owed (due
minus paid; what was paid is shown beside them), per debtor, so that every row and the totals
add up: outstanding principal + interest + indemnities = total due. A debtor is recognised
across cases by its registration number, else its VAT number, else its name and postcode.

A case is reported as it stood on ``as_of``: what was recorded later (payments, events,
invoices) is left out of that day's figures, so an aging at a past date includes every case.

The figures' model is in ``aging_report``, the formats (table, CSV, JSON, HTML) in
``aging_formats``; both are re-exported here.
"""
from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from ..law.money import ZERO
from .aging_formats import FORMATS, chart_svg, to_csv, to_html, to_json, to_table
from .aging_report import (BUCKET_LABELS, BUCKETS, STAGE_ORDER, AgingReport, DebtorRow, bucket_of,
                           debtor_key)
from .agenda_items import check_as_of, evaluate, unexpected
from .index_run import run
from .policy import Policy
from .scan import add_statement

__all__ = ["BUCKETS", "BUCKET_LABELS", "FORMATS", "STAGE_ORDER", "AgingReport", "DebtorRow", "aging", "bucket_of",
           "chart_svg", "debtor_key", "to_csv", "to_html", "to_json", "to_table"]


def _aging_line(path: Path, loaded: Any, *, as_of: date, policy: Policy, assume_last_rate: bool) -> dict[str, Any]:
    """One case's contribution (module-level so that it can run in a worker process); ``loaded``
    is the validated case (``scan.LoadedCase``), or the exception that prevented it."""
    try:
        if isinstance(loaded, BaseException):
            raise loaded
        return _case_line(path, loaded, as_of=as_of, policy=policy, assume_last_rate=assume_last_rate)
    except Exception as exc:  # noqa: BLE001 - one case must never stop the report on all the others
        return {"path": str(path), "error": unexpected(exc)}


def _case_line(path: Path, loaded: Any, *, as_of: date, policy: Policy, assume_last_rate: bool) -> dict[str, Any]:
    if loaded.case is not None:
        add_statement(loaded, as_of, assume_last_rate)
    if loaded.case is None or loaded.statement is None:
        return {"path": str(path), "error": loaded.error or "invalid case file"}
    if loaded.stale_rates:       # interest past the end of a rate table is not made up silently
        return {"path": str(path), "error": loaded.stale_rates}
    case, st = loaded.case, loaded.statement
    item = evaluate(loaded, as_of, policy)
    due = {inv.number: inv.due_date for inv in case.invoices}
    buckets = {b: ZERO for b in BUCKETS}
    for balance in st.invoices:
        buckets[bucket_of((as_of - due[balance.invoice]).days)] += balance.outstanding
    return {"path": str(path), "reference": case.reference, "key": debtor_key(case.debtor),
            "name": case.debtor.display_name, "stage": item.stage, "buckets": buckets,
            "outstanding": st.outstanding_principal, "interest": st.interest_outstanding,
            "indemnities": st.indemnities_total - st.indemnities_paid, "indemnities_paid": st.indemnities_paid,
            "total_due": st.total_due,
            "assumed": loaded.assumed_rate}


def _relocate(line: dict[str, Any], path: Path) -> dict[str, Any]:
    return {**line, "path": str(path)}


def aging(folder: str | Path, as_of: date, *, policy: Policy | str | Path | None = None,
          jobs: int | None = None, assume_last_rate: bool = False, index: bool = True,
          scheduler: str | None = None) -> AgingReport:
    """The aging of every valid case under ``folder``; invalid ones are listed in ``errors``.
    Two case files with the same reference are both left out (which one is right is unknown).
    A case whose interest runs past the end of a rate table is left out too, unless
    ``assume_last_rate`` (its last known value is then used, and listed in ``assumed``).
    ``index`` and ``scheduler``: as for ``agenda`` (the report's ``stats`` say what the index
    spared)."""
    check_as_of(as_of)
    pol = policy if isinstance(policy, Policy) else Policy.load(policy)
    lines, stats = run(folder, partial(_aging_line, as_of=as_of, policy=pol, assume_last_rate=assume_last_rate),
                       jobs=jobs, index=index, scheduler=scheduler, as_of=as_of, relocate=_relocate)
    counts: dict[str, int] = {}
    for line in lines:
        if "error" not in line:
            counts[line["reference"]] = counts.get(line["reference"], 0) + 1
    rows: dict[str, DebtorRow] = {}
    errors: list[tuple[str, str]] = []
    assumed: list[tuple[str, str]] = []
    for line in lines:
        if "error" in line:
            errors.append((line["path"], line["error"]))
            continue
        if counts[line["reference"]] > 1:
            errors.append((line["path"], f"reference {line['reference']!r} is used by another case file"))
            continue
        row = rows.setdefault(line["key"], DebtorRow(line["key"], line["name"]))
        row.cases.append(line["reference"])
        row.stages.append(line["stage"])
        for b in BUCKETS:
            row.buckets[b] += line["buckets"][b]
        row.interest += line["interest"]
        row.indemnities += line["indemnities"]
        row.indemnities_paid += line["indemnities_paid"]
        row.total_due += line["total_due"]
        if line["assumed"]:
            assumed.append((line["reference"], line["assumed"]))
    ordered = sorted(rows.values(), key=lambda r: (-r.total_due, r.name.lower()))
    return AgingReport(as_of, ordered, errors, assumed, stats=stats)
