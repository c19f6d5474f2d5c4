"""One spreadsheet row of ``docgen import`` as case-file parts: invoice, payment, debtor, creditor.

Cells are mapped to the case model's fields (a party's kind, civility and registration scheme
guessed from what the row holds), and the row is checked on its own; a row with a problem is
reported with its line and every reason, and goes no further.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .report import ImportReport
from .values import cell_text, normalize_header, parse_amount, parse_date

_CIVILITIES = {"m": "M.", "m.": "M.", "mr": "M.", "monsieur": "M.", "mme": "Mme", "madame": "Mme", "mlle": "Mme",
               "dhr": "Dhr.", "dhr.": "Dhr.", "mijnheer": "Dhr.", "mevr": "Mevr.", "mevr.": "Mevr.",
               "mevrouw": "Mevr."}
_KINDS = {"company": "company", "societe": "company", "entreprise": "company", "professionnel": "company",
          "pro": "company", "bedrijf": "company", "vennootschap": "company", "sole_trader": "sole_trader",
          "sole trader": "sole_trader", "ei": "sole_trader", "entrepreneur individuel": "sole_trader",
          "micro entreprise": "sole_trader", "eenmanszaak": "sole_trader", "person": "person",
          "particulier": "person", "consommateur": "person", "consumer": "person", "particulier client": "person",
          "particuliere": "person", "consument": "person"}


@dataclass
class Row:
    """A row that passed its own checks, as the parts of a case file."""

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
        return cell_text(values.get(f"{prefix}_{name}"))

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


def _group_key(row: Row) -> str:
    if row.values.get("case_reference"):
        return "REF:" + cell_text(row.values["case_reference"])
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


def case_reference(key: str, debtor: dict[str, Any], values: dict[str, Any]) -> str:
    """The case_reference column, else the debtor's name and a hash of the group key (the same on
    every import; different for two debtors of the same name)."""
    if values.get("case_reference"):
        return cell_text(values["case_reference"])[:60]
    name = debtor.get("name") or " ".join(filter(None, (debtor.get("last_name"), debtor.get("first_name"))))
    slug = "-".join(normalize_header(name).upper().split())[:28] or "DEBTOR"
    return f"{slug}-{hashlib.sha256(key.encode()).hexdigest()[:6].upper()}"


def parse_row(line: int, cells: list[Any], columns: dict[str, int], creditor: dict[str, Any] | None,
              country: str | None, report: ImportReport) -> Row | None:
    """The row's case-file parts; None when it is reported (every problem of the row at once) or
    skipped (fully paid)."""
    values = {f: (cells[i] if i < len(cells) else None) for f, i in columns.items()}
    row = Row(line, values)
    problems = []
    number = cell_text(values.get("invoice_number"))
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
    if cell_text(values.get("description")):
        row.invoice["description"] = cell_text(values.get("description"))
    if paid > 0:
        paid_on = parsed.get("paid_date") or parsed["issue_date"]
        row.paid_date_assumed = parsed.get("paid_date") is None
        row.payment = {"date": paid_on, "amount": f"{paid:.2f}", "invoice": number}
    row.group = _group_key(row)
    return row
