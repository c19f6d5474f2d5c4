"""``docgen batch``: every due document of a portfolio, in parallel, resumable.

Planning happens in the calling process from the agenda (``plan``: nothing rendered):
which document each case needs, with which options, and whether its inputs changed since the
last run (``state``). Only the documents to (re)render go to worker processes
(``pool``). A case that fails never stops the others.

Outputs: ``OUT/<case reference>/<doc>.pdf`` (and ``.docx`` on request), each written
atomically; ``OUT/batch-report.json`` at the end (``report``); ``OUT/.docgen-batch.json``
keeps, per document, a fingerprint of its inputs and of its outputs, so a rerun skips what has
not changed.
"""
from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ...errors import DocgenError
from ...render.registry import document_type
from ..policy import Policy
from ..scan import find_case_files
from .cluster import Cluster
from .plan import agenda_with_cases, plan, safe_name
from .pool import init_worker as _init_worker  # noqa: F401 - benchmarks/portfolio.py warms up with it
from .pool import run_jobs, start_early
from .report import REPORT_FILE, STATUSES, BatchItem, BatchReport, write_report
from .state import STATE_FILE, input_digest, load_state, save_state, templates_fingerprint

__all__ = ["REPORT_FILE", "STATE_FILE", "STATUSES", "BatchItem", "BatchReport", "batch", "input_digest", "plan",
           "safe_name"]


def _check_writable(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=out, prefix=".docgen-probe.")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise DocgenError(f"cannot write to the output folder {out}: {exc.strerror or exc}; nothing was generated") \
            from None


def batch(folder: str | Path, as_of: date, out: str | Path, *, doc: str | None = None, jobs: int = 1,
          docx: bool = False, policy: Policy | str | Path | None = None, templates: str | Path | None = None,
          on_planned: Callable[[int], None] | None = None,
          on_progress: Callable[[BatchItem], None] | None = None, assume_last_rate: bool = False,
          accept_unconfirmed: bool = False, scheduler: str | None = None) -> BatchReport:
    """Generate every due document of the portfolio (``doc=None``), or ``doc`` for every case
    that still owes something, into ``out``. Never raises for a bad case; raises DocgenError
    when ``out`` cannot be written (then nothing is generated). ``assume_last_rate``: past the
    end of a rate table, use its last known value (the report says so) instead of failing.
    ``accept_unconfirmed``: render documents relying on legal data flagged unconfirmed.
    ``scheduler``: a Dask scheduler's address; the documents are then rendered on its workers
    (``cluster``: same report, same state file, same bytes; ``jobs`` is ignored)."""

    started = time.perf_counter()
    if doc is not None:
        document_type(doc)                  # an unknown document is a usage error
    out = Path(out)
    templates = Path(templates) if templates else None
    _check_writable(out)
    cluster = _connect(scheduler, folder, out, templates, as_of) if scheduler else None
    try:
        return _run(cluster, folder, as_of, out, doc=doc, jobs=jobs, docx=docx, policy=policy, templates=templates,
                    on_planned=on_planned, on_progress=on_progress, assume_last_rate=assume_last_rate,
                    accept_unconfirmed=accept_unconfirmed, started=started)
    finally:
        if cluster is not None:
            cluster.close()


def _connect(scheduler: str, folder: str | Path, out: Path, templates: Path | None, as_of: date):  # noqa: ANN202
    """The cluster, its workers checked before anything is planned (a refusal costs no agenda run)."""

    cases = find_case_files(Path(folder))
    return Cluster(scheduler, folder=Path(folder), out=out, templates=templates, as_of=as_of,
                   sample=cases[0] if cases else None)


def _run(cluster, folder, as_of, out, *, doc, jobs, docx, policy, templates, on_planned, on_progress,  # noqa: ANN001, ANN202
         assume_last_rate, accept_unconfirmed, started):
    """Plan, render here or on ``cluster`` (the one difference between the two modes), report."""
    if cluster is None and jobs > 1:
        start_early()                       # the workers' imports overlap the agenda pass
    agenda = agenda_with_cases(folder, as_of, policy=policy, assume_last_rate=assume_last_rate)
    formats = ("pdf", "docx") if docx else ("pdf",)
    extra = templates_fingerprint(templates) + f"|{templates or ''}"
    state = load_state(out)
    results, todo = plan(agenda.items, as_of, out, doc=doc, formats=formats, extra=extra, state=state,
                         assume_last_rate=assume_last_rate, accept_unconfirmed=accept_unconfirmed,
                         prepared=agenda.prepared, prints=agenda.prints)
    del agenda                              # the jobs hold what they need
    if on_planned:
        on_planned(len(todo))
    last_save = time.monotonic()

    def on_result(res: dict[str, Any]) -> None:
        nonlocal last_save
        line = results[res["index"]]
        line.status, line.message, line.rule_ids = res["status"], res["message"], list(res["rule_ids"])
        line.outputs, line.seconds = sorted(res["outputs"]), res.get("seconds", 0.0)
        if res["status"] == "rendered":
            state["entries"][res["key"]] = {"inputs": res["digest"], "outputs": res["outputs"], "as_of": as_of.isoformat()}
        else:
            state["entries"].pop(res["key"], None)
        # Saved as it goes, so that an interrupted run resumes where it stopped.
        if time.monotonic() - last_save > 2.0:
            save_state(out, state)
            last_save = time.monotonic()
        if on_progress:
            on_progress(line)

    try:
        if cluster is not None:
            cluster.run(todo, on_result)
        else:
            run_jobs(todo, max(1, jobs), templates, as_of, on_result)
    finally:
        save_state(out, state)
    workers = cluster.threads if cluster is not None else max(1, jobs)
    report = BatchReport(as_of, out, results, workers, time.perf_counter() - started, assume_last_rate)
    write_report(report)
    return report
