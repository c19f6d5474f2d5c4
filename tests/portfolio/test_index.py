"""The portfolio index (issue 17): agenda and aging re-read only the case files that changed,
give the same output with or without it, and survive a damaged, locked or unwritable index."""
from __future__ import annotations

import errno
import json
import multiprocessing
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pfkit import AS_OF, copy_examples

from docgen import agenda, aging
from docgen.cli import main
from docgen.portfolio import index as index_mod
from docgen.portfolio.agenda import agenda_json
from docgen.portfolio.aging import to_json
from docgen.portfolio.index import CACHE_DIR, INDEX_FILE
from docgen.portfolio.synthetic import make_portfolio

HOUR_AGO = time.time() - 3600


def _backdate(folder: Path, when: float = HOUR_AGO) -> None:
    """Files written long before the run (a file written in the run's very instant is hashed
    again on the next run: its modification time cannot be trusted)."""
    for path in folder.rglob("*"):
        if CACHE_DIR not in path.parts:
            os.utime(path, (when, when), follow_symlinks=False)


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = copy_examples(tmp_path / "cases")
    make_portfolio(folder / "synthetic", 24, AS_OF)
    bad = folder / "broken"
    bad.mkdir()
    (bad / "case.yaml").write_text("reference: BROKEN-1\njurisdiction: FR\ninvoices: nope\n", encoding="utf-8")
    _backdate(folder)
    return folder


def _agenda(folder: Path, **kw):  # noqa: ANN202
    items = agenda(folder, AS_OF, **kw)
    return agenda_json(items, AS_OF), items.stats


def _aging(folder: Path, **kw):  # noqa: ANN202
    report = aging(folder, AS_OF, assume_last_rate=True, **kw)
    return to_json(report), report.stats


def test_same_output_and_only_changed_files_read_again(mixed: Path):
    plain, stats = _agenda(mixed, index=False)
    n = stats.cases
    assert n == 29 and stats.reread == stats.parsed == n and stats.index is None
    assert not (mixed / CACHE_DIR).exists()                    # --no-index touches nothing
    assert any(i["stage"] == "invalid" for i in plain["items"])

    cold, stats = _agenda(mixed)
    assert cold == plain
    assert (stats.reread, stats.parsed, stats.reused) == (n, n, 0)
    assert stats.index == str(mixed / CACHE_DIR / INDEX_FILE) and not stats.warnings

    warm, stats = _agenda(mixed)
    assert warm == plain
    assert (stats.reread, stats.parsed, stats.reused) == (0, 0, n)
    assert _aging(mixed)[0] == _aging(mixed, index=False)[0]
    assert _aging(mixed)[1].reused == n

    # Touched (same content): read and hashed again, not parsed; then trusted again.
    touched = sorted(mixed.rglob("case.yaml"))[:3]
    for path in touched:
        os.utime(path, (HOUR_AGO + 60, HOUR_AGO + 60))
    again, stats = _agenda(mixed)
    assert again == plain and (stats.reread, stats.parsed, stats.reused) == (3, 0, n - 3)
    assert _agenda(mixed)[1].reread == 0

    # Changed: a case gets a payment, another loses an invoice's PDF, a third is deleted.
    case = mixed / "fr-b2b" / "case.yaml"
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    data.setdefault("payments", []).append({"date": "2026-10-01", "amount": "100.00", "method": "transfer"})
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    os.utime(case, (HOUR_AGO + 120, HOUR_AGO + 120))
    victim = sorted((mixed / "synthetic").iterdir())[0]
    (victim / "pieces").joinpath(sorted(os.listdir(victim / "pieces"))[0]).unlink()
    shutil.rmtree(sorted((mixed / "synthetic").iterdir())[1])
    changed, stats = _agenda(mixed)
    assert changed == _agenda(mixed, index=False)[0] != plain
    assert (stats.reread, stats.parsed, stats.removed, stats.cases) == (2, 2, 1, n - 1)
    line = next(i for i in changed["items"] if i["case"] == str(victim / "case.yaml"))
    assert line["stage"] == "invalid" and "file" in line["flags"][0]["message"]
    assert _aging(mixed)[0] == _aging(mixed, index=False)[0]


def test_a_change_of_permissions_is_seen(mixed: Path):
    """A case file or a pièce made unreadable keeps its size and time: its mode tells."""
    _agenda(mixed)
    (mixed / "fr-b2c" / "case.yaml").chmod(0o600)
    piece = next((mixed / "be-b2b").rglob("*.pdf"))
    piece.chmod(0o000)
    try:
        got, stats = _agenda(mixed)
        assert got == _agenda(mixed, index=False)[0]
    finally:
        piece.chmod(0o644)
    assert (stats.reread, stats.parsed) == (2, 1)


def test_each_run_computes_its_own_as_of(mixed: Path):
    from datetime import timedelta

    _agenda(mixed)
    for day in (AS_OF - timedelta(days=200), AS_OF + timedelta(days=40)):
        items = agenda(mixed, day, index=True)
        assert items.stats.parsed == 0
        assert agenda_json(items, day) == agenda_json(agenda(mixed, day, index=False), day)


@pytest.mark.parametrize("damage", ["garbage", "schema", "truncated"])
def test_a_damaged_index_is_rebuilt_with_a_warning(mixed: Path, damage: str):
    expected, _ = _agenda(mixed, index=False)
    _agenda(mixed)
    db = mixed / CACHE_DIR / INDEX_FILE
    if damage == "garbage":
        db.write_bytes(os.urandom(5000))
    elif damage == "schema":
        db.unlink()
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE cases (path TEXT, something TEXT)")
        conn.commit()
        conn.close()
    else:
        db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    got, stats = _agenda(mixed)
    assert got == expected
    assert any("damaged" in w and "rebuilt" in w for w in stats.warnings), stats.warnings
    assert stats.index == str(db)
    again, stats = _agenda(mixed)
    assert again == expected and stats.reused == stats.cases and not stats.warnings


