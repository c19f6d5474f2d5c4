"""Reading a case file from disk into plain data, refusing anything surprising.

YAML is read with a restricted safe loader: no anchors/aliases (a case file never needs
them and they allow "billion laughs" inputs), duplicate keys are an error (the second
would silently win), and dates stay strings so the model reports a bad date with its path.

PyYAML's own parser is pure Python and takes milliseconds per file, which an agenda over a
thousand cases feels; so ``read_case_file`` first reads YAML with libyaml's C parser under the
same rules (``fast_parse_yaml``). Whatever is not plain there (an alias, an explicit tag, a
merge key, a key that is not text or comes twice, deep nesting, a second document, a tab, any
error) makes it decline, and the strict reader (``parse_text``) then gives its usual data or
message. The fast path only ever accepts what the strict reader reads to the same data
(tests/model/test_reading_fast.py compares both).
"""
from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import CaseValidationError, DocgenError, LegalDataError, Problem
from .cache import code_print, remembered

MAX_CASE_FILE_BYTES = 5 * 1024 * 1024
CASE_FILE_NAMES = ("case.yaml", "case.yml", "case.json")


class _CaseLoader(yaml.SafeLoader):
    pass


# Keep timestamps as text: the model parses them and reports errors with a field path.
_CaseLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _compose_alias(self, anchor):  # noqa: ANN001 - PyYAML hook signature
    mark = self.peek_event().start_mark
    raise yaml.MarkedYAMLError(None, None, "anchors and aliases (*name) are not allowed in a case file", mark)


