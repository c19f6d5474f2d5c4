"""Reading a case file from disk into plain data, refusing anything surprising.

YAML is read with a restricted safe loader: no anchors/aliases (a case file never needs
them and they allow "billion laughs" inputs), duplicate keys are an error (the second
would silently win), and dates stay strings so the model reports a bad date with its path.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from ..errors import CaseValidationError, Problem

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
            return json.loads(text)
        return yaml.load(text, Loader=_CaseLoader)  # noqa: S506 - restricted SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        raise CaseValidationError([Problem("", f"not valid YAML at {where}: {exc.problem or exc.context}")])
    except yaml.YAMLError as exc:
        raise CaseValidationError([Problem("", f"not valid YAML: {exc}")])
    except json.JSONDecodeError as exc:
        raise CaseValidationError([Problem("", f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")])
    except RecursionError:
        raise CaseValidationError([Problem("", "the file is nested too deeply to be a case file")])
    except Exception as exc:  # noqa: BLE001 - a parser fed untrusted text: any failure is "unreadable"
        # e.g. an integer of more than 4300 digits (ValueError), or an explicit tag (!!int x).
        raise CaseValidationError([Problem("", f"a value in the file cannot be read: {str(exc)[:200]}")])


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
    if b"\x00" in raw:
        raise CaseValidationError([Problem("", "this is a binary file, not a YAML or JSON case file")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseValidationError([Problem("", f"the file is not UTF-8 text (byte {exc.start})")])
    return parse_text(text, json_only=path.suffix.lower() == ".json")
