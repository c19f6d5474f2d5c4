"""``docgen batch --scheduler ADDRESS``: the same batch, its documents rendered on a Dask cluster.

Planning, the resume state and the report stay in the calling process (``generate``); only the
render jobs travel, one Dask task per document, each running the local pool's own
``render_job`` (load the case, compute once, review, render, write atomically). So a case gives
the same bytes and the same report line wherever it is rendered, and the state file written
here is the one a local run reads, and the other way round.

Workers read the case files and write the documents themselves, so the portfolio, the output
folder, any ``--templates`` folder and the legal data overlays must be one shared filesystem,
at the same paths. Before anything is planned, one probe task per worker checks that, and that
the worker runs the same docgen, legal data (rate tables and statutes), templates and rendering
libraries; a worker that differs is refused with the reason (DocgenError, exit 2). Each render
task checks the same identity again (once per worker process), so a worker joining later with
other data renders nothing.

Faults: a case that fails is a report line like any other (``render_job`` never raises); a
worker killed mid-task has its task rerun by Dask elsewhere (up to the scheduler's
``allowed-failures``, then the document is reported failed). A rerun writes the same bytes
through the same atomic replace, so an output is never doubled nor half-written; the hidden
temporary file a killed writer may leave is removed at the end.

Needs the optional extra ``pip install 'docgen[cluster]'`` (Dask ``distributed``).
"""
from __future__ import annotations

import hashlib
import os
import secrets
import socket
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from ...atomic import write_text
from ...errors import DocgenError
from ...law.fingerprint import hash_files, legal_data_fingerprint
from ...law.parameters import active_overlays
from ...render.registry import template_roots
from ...version import __version__
from .plan import Job
from .pool import init_worker, render_job

CONNECT_TIMEOUT = 5.0      # seconds: an unreachable scheduler is reported at once, not after Dask's 30 s
WORKER_WAIT = 30.0         # for a first worker to join a scheduler that has none
PROBE_TIMEOUT = 180.0      # a probe also warms the worker up (WeasyPrint, fonts): slow on a busy machine
PROBE_FILE = ".docgen-cluster-probe"

# Packages whose version changes the bytes of a document or a legal figure (holidays: business
# days and deadlines; babel and num2words: amounts in figures and in words).
RENDERING = ("weasyprint", "pydyf", "fonttools", "Jinja2", "babel", "num2words", "holidays", "docxtpl",
             "python-docx")


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise DocgenError("--scheduler needs Dask distributed, an optional part of docgen: "
                          "pip install 'docgen[cluster]'") from None
    return distributed


@dataclass(frozen=True)
class Context:
    """What every worker needs besides the job: absolute paths, as the workers see the shared filesystem."""

    templates: str | None
    as_of: date
    data: tuple[str, ...]          # legal data overlay folders, in order


# --- identity: what must be equal on the client and on every worker ---------------------------------

def templates_content(templates: str | None) -> str:
    """The templates by content (the resume state's fingerprint uses modification times, which
    differ between machines holding the same files)."""

    h = hashlib.sha256()
    for root in template_roots(Path(templates) if templates else None):
        h.update(b"[root]\n")
        hash_files(h, root, "*")
    return h.hexdigest()[:16]


def identity(context: Context) -> dict[str, str]:
    """This process's docgen, legal data, templates and rendering stack (overlays already in effect)."""
    from importlib.metadata import PackageNotFoundError, version

    found = {"docgen": __version__, "legal data": legal_data_fingerprint(),
             "templates": templates_content(context.templates), "python": "%d.%d" % sys.version_info[:2]}
    for package in RENDERING:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "absent"
    return found


def differences(expected: dict[str, str], found: dict[str, str]) -> list[str]:
    return [f"{key} {found.get(key, '?')} (here: {value})" for key, value in expected.items() if found.get(key) != value]


# --- on a worker ---------------------------------------------------------------------------------------

# One document at a time per process: WeasyPrint/Pango are not known to be thread-safe and
# docgen's atomic writes read the umask (process-wide); start workers with --nthreads 1.
_LOCK = threading.Lock()
_READY: dict[str, Any] = {}


