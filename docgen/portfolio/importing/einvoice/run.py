"""``docgen import`` of e-invoices: files or folders in, one case per seller and debtor out.

Each file is read on its own (``read``), mapped (``mapping``), then the invoices are grouped
into cases. A case is written whole or not at all: its pièces and its ``case.yaml`` are made in
a hidden folder of the portfolio, validated (``docgen.api.validate``), then renamed into place.
A case already in the portfolio (same seller, same debtor) is completed instead: an invoice it
already holds (same number) is skipped, or reported as a conflict when its dates or amount
differ; nothing in it is ever overwritten. Importing the same files twice changes nothing.
"""
from __future__ import annotations

import contextlib
import copy
import hashlib
import os
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from ....atomic import write_bytes
from ....errors import DocgenError
from ....matter import validate
from ....model.reading import parse_case_text, parse_text
from ....model.text import file_slug, terminal_safe
from ...batch.plan import safe_name
from ...locking import locked
from ...case_text import extend_lists
from ..cases import CaseDumper
from .detect import EXTENSIONS
from .mapping import (Item, amount_problem, case_reference, credit_entry, group, invoice_entry, payment_entry,
                      to_item)
from .model import EInvoiceError
from .parties import keys
from .read import read_einvoice
from .render import render_pdf
from .report import CaseWritten, EInvoiceReport

MAX_FILES = 10_000
_EXHIBIT_TITLE = {"fr": "Avoir n° {n} sur la facture {inv}", "nl": "Creditnota nr. {n} op factuur {inv}"}


def is_einvoice_source(path: Path) -> bool:
    """A folder, or a .pdf / .xml file: what this importer reads (a spreadsheet goes elsewhere)."""
    return path.is_dir() or path.suffix.lower() in EXTENSIONS


def import_einvoices(sources: list[str | Path], out: str | Path, *, jurisdiction: str | None = None,
                     relationship: str | None = None, language: str | None = None) -> EInvoiceReport:
    paths, out = [Path(s) for s in sources], Path(out)
    report = EInvoiceReport(paths)
    items: list[Item] = []
    for path in _files(paths, report):
        try:
            invoice = read_einvoice(path)
            item = to_item(invoice)
        except EInvoiceError as exc:
            report.errors.append((str(path), f"{exc.where + ': ' if exc.where else ''}{exc.reason}"))
            continue
        except Exception as exc:  # noqa: BLE001 - one unforeseen file must not stop the import of the others
            report.errors.append((str(path), f"cannot be read ({type(exc).__name__})"))
            continue
        if (problem := amount_problem(item)):
            report.errors.append((str(path), problem))
            continue
        items.append(item)
    if not items:
        return report
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DocgenError(f"cannot create {out}: {exc.strerror or exc}") from None
    existing = _existing_cases(out)
    for members in group(items):
        _import_case(members, out, existing, (jurisdiction, relationship, language), report)
    return report


def _files(sources: list[Path], report: EInvoiceReport) -> list[Path]:
    found: list[Path] = []
    for source in sources:
        if source.is_dir():
            found += sorted(p for p in source.rglob("*") if p.suffix.lower() in EXTENSIONS and p.is_file()
                            and not any(part.startswith(".") for part in p.relative_to(source).parts))
        elif source.is_file():
            found.append(source)
        else:
            report.errors.append((str(source), "no such file or folder"))
    if len(found) > MAX_FILES:
        raise DocgenError(f"{len(found)} files to import: split the import ({MAX_FILES} files at most)")
    return found


# --- cases already in the portfolio -----------------------------------------------------------

@dataclass
class _Existing:
    folder: Path
    data: dict[str, Any]
    seller_keys: set[str]
    debtor_keys: set[str]


