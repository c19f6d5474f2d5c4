"""Where the bundled templates, schemas and legal data are found.

In a wheel, ``templates/`` and ``schemas/`` are shipped inside the package (hatch
force-include); in a source checkout or editable install they sit at the repository's
top level. This is the only module that knows both places.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _top(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"docgen is installed without its '{name}' folder")


def templates_dir() -> Path:
    return _top("templates")


def schemas_dir() -> Path:
    return _top("schemas")


def data_dir() -> Path:
    return _PACKAGE / "data"


def case_schema_path() -> Path:
    return schemas_dir() / "case.schema.json"
