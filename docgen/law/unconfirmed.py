"""Which legal values flagged ``unconfirmed`` a document would print or rely on, and the finding.

A value of docgen's tables may be flagged ``unconfirmed`` (no official publication seen yet).
Such a value may go into a document that is sent or filed only when the firm confirmed it in an
overlay folder (docs/legal-data.md; the overlay entry then carries ``unconfirmed: false`` and its
own source, and ``parameter()`` no longer flags it), or when the user explicitly accepts it
(``--accept-unconfirmed``, a plain boolean the callers pass here). Statements and ``docgen check``
keep working either way: they only say which values are unconfirmed.

A table used past its ``last_value_still_valid_on`` is a different matter (``--assume-last-rate``,
STALE-RATE-TABLE) and is not listed here.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ..model.case import Case
from .checks_base import Finding
from .parameters import DOCGEN_ORIGIN, Parameter, parameter
from .regime import TableEntry, regime_for
from .statement import Statement

RULE_ID = "UNCONFIRMED-LEGAL-DATA"
DOC = "docs/legal-data.md"

# What a document names: a table (its value on the as-of day) or a table and the day it was read on.
Use = str | tuple[str, date]


@dataclass(frozen=True)
class UnconfirmedValue:
    """One unconfirmed entry of a legal table that a document prints or relies on."""

    table: str
    start: date
    value: Any
    unit: str
    source: str
    origin: str          # "docgen" or the overlay file that supplied the entry
    reference: str       # the table's legal reference (the basis of the finding)
    note: str | None = None

    @property
    def shown(self) -> str:
        """The value as a person reads it: ``6.84 %``, ``1860.00 EUR``, ``15 days``."""
        value = f"{self.value:f}" if isinstance(self.value, Decimal) else str(self.value)
        return {"percent": f"{value} %", "eur": f"{value} EUR"}.get(
            self.unit, value if self.unit in ("brackets", "count") else f"{value} {self.unit}")

    def to_dict(self) -> dict[str, Any]:
        value = self.value
        if isinstance(value, Decimal):
            value = f"{value:f}"
        elif not isinstance(value, int):
            value = str(value)
        return {"table": self.table, "start": self.start.isoformat(), "value": value, "unit": self.unit,
                "source": self.source, "origin": self.origin, "reference": self.reference, "note": self.note}


def statement_entries(case: Case, statement: Statement) -> Iterator[TableEntry]:
    """The table entries behind the statement's interest lines that are flagged unconfirmed.

    The lines carry only a flag; the regime is asked again, for exactly each line's days, which
    entries it read (a capped contractual rate relies on the cap's entry too).
    """
    regime = regime_for(case)
    invoices = {inv.number: inv for inv in case.invoices}
    for line in statement.interest:
        if not line.unconfirmed or line.invoice not in invoices:
            continue
        terms, _ = regime.interest_terms(case, invoices[line.invoice])
        if terms is None:
            continue
        for period in terms.periods.periods(line.first, line.last, assume_last=True):
            yield from period.relies_on


def unconfirmed_values(case: Case, statement: Statement | None, as_of: date,
                       uses: Iterable[Use] = ()) -> list[UnconfirmedValue]:
    """Every unconfirmed value a document of ``case`` on ``as_of`` would print or rely on.

    ``statement`` (if the document prints figures) contributes the entries behind its interest
    lines; ``uses`` names the other tables the document reads: a name means its value on
    ``as_of``, a ``(name, day)`` pair its value on that day. Overlays in force are applied, so a
    value a firm confirmed is not listed. Sorted by table and start date, each entry once.
    """
    entries: list[TableEntry] = list(statement_entries(case, statement)) if statement is not None else []
    for use in uses:
        name, day = (use, as_of) if isinstance(use, str) else use
        entries.append(TableEntry(name, parameter(name).at(day, assume_last=True)))
    found: dict[tuple[str, date], UnconfirmedValue] = {}
    for table_name, entry in entries:
        if not entry.unconfirmed or (table_name, entry.start) in found:
            continue
        table: Parameter = parameter(table_name)
        found[(table_name, entry.start)] = UnconfirmedValue(
            table_name, entry.start, entry.value, table.unit, entry.source, entry.origin, table.reference,
            entry.note)
    return [found[key] for key in sorted(found)]


def unconfirmed_findings(items: Iterable[UnconfirmedValue], *, accepted: bool) -> list[Finding]:
    """One finding per table: an ``error`` unless the user accepted unconfirmed values, then a ``warning``.

    ``path`` is ``data:<table>.yaml``: the overlay file that would settle it.
    """

    by_table: dict[str, list[UnconfirmedValue]] = {}
    for item in items:
        by_table.setdefault(item.table, []).append(item)
    out = []
    for table, group in sorted(by_table.items()):
        values = "; ".join(f"{i.shown} from {i.start} (source: {i.source}"
                           + ("" if i.origin == DOCGEN_ORIGIN else f"; origin: {i.origin}") + ")"
                           for i in group)
        what = f"legal table {table} ({group[0].reference}): {values}"
        if accepted:
            out.append(Finding(RULE_ID, "warning", group[0].reference,
                               f"{what} is not confirmed by an official publication; used because "
                               "--accept-unconfirmed was given (recorded in the manifest and the review).",
                               f"data:{table}.yaml"))
        else:
            out.append(Finding(RULE_ID, "error", group[0].reference,
                               f"{what} is not confirmed by an official publication, and this document relies on "
                               f"it. Either confirm it: put a file {table}.yaml in a legal data overlay folder "
                               "(--data DIR or the DOCGEN_DATA variable) with the same start date, the value "
                               "published officially, its official source and unconfirmed: false (see "
                               f"{DOC}); or pass --accept-unconfirmed to use it as it is.",
                               f"data:{table}.yaml"))
    return out


def overlay_snippet(items: Iterable[UnconfirmedValue]) -> str:
    """The overlay file(s) a firm would write to confirm ``items``, with the source left to fill.

    For the review file: the firm checks each value against the official publication, corrects
    it if needed, and writes that publication as the source.
    """
    by_table: dict[str, list[UnconfirmedValue]] = {}
    for item in items:
        by_table.setdefault(item.table, []).append(item)
    parts = []
    for table, group in sorted(by_table.items()):
        lines = [f"# {table}.yaml", "values:"]
        for i in group:
            if isinstance(i.value, (Decimal, int)):
                value = f"{i.value:f}" if isinstance(i.value, Decimal) else str(i.value)
                lines.append(f'  {i.start.isoformat()}: {{value: "{value}", '
                             'source: "<official publication: title, date, reference>", unconfirmed: false}')
            else:
                lines.append(f"  {i.start.isoformat()}:   # copy the entry from docgen rates --json, "
                             "with the official source and unconfirmed: false")
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + ("\n" if parts else "")
