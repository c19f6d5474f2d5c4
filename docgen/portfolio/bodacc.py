"""Reading a BODACC "procédures collectives" open-data export (DILA, dataset
``annonces-commerciales`` on bodacc-datadila.opendatasoft.com, also listed on data.gouv.fr).

The export is read as published: JSON (a list of records, each flat or wrapped as
opendatasoft's ``{"fields": {...}}``; also ``{"results": [...]}`` from the explore API and
JSON lines), or CSV (``;``-separated, a header row of field names). The fields used are
``familleavis``/``familleavis_lib``, ``typeavis``, ``registre`` (the SIREN numbers, a list or
"833 310 592,833310592"), ``dateparution``, ``tribunal``, ``commercant``, ``id``,
``numeroannonce`` and ``jugement`` (a JSON text: ``famille``, ``nature``, ``date``,
``complementJugement``); ``listepersonnes`` when ``registre`` is empty. See docs/insolvency-scan.md for the sources and the mapping.

Every string of the export is untrusted data: it is only compared, cut to the case file's
limits and written as a quoted scalar. A fault of the file (not JSON, no header, too large) is
a DocgenError; a fault of one record only sets that record aside, with its reason.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import DocgenError
from .bodacc_judgments import Administrator, administrator_of, classify, clip as _clip, court_name, fold

# A day's or a month's publications for a portfolio's debtors are far below this; the whole
# national history is not what this command is for (filter the export by date first).
MAX_EXPORT_BYTES = 256 * 1024 * 1024
MAX_RECORDS = 500_000
_MAX_FIELD = 100_000                   # one CSV cell; jugement and listepersonnes are the long ones
_NEEDED_COLUMNS = ("registre", "dateparution", "jugement")

_FR_MONTHS = {"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
              "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12}


@dataclass(frozen=True)
class Publication:
    """One BODACC notice of a judgment in collective proceedings."""
    ident: str                           # the notice's id (e.g. A202002333642), or its position
    sirens: tuple[str, ...]
    published: date
    debtor: str
    court: str
    famille: str
    nature: str
    judgment_date: date | None
    action: str                          # opening | conversion | review | other
    kind: str | None                     # sauvegarde | redressement_judiciaire | liquidation_judiciaire
    administrator: Administrator | None = None

    def to_dict(self) -> dict:
        return {"id": self.ident, "sirens": list(self.sirens), "published": self.published.isoformat(),
                "debtor": self.debtor, "court": self.court, "nature": self.nature or self.famille,
                "judgment_date": self.judgment_date.isoformat() if self.judgment_date else None,
                "action": self.action, "kind": self.kind}


@dataclass
class ExportReading:
    publications: list[Publication] = field(default_factory=list)
    set_aside: list[tuple[str, str]] = field(default_factory=list)    # (record, reason)
    other_notices: int = 0               # not collective proceedings, or cancelled


# --- the file -----------------------------------------------------------------------------------

def read_export(path: str | Path) -> ExportReading:
    """The publications of a BODACC export file (JSON, JSON lines or CSV)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise DocgenError(f"the export {path} is not a file")
        if size > MAX_EXPORT_BYTES:
            raise DocgenError(f"the export {path} is {size} bytes; the limit is {MAX_EXPORT_BYTES} "
                              "(export only the period you need)")
        raw = path.read_bytes()
    except OSError as exc:
        raise DocgenError(f"cannot read the export {path}: {exc.strerror or exc}") from None
    if b"\x00" in raw[:4096]:
        raise DocgenError(f"the export {path} is a binary file, not a BODACC JSON or CSV export")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocgenError(f"the export {path} is not UTF-8 text (byte {exc.start})") from None
    suffix = path.suffix.lower()
    head = text.lstrip()[:1]
    if suffix in (".jsonl", ".ndjson"):
        records = _json_lines(text, path)
    elif suffix == ".json" or (suffix != ".csv" and head in ("[", "{")):
        records = _json_records(text, path)
    else:
        records = _csv_records(text, path)
    return read_records(records)