def test_the_cli_says_the_index_was_rebuilt_and_bypasses_it_on_request(mixed: Path):
    runner = CliRunner()
    args = ["agenda", str(mixed), "--as-of", AS_OF.isoformat(), "--json"]
    first = runner.invoke(main, [*args, "--no-index"])
    assert first.exit_code == 0 and not (mixed / CACHE_DIR).exists()
    assert runner.invoke(main, args).output == first.output
    (mixed / CACHE_DIR / INDEX_FILE).write_bytes(b"not a database at all" * 100)
    result = runner.invoke(main, args)
    assert result.exit_code == 0 and result.exception is None
    assert json.loads(result.stdout) == json.loads(first.output)
    assert "warning: the portfolio index" in result.stderr and "rebuilt" in result.stderr
    aged = runner.invoke(main, ["aging", str(mixed), "--as-of", AS_OF.isoformat(), "--format", "json",
                                "--assume-last-rate", "--no-index"])
    assert aged.exit_code == 0 and json.loads(aged.stdout)["totals"]


def test_a_locked_index_is_left_alone(mixed: Path, monkeypatch):
    expected, _ = _agenda(mixed, index=False)
    _agenda(mixed)
    monkeypatch.setattr(index_mod, "BUSY_TIMEOUT", 0.2)
    monkeypatch.setattr(index_mod, "stamp", lambda: "another docgen")   # so that opening must write
    holder = sqlite3.connect(mixed / CACHE_DIR / INDEX_FILE, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        got, stats = _agenda(mixed)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert got == expected and stats.index is None
    assert any("locked" in w for w in stats.warnings), stats.warnings


def test_a_read_only_portfolio_works_without_the_index(mixed: Path, monkeypatch):
    expected, _ = _agenda(mixed, index=False)
    if os.geteuid() == 0:          # root writes anywhere: the file system's refusal is simulated
        real = Path.mkdir

        def refuse(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            if self.name == CACHE_DIR:
                raise OSError(errno.EROFS, "Read-only file system", str(self))
            return real(self, *args, **kwargs)

        monkeypatch.setattr(Path, "mkdir", refuse)
    mixed.chmod(0o555)
    try:
        got, stats = _agenda(mixed)
    finally:
        mixed.chmod(0o755)
    assert got == expected and stats.index is None and stats.parsed == stats.cases
    assert len(stats.warnings) == 1 and "cannot be created" in stats.warnings[0]


def test_an_upgrade_empties_the_index(mixed: Path, monkeypatch):
    _agenda(mixed)
    monkeypatch.setattr(index_mod, "stamp", lambda: "docgen 9.9.9")
    got, stats = _agenda(mixed)
    assert stats.parsed == stats.cases and got == _agenda(mixed, index=False)[0]
    assert _agenda(mixed)[1].reused == stats.cases


def test_rows_give_back_the_very_case(mixed: Path):
    """A row's case is the validated case itself: the row keeps the data it was validated from."""
    from docgen.portfolio.index import load_indexed
    from docgen.portfolio.scan import find_case_files, load

    for path in find_case_files(mixed):
        direct = load(path, None)
        item, entry, how = load_indexed(path, None, False, build=True)
        assert how == "parsed" and item.case == direct.case and item.problems == direct.problems
        assert entry.data is not None or direct.case is None
        again, _, how = load_indexed(path, entry, True, build=True)
        assert how == "reused" and again.case == direct.case and again.problems == direct.problems
        assert again.error == direct.error and again.reference == direct.reference


def test_data_json_cannot_hold_is_not_kept(mixed: Path):
    """A case validated from data JSON cannot hold is validated again on every run."""
    from docgen.portfolio.index import entry_of, load_indexed, restore
    from docgen.portfolio.scan import find_case_files

    path = find_case_files(mixed)[0]
    item, entry, _ = load_indexed(path, None, False, build=True)
    assert item.case is not None and entry.data is not None
    for odd in (b"bytes", float("nan"), {1, 2}):
        item.data = {**item.data, "note": odd}
        odd_entry = entry_of(item, os.stat(path), entry.sha256, entry.deps)
        assert odd_entry.data is None and restore(odd_entry, path) is None


def _run_agenda(folder: str, queue) -> None:  # noqa: ANN001
    try:
        for _ in range(3):
            items = agenda(folder, AS_OF, jobs=1)
            queue.put((len(items), items.stats.warnings))
    except BaseException as exc:  # noqa: BLE001 - reported to the test
        queue.put(("error", repr(exc)))


def test_two_runs_at_once_do_not_corrupt_it(mixed: Path):
    expected, _ = _agenda(mixed, index=False)
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_run_agenda, args=(str(mixed), queue)) for _ in range(2)]
    for p in procs:
        p.start()
    answers = [queue.get(timeout=300) for _ in range(6)]
    for p in procs:
        p.join(timeout=60)
    assert all(a[0] == 29 for a in answers), answers
    assert all(not [w for w in a[1] if "damaged" in w] for a in answers), answers
    got, stats = _agenda(mixed)
    assert got == expected and stats.reused == stats.cases and not stats.warnings
    conn = sqlite3.connect(mixed / CACHE_DIR / INDEX_FILE)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
