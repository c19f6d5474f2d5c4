"""Dated legal parameters (rates, fixed amounts, delays), one YAML file per parameter.

The tables live in ``docgen/data/<name>.yaml`` (OpenFisca-style: each value has a start date and
a source). They are read once, on first use, and cached: computations stay pure and a run never
depends on anything outside the installed package.
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from ..errors import LegalDataError, StaleRateTableError

DECIMAL_UNITS = frozenset({"percent", "eur"})
INTEGER_UNITS = frozenset({"days", "months", "years", "count"})
UNITS = DECIMAL_UNITS | INTEGER_UNITS | {"brackets"}
_TOP_KEYS = {"description", "unit", "reference", "last_value_still_valid_on", "values"}
_ENTRY_KEYS = {"value", "source", "unconfirmed", "note"}


@dataclass(frozen=True)
class DatedValue:
    start: date
    value: Any            # Decimal (percent, eur), int (days, months, years, count), dict (brackets)
    source: str
    unconfirmed: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    unit: str
    reference: str
    values: tuple[DatedValue, ...]          # sorted by start, strictly increasing
    last_value_still_valid_on: date | None  # None: statutory value in force until repealed
    sha256: str = field(default="", repr=False, compare=False)

    def at(self, day: date, *, assume_last: bool = False) -> DatedValue:
        """The value in force on ``day``.

        A table that is only known up to some day must not be silently extended: a rate
        published later may differ, and a wrong rate in a court document is worse than an error.
        """
        first = self.values[0].start
        if day < first:
            raise LegalDataError(f"{self.name}: no value before {first} (asked for {day})")
        last_valid = self.last_value_still_valid_on
        if last_valid is not None and day > last_valid and not assume_last:
            last = self.values[-1]
            raise StaleRateTableError(
                f"{self.name}: the table is only known to be valid until {last_valid}, and {day} is after it. "
                f"Update docgen to get newer values, or pass --assume-last-rate to assume that the last "
                f"known value ({_show(last.value)} from {last.start}) still applies.",
                table=self.name, last_valid=last_valid)
        index = bisect.bisect_right([v.start for v in self.values], day) - 1
        return self.values[index]

    def periods(self, start: date, end: date, *,
                assume_last: bool = False) -> list[tuple[date, date, DatedValue]]:
        """Consecutive ``(first, last, value)`` day ranges covering ``start``..``end`` inclusive.

        Cut at every entry of the table, even when two consecutive entries carry the same
        number: each entry has its own source and ``unconfirmed`` flag, and a statement must
        attribute every day to the right one. An empty range (start > end) gives [].
        """
        if start > end:
            return []
        self.at(end, assume_last=assume_last)   # raises if the end is not covered
        current = self.at(start, assume_last=assume_last)
        out = []
        for entry in self.values:
            if start < entry.start <= end:
                out.append((start, entry.start - timedelta(days=1), current))
                start, current = entry.start, entry
        out.append((start, end, current))
        return out

    def version(self) -> str:
        """Short fingerprint of the table file, so a manifest can say which data produced a figure."""
        return self.sha256[:12]


def parameter(name: str) -> Parameter:
    tables = _load_all()
    if name not in tables:
        raise LegalDataError(f"unknown legal parameter {name!r} (known: {', '.join(sorted(tables))})")
    return tables[name]


def all_parameters() -> dict[str, Parameter]:
    return dict(sorted(_load_all().items()))


@cache
def _load_all() -> dict[str, Parameter]:
    folder = files("docgen") / "data"
    tables = {}
    for item in folder.iterdir():
        if item.name.endswith(".yaml"):
            name = item.name.removesuffix(".yaml")
            tables[name] = parse_table(name, item.read_bytes())
    if not tables:
        raise LegalDataError("no legal parameter table found in the docgen/data folder")
    return tables


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys: PyYAML would silently keep the last one, and a
    semester typed twice would then hide a missing one."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise LegalDataError(f"duplicate key {key!r} (line {key_node.start_mark.line + 1})")
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_table(name: str, raw: bytes) -> Parameter:
    """Parse and check one table file; every defect is a LegalDataError naming the file."""
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_StrictLoader)  # noqa: S506 - SafeLoader subclass
    except (yaml.YAMLError, UnicodeDecodeError, LegalDataError) as exc:
        raise LegalDataError(f"{name}.yaml: unreadable: {exc}") from exc
    if not isinstance(data, dict) or set(data) != _TOP_KEYS:
        raise LegalDataError(f"{name}.yaml: expected exactly the keys {sorted(_TOP_KEYS)}")
    unit = data["unit"]
    if unit not in UNITS:
        raise LegalDataError(f"{name}.yaml: unknown unit {unit!r}")
    for key in ("description", "reference"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise LegalDataError(f"{name}.yaml: {key} must be a non-empty string")
    last_valid = data["last_value_still_valid_on"]
    if last_valid is not None and not _is_date(last_valid):
        raise LegalDataError(f"{name}.yaml: last_value_still_valid_on must be a date or null")
    entries = data["values"]
    if not isinstance(entries, dict) or not entries:
        raise LegalDataError(f"{name}.yaml: values must be a non-empty mapping of start dates")
    values = tuple(_entry(name, start, entry, unit) for start, entry in sorted(entries.items(), key=_start_key))
    if last_valid is not None and last_valid < values[-1].start:
        raise LegalDataError(f"{name}.yaml: last_value_still_valid_on is before the last start date")
    return Parameter(name=name, description=data["description"], unit=unit, reference=data["reference"],
                     values=values, last_value_still_valid_on=last_valid,
                     sha256=hashlib.sha256(raw).hexdigest())


def _is_date(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _start_key(item: tuple[object, object]) -> date:
    return item[0] if _is_date(item[0]) else date.min   # bad keys are reported by _entry


def _entry(name: str, start: object, entry: object, unit: str) -> DatedValue:
    where = f"{name}.yaml, {start}"
    if not _is_date(start):
        raise LegalDataError(f"{where}: start must be an unquoted YYYY-MM-DD date")
    if not isinstance(entry, dict) or "value" not in entry or not set(entry) <= _ENTRY_KEYS:
        raise LegalDataError(f"{where}: expected {{value, source[, unconfirmed][, note]}}")
    source, unconfirmed, note = entry.get("source"), entry.get("unconfirmed", False), entry.get("note")
    if not isinstance(source, str) or not source.strip():
        raise LegalDataError(f"{where}: every value needs a non-empty source")
    if not isinstance(unconfirmed, bool):
        raise LegalDataError(f"{where}: unconfirmed must be true or false")
    if note is not None and (not isinstance(note, str) or not note.strip()):
        raise LegalDataError(f"{where}: note must be a non-empty string")
    return DatedValue(start, _value(where, entry["value"], unit), source, unconfirmed, note)


def _value(where: str, raw: object, unit: str) -> Any:
    if unit == "brackets":
        if not isinstance(raw, dict):
            raise LegalDataError(f"{where}: a brackets value must be a mapping")
        return _tree(where, raw)
    number = _decimal(where, raw)
    if unit in INTEGER_UNITS:
        if number != number.to_integral_value():
            raise LegalDataError(f"{where}: a {unit} value must be a whole number")
        return int(number)
    return number


def _tree(where: str, raw: object) -> Any:
    """Brackets: every leaf a quoted number (-> Decimal) or null (an open upper bound)."""
    if raw is None:
        return None
    if isinstance(raw, dict):
        return {str(k): _tree(where, v) for k, v in raw.items()}
    if isinstance(raw, list):
        return [_tree(where, v) for v in raw]
    return _decimal(where, raw)


def _decimal(where: str, raw: object) -> Decimal:
    # Quoted strings only: a YAML float (4.06) would already have lost its exact decimal value.
    if not isinstance(raw, str):
        raise LegalDataError(f"{where}: numbers must be quoted decimal strings, got {raw!r}")
    try:
        number = Decimal(raw)
    except InvalidOperation as exc:
        raise LegalDataError(f"{where}: {raw!r} is not a decimal number") from exc
    if not number.is_finite():
        raise LegalDataError(f"{where}: {raw!r} is not a finite number")
    return number


def _show(value: Any) -> str:
    return f"{value:f}" if isinstance(value, Decimal) else str(value)