def _json_records(text: str, path: Path) -> list[Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocgenError(f"the export {path} is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                          f"{exc.msg})") from None
    except RecursionError:
        raise DocgenError(f"the export {path} nests too deeply to be a BODACC export") from None
    if isinstance(data, dict):
        for key in ("results", "records"):         # opendatasoft's explore API answers
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            raise DocgenError(f"the export {path} is a JSON object, not a list of BODACC records")
    if not isinstance(data, list):
        raise DocgenError(f"the export {path} is not a list of BODACC records")
    return data


def _json_lines(text: str, path: Path) -> list[Any]:
    records = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except (json.JSONDecodeError, RecursionError):
                raise DocgenError(f"the export {path}: line {n} is not a JSON record") from None
    return records


def _csv_records(text: str, path: Path) -> list[dict]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    old_limit = csv.field_size_limit()
    csv.field_size_limit(_MAX_FIELD)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        missing = [c for c in _NEEDED_COLUMNS if c not in header]
        if missing:
            raise DocgenError(f"the export {path} is not a BODACC CSV export: no column {', '.join(missing)} "
                              "(export with the field names as header)")
        reader.fieldnames = header
        records = []
        for row in reader:
            if len(records) >= MAX_RECORDS:
                raise DocgenError(f"the export {path} has more than {MAX_RECORDS} records "
                                  "(export only the period you need)")
            records.append({k: v for k, v in row.items() if isinstance(k, str)})
        return records
    except csv.Error as exc:
        raise DocgenError(f"the export {path} is not a readable CSV file (line {reader.line_num}: {exc})") from None
    finally:
        csv.field_size_limit(old_limit)


# --- the records --------------------------------------------------------------------------------

def read_records(records: list[Any]) -> ExportReading:
    """Publications from export records (already decoded JSON values or CSV rows)."""
    if len(records) > MAX_RECORDS:
        raise DocgenError(f"the export has more than {MAX_RECORDS} records (export only the period you need)")
    reading = ExportReading()
    for n, record in enumerate(records, 1):
        if isinstance(record, dict) and isinstance(record.get("fields"), dict):
            record = record["fields"]                # opendatasoft's records export
        elif isinstance(record, dict) and isinstance(record.get("record"), dict):
            inner = record["record"]                 # explore API v2.0
            record = inner.get("fields") if isinstance(inner.get("fields"), dict) else inner
        label = f"record {n}"
        if not isinstance(record, dict):
            reading.set_aside.append((label, "not a JSON object"))
            continue
        ident = _text(record.get("id")) or _text(record.get("numeroannonce"))
        if ident:
            label = f"record {n} ({_safe_id(ident)})"
        try:
            publication = _publication(record, _safe_id(ident) or str(n))
        except ValueError as exc:
            reading.set_aside.append((label, str(exc)))
            continue
        if publication is None:
            reading.other_notices += 1
        else:
            reading.publications.append(publication)
    return reading


def _publication(record: dict, ident: str) -> Publication | None:
    family = fold(_text(record.get("familleavis")) + " " + _text(record.get("familleavis_lib")))
    if family.strip() and "collective" not in family:
        return None                                  # a creation, a sale, accounts ...
    if "annulation" in fold(_text(record.get("typeavis")) + " " + _text(record.get("typeavis_lib"))):
        return None                                  # a notice cancelling an earlier one
    sirens = sirens_of(record.get("registre")) or sirens_of(_registered_numbers(record.get("listepersonnes")))
    if not sirens:
        raise ValueError("no valid SIREN in registre")
    published = parse_day(record.get("dateparution"))
    if published is None:
        raise ValueError("no valid dateparution")
    judgment = record.get("jugement")
    if isinstance(judgment, str):
        if not judgment.strip():
            raise ValueError("no jugement")
        try:
            judgment = json.loads(judgment)
        except (json.JSONDecodeError, RecursionError):
            raise ValueError("jugement is not valid JSON") from None
    if not isinstance(judgment, dict):
        raise ValueError("no jugement")
    famille, nature = _text(judgment.get("famille")), _text(judgment.get("nature"))
    complement = _text(judgment.get("complementJugement"))
    action, kind = classify(famille, nature, complement)
    return Publication(
        ident=ident, sirens=sirens, published=published, debtor=_clip(_text(record.get("commercant")), 200),
        court=court_name(_text(record.get("tribunal"))), famille=_clip(famille, 200), nature=_clip(nature, 200),
        judgment_date=parse_day(judgment.get("date")), action=action, kind=kind,
        administrator=administrator_of(complement, kind) if action != "other" else None)


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = ",".join(str(v) for v in value if isinstance(v, (str, int)))
    if isinstance(value, bool) or value is None or not isinstance(value, (str, int)):
        return ""
    text = str(value)
    # Data only: control characters (terminal escapes, line breaks in a name) become spaces.
    return re.sub(r"\s+", " ", "".join(c if c.isprintable() else " " for c in text[:_MAX_FIELD])).strip()


def _safe_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "", text)[:40]


def sirens_of(registre: Any) -> tuple[str, ...]:
    """The valid SIREN numbers of a ``registre`` value: a list, or text such as
    "833 310 592,833310592" (the same number spaced and not)."""
    from stdnum.fr import siren

    parts = registre if isinstance(registre, list) else [registre]
    found: list[str] = []
    for part in parts:
        if not isinstance(part, (str, int)) or isinstance(part, bool):
            continue
        for piece in str(part)[:2000].split(","):
            number = re.sub(r"[\s.\u00a0\u202f-]", "", piece)
            if siren.is_valid(number) and number not in found:
                found.append(number)
    return tuple(found)


def _registered_numbers(persons: Any) -> list[str]:
    """The registration numbers of ``listepersonnes`` (a JSON text: ``personne``, one or a
    list, with ``numeroImmatriculation.numeroIdentification`` or the trade register's
    ``inscriptionRM.numeroIdentificationRM``), for a notice whose ``registre`` is empty."""
    if isinstance(persons, str):
        try:
            persons = json.loads(persons[:_MAX_FIELD])
        except (json.JSONDecodeError, RecursionError):
            return []
    people = persons.get("personne") if isinstance(persons, dict) else None
    numbers = []
    for person in people if isinstance(people, list) else [people]:
        if not isinstance(person, dict):
            continue
        for block, key in (("numeroImmatriculation", "numeroIdentification"), ("inscriptionRM", "numeroIdentificationRM")):
            inner = person.get(block)
            if isinstance(inner, dict) and isinstance(inner.get(key), str):
                numbers.append(inner[key])
    return numbers[:20]


def parse_day(value: Any) -> date | None:
    """An ISO date (the export's own), or the French long form « 19 novembre 2020 » (1er too)."""
    text = _text(value)
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", text)
    if match:
        y, m, d = (int(g) for g in match.groups())
    else:
        match = re.fullmatch(r"(\d{1,2})(?:er)? ([a-z]+) (\d{4})", fold(text))
        if not match or match.group(2) not in _FR_MONTHS:
            return None
        d, m, y = int(match.group(1)), _FR_MONTHS[match.group(2)], int(match.group(3))
    try:
        return date(y, m, d)
    except ValueError:
        return None
