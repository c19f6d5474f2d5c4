"""Dated legal parameters (rates, fixed amounts, delays), one YAML file per parameter.

The tables live in ``docgen/data/<name>.yaml`` (OpenFisca-style: each value has a start date and
a source). They are read once, on first use, and cached: computations stay pure.

A firm may lay *overlay folders* over them (docs/legal-data.md): files of the same format, named
after the table, whose entries confirm, add or replace dated values, each with its own source.
Which overlays apply is process-wide, because ``parameter()`` is called from everywhere: set it
with ``use_overlays`` (or the ``overlays`` context manager, which restores the previous set);
until then, the ``DOCGEN_DATA`` environment variable (folders separated by os.pathsep) is used.
Every value records its ``origin`` ("docgen" or the overlay file), so reports can say where a
figure came from.
"""
from __future__ import annotations

import bisect
import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from ..errors import LegalDataError, StaleRateTableError
from ..model.reading import load_dated_yaml

DECIMAL_UNITS = frozenset({"percent", "eur"})
INTEGER_UNITS = frozenset({"days", "months", "years", "count"})
UNITS = DECIMAL_UNITS | INTEGER_UNITS | {"brackets"}
_TOP_KEYS = {"description", "unit", "reference", "last_value_still_valid_on", "values"}
_ENTRY_KEYS = {"value", "source", "unconfirmed", "note"}
ENV_VAR = "DOCGEN_DATA"
DOCGEN_ORIGIN = "docgen"


@dataclass(frozen=True)
class DatedValue:
    start: date
    value: Any            # Decimal (percent, eur), int (days, months, years, count), dict (brackets)
    source: str
    unconfirmed: bool = False
    note: str | None = None
    origin: str = DOCGEN_ORIGIN   # "docgen", or the overlay file that supplied this entry


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
    """The effective table ``name``: docgen's values with the active overlays laid over them."""
    tables = _effective(active_overlays())
    if name not in tables:
        raise LegalDataError(f"unknown legal parameter {name!r} (known: {', '.join(sorted(tables))})")
    return tables[name]


def all_parameters() -> dict[str, Parameter]:
    return dict(sorted(_effective(active_overlays()).items()))


# ---- overlay folders --------------------------------------------------------------------------

_explicit: tuple[Path, ...] | None = None      # None: follow DOCGEN_DATA


def overlays_from_env(environ: Mapping[str, str] | None = None) -> tuple[Path, ...]:
    """The folders named by DOCGEN_DATA (os.pathsep-separated; empty parts ignored)."""
    return _split_overlays((os.environ if environ is None else environ).get(ENV_VAR, ""))


@lru_cache(maxsize=8)
def _split_overlays(raw: str) -> tuple[Path, ...]:
    # Every legal parameter lookup asks for the overlays (an agenda makes about ten per case):
    # parsing DOCGEN_DATA once per distinct value keeps that lookup a dictionary access.
    return tuple(Path(part) for part in raw.split(os.pathsep) if part.strip())


def active_overlays() -> tuple[Path, ...]:
    """The overlay folders in effect, later ones winning: those set by ``use_overlays``, else DOCGEN_DATA."""
    return _explicit if _explicit is not None else overlays_from_env()


def use_overlays(folders: Iterable[Path | str] | None) -> None:
    """Set the overlay folders for this process (``[]``: none, ``None``: back to DOCGEN_DATA).

    Every folder is read at once, so a bad overlay is reported here rather than mid-document.
    """
    global _explicit
    chosen = None if folders is None else tuple(Path(f) for f in folders)
    if chosen:
        _effective(chosen)
    _explicit = chosen


@contextmanager
def overlays(folders: Iterable[Path | str] | None) -> Iterator[tuple[Path, ...]]:
    """``with overlays([Path("firm-data")]):`` -- the overlay set inside the block, restored after."""
    global _explicit
    previous = _explicit
    use_overlays(folders)
    try:
        yield active_overlays()
    finally:
        _explicit = previous


def reset() -> None:
    """Forget the explicit overlay set and every cached table (a changed file is read again)."""
    global _explicit
    _explicit = None
    _effective.cache_clear()
    _docgen_tables.cache_clear()


@cache
def _docgen_tables() -> dict[str, Parameter]:
    folder = files("docgen") / "data"
    tables = {}
    for item in folder.iterdir():
        if item.name.endswith(".yaml"):
            name = item.name.removesuffix(".yaml")
            tables[name] = parse_table(name, item.read_bytes())
    if not tables:
        raise LegalDataError("no legal parameter table found in the docgen/data folder")
    return tables


