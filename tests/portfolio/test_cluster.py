"""docgen batch --scheduler: the same batch on a Dask cluster (issue 17).

Same report statuses and byte-identical PDFs as the local pool; resume across modes; workers
that differ or do not see the files are refused; an unreachable scheduler is one line, exit 2;
a worker killed mid-run loses no document and doubles none.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from click.testing import CliRunner  # noqa: E402
from pfkit import AS_OF, copy_examples  # noqa: E402
from test_batch import statute_overlay  # noqa: E402, F401 - the fixture: the Belgian sommation's text

from docgen.cli import main  # noqa: E402
from docgen.errors import DocgenError  # noqa: E402
from docgen import batch  # noqa: E402
from docgen.portfolio.batch import cluster as cluster_mod  # noqa: E402
from docgen.portfolio.batch.run import REPORT_FILE, STATE_FILE  # noqa: E402
from docgen.portfolio.synthetic import make_portfolio  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def big_portfolio(tmp_path):
    folder = copy_examples(tmp_path / "cases")
    make_portfolio(folder / "synthetic", 12, AS_OF)
    return folder


def _pdfs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.pdf"))}


def _lines(report) -> dict[str, tuple]:  # noqa: ANN001
    return {i.case: (i.reference, i.doc, i.status, i.rule_ids, i.message, i.outputs) for i in report.items}


def test_same_report_and_bytes_as_the_local_pool_and_resume_across_modes(big_portfolio, tmp_path, local_cluster,
                                                                         statute_overlay):  # noqa: F811
    local, remote = tmp_path / "local", tmp_path / "remote"
    expected = batch(big_portfolio, AS_OF, local, jobs=2, accept_unconfirmed=True)
    seen = []
    report = batch(big_portfolio, AS_OF, remote, accept_unconfirmed=True, scheduler=local_cluster,
                   on_planned=seen.append, on_progress=lambda line: seen.append(line.status))
    assert expected.count("rendered") >= 8, expected.summary()
    assert _lines(report) == _lines(expected)
    assert report.exit_code == expected.exit_code and report.jobs == 2
    assert _pdfs(remote) == _pdfs(local) and len(_pdfs(remote)) == expected.documents
    assert seen[0] == len(seen) - 1 >= expected.documents          # progress: one call per document
    saved = json.loads((remote / REPORT_FILE).read_text(encoding="utf-8"))
    assert saved["counts"] == json.loads((local / REPORT_FILE).read_text(encoding="utf-8"))["counts"]
    assert json.loads((remote / STATE_FILE).read_text())["entries"].keys() == \
        json.loads((local / STATE_FILE).read_text())["entries"].keys()
    assert not list(remote.rglob("*.tmp")) and not list(remote.glob(".docgen-cluster-probe*"))

    # A local run resumes the cluster's run: nothing to render again.
    again = batch(big_portfolio, AS_OF, remote, jobs=1, accept_unconfirmed=True)
    assert again.count("rendered") == 0 and again.count("unchanged") == expected.count("rendered")
    # And the cluster resumes a local run: only the document deleted meanwhile is rendered.
    victim = sorted(local.rglob("*.pdf"))[0]
    victim.unlink()
    resumed = batch(big_portfolio, AS_OF, local, accept_unconfirmed=True, scheduler=local_cluster)
    assert [Path(o).name for i in resumed.items if i.status == "rendered" for o in i.outputs] == [victim.name]
    assert victim.read_bytes() == (remote / victim.relative_to(local)).read_bytes()


def test_a_worker_of_another_docgen_or_other_legal_data_is_refused(portfolio, tmp_path, local_cluster, monkeypatch):
    real = cluster_mod.identity

    def newer(context):  # noqa: ANN001, ANN202 - what this client would be after an upgrade
        return {**real(context), "docgen": "9.9.9"}

    monkeypatch.setattr(cluster_mod, "identity", newer)
    with pytest.raises(DocgenError, match=r"runs another docgen 0\.1\.0 \(here: 9\.9\.9\).*nothing was generated"):
        batch(portfolio, AS_OF, tmp_path / "out", accept_unconfirmed=True, scheduler=local_cluster)
    monkeypatch.setattr(cluster_mod, "identity", real)
    monkeypatch.setattr(cluster_mod, "legal_data_fingerprint", lambda: "other-rates")
    with pytest.raises(DocgenError, match=r"runs another legal data"):
        batch(portfolio, AS_OF, tmp_path / "out", accept_unconfirmed=True, scheduler=local_cluster)
    assert not list((tmp_path / "out").rglob("*.pdf"))
    assert not (tmp_path / "out" / STATE_FILE).exists()


def test_the_probe_names_what_a_worker_cannot_see(portfolio, tmp_path):
    """Run in this process as a worker would: an output folder or a portfolio that is not the
    same on the worker (no shared filesystem) is named."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "token").write_text("another run's token")
    context = cluster_mod.Context(None, AS_OF, ())
    sample = portfolio / "fr-b2b" / "case.yaml"
    answer = cluster_mod.probe(context, {"out": str(out), "folder": str(portfolio), "token": "mine",
                                         "token_name": "token", "sample": (str(sample), "0" * 64)})
    assert len(answer["problems"]) == 2, answer
    assert "does not see the output folder" in answer["problems"][0]
    assert f"does not see the portfolio {portfolio}" in answer["problems"][1]
    good = cluster_mod.probe(context, {"out": str(out), "folder": str(portfolio), "token": "another run's token",
                                       "token_name": "token",
                                       "sample": (str(sample), hashlib.sha256(sample.read_bytes()).hexdigest())})
    assert good["problems"] == [] and good["identity"]["docgen"] == "0.1.0"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_scheduler_is_one_line_and_exit_2(portfolio, tmp_path, monkeypatch):
    assert cluster_mod.CONNECT_TIMEOUT <= 10
    monkeypatch.setattr(cluster_mod, "CONNECT_TIMEOUT", 1.0)
    started = time.monotonic()
    result = CliRunner().invoke(main, ["batch", str(portfolio), "--as-of", "2026-10-15", "-o", str(tmp_path / "out")],
                                env={"DOCGEN_SCHEDULER": f"tcp://127.0.0.1:{_free_port()}"})
    assert result.exit_code == 2, result.output
    assert result.output.strip().count("\n") == 0 and "cannot reach the Dask scheduler at tcp://127.0.0.1:" in result.output
    assert time.monotonic() - started < 20
    assert not list((tmp_path / "out").rglob("*.pdf"))


