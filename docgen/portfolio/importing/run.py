"""``docgen import``: a spreadsheet of unpaid invoices (CSV or XLSX) into case files, one per debtor.

E-invoices (Factur-X PDFs, UBL and CII XML, folders of them) are dispatched by ``import_sources``
to ``docgen.portfolio.importing.einvoice``; the rest of this module is about spreadsheets.

One row per invoice. Columns are found by their headers (``mapping.yaml`` documents the
default names; ``--mapping`` overrides them). French-style input is understood: amounts such as
``1 234,56`` or ``1.234,56``, dates written day first (``02/03/2024`` is 2 March), empty rows
(skipped) and, in a workbook, merged cells (their value applies to every cell of the range).

Rows are grouped into cases by the ``case_reference`` column if there is one, else by debtor
(registration number, else VAT number, else name and postcode). A paid amount becomes a payment
designated to its invoice, dated by the ``paid_date`` column or, failing that, on the invoice's
issue date (so that no interest is claimed on what was paid; the case file says so). A fully
paid invoice is not imported (listed as skipped).

Nothing is lost silently: every row not imported is reported with its line number and the
reason, and each case file is validated (``docgen.api.validate``) before it is written; the
rows a validation error points at are dropped and reported, the rest of the case is kept.
An existing case folder is never overwritten.

The work is shared out: ``sheet`` reads the rows and finds the header,
``values`` parses cells, ``rows`` turns a row into case-file parts,
``cases`` builds and validates each case file, ``report`` says what happened;
this module groups the rows and writes the portfolio.
"""
from __future__ import annotations

import contextlib
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ...atomic import write_bytes
from ...model.reading import read_yaml_file
from ..batch.plan import safe_name
from .cases import case_settings, case_text, valid_rows
from .report import ImportError_, ImportReport, WrittenCase
from .rows import Row, case_reference, parse_row
from .sheet import (MAX_ROWS, REQUIRED, check_row_count, default_mapping, find_header, read_mapping,
                           read_rows)
from .values import cell_text, normalize_header, parse_amount, parse_date

__all__ = ["MAX_ROWS", "REQUIRED", "ImportError_", "ImportReport", "WrittenCase", "default_mapping",
           "import_invoices", "import_sources", "normalize_header", "parse_amount", "parse_date", "read_mapping"]


def import_sources(sources: list[str | Path], out: str | Path, *, mapping: str | Path | None = None,
                   jurisdiction: str | None = None, relationship: str | None = None, language: str | None = None,
                   creditor: str | Path | dict | None = None):  # noqa: ANN201 - ImportReport or EInvoiceReport
    """``docgen import``: one spreadsheet (.csv, .xlsx), or e-invoices (.pdf Factur-X, .xml UBL or
    CII, and folders of them: ``docgen.portfolio.importing.einvoice``)."""
    # lazy: the e-invoice import loads lxml and pypdf, which a spreadsheet import never needs
    from .einvoice import import_einvoices, is_einvoice_source

    paths = [Path(s) for s in sources]
    if not paths:
        raise ImportError_("nothing to import: name a spreadsheet, e-invoice files or a folder")
    if not all(is_einvoice_source(p) for p in paths):
        if len(paths) > 1:
            raise ImportError_("import one spreadsheet at a time (e-invoices, .pdf or .xml, may come several at once)")
        return import_invoices(paths[0], out, mapping=mapping, jurisdiction=jurisdiction, relationship=relationship,
                               language=language, creditor=creditor)
    if mapping is not None or creditor is not None:
        raise ImportError_("--mapping and --creditor are for spreadsheets: an e-invoice names its seller and columns")
    return import_einvoices(paths, out, jurisdiction=jurisdiction, relationship=relationship, language=language)


