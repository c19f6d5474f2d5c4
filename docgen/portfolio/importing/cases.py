"""The case file of one group of imported rows: its settings, its data and its YAML text, validated.

A validation error that points at an invoice or a payment drops that row (reported with its
line) and the rest of the case is validated again; an error about the case as a whole drops
the case.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ...matter import validate
from ...model.reading import parse_case_text, parse_text
from ...model.text import terminal_safe
from .report import ImportError_, ImportReport, line_ranges
from .rows import Row
from .values import cell_text

Settings = tuple[str, str, str]        # jurisdiction, relationship, language


def case_settings(rows: list[Row], jurisdiction: str | None, relationship: str | None, language: str | None,
                  report: ImportReport) -> Settings | None:
    """The option given, else what the rows say (they must agree), else a default; None when
    the rows say something unusable (they are then reported)."""
    first = rows[0]
    jur = _setting(rows, "jurisdiction", jurisdiction, ("FR", "BE"),
                   (first.creditor or {}).get("address", {}).get("country") if (first.creditor or {}).get(
                       "address", {}).get("country") in ("FR", "BE") else "FR", report)
    kind = first.debtor.get("kind")
    rel = _setting(rows, "relationship", relationship, ("B2B", "B2C"), "B2C" if kind == "person" else "B2B",
                   report)
    lang = _setting(rows, "language", language, ("fr", "nl"), "fr", report)
    if None in (jur, rel, lang):
        return None
    return jur, rel, lang


def _setting(rows: list[Row], key: str, forced: str | None, allowed: tuple[str, ...], default: str,
             report: ImportReport) -> str | None:
    if forced:
        return forced
    found = {cell_text(r.values.get(key)).upper() if key != "language" else cell_text(r.values.get(key)).lower()
             for r in rows if cell_text(r.values.get(key))}
    if len(found) > 1:
        for r in rows:
            report.errors.append((r.line, f"the rows of this case disagree on {key} ({', '.join(sorted(found))})"))
        return None
    value = found.pop() if found else default
    if value not in allowed:
        for r in rows:
            report.errors.append((r.line, f"{key} must be one of {', '.join(allowed)}, not {value!r}"))
        return None
    return value


def valid_rows(rows: list[Row], reference: str, settings: Settings, source: Path, folder: Path,
               report: ImportReport) -> list[Row]:
    """The rows left once those that validation errors point at are dropped; none when an error
    concerns the case as a whole. Every row dropped is reported."""

    rows_left = list(rows)
    while rows_left:
        payments_rows = [r for r in rows_left if r.payment]
        # What is validated is what will be read back: the very text about to be written.
        problems = list(validate(parse_text(case_text(rows_left, reference, settings, source)),
                                 base_dir=folder).problems)
        per_row, case_level = _problem_rows(problems, rows_left, payments_rows)
        if case_level and not per_row:
            for r in rows_left:
                report.errors.append((r.line, f"case {reference}: {case_level}"))
            return []
        if not per_row and not case_level:
            break
        for index in sorted(per_row, reverse=True):
            report.errors.append((rows_left[index].line, per_row[index]))
            del rows_left[index]
    return rows_left


def case_text(rows: list[Row], reference: str, settings: Settings, source: Path) -> str:
    """The case file's YAML text, headed by where it came from and what to check."""
    return _yaml_for(_case_data(rows, reference, *settings), rows, source)


def _case_data(rows: list[Row], reference: str, jurisdiction: str, relationship: str, language: str) -> dict:
    first = rows[0]
    debtor = dict(first.debtor)
    if "kind" not in debtor:
        debtor["kind"] = "person" if relationship == "B2C" else "company"
    # A person named in one column keeps ``name``: the model accepts it for a person.
    return {
        "schema_version": 1, "reference": reference, "jurisdiction": jurisdiction, "language": language,
        "relationship": relationship, "creditor": first.creditor, "debtor": debtor,
        "invoices": [r.invoice for r in rows],
        "payments": [r.payment for r in rows if r.payment],
    }


class CaseDumper(yaml.SafeDumper):
    """Lists indented under their key, as in docgen's examples and starter file."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: ARG002
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:  # noqa: ARG002 - a case file may not hold aliases
        return True


def _yaml_for(data: dict, rows: list[Row], source: Path) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    assumed = [r.line for r in rows if r.paid_date_assumed and r.payment]
    # The file name is the only outside text in the comments: shown on one line, every line
    # break and control character escaped, it cannot end the comment and start YAML data.
    head = [f"# Imported by `docgen import` from {terminal_safe(source.name)}, line(s) "
            f"{line_ranges([r.line for r in rows])}.",
            "# Before sending anything: check the parties, add the contract, the invoice files and what was",
            "# already sent (reminders, formal notice) as events; run `docgen validate` on this file."]
    if assumed:
        head.append(f"# Payments of line(s) {line_ranges(assumed)} had no date: they are dated on the invoice's "
                    "issue date, so no interest is claimed on them. Correct the dates if you know them.")
    body = yaml.dump(plain(data), Dumper=CaseDumper, allow_unicode=True, sort_keys=False, width=100)
    text = "\n".join(head) + "\n\n" + body
    # What the comments say must add no data: the file reads exactly as its dumped data does.
    if any(not line.startswith("# ") for line in head) or parse_case_text(text) != parse_case_text(body):
        raise ImportError_(f"internal error: the comments of case {data.get('reference')!r} would change its data")
    return text


def _problem_rows(problems: list, rows: list[Row], payments_rows: list[Row]) -> tuple[dict[int, str], str | None]:
    """Row-level errors (by index in ``rows``) and the first case-level error."""
    per_row: dict[int, str] = {}
    case_level = None
    for p in problems:
        if p.severity != "error":
            continue
        m = re.match(r"^(invoices|payments)\[(\d+)\]", p.path)
        if m:
            index = int(m.group(2))
            target = rows[index] if m.group(1) == "invoices" else payments_rows[index]
            per_row.setdefault(rows.index(target), f"{p.path}: {p.message}")
        elif case_level is None:
            case_level = f"{p.path + ': ' if p.path else ''}{p.message}"
    return per_row, case_level