# --- a real scheduler and two workers, one killed mid-run ------------------------------------------

def _dask(*args: str) -> list[str]:
    beside = Path(sys.executable).with_name("dask")
    if beside.exists():
        return [str(beside), *args]
    module = {"scheduler": "distributed.cli.dask_scheduler", "worker": "distributed.cli.dask_worker"}[args[0]]
    return [sys.executable, "-m", module, *args[1:]]


def _wait_for(condition, seconds: float) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_a_killed_worker_loses_no_document_and_doubles_none(tmp_path, statute_overlay):  # noqa: F811
    folder = copy_examples(tmp_path / "cases")
    make_portfolio(folder / "synthetic", 8, AS_OF)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    scheduler_file = tmp_path / "scheduler.json"
    procs: list[subprocess.Popen] = []
    logs = tmp_path / "logs"
    logs.mkdir()

    def start(name: str, *args: str) -> subprocess.Popen:
        log = (logs / f"{name}.log").open("wb")
        proc = subprocess.Popen(_dask(*args), cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
        procs.append(proc)
        return proc

    try:
        start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
              "--scheduler-file", str(scheduler_file))
        assert _wait_for(scheduler_file.exists, 30), (logs / "scheduler.log").read_text()
        address = json.loads(scheduler_file.read_text())["address"]
        # No nanny: the killed worker stays dead, its task must go to the other one.
        workers = [start(f"worker{k}", "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                         "--name", f"w{k}", "--host", "127.0.0.1", "--local-directory", str(tmp_path / f"w{k}"))
                   for k in range(2)]
        watcher = distributed.Client(address, timeout=10, set_as_default=False)
        watcher.wait_for_workers(2, timeout=60)
        victim = next(a for a, w in watcher.scheduler_info()["workers"].items() if w["name"] == "w0")
        held: list[str] = []
        results: list[str] = []

        def kill_one(line) -> None:  # noqa: ANN001 - a BatchItem
            """At the first result, once the victim holds a document, kill it (SIGKILL: no goodbye)."""
            results.append(f"{line.reference}/{line.doc}")
            if held:
                return
            _wait_for(lambda: bool(watcher.processing(workers=[victim]).get(victim)), 20)
            held.extend(str(k) for k in watcher.processing(workers=[victim]).get(victim, ()))
            workers[0].send_signal(signal.SIGKILL)

        out = tmp_path / "out"
        planned: list[int] = []
        try:
            report = batch(folder, AS_OF, out, accept_unconfirmed=True, scheduler=address,
                           on_planned=planned.append, on_progress=kill_one)
        finally:
            watcher.close()
        assert workers[0].wait(timeout=10) == -signal.SIGKILL
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=10)

    # The documents the killed worker held were rendered by the other one.
    assert held and all(k.startswith("docgen-render-") for k in held), held
    assert all(report.items[int(k.rsplit("-", 1)[1])].status == "rendered" for k in held)
    # One result per planned document, none twice.
    assert len(results) == len(set(results)) == planned[0] >= 6, (results, report.summary())
    assert report.count("failed") == 0, [i.message for i in report.items if i.status == "failed"]
    rendered = [o for i in report.items if i.status == "rendered" for o in i.outputs]
    assert sorted(rendered) == sorted(str(p.relative_to(out)) for p in out.rglob("*.pdf"))
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    state = json.loads((out / STATE_FILE).read_text())["entries"]
    for entry in state.values():
        for rel, sha in entry["outputs"].items():
            data = (out / rel).read_bytes()
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
            assert hashlib.sha256(data).hexdigest() == sha
    # Every output is whole and recorded: a local rerun has nothing left to do.
    again = batch(folder, AS_OF, out, jobs=1, accept_unconfirmed=True)
    assert again.count("rendered") == 0 and again.count("unchanged") == len(state) == report.count("rendered")


def test_the_legal_data_fingerprint_covers_rate_tables_and_statutes(tmp_path, statute_overlay):  # noqa: F811
    from docgen.law.parameters import overlays

    with_statutes = cluster_mod.legal_data_fingerprint()
    with overlays([]):
        plain = cluster_mod.legal_data_fingerprint()
    rates = tmp_path / "rates"
    rates.mkdir()
    (rates / "ecb.mro.yaml").write_text("values:\n  2026-06-17:\n    value: \"2.15\"\n    source: test fixture\n",
                                        encoding="utf-8")
    with overlays([rates]):
        other_rates = cluster_mod.legal_data_fingerprint()
    assert len({with_statutes, plain, other_rates}) == 3


def test_without_the_cluster_extra_the_option_says_what_to_install(portfolio, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)          # import distributed -> ImportError
    result = CliRunner().invoke(main, ["batch", str(portfolio), "--as-of", "2026-10-15", "-o", str(tmp_path / "out"),
                                       "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "pip install 'docgen[cluster]'" in result.output, result.output
