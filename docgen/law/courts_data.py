"""Reading the court tables of ``docgen/data/courts`` (see its README for their provenance).

Read once, with the same strict YAML loader as the rate tables (duplicate keys are an error), and
checked for shape: a malformed table is a ``LegalDataError`` naming the file, never a wrong court.
"""
from __future__ import annotations

from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

from ..errors import LegalDataError
from .parameters import read_strict_yaml


def _read(name: str) -> dict[str, Any]:
    item = files("docgen") / "data" / "courts" / name
    try:
        raw = item.read_bytes()
    except OSError as exc:
        raise LegalDataError(f"courts/{name}: unreadable: {exc}") from exc
    data = read_strict_yaml(raw, f"courts/{name}", bundled=True)
    if not isinstance(data, dict):
        raise LegalDataError(f"courts/{name}: expected a mapping")
    return data


def _require(name: str, data: dict, keys: dict[str, type]) -> None:
    for key, kind in keys.items():
        if not isinstance(data.get(key), kind):
            raise LegalDataError(f"courts/{name}: {key!r} missing or not a {kind.__name__}")


@cache
def fr_courts() -> dict[str, Any]:
    data = _read("fr.courts.yaml")
    _require("fr.courts.yaml", data, {"sources": dict, "courts": dict, "snapshot": str})
    for cid, court in data["courts"].items():
        if not isinstance(court, dict) or court.get("source") not in data["sources"] or not court.get("seat"):
            raise LegalDataError(f"courts/fr.courts.yaml: court {cid!r} needs a seat and a known source")
    return data


@cache
def fr_ressorts() -> dict[str, Any]:
    data = _read("fr.ressorts.yaml")
    _require("fr.ressorts.yaml", data, {"departments": dict, "postcodes": dict, "cross_department_postcodes": dict,
                                        "communes": dict})
    known = fr_courts()["courts"]
    for key, entry in data["communes"].items():
        if not (isinstance(entry, list) and len(entry) == 3 and all(isinstance(x, str) for x in entry)):
            raise LegalDataError(f"courts/fr.ressorts.yaml: commune {key!r}: expected [tj, tc, canton]")
        if any(x and x not in known for x in entry[:2]):
            raise LegalDataError(f"courts/fr.ressorts.yaml: commune {key!r} names an unknown court")
    for dept, rule in data["departments"].items():
        if not isinstance(rule, dict) or any(v not in known for v in rule.values()):
            raise LegalDataError(f"courts/fr.ressorts.yaml: department {dept!r} names an unknown court")
    return data


@cache
def fr_postcode_departments() -> dict[str, str]:
    """postcode -> department, for postcodes lying in a single department."""
    out = {}
    for dept, codes in fr_ressorts()["postcodes"].items():
        for code in str(codes).split():
            out[code] = str(dept)
    return out


@cache
def fr_tae() -> dict[str, Any]:
    data = _read("fr.tae.yaml")
    _require("fr.tae.yaml", data, {"from": date, "until": date, "source": str, "reference": str, "seats": list,
                                   "unconfirmed": bool})
    return data


@cache
def fr_cerfa() -> dict[str, Any]:
    data = _read("fr.cerfa.yaml")
    _require("fr.cerfa.yaml", data, {"forms": dict})
    return data["forms"]


@cache
def be_courts() -> dict[str, Any]:
    data = _read("be.courts.yaml")
    _require("be.courts.yaml", data, {"areas": list, "courts": dict, "divisions": list, "source": str,
                                      "reference": str, "unconfirmed": bool, "source_date": date})
    return data
