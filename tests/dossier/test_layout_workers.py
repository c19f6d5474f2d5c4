"""Layout workers: a dossier laid out in worker processes is the same dossier, byte for byte; a
worker that dies is replaced; closed workers refuse work instead of hanging."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import Future
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

import docgen
from docgen.dossier.documents import Started
from docgen.dossier.pieces import piece_specs
from docgen.errors import DocgenError
from docgen.render.registry import template_roots
from docgen.render.workers import InProcess

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 10, 15)


@pytest.fixture(scope="module")
def workers():
    with docgen.LayoutWorkers(processes=2) as pool:
        yield pool


@pytest.mark.parametrize("example, doc", [("fr-b2b", "injonction_de_payer"), ("be-b2b", "mise_en_demeure")])
def test_a_dossier_laid_out_by_workers_is_the_same_dossier(workers, example, doc):
    matter = docgen.Matter.load(ROOT / "examples" / example, AS_OF, accept_unconfirmed=True)
    here = matter.dossier(doc, force=True)
    there = matter.dossier(doc, force=True, workers=workers)
    assert there.pdf == here.pdf
    assert [p.pdf for p in there.pieces] == [p.pdf for p in here.pieces]
    if example == "fr-b2b":       # its e-mail pièce was laid out by a worker too
        assert any(spec.path.suffix == ".eml" for spec in piece_specs(matter.case, AS_OF))


def test_workers_lay_out_several_documents_at_once(workers):
    roots = tuple(template_roots(None))
    html = "<html><body><h1>Titre</h1><p>{}</p></body></html>"
    futures = [workers.pdf(html.format(k), roots, identity=f"t{k}") for k in range(4)]
    pdfs = [f.result(timeout=120) for f in futures]
    assert all(p.startswith(b"%PDF-") for p in pdfs)
    assert len(set(pdfs)) == 4
    data, pages = workers.pdf_and_pages(html.format("x"), roots, identifier=b"0" * 32).result(timeout=120)
    assert data.startswith(b"%PDF-") and pages == 1


def test_a_worker_that_dies_is_replaced():
    roots = tuple(template_roots(None))
    with docgen.LayoutWorkers(processes=1) as pool:
        assert pool.pdf("<p>a</p>", roots, identity="a").result(timeout=120).startswith(b"%PDF-")
        for pid in list(pool._pool._processes):          # noqa: SLF001 - the test kills the worker
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                result = pool.pdf("<p>b</p>", roots, identity="b").result(timeout=120)
                break
            except Exception:  # noqa: BLE001 - the document that was in the dead worker's hands
                time.sleep(0.2)
        else:
            pytest.fail("no new worker after the old one died")
        assert result.startswith(b"%PDF-")


def test_closed_workers_refuse_work():
    pool = docgen.LayoutWorkers(processes=1)
    pool.close()
    with pytest.raises(DocgenError, match="closed"):
        pool.pdf("<p>a</p>", tuple(template_roots(None)), identity="a")
    with pytest.raises(DocgenError, match="closed"):
        pool.pages_then_pdf("<p>a</p>", tuple(template_roots(None)), identifier=b"0" * 32)
    assert pool._told == {}                     # nothing left waiting for a count  # noqa: SLF001


def test_a_layout_error_in_a_worker_is_a_message_not_a_traceback():
    failed: Future = Future()          # what a worker hands back when WeasyPrint raised
    failed.set_exception(RuntimeError("LayoutError: the page is too small"))
    started = Started([("decompte", "Décompte", SimpleNamespace(review=SimpleNamespace(doc="decompte")), failed,
                        failed)])
    with pytest.raises(DocgenError, match="rendering decompte for the dossier.*too small"):
        started.page_counts()
    with pytest.raises(DocgenError, match="rendering decompte for the dossier.*too small"):
        started.finish()


def test_the_page_count_comes_with_or_before_the_pdf():
    roots = tuple(template_roots(None))
    html = "<p>un</p><p style='break-before: page'>deux</p>"
    with docgen.LayoutWorkers(processes=2) as pool:
        jobs = [pool.pages_then_pdf(html, roots, identifier=b"0" * 32) for _ in range(3)]
        for pages, pdf in jobs:
            assert pages.result(timeout=120) == 2
            data, count = pdf.result(timeout=120)
            assert count == 2 and data.startswith(b"%PDF-")
        # a templates folder that is not a path: the job fails before any page is laid out
        broken_pages, broken_pdf = pool.pages_then_pdf("<p>x</p>", ("not a path",), identifier=b"0" * 32)
        with pytest.raises(Exception):      # the count fails with the layout, never hangs
            broken_pages.result(timeout=120)
        with pytest.raises(Exception):
            broken_pdf.result(timeout=120)
    pages, pdf = InProcess().pages_then_pdf(html, roots, identifier=b"0" * 32)
    assert pages.result() == 2 and pdf.result()[1] == 2


CALLER = textwrap.dedent("""
    import os, sys, time
    import docgen
    from docgen.render.registry import template_roots

    if __name__ == "__main__":
        pool = docgen.LayoutWorkers(processes=2)
        pool.pdf("<p>x</p>", tuple(template_roots(None)), identity="x").result(timeout=120)
        print(" ".join(str(p) for p in pool._pool._processes), flush=True)
        time.sleep(600)
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_with_their_caller(tmp_path):
    script = tmp_path / "caller.py"
    script.write_text(CALLER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        pids = [int(p) for p in proc.stdout.readline().split()]
        assert pids
        proc.kill()
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(_alive(p) for p in pids):
            time.sleep(0.2)
        assert not any(_alive(p) for p in pids), "layout workers outlived their caller"
    finally:
        proc.kill()
        proc.stdout.close()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_meanwhile_runs_once_while_the_workers_lay_out(workers):
    matter = docgen.Matter.load(ROOT / "examples" / "fr-b2b", AS_OF, accept_unconfirmed=True)
    calls = []
    dossier = matter.dossier("injonction_de_payer", workers=workers, meanwhile=lambda: calls.append(1))
    assert calls == [1]
    assert dossier.pdf == matter.dossier("injonction_de_payer").pdf


@pytest.mark.parametrize("cores, processes", [(1, 2), (2, 3), (8, 3)])
def test_one_process_more_than_the_cores_at_most_three(monkeypatch, cores, processes):
    # A process to spare: the short layouts and the cover do not queue behind the long ones.
    from docgen.render import workers as module

    monkeypatch.setattr(module, "usable_cores", lambda: cores)
    monkeypatch.setattr(module.LayoutWorkers, "_start", lambda self: None)      # no process started
    pool = module.LayoutWorkers()
    try:
        assert pool.processes == processes
    finally:
        pool._page_counts.put(None)                                            # ends the listener


FROZEN_PROBE = textwrap.dedent("""
    import gc, sys, time
    def probe(queue):
        from docgen.worker_process import tune_gc_for_layout
        frozen, tracked = gc.get_freeze_count(), len(gc.get_objects())
        start = time.process_time()
        tune_gc_for_layout()
        queue.put((frozen, tracked, time.process_time() - start))
    if __name__ == "__main__":
        from docgen.render.workers import PRELOAD, worker_context
        from docgen.portfolio.batch.preload import PRELOAD as BATCH
        context = worker_context(BATCH if sys.argv[1] == "batch" else PRELOAD)
        queue = context.SimpleQueue()
        process = context.Process(target=probe, args=(queue,))
        process.start()
        print(*queue.get())
        process.join()
""")


@pytest.mark.skipif(sys.platform != "linux", reason="multiprocessing's fork server")
@pytest.mark.parametrize("kind", ["layout", "batch"])
def test_a_worker_starts_with_the_fork_server_s_heap_frozen(tmp_path, kind):
    """The fork server freezes what it loaded (render/fork_ready.py, last of its preload), so a
    worker's own collect-and-freeze has almost nothing to walk (it walked some 60,000 objects)."""
    from docgen.render.workers import preload

    assert preload("x")[-1] == "docgen.render.fork_ready" and preload("x")[-2] == "x"
    script = tmp_path / "probe.py"
    script.write_text(FROZEN_PROBE, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), kind], capture_output=True, text=True, timeout=300,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    frozen, tracked, _ = done.stdout.split()
    assert int(frozen) > 20_000, "what the server loaded is frozen"
    assert int(tracked) < 5_000, "the worker's collector has only what the worker made"
