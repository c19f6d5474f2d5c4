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

import itertools
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from ..errors import DocgenError
from ..worker_process import guard_against_orphaning, tune_gc_for_layout
from .registry import template_roots


def preload(*modules: str) -> list[str]:
    """What a fork server of docgen's workers imports once for every worker it starts: this
    module, ``layout_preload`` (WeasyPrint, the fonts, a sample page), then ``modules``, and
    last ``fork_ready``, which freezes it all out of the garbage collector's sight."""
    return ["docgen.render.workers", "docgen.render.layout_preload", *modules, "docgen.render.fork_ready"]


PRELOAD = preload()


def _pdf(html: str, roots: tuple[Path, ...], identity: str) -> bytes:
    # lazy: WeasyPrint loads where the layout happens (a worker, or a caller without workers)
    from .pdf import html_to_pdf

    return _plain_errors(html_to_pdf, html, roots, identity=identity)


# In a worker: where it tells its caller a document's page count before the PDF is written
# (``LayoutWorkers.pages_then_pdf``); None elsewhere.
_PAGE_COUNTS: Any = None


def _pdf_and_pages(html: str, roots: tuple[Path, ...], identifier: bytes,
                   pdf_variant: str | None, token: int | None = None) -> tuple[bytes, int]:
    # lazy: as in _pdf
    from .pdf import pdf_and_pages

    channel = _PAGE_COUNTS
    tell = (lambda count: channel.put((token, count))) if token is not None and channel is not None else None
    return _plain_errors(pdf_and_pages, html, roots, identifier=identifier, pdf_variant=pdf_variant, on_pages=tell)


