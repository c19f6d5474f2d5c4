"""A synthetic portfolio for benchmarks and tests: valid, varied, fictional case folders.

``make_portfolio(folder, n, as_of)`` writes ``n`` case folders covering the four jurisdiction x
relationship pairs and every stage of the recovery path (not yet due, overdue, reminded once or
twice, formal notice sent, disputed, payment plan signed or defaulted, partly or fully paid, order
for payment filed, collective proceedings opened against a company), each with the files it
names (stub PDFs, e-mails, PNG scans that pass docgen's content checks). Identifiers carry valid
check digits; names, addresses and amounts are invented and deterministic for a given seed.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import random
import struct
import zlib
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any



def pdf_of(*objects: bytes) -> bytes:
    """A small but complete PDF (cross-reference table included): validation opens PDFs."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _png() -> bytes:
    """A white 1 x 1 PNG, checksums right: validation opens images."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


PDF = pdf_of(b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>")
PNG = _png()
EML = (b"From: compta@example.com\r\nTo: client@example.com\r\nDate: Mon, 2 Mar 2026 09:00:00 +0100\r\n"
       b"Subject: Relance\r\n\r\nBonjour, sauf erreur de notre part ...\r\n")

CREDITORS = {
    "FR": {"kind": "company", "name": "Menuiserie Ricordeau", "legal_form": "SARL", "share_capital": "20000.00",
           "registration": {"scheme": "RCS", "number": "RCS Nantes 841 273 659"}, "vat_number": "FR08841273659",
           "address": {"street": "27 rue Fouré", "postcode": "44000", "city": "Nantes", "country": "FR"},
           "email": "compta@menuiserie-ricordeau.example", "iban": "FR7630003018700002041738576",
           "bic": "SOGEFRPP", "signatory": {"name": "Thierry Ricordeau", "title": "Gérant"}},
    "BE": {"kind": "company", "name": "Pixelmeuse", "legal_form": "SRL",
           "registration": {"scheme": "BCE", "number": "0794615288"}, "vat_number": "BE0794615288",
           "address": {"street": "Rue de Fer 12", "postcode": "5000", "city": "Namur", "country": "BE"},
           "email": "facturation@pixelmeuse.example", "iban": "BE28068241703920", "bic": "GKCCBEBB",
           "signatory": {"name": "Sophie Delvaux", "title": "Administratrice"}},
}
_FR_TOWNS = (("44000", "Nantes"), ("69003", "Lyon"), ("31000", "Toulouse"), ("33000", "Bordeaux"),
             ("59000", "Lille"), ("35000", "Rennes"))
_BE_TOWNS = (("4000", "Liège"), ("1000", "Bruxelles"), ("3000", "Leuven"), ("2000", "Antwerpen"),
             ("9000", "Gent"), ("5000", "Namur"))
_WORDS = ("Atelier", "Brasserie", "Garage", "Cabinet", "Boulangerie", "Studio", "Comptoir", "Maison", "Ferme",
          "Imprimerie", "Librairie", "Pharmacie")
_PLACES = ("du Parc", "de l'Estuaire", "des Lilas", "du Port", "Saint-Jean", "de la Gare", "du Centre", "Moderne",
           "Belle-Vue", "des Halles")
_FIRST = ("Camille", "Julien", "Léa", "Thomas", "Els", "Koen", "Sophie", "Lucas", "Emma", "Noah")
_LAST = ("Roussel", "Martin", "Vermeulen", "Peeters", "Dubois", "Lambert", "Janssens", "Moreau", "Leroy", "Maes")
STAGES = ("not_due", "overdue", "reminded", "reminded_twice", "formal_notice", "disputed", "plan", "partly_paid",
          "paid", "injunction", "plan_defaulted", "insolvency")      # the first 32 cases keep their stage


def _siren(rng: random.Random) -> str:
    from stdnum import luhn

    body = str(rng.randint(10_000_000, 99_999_999))
    return body + luhn.calc_check_digit(body)


def _bce(rng: random.Random) -> str:
    body = rng.randint(2_000_000, 9_999_999)
    first8 = int(f"0{body}")
    return f"0{body}{97 - first8 % 97:02d}"


def _debtor(rng: random.Random, jur: str, rel: str) -> dict[str, Any]:
    postcode, city = rng.choice(_FR_TOWNS if jur == "FR" else _BE_TOWNS)
    address = {"street": f"{rng.randint(1, 120)} rue {rng.choice(_PLACES)}", "postcode": postcode, "city": city,
               "country": jur}
    if rel == "B2C":
        civility = rng.choice(("M.", "Mme")) if jur == "FR" else rng.choice(("Dhr.", "Mevr."))
        return {"kind": "person", "civility": civility, "first_name": rng.choice(_FIRST),
                "last_name": rng.choice(_LAST), "address": address, "email": "client@example.com"}
    name = f"{rng.choice(_WORDS)} {rng.choice(_PLACES)} {rng.randint(1, 999)}"
    if jur == "FR":
        siren = _siren(rng)
        return {"kind": "company", "name": name, "legal_form": "SAS",
                "registration": {"scheme": "SIREN", "number": siren}, "address": address,
                "email": "compta@example.com"}
    return {"kind": "company", "name": name, "legal_form": "SA",
            "registration": {"scheme": "BCE", "number": _bce(rng)}, "address": address, "email": "compta@example.com"}


def make_case(rng: random.Random, n: int, as_of: date, jur: str, rel: str, stage: str) -> tuple[dict, dict[str, bytes]]:
    """One case (plain data as a case file holds it) and the files it names."""
    files: dict[str, bytes] = {}
    age = rng.randint(-25, -1) if stage == "not_due" else rng.randint(60, 420)
    due = as_of - timedelta(days=age)
    terms = 30 if rel == "B2B" else 14
    invoices, payments, events = [], [], []
    for k in range(rng.randint(1, 3)):
        inv_due = due + timedelta(days=14 * k)
        if (stage != "not_due" and inv_due >= as_of) or inv_due - timedelta(days=terms) > as_of:
            break
        number = f"F{inv_due.year}-{n:05d}-{k + 1}"
        amount = Decimal(rng.randint(15_000, 900_000)) / 100
        invoices.append({"number": number, "issue_date": (inv_due - timedelta(days=terms)).isoformat(),
                         "due_date": inv_due.isoformat(), "amount": f"{amount:.2f}",
                         "description": "Travaux et fournitures", "file": f"pieces/{number}.pdf"})
        files[f"pieces/{number}.pdf"] = PDF

    def event(kind: str, day: date, **extra: Any) -> None:
        if day <= as_of:
            events.append({"type": kind, "date": day.isoformat(), **extra})

    if stage == "insolvency" and rel == "B2C":      # collective proceedings here are for companies
        stage = "reminded_twice"
    if stage in ("reminded", "reminded_twice", "formal_notice", "disputed", "plan", "partly_paid", "injunction",
                 "plan_defaulted", "insolvency"):
        files["proofs/relance-1.eml"] = EML
        event("reminder_sent", due + timedelta(days=8), channel="email", proof="proofs/relance-1.eml")
    if stage in ("reminded_twice", "formal_notice", "plan", "injunction", "plan_defaulted"):
        event("reminder_sent", due + timedelta(days=17), channel="letter")
    if stage in ("formal_notice", "plan", "injunction", "plan_defaulted"):
        files["proofs/lrar.pdf"] = PDF
        event("formal_notice_sent", due + timedelta(days=32), channel="registered_letter",
              tracking_number=f"1A{n:011d}", proof="proofs/lrar.pdf")
    if stage == "disputed":
        event("dispute_raised", due + timedelta(days=20), channel="email", note="conteste la qualité des travaux")
    if stage == "injunction":
        event("injunction_filed", due + timedelta(days=75), channel="letter")
    plan = None
    if stage in ("plan", "plan_defaulted") and invoices:
        signed = due + timedelta(days=40)
        total = sum(Decimal(i["amount"]) for i in invoices)
        share = (total / 4).quantize(Decimal("0.01"))
        schedule = [{"date": (signed + timedelta(days=30 * (k + 1))).isoformat(),
                     "amount": f"{share if k < 3 else total - 3 * share:.2f}"} for k in range(4)]
        files["proofs/plan.png"] = PNG
        event("payment_plan_signed", signed, channel="letter", proof="proofs/plan.png")
        plan = {"schedule": schedule}
        for k, inst in enumerate(schedule[:2]):
            day = date.fromisoformat(inst["date"]) + timedelta(days=rng.randint(0, 3))
            if day <= as_of:
                payments.append({"date": day.isoformat(), "amount": inst["amount"], "method": "transfer"})
        if stage == "plan_defaulted":
            event("payment_plan_defaulted", date.fromisoformat(schedule[2]["date"]) + timedelta(days=15),
                  channel="letter")
    if stage == "paid":
        for inv in invoices:
            day = date.fromisoformat(inv["due_date"]) + timedelta(days=rng.randint(0, 20))
            if day <= as_of:
                payments.append({"date": day.isoformat(), "amount": inv["amount"], "method": "transfer",
                                 "invoice": inv["number"]})
    insolvency = None
    if stage == "insolvency":
        judged = due + timedelta(days=rng.randint(30, 50))
        if jur == "FR":
            insolvency = {"kind": rng.choice(("redressement_judiciaire", "liquidation_judiciaire")),
                          "court": "Tribunal de commerce de Nantes", "judgment_date": judged.isoformat(),
                          "publication": "BODACC", "publication_date": (judged + timedelta(days=12)).isoformat()}
        else:
            insolvency = {"kind": "faillite", "court": "Tribunal de l'entreprise de Liège",
                          "judgment_date": judged.isoformat(), "publication": "Moniteur belge",
                          "claims_deadline": (judged + timedelta(days=30)).isoformat()}
    if stage == "partly_paid" and invoices:
        first = invoices[0]
        day = date.fromisoformat(first["due_date"]) + timedelta(days=10)
        if day <= as_of:
            part = (Decimal(first["amount"]) / 3).quantize(Decimal("0.01"))
            payments.append({"date": day.isoformat(), "amount": f"{part:.2f}", "method": "transfer",
                             "invoice": first["number"]})
    case: dict[str, Any] = {
        "schema_version": 1, "reference": f"SYN-{jur}-{rel}-{n:05d}", "jurisdiction": jur, "language": "fr",
        "relationship": rel, "creditor": CREDITORS[jur], "debtor": _debtor(rng, jur, rel),
        "contract": {"reference": f"Devis D-{n:05d} signé", "date": (due - timedelta(days=60)).isoformat(),
                     "general_terms_accepted": True, "payment_terms_days": terms,
                     "late_interest": {"basis": "statutory"}},
        "invoices": invoices,
    }
    if payments:
        case["payments"] = payments
    if events:
        case["events"] = events
    if plan:
        case["payment_plan"] = plan
    if insolvency:
        case["insolvency"] = insolvency
    return case, files


def to_yaml(data: dict) -> str:
    """Block-style YAML of plain data (mappings, lists, text, numbers, booleans), every text
    double-quoted (JSON's quoting is YAML's): PyYAML's representer would take most of the time
    of writing 100,000 cases."""
    out: list[str] = []
    _emit(data, 0, out)
    return "\n".join(out) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    # YAML takes these for line breaks even between quotes; JSON leaves them as they are.
    return json.dumps(str(value), ensure_ascii=False).translate(_BREAKS)


_BREAKS = {0x85: "\\x85", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def _emit(data: Any, indent: int, out: list[str], first: str = "") -> None:
    pad = " " * indent
    lead = first or pad
    if isinstance(data, dict):
        for key, value in data.items():
            head = f"{lead}{key}:"
            lead = pad
            if isinstance(value, (dict, list)) and value:
                out.append(head)
                _emit(value, indent + 2, out)
            elif isinstance(value, (dict, list)):
                out.append(f"{head} {'{}' if isinstance(value, dict) else '[]'}")
            else:
                out.append(f"{head} {_scalar(value)}")
    else:
        for value in data:
            if isinstance(value, dict) and value:
                _emit(value, indent + 2, out, first=pad + "- ")
            else:
                out.append(f"{pad}- {_scalar(value)}")


BLOCK = 2000          # cases drawn from one random stream: the portfolio is the same whatever the processes


def make_portfolio(folder: str | Path, n: int, as_of: date, *, seed: int = 7, jobs: int | None = None) -> list[Path]:
    """Write ``n`` synthetic case folders under ``folder``; returns their case files.

    Cases come in blocks of ``BLOCK``, each drawn from its own random stream (the first from
    ``Random(seed)``), so that ``jobs`` processes (default: every core for a large portfolio)
    write the very same portfolio as one."""
    folder = Path(folder)
    blocks = [(folder, start, min(n, start + BLOCK), as_of, seed) for start in range(0, n, BLOCK)]
    if jobs is None:
        jobs = min(len(blocks), os.cpu_count() or 1)
    if jobs > 1 and len(blocks) > 1 and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_write_block, blocks)
    else:
        parts = [_write_block(b) for b in blocks]
    return [path for part in parts for path in part]


def _write_stub(path: Path, data: bytes, first: dict[bytes, Path]) -> None:
    if data in first:
        try:
            os.link(first[data], path)
            return
        except OSError:            # no hard links here, or the file exists: a copy then
            pass
    path.unlink(missing_ok=True)
    path.write_bytes(data)
    first.setdefault(data, path)


def _write_block(block: tuple[Path, int, int, date, int]) -> list[Path]:
    folder, start, end, as_of, seed = block
    rng = random.Random(seed if start == 0 else seed * 1_000_003 + start // BLOCK)
    pairs = (("FR", "B2B"), ("FR", "B2C"), ("BE", "B2B"), ("BE", "B2C"))
    written = []
    folder.mkdir(parents=True, exist_ok=True)
    made: set[Path] = set()
    first: dict[bytes, Path] = {}      # the stub files are hard links to the block's first copy: a
                                       # link costs the file system less than a new file
    for k in range(start, end):
        jur, rel = pairs[k % 4]
        stage = STAGES[(k // 4) % len(STAGES)]
        case, files = make_case(rng, k, as_of, jur, rel, stage)
        if not case["invoices"]:
            case, files = make_case(rng, k, as_of, jur, rel, "overdue")
        target = folder / case["reference"]
        target.mkdir(exist_ok=True)
        for rel_path, data in files.items():
            path = target / rel_path
            if path.parent not in made:
                path.parent.mkdir(exist_ok=True)
                made.add(path.parent)
            _write_stub(path, data, first)
        (target / "case.yaml").write_text(to_yaml(case), encoding="utf-8")
        written.append(target / "case.yaml")
    return written
