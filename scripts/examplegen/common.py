"""Shared ground: where the examples live, the case read from YAML, money/date formatting,
party names and addresses, identifier formatting and validation (python-stdnum).

Nothing legal here: dates are only formatted; every deadline, rate or amount of the law
comes from ``legal`` (that is, from docgen).
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from stdnum import bic as std_bic, iban as std_iban
from stdnum.be import ogm_vcs, vat as be_enterprise
from stdnum.eu import vat as eu_vat
from stdnum.fr import siren as fr_siren, siret as fr_siret


ROOT = Path(__file__).resolve().parents[2]


EXAMPLES = ROOT / "examples"


CASE_NAMES = ("fr-b2b", "fr-b2c", "be-b2b", "be-b2c")


MAX_BYTES = 150 * 1024          # generated files are committed: keep each one small


PARIS = ZoneInfo("Europe/Paris")


BRUSSELS = ZoneInfo("Europe/Brussels")


SPECIMEN = "Document fictif – exemple généré par docgen/scripts/make_examples.py"


SPECIMEN_NL = "Fictief document – voorbeeld gegenereerd door docgen/scripts/make_examples.py"


CENT = Decimal("0.01")


NBSP = "\u00a0"


NNBSP = "\u202f"


def money(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT, ROUND_HALF_UP)


def num(value, lang: str = "fr") -> str:
    """1234.5 -> '1 234,50' (fr, narrow no-break space) or '1.234,50' (nl)."""
    value = money(value)
    sign = "-" if value < 0 else ""
    units, cents = f"{abs(value):.2f}".split(".")
    groups = []
    while units:
        groups.insert(0, units[-3:])
        units = units[:-3]
    sep = "." if lang == "nl" else NNBSP
    return f"{sign}{sep.join(groups)},{cents}"


def eur(value, lang: str = "fr") -> str:
    return f"€{NBSP}{num(value, lang)}" if lang == "nl" else f"{num(value, lang)}{NBSP}€"


def pct(value, lang: str = "fr") -> str:
    text = f"{Decimal(str(value)):.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text}{NBSP}%"


MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
}


WEEKDAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
}


def dshort(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def dlong(d: date, lang: str = "fr") -> str:
    day = "1er" if (lang == "fr" and d.day == 1) else str(d.day)
    return f"{day} {MONTHS[lang][d.month - 1]} {d.year}"


def fmt_siren(number: str) -> str:
    n = "".join(ch for ch in number if ch.isdigit())
    return f"{n[:3]} {n[3:6]} {n[6:9]}" + (f" {n[9:]}" if len(n) > 9 else "")


def fmt_bce(number: str) -> str:
    n = be_enterprise.compact(number)
    return f"{n[:4]}.{n[4:7]}.{n[7:]}"


def fmt_vat(number: str) -> str:
    n = eu_vat.compact(number)
    if n.startswith("BE"):
        return f"BE {fmt_bce(n[2:])}"
    if n.startswith("FR"):
        return f"FR{n[2:4]} {fmt_siren(n[4:])}"
    return n


def fmt_tracking(number: str) -> str:
    n = number.replace(" ", "")
    if n.endswith("BE"):                       # UPU S10: RR 473 190 261 BE
        return f"{n[:2]} {n[2:5]} {n[5:8]} {n[8:11]} {n[11:]}"
    return f"{n[:2]} {n[2:5]} {n[5:8]} {n[8:12]} {n[12:]}"   # La Poste: 1A 194 286 0357 4


def ogm(seed_digits: str) -> str:
    """A valid Belgian structured communication +++xxx/xxxx/xxxxx+++ from 10 digits."""
    base = (seed_digits + "0" * 10)[:10]
    return f"+++{ogm_vcs.format(base + ogm_vcs.calc_check_digits(base))}+++"


def esc(text) -> str:
    return html.escape(str(text), quote=True)


@dataclass
class Case:
    name: str
    data: dict
    directory: Path

    @classmethod
    def load(cls, name: str, examples: Path = EXAMPLES) -> "Case":
        directory = examples / name
        data = yaml.safe_load((directory / "case.yaml").read_text(encoding="utf-8"))
        return cls(name, data, directory)

    # convenience accessors -------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.data["language"]

    @property
    def country(self) -> str:
        return self.data["jurisdiction"]

    @property
    def b2b(self) -> bool:
        return self.data["relationship"] == "B2B"

    @property
    def creditor(self) -> dict:
        return self.data["creditor"]

    @property
    def debtor(self) -> dict:
        return self.data["debtor"]

    @property
    def contract(self) -> dict:
        return self.data.get("contract") or {}

    @property
    def invoices(self) -> list[dict]:
        return self.data["invoices"]

    def invoice(self, number: str) -> dict:
        return next(i for i in self.invoices if i["number"] == number)

    def events(self, kind: str) -> list[dict]:
        return sorted((e for e in self.data.get("events", []) if e["type"] == kind), key=lambda e: e["date"])

    def event_with_proof(self, proof: str) -> dict:
        return next(e for e in self.data.get("events", []) if e.get("proof") == proof)

    def referenced_files(self) -> list[str]:
        files = [i["file"] for i in self.invoices if i.get("file")]
        files += [e["proof"] for e in self.data.get("events", []) if e.get("proof")]
        files += [x["file"] for x in self.data.get("exhibits", [])]
        return files

    def open_items(self, on: date) -> list[tuple[dict, Decimal]]:
        """Invoices due on or before `on` with the principal a bookkeeper would show:
        amount less credit notes and payments received before that date (designated
        payments to their invoice, others to the oldest invoice). Interest is left out:
        this is only the figure a reminder letter quotes."""
        left = {i["number"]: money(i["amount"]) for i in self.invoices}
        for cn in self.data.get("credit_notes", []):
            if cn["date"] <= on:
                left[cn["invoice"]] -= money(cn["amount"])
        for pay in sorted(self.data.get("payments", []), key=lambda p: p["date"]):
            if pay["date"] > on:
                continue
            amount = money(pay["amount"])
            order = [pay["invoice"]] if pay.get("invoice") else []
            order += [i["number"] for i in sorted(self.invoices, key=lambda i: i["due_date"])]
            for number in order:
                take = min(amount, left[number])
                left[number] -= take
                amount -= take
                if not amount:
                    break
        return [(i, left[i["number"]]) for i in sorted(self.invoices, key=lambda i: i["due_date"])
                if left[i["number"]] > 0]


def party_name(p: dict) -> str:
    if p.get("kind") == "person" or not p.get("name"):
        return " ".join(x for x in (p.get("civility"), p.get("first_name"), p.get("last_name")) if x)
    return p["name"]


def party_full_name(p: dict) -> str:
    """Company name with its legal form: 'Pixelmeuse SRL'; a person as party_name."""
    if p.get("kind") == "company" and p.get("legal_form"):
        return f"{p['name']} {p['legal_form']}"
    return party_name(p)


def address_lines(p: dict, upper: bool = True, with_name: bool = True, home: str | None = None) -> list[str]:
    a = p["address"]
    lines = [party_full_name(p)] if with_name else []
    lines += [x for x in (a.get("street"), a.get("line2")) if x]
    city = a["city"].upper() if upper else a["city"]
    lines.append(f"{a['postcode']} {city}")
    if home and a["country"] != home:
        lines.append({"FR": "FRANCE", "BE": "BELGIQUE"}.get(a["country"], a["country"]))
    return lines


def registration_text(p: dict, lang: str, register: str | None = None) -> str:
    reg = p.get("registration")
    if not reg:
        return ""
    scheme, number = reg["scheme"], reg["number"]
    if scheme == "RCS":
        return number
    if scheme == "SIREN":
        return f"SIREN {fmt_siren(number)}"
    if scheme == "SIRET":
        return f"SIRET {fmt_siren(number)}"
    label = "Ondernemingsnummer" if lang == "nl" else "N° d'entreprise"
    text = f"{label} {fmt_bce(number)}"
    return f"{text} – {register}" if register else text


def siren_of(p: dict) -> str | None:
    reg = p.get("registration") or {}
    digits = "".join(ch for ch in reg.get("number", "") if ch.isdigit())
    return digits[:9] if reg.get("scheme") in ("SIREN", "SIRET", "RCS") else None


def check_identifiers(case: Case) -> list[str]:
    """The examples must carry valid identifiers: checked here with python-stdnum too."""
    problems = []
    for role in ("creditor", "debtor"):
        p = case.data[role]
        reg = p.get("registration")
        if reg:
            number = reg["number"]
            ok = {"SIREN": lambda: fr_siren.is_valid(number),
                  "SIRET": lambda: fr_siret.is_valid(number),
                  "RCS": lambda: fr_siren.is_valid(siren_of(p) or ""),
                  "BCE": lambda: be_enterprise.is_valid(number)}[reg["scheme"]]()
            if not ok:
                problems.append(f"{case.name}: {role} registration {number} is not valid")
        if p.get("vat_number") and not eu_vat.is_valid(p["vat_number"]):
            problems.append(f"{case.name}: {role} VAT number {p['vat_number']} is not valid")
        if p.get("iban") and not std_iban.is_valid(p["iban"]):
            problems.append(f"{case.name}: {role} IBAN {p['iban']} is not valid")
        if p.get("bic") and not std_bic.is_valid(p["bic"]):
            problems.append(f"{case.name}: {role} BIC {p['bic']} is not valid")
        if p.get("vat_number") and siren_of(p) and eu_vat.compact(p["vat_number"])[4:] != siren_of(p):
            problems.append(f"{case.name}: {role} VAT number does not match the SIREN")
    return problems