def _construct_mapping(loader: _CaseLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise yaml.MarkedYAMLError(None, None, f"keys must be text, found {key!r}", key_node.start_mark)
        if key in seen:
            raise yaml.MarkedYAMLError(None, None, f"duplicate key '{key}'", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


def _compose_node_no_alias(self, parent, index):  # noqa: ANN001
    if self.check_event(yaml.AliasEvent):
        _compose_alias(self, None)
    return yaml.composer.Composer.compose_node(self, parent, index)


_CaseLoader.compose_node = _compose_node_no_alias  # type: ignore[method-assign]
_CaseLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# An explicit "!!timestamp" stays text too (PyYAML would build a datetime, or crash on a bad one).
_CaseLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


class _DatedLoader(yaml.SafeLoader):
    """docgen's legal-data files and the overlays a user gives with ``--data``: the case reader's
    guards (no anchors/aliases, duplicate keys refused) but YAML dates kept as dates, since a
    legal table is keyed by the start dates of its values."""


def _construct_dated_mapping(loader: _DatedLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            shown = key.isoformat() if isinstance(key, date) else repr(key)
            raise LegalDataError(f"duplicate key {shown} (line {key_node.start_mark.line + 1})")
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_DatedLoader.compose_node = _compose_node_no_alias  # type: ignore[method-assign]
_DatedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_dated_mapping)


if hasattr(yaml, "CSafeLoader"):
    class _BundledLoader(yaml.CSafeLoader):  # type: ignore[misc, name-defined]
        """docgen's own legal-data files on libyaml's C parser: the same constructors and the same
        duplicate-key refusal, about seven times faster (the French court tables alone took half a
        second to read in pure Python, in every ``docgen dossier`` run). Only for the files docgen
        ships: libyaml's composer recurses in C, so a hostile, deeply nested overlay goes to the
        pure-Python ``_DatedLoader``."""

    _BundledLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_dated_mapping)
else:  # pragma: no cover - PyYAML built without libyaml
    _BundledLoader = _DatedLoader


def load_dated_yaml(text: str, *, bundled: bool = False) -> Any:
    """The data of a legal-data YAML text (``_DatedLoader``); PyYAML's errors, or LegalDataError
    for a key given twice (a semester typed twice would hide a missing one). ``bundled``: a file
    shipped in ``docgen/data`` (trusted, read on the fast C parser, kept parsed in the cache)."""
    if bundled:
        return _load_bundled(text)
    return yaml.load(text, Loader=_DatedLoader)  # noqa: S506 - restricted SafeLoader


def _load_bundled(text: str) -> Any:
    """docgen's own data files, parsed once per version of the file: even on libyaml, building
    the objects of the French court tables takes about 45 ms in every cold process, and reading
    them back pickled about 2. Keyed by the text's SHA-256, in a cache subfolder named after
    PyYAML's and Python's versions and this module's source (its constructors shape the data).
    Only what parsed without error is kept, so a defect is reported every time."""
    return remembered("legal-data", _parser_print(), f"{hashlib.sha256(text.encode('utf-8')).hexdigest()}.pickle",
                      lambda: yaml.load(text, Loader=_BundledLoader))  # noqa: S506 - restricted SafeLoader


@cache
def _parser_print() -> str:
    return code_print(__file__, yaml.__version__, getattr(yaml, "__with_libyaml__", False))


def find_case_file(path: Path) -> Path:
    """A case may be named by its file or by its folder (then case.yaml inside)."""
    try:
        if path.is_dir():
            for name in CASE_FILE_NAMES:
                if (path / name).is_file():
                    return path / name
            raise CaseValidationError([Problem("", f"no {' / '.join(CASE_FILE_NAMES)} in folder {path}")])
    except (OSError, ValueError) as exc:  # name too long, no permission, NUL byte ...
        raise CaseValidationError([Problem("", f"cannot open {str(path)[:200]!r}: {_reason(exc)}")])
    return path


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or str(exc)


def parse_text(text: str, *, json_only: bool = False) -> Any:
    try:
        if json_only:
            return _parse_json(text)
        return yaml.load(text, Loader=_CaseLoader)  # noqa: S506 - restricted SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        raise CaseValidationError([Problem("", f"not valid YAML at {where}: {exc.problem or exc.context}")])
    except yaml.YAMLError as exc:
        raise CaseValidationError([Problem("", f"not valid YAML: {exc}")])
    except CaseValidationError:
        raise
    except json.JSONDecodeError as exc:
        raise CaseValidationError([Problem("", f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")])
    except RecursionError:
        raise CaseValidationError([Problem("", "the file is nested too deeply to be a case file")])
    except Exception as exc:  # noqa: BLE001 - a parser fed untrusted text: any failure is "unreadable"
        # e.g. an integer of more than 4300 digits (ValueError), or an explicit tag (!!int x).
        raise CaseValidationError([Problem("", f"a value in the file cannot be read: {str(exc)[:200]}")])


class _JsonObject(dict):
    """A JSON object that held a key twice (json.loads would keep the last one silently)."""

    duplicates: tuple[str, ...] = ()


def _json_object(pairs: list[tuple[str, Any]]) -> dict:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: set[str] = set()
    marked = _JsonObject(pairs)
    marked.duplicates = tuple(dict.fromkeys(k for k, _ in pairs if k in seen or seen.add(k)))
    return marked


def _parse_json(text: str) -> Any:
    """JSON data, or CaseValidationError naming (with its field path) every key written twice."""
    marked: list[bool] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict:
        obj = _json_object(pairs)
        if type(obj) is _JsonObject:
            marked.append(True)
        return obj

    data = json.loads(text, object_pairs_hook=hook)
    if not marked:
        return data
    problems, stack = [], [(data, "")]
    # Iterative: a deeply nested file must not exhaust the stack here.
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for key in getattr(node, "duplicates", ()):
                problems.append(Problem(f"{path}.{key}" if path else key,
                                        "this key appears more than once in the same object (the last one would "
                                        "silently win): keep one"))
            stack.extend((v, f"{path}.{k}" if path else k) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(node))
    if problems:
        raise CaseValidationError(sorted(problems, key=lambda p: p.path))
    return data


def read_case_file(path: Path) -> Any:
    """Raw data of a case file; every failure is a CaseValidationError, never a traceback."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise CaseValidationError([Problem("", f"{path} is not a file")])
        if size > MAX_CASE_FILE_BYTES:
            raise CaseValidationError([Problem("", f"the case file is {size} bytes; the limit is {MAX_CASE_FILE_BYTES}")])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CaseValidationError([Problem("", f"no such file: {path}")])
    except (OSError, ValueError) as exc:
        raise CaseValidationError([Problem("", f"cannot read {str(path)[:200]!r}: {_reason(exc)}")])
    return parse_bytes(raw, json_only=path.suffix.lower() == ".json")


def read_yaml_file(path: Path, what: str, error: type[DocgenError] = DocgenError) -> Any:
    """Raw data of any YAML file a user gives docgen (policy, creditor, column mapping), read
    with the same guards as a case file (size, aliases, duplicate keys, nesting, huge numbers);
    every failure is ``error`` naming ``what`` and the file."""
    try:
        return read_case_file(Path(path))
    except CaseValidationError as exc:
        reason = "; ".join(p.message for p in exc.problems) or exc.message
        reason = reason.replace(" to be a case file", "").replace("a case file", "this file")
        raise error(f"cannot read the {what} {path}: {reason}") from None


def parse_bytes(raw: bytes, *, json_only: bool = False) -> Any:
    """What ``read_case_file`` gives for a file holding ``raw``, for a caller that read it already."""
    if len(raw) > MAX_CASE_FILE_BYTES:
        raise CaseValidationError([Problem("", f"the case file is {len(raw)} bytes; the limit is {MAX_CASE_FILE_BYTES}")])
    if b"\x00" in raw:
        raise CaseValidationError([Problem("", "this is a binary file, not a YAML or JSON case file")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseValidationError([Problem("", f"the file is not UTF-8 text (byte {exc.start})")])
    return parse_case_text(text, json_only=json_only)


def parse_case_text(text: str, *, json_only: bool = False) -> Any:
    """``parse_text``'s data and errors, through libyaml's fast path whenever it can."""
    if json_only:
        return parse_text(text, json_only=True)
    try:
        return fast_parse_yaml(text)
    except Exception:  # noqa: BLE001 - declined, or anything unusual: the strict reader decides
        return parse_text(text)


# --- the fast path ---------------------------------------------------------------------------

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
                          "tag:yaml.org,2002:null"})
# A case file nests about five levels. Far below the depth at which the strict reader runs out
# of recursion, so that both always agree; deeper files go to the strict reader.
_MAX_DEPTH = 64
_KEY = object()           # an open mapping waiting for its next key
_BLOCK_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*#")

_CBase = getattr(yaml, "CSafeLoader", None)


class _NotPlain(Exception):
    """The fast path declines; the strict reader decides."""


if _CBase is not None:
    class _FastLoader(_CBase):  # type: ignore[misc, valid-type]
        pass

    # Same implicit resolvers as the strict reader: dates stay text.
    _FastLoader.yaml_implicit_resolvers = _CaseLoader.yaml_implicit_resolvers
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = None

# The tag of a plain scalar depends on its text alone (no path resolvers here), and keys and
# enum values repeat in every file: each distinct text is resolved once.
_RESOLVED: dict[str, str] = {}


def fast_parse_yaml(text: str) -> Any:
    """The data the strict reader gives for ``text``; _NotPlain (or any error) when unsure.

    libyaml's events are assembled here without recursion: its own composer recurses in C
    and would crash the process on a deeply nested file instead of raising.
    """
    if _FastLoader is None:
        raise _NotPlain("no libyaml")
    # The two parsers disagree on these: PyYAML refuses a tab between tokens (even after the
    # last value of a line), libyaml skips a byte-order mark at the start of any line.
    if "\t" in text or "\ufeff" in text or "?" in text or _BLOCK_HEADER_COMMENT.search(text):
        raise _NotPlain("a construct the parsers read differently")
    loader = _FastLoader(text)
    try:
        return _assemble(loader)
    finally:
        loader.dispose()


def _assemble(loader: Any) -> Any:
    get = loader.get_event
    if type(get()) is not yaml.StreamStartEvent:
        raise _NotPlain("stream")
    event = get()
    if type(event) is yaml.StreamEndEvent:
        return None
    if type(event) is not yaml.DocumentStartEvent:
        raise _NotPlain("document")
    # Names bound once: this loop runs for every event of every case file of a portfolio.
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end, document_end = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.DocumentEndEvent
    resolved, key_wanted, text_tag = _RESOLVED, _KEY, _STR
    open_: list[list] = []          # [collection, key awaiting its value, or _KEY] per open collection
    top: list | None = None         # open_[-1]
    root = None
    while True:
        event = get()
        kind = type(event)
        if kind is scalar_event:
            value = event.value
            if event.tag is not None or not event.implicit[0] or resolved.get(value) != text_tag:
                tag, value = _scalar(loader, event)     # quoted, tagged, or not plain text
            else:
                tag = text_tag                          # plain text, its resolution known
            if top is not None and top[1] is key_wanted:
                if tag != text_tag or value in top[0]:
                    raise _NotPlain("key")
                top[1] = value
                continue
        elif kind is mapping_start or kind is sequence_start:
            if event.tag is not None:
                raise _NotPlain(event.tag)
            if (top is not None and top[1] is key_wanted) or len(open_) >= _MAX_DEPTH:
                raise _NotPlain("collection as a key, or too deep")
            top = [{}, key_wanted] if kind is mapping_start else [[], None]
            open_.append(top)
            continue
        elif kind is mapping_end or kind is sequence_end:
            value = open_.pop()[0]
            top = open_[-1] if open_ else None
        elif kind is document_end:
            break
        else:
            raise _NotPlain(kind.__name__)          # an alias
        if top is None:
            root = value
        elif top[1] is None:
            top[0].append(value)
        else:
            top[0][top[1]] = value
            top[1] = key_wanted
    if type(get()) is not yaml.StreamEndEvent:
        raise _NotPlain("more than one document")
    return root


def _scalar(loader: Any, event: Any) -> tuple[str, Any]:
    """The tag and value the strict reader's composer and constructor give a scalar."""
    if event.tag is not None:
        # libyaml and PyYAML resolve an explicitly tagged empty node differently, and a case
        # file needs no tag: the strict reader decides.
        raise _NotPlain(event.tag)
    if not event.implicit[0]:
        return _STR, event.value
    tag = _RESOLVED.get(event.value)
    if tag is None:
        if len(_RESOLVED) > 50_000:
            _RESOLVED.clear()
        tag = _RESOLVED[event.value] = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == _STR:
        return tag, event.value
    if tag not in _SCALAR_TAGS:
        raise _NotPlain(tag)
    return tag, loader.yaml_constructors[tag](loader, yaml.ScalarNode(tag, event.value))
