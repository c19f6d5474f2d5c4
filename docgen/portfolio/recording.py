"""``docgen record``: append an event to a case file without disturbing anything else in it.

YAML: the file is parsed round-trip with ruamel.yaml to find where ``events`` ends, and the new
event is written there as text in the style of its neighbours (flow ``- {type: ...}`` or block
mapping, same indentation and line endings); every other byte of the file is kept, comments and
line breaks included (ruamel's own dumper would re-flow multi-line flow mappings). If the file's
shape does not allow that, ruamel's round-trip dump is used instead (comments and key order kept).
Either way the new text is read back with docgen's own reader and must equal the old data plus
the event, then it is validated with ``docgen.api.validate``; nothing is written unless both
pass. JSON case files are rewritten as JSON.

A ``--proof`` file outside the case folder is copied into its ``proofs/`` folder first (removed
again if the new content is refused).
"""
from __future__ import annotations

import copy
import hashlib
import io
import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..atomic import write_bytes
from ..errors import CaseValidationError, DocgenError, Problem
from ..model.case import CHANNELS, EVENT_TYPES
from ..model.reading import find_case_file, parse_case_text
from .locking import DEFAULT_TIMEOUT, locked

_ORDER = ("schema_version", "reference", "jurisdiction", "language", "relationship", "currency",
          "interest_day_count", "imputation", "creditor", "debtor", "contract", "invoices", "credit_notes",
          "payments", "events", "exhibits", "payment_plan", "procedure")
_FIELDS = ("type", "date", "channel", "tracking_number", "proof", "fee", "note")
_MONEY = re.compile(r"^\d{1,12}(\.\d{1,2})?$")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escaping is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _yaml_value(key: str, value: Any) -> str:
    if key == "date":
        return value.isoformat()
    if key in ("type", "channel"):
        return value
    return _q(str(value))


def build_event(event_type: str, day: date, *, channel: str | None = None, proof: str | None = None,
                tracking: str | None = None, fee: str | Decimal | None = None, note: str | None = None) -> dict:
    if event_type not in EVENT_TYPES:
        raise DocgenError(f"unknown event type {event_type!r} (known: {', '.join(EVENT_TYPES)})")
    if channel is not None and channel not in CHANNELS:
        raise DocgenError(f"unknown channel {channel!r} (known: {', '.join(CHANNELS)})")
    event: dict[str, Any] = {"type": event_type, "date": day}
    if channel:
        event["channel"] = channel
    if tracking:
        event["tracking_number"] = str(tracking).strip()
    if proof:
        event["proof"] = proof
    if fee is not None:
        text = str(fee).strip().replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise DocgenError(f"--fee must be an amount such as 12.50, not {fee!r}") from None
        if not _MONEY.match(text) or amount < 0:
            raise DocgenError(f"--fee must be an amount such as 12.50 (at most two decimals), not {fee!r}")
        event["fee"] = f"{amount:.2f}"
    if note:
        event["note"] = note
    return event


def _plain(event: dict) -> dict:
    """The event as docgen's reader returns it (dates stay text)."""
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in event.items()}


# --- YAML ---------------------------------------------------------------------------------------

def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _item_text(event: dict, flow: bool, dash_col: int, item_indent: int, nl: str) -> str:
    pairs = [(k, _yaml_value(k, event[k])) for k in _FIELDS if k in event]
    if flow:
        body = ", ".join(f"{k}: {v}" for k, v in pairs)
        return f"{' ' * dash_col}- {{{body}}}{nl}"
    lines = [f"{' ' * dash_col}- {pairs[0][0]}: {pairs[0][1]}"]
    lines += [f"{' ' * item_indent}{k}: {v}" for k, v in pairs[1:]]
    return nl.join(lines) + nl


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _splice_yaml(text: str, event: dict) -> str | None:
    """The file with the event appended to ``events``, every other byte unchanged; None when
    the file's shape is not one this knows how to extend (the caller falls back)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = YAML(typ="rt")
    doc = yaml.load(text)
    if not isinstance(doc, CommentedMap):
        return None
    nl = _newline(text)
    lines = text.splitlines(keepends=True)
    keys = list(doc.keys())
    events = doc.get("events")
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
        index = keys.index("events")
        stop = doc.lc.key(keys[index + 1])[0] if index + 1 < len(keys) else len(lines)
        end = dash_line
        for n in range(dash_line, stop):
            if _is_content(lines[n]):
                end = n
        if not lines[end].endswith(("\n", "\r")):
            lines[end] += nl
        lines.insert(end + 1, _item_text(event, flow, dash_col, item_indent, nl))
        return "".join(lines)
    if "events" in doc and (events is None or (isinstance(events, CommentedSeq) and len(events) == 0)):
        line_no = doc.lc.key("events")[0]
        line = lines[line_no]
        if not re.match(r"^events:\s*(\[\s*\])?\s*(#.*)?$", line.rstrip("\r\n")):
            return None
        lines[line_no] = "events:" + nl + _item_text(event, True, 2, 4, nl)
        return "".join(lines)
    if "events" in doc:
        return None
    # No events yet: a new block before the first key that follows it in the format's order.
    later = [k for k in keys if k in _ORDER and _ORDER.index(k) > _ORDER.index("events")]
    block = "events:" + nl + _item_text(event, True, 2, 4, nl)
    if later:
        at = doc.lc.key(later[0])[0]
        while at > 0 and lines[at - 1].lstrip().startswith("#"):
            at -= 1                                   # keep a key's comment above it
        lines.insert(at, block + nl)
        return "".join(lines)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += nl
    return "".join(lines) + (nl if lines and lines[-1].strip() else "") + block


def _roundtrip_yaml(text: str, event: dict) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    doc = yaml.load(text)
    item = CommentedMap((k, event[k]) for k in _FIELDS if k in event)
    item.fa.set_flow_style()
    if doc.get("events") is None:
        doc["events"] = CommentedSeq()
    doc["events"].append(item)
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


# --- the command ----------------------------------------------------------------------------------

def _place_proof(proof: Path, folder: Path) -> tuple[str, Path | None, Path | None]:
    """``(relative path for the case file, file created, folder created)``."""
    proof = Path(proof)
    if not proof.is_file():
        raise DocgenError(f"proof file not found: {proof}")
    resolved, base = proof.resolve(), folder.resolve()
    if resolved.is_relative_to(base) and not proof.is_symlink():
        return resolved.relative_to(base).as_posix(), None, None
    target_dir = folder / "proofs"
    created_dir = None if target_dir.exists() else target_dir
    data = proof.read_bytes()
    stem, suffix = proof.stem, proof.suffix.lower()
    for n in range(1, 1000):
        name = f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}"
        target = target_dir / name
        if target.exists():
            if target.is_file() and not target.is_symlink() and \
                    hashlib.sha256(target.read_bytes()).digest() == hashlib.sha256(data).digest():
                return f"proofs/{name}", None, None       # already copied earlier
            continue
        target_dir.mkdir(exist_ok=True)
        write_bytes(target, data)
        return f"proofs/{name}", target, created_dir
    raise DocgenError(f"too many files named {stem}* in {target_dir}")


def record_event(case: str | Path, event_type: str, *, day: date, channel: str | None = None,
                 proof: str | Path | None = None, tracking: str | None = None, fee: str | Decimal | None = None,
                 note: str | None = None, as_of: date | None = None,
                 lock_timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Append an event to the case file (or the case file in folder ``case``); returns its path.

    The file is locked from reading to replacing (``locking``), so concurrent records of the
    same case all land. A case file that is a symbolic link stays one: the file it points to is
    changed. Raises CaseValidationError (nothing written) when the new content would be
    invalid, and DocgenError when the file cannot be read, locked within ``lock_timeout``
    seconds, or written.
    """
    path = find_case_file(Path(case))
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:          # a dangling link, a loop of links
        raise DocgenError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    with locked(real, lock_timeout):
        return _record(path, real, event_type, day=day, channel=channel, proof=proof, tracking=tracking, fee=fee,
                       note=note, as_of=as_of)


