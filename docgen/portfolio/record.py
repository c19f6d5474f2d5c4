"""``docgen record``: append an event, or a payment, to a case file without disturbing anything
else in it.

The text is edited by ``case_text``. YAML: the file is parsed round-trip with ruamel.yaml to find
where ``events`` (``payments``) ends, and the new item is written there as text in the style of its neighbours (flow ``- {type: ...}`` or block
mapping, same indentation and line endings); every other byte of the file is kept, comments and
line breaks included (ruamel's own dumper would re-flow multi-line flow mappings). If the file's
shape does not allow that, ruamel's round-trip dump is used instead (comments and key order kept).
Either way the new text is read back with docgen's own reader and must equal the old data plus
the item, then it is validated with ``docgen.api.validate`` (for a payment, on its day and on
the as-of date: the statement refuses a payment exceeding everything owed); nothing is written
unless both pass. JSON case files are rewritten as JSON.

A ``--proof`` file outside the case folder is copied into its ``proofs/`` folder first (removed
again if the new content is refused).
"""
from __future__ import annotations

import copy
import hashlib
import json
import re
import typing
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..atomic import write_bytes
from ..errors import CaseValidationError, DocgenError, Problem
from ..matter import validate
from ..model.case import CHANNELS, EVENT_TYPES, Payment
from ..model.reading import find_case_file, parse_case_text
from .case_text import json_dump, json_text, mapping_yaml, plain, yaml_text
from .locking import DEFAULT_TIMEOUT, locked

PAYMENT_METHODS = typing.get_args(typing.get_args(Payment.model_fields["method"].annotation)[0])
_MONEY = re.compile(r"^\d{1,12}(\.\d{1,2})?$")


def _amount(value: str | Decimal, option: str, *, positive: bool = False) -> str:
    """``value`` as the case file writes amounts ("12.50"), or DocgenError naming ``option``."""
    text = str(value).strip().replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise DocgenError(f"{option} must be an amount such as 12.50, not {value!r}") from None
    if not _MONEY.match(text) or amount < 0 or (positive and amount == 0):
        raise DocgenError(f"{option} must be an amount such as 12.50 (at most two decimals"
                          f"{', more than zero' if positive else ''}), not {value!r}")
    return f"{amount:.2f}"


def build_payment(day: date, amount: str | Decimal, *, invoice: str | None = None, method: str | None = None,
                  reference: str | None = None) -> dict:
    if method is not None and method not in PAYMENT_METHODS:
        raise DocgenError(f"unknown payment method {method!r} (known: {', '.join(PAYMENT_METHODS)})")
    payment: dict[str, Any] = {"date": day, "amount": _amount(amount, "--amount", positive=True)}
    if method:
        payment["method"] = method
    if invoice is not None and str(invoice).strip():
        payment["invoice"] = str(invoice).strip()
    if reference is not None and str(reference).strip():
        payment["reference"] = str(reference).strip()
    return payment


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
        event["fee"] = _amount(fee, "--fee")
    if note:
        event["note"] = note
    return event


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


def _real(case: str | Path) -> tuple[Path, Path]:
    """``(the case file as the user named it, the file it is)``."""
    path = find_case_file(Path(case))
    try:
        return path, path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:          # a dangling link, a loop of links
        raise DocgenError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None


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
    event = build_event(event_type, day, channel=channel, tracking=tracking, fee=fee, note=note)
    path, real = _real(case)
    with locked(real, lock_timeout):
        return _record(path, real, "events", event, proof=proof, days=(as_of,))


