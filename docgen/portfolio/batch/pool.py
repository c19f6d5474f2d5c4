"""The worker processes of ``docgen batch``: each renders documents and writes them, never raising.

Each process imports WeasyPrint and warms the fonts and stylesheet once (``init_worker``), then
renders the jobs it is given. A case that fails never stops the others; a worker process that
dies is replaced and the documents it held are retried alone, once. A worker never outlives
the process that started it (``docgen/worker_process.py``).
"""
from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ...atomic import write_bytes
from ...render.workers import start_fork_server, worker_context
from ...worker_process import guard_against_orphaning, tune_gc_for_layout
from ...errors import ComplianceError, DocgenError
from ...law.parameters import active_overlays, use_overlays
from ...render.engine import render
from ...render.jinja import environment
from ...render.registry import template_roots
from ...render.review import review_document
from ..scan import load
from .plan import Job, prepared_case
from .preload import PRELOAD

_WORKER: dict[str, Any] = {}


def init_worker(templates: str | None, as_of: date, data: tuple[str, ...] = ()) -> None:
    """Once per process: the parent's legal-data overlays (a spawned worker does not inherit them),
    then WeasyPrint imported, the stylesheet parsed and the fonts loaded."""
    use_overlays([Path(d) for d in data])
    # lazy: WeasyPrint loads in the worker (already there when forked from the warm fork server)
    from ...render.pdf import warm_up

    roots = tuple(template_roots(Path(templates) if templates else None))
    warm_up(roots)
    environment(roots)
    _WORKER.update(templates=Path(templates) if templates else None, as_of=as_of)


def _pool_worker(parent: int, templates: str | None, as_of: date, data: tuple[str, ...] = ()) -> None:
    """The initializer of a worker process: the orphan guard, then :func:`init_worker`, then the
    garbage collector tuned for layout work."""
    guard_against_orphaning(parent)
    init_worker(templates, as_of, data)
    tune_gc_for_layout()


def render_job(job: Job) -> dict[str, Any]:
    """Render one document; never raises (the parent gets a status and a message)."""

    started = time.perf_counter()
    as_of: date = _WORKER["as_of"]
    out: dict[str, Any] = {"index": job.index, "key": job.key, "digest": job.digest, "outputs": {},
                           "rule_ids": [], "message": ""}
    try:
        loaded = prepared_case(job) or load(Path(job.path), as_of,
                                            assume_last_rate=bool(job.options.get("assume_last_rate")))
        if loaded.case is None or loaded.statement is None:
            out.update(status="failed", message=loaded.error or "invalid case file")
            return out
        if loaded.stale_rates:
            out.update(status="failed", message=loaded.stale_rates)
            return out
        options = dict(job.options)
        review = review_document(loaded.case, job.doc, as_of, loaded.statement, options,
                                 accept_unconfirmed=bool(options.get("accept_unconfirmed")))
        errors = list(review.blocking)
        if errors:
            ids = sorted({f.rule_id for f in errors})
            out.update(status="blocked", rule_ids=ids, message=f"compliance errors {', '.join(ids)}: {errors[0].message}")
            return out
        folder = Path(job.folder)
        rendered = {fmt: render(loaded.case, job.doc, as_of, fmt, templates=_WORKER["templates"], options=options,
                                statement=loaded.statement, review=review) for fmt in job.formats}
        folder.mkdir(parents=True, exist_ok=True)
        for fmt, data in rendered.items():
            target = folder / f"{job.doc}.{fmt}"
            write_bytes(target, data)
            out["outputs"][f"{folder.name}/{target.name}"] = hashlib.sha256(data).hexdigest()
        out["status"] = "rendered"
        out["message"] = loaded.assumed_rate or ""
    except ComplianceError as exc:
        out.update(status="blocked", message=exc.message)
    except DocgenError as exc:
        out.update(status="failed", message=exc.message)
    except OSError as exc:
        out.update(status="failed", message=f"cannot write {getattr(exc, 'filename', '') or 'the output'}: "
                                            f"{exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - one case must never stop the batch
        out.update(status="failed", message=f"internal error while rendering ({type(exc).__name__}): {str(exc)[:300]}")
    out["seconds"] = time.perf_counter() - started
    return out


def run_jobs(jobs: list[Job], n: int, templates: Path | None, as_of: date,
             on_result: Callable[[dict[str, Any]], None]) -> None:
    """Render ``jobs`` with ``n`` processes; with one process or one job, here (starting a process
    would cost more than it saves)."""

    initargs = (str(templates) if templates else None, as_of, tuple(str(p) for p in active_overlays()))
    if n <= 1 or len(jobs) <= 1:
        init_worker(*initargs)
        for job in jobs:
            on_result(render_job(job))
        return
    retry = _run_pool(jobs, n, initargs, on_result, window=2 * n)
    for job in retry:          # documents a dying worker held: once more, one at a time
        again = _run_pool([job], 1, initargs, on_result, window=1)
        if again:
            on_result({"index": job.index, "key": job.key, "status": "failed", "outputs": {}, "rule_ids": [],
                       "message": "the worker process died while rendering this document", "seconds": 0.0})


def start_early() -> None:
    """Start the workers' fork server now, before the agenda pass: it imports and warms up on
    another core while the caller plans, instead of after."""
    start_fork_server(PRELOAD)


def _run_pool(jobs: list[Job], n: int, initargs: tuple, on_result: Callable[[dict[str, Any]], None],
              window: int) -> list[Job]:
    """Run ``jobs`` with at most ``window`` in flight; returns those lost to a dead worker."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    start_early()
    context = worker_context(PRELOAD)
    pending = list(reversed(jobs))
    lost: list[Job] = []
    while pending:
        pool = ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=_pool_worker,
                                   initargs=(os.getpid(), *initargs))
        running: dict[Any, Job] = {}
        broken = False
        try:
            while pending or running:
                while pending and len(running) < window and not broken:
                    job = pending.pop()
                    try:
                        running[pool.submit(render_job, job)] = job
                    except BrokenProcessPool:
                        pending.append(job)
                        broken = True
                if not running:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    job = running.pop(future)
                    try:
                        on_result(future.result())
                    except BrokenProcessPool:
                        lost.append(job)
                        broken = True
                if broken:
                    for future, job in running.items():
                        lost.append(job)
                    running.clear()
                    break
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        if not broken:
            break
    return lost
