"""Listing of the effective legal parameter tables for ``docgen rates``.

Effective: docgen's values with the overlay folders in force laid over them; every value says
its origin ("docgen" or the overlay file), so a firm sees which figures it confirmed itself.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..errors import LegalDataError
from .parameters import DatedValue, Parameter


def _value(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_value(v) for v in value]
    return value


def _selected(table: Parameter, at: date | None) -> list[DatedValue]:
    if at is None:
        return list(table.values)
    try:
        return [table.at(at)]
    except LegalDataError:
        return []


def rates_json(tables: dict[str, Parameter], at: date | None) -> list[dict]:
    out = []
    for name, table in sorted(tables.items()):
        out.append({
            "name": name, "description": table.description, "unit": table.unit, "reference": table.reference,
            "last_value_still_valid_on": table.last_value_still_valid_on.isoformat()
            if table.last_value_still_valid_on else None,
            "version": table.version(),
            "values": [{"start": v.start.isoformat(), "value": _value(v.value), "source": v.source,
                        "unconfirmed": v.unconfirmed, "origin": v.origin, **({"note": v.note} if v.note else {})}
                       for v in _selected(table, at)],
        })
    return out


def rates_text(tables: dict[str, Parameter], at: date | None, overlays: Sequence[Path] = ()) -> str:
    lines = [f"Overlay folders (later ones win): {', '.join(str(o) for o in overlays)}", ""] if overlays else []
    for name, table in sorted(tables.items()):
        until = table.last_value_still_valid_on
        lines.append(f"{name} ({table.unit}) — {table.description}")
        lines.append(f"  {table.reference}" + (f"; known until {until}" if until else "; in force until changed"))
        values = _selected(table, at)
        if not values:
            lines.append("  (no value on that day)")
        for v in values:
            flag = "  (unconfirmed)" if v.unconfirmed else ""
            shown = _value(v.value)
            lines.append(f"  from {v.start}: {shown}{flag}  [{v.source}]  origin: {v.origin}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