def record_payment(case: str | Path, *, amount: str | Decimal, day: date, invoice: str | None = None,
                   method: str | None = None, reference: str | None = None, as_of: date | None = None,
                   lock_timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Append a payment to the case file's ``payments`` (or the case file in folder ``case``);
    returns its path. ``invoice`` is the invoice the debtor designated, ``method`` one of
    PAYMENT_METHODS, ``reference`` the bank's or the cheque's.

    Same guarantees as ``record_event`` (lock, comments and layout kept, atomic write, nothing
    written when invalid). The new content is validated on the payment's day and on
    ``as_of`` when later: a payment exceeding everything owed is refused (CaseValidationError
    naming ``payments[n].amount``), as is an invoice the case does not have.
    """
    payment = build_payment(day, amount, invoice=invoice, method=method, reference=reference)
    path, real = _real(case)
    with locked(real, lock_timeout):
        return _record(path, real, "payments", payment, proof=None,
                       days=(day,) if as_of is None or as_of <= day else (day, as_of))


def _record(path: Path, real: Path, key: str, item: dict, *, proof: str | Path | None,
            days: tuple[date | None, ...]) -> Path:
    """Append ``item`` to list ``key`` under the lock: ``path`` as the user named it (relative
    paths of the case are resolved from its folder), ``real`` the file it is, which is
    replaced. The new content must validate as of each of ``days`` (None: without a date)."""

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
    what = "event" if key == "events" else "payment"
    created_file = created_dir = None
    try:
        if proof is not None:
            item["proof"], created_file, created_dir = _place_proof(Path(proof), path.parent)
        expected = copy.deepcopy(old)
        expected[key] = list(expected.get(key) or []) + [plain(item)]
        if is_json:
            new_text = json_text(text, old, item, key)
        else:
            new_text = yaml_text(text, item, expected, key)
        _validate_and_write(path, real, raw, bom, new_text, is_json, days, f"the {what}")
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


# --- a top-level mapping (docgen insolvency scan) -------------------------------------------------

_ANY = object()


def record_mapping(case: str | Path, key: str, value: dict, *, as_of: date | None = None,
                   comment: str | None = None, replacing: Any = _ANY, lock_timeout: float = DEFAULT_TIMEOUT) -> bool:
    """Set the top-level mapping ``key`` of the case file (or the case file in folder ``case``)
    to ``value`` (plain data: text, dates, nested mappings); returns False when it already holds
    exactly that (nothing written).

    YAML: the key's block is replaced (its comments go with it), or a new block is added at the
    end of the file, under ``comment`` (one line, e.g. where the data came from); every other
    byte stays. The new text is read back and must equal the old data with the new value, then
    validated as of ``as_of``; nothing is written unless both pass (CaseValidationError). Same
    lock and atomic write as ``record_event``. With ``replacing`` (the value the caller read,
    None for none), a file whose ``key`` changed since is left alone (DocgenError).
    """
    path, real = _real(case)
    with locked(real, lock_timeout):
        raw, text, bom, is_json, old = _read_case(path, real)
        plain = json.loads(json.dumps(value, default=lambda v: v.isoformat()))
        if old.get(key) == plain:
            return False
        if replacing is not _ANY and old.get(key) != replacing:
            raise DocgenError(f"{key} of {path} changed while it was being recorded; run the command again")
        expected = copy.deepcopy(old)
        expected[key] = plain
        if is_json:
            data = dict(old)
            data[key] = plain
            new_text = json_dump(text, data)
        else:
            new_text = mapping_yaml(text, key, plain, comment)
            if new_text is None or parse_case_text(new_text) != expected:
                raise DocgenError(f"{key} could not be set in {path} without changing other data; set it by hand")
        _validate_and_write(path, real, raw, bom, new_text, is_json, (as_of,), key)
    return True


def _read_case(path: Path, real: Path) -> tuple[bytes, str, bool, bool, dict]:
    try:
        raw = real.read_bytes()
    except OSError as exc:
        raise DocgenError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocgenError(f"{path} is not UTF-8 text") from None
    is_json = path.suffix.lower() == ".json"
    old = parse_case_text(text, json_only=is_json)
    if not isinstance(old, dict):
        raise CaseValidationError([Problem("", "a case file is a mapping of fields")])
    return raw, text, raw.startswith(b"\xef\xbb\xbf"), is_json, old


def _validate_and_write(path: Path, real: Path, raw: bytes, bom: bool, new_text: str, is_json: bool,
                        days: Iterable[date | None], what: str) -> None:
    """Write ``new_text`` over the case file, atomically, once it validates as of each of ``days``
    and the file still holds the ``raw`` bytes it was read with."""
    new_data = parse_case_text(new_text, json_only=is_json)
    for day in days:
        report = validate(new_data, as_of=day, base_dir=path.parent)
        if not report.valid:
            raise CaseValidationError(list(report.problems), f"{what} was not recorded: the case file "
                                      f"would have {len(report.errors)} error(s)")
    if real.read_bytes() != raw:        # changed by something that does not take the lock (an editor)
        raise DocgenError(f"{path} changed while {what} was being recorded; run the command again")
    write_bytes(real, (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8"))


