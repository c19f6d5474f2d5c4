"""Editing a case file's text in place: an item appended to ``events`` or ``payments``, a list
extended, a top-level mapping (``insolvency``) added or replaced, every other byte, comment and
layout kept (``docgen record``, ``docgen import`` of e-invoices, ``docgen insolvency scan``).

YAML: the file is parsed round-trip with ruamel.yaml (only to find where things are; the text was
read by the hardened reader first) and the new lines are spliced into the original text; JSON:
re-dumped with the file's own indentation. Nothing here validates or writes: ``record`` does.
"""
from __future__ import annotations

import io
import json
import re
from datetime import date
from typing import Any

from ..errors import CaseValidationError, DocgenError
from ..model.reading import parse_case_text

_ORDER = ("schema_version", "reference", "jurisdiction", "language", "relationship", "currency",
          "interest_day_count", "imputation", "creditor", "debtor", "contract", "invoices", "credit_notes",
          "payments", "events", "exhibits", "payment_plan", "procedure")
_FIELDS = ("type", "date", "channel", "tracking_number", "proof", "fee", "note")
_PAYMENT_FIELDS = ("date", "amount", "method", "invoice", "reference")
FIELDS = {"events": _FIELDS, "payments": _PAYMENT_FIELDS}


def plain(event: dict) -> dict:
    """The event as docgen's reader returns it (dates stay text)."""
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in event.items()}


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escaping is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _yaml_value(key: str, value: Any) -> str:
    if key == "date":
        return value.isoformat()
    if key in ("type", "channel", "method"):
        return value
    return _q(str(value))


# --- YAML ---------------------------------------------------------------------------------------