@cache
def _effective(folders: tuple[Path, ...]) -> dict[str, Parameter]:
    tables = dict(_docgen_tables())
    for folder in folders:
        if not folder.is_dir():
            raise LegalDataError(f"legal data overlay folder {folder} does not exist or is not a folder")
        for path in sorted(folder.glob("*.yaml")):
            name = path.name.removesuffix(".yaml")
            if name not in tables:
                raise LegalDataError(
                    f"{path}: docgen has no legal table named {name!r}; an overlay file is named after the "
                    "table whose values it confirms, adds or replaces (see `docgen rates`)")
            try:
                raw = path.read_bytes()
            except OSError as exc:
                raise LegalDataError(f"{path}: cannot be read ({exc.strerror})") from exc
            tables[name] = overlay_table(tables[name], raw, str(path))
    return tables


def overlay_table(base: Parameter, raw: bytes, origin: str) -> Parameter:
    """``base`` with the entries of one overlay file laid over it (same start date: replaced).

    An overlay has ``values`` (each with its own ``source``) and may restate ``unit`` (it must
    match), ``description``, ``reference`` and ``last_value_still_valid_on`` (which it replaces:
    a firm that adds next semester's rate also says how long it is known to hold).
    """
    data = read_strict_yaml(raw, origin)
    if not isinstance(data, dict) or "values" not in data or not set(data) <= _TOP_KEYS:
        raise LegalDataError(f"{origin}: expected a mapping with 'values' and optionally "
                             f"{sorted(_TOP_KEYS - {'values'})}")
    if "unit" in data and data["unit"] != base.unit:
        raise LegalDataError(f"{origin}: unit {data['unit']!r} differs from the table's unit {base.unit!r}")
    texts = {}
    for key in ("description", "reference"):
        if key in data:
            if not isinstance(data[key], str) or not data[key].strip():
                raise LegalDataError(f"{origin}: {key} must be a non-empty string")
            texts[key] = data[key]
    entries = data["values"]
    if not isinstance(entries, dict) or not entries:
        raise LegalDataError(f"{origin}: values must be a non-empty mapping of start dates")
    merged = {v.start: v for v in base.values}
    for start, entry in sorted(entries.items(), key=_start_key):
        merged[start] = replace(_entry(origin, start, entry, base.unit), origin=origin)
    values = tuple(merged[start] for start in sorted(merged))
    last_valid = base.last_value_still_valid_on
    if "last_value_still_valid_on" in data:
        last_valid = data["last_value_still_valid_on"]
        if last_valid is not None and not _is_date(last_valid):
            raise LegalDataError(f"{origin}: last_value_still_valid_on must be a date or null")
    if last_valid is not None and last_valid < values[-1].start:
        raise LegalDataError(f"{origin}: last_value_still_valid_on ({last_valid}) is before the last start date "
                             f"of {base.name} ({values[-1].start})")
    # The fingerprint covers docgen's file and every overlay, so a manifest tells them apart.
    digest = hashlib.sha256((base.sha256 + hashlib.sha256(raw).hexdigest()).encode()).hexdigest()
    return replace(base, values=values, last_value_still_valid_on=last_valid, sha256=digest, **texts)


# ---- strict reading -----------------------------------------------------------------------------

def read_strict_yaml(raw: bytes, where: str, *, bundled: bool = False) -> Any:
    """YAML data of a legal data file (tables, overlays, statutes); any defect names ``where``.
    ``bundled``: one of docgen's own files (read on libyaml's C parser, see load_dated_yaml)."""
    try:
        return load_dated_yaml(raw.decode("utf-8"), bundled=bundled)
    except (yaml.YAMLError, UnicodeDecodeError, LegalDataError) as exc:
        detail = exc.message if isinstance(exc, LegalDataError) else exc
        raise LegalDataError(f"{where}: unreadable: {detail}") from exc


def parse_table(name: str, raw: bytes) -> Parameter:
    """Parse and check one of docgen's table files; every defect is a LegalDataError naming it."""
    data = read_strict_yaml(raw, f"{name}.yaml", bundled=True)
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
    values = tuple(_entry(f"{name}.yaml", start, entry, unit)
                   for start, entry in sorted(entries.items(), key=_start_key))
    if last_valid is not None and last_valid < values[-1].start:
        raise LegalDataError(f"{name}.yaml: last_value_still_valid_on is before the last start date")
    return Parameter(name=name, description=data["description"], unit=unit, reference=data["reference"],
                     values=values, last_value_still_valid_on=last_valid,
                     sha256=hashlib.sha256(raw).hexdigest())


def _is_date(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _start_key(item: tuple[object, object]) -> date:
    return item[0] if _is_date(item[0]) else date.min   # bad keys are reported by _entry


def _entry(file: str, start: object, entry: object, unit: str) -> DatedValue:
    where = f"{file}, {start}"
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
