"""The stamp fonts' subsets, kept in the private cache folder (dossier/stamp_font.py): the very
same program as a fresh subset, no subsetting on a hit, a damaged entry made again."""
from __future__ import annotations

import pytest
from callcount import count_calls

from docgen.dossier import stamp_font
from docgen.dossier.stamps import Painter
from docgen.model.cache import CACHE_ENV


@pytest.fixture
def subsets(monkeypatch):
    return count_calls(monkeypatch, stamp_font, "_subset", record=lambda source, file_name: file_name)


def _fresh(name: str) -> stamp_font.FontProgram:
    stamp_font.font_program.cache_clear()
    return stamp_font.font_program(name)


def test_the_cached_subset_is_the_fresh_one_and_is_not_made_again(tmp_path, monkeypatch, subsets):
    names = sorted(set(Painter.FONTS.values()))
    monkeypatch.setenv(CACHE_ENV, "")
    fresh = [_fresh(n) for n in names]
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    stored = [_fresh(n) for n in names]
    cached = [_fresh(n) for n in names]
    assert subsets == names + names                 # without the cache, then to fill it; not on a hit
    assert fresh == stored == cached
    assert all(p.data.startswith(b"\x00\x01\x00\x00") and len(p.widths) == 224 for p in cached)
    stamp_font.font_program.cache_clear()


def test_a_damaged_entry_is_subset_again(tmp_path, monkeypatch, subsets):
    name = sorted(set(Painter.FONTS.values()))[0]
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    good = _fresh(name)
    entries = list(tmp_path.rglob("*.pickle"))
    assert len(entries) == 1
    entries[0].write_bytes(b"not a pickle")
    assert _fresh(name) == good
    assert subsets == [name, name]
    assert _fresh(name) == good and subsets == [name, name]     # written again, read back
    stamp_font.font_program.cache_clear()
