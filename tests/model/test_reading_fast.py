"""read_case_file's fast YAML path (libyaml) gives exactly what the strict reader gives, or defers to it."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.errors import CaseValidationError
from docgen.model.reading import fast_parse_yaml, parse_text, read_case_file
from docgen.portfolio.synthetic import make_portfolio

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = ("fr-b2b", "fr-b2c", "be-b2b", "be-b2c")
FUZZ = settings(max_examples=int(os.environ.get("DOCGEN_FUZZ_EXAMPLES", "300")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

TRICKY = [
    "a: 1\nb: 1.5\nc: true\nd: yes\ne: ~\nf: 2024-02-30\ng: '2024-01-01'\nh: 0o17\ni: .inf\nj: 1_000\n",
    "a: &x {b: 1}\nc: *x\n",                   # aliases: refused by docgen's reader
    "a: 1\na: 2\n",                            # duplicate keys
    "<<: {a: 1}\nb: 2\n",                      # merge key
    "a: !!timestamp 2024-01-01\n",             # explicit tag
    "1: one\n",                                # non-text key
    "a: [1, 2, {b: c}]\n- oops\n",             # syntax error
    "",                                        # empty
    "just text\n",
    "a: !!binary aGVsbG8=\n",
    "\ufeffa: 1\n",
]
MORE_TRICKY = [
    "a: &x 1\nb: 2\n",                         # an anchor nobody refers to: accepted by both
    "!!str 1: a\nb: !!str 2\nc: !!int 3\nd: ! 4\ne: ! '5'\nf: !!float 1\n",
    "a: !!int abc\n",                          # an explicit tag the constructor refuses
    "a: !!bool maybe\n",
    "a: !local x\n",
    "a: !!map {b: 1}\nc: !!seq [1]\nd: !!set {e}\n",
    "a: =\n",                                  # the YAML 1.1 value key
    "? [a]\n: b\n",                            # a collection as a key
    "? a\n",
    "a:\n- 1\n- - 2\n  - {b: [c, {d: e}]}\n",
    "a: 1\n---\nb: 2\n",                       # two documents
    "--- 1\n...\n",
    "%YAML 1.1\n---\na: 1\n",
    "a: |\n  line 1\n   line 2\n\nb: >-\n  folded\n  text\n",
    "a: \"\\u00e9\\t\\x41\\ud800\"\n",
    "a: 'it''s'\nb: \"quote \\\" here\"\n",
    "a: b\u2028c\nd: e\x85f\n",
    "a: " + "9" * 5000 + "\n",
    "a: " + "[" * 70 + "]" * 70 + "\n",        # deeper than the fast path goes
    "a: " + "[" * 60 + "]" * 60 + "\n",
    "a:\n" + "".join("  " * i + "- \n" for i in range(1, 80)),
    "a: [b, c\n",
    "\ta: 1\n",
    "a: 1 # comment\n# only a comment\n",
    "# nothing but a comment\n",
]


def _strict(text: str):
    """The strict reader's outcome: its data, or the text of its problems."""
    try:
        return "data", repr(parse_text(text))
    except CaseValidationError as exc:
        return "error", [str(p) for p in exc.problems]


def _read(path: Path):
    try:
        return "data", repr(read_case_file(path))
    except CaseValidationError as exc:
        return "error", [str(p) for p in exc.problems]


@pytest.mark.parametrize("text", TRICKY + MORE_TRICKY)
def test_same_data_or_same_error(tmp_path, text):
    path = tmp_path / "case.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        expected = parse_text(text.lstrip("\ufeff"))
    except CaseValidationError as exc:
        with pytest.raises(CaseValidationError) as got:
            read_case_file(path)
        assert [str(p) for p in got.value.problems] == [str(p) for p in exc.problems]
        return
    assert read_case_file(path) == expected


def test_examples_and_synthetic_cases(tmp_path):
    make_portfolio(tmp_path, 16, date(2026, 10, 15))
    paths = [EXAMPLES / n / "case.yaml" for n in NAMES] + sorted(tmp_path.rglob("case.yaml"))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert read_case_file(path) == parse_text(text)
        # Real case files take the fast path (else it would be slow for nothing).
        assert fast_parse_yaml(text) == parse_text(text)


def test_deep_nesting_never_crashes_the_process(tmp_path):
    """libyaml's own composer recurses in C: a deeply nested file would kill the process."""
    path = tmp_path / "case.yaml"
    path.write_text("a: " + "[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")
    code = ("import sys; from pathlib import Path; from docgen.model.reading import read_case_file\n"
            "from docgen.errors import CaseValidationError\n"
            f"try:\n    read_case_file(Path({str(path)!r}))\nexcept CaseValidationError as exc:\n"
            "    print(exc.problems[0].message)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip()


# Pieces of YAML syntax, so that generated texts reach the parser's corners, not only its errors.
_PIECES = ["a", "b", "1", "-1", "1.5", ".inf", ".nan", "0x1F", "0o7", "1_000", "yes", "No", "null", "~", "",
           "2024-01-01", ": ", ":", " ", "  ", "\n", "\r\n", "\t", "- ", "-", "? ", "[", "]", "{", "}", ", ",
           "&x ", "*x", "!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!map ", "!!seq ", "! ", "!x ",
           "<<", "=", "'", '"', "\\", "#", "|", ">", "---", "...", "%YAML 1.1\n", "é", "\u2028", "\x85",
           "\ufeff", "€"]
yaml_like = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
json_like = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
                         lambda children: st.lists(children, max_size=4)
                         | st.dictionaries(st.text(max_size=6), children, max_size=4), max_leaves=20)


def _same_outcome(tmp_path: Path, text: str) -> None:
    path = tmp_path / "case.yaml"
    raw = text.encode("utf-8", "surrogatepass")
    path.write_bytes(raw)
    try:
        expected = _strict(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return                                  # not UTF-8: refused before any parsing
    if b"\x00" not in raw:                      # (a binary file is refused before parsing too)
        assert _read(path) == expected


@FUZZ
@given(text=yaml_like | st.text(max_size=200) | st.builds(yaml.safe_dump, json_like)
       | st.builds(lambda d: yaml.safe_dump(d, default_flow_style=True), json_like))
def test_any_text_gives_what_the_strict_reader_gives(text, tmp_path):
    _same_outcome(tmp_path, text)


@FUZZ
@given(data=st.data())
def test_an_example_with_a_few_pieces_inserted(data, tmp_path):
    text = (EXAMPLES / data.draw(st.sampled_from(NAMES)) / "case.yaml").read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.sampled_from(_PIECES)) + text[at:]
    _same_outcome(tmp_path, text)
