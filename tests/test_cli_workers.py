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
