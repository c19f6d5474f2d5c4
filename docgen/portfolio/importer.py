"""``docgen import``: a spreadsheet of unpaid invoices (CSV or XLSX) into case files, one per debtor.

One row per invoice. Columns are found by their headers (``import_mapping.yaml`` documents the
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
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from ..errors import DocgenError

REQUIRED = ("invoice_number", "issue_date", "due_date", "amount")
MAX_ROWS = 100_000
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_CENT = Decimal("0.01")
_EXCEL_EPOCH = date(1899, 12, 30)
_CIVILITIES = {"m": "M.", "m.": "M.", "mr": "M.", "monsieur": "M.", "mme": "Mme", "madame": "Mme", "mlle": "Mme",
               "dhr": "Dhr.", "dhr.": "Dhr.", "mijnheer": "Dhr.", "mevr": "Mevr.", "mevr.": "Mevr.",
               "mevrouw": "Mevr."}
_KINDS = {"company": "company", "societe": "company", "entreprise": "company", "professionnel": "company",
          "pro": "company", "bedrijf": "company", "vennootschap": "company", "sole_trader": "sole_trader",
          "sole trader": "sole_trader", "ei": "sole_trader", "entrepreneur individuel": "sole_trader",
          "micro entreprise": "sole_trader", "eenmanszaak": "sole_trader", "person": "person",
          "particulier": "person", "consommateur": "person", "consumer": "person", "particulier client": "person",
          "particuliere": "person", "consument": "person"}


class ImportError_(DocgenError):
    """The spreadsheet as a whole cannot be read (exit 2)."""


@dataclass
class WrittenCase:
    path: Path
    reference: str
    lines: list[int]
    invoices: int


@dataclass
class ImportReport:
    source: Path
    written: list[WrittenCase] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)      # (line, reason): rows NOT imported
    skipped: list[tuple[int, str]] = field(default_factory=list)     # (line, reason): deliberately left out
    empty_rows: int = 0

    @property
    def exit_code(self) -> int:
        return 2 if self.errors else 0

    def to_dict(self) -> dict[str, Any]:
        return {"source": str(self.source),
                "written": [{"case": str(w.path), "reference": w.reference, "lines": w.lines, "invoices": w.invoices}
                            for w in self.written],
                "errors": [{"line": n, "reason": r} for n, r in sorted(self.errors)],
                "skipped": [{"line": n, "reason": r} for n, r in sorted(self.skipped)],
                "empty_rows": self.empty_rows}

    def text(self) -> str:
        out = [f"wrote {w.path} ({w.invoices} invoice(s), line(s) {_ranges(w.lines)})" for w in self.written]
        out += [f"line {n}: skipped: {r}" for n, r in sorted(self.skipped)]
        out += [f"line {n}: NOT IMPORTED: {r}" for n, r in sorted(self.errors)]
        rows = sum(len(w.lines) for w in self.written)
        out.append(f"{len(self.written)} case file(s) written from {rows} row(s); {len(self.errors)} row(s) not "
                   f"imported, {len(self.skipped)} skipped, {self.empty_rows} empty row(s) ignored")
        return "\n".join(out)


def _ranges(numbers: list[int]) -> str:
    numbers = sorted(numbers)
    parts, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            parts.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ", ".join(parts)


# --- values ------------------------------------------------------------------------------------

def normalize_header(text: Any) -> str:
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\u00a0", " ").strip()


def parse_amount(value: Any) -> Decimal | None:
    """An amount of money (two decimals at most) from a cell; None when empty.

    Accepts ``1234.56``, ``1234,56``, ``1 234,56``, ``1.234,56``, ``1,234.56``, ``€ 12``; refuses
    negative amounts and the ambiguous ``1.234`` / ``1,234`` (thousands or decimals?).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not an amount")
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
        rounded = number.quantize(_CENT, rounding=ROUND_HALF_UP)
        if abs(number - rounded) > Decimal("0.000001"):
            raise ValueError(f"the amount {value!r} has more than two decimals")
        number = rounded
    else:
        raw = str(value)
        text = _SPACES.sub("", raw).replace("€", "").replace("EUR", "").replace("eur", "")
        negative = text.startswith("-") or text.endswith("-") or (text.startswith("(") and text.endswith(")"))
        text = text.strip("+-()")
        if negative:
            raise ValueError(f"negative amount {raw.strip()!r}")
        if not text or not re.fullmatch(r"[0-9.,]+", text):
            raise ValueError(f"{raw.strip()!r} is not an amount")
        number = Decimal(_decimal_text(text, raw.strip()))
    if number.as_tuple().exponent < -2 and number != number.quantize(_CENT):
        raise ValueError(f"the amount {_text(value)!r} has more than two decimals")
    return number.quantize(_CENT)


