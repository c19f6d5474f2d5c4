"""Reading the spreadsheet of ``docgen import``: its numbered rows and the columns its header names.

A CSV file is decoded as UTF-8 (with or without BOM), else as Windows-1252 (a French Excel
export), and its delimiter guessed. In a workbook, a merged cell's value applies to every cell
of its range. Rows keep the line number the user sees, so that every report points at a line.
"""
from __future__ import annotations

import csv
import io
import warnings
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any


from ...model.reading import parse_case_text, read_yaml_file
from .report import ImportError_
from .values import cell_text, normalize_header
from .xlsx_guard import check_workbook

REQUIRED = ("invoice_number", "issue_date", "due_date", "amount")
MAX_ROWS = 100_000          # rows of invoices, under the header
HEADER_ROWS = 30            # the header is looked for among the first rows (a title may come first)

Rows = list[tuple[int, list[Any]]]


def read_rows(source: Path, sheet: str | None) -> Rows:
    """``(line number, cells)`` of every row of a .csv or .xlsx file."""
    suffix = source.suffix.lower()
    try:
        if suffix == ".csv":
            return _read_csv(source)
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(source, sheet)
        raise ImportError_(f"{source}: expected a .csv or .xlsx file")
    except OSError as exc:
        raise ImportError_(f"cannot read {source}: {exc.strerror or exc}") from None


@cache
def default_mapping() -> dict[str, tuple[str, ...]]:
    data = parse_case_text((files("docgen.portfolio.importing") / "mapping.yaml").read_text(encoding="utf-8"))
    return {k: tuple(v) for k, v in data["columns"].items()}


def read_mapping(path: Path | None) -> tuple[dict[str, tuple[str, ...]], str | None]:
    mapping = dict(default_mapping())
    if path is None:
        return mapping, None
    data = read_yaml_file(Path(path), "mapping file", ImportError_)
    if not isinstance(data, dict) or set(data) - {"columns", "sheet"}:
        raise ImportError_(f"{path}: a mapping file has `columns:` (field: header) and optionally `sheet:`")
    columns = data.get("columns") or {}
    if not isinstance(columns, dict):
        raise ImportError_(f"{path}: `columns:` maps each field to a header or a list of headers")
    for key, headers in columns.items():
        if key not in mapping:
            raise ImportError_(f"{path}: unknown field {key!r} (known: {', '.join(mapping)})")
        headers = [headers] if isinstance(headers, str) else headers
        if not isinstance(headers, list) or not all(isinstance(h, str) for h in headers) or not headers:
            raise ImportError_(f"{path}: {key}: expected a header or a list of headers")
        mapping[key] = tuple(headers)
    sheet = data.get("sheet")
    return mapping, (str(sheet) if sheet is not None else None)


def _read_csv(path: Path) -> Rows:
    text = _decode(path, path.read_bytes())
    if "\r" in text and "\n" not in text:
        # Line ends of a classic Mac export: csv reads them, but the delimiter guess below
        # would see a single line. (A quoted break inside a cell becomes a plain \n: harmless.)
        text = text.replace("\r", "\n")
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=";,\t|")
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        dialect = csv.excel
        if first.count(";") > first.count(","):
            dialect = type("semicolon", (csv.excel,), {"delimiter": ";"})
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows, start = [], 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
            if len(rows) > MAX_ROWS + HEADER_ROWS:
                raise ImportError_(f"{path}: more than {MAX_ROWS} rows of invoices; split the file")
    except csv.Error as exc:
        raise ImportError_(f"{path}, line {reader.line_num}: {exc}") from None
    return rows


def _read_xlsx(path: Path, sheet: str | None) -> Rows:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover
        raise ImportError_("reading .xlsx files needs openpyxl (pip install openpyxl)") from None
    check_workbook(path)            # before openpyxl inflates or parses anything
    try:
        with warnings.catch_warnings():
            # openpyxl warns (on stderr) about what it cannot read, e.g. a date serial past 9999;
            # such a cell comes back as an error value and its row is reported like any bad cell.
            warnings.simplefilter("ignore", UserWarning)
            book = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - zip, XML or openpyxl errors: not a readable workbook
        raise ImportError_(f"{path} is not a readable .xlsx workbook ({type(exc).__name__})") from None
    if sheet is not None and sheet not in book.sheetnames:
        raise ImportError_(f"{path}: no sheet named {sheet!r} (sheets: {', '.join(book.sheetnames)})")
    ws = book[sheet] if sheet is not None else book.worksheets[0]
    fill: dict[tuple[int, int], Any] = {}
    for merged in ws.merged_cells.ranges:
        value = ws.cell(merged.min_row, merged.min_col).value
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                fill[(r, c)] = value
    rows = []
    for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if r > MAX_ROWS + HEADER_ROWS:
            raise ImportError_(f"{path}: more than {MAX_ROWS} rows of invoices; split the file")
        cells = [fill.get((r, c), v) for c, v in enumerate(values, start=1)]
        if all(cell_text(v) == "" for v in values):
            cells = [None] * len(cells)     # an empty row stays empty, even under a merged range
        rows.append((r, cells))
    return rows


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16"))


def _decode(path: Path, raw: bytes) -> str:
    """The text of a CSV file: UTF-16/32 by their byte-order mark (Excel's "Unicode text"),
    else UTF-8 (with or without BOM), else Windows-1252 (a French Excel export)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                raise ImportError_(f"{path}: the file starts as {encoding.upper()} text but is not; export it as "
                                   "CSV UTF-8") from None
    if b"\x00" in raw[:4096]:
        raise ImportError_(f"{path}: the file looks like UTF-16 text without a byte-order mark (or is not text); "
                           "export it as CSV UTF-8")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportError_(f"{path}: the file is neither UTF-8 nor Windows-1252 text; export it as CSV UTF-8")


def check_row_count(rows: Rows, header_pos: int) -> None:
    """At most MAX_ROWS rows of invoices under the header (the header and the lines above it
    do not count; neither do empty rows)."""
    count = sum(1 for _, cells in rows[header_pos + 1:] if any(cell_text(c) for c in cells))
    if count > MAX_ROWS:
        raise ImportError_(f"{count} rows of invoices: at most {MAX_ROWS} can be imported at once; split the file")


def find_header(rows: Rows, mapping: dict[str, tuple[str, ...]]) -> tuple[int, dict[str, int]]:
    """The position of the header row among the first 30 and the column of each field it names."""
    aliases = {field_name: [normalize_header(h) for h in headers] for field_name, headers in mapping.items()}
    for pos, (_, cells) in enumerate(rows[:HEADER_ROWS]):
        names = [normalize_header(c) for c in cells]
        columns: dict[str, int] = {}
        used: set[int] = set()
        for field_name, wanted in aliases.items():
            for alias in wanted:
                hit = next((i for i, n in enumerate(names) if n == alias and i not in used), None)
                if hit is not None:
                    columns[field_name] = hit
                    used.add(hit)
                    break
        if all(k in columns for k in REQUIRED) and ("debtor_name" in columns or "debtor_last_name" in columns):
            return pos, columns
    raise ImportError_("no header row found: the first rows must name at least the invoice number, issue date, "
                       "due date, amount and debtor columns (see `docgen import --help` for the accepted headers, "
                       "or give a --mapping file)")
