"""Shared fixtures: a small valid case (fresh deep copy each time) and its files in tmp_path;
every test runs without the user's DOCGEN_* variables."""
from __future__ import annotations

import copy
import os
from datetime import date
from pathlib import Path

import pytest

# Real files, small: validation opens PDFs and images as the dossier would (issue 12, item 17).
from samplefiles import JPEG, PDF, PNG

AS_OF = date(2025, 1, 15)

EML = (b"From: compta@atelier-lumiere.example\r\nTo: gerance@boulangerie-du-parc.example\r\n"
       b"Date: Sun, 10 Mar 2024 09:00:00 +0100\r\nSubject: Relance facture F-2024-101\r\n\r\n"
       b"Bonjour, sauf erreur de notre part ...\r\n")

CASE_FILES = {
    "pieces/F-2024-101.pdf": PDF,
    "pieces/F-2024-102.pdf": PDF,
    "pieces/cgv.png": PNG,
    "proofs/relance-1.eml": EML,
    "proofs/lrar-depot.pdf": PDF,
    "proofs/avis-reception.jpg": JPEG,
}

_ADDRESS = {"street": "12 rue des Lilas", "postcode": "69003", "city": "Lyon", "country": "FR"}

VALID_CASE = {
    "schema_version": 1,
    "reference": "REC-2025-0042",
    "jurisdiction": "FR",
    "language": "fr",
    "relationship": "B2B",
    "currency": "EUR",
    "creditor": {
        "kind": "company", "name": "Atelier Lumière", "legal_form": "SARL", "share_capital": "10000.00",
        "registration": {"scheme": "SIREN", "number": "732829320"}, "vat_number": "FR44732829320",
        "address": dict(_ADDRESS), "email": "compta@atelier-lumiere.example", "phone": "+33 4 72 00 00 00",
        "iban": "FR7630006000011234567890189", "bic": "AGRIFRPP",
        "signatory": {"name": "Claire Martin", "title": "Gérante"},
        "represented_by": {"kind": "lawyer", "name": "Maître Paul Durand", "firm": "Durand Avocats",
                           "bar": "Barreau de Lyon", "email": "contact@durand-avocats.example",
                           "address": {"street": "3 quai Saint-Antoine", "postcode": "69002",
                                       "city": "Lyon", "country": "FR"}},
    },
    "debtor": {
        "kind": "company", "name": "Boulangerie du Parc", "legal_form": "SAS",
        "registration": {"scheme": "SIREN", "number": "552100554"},
        "address": {"street": "5 avenue Foch", "postcode": "69006", "city": "Lyon", "country": "FR"},
        "email": "gerance@boulangerie-du-parc.example",
    },
    "contract": {
        "reference": "Devis D-2024-17 accepté le 10 janvier 2024", "date": "2024-01-10",
        "general_terms_accepted": True, "payment_terms_days": 30,
        "late_interest": {"basis": "statutory"}, "penalty_clause": {"percent": "10.00"},
    },
    "invoices": [
        {"number": "F-2024-101", "issue_date": "2024-02-01", "due_date": "2024-03-02", "amount": "1800.00",
         "description": "Installation de l'éclairage de la boutique", "file": "pieces/F-2024-101.pdf"},
        {"number": "F-2024-102", "issue_date": "2024-02-15", "due_date": "2024-03-16", "amount": "600.00",
         "file": "pieces/F-2024-102.pdf"},
    ],
    "credit_notes": [{"number": "AV-2024-3", "date": "2024-03-15", "amount": "100.00", "invoice": "F-2024-101"}],
    "payments": [{"date": "2024-04-10", "amount": "500.00", "method": "transfer", "invoice": "F-2024-101"}],
    "events": [
        {"type": "reminder_sent", "date": "2024-03-10", "channel": "email", "proof": "proofs/relance-1.eml"},
        {"type": "formal_notice_sent", "date": "2024-05-02", "channel": "registered_letter",
         "tracking_number": "1A12345678901", "proof": "proofs/lrar-depot.pdf"},
        {"type": "formal_notice_received", "date": "2024-05-04", "proof": "proofs/avis-reception.jpg"},
    ],
    "exhibits": [{"title": "Conditions générales de vente", "file": "pieces/cgv.png", "date": "2023-09-01"}],
    "payment_plan": {"schedule": [{"date": "2024-07-01", "amount": "450.00"},
                                  {"date": "2024-08-01", "amount": "450.00"}]},
}


@pytest.fixture(autouse=True)
def _no_docgen_environment(monkeypatch):
    """Tests are hermetic: the README's block exports DOCGEN_SIGN_PASSWORD, and a developer's
    shell may hold other DOCGEN_* settings; a test that needs one sets it itself. (Knobs read at
    collection time, such as DOCGEN_FUZZ_EXAMPLES, have been read by then and still work.)"""
    for name in [n for n in os.environ if n.startswith("DOCGEN_")]:
        monkeypatch.delenv(name)
    # docgen's messages follow the locale (docgen.i18n): tests expect English whatever the shell's.
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def write_case_files(folder: Path) -> Path:
    for relative, content in CASE_FILES.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return folder


@pytest.fixture
def case_data() -> dict:
    """A valid case as plain data (no problem at all, not even a warning); mutate freely."""
    return copy.deepcopy(VALID_CASE)


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    """tmp_path holding every file the valid case names."""
    return write_case_files(tmp_path)