def import_invoices(source: str | Path, out: str | Path, *, mapping: str | Path | None = None,
                    jurisdiction: str | None = None, relationship: str | None = None, language: str | None = None,
                    creditor: str | Path | dict | None = None) -> ImportReport:
    """Read ``source`` (.csv or .xlsx) and write one case file per debtor under ``out``."""

    source, out = Path(source), Path(out)
    report = ImportReport(source)
    columns_map, sheet = read_mapping(Path(mapping) if mapping else None)
    creditor_data = _read_creditor(creditor)
    rows = read_rows(source, sheet)
    header_pos, columns = find_header(rows, columns_map)
    check_row_count(rows, header_pos)
    country = None
    if creditor_data and isinstance(creditor_data.get("address"), dict):
        country = creditor_data["address"].get("country")
    groups = _groups(rows[header_pos + 1:], columns, creditor_data, jurisdiction or country, report)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImportError_(f"cannot create {out}: {exc.strerror or exc}") from None
    used_refs: set[str] = set()
    for key, group in groups.items():
        first = group[0]
        settings = case_settings(group, jurisdiction, relationship, language, report)
        if settings is None:
            continue
        reference = case_reference(key, first.debtor, first.values)
        if reference in used_refs:
            for r in group:
                report.errors.append((r.line, f"case reference {reference} is used by another group of rows"))
            continue
        used_refs.add(reference)
        folder = out / safe_name(reference)
        if folder.exists():
            for r in group:
                report.errors.append((r.line, f"the case folder {folder} already exists: import into an empty "
                                              "folder, or remove it first"))
            continue
        rows_left = valid_rows(group, reference, settings, source, folder, report)
        if not rows_left:
            continue
        text = case_text(rows_left, reference, settings, source)
        try:
            folder.mkdir(parents=True)
            write_bytes(folder / "case.yaml", text.encode("utf-8"))
        except OSError as exc:
            # An empty folder left behind (full disk) would make the next import refuse the case.
            with contextlib.suppress(OSError):
                folder.rmdir()
            for r in rows_left:
                report.errors.append((r.line, f"cannot write {folder}/case.yaml: {exc.strerror or exc}"))
            continue
        report.written.append(WrittenCase(folder / "case.yaml", reference, [r.line for r in rows_left],
                                          len(rows_left)))
    return report


def _groups(rows: list[tuple[int, list[Any]]], columns: dict[str, int], creditor: dict | None,
            country: str | None, report: ImportReport) -> dict[str, list[Row]]:
    """The usable rows after the header, grouped into cases (in the order they first appear)."""
    parsed: list[Row] = []
    seen: dict[tuple[str, str], int] = {}
    for line, cells in rows:
        if all(cell_text(c) == "" for c in cells):
            report.empty_rows += 1
            continue
        try:
            row = parse_row(line, cells, columns, creditor, country, report)
        except Exception as exc:  # noqa: BLE001 - one unforeseen cell must not stop the import of the rest
            report.errors.append((line, f"this row cannot be read ({type(exc).__name__}: {str(exc)[:120]})"))
            continue
        if row is None:
            continue
        key = (row.group, row.invoice["number"])
        if key in seen:
            report.errors.append((line, f"invoice {row.invoice['number']} of this debtor is already on line {seen[key]}"))
            continue
        seen[key] = line
        parsed.append(row)
    groups: dict[str, list[Row]] = {}
    for row in parsed:
        groups.setdefault(row.group, []).append(row)
    return groups


def _read_creditor(creditor: str | Path | dict | None) -> dict | None:
    if creditor is None or isinstance(creditor, dict):
        return creditor

    data = read_yaml_file(Path(creditor), "creditor file", ImportError_)
    if isinstance(data, dict) and isinstance(data.get("creditor"), dict):
        data = data["creditor"]
    if not isinstance(data, dict):
        raise ImportError_(f"{creditor}: expected the creditor's fields (kind, name, address ...) or a "
                           "`creditor:` block")
    return _stringify(data)


def _stringify(value: Any) -> Any:
    """YAML read by PyYAML gives dates and numbers; the case model wants text."""
    if isinstance(value, dict):
        return {str(k): _stringify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value