def ready(context: Context) -> dict[str, str]:
    """Once per worker process and context: the local pool's worker set-up, then the identity."""
    if _READY.get("context") != context:
        _READY.clear()
        init_worker(context.templates, context.as_of, context.data)
        _READY.update(context=context, identity=identity(context))
    return _READY["identity"]


def probe(context: Context, checks: dict[str, Any]) -> dict[str, Any]:
    """On a worker: can it see the portfolio and the output folder, and is it the same docgen?
    Never raises: the client reports what it returns."""
    problems: list[str] = []
    with _LOCK:
        token_file = Path(checks["out"]) / checks["token_name"]
        try:
            seen = token_file.read_text(encoding="utf-8")
        except OSError:
            seen = None
        if seen != checks["token"]:
            problems.append(f"it does not see the output folder {checks['out']} (it must be on a shared filesystem, "
                            "at the same path)")
        else:
            try:
                fd, tmp = tempfile.mkstemp(dir=checks["out"], prefix=".docgen-probe.")
                os.close(fd)
                os.unlink(tmp)
            except OSError as exc:
                problems.append(f"it cannot write to the output folder {checks['out']}: {exc.strerror or exc}")
        sample = checks.get("sample")
        if sample:
            try:
                same = hashlib.sha256(Path(sample[0]).read_bytes()).hexdigest() == sample[1]
            except OSError:
                same = False
            if not same:
                problems.append(f"it does not see the portfolio {checks['folder']} as this machine does "
                                f"({sample[0]} is missing or differs)")
        for folder in ([context.templates] if context.templates else []) + list(context.data):
            if not Path(folder).is_dir():
                problems.append(f"it does not see the folder {folder}")
        found: dict[str, str] = {}
        if not problems:
            try:
                found = ready(context)
            except DocgenError as exc:
                problems.append(exc.message)
            except Exception as exc:  # noqa: BLE001 - reported to the client, which refuses the worker
                problems.append(f"it cannot prepare rendering ({type(exc).__name__}: {str(exc)[:200]})")
    return {"host": socket.gethostname(), "problems": problems, "identity": found}


def render(job: Job, context: Context, expected: dict[str, str]) -> dict[str, Any]:
    """On a worker: ``render_job`` (which never raises), once the worker is known to be the same docgen."""

    with _LOCK:
        try:
            found = ready(context)
        except Exception as exc:  # noqa: BLE001 - one document's line, never a lost task
            message = exc.message if isinstance(exc, DocgenError) else f"{type(exc).__name__}: {str(exc)[:200]}"
            return failed(job, f"the worker {socket.gethostname()} cannot prepare rendering: {message}")
        diff = differences(expected, found)
        if diff:
            return failed(job, f"the worker {socket.gethostname()} runs another "
                               f"{'; '.join(diff)}: not rendered there")
        return render_job(job)


def failed(job: Job, message: str) -> dict[str, Any]:
    return {"index": job.index, "key": job.key, "digest": job.digest, "status": "failed", "outputs": {},
            "rule_ids": [], "message": message, "seconds": 0.0}


# --- on the client ---------------------------------------------------------------------------------------