def _plain_errors(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """A layout error crosses the process boundary as a RuntimeError with WeasyPrint's message:
    its own exception classes may not survive pickling."""
    try:
        return function(*args, **kwargs)
    except DocgenError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise RuntimeError(f"{type(exc).__name__}: {exc}") from None


def worker_context(preload: list[str]) -> multiprocessing.context.BaseContext:
    """Where docgen's worker processes come from: multiprocessing's fork server, which imports
    ``preload`` once, so that every worker it forks starts warm in milliseconds. Forking the caller
    itself would be unsafe once it runs Pango (a library caller that rendered a PDF) or threads;
    the fork server is a fresh single-threaded process. Where there is none (Windows), fresh
    processes. Shared by the layout workers and the batch's."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(preload)
    return context


def start_fork_server(preload: list[str]) -> None:
    """Start the fork server now (it imports ``preload`` on another core while the caller goes
    on); a fork server already running is kept."""
    if worker_context(preload).get_start_method() == "forkserver":
        # lazy: the fork server's client, only where workers are about to be needed
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _start_worker(caller: int, roots: tuple[Path, ...], page_counts: Any = None) -> None:
    """A worker's first steps: die with the process that holds the workers, load the fonts and
    stylesheet (already loaded when forked from the warm fork server), quiet the garbage
    collector. ``page_counts``: the queue on which it tells page counts early."""
    global _PAGE_COUNTS  # noqa: PLW0603 - one per worker process, set once at its start
    _PAGE_COUNTS = page_counts
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


def _pages_from(result: Future, pages: Future) -> None:
    """The page count from the finished job, when nothing told it earlier (or its failure)."""
    if result.cancelled():
        _resolve(pages, exception=RuntimeError("the layout was cancelled"))
    elif result.exception() is not None:
        _resolve(pages, exception=result.exception())
    else:
        _resolve(pages, value=result.result()[1])


def _resolve(future: Future, value: Any = None, exception: BaseException | None = None) -> None:
    """Settle ``future`` unless it is settled already (the early count and the job's end race)."""
    try:
        if exception is not None:
            future.set_exception(exception)
        else:
            future.set_result(value)
    except InvalidStateError:
        pass


class InProcess:
    """Lays out each document here, when it is asked for (no worker processes)."""

    def pages_then_pdf(self, html: str, roots: tuple[Path, ...], *, identifier: bytes,
                       pdf_variant: str | None = None) -> tuple[Future, Future]:
        """As ``LayoutWorkers.pages_then_pdf``: here both are known at once."""
        result = self.pdf_and_pages(html, roots, identifier=identifier, pdf_variant=pdf_variant)
        pages: Future = Future()
        _pages_from(result, pages)
        return pages, result

    def pdf(self, html: str, roots: tuple[Path, ...], *, identity: str) -> Future:
        return _done(_pdf, html, roots, identity)

    def pdf_and_pages(self, html: str, roots: tuple[Path, ...], *, identifier: bytes,
                      pdf_variant: str | None = None) -> Future:
        return _done(_pdf_and_pages, html, roots, identifier, pdf_variant)


def _settle(outer: Future, inner: Future) -> None:
    """``inner``'s outcome (a worker's) becomes ``outer``'s (the caller's)."""
    if inner.cancelled():
        outer.cancel()
    elif inner.exception() is not None:
        outer.set_exception(inner.exception())
    else:
        outer.set_result(inner.result())


def _done(function: Callable[..., Any], *args: Any) -> Future:
    future: Future = Future()
    try:
        future.set_result(function(*args))
    except Exception as exc:  # noqa: BLE001 - handed to whoever waits for the result, as a worker's would be
        future.set_exception(exc)
    return future


class LayoutWorkers:
    """Worker processes that lay out HTML as PDF, kept until :meth:`close` (or the end of a
    ``with`` block). ``processes`` defaults to one more than the usable cores, at most 3 (a
    dossier rarely has more documents that can be laid out at once): a dossier's layouts differ
    tenfold in length (a four-page requête, a one-page bordereau, an e-mail pièce), and with a
    process to spare the short ones, and then the cover, which waits for every page count, start
    at once instead of queueing behind the long ones; the cores are shared meanwhile. Timed
    alternately on 2 cores, a warm dossier came out 0.01-0.17 s sooner in each of 7 pairs of
    runs. ``templates`` is the caller's templates folder, whose stylesheet and fonts the workers
    load before their first document.

    Like every use of multiprocessing, a script that creates workers must start from an
    ``if __name__ == "__main__":`` block.
    """

    def __init__(self, processes: int | None = None, *, templates: Path | None = None):
        self.processes = processes if processes is not None else max(1, min(usable_cores() + 1, 3))
        if self.processes < 1:
            raise DocgenError(f"layout workers: at least one process, not {self.processes}")
        self._roots = tuple(template_roots(templates))
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False
        self._waiting: list[tuple[Future, Callable[..., Any], tuple]] = []   # asked for before the start
        self._lock = threading.Lock()
        # Page counts the workers tell before writing a PDF (pages_then_pdf), by job token.
        self._page_counts = worker_context(PRELOAD).SimpleQueue()
        self._told: dict[int, Future] = {}
        self._tokens = itertools.count()
        self._listener = threading.Thread(target=self._listen, name="docgen-layout-pages", daemon=True)
        self._listener.start()
        self._starting = threading.Thread(target=self._start, name="docgen-layout-workers", daemon=True)
        self._starting.start()

    def _listen(self) -> None:
        while True:
            message = self._page_counts.get()
            if message is None:                # close()
                return
            token, count = message
            with self._lock:
                pages = self._told.pop(token, None)
            if pages is not None:
                _resolve(pages, value=count)

    def _start(self) -> None:
        # Starting a process from the fork server waits for the server's imports (about a second):
        # done here, in a thread, while the caller goes on (loading its case, making its HTML,
        # opening its pièces); what it asks for meanwhile waits in _waiting.
        failure: Exception | None = None
        try:
            pool: ProcessPoolExecutor | None = self._new_pool()
            for _ in range(self.processes):
                pool.submit(_ready)
        except Exception as exc:  # noqa: BLE001 - reported to whoever waits for a document
            pool, failure = None, exc
        with self._lock:
            self._pool = pool
            waiting, self._waiting = self._waiting, []
            for outer, function, args in waiting:
                if failure is not None:
                    outer.set_exception(failure)
                else:
                    self._forward(outer, function, args)

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.processes, mp_context=worker_context(PRELOAD), initializer=_start_worker,
                                   initargs=(os.getpid(), self._roots, self._page_counts))

    def _submit(self, function: Callable[..., Any], *args: Any) -> Future:
        """A future at once, even while the workers are starting (the job then waits for them)."""
        outer: Future = Future()
        with self._lock:
            if self._closed:
                raise DocgenError("the layout workers are closed")
            if self._pool is None and self._starting.is_alive():
                self._waiting.append((outer, function, args))
            else:
                self._forward(outer, function, args)
        return outer

    def _forward(self, outer: Future, function: Callable[..., Any], args: tuple) -> None:
        """Hand the job to the pool (started again if a worker died, or if it never started); its
        outcome becomes ``outer``'s. Called with the lock held."""
        try:
            if self._pool is None:
                self._pool = self._new_pool()
            try:
                inner = self._pool.submit(function, *args)
            except BrokenProcessPool:      # a worker died (e.g. killed): start new ones, once
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
                inner = self._pool.submit(function, *args)
        except Exception as exc:  # noqa: BLE001 - reported to whoever waits for the document
            outer.set_exception(exc)
            return
        inner.add_done_callback(lambda done: _settle(outer, done))

    def pdf(self, html: str, roots: tuple[Path, ...], *, identity: str) -> Future:
        """A future of ``html`` as PDF bytes (``render/pdf.html_to_pdf``)."""
        return self._submit(_pdf, html, roots, identity)

    def pdf_and_pages(self, html: str, roots: tuple[Path, ...], *, identifier: bytes,
                      pdf_variant: str | None = None) -> Future:
        """A future of (PDF bytes, page count) (``render/pdf.pdf_and_pages``)."""
        return self._submit(_pdf_and_pages, html, roots, identifier, pdf_variant)

    def pages_then_pdf(self, html: str, roots: tuple[Path, ...], *, identifier: bytes,
                       pdf_variant: str | None = None) -> tuple[Future, Future]:
        """Futures of the page count, told as soon as the pages are laid out (before the PDF is
        written), and of (PDF bytes, page count): a caller that only needs the count (the
        dossier's table of contents) goes on sooner."""
        pages: Future = Future()
        with self._lock:
            token = next(self._tokens)
            self._told[token] = pages
        try:
            result = self._submit(_pdf_and_pages, html, roots, identifier, pdf_variant, token)
        except Exception:
            with self._lock:
                self._told.pop(token, None)
            raise

        def done(finished: Future) -> None:
            with self._lock:
                self._told.pop(token, None)
            _pages_from(finished, pages)

        result.add_done_callback(done)
        return pages, result

    def close(self) -> None:
        """Stop the processes (documents in progress are finished first)."""
        self._starting.join()
        with self._lock:
            if self._closed:
                return
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        self._page_counts.put(None)
        self._listener.join()
        self._page_counts.close()

    def __enter__(self) -> LayoutWorkers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


Layouts = InProcess | LayoutWorkers
