"""Helpers of the portfolio tests: the bundled examples as data, and variants of them on disk."""
from __future__ import annotations

import copy
import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
AS_OF = date(2026, 10, 15)
NAMES = ("fr-b2b", "fr-b2c", "be-b2b", "be-b2c")


def example_data(name: str) -> dict:
    """An example's case file as plain data (dates as text, as the case reader gives them)."""
    from docgen.model.reading import read_case_file

    return copy.deepcopy(read_case_file(EXAMPLES / name / "case.yaml"))


def write_variant(folder: Path, name: str, data: dict) -> Path:
    """A case folder holding ``data`` and every file of example ``name`` (pieces, proofs)."""
    shutil.copytree(EXAMPLES / name, folder)
    (folder / "case.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder / "case.yaml"


def copy_examples(target: Path) -> Path:
    for name in NAMES:
        shutil.copytree(EXAMPLES / name, target / name)
    return target


def after_the_rate_tables() -> date:
    """A day past the end of every dated rate table of docgen: statements need --assume-last-rate."""
    from docgen.law.parameters import all_parameters

    ends = [t.last_value_still_valid_on for t in all_parameters().values() if t.last_value_still_valid_on]
    return max(ends) + timedelta(days=60)