class Cluster:
    """A connection to a Dask scheduler whose workers were checked; ``run`` renders jobs on them."""

    def __init__(self, address: str, *, folder: Path, out: Path, templates: Path | None, as_of: date,
                 sample: Path | None) -> None:
        distributed = _distributed()
        self.address = address
        self.context = Context(os.path.abspath(templates) if templates else None, as_of,
                               tuple(os.path.abspath(p) for p in active_overlays()))
        self.expected = identity(self.context)
        try:
            self.client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, ValueError, TypeError) as exc:
            raise DocgenError(f"cannot reach the Dask scheduler at {address}: {one_line(exc)}; "
                              "nothing was generated") from None
        try:
            self.threads = self._check_workers(folder, out, sample)
        except BaseException:
            self.close()
            raise

    def _check_workers(self, folder: Path, out: Path, sample: Path | None) -> int:
        try:
            self.client.wait_for_workers(1, timeout=WORKER_WAIT)
        except Exception:  # noqa: BLE001 - dask's TimeoutError differs between versions
            raise DocgenError(f"the Dask scheduler at {self.address} has no worker (waited {WORKER_WAIT:.0f} s); "
                              "start some with: dask worker " + self.address) from None
        nthreads = self.client.nthreads()
        token, token_name = secrets.token_hex(16), f"{PROBE_FILE}.{secrets.token_hex(6)}"
        checks: dict[str, Any] = {"out": os.path.abspath(out), "folder": os.path.abspath(folder),
                                  "token": token, "token_name": token_name}
        if sample is not None:
            checks["sample"] = (os.path.abspath(sample), hashlib.sha256(sample.read_bytes()).hexdigest())

        write_text(out / token_name, token)
        try:
            futures = {worker: self.client.submit(probe, self.context, checks, key=f"docgen-probe-{token_name}-{worker}",
                                                  workers=[worker], allow_other_workers=False, pure=False)
                       for worker in nthreads}
            answers = {}
            for worker, future in futures.items():
                try:
                    answers[worker] = future.result(timeout=PROBE_TIMEOUT)
                except Exception as exc:  # noqa: BLE001 - a worker that died or timed out is refused too
                    answers[worker] = {"host": "?", "problems": [f"it did not answer the probe ({one_line(exc)})"],
                                       "identity": {}}
        finally:
            (out / token_name).unlink(missing_ok=True)
        refused = []
        for worker, answer in sorted(answers.items()):
            problems = list(answer["problems"])
            if not problems:
                diff = differences(self.expected, answer["identity"])
                if diff:
                    problems.append("it runs another " + "; ".join(diff))
            if problems:
                refused.append(f"worker {worker} ({answer['host']}): {'; '.join(problems)}")
        if refused:
            more = f" (and {len(refused) - 3} more)" if len(refused) > 3 else ""
            raise DocgenError("cannot run this batch on the cluster: " + " | ".join(refused[:3]) + more
                              + "; nothing was generated")
        return sum(nthreads.values())

    def run(self, jobs: list[Job], on_result: Callable[[dict[str, Any]], None]) -> None:
        """One task per document; results handed to ``on_result`` as they come (progress)."""
        if not jobs:
            return
        distributed = _distributed()
        run_id = secrets.token_hex(6)
        # The workers get absolute paths (their working folder is their own); the report and
        # the resume state keep the paths and names of the local run.
        shipped = [replace(j, path=os.path.abspath(j.path), folder=os.path.abspath(j.folder)) for j in jobs]
        keys = [f"docgen-render-{run_id}-{j.index}" for j in jobs]     # no case data in the scheduler's logs
        futures = self.client.map(render, shipped, context=self.context, expected=self.expected, key=keys,
                                  pure=False)
        by_key = {f.key: job for f, job in zip(futures, jobs, strict=True)}
        try:
            for future in distributed.as_completed(futures, loop=self.client.loop):
                job = by_key[future.key]
                on_result(_outcome(future, job))
                future.release()
        finally:
            self.client.cancel([f for f in futures if not f.done()])
            _sweep(jobs)

    def close(self) -> None:
        try:
            self.client.close(timeout=10)
        except Exception:  # noqa: BLE001, S110 - closing a lost connection: nothing more to do
            pass


def _outcome(future: Any, job: Job) -> dict[str, Any]:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a lost task is this document's failure, not the batch's
        if type(exc).__name__ == "KilledWorker":
            return failed(job, "the workers running this document died (Dask gave up retrying it); not rendered")
        if type(exc).__name__ == "CancelledError":
            return failed(job, "the cluster cancelled this document (scheduler lost?); run the batch again to resume")
        return failed(job, f"the cluster could not render this document ({one_line(exc)})")


def _sweep(jobs: list[Job]) -> None:
    """Remove the hidden temporary file a worker killed while writing leaves beside a document
    (atomic.write_bytes names it ``.<doc>.<fmt>.<random>.tmp``)."""
    for job in jobs:
        folder = Path(job.folder)
        for fmt in job.formats:
            for leftover in folder.glob(f".{job.doc}.{fmt}.*.tmp"):
                try:
                    leftover.unlink()
                except OSError:
                    pass


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]