def _existing_cases(out: Path) -> list[_Existing]:
    cases = []
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        path = folder / "case.yaml"
        if not path.is_file():
            continue
        try:
            data = parse_case_text(path.read_text(encoding="utf-8-sig"))
        except (DocgenError, OSError, UnicodeDecodeError):
            continue                        # not ours to judge here: docgen validate reports it
        if isinstance(data, dict) and isinstance(data.get("creditor"), dict) and isinstance(data.get("debtor"), dict):
            cases.append(_Existing(folder, data, set(keys(data["creditor"])), set(keys(data["debtor"]))))
    return cases


def _match(members: list[Item], folder: Path, existing: list[_Existing]) -> _Existing | None:
    sellers = {k for it in members for k in it.seller_keys}
    debtors = {k for it in members for k in it.debtor_keys}
    for case in existing:
        if case.folder.name == folder.name:
            return case
    return next((c for c in existing if c.seller_keys & sellers and c.debtor_keys & debtors), None)


def _already(item: Item, case: _Existing, report: EInvoiceReport) -> bool:
    """True when the case already holds this invoice or credit note (reported as skipped or as a
    conflict); False when it is new to the case."""
    inv = item.invoice
    listing = case.data.get("credit_notes" if inv.credit_note else "invoices") or []
    old = next((x for x in listing if isinstance(x, dict) and str(x.get("number")) == inv.number), None)
    if old is None:
        return False
    what = "credit note" if inv.credit_note else "invoice"
    stored = old.get("einvoice")
    if isinstance(stored, str):
        with contextlib.suppress(OSError, ValueError):
            if hashlib.sha256((case.folder / stored).read_bytes()).digest() == hashlib.sha256(inv.xml).digest():
                report.skipped.append((item.name, f"{what} {inv.number} is already in {case.folder / 'case.yaml'} "
                                                  f"(the same e-invoice, {stored})"))
                return True
    changes = _differences(old, item.entry())
    if changes:
        report.conflicts.append((item.name, f"{what} {inv.number} of this seller is already in "
                                            f"{case.folder / 'case.yaml'} with other content ({changes}): an amended "
                                            "invoice is never imported over the first; correct the case by hand"))
    else:
        report.skipped.append((item.name, f"{what} {inv.number} is already in {case.folder / 'case.yaml'} "
                                          "(same number, seller, dates and amount)"))
    return True


def _differences(old: dict[str, Any], new: dict[str, Any]) -> str:
    out = []
    for key, value in new.items():
        before = old.get(key)
        if key in ("amount",):
            try:
                same = Decimal(str(before)) == Decimal(str(value))
            except ArithmeticError:
                same = False
        else:
            same = str(before) == str(value)
        if not same:
            out.append(f"{key} {before} → {value}")
    return ", ".join(out)


# --- one case ---------------------------------------------------------------------------------

def _import_case(members: list[Item], out: Path, existing: list[_Existing], options: tuple, report: EInvoiceReport
                 ) -> None:
    reference = case_reference(members)
    folder = out / safe_name(reference)
    case = _match(members, folder, existing)
    fresh: list[Item] = []
    seen: dict[tuple[bool, str], Item] = {}
    for item in members:
        inv = item.invoice
        first = seen.get((inv.credit_note, inv.number))
        if first is not None:
            changes = _differences(first.entry(), item.entry())
            if changes:
                report.conflicts.append((item.name, f"{'credit note' if inv.credit_note else 'invoice'} {inv.number} "
                                                    f"of this seller is also in {first.name} with other content "
                                                    f"({changes}): only {first.name} is imported"))
            else:
                report.skipped.append((item.name, f"the same {'credit note' if inv.credit_note else 'invoice'} as "
                                                  f"{first.name} (number {inv.number}, same seller, dates and amount)"))
            continue
        seen[(inv.credit_note, inv.number)] = item
        if case is not None and _already(item, case, report):
            continue
        fresh.append(item)
    known = {str(x.get("number")) for x in (case.data.get("invoices") or []) if isinstance(x, dict)} if case else set()
    known |= {it.invoice.number for it in fresh if not it.invoice.credit_note}
    for item in [it for it in fresh if it.invoice.credit_note]:
        if item.invoice.preceding[0] not in known:
            fresh.remove(item)
            report.errors.append((item.name, f"credit note {item.invoice.number} credits invoice "
                                             f"{item.invoice.preceding[0]} (BT-25), which is neither in this import nor "
                                             "in the debtor's case: import that invoice with it"))
    if not fresh:
        return
    if case is None:
        settings = _settings(fresh, options, report)
        if settings is not None:
            _create(fresh, folder, reference, settings, report)
    else:
        _complete(fresh, case, report)


