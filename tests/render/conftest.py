"""Shared fixtures for rendering tests: a small valid case built in a temporary folder."""
from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path

import pytest

from docgen.model.validate import load_case

BASE = {
    "schema_version": 1, "reference": "R-1", "jurisdiction": "FR", "language": "fr", "relationship": "B2B",
    "creditor": {"kind": "company", "name": "Atelier Lumière", "legal_form": "SARL", "share_capital": "10000.00",
                 "registration": {"scheme": "SIREN", "number": "732829320"}, "vat_number": "FR44732829320",
                 "address": {"street": "12 rue des Lilas", "postcode": "69003", "city": "Lyon", "country": "FR"},
                 "email": "compta@atelier.example", "iban": "FR7630006000011234567890189",
                 "signatory": {"name": "Claire Martin", "title": "Gérante"}},
    "debtor": {"kind": "company", "name": "Boulangerie du Parc", "legal_form": "SAS",
               "registration": {"scheme": "SIREN", "number": "552100554"},
               "address": {"street": "5 avenue Foch", "postcode": "69006", "city": "Lyon", "country": "FR"},
               "email": "gerance@boulangerie.example"},
    "contract": {"reference": "Devis D-2024-17 accepté le 10 janvier 2024"},
    "invoices": [{"number": "F-2024-101", "issue_date": "2024-02-01", "due_date": "2024-03-02",
                  "amount": "1800.00", "description": "Installation de l'éclairage"}],
}


@pytest.fixture
def case_data():
    return copy.deepcopy(BASE)


@pytest.fixture
def make_case(tmp_path):
    def build(data):
        return load_case(data, base_dir=tmp_path)
    return build


def pdftotext(pdf: bytes, tmp_path: Path, layout: bool = False) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def pdf_text(tmp_path):
    """Text of a PDF through poppler's pdftotext, an independent reader."""
    return lambda pdf, layout=False: pdftotext(pdf, tmp_path, layout)
