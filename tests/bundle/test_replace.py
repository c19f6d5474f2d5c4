"""The bundle folder is replaced whole or not at all, even across a kill (issue 12, items 14 and 19)."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from docgen.bundle import write_bundle
from docgen.cli import main
from docgen.errors import DocgenError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "fr-b2b"

# Writes a bundle whose dossier.pdf holds LABEL; with "kill", the process dies (no cleanup at
# all, as under kill -9) at its second os.rename: between moving the old folder aside and
# moving the new one in.
WRITER = textwrap.dedent("""
    import os, sys
    from datetime import date
    from types import SimpleNamespace
    from pathlib import Path
    from docgen.bundle import write_bundle

    out, label, kill = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "kill"
    real, calls = os.rename, []

    def rename(src, dst, **kw):
        calls.append(src)
        if kill and len(calls) == 2:
            os._exit(9)
        return real(src, dst, **kw)

    os.rename = rename
    dossier = SimpleNamespace(pieces=[], warnings=[], manifest=lambda: {})
    write_bundle(dossier, out, reference="REF-1", doc="mise_en_demeure", as_of=date(2026, 10, 15),
                 pdf=label.encode(), force=True)
""")


def write_in_process(out: Path, label: str) -> None:
    dossier = SimpleNamespace(pieces=[], warnings=[], manifest=lambda: {})
    write_bundle(dossier, out, reference="REF-1", doc="mise_en_demeure", as_of=date(2026, 10, 15),
                 pdf=label.encode(), force=True)


def writer(out: Path, label: str, mode: str = "run") -> int:
    return subprocess.run([sys.executable, "-c", WRITER, str(out), label, mode], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120).returncode


def hidden(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_a_kill_between_the_renames_is_repaired_by_the_next_run(tmp_path):
    out = tmp_path / "out"
    assert writer(out, "v1") == 0
    assert writer(out, "v2", "kill") == 9
    # The window the issue describes: no output folder, the previous one only under a hidden name.
    assert not out.exists() and hidden(tmp_path)
    assert writer(out, "v3") == 0
    assert (out / "dossier.pdf").read_bytes() == b"v3"
    assert os.listdir(tmp_path) == ["out"]          # no leftover full of debtor data


def test_after_a_kill_the_previous_dossier_comes_back_before_any_work(tmp_path):
    from docgen.bundle import check_output

    out = tmp_path / "out"
    assert writer(out, "v1") == 0
    assert writer(out, "v2", "kill") == 9
    notes = check_output(out, force=False)
    assert (out / "dossier.pdf").read_bytes() == b"v1"
    assert os.listdir(tmp_path) == ["out"]
    assert any("restored the previous" in n for n in notes) and any("removed" in n for n in notes)


def test_a_kill_after_the_second_rename_keeps_the_new_folder(tmp_path, monkeypatch):
    import docgen.bundle.replace as replace

    out = tmp_path / "out"
    write_in_process(out, "v1")
    # Killed after the new folder moved in, before the journal and the old folder were removed.
    monkeypatch.setattr(replace, "_remove", lambda entry: None)
    monkeypatch.setattr(Path, "unlink", lambda self, missing_ok=False: None)
    write_in_process(out, "v2")
    monkeypatch.undo()
    assert hidden(tmp_path) == [".out.docgen-old", ".out.docgen-replacing"]
    replace.recover(out)
    assert (out / "dossier.pdf").read_bytes() == b"v2" and os.listdir(tmp_path) == ["out"]


def test_an_io_error_on_the_second_rename_puts_the_previous_folder_back(tmp_path, monkeypatch):
    import docgen.bundle.replace as replace

    out = tmp_path / "out"
    write_in_process(out, "v1")
    real, calls = os.rename, []

    def rename(src, dst):
        calls.append(src)
        if len(calls) == 2:
            raise OSError(5, "Input/output error", str(dst))
        return real(src, dst)

    monkeypatch.setattr(replace.os, "rename", rename)
    with pytest.raises(OSError):
        write_in_process(out, "v2")
    monkeypatch.undo()
    assert (out / "dossier.pdf").read_bytes() == b"v1"
    assert os.listdir(tmp_path) == ["out"]


def test_leftovers_of_older_docgen_versions_are_restored_or_cleaned(tmp_path):
    from docgen.bundle import check_output

    out = tmp_path / "out"
    (tmp_path / ".out.old").mkdir()                             # the previous dossier, set aside
    (tmp_path / ".out.old" / "dossier.pdf").write_bytes(b"signed")
    (tmp_path / ".out.k3j_9x0a").mkdir()                         # a staging folder
    (tmp_path / ".out.k3j_9x0a" / "Piece_01_Facture.pdf").write_bytes(b"debtor data")
    (tmp_path / ".out.mynotes1").mkdir()                         # the user's own: never touched
    (tmp_path / ".out.mynotes1" / "todo.txt").write_text("mine")
    check_output(out)
    assert (out / "dossier.pdf").read_bytes() == b"signed"
    assert sorted(os.listdir(tmp_path)) == [".out.mynotes1", "out"]


def test_the_dossier_folder_follows_the_umask(tmp_path):
    previous = os.umask(0o022)
    try:
        write_in_process(tmp_path / "out", "v1")
        write_in_process(tmp_path / "out", "v2")          # a replaced folder too
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "out" / "dossier.pdf").stat().st_mode) == 0o644


def test_a_busy_folder_is_refused_after_a_while(tmp_path):
    import fcntl

    from docgen.bundle.replace import folder_lock

    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(DocgenError, match="another docgen run"):
            with folder_lock(tmp_path, wait=0.3):
                pass
    finally:
        os.close(fd)


@pytest.mark.parametrize("where", ["unwritable", "under a file"])
def test_an_unusable_output_is_refused_before_the_work(tmp_path, monkeypatch, where):
    import docgen.bundle.write as write
    import docgen.dossier.build

    def never(*args, **kwargs):
        raise AssertionError("the dossier was built although its folder cannot be written")

    monkeypatch.setattr(docgen.dossier.build, "build_dossier", never)
    out = tmp_path / "out"
    if where == "unwritable":      # as root too, where a chmod would not stop the write
        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr(write.tempfile, "mkdtemp", refuse)
    else:
        (tmp_path / "file").write_text("x")
        out = tmp_path / "file" / "out"
    result = CliRunner().invoke(main, ["dossier", str(EXAMPLE), "--as-of", "2026-10-15", "--doc",
                                       "mise_en_demeure", "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert str(out.parent) in result.output and "Traceback" not in result.output
    assert not out.exists()
