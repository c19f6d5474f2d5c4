"""docgen batch: every due document, a rerun is a no-op, bad cases reported, nothing half-written."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from callcount import count_calls
from pfkit import AS_OF, after_the_rate_tables, example_data, write_variant

from docgen.cli import main
from docgen.errors import DocgenError
from docgen import batch
from docgen.portfolio.batch.run import REPORT_FILE, STATE_FILE

DUE = {  # reference -> the document the agenda says is due on 2026-10-15 (see test_agenda)
    "RICO-2024-017": "injonction_de_payer", "MPC-2025-0093": "mise_en_demeure",
    "PXM-RECOUV-2025-03": "injonction_de_payer", "ZS-INC-2025-0318": "mise_en_demeure",
}


def _mtimes(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*.pdf")}


@pytest.fixture
def statute_overlay(tmp_path):
    """A firm's overlay holding the sommation's statutory text (test wording, marked verified for the
    test only): without it the Belgian B2B example's due sommation is refused (BE-STATUTORY-TEXT-MISSING)."""
    from docgen.law.parameters import overlays

    folder = tmp_path / "firm-data" / "statutes"
    folder.mkdir(parents=True)
    articles = "\n".join(f'  - number: "{n}"\n    text: "Texte de test, article {n}."' for n in range(1338, 1345))
    (folder / "be.cj.1338-1344.fr.yaml").write_text(
        'title: "Code judiciaire, articles 1338 à 1344"\nlanguage: fr\nsource: "test fixture"\n'
        f"consolidated_on: 2026-03-01\nverified: true\narticles:\n{articles}\n", encoding="utf-8")
    with overlays([folder.parent]):
        yield folder.parent


def test_every_due_document_then_a_no_op_rerun(portfolio, tmp_path, statute_overlay):
    out = tmp_path / "out"
    report = batch(portfolio, AS_OF, out, jobs=2, accept_unconfirmed=True)
    assert report.exit_code == 0, [i.to_dict() for i in report.items]
    assert {i.reference: (i.status, i.doc) for i in report.items} == {r: ("rendered", d) for r, d in DUE.items()}
    for ref, doc in DUE.items():
        assert (out / ref / f"{doc}.pdf").read_bytes().startswith(b"%PDF-")
    saved = json.loads((out / REPORT_FILE).read_text())
    assert saved["counts"]["rendered"] == 4 and saved["documents_written"] == 4
    assert set(json.loads((out / STATE_FILE).read_text())["entries"]) == {f"{r}/{d}" for r, d in DUE.items()}
    before = _mtimes(out)

    again = batch(portfolio, AS_OF, out, jobs=2, accept_unconfirmed=True)
    assert [i.status for i in again.items] == ["unchanged"] * 4 and again.documents == 0
    assert _mtimes(out) == before

    # One input changes (a proof file named by the case): only that case is rendered again.
    proof = portfolio / "fr-b2b" / "proofs" / "relance-2024-03-26.pdf"
    proof.write_bytes(proof.read_bytes() + b"\n% rescanned\n")
    third = batch(portfolio, AS_OF, out, jobs=1, accept_unconfirmed=True)
    assert {i.reference: i.status for i in third.items} == {
        "RICO-2024-017": "rendered", "MPC-2025-0093": "unchanged", "PXM-RECOUV-2025-03": "unchanged",
        "ZS-INC-2025-0318": "unchanged"}
    # A deleted output is produced again.
    (out / "MPC-2025-0093" / "mise_en_demeure.pdf").unlink()
    fourth = batch(portfolio, AS_OF, out, accept_unconfirmed=True)
    assert [i.reference for i in fourth.items if i.status == "rendered"] == ["MPC-2025-0093"]


def test_bad_cases_are_reported_and_the_rest_rendered(portfolio, tmp_path):
    (portfolio / "broken").mkdir()
    (portfolio / "broken" / "case.yaml").write_bytes(b"\xff\xfe not text")
    write_variant(portfolio / "copy-of-be-b2b", "be-b2b", example_data("be-b2b"))      # same reference twice
    blocked = example_data("fr-b2c")
    blocked["reference"] = "FEES-1"
    blocked["events"][0]["fee"] = "15.00"                    # recovery fee charged to a consumer
    write_variant(portfolio / "fees", "fr-b2c", blocked)
    out = tmp_path / "out"
    report = batch(portfolio, AS_OF, out, doc="relance", accept_unconfirmed=True)
    status = {(i.reference, Path(i.case).parent.name): i for i in report.items}
    assert status[(None, "broken")].status == "failed" and "UTF-8" in status[(None, "broken")].message
    assert status[("PXM-RECOUV-2025-03", "be-b2b")].status == "failed"
    assert "copy-of-be-b2b" in status[("PXM-RECOUV-2025-03", "be-b2b")].message
    fees = status[("FEES-1", "fees")]
    assert fees.status == "blocked" and fees.rule_ids == ["FR-B2C-RECOVERY-FEES"] and not (out / "FEES-1").exists()
    # Every example already had its formal notice: a reminder now is refused by the history.
    after_notice = sorted(i.reference for i in report.items if i.status == "blocked" and "REMINDER-LEVEL" in i.rule_ids)
    assert after_notice == ["MPC-2025-0093", "RICO-2024-017", "ZS-INC-2025-0318"]
    assert not any(i.status == "rendered" for i in report.items)
    assert report.exit_code == 2
    # Reminders: level 2 where a reminder was already sent.
    assert status[("RICO-2024-017", "fr-b2b")].options == {"level": "2", "accept_unconfirmed": "1"}


