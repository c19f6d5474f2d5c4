"""The cyclic garbage collector is paused while a dossier is built (docgen/gc_pause.py), and for
the whole ``docgen dossier`` command in its own process, never for a program that goes on.

Checked: the pause and its end; nested and overlapping pauses (threads) keep the collector off
until the last ends; a collector the caller turned off stays off; an exception ends the pause;
a dossier build runs paused and leaves the collector as it found it; the command turns the
collector off only when the process is the ``docgen`` command and the command is ``dossier``.
"""
from __future__ import annotations

import gc
import sys
import threading
import types
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen import cli
from docgen.gc_pause import collector_paused

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(autouse=True)
def _collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_the_collector_is_off_inside_and_back_on_after():
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_pauses_end_with_the_outermost():
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_overlapping_pauses_in_threads_end_with_the_last():
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with collector_paused():
            first_in.set()
            second_in.wait(5)
        seen["after first"] = gc.isenabled()
        first_out.set()

    def second():
        first_in.wait(5)
        with collector_paused():
            second_in.set()
            first_out.wait(5)
            seen["second, first ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"after first": False, "second, first ended": False}
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_an_exception_ends_the_pause():
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("inside")
    assert gc.isenabled()


def test_a_dossier_is_built_with_the_collector_paused(monkeypatch):
    from docgen import Matter
    from docgen.dossier import build

    seen = []
    real = build.piece_files

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(build, "piece_files", spy)
    matter = Matter.load(EXAMPLES / "fr-b2b", date(2026, 10, 15), accept_unconfirmed=True)
    matter.dossier("injonction_de_payer")
    assert seen == [False]
    assert gc.isenabled()


def _as_main(monkeypatch, name: str | None) -> None:
    module = types.ModuleType("__main__")
    module.__spec__ = types.SimpleNamespace(name=name) if name else None
    monkeypatch.setitem(sys.modules, "__main__", module)


@pytest.mark.parametrize("main_module, args, turned_off", [
    ("docgen.__main__", ["dossier", "--help"], True),          # the docgen command, a dossier
    ("docgen.__main__", ["validate", "--help"], False),        # another command
    (None, ["dossier", "--help"], False),                      # a program calling main
    ("pytest.__main__", ["dossier", "--help"], False),
])
def test_the_dossier_command_turns_the_collector_off_in_its_own_process(monkeypatch, main_module, args,
                                                                        turned_off):
    _as_main(monkeypatch, main_module)
    CliRunner().invoke(cli.main, args)
    assert gc.isenabled() is not turned_off
