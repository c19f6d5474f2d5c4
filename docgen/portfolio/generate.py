"""``docgen batch``: every due document of a portfolio, in parallel, resumable.

Planning happens in the calling process from the agenda (nothing rendered): which document
each case needs, with which options, and whether its inputs changed since the last run. Only
the documents to (re)render go to worker processes, each of which imports WeasyPrint and warms
the fonts and stylesheet once (``_init_worker``). A case that fails never stops the others; a
worker process that dies is replaced and the documents it held are retried alone once.

Outputs: ``OUT/<case reference>/<doc>.pdf`` (and ``.docx`` on request), each written
atomically; ``OUT/batch-report.json`` at the end; ``OUT/.docgen-batch.json`` keeps, per
document, a fingerprint of its inputs (case file bytes, hashes of the files it names, the
document and its options, as-of date, docgen version, templates) and of its outputs, so a
rerun skips what has not changed.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .. import __version__
from ..atomic import write_text
from ..errors import DocgenError
from ._files import write_public
from .policy import Policy
from .scan import parse_case_bytes

STATE_FILE = ".docgen-batch.json"
REPORT_FILE = "batch-report.json"
STATE_VERSION = 1
STATUSES = ("rendered", "unchanged", "blocked", "failed", "not_due", "no_document", "nothing_owed", "paused")


@dataclass
class BatchItem:
    case: str                      # path of the case file
    reference: str | None
    doc: str | None
    options: dict[str, str] = field(default_factory=dict)
    status: str = "failed"         # one of STATUSES
    outputs: list[str] = field(default_factory=list)
    rule_ids: list[str] = field(default_factory=list)
    message: str = ""
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"case": self.case, "reference": self.reference, "doc": self.doc, "options": self.options,
                "status": self.status, "outputs": self.outputs, "rule_ids": self.rule_ids,
                "message": self.message, "seconds": round(self.seconds, 3)}


@dataclass
class BatchReport:
    as_of: date
    out: Path
    items: list[BatchItem]
    jobs: int
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def documents(self) -> int:
        return sum(len(i.outputs) for i in self.items if i.status == "rendered")

    @property
    def exit_code(self) -> int:
        """2 when a case failed (bad input), 1 when a document was blocked by compliance, else 0."""
        if self.count("failed"):
            return 2
        return 1 if self.count("blocked") else 0

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s.replace('_', ' ')}" for s in STATUSES if self.count(s)]
        return (f"{', '.join(parts) or 'nothing to do'} ({len(self.items)} case(s), {self.documents} file(s) "
                f"written in {self.seconds:.1f} s with {self.jobs} process(es))")

    def to_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "docgen_version": __version__, "jobs": self.jobs,
                "seconds": round(self.seconds, 3), "counts": {s: self.count(s) for s in STATUSES},
                "documents_written": self.documents, "exit_code": self.exit_code,
                "items": [i.to_dict() for i in self.items]}


@dataclass
class _Job:
    index: int                     # position in the report
    path: str
    key: str                       # "<reference>/<doc>"
    doc: str
    options: dict[str, str]
    folder: str                    # OUT/<safe reference>
    formats: tuple[str, ...]
    digest: str


def safe_name(reference: str) -> str:
    """The output folder of a case: its reference with anything but letters, digits, - and _
    replaced (as ``docgen render`` names its default output)."""
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in reference)[:80]
    return name if name.strip("_") else "case"


def _check_writable(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=out, prefix=".docgen-probe.")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise DocgenError(f"cannot write to the output folder {out}: {exc.strerror or exc}; nothing was generated") \
            from None


def _templates_fingerprint(templates: Path | None) -> str:
    from ..render.registry import template_roots

    h = hashlib.sha256()
    for root in template_roots(templates):
        for path in sorted(root.rglob("*")):
            if path.is_file():
                st = path.stat()
                h.update(f"{path.relative_to(root)}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _file_sha(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def input_digest(case_path: Path, doc: str, options: dict[str, str], as_of: date, formats: tuple[str, ...],
                 extra: str) -> str:
    """Fingerprint of everything a document is made from (see the module docstring)."""
    raw = case_path.read_bytes()
    refs: dict[str, str] = {}
    try:
        data = parse_case_bytes(raw, case_path)
    except DocgenError:
        data = None
    if isinstance(data, dict):
        for key, field_name in (("invoices", "file"), ("events", "proof"), ("exhibits", "file")):
            for entry in data.get(key) or []:
                rel = entry.get(field_name) if isinstance(entry, dict) else None
                if isinstance(rel, str) and rel and ".." not in rel and not os.path.isabs(rel):
                    refs[rel] = _file_sha(case_path.parent / rel)
    policy_file = case_path.parent / "policy.yaml"
    blob = json.dumps({"case": hashlib.sha256(raw).hexdigest(), "files": refs, "doc": doc, "options": options,
                       "as_of": as_of.isoformat(), "version": __version__, "formats": list(formats),
                       "policy": _file_sha(policy_file) if policy_file.exists() else None, "extra": extra},
                      sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def _load_state(out: Path) -> dict[str, Any]:
    try:
        state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
        if isinstance(state, dict) and state.get("version") == STATE_VERSION and isinstance(state.get("entries"), dict):
            return state
    except (OSError, ValueError):
        pass
    return {"version": STATE_VERSION, "entries": {}}


def _outputs_intact(out: Path, outputs: dict[str, str]) -> bool:
    return bool(outputs) and all(_file_sha(out / rel) == sha for rel, sha in outputs.items())


# --- planning -------------------------------------------------------------------------------------

def _doc_options(item, doc: str) -> dict[str, str]:  # noqa: ANN001 - an AgendaItem
    if item.doc == doc:
        return dict(item.options)
    if doc == "relance":
        return {"level": "1" if item.stage in ("not_due", "overdue") else "2"}
    if doc == "injonction_de_payer" and item.jurisdiction == "BE":
        return {"part": "requete"}
    return {}


def plan(items: list, as_of: date, out: Path, *, doc: str | None, formats: tuple[str, ...],
         extra: str, state: dict[str, Any]) -> tuple[list[BatchItem], list[_Job]]:
    """The report lines of every case and the render jobs of those whose inputs changed."""
    results: list[BatchItem] = []
    jobs: list[_Job] = []
    folders: dict[str, set[str]] = {}
    for item in items:
        if item.reference and item.can_proceed:
            folders.setdefault(safe_name(item.reference), set()).add(item.reference)
    for item in items:
        wanted = doc or item.doc
        line = BatchItem(str(item.path), item.reference, wanted)
        results.append(line)
        if item.stage == "invalid" or (not item.can_proceed and not _only_compliance(item)):
            line.status, line.message = "failed", "; ".join(f.message for f in item.flags if f.blocking) or item.label
            continue
        if item.stage == "closed":
            line.status, line.message, line.doc = "nothing_owed", "nothing is owed", None
            continue
        if doc is not None and (item.paused or item.stage == "not_due"):
            line.status = "paused" if item.paused else "not_due"
            line.message = item.label if item.paused else "no invoice is past its due date yet"
            continue
        if doc is None:
            if item.paused:
                line.status, line.message = "paused", f"{item.label} (due {item.date})"
                continue
            if not item.doc:
                line.status, line.message = "no_document", f"next: {item.action} on {item.date}"
                continue
            if not item.due_on(as_of):
                line.status, line.message = "not_due", f"{item.doc} due on {item.date}"
                continue
        line.options = _doc_options(item, wanted)
        if not item.can_proceed:
            flag = next(f for f in item.flags if f.code == "compliance_error")
            line.status, line.rule_ids, line.message = "blocked", list(flag.rule_ids), flag.message
            continue
        name = safe_name(item.reference)
        if len(folders.get(name, ())) > 1:
            line.status = "failed"
            line.message = (f"references {', '.join(sorted(folders[name]))} would share the output folder {name}: "
                            "make them differ by a letter or digit")
            continue
        key = f"{item.reference}/{wanted}"
        try:
            digest = input_digest(item.path, wanted, line.options, as_of, formats, extra)
        except OSError as exc:
            line.status, line.message = "failed", f"cannot read the case file: {exc.strerror or exc}"
            continue
        previous = state["entries"].get(key)
        if previous and previous.get("inputs") == digest and _outputs_intact(out, previous.get("outputs", {})):
            line.status, line.outputs, line.message = "unchanged", sorted(previous["outputs"]), "inputs unchanged"
            continue
        jobs.append(_Job(len(results) - 1, str(item.path), key, wanted, line.options, str(out / name), formats,
                         digest))
    return results, jobs


def _only_compliance(item) -> bool:  # noqa: ANN001
    return all(f.code == "compliance_error" for f in item.flags if f.blocking)


# --- rendering (worker side) -------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(templates: str | None, as_of: date) -> None:
    """Once per process: import WeasyPrint, parse the stylesheet and load the fonts."""
    import weasyprint  # noqa: F401

    from ..render.jinja import environment
    from ..render.pdf import _toolkit
    from ..render.registry import template_roots

    roots = tuple(template_roots(Path(templates) if templates else None))
    _toolkit(roots)
    environment(roots)
    _WORKER.update(templates=Path(templates) if templates else None, as_of=as_of)


def _render_job(job: _Job) -> dict[str, Any]:
    """Render one document; never raises (the parent gets a status and a message)."""
    from ..errors import ComplianceError
    from ..law.checks import run_checks
    from ..render.engine import render
    from .scan import load

    started = time.perf_counter()
    as_of: date = _WORKER["as_of"]
    out: dict[str, Any] = {"index": job.index, "key": job.key, "digest": job.digest, "outputs": {},
                           "rule_ids": [], "message": ""}
    try:
        loaded = load(Path(job.path), as_of)
        if loaded.case is None or loaded.statement is None:
            out.update(status="failed", message=loaded.error or "invalid case file")
            return out
        if loaded.stale_rates:
            out.update(status="failed", message=loaded.stale_rates)
            return out
        errors = [f for f in run_checks(loaded.case, as_of, statement=loaded.statement) if f.severity == "error"]
        if errors:
            ids = sorted({f.rule_id for f in errors})
            out.update(status="blocked", rule_ids=ids, message=f"compliance errors {', '.join(ids)}: {errors[0].message}")
            return out
        folder = Path(job.folder)
        rendered = {fmt: render(loaded.case, job.doc, as_of, fmt, templates=_WORKER["templates"],
                                options=dict(job.options)) for fmt in job.formats}
        folder.mkdir(parents=True, exist_ok=True)
        for fmt, data in rendered.items():
            target = folder / f"{job.doc}.{fmt}"
            write_public(target, data)
            out["outputs"][f"{folder.name}/{target.name}"] = hashlib.sha256(data).hexdigest()
        out["status"] = "rendered"
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


# --- the run -----------------------------------------------------------------------------------

def _run_jobs(jobs: list[_Job], n: int, templates: Path | None, as_of: date,
              on_result: Callable[[dict[str, Any]], None]) -> None:
    initargs = (str(templates) if templates else None, as_of)
    if n <= 1 or len(jobs) <= 1:
        _init_worker(*initargs)
        for job in jobs:
            on_result(_render_job(job))
        return
    retry = _run_pool(jobs, n, initargs, on_result, window=2 * n)
    for job in retry:          # documents a dying worker held: once more, one at a time
        again = _run_pool([job], 1, initargs, on_result, window=1)
        if again:
            on_result({"index": job.index, "key": job.key, "status": "failed", "outputs": {}, "rule_ids": [],
                       "message": "the worker process died while rendering this document", "seconds": 0.0})


def _start_method() -> str:
    """fork starts workers in milliseconds with docgen already imported; but forking a process in
    which Pango/fontconfig already run (WeasyPrint imported, e.g. by a library caller) is unsafe,
    so such a caller gets fresh processes."""
    import sys

    if "fork" in multiprocessing.get_all_start_methods() and "weasyprint" not in sys.modules:
        return "fork"
    return "spawn"


def _run_pool(jobs: list[_Job], n: int, initargs: tuple, on_result: Callable[[dict[str, Any]], None],
              window: int) -> list[_Job]:
    """Run ``jobs`` with at most ``window`` in flight; returns those lost to a dead worker."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context(_start_method())
    pending = list(reversed(jobs))
    lost: list[_Job] = []
    while pending:
        pool = ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=_init_worker, initargs=initargs)
        running: dict[Any, _Job] = {}
        broken = False
        try:
            while pending or running:
                while pending and len(running) < window and not broken:
                    job = pending.pop()
                    try:
                        running[pool.submit(_render_job, job)] = job
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