def _settings(items: list[Item], options: tuple, report: EInvoiceReport) -> tuple[str, str, str] | None:
    jurisdiction, relationship, language = options
    if jurisdiction is None:
        countries = [(it.debtor.get("address") or {}).get("country") for it in items]
        countries += [(it.creditor.get("address") or {}).get("country") for it in items]
        jurisdiction = next((c for c in countries if c in ("FR", "BE")), None)
    if jurisdiction is None:
        for item in items:
            report.errors.append((item.name, "neither the buyer (BT-55) nor the seller (BT-40) is in France or "
                                             "Belgium: give --jurisdiction FR or BE"))
        return None
    return jurisdiction, relationship or "B2B", language or "fr"


def _pieces(items: list[Item], folder: Path, language: str, taken: set[str]) -> tuple[dict, list[Path]]:
    """Write each item's PDF and XML under ``folder/pieces``; the case-file parts and the files written."""
    parts: dict[str, list] = {"invoices": [], "credit_notes": [], "payments": [], "exhibits": []}
    written: list[Path] = []
    (folder / "pieces").mkdir(exist_ok=True)
    for item in items:
        inv = item.invoice
        stem = f"{'avoir' if inv.credit_note else 'facture'}-{file_slug(inv.number)}"
        base, n = stem, 1
        while stem in taken or any((folder / "pieces" / f"{stem}{ext}").exists() for ext in (".pdf", ".xml")):
            n += 1
            stem = f"{base}-{n}"
        taken.add(stem)
        pdf, xml = f"pieces/{stem}.pdf", f"pieces/{stem}.xml"
        data = inv.pdf if inv.pdf is not None else render_pdf(inv, language)
        for relative, content in ((pdf, data), (xml, inv.xml)):
            write_bytes(folder / relative, content)
            written.append(folder / relative)
        if inv.credit_note:
            parts["credit_notes"].append(credit_entry(item))
            parts["exhibits"].append({"title": _EXHIBIT_TITLE.get(language, _EXHIBIT_TITLE["fr"]).format(
                n=inv.number, inv=inv.preceding[0]), "file": pdf, "date": inv.issue_date})
        else:
            parts["invoices"].append(invoice_entry(item, pdf, xml))
            if (payment := payment_entry(item)):
                parts["payments"].append(payment)
    return parts, written


def _header(items: list[Item]) -> list[str]:
    head = [f"# Imported by `docgen import` from e-invoice(s): {', '.join(it.name for it in items)}.",
            "# pieces/*.xml are the original e-invoices (EN 16931), kept as received; pieces/*.pdf are the pieces.",
            "# Before sending anything: check the parties and add what was already sent (reminders, notices) as",
            "# events; run `docgen validate` on this file."]
    for item in items:
        head += [f"# Check ({item.name}): {f}" for f in item.findings]
        if item.proposal:
            head.append(f"# Proposal, NOT applied ({item.name}): {item.proposal}")
    # Outside text in comments: one line each, control characters escaped, so that no comment
    # can end and start YAML data.
    return [terminal_safe(line) for line in head]


def _dump(data: dict) -> str:
    return yaml.dump(data, Dumper=CaseDumper, allow_unicode=True, sort_keys=False, width=100)