def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _item_text(event: dict, flow: bool, dash_col: int, item_indent: int, nl: str, fields: tuple[str, ...]) -> str:
    pairs = [(k, _yaml_value(k, event[k])) for k in fields if k in event]
    if flow:
        body = ", ".join(f"{k}: {v}" for k, v in pairs)
        return f"{' ' * dash_col}- {{{body}}}{nl}"
    lines = [f"{' ' * dash_col}- {pairs[0][0]}: {pairs[0][1]}"]
    lines += [f"{' ' * item_indent}{k}: {v}" for k, v in pairs[1:]]
    return nl.join(lines) + nl


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _splice_yaml(text: str, event: dict, key: str = "events") -> str | None:
    """The file with the item appended to ``key`` (events or payments), every other byte
    unchanged; None when the file's shape is not one this knows how to extend (the caller
    falls back)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    rt = YAML(typ="rt")
    doc = rt.load(text)
    if not isinstance(doc, CommentedMap):
        return None
    nl = _newline(text)
    fields = FIELDS[key]
    lines = text.splitlines(keepends=True)
    keys = list(doc.keys())
    events = doc.get(key)
    if isinstance(events, CommentedSeq) and len(events) > 0 and not events.fa.flow_style():
        last = events[-1]
        dash_line, item_col = events.lc.item(len(events) - 1)
        dash_col = lines[dash_line].rfind("-", 0, item_col + 1) if dash_line < len(lines) else -1
        if dash_col < 0 or lines[dash_line][:dash_col].strip():
            return None
        flow = isinstance(last, CommentedMap) and last.fa.flow_style()
        item_indent = dash_col + 2
        if isinstance(last, CommentedMap) and not flow and len(last) > 0:
            first_key = next(iter(last))
            item_indent = last.lc.key(first_key)[1]
        # The events block ends before the next top-level key; the new item goes right after
        # its last content line, so that comments about what follows stay where they are.
        index = keys.index(key)
        stop = doc.lc.key(keys[index + 1])[0] if index + 1 < len(keys) else len(lines)
        end = dash_line
        for n in range(dash_line, stop):
            if _is_content(lines[n]):
                end = n
        if not lines[end].endswith(("\n", "\r")):
            lines[end] += nl
        lines.insert(end + 1, _item_text(event, flow, dash_col, item_indent, nl, fields))
        return "".join(lines)
    if key in doc and (events is None or (isinstance(events, CommentedSeq) and len(events) == 0)):
        line_no = doc.lc.key(key)[0]
        line = lines[line_no]
        if not re.match(rf"^{key}:\s*(\[\s*\])?\s*(#.*)?$", line.rstrip("\r\n")):
            return None
        lines[line_no] = f"{key}:" + nl + _item_text(event, True, 2, 4, nl, fields)
        return "".join(lines)
    if key in doc:
        return None
    # No events yet: a new block before the first key that follows it in the format's order.
    later = [k for k in keys if k in _ORDER and _ORDER.index(k) > _ORDER.index(key)]
    block = f"{key}:" + nl + _item_text(event, True, 2, 4, nl, fields)
    if later:
        at = doc.lc.key(later[0])[0]
        while at > 0 and lines[at - 1].lstrip().startswith("#"):
            at -= 1                                   # keep a key's comment above it
        lines.insert(at, block + nl)
        return "".join(lines)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += nl
    return "".join(lines) + (nl if lines and lines[-1].strip() else "") + block


def _roundtrip_yaml(text: str, event: dict, key: str = "events") -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096
    rt.indent(mapping=2, sequence=4, offset=2)
    doc = rt.load(text)
    item = CommentedMap((k, event[k]) for k in FIELDS[key] if k in event)
    item.fa.set_flow_style()
    if doc.get(key) is None:
        doc[key] = CommentedSeq()
    doc[key].append(item)
    out = io.StringIO()
    rt.dump(doc, out)
    return out.getvalue()


def extend_lists(text: str, blocks: dict[str, str]) -> str:
    """``text`` (a case file) with the list under each key of ``blocks`` extended by the items of
    ``blocks[key]`` (a YAML block ``key:`` then its items), comments and every other line kept
    (ruamel round trip): the e-invoice import completing a case already in the portfolio."""
    from ruamel.yaml import YAML

    rt = YAML(typ="rt")
    rt.width = 4096
    rt.indent(mapping=2, sequence=4, offset=2)
    doc = rt.load(text)
    for key, block in blocks.items():
        if doc.get(key) is None:
            doc[key] = []
        doc[key].extend(rt.load(block)[key])
    out = io.StringIO()
    rt.dump(doc, out)
    return out.getvalue()


def yaml_text(text: str, item: dict, expected: dict, key: str) -> str:
    for attempt in (_splice_yaml, _roundtrip_yaml):
        try:
            candidate = attempt(text, item, key)
        except Exception:  # noqa: BLE001 - ruamel refusing the file: try the next way
            candidate = None
        if candidate is not None:
            try:
                if parse_case_text(candidate) == expected:
                    return candidate
            except CaseValidationError:
                pass
    raise DocgenError(f"the {'event' if key == 'events' else 'payment'} could not be added to this YAML file "
                      "without changing other data; add it by hand")


def json_text(text: str, old: dict, item: dict, key: str) -> str:
    indent = 2
    match = re.search(r"\n([ \t]+)\"", text)
    if match:
        indent = len(match.group(1).expandtabs(4)) or 2
    if key in old:
        data = {k: v for k, v in old.items()}
        data[key] = list(old.get(key) or []) + [plain(item)]
    else:
        data = {}
        placed = False
        for name, value in old.items():
            if not placed and name in _ORDER and _ORDER.index(name) > _ORDER.index(key):
                data[key] = [plain(item)]
                placed = True
            data[name] = value
        if not placed:
            data[key] = [plain(item)]
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"


def json_dump(text: str, data: dict) -> str:
    match = re.search(r"\n([ \t]+)\"", text)
    indent = (len(match.group(1).expandtabs(4)) or 2) if match else 2
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"


def _block_lines(value: dict, indent: int) -> list[str]:
    """``value`` as block YAML lines; a mapping of scalars nested two deep is one flow line."""
    lines = []
    for k, v in value.items():
        if isinstance(v, dict):
            if all(not isinstance(x, (dict, list)) for x in v.values()):
                body = ", ".join(f"{kk}: {_scalar(vv)}" for kk, vv in v.items())
                lines.append(f"{' ' * indent}{k}: {{{body}}}")
            else:
                lines.append(f"{' ' * indent}{k}:")
                lines += _block_lines(v, indent + 2)
        else:
            lines.append(f"{' ' * indent}{k}: {_scalar(v)}")
    return lines


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}|[a-z_]+|[A-Z]{2}", value) and \
            value not in ("true", "false", "null", "yes", "no", "on", "off", "y", "n"):
        return value                    # dates, enum values and country codes, as the examples write them
    return _q(str(value))


def mapping_yaml(text: str, key: str, value: dict, comment: str | None) -> str | None:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    rt = YAML(typ="rt")
    doc = rt.load(text)     # text the hardened reader has read first (_read); ruamel only finds the lines
    if not isinstance(doc, CommentedMap):
        return None
    nl = _newline(text)
    lines = text.splitlines(keepends=True)
    block = [f"{key}:"] + _block_lines(value, 2)
    if key in doc:
        keys = list(doc.keys())
        start = doc.lc.key(key)[0]
        index = keys.index(key)
        stop = doc.lc.key(keys[index + 1])[0] if index + 1 < len(keys) else len(lines)
        while stop > start + 1 and not _is_content(lines[stop - 1]):
            stop -= 1                     # blank lines and the next key's comments stay
        if lines[start][:1].isspace():
            return None
        return "".join(lines[:start]) + nl.join(block) + nl + "".join(lines[stop:])
    if comment:
        block.insert(0, "# " + re.sub(r"[\r\n]+", " ", comment))
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += nl
    return "".join(lines) + nl.join(block) + nl