def test_read_only_output_folder(portfolio, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        with pytest.raises(DocgenError, match="cannot write"):
            batch(portfolio, AS_OF, out, accept_unconfirmed=True)
        assert list(out.iterdir()) == []
    finally:
        out.chmod(0o755)


def test_output_folder_that_cannot_be_created(portfolio, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(DocgenError, match="cannot write to the output folder"):
        batch(portfolio, AS_OF, blocker / "out", accept_unconfirmed=True)


def test_unwritable_case_folder_fails_alone(portfolio, tmp_path, statute_overlay):
    out = tmp_path / "out"
    (out / "RICO-2024-017").parent.mkdir(parents=True)
    (out / "RICO-2024-017").write_text("a file where the case folder should go")
    report = batch(portfolio, AS_OF, out, accept_unconfirmed=True)
    by_ref = {i.reference: i for i in report.items}
    assert by_ref["RICO-2024-017"].status == "failed" and "cannot write" in by_ref["RICO-2024-017"].message
    assert sum(1 for i in report.items if i.status == "rendered") == 3
    assert not list(out.rglob("*.tmp"))


def test_cli_with_docx_and_exit_codes(portfolio, tmp_path):
    shutil.rmtree(portfolio / "be-b2b")
    shutil.rmtree(portfolio / "be-b2c")
    shutil.rmtree(portfolio / "fr-b2c")
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(main, ["batch", str(portfolio), "--as-of", "2026-10-15", "--accept-unconfirmed", "-o", str(out), "--docx"])
    assert result.exit_code == 0, result.output
    assert "1 rendered" in result.output and (out / "RICO-2024-017" / "injonction_de_payer.docx").is_file()
    both = runner.invoke(main, ["batch", str(portfolio), "--as-of", "2026-10-15", "--accept-unconfirmed", "-o", str(out), "--doc", "relance",
                                "--due"])
    assert both.exit_code == 2 and "exclude each other" in both.output


def test_read_only_output_folder_as_root_too(portfolio, tmp_path, monkeypatch):
    import docgen.portfolio.batch.run as generate

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(generate.tempfile, "mkstemp", refuse)
    out = tmp_path / "out"
    with pytest.raises(DocgenError, match="Permission denied; nothing was generated"):
        batch(portfolio, AS_OF, out, accept_unconfirmed=True)
    assert list(out.iterdir()) == []


def test_assume_last_rate(portfolio, tmp_path):
    for name in ("be-b2b", "be-b2c", "fr-b2c"):
        shutil.rmtree(portfolio / name)
    late, out = after_the_rate_tables().isoformat(), tmp_path / "out"
    runner = CliRunner()
    refused = runner.invoke(main, ["batch", str(portfolio), "--as-of", late, "-o", str(out)])
    assert refused.exit_code == 2 and "--assume-last-rate" in refused.output
    result = runner.invoke(main, ["batch", str(portfolio), "--as-of", late, "-o", str(out), "--assume-last-rate", "--accept-unconfirmed"])
    assert result.exit_code == 0, result.output
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    [item] = report["items"]
    assert report["assume_last_rate"] is True and item["status"] == "rendered"
    assert item["options"]["assume_last_rate"] == "1" and "fr.late_payment_rate" in item["message"]
    assert "last known value is assumed" in result.output


# --- workers never outlive docgen batch (issue 12, item 13) -------------------------------

ROOT = Path(__file__).resolve().parents[2]
linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Running or sleeping; a zombie has exited (it waits for a PID 1 that may never reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2:].split()[0] not in ("Z", "X")


def _wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _read_to_eof(stream, seconds: float) -> bool:
    done = threading.Event()
    threading.Thread(target=lambda: (stream.read(), done.set()), daemon=True).start()
    return done.wait(seconds)


@linux_only
def test_kill_9_of_batch_takes_its_workers_along(portfolio, tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "docgen", "batch", str(portfolio), "--as-of", "2026-10-15",
                             "-o", str(tmp_path / "out"), "-j", "2"], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    workers: set[int] = set()

    def started() -> bool:
        workers.update(_children(proc.pid))
        return len(workers) >= 2

    try:
        assert _wait_until(started, 90), "the batch never started its two workers"
    finally:
        proc.kill()                    # SIGKILL: nothing of docgen's own runs after it
        proc.wait()
    try:
        assert _read_to_eof(proc.stdout, 10), "stdout is still held open by an orphan worker"
        assert _wait_until(lambda: not any(_alive(w) for w in workers), 10), \
            f"orphan workers {[w for w in workers if _alive(w)]} outlived the batch"
    finally:
        for pid in workers:            # do not leave them behind when the test fails
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        proc.stdout.close()


# A parent that starts one guarded worker without the Linux death signal (as on macOS): the
# watchdog thread alone must end the worker when the parent is killed.
WATCHDOG_PARENT = """
import multiprocessing, os, time
import docgen.worker_process as guard

def worker(parent, ready):
    guard.set_parent_death_signal = lambda: None
    guard.guard_against_orphaning(parent)
    ready.send(os.getpid())
    time.sleep(600)

if __name__ == "__main__":
    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=worker, args=(os.getpid(), send))
    child.start()
    if not receive.poll(20):
        print("no guard", flush=True)
        raise SystemExit(1)
    print(receive.recv(), flush=True)         # the guard is in place
    time.sleep(600)
"""


@linux_only
def test_the_watchdog_ends_a_worker_whose_parent_died_without_the_death_signal(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(WATCHDOG_PARENT, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        line = proc.stdout.readline()
        assert line.strip().isdigit(), "the worker could not put its guard in place"
        worker = int(line)
    finally:
        proc.kill()
        proc.wait()
    try:
        assert _wait_until(lambda: not _alive(worker), 5)
        assert _read_to_eof(proc.stdout, 5)
    finally:
        if _alive(worker):
            os.kill(worker, signal.SIGKILL)
        proc.stdout.close()


def test_serial_batches_keep_stdout_and_set_no_death_signal(portfolio, tmp_path, capfd):
    """-j 1 renders in the calling process: the guard must not touch it."""
    for name in ("be-b2b", "be-b2c", "fr-b2c"):
        shutil.rmtree(portfolio / name)
    parent = os.getppid()
    report = batch(portfolio, AS_OF, tmp_path / "out", jobs=1, accept_unconfirmed=True)
    assert report.exit_code == 0 and os.getppid() == parent
    print("still here")
    assert "still here" in capfd.readouterr().out


def test_nothing_to_do_is_not_a_failure(portfolio, tmp_path):
    """--doc plan_apurement over cases without a payment plan: nothing to do there, exit 0; the
    cases that have a plan are still judged (blocked here by their own findings)."""
    out = tmp_path / "out"
    report = batch(portfolio, AS_OF, out, doc="plan_apurement", accept_unconfirmed=True)
    status = {i.reference: i.status for i in report.items}
    assert status["RICO-2024-017"] == status["PXM-RECOUV-2025-03"] == "nothing_to_do"
    assert "nothing_to_do" not in (status["MPC-2025-0093"], status["ZS-INC-2025-0318"])
    assert report.count("failed") == 0 and report.exit_code == 1      # the two blocked plans
    saved = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    assert saved["counts"]["nothing_to_do"] == 2 and saved["counts"]["failed"] == 0
    line = next(i for i in saved["items"] if i["reference"] == "RICO-2024-017")
    assert line["message"] == "no payment_plan in the case file: no plan to draw up" and line["outputs"] == []

    shutil.rmtree(portfolio / "fr-b2c")
    shutil.rmtree(portfolio / "be-b2c")
    result = CliRunner().invoke(main, ["batch", str(portfolio), "--as-of", "2026-10-15", "--doc", "plan_apurement",
                                       "-o", str(tmp_path / "out2")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("2 nothing to do (2 case(s), 0 file(s) written")
    assert "failed" not in result.output


def test_the_fingerprints_reuse_the_agenda_s_reading(portfolio, tmp_path, monkeypatch):
    # The agenda pass read and parsed every case file: the fingerprints take its print instead of
    # reading and parsing the file again, and come out the same as from the file itself.
    import docgen.portfolio.batch.state as state
    from docgen.portfolio.scan import find_case_files, parse_case_bytes

    for path in find_case_files(portfolio):
        raw = path.read_bytes()
        print_ = state.case_print(raw, parse_case_bytes(raw, path))
        assert state.input_digest(path, "relance", {"level": "1"}, AS_OF, ("pdf",), "x", case=print_) == \
            state.input_digest(path, "relance", {"level": "1"}, AS_OF, ("pdf",), "x")
    parsed = count_calls(monkeypatch, state, "parse_case_bytes")
    report = batch(portfolio, AS_OF, tmp_path / "out", jobs=1, accept_unconfirmed=True)
    assert report.documents >= 3
    assert parsed == []