def _decimal_text(text: str, raw: str) -> str:
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_sep = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal_sep == "." else "."
        whole, _, frac = text.rpartition(decimal_sep)
        if decimal_sep in whole or not _grouped(whole, thousands) or not frac:
            raise ValueError(f"{raw!r} is not an amount")
        return whole.replace(thousands, "") + "." + frac
    sep = "." if dots else "," if commas else ""
    if not sep:
        return text
    count = text.count(sep)
    whole, _, frac = text.rpartition(sep)
    if count > 1:
        if not _grouped(text, sep):
            raise ValueError(f"{raw!r} is not an amount")
        return text.replace(sep, "")
    if len(frac) == 3 and whole and len(whole) <= 3:
        raise ValueError(f"the amount {raw!r} is ambiguous (thousands or decimals?): write 1234 or 1234,00")
    if not frac or len(frac) > 2 or not whole:
        raise ValueError(f"{raw!r} is not an amount with at most two decimals")
    return whole + "." + frac


def _grouped(text: str, sep: str) -> bool:
    groups = text.split(sep)
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]) and all(g.isdigit() for g in groups)


_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_DATE_YMD = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$")


def parse_date(value: Any) -> date | None:
    """A date from a cell; day first for ``02/03/2024`` (2 March). None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        day = _EXCEL_EPOCH + timedelta(days=int(value))      # a spreadsheet serial day number
        if not 1990 <= day.year <= 2100 or value != int(value):
            raise ValueError(f"{value!r} is not a date")
        return day
    text = str(value).strip().split(" ")[0].split("T")[0]
    try:
        if m := _DATE_YMD.match(text):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DATE_DMY.match(text):
            year = int(m.group(3))
            year += 2000 if year < 100 else 0
            return date(year, int(m.group(2)), int(m.group(1)))
    except ValueError:
        raise ValueError(f"{str(value).strip()!r} is not a valid date") from None
    raise ValueError(f"{str(value).strip()!r} is not a date (expected DD/MM/YYYY or YYYY-MM-DD)")


# --- reading the sheet ----------------------------------------------------------------------------

@cache
def default_mapping() -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load((files("docgen.portfolio") / "import_mapping.yaml").read_text(encoding="utf-8"))
    return {k: tuple(v) for k, v in data["columns"].items()}


def read_mapping(path: Path | None) -> tuple[dict[str, tuple[str, ...]], str | None]:
    mapping = dict(default_mapping())
    if path is None:
        return mapping, None
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ImportError_(f"cannot read the mapping file {path}: {getattr(exc, 'strerror', None) or exc}") from None
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


def _read_csv(path: Path) -> list[tuple[int, list[Any]]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
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
            if len(rows) > MAX_ROWS:
                raise ImportError_(f"{path}: more than {MAX_ROWS} rows; split the file")
    except csv.Error as exc:
        raise ImportError_(f"{path}, line {reader.line_num}: {exc}") from None
    return rows


def _read_xlsx(path: Path, sheet: str | None) -> list[tuple[int, list[Any]]]:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover
        raise ImportError_("reading .xlsx files needs openpyxl (pip install openpyxl)") from None
    try:
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
        if r > MAX_ROWS:
            raise ImportError_(f"{path}: more than {MAX_ROWS} rows; split the file")
        cells = [fill.get((r, c), v) for c, v in enumerate(values, start=1)]
        if all(_text(v) == "" for v in values):
            cells = [None] * len(cells)     # an empty row stays empty, even under a merged range
        rows.append((r, cells))
    return rows


def _find_header(rows: list[tuple[int, list[Any]]], mapping: dict[str, tuple[str, ...]]
                 ) -> tuple[int, dict[str, int]]:
    aliases = {field_name: [normalize_header(h) for h in headers] for field_name, headers in mapping.items()}
    for pos, (_, cells) in enumerate(rows[:30]):
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


# --- building the cases ---------------------------------------------------------------------------

@dataclass
class _Row:
    line: int
    values: dict[str, Any]
    invoice: dict[str, Any] = field(default_factory=dict)
    payment: dict[str, Any] | None = None
    debtor: dict[str, Any] = field(default_factory=dict)
    creditor: dict[str, Any] | None = None
    group: str = ""
    paid_date_assumed: bool = False


def _party(values: dict[str, Any], prefix: str, country_default: str | None) -> dict[str, Any]:
    def get(name: str) -> str:
        return _text(values.get(f"{prefix}_{name}"))

    party: dict[str, Any] = {}
    kind = _KINDS.get(normalize_header(get("kind"))) if get("kind") else None
    name, first, last = get("name"), get("first_name"), get("last_name")
    registration, vat = get("registration").replace(" ", ""), get("vat").replace(" ", "").replace(".", "").upper()
    if kind is None:
        kind = "company" if (registration or vat or get("legal_form")) else ("person" if (first or last) and not name
                                                                               else None)
    if kind:
        party["kind"] = kind
    if name:
        party["name"] = name
    civility = _CIVILITIES.get(get("civility").lower().rstrip(".").strip())
    if civility:
        party["civility"] = civility
    if first:
        party["first_name"] = first
    if last:
        party["last_name"] = last
    if get("legal_form"):
        party["legal_form"] = get("legal_form")
    country = country_default
    if get("country"):
        names = {"FR": "FR", "FRANCE": "FR", "BE": "BE", "BELGIQUE": "BE", "BELGIE": "BE", "BELGIUM": "BE"}
        spelled = normalize_header(get("country")).upper()
        country = names.get(spelled) or (spelled if len(spelled) == 2 else country_default)
    if registration:
        party["registration"] = _registration(registration, country)
    if vat:
        party["vat_number"] = vat
    if get("street") or get("postcode") or get("city"):
        address: dict[str, Any] = {}
        if get("street"):
            address["street"] = get("street")
        address["postcode"] = get("postcode")
        address["city"] = get("city")
        address["country"] = country or "FR"
        party["address"] = address
    for key in ("email", "phone", "iban", "bic"):
        if get(key):
            party[key] = get(key).replace(" ", "") if key in ("iban", "bic") else get(key)
    return party


def _registration(text: str, country: str | None) -> dict[str, str]:
    if text.upper().startswith("RCS"):
        return {"scheme": "RCS", "number": text}
    digits = "".join(c for c in text if c.isdigit())
    if country == "BE" or (country is None and len(digits) in (9, 10) and text.upper().startswith("BE")):
        return {"scheme": "BCE", "number": digits.zfill(10)}
    if len(digits) == 14:
        return {"scheme": "SIRET", "number": digits}
    return {"scheme": "SIREN", "number": digits}


def _group_key(row: _Row) -> str:
    if row.values.get("case_reference"):
        return "REF:" + _text(row.values["case_reference"])
    debtor = row.debtor
    reg = debtor.get("registration", {}).get("number")
    if reg:
        key = "REG:" + reg
    elif debtor.get("vat_number"):
        key = "VAT:" + debtor["vat_number"]
    else:
        name = debtor.get("name") or " ".join(filter(None, (debtor.get("first_name"), debtor.get("last_name"))))
        key = f"NAME:{normalize_header(name)}|{debtor.get('address', {}).get('postcode', '')}"
    creditor = row.creditor or {}
    return key + "|" + (creditor.get("registration", {}).get("number") or normalize_header(creditor.get("name", "")))


def _reference(key: str, debtor: dict[str, Any], values: dict[str, Any]) -> str:
    if values.get("case_reference"):
        return _text(values["case_reference"])[:60]
    name = debtor.get("name") or " ".join(filter(None, (debtor.get("last_name"), debtor.get("first_name"))))
    slug = "-".join(normalize_header(name).upper().split())[:28] or "DEBTOR"
    return f"{slug}-{hashlib.sha256(key.encode()).hexdigest()[:6].upper()}"


def _row(line: int, cells: list[Any], columns: dict[str, int], creditor: dict[str, Any] | None,
         country: str | None, report: ImportReport) -> _Row | None:
    values = {f: (cells[i] if i < len(cells) else None) for f, i in columns.items()}
    row = _Row(line, values)
    problems = []
    number = _text(values.get("invoice_number"))
    if not number:
        problems.append("no invoice number")
    parsed: dict[str, Any] = {}
    for key in ("issue_date", "due_date", "paid_date"):
        try:
            parsed[key] = parse_date(values.get(key))
        except ValueError as exc:
            problems.append(f"{key.replace('_', ' ')}: {exc}")
    for key in ("amount", "paid"):
        try:
            parsed[key] = parse_amount(values.get(key))
        except ValueError as exc:
            problems.append(f"{key}: {exc}")
    for key in ("issue_date", "due_date", "amount"):
        if key in parsed and parsed[key] is None:
            problems.append(f"no {key.replace('_', ' ')}")
    amount, paid = parsed.get("amount"), parsed.get("paid") or Decimal("0")
    if amount is not None and amount <= 0:
        problems.append("the amount must be more than zero")
    if parsed.get("issue_date") and parsed.get("due_date") and parsed["due_date"] < parsed["issue_date"]:
        problems.append(f"due date {parsed['due_date']} is before the issue date {parsed['issue_date']}")
    if amount is not None and paid > amount:
        problems.append(f"paid ({paid}) is more than the amount ({amount})")
    row.debtor = _party(values, "debtor", country)
    if not (row.debtor.get("name") or row.debtor.get("last_name")):
        problems.append("no debtor name")
    row.creditor = creditor if creditor is not None else _party(values, "creditor", None)
    if creditor is None and not row.creditor.get("name"):
        problems.append("no creditor: give --creditor creditor.yaml or a creditor_name column")
    if problems:
        report.errors.append((line, "; ".join(dict.fromkeys(problems))))
        return None
    if amount is not None and paid == amount:
        report.skipped.append((line, f"invoice {number} is fully paid"))
        return None
    row.invoice = {"number": number, "issue_date": parsed["issue_date"], "due_date": parsed["due_date"],
                   "amount": f"{amount:.2f}"}
    if _text(values.get("description")):
        row.invoice["description"] = _text(values.get("description"))
    if paid > 0:
        paid_on = parsed.get("paid_date") or parsed["issue_date"]
        row.paid_date_assumed = parsed.get("paid_date") is None
        row.payment = {"date": paid_on, "amount": f"{paid:.2f}", "invoice": number}
    row.group = _group_key(row)
    return row


def _setting(rows: list[_Row], key: str, forced: str | None, allowed: tuple[str, ...], default: str,
             report: ImportReport) -> str | None:
    if forced:
        return forced
    found = {_text(r.values.get(key)).upper() if key != "language" else _text(r.values.get(key)).lower()
             for r in rows if _text(r.values.get(key))}
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


def _case_data(rows: list[_Row], reference: str, jurisdiction: str, relationship: str, language: str) -> dict:
    first = rows[0]
    debtor = dict(first.debtor)
    if "kind" not in debtor:
        debtor["kind"] = "person" if relationship == "B2C" else "company"
    if debtor["kind"] == "person" and "name" in debtor and "last_name" not in debtor:
        pass     # a person named in one column: the model accepts ``name`` for a person
    return {
        "schema_version": 1, "reference": reference, "jurisdiction": jurisdiction, "language": language,
        "relationship": relationship, "creditor": first.creditor, "debtor": debtor,
        "invoices": [r.invoice for r in rows],
        "payments": [r.payment for r in rows if r.payment],
    }


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as in docgen's examples and starter file."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: ARG002
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:  # noqa: ARG002 - a case file may not hold aliases
        return True


def _yaml_for(data: dict, rows: list[_Row], source: Path) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    assumed = [r.line for r in rows if r.paid_date_assumed and r.payment]
    head = [f"# Imported by `docgen import` from {source.name}, line(s) {_ranges([r.line for r in rows])}.",
            "# Before sending anything: check the parties, add the contract, the invoice files and what was",
            "# already sent (reminders, formal notice) as events; run `docgen validate` on this file."]
    if assumed:
        head.append(f"# Payments of line(s) {_ranges(assumed)} had no date: they are dated on the invoice's issue "
                    "date, so no interest is claimed on them. Correct the dates if you know them.")
    body = yaml.dump(plain(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return "\n".join(head) + "\n\n" + body


def _problem_rows(problems: list, rows: list[_Row], payments_rows: list[_Row]) -> tuple[dict[int, str], str | None]:
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


def import_invoices(source: str | Path, out: str | Path, *, mapping: str | Path | None = None,
                    jurisdiction: str | None = None, relationship: str | None = None, language: str | None = None,
                    creditor: str | Path | dict | None = None) -> ImportReport:
    """Read ``source`` (.csv or .xlsx) and write one case file per debtor under ``out``."""
    from ..api import validate
    from ..model.reading import parse_text
    from ._files import write_public

    source, out = Path(source), Path(out)
    report = ImportReport(source)
    columns_map, sheet = read_mapping(Path(mapping) if mapping else None)
    creditor_data = _read_creditor(creditor)
    suffix = source.suffix.lower()
    try:
        if suffix == ".csv":
            rows = _read_csv(source)
        elif suffix in (".xlsx", ".xlsm"):
            rows = _read_xlsx(source, sheet)
        else:
            raise ImportError_(f"{source}: expected a .csv or .xlsx file")
    except OSError as exc:
        raise ImportError_(f"cannot read {source}: {exc.strerror or exc}") from None
    header_pos, columns = _find_header(rows, columns_map)
    country = None
    if creditor_data and isinstance(creditor_data.get("address"), dict):
        country = creditor_data["address"].get("country")
    parsed: list[_Row] = []
    seen: dict[tuple[str, str], int] = {}
    for line, cells in rows[header_pos + 1:]:
        if all(_text(c) == "" for c in cells):
            report.empty_rows += 1
            continue
        row = _row(line, cells, columns, creditor_data, jurisdiction or country, report)
        if row is None:
            continue
        key = (row.group, row.invoice["number"])
        if key in seen:
            report.errors.append((line, f"invoice {row.invoice['number']} of this debtor is already on line {seen[key]}"))
            continue
        seen[key] = line
        parsed.append(row)
    groups: dict[str, list[_Row]] = {}
    for row in parsed:
        groups.setdefault(row.group, []).append(row)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImportError_(f"cannot create {out}: {exc.strerror or exc}") from None
    used_refs: set[str] = set()
    for key, group in groups.items():
        first = group[0]
        jur = _setting(group, "jurisdiction", jurisdiction, ("FR", "BE"),
                       (first.creditor or {}).get("address", {}).get("country") if (first.creditor or {}).get(
                           "address", {}).get("country") in ("FR", "BE") else "FR", report)
        kind = first.debtor.get("kind")
        rel = _setting(group, "relationship", relationship, ("B2B", "B2C"), "B2C" if kind == "person" else "B2B",
                       report)
        lang = _setting(group, "language", language, ("fr", "nl"), "fr", report)
        if None in (jur, rel, lang):
            continue
        reference = _reference(key, first.debtor, first.values)
        if reference in used_refs:
            for r in group:
                report.errors.append((r.line, f"case reference {reference} is used by another group of rows"))
            continue
        used_refs.add(reference)
        folder = out / _folder_name(reference)
        if folder.exists():
            for r in group:
                report.errors.append((r.line, f"the case folder {folder} already exists: import into an empty "
                                              "folder, or remove it first"))
            continue
        rows_left = list(group)
        while rows_left:
            data = _case_data(rows_left, reference, jur, rel, lang)
            payments_rows = [r for r in rows_left if r.payment]
            # What is validated is what will be read back: the very text about to be written.
            problems = list(validate(parse_text(_yaml_for(data, rows_left, source)), base_dir=folder).problems)
            per_row, case_level = _problem_rows(problems, rows_left, payments_rows)
            if case_level and not per_row:
                for r in rows_left:
                    report.errors.append((r.line, f"case {reference}: {case_level}"))
                rows_left = []
                break
            if not per_row and not case_level:
                break
            for index in sorted(per_row, reverse=True):
                report.errors.append((rows_left[index].line, per_row[index]))
                del rows_left[index]
        if not rows_left:
            continue
        data = _case_data(rows_left, reference, jur, rel, lang)
        text = _yaml_for(data, rows_left, source)
        try:
            folder.mkdir(parents=True)
            write_public(folder / "case.yaml", text.encode("utf-8"))
        except OSError as exc:
            for r in rows_left:
                report.errors.append((r.line, f"cannot write {folder}/case.yaml: {exc.strerror or exc}"))
            continue
        report.written.append(WrittenCase(folder / "case.yaml", reference, [r.line for r in rows_left],
                                          len(rows_left)))
    return report


def _folder_name(reference: str) -> str:
    from .generate import safe_name

    return safe_name(reference)


def _read_creditor(creditor: str | Path | dict | None) -> dict | None:
    if creditor is None or isinstance(creditor, dict):
        return creditor
    try:
        data = yaml.safe_load(Path(creditor).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ImportError_(f"cannot read the creditor file {creditor}: {getattr(exc, 'strerror', None) or exc}") \
            from None
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