def _record(path: Path, real: Path, event_type: str, *, day: date, channel: str | None, proof: str | Path | None,
            tracking: str | None, fee: str | Decimal | None, note: str | None, as_of: date | None) -> Path:
    """``record_event`` under the lock: ``path`` as the user named it (relative paths of the case
    are resolved from its folder), ``real`` the file it is, which is replaced."""
    from ..api import validate

    try:
        raw = real.read_bytes()
    except OSError as exc:
        raise DocgenError(f"cannot read {path}: {exc.strerror or exc}") from None
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocgenError(f"{path} is not UTF-8 text") from None
    is_json = path.suffix.lower() == ".json"
    old = parse_case_text(text, json_only=is_json)            # CaseValidationError if unreadable
    if not isinstance(old, dict):
        raise CaseValidationError([Problem("", "a case file is a mapping of fields")])
    event = build_event(event_type, day, channel=channel, tracking=tracking, fee=fee, note=note)
    created_file = created_dir = None
    try:
        if proof is not None:
            event["proof"], created_file, created_dir = _place_proof(Path(proof), path.parent)
        expected = copy.deepcopy(old)
        expected["events"] = list(expected.get("events") or []) + [_plain(event)]
        if is_json:
            new_text = _json_text(text, old, event)
        else:
            new_text = _yaml_text(text, event, expected)
        report = validate(parse_case_text(new_text, json_only=is_json), as_of=as_of, base_dir=path.parent)
        if not report.valid:
            raise CaseValidationError(list(report.problems), "the event was not recorded: the case file would "
                                      f"have {len(report.errors)} error(s)")
        if real.read_bytes() != raw:        # changed by something that does not take the lock (an editor)
            raise DocgenError(f"{path} changed while the event was being recorded; run the command again")
        write_bytes(real, (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8"))
    except BaseException:
        if created_file is not None:
            created_file.unlink(missing_ok=True)
        if created_dir is not None:
            try:
                created_dir.rmdir()          # only if empty
            except OSError:
                pass
        raise
    return path


def _yaml_text(text: str, event: dict, expected: dict) -> str:
    for attempt in (_splice_yaml, _roundtrip_yaml):
        try:
            candidate = attempt(text, event)
        except Exception:  # noqa: BLE001 - ruamel refusing the file: try the next way
            candidate = None
        if candidate is not None:
            try:
                if parse_case_text(candidate) == expected:
                    return candidate
            except CaseValidationError:
                pass
    raise DocgenError("the event could not be added to this YAML file without changing other data; "
                      "add it by hand")


def _json_text(text: str, old: dict, event: dict) -> str:
    indent = 2
    match = re.search(r"\n([ \t]+)\"", text)
    if match:
        indent = len(match.group(1).expandtabs(4)) or 2
    if "events" in old:
        data = {k: v for k, v in old.items()}
        data["events"] = list(old.get("events") or []) + [_plain(event)]
    else:
        data = {}
        placed = False
        for key, value in old.items():
            if not placed and key in _ORDER and _ORDER.index(key) > _ORDER.index("events"):
                data["events"] = [_plain(event)]
                placed = True
            data[key] = value
        if not placed:
            data["events"] = [_plain(event)]
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"
