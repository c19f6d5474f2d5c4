"""The JSON Schema of the case file, derived from the model so that the two cannot drift.

``schemas/case.schema.json`` is the published copy; a test checks it equals this output.
Regenerate it with ``python -m docgen.model.schema --write``.
"""
from __future__ import annotations

import json
import sys

from .case import SCHEMA_VERSION, Case

SCHEMA_ID = "https://docgen.example/schemas/case.schema.json"


def case_json_schema() -> dict:
    schema = Case.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"docgen case file, version {SCHEMA_VERSION}",
        "description": "A creditor's unpaid-invoice file: parties, invoices, payments, "
                       "what was sent and when, exhibits. Field names are a public contract.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def render() -> str:
    return json.dumps(case_json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    if "--write" in sys.argv:
        from ..resources import case_schema_path
        case_schema_path().write_text(render(), encoding="utf-8")
    else:
        sys.stdout.write(render())
