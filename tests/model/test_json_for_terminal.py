"""json_for_terminal looks only at DEL and non-ASCII characters (for speed): it must give exactly
what examining every character gives."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.model.text import _LINE_BREAKS, _json_escape, _unsafe, json_for_terminal


def _every_character(text: str) -> str:
    return "".join(_json_escape(ch) if _unsafe(ch) and ch not in _LINE_BREAKS else ch for ch in text)


@settings(max_examples=300)
@given(st.recursive(st.text() | st.integers() | st.none(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=12))
def test_same_as_examining_every_character(value):
    for indent in (None, 2):
        text = json.dumps(value, ensure_ascii=False, indent=indent)
        assert json_for_terminal(text) == _every_character(text)


def test_unsafe_characters_are_escaped_and_the_json_still_reads_the_same():
    value = {"name": "Dupont\u202e gnp.exe\x7f\u2028 é € \ud800"}
    text = json_for_terminal(json.dumps(value, ensure_ascii=False))
    assert "\u202e" not in text and "\x7f" not in text and "\u2028" not in text and "é €" in text
    assert json.loads(text) == value
