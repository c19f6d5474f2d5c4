"""Laying out several documents at once: in worker processes kept by the caller, or here.

WeasyPrint lays out one document on one core, and a dossier has four or five (the main
document, the décompte, the bordereau, each e-mail pièce, the cover). ``LayoutWorkers`` keeps
processes that lay out HTML as PDF for as long as its holder wants: one command's run, or a
case-management program's life. The processes come from multiprocessing's fork server, which
imports WeasyPrint, loads the fonts and lays out a sample page once (``layout_preload.py``), so
each worker it forks starts warm. They start in a background thread, so their imports overlap the caller's own work (loading the case,
opening the signer) instead of coming before it.

``InProcess`` does the same work here, one document after another, for callers without workers.
Both return futures, and both call the same functions of ``render/pdf.py``: the bytes do not
depend on where a document was laid out.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from ..errors import DocgenError
from ..worker_process import guard_against_orphaning, tune_gc_for_layout
from .registry import template_roots

# What the fork server imports once for every worker it starts (layout_preload also warms up).
PRELOAD = ["docgen.render.workers", "docgen.render.layout_preload"]


def _pdf(html: str, roots: tuple[Path, ...], identity: str) -> bytes:
    # lazy: WeasyPrint loads where the layout happens (a worker, or a caller without workers)
    from .pdf import html_to_pdf

    return _plain_errors(html_to_pdf, html, roots, identity=identity)


def _pdf_and_pages(html: str, roots: tuple[Path, ...], identifier: bytes,
                   pdf_variant: str | None) -> tuple[bytes, int]:
    # lazy: as in _pdf
    from .pdf import pdf_and_pages

    return _plain_errors(pdf_and_pages, html, roots, identifier=identifier, pdf_variant=pdf_variant)


def _plain_errors(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """A layout error crosses the process boundary as a RuntimeError with WeasyPrint's message:
    its own exception classes may not survive pickling."""
    try:
        return function(*args, **kwargs)
    except DocgenError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise RuntimeError(f"{type(exc).__name__}: {exc}") from None


def _start_worker(caller: int, roots: tuple[Path, ...]) -> None:
    """A worker's first steps: die with the process that holds the workers, load the fonts and
    stylesheet (already loaded when forked from the warm fork server), quiet the garbage
    collector."""
    guard_against_orphaning(caller)
    # lazy: as in _pdf
    from .pdf import warm_up

    warm_up(roots)
    tune_gc_for_layout()


def _ready() -> int:
    return os.getpid()


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class InProcess:
    """Lays out each document here, when it is asked for (no worker processes)."""

    def pdf(self, html: str, roots: tuple[Path, ...], *, identity: str) -> Future:
        return _done(_pdf, html, roots, identity)

    def pdf_and_pages(self, html: str, roots: tuple[Path, ...], *, identifier: bytes,
                      pdf_variant: str | None = None) -> Future:
        return _done(_pdf_and_pages, html, roots, identifier, pdf_variant)


def _done(function: Callable[..., Any], *args: Any) -> Future:
    future: Future = Future()
    try:
        future.set_result(function(*args))
    except Exception as exc:  # noqa: BLE001 - handed to whoever waits for the result, as a worker's would be
        future.set_exception(exc)
    return future


class LayoutWorkers:
    """Worker processes that lay out HTML as PDF, kept until :meth:`close` (or the end of a
    ``with`` block). ``processes`` defaults to the usable cores, at most 3 (a dossier rarely has
    more documents that can be laid out at once). ``templates`` is the caller's templates folder,
    whose stylesheet and fonts the workers load before their first document.

    Like every use of multiprocessing, a script that creates workers must start from an
    ``if __name__ == "__main__":`` block.
    """

    def __init__(self, processes: int | None = None, *, templates: Path | None = None):
        self.processes = processes if processes is not None else max(1, min(usable_cores(), 3))
        if self.processes < 1:
            raise DocgenError(f"layout workers: at least one process, not {self.processes}")
        self._roots = tuple(template_roots(templates))
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._starting = threading.Thread(target=self._start, name="docgen-layout-workers", daemon=True)
        self._starting.start()

    def _start(self) -> None:
        # Starting a process from the fork server waits for the server's imports (about a second):
        # done here, in a thread, the caller meanwhile loads its case.
        try:
            with self._lock:
                if self._pool is None:
                    self._pool = self._new_pool()
                    for _ in range(self.processes):
                        self._pool.submit(_ready)
        except Exception:  # noqa: BLE001 - the first submit() starts the pool again and reports why
            pass

    def _new_pool(self) -> ProcessPoolExecutor:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            context.set_forkserver_preload(PRELOAD)
        return ProcessPoolExecutor(self.processes, mp_context=context, initializer=_start_worker,
                                   initargs=(os.getpid(), self._roots))

    def _submit(self, function: Callable[..., Any], *args: Any) -> Future:
        self._starting.join()
        with self._lock:
            if self._pool is None:
                raise DocgenError("the layout workers are closed")
            try:
                return self._pool.submit(function, *args)
            except BrokenProcessPool:      # a worker died (e.g. killed): start new ones, once
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
                return self._pool.submit(function, *args)

    def pdf(self, html: str, roots: tuple[Path, ...], *, identity: str) -> Future:
        """A future of ``html`` as PDF bytes (``render/pdf.html_to_pdf``)."""
        return self._submit(_pdf, html, roots, identity)

    def pdf_and_pages(self, html: str, roots: tuple[Path, ...], *, identifier: bytes,
                      pdf_variant: str | None = None) -> Future:
        """A future of (PDF bytes, page count) (``render/pdf.pdf_and_pages``)."""
        return self._submit(_pdf_and_pages, html, roots, identifier, pdf_variant)

    def close(self) -> None:
        """Stop the processes (documents in progress are finished first)."""
        self._starting.join()
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> LayoutWorkers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


Layouts = InProcess | LayoutWorkers
