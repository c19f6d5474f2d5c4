"""A pièce's streams are decoded once per content: validation judges them, the dossier trusts
that verdict for the same bytes, and a damaged file is refused every time."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

import docgen
from docgen.dossier import input_pdf, probe

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 10, 15)


def test_validation_and_dossier_decode_each_pdf_once(monkeypatch):
    monkeypatch.setattr(input_pdf, "VERDICTS", input_pdf.StreamVerdicts())
    monkeypatch.setattr(probe, "VERDICTS", input_pdf.VERDICTS)
    checked: list[int] = []
    real = input_pdf.check_streams

    def counting(page):  # noqa: ANN001, ANN202
        checked.append(id(page))
        return real(page)

    monkeypatch.setattr(input_pdf, "check_streams", counting)
    monkeypatch.setattr(probe, "check_streams", counting)
    matter = docgen.Matter.load(ROOT / "examples" / "fr-b2b", AS_OF, accept_unconfirmed=True)
    after_validation = len(checked)
    assert after_validation > 0
    matter.dossier("injonction_de_payer")
    assert len(checked) == after_validation, "the dossier decoded again streams validation had judged"
    docgen.Matter.load(ROOT / "examples" / "fr-b2b", AS_OF, accept_unconfirmed=True)
    assert len(checked) == after_validation, "the same files were judged twice"


def test_a_damaged_pdf_is_refused_by_validation_and_by_the_dossier(tmp_path, monkeypatch):
    monkeypatch.setattr(input_pdf, "VERDICTS", input_pdf.StreamVerdicts())
    monkeypatch.setattr(probe, "VERDICTS", input_pdf.VERDICTS)
    good = (ROOT / "examples" / "fr-b2b" / "pieces").glob("*.pdf")
    data = next(iter(sorted(good))).read_bytes()
    start = data.index(b"stream\n") + len(b"stream\n")
    damaged = data[:start] + bytes(b ^ 0x5A for b in data[start:start + 40]) + data[start + 40:]
    path = tmp_path / "damaged.pdf"
    path.write_bytes(damaged)
    first = probe.pdf_problem(path)
    assert first and "damaged" in first
    assert probe.pdf_problem(path) == first          # the remembered verdict
    spec = SimpleNamespace(path=path, number=1, relative="damaged.pdf")
    with pytest.raises(docgen.DocgenError, match="damaged"):
        input_pdf.open_pdf(spec, damaged, "digest-of-damaged")
