"""docgen's own legal-data files, kept parsed in the private cache folder (model/reading.py,
model/cache.py): the very same data, no parsing on a hit, defects reported every time."""
from __future__ import annotations

from datetime import date
from importlib.resources import files

import pytest
import yaml
from callcount import count_calls

from docgen.errors import LegalDataError
from docgen.model.cache import CACHE_ENV, cache_root
from docgen.model.reading import load_dated_yaml


@pytest.fixture
def parses(monkeypatch):
    return count_calls(monkeypatch, yaml, "load")


def _same(a, b) -> bool:
    """Equal, and of the same types all the way down (1 == 1.0 == True would hide a change)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) and type(k) is type(k2)
                                          for k, k2 in zip(a, b))
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def _bundled_texts() -> list[tuple[str, str]]:
    root = files("docgen") / "data"
    out = []
    for folder in (root, root / "courts", root / "routes"):
        out += [(item.name, item.read_text(encoding="utf-8")) for item in folder.iterdir()
                if item.name.endswith(".yaml")]
    return out


def test_every_bundled_file_reads_back_the_same_data(tmp_path, monkeypatch, parses):
    texts = _bundled_texts()
    assert len(texts) > 40
    monkeypatch.setenv(CACHE_ENV, "")
    fresh = [load_dated_yaml(text, bundled=True) for _, text in texts]
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    stored = [load_dated_yaml(text, bundled=True) for _, text in texts]
    assert len(parses) == 2 * len(texts)
    cached = [load_dated_yaml(text, bundled=True) for _, text in texts]
    assert len(parses) == 2 * len(texts)                       # every one read back, none parsed
    for (name, _), a, b, c in zip(texts, fresh, stored, cached):
        assert _same(a, b) and _same(a, c), name
    assert len(list(tmp_path.glob("legal-data-*/*.pickle"))) == len({t for _, t in texts})


def test_a_defect_is_reported_every_time(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    for _ in range(2):
        with pytest.raises(LegalDataError, match="duplicate key 2026-01-01"):
            load_dated_yaml("values:\n  2026-01-01: 1\n  2026-01-01: 2\n", bundled=True)
    assert not list(tmp_path.glob("legal-data-*/*.pickle"))


def test_a_damaged_entry_is_parsed_again(tmp_path, monkeypatch, parses):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    text = "values:\n  2026-01-01: {value: '3.5', source: x}\n"
    expected = {"values": {date(2026, 1, 1): {"value": "3.5", "source": "x"}}}
    assert load_dated_yaml(text, bundled=True) == expected
    (entry,) = tmp_path.glob("legal-data-*/*.pickle")
    entry.write_bytes(entry.read_bytes()[:10])                 # a disk that filled up mid-write
    assert load_dated_yaml(text, bundled=True) == expected
    assert load_dated_yaml(text, bundled=True) == expected
    assert len(parses) == 2                                    # parsed again once, then read back


def test_overlays_from_users_are_never_cached(tmp_path, monkeypatch, parses):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    for _ in range(2):
        load_dated_yaml("values:\n  2026-01-01: {value: '1'}\n")
    assert len(parses) == 2 and not list(tmp_path.glob("legal-data-*/*"))


def test_where_the_cache_lives(tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "docgen"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")      # ignored, as the XDG spec says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_root() == tmp_path / "home" / ".cache" / "docgen"
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "mine"))
    assert cache_root() == tmp_path / "mine"
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_root() is None