def batch(folder: str | Path, as_of: date, out: str | Path, *, doc: str | None = None, jobs: int = 1,
          docx: bool = False, policy: Policy | str | Path | None = None, templates: str | Path | None = None,
          on_planned: Callable[[int], None] | None = None,
          on_progress: Callable[[BatchItem], None] | None = None) -> BatchReport:
    """Generate every due document of the portfolio (``doc=None``), or ``doc`` for every case
    that still owes something, into ``out``. Never raises for a bad case; raises DocgenError
    when ``out`` cannot be written (then nothing is generated)."""
    from ..render.registry import document_type
    from .schedule import agenda

    started = time.perf_counter()
    if doc is not None:
        document_type(doc)                  # an unknown document is a usage error
    out = Path(out)
    templates = Path(templates) if templates else None
    _check_writable(out)
    items = agenda(folder, as_of, policy=policy)
    formats = ("pdf", "docx") if docx else ("pdf",)
    extra = _templates_fingerprint(templates) + f"|{templates or ''}"
    state = _load_state(out)
    results, todo = plan(items, as_of, out, doc=doc, formats=formats, extra=extra, state=state)
    if on_planned:
        on_planned(len(todo))
    last_save = time.monotonic()

    def save_state() -> None:
        write_text(out / STATE_FILE, json.dumps(state, indent=1, sort_keys=True))

    def on_result(res: dict[str, Any]) -> None:
        nonlocal last_save
        line = results[res["index"]]
        line.status, line.message, line.rule_ids = res["status"], res["message"], list(res["rule_ids"])
        line.outputs, line.seconds = sorted(res["outputs"]), res.get("seconds", 0.0)
        if res["status"] == "rendered":
            state["entries"][res["key"]] = {"inputs": res["digest"], "outputs": res["outputs"], "as_of": as_of.isoformat()}
        else:
            state["entries"].pop(res["key"], None)
        if time.monotonic() - last_save > 2.0:
            save_state()
            last_save = time.monotonic()
        if on_progress:
            on_progress(line)

    try:
        _run_jobs(todo, max(1, jobs), templates, as_of, on_result)
    finally:
        save_state()
    report = BatchReport(as_of, out, results, max(1, jobs), time.perf_counter() - started)
    write_public(out / REPORT_FILE, json.dumps(report.to_dict(), ensure_ascii=False, indent=2).encode("utf-8"))
    return report