def _problems(text: str, folder: Path) -> list[str]:
    return [f"{p.path + ': ' if p.path else ''}{p.message}" for p in validate(parse_text(text), base_dir=folder).problems
            if p.severity == "error"]


def _report_written(items: list[Item], path: Path, reference: str, completed: bool, report: EInvoiceReport) -> None:
    report.written.append(CaseWritten(path, reference, [it.name for it in items],
                                      sum(not it.invoice.credit_note for it in items),
                                      sum(it.invoice.credit_note for it in items), completed))
    for item in items:
        report.findings += [(item.name, f) for f in item.findings]
        if item.proposal:
            report.proposals.append((item.name, item.proposal))


def _refuse(items: list[Item], why: str, report: EInvoiceReport) -> None:
    for item in items:
        report.errors.append((item.name, why))


def _create(items: list[Item], folder: Path, reference: str, settings: tuple[str, str, str],
            report: EInvoiceReport) -> None:
    jurisdiction, relationship, language = settings
    if folder.exists():
        _refuse(items, f"{folder} exists and holds no case of this seller and debtor: import into another folder",
                report)
        return
    work = folder.parent / f".{folder.name}.importing"
    try:
        if work.exists():
            shutil.rmtree(work)             # left by an interrupted import: only ever ours
        work.mkdir()
        parts, _ = _pieces(items, work, language, set())
        first = items[0]
        data = {"schema_version": 1, "reference": reference, "jurisdiction": jurisdiction, "language": language,
                "relationship": relationship, "creditor": first.creditor, "debtor": first.debtor,
                **{k: v for k, v in parts.items() if v}}
        body = _dump(data)
        text = "\n".join(_header(items)) + "\n\n" + body
        if parse_case_text(text) != parse_case_text(body):
            raise DocgenError("internal error: the comments would change the case's data")
        problems = _problems(text, work)
        if problems:
            _refuse(items, f"case {reference} not written (all or nothing): {problems[0]}"
                           + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""), report)
            return
        write_bytes(work / "case.yaml", text.encode("utf-8"))
        os.rename(work, folder)
    except OSError as exc:
        _refuse(items, f"cannot write {folder}: {exc.strerror or exc}", report)
        return
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    _report_written(items, folder / "case.yaml", reference, False, report)


def _complete(items: list[Item], case: _Existing, report: EInvoiceReport) -> None:
    """Append the new invoices to a case already in the portfolio: comments and every other
    line kept (ruamel round trip), the result validated before it replaces the file."""

    path = case.folder / "case.yaml"
    written: list[Path] = []
    try:
        with locked(path.resolve()):
            raw = path.read_bytes()
            taken = {p.stem for p in (case.folder / "pieces").glob("*")} if (case.folder / "pieces").is_dir() else set()
            parts, written = _pieces(items, case.folder, str(case.data.get("language") or "fr"), taken)
            expected = copy.deepcopy(parse_case_text(raw.decode("utf-8-sig")))
            blocks: dict[str, str] = {}
            for key, entries in parts.items():
                if not entries:
                    continue
                blocks[key] = _dump({key: entries})
                expected[key] = list(expected.get(key) or []) + parse_case_text(blocks[key])[key]
            text = extend_lists(raw.decode("utf-8-sig"), blocks)
            if parse_case_text(text) != expected:
                raise DocgenError("the invoices could not be added without changing other data")
            problems = _problems(text, case.folder)
            if problems:
                raise DocgenError(f"{path} not completed (all or nothing): {problems[0]}")
            write_bytes(path, text.encode("utf-8"))
            written = []
    except (DocgenError, OSError) as exc:
        _refuse(items, str(exc) if isinstance(exc, DocgenError) else f"cannot complete {path}: {exc.strerror or exc}",
                report)
        return
    finally:
        for file in written:
            file.unlink(missing_ok=True)
    _report_written(items, path, str(case.data.get("reference")), True, report)
