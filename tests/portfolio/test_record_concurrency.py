"""Issue 12, item 2: concurrent ``docgen record`` runs lose no event; a symlinked case stays a link."""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from pfkit import AS_OF, EXAMPLES, ROOT

from docgen.errors import DocgenError
from docgen.model.reading import read_case_file
from docgen import record_event
from docgen.portfolio.locking import lock_path

ROUNDS = 60


def _notes(case_file: Path) -> list[str]:
    return [e.get("note") for e in read_case_file(case_file).get("events") or [] if e.get("note")]


def test_sixty_concurrent_rounds_lose_no_event(case_data, case_dir):
    # The small case of tests/conftest.py: each record reads, validates and rewrites it.
    case = case_dir
    (case / "case.yaml").write_text(yaml.safe_dump(case_data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = len(read_case_file(case / "case.yaml")["events"])
    barrier = threading.Barrier(2)

    def one(round_no: int, side: int) -> None:
        barrier.wait()                               # both runs of a round start together
        record_event(case, "call", day=date(2024, 12, 1) + timedelta(days=round_no % 7), channel="phone",
                     note=f"round {round_no} side {side}", as_of=date(2025, 1, 15))

    with ThreadPoolExecutor(max_workers=2) as pool:
        for round_no in range(ROUNDS):
            for future in [pool.submit(one, round_no, side) for side in (0, 1)]:
                future.result()
    notes = _notes(case / "case.yaml")
    assert len(read_case_file(case / "case.yaml")["events"]) == before + 2 * ROUNDS
    assert sorted(notes) == sorted(f"round {r} side {s}" for r in range(ROUNDS) for s in (0, 1))


def test_concurrent_processes_lose_no_event(tmp_path):
    """The lock holds across processes too (what two terminals running ``docgen record`` do)."""
    case = tmp_path / "rico"
    shutil.copytree(EXAMPLES / "fr-b2b", case)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = ("import sys; from datetime import date; from docgen import record_event\n"
              "for n in range(4):\n"
              "    record_event(sys.argv[1], 'call', day=date(2026, 10, 1), channel='phone',\n"
              "                 note=f'{sys.argv[2]}-{n}', as_of=date(2026, 10, 15))\n")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(case), name], env=env, stderr=subprocess.PIPE)
             for name in ("a", "b", "c")]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()
    assert sorted(_notes(case / "case.yaml")) == sorted(f"{x}-{n}" for x in "abc" for n in range(4))


def test_a_held_lock_gives_a_clear_error_in_time(tmp_path):
    case = tmp_path / "rico"
    shutil.copytree(EXAMPLES / "fr-b2b", case)
    before = (case / "case.yaml").read_bytes()
    with open(lock_path(case / "case.yaml"), "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(DocgenError, match="being changed by another docgen command"):
            record_event(case, "call", day=AS_OF, channel="phone", as_of=AS_OF, lock_timeout=0.3)
    assert (case / "case.yaml").read_bytes() == before
    record_event(case, "call", day=AS_OF, channel="phone", as_of=AS_OF, lock_timeout=0.3)   # released: fine
    assert (case / "case.yaml").read_bytes() != before


def test_a_symlinked_case_file_stays_a_link(tmp_path):
    real = tmp_path / "store" / "rico"
    shutil.copytree(EXAMPLES / "fr-b2b", real)
    view = tmp_path / "view"
    shutil.copytree(EXAMPLES / "fr-b2b", view)       # the files the case names, beside the link
    (view / "case.yaml").unlink()
    (view / "case.yaml").symlink_to(real / "case.yaml")
    record_event(view, "call", day=date(2026, 10, 1), channel="phone", note="via the link", as_of=AS_OF)
    assert (view / "case.yaml").is_symlink()
    assert (view / "case.yaml").resolve() == (real / "case.yaml").resolve()
    assert _notes(real / "case.yaml")[-1] == "via the link"
    assert lock_path(real / "case.yaml").exists() and not lock_path(view / "case.yaml").exists()


def test_a_dangling_link_is_a_clean_error(tmp_path):
    (tmp_path / "case.yaml").symlink_to(tmp_path / "nowhere.yaml")
    with pytest.raises(DocgenError):
        record_event(tmp_path / "case.yaml", "call", day=AS_OF, channel="phone", as_of=AS_OF)
