"""The on-disk cache of compiled templates (docgen/render/template_cache.py): the same output,
no compilation on a hit, an edited template compiled again, and never an error of its own."""
from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest
from callcount import count_calls

from docgen.render import jinja
from docgen.render.sandbox import BoundedSandbox
from docgen.model.cache import CACHE_ENV
from docgen.render.template_cache import QuietBytecodeCache, bytecode_cache


@pytest.fixture
def fresh_environments():
    """environment() is cached per process: start and end each test without the cached ones."""
    jinja.environment.cache_clear()
    yield jinja.environment
    jinja.environment.cache_clear()


@pytest.fixture
def compiles(monkeypatch):
    """Counts the templates Jinja compiles from source."""
    return count_calls(monkeypatch, BoundedSandbox, "compile", record=lambda *args, **kwargs: 1)


def _roots(tmp_path: Path, text: str) -> tuple[Path, ...]:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "letter.html.j2").write_text(text, encoding="utf-8")
    return (folder,)


TEMPLATE = "{% for x in items %}<p>{{ x ~ '!' }} {{ name }}</p>{% endfor %}\n"


def test_a_hit_compiles_nothing_and_renders_the_same(tmp_path, monkeypatch, fresh_environments, compiles):
    roots = _roots(tmp_path, TEMPLATE)
    monkeypatch.setenv(CACHE_ENV, "")
    uncached = fresh_environments(roots).get_template("letter.html.j2").render(items=[1, 2], name="<b>")
    assert compiles == [1]

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    fresh_environments.cache_clear()
    first = fresh_environments(roots).get_template("letter.html.j2").render(items=[1, 2], name="<b>")
    assert len(compiles) == 2                                  # compiled, and stored
    stored = list((tmp_path / "cache").glob("templates-*/__jinja2_*.cache"))
    assert len(stored) == 1
    assert stat_mode(stored[0].parent) == 0o700

    fresh_environments.cache_clear()                           # as a new process would
    second = fresh_environments(roots).get_template("letter.html.j2").render(items=[1, 2], name="<b>")
    assert len(compiles) == 2                                  # nothing compiled: the stored code ran
    assert first == second == uncached == "<p>1! &lt;b&gt;</p><p>2! &lt;b&gt;</p>"


def test_the_sandbox_guards_hold_in_cached_code(tmp_path, monkeypatch, fresh_environments):
    from docgen.errors import DocgenError

    # ``~`` is guarded by code the sandbox's code generator writes into the compiled template
    roots = _roots(tmp_path, "{% set a = 'x' * 600000 %}{{ (a ~ a)|length }}")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    for _ in range(2):                                         # compiled, then from the cache
        fresh_environments.cache_clear()
        with pytest.raises(DocgenError, match="refused by the sandbox"):
            fresh_environments(roots).get_template("letter.html.j2").render()


def test_an_edited_template_is_compiled_again(tmp_path, monkeypatch, fresh_environments, compiles):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    roots = _roots(tmp_path, "before {{ name }}")
    assert fresh_environments(roots).get_template("letter.html.j2").render(name="A") == "before A"
    _roots(tmp_path, "after {{ name }}")
    fresh_environments.cache_clear()
    assert fresh_environments(roots).get_template("letter.html.j2").render(name="A") == "after A"
    assert len(compiles) == 2


def stat_mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


def test_no_cache_when_switched_off_or_unsafe(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "")
    assert bytecode_cache(BoundedSandbox, {}) is None
    (tmp_path / "a-file").write_text("x")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "a-file"))
    assert bytecode_cache(BoundedSandbox, {}) is None          # not a folder: compile as before
    shared = tmp_path / "shared"
    monkeypatch.setenv(CACHE_ENV, str(shared))
    cache = bytecode_cache(BoundedSandbox, {})
    assert cache is not None
    os.chmod(cache.directory, 0o777)                           # others could write code we would run
    assert bytecode_cache(BoundedSandbox, {}) is None
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    os.chmod(cache.directory, 0o700)
    folder = Path(cache.directory)
    folder.rmdir()
    folder.symlink_to(target)                                  # a link could point anywhere
    assert bytecode_cache(BoundedSandbox, {}) is None


def test_the_folder_changes_with_the_sandbox_source_and_options(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    source = tmp_path / "fake_sandbox.py"
    source.write_text("# version 1\n")
    module = types.ModuleType("fake_sandbox")
    module.__file__ = str(source)
    monkeypatch.setitem(sys.modules, "fake_sandbox", module)
    fake = type("FakeSandbox", (), {"__module__": "fake_sandbox"})
    first = bytecode_cache(fake, {"trim_blocks": True}).directory
    assert bytecode_cache(fake, {"trim_blocks": True}).directory == first
    assert bytecode_cache(fake, {"trim_blocks": False}).directory != first
    source.write_text("# version 2: another guard in the code generator\n")
    assert bytecode_cache(fake, {"trim_blocks": True}).directory != first


def test_a_failing_cache_is_only_a_miss(tmp_path, fresh_environments, compiles):
    roots = _roots(tmp_path, "ok {{ name }}")
    env = fresh_environments(roots)
    env.bytecode_cache = QuietBytecodeCache(str(tmp_path / "missing" / "folder"))   # cannot write there
    assert env.get_template("letter.html.j2").render(name="A") == "ok A"
    folder = tmp_path / "garbled"
    folder.mkdir()
    env = BoundedSandbox(loader=jinja.ConfinedLoader(roots), bytecode_cache=QuietBytecodeCache(str(folder)))
    env.get_template("letter.html.j2")
    for stored in folder.iterdir():
        stored.write_bytes(stored.read_bytes()[:40])          # truncated by a full disk
    env = BoundedSandbox(loader=jinja.ConfinedLoader(roots), bytecode_cache=QuietBytecodeCache(str(folder)))
    assert env.get_template("letter.html.j2").render(name="B") == "ok B"
    assert len(compiles) == 3
