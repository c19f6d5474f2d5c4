"""The ``docgen`` console script is not run again in every worker process (multiprocessing runs
a ``__main__`` file again in each worker; ours would import the whole command line there)."""
from __future__ import annotations

import sys
import types
from multiprocessing import spawn

from click.testing import CliRunner

from docgen.cli import main


def test_the_console_script_is_declared_as_python_m_docgen(monkeypatch):
    # What pip's console script is: a file, no module spec, which imported docgen.cli's main.
    script = types.ModuleType("__main__")
    script.__file__ = "/usr/local/bin/docgen"
    script.__spec__ = None
    script.main = main
    monkeypatch.setitem(sys.modules, "__main__", script)
    assert "init_main_from_path" in spawn.get_preparation_data("worker")

    CliRunner().invoke(main, ["--version"], standalone_mode=False)

    preparation = spawn.get_preparation_data("worker")
    assert "init_main_from_path" not in preparation
    # spawn._fixup_main_from_name never re-runs a package's __main__ in a worker
    assert preparation["init_main_from_name"] == "docgen.__main__"


def test_another_programs_main_module_is_left_alone(monkeypatch):
    # A case-management program's own script may define what its workers need: untouched.
    program = types.ModuleType("__main__")
    program.__file__ = "/srv/app/run.py"
    program.__spec__ = None
    monkeypatch.setitem(sys.modules, "__main__", program)

    CliRunner().invoke(main, ["--version"], standalone_mode=False)

    assert program.__spec__ is None
    assert spawn.get_preparation_data("worker")["init_main_from_path"] == "/srv/app/run.py"


def test_the_workers_server_starts_before_the_options_are_parsed(monkeypatch):
    """``docgen dossier`` and ``docgen batch -j N`` (N > 1, no cluster) start their workers' fork
    server from the command's first line, with the preload their workers need."""
    from docgen import cli
    from docgen.portfolio.batch.preload import PRELOAD as BATCH
    from docgen.render import workers
    from docgen.render.workers import PRELOAD as LAYOUT

    started = []
    monkeypatch.setattr(workers, "start_fork_server", started.append)
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    for args, expected in [
        (["dossier", "examples/fr-b2b", "--as-of", "2026-10-15"], LAYOUT),
        (["batch", "cases/", "-j", "2", "-o", "out"], BATCH),
        (["batch", "cases/", "-j2"], BATCH),
        (["batch", "cases/", "--jobs=3"], BATCH),
        (["batch", "cases/", "--jobs", "1"], None),
        (["batch", "cases/"], None),                                  # -j 1 by default
        (["batch", "cases/", "-j", "2", "--scheduler", "tcp://h:8786"], None),
        (["batch", "cases/", "-j", "x"], None),
        (["dossier", "--help"], None),
        (["agenda", "cases/", "-j", "2"], None),                     # forked workers, no server
    ]:
        started.clear()
        cli._start_workers_early(args)
        assert started == ([expected] if expected else []), args
    assert "docgen.portfolio.batch.pool" in BATCH and set(LAYOUT) <= set(BATCH)
