"""Wherever the page breaks fall, a signature is never alone on a page and a table's legal basis
never opens one.

The examples (tests/render/test_docx_layout.py) put the breaks in a few places only: here two
route documents get 0 to 13 more invoices, which moves every break down the pages, and each page
after the first is read through pdftotext (an independent reader).
"""
from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest

from docgen.api import Matter
from docgen.model.reading import parse_bytes

AS_OF = date(2026, 10, 15)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OPENS_NOTHING = ("Fait à", "Opgemaakt te", "Hoogachtend", "Nous vous prions", "Met vriendelijke",
                 "Fondement :", "Grondslag :")


def _with_more_invoices(example: str, extra: int) -> dict:
    data = parse_bytes((EXAMPLES / example / "case.yaml").read_bytes())
    first = data["invoices"][0]
    for n in range(extra):
        invoice = {k: v for k, v in copy.deepcopy(first).items() if k not in ("file", "einvoice")}
        invoice["number"] = f"X-{n:03d}"
        invoice["description"] = "Prestation complémentaire" + " et travaux" * (n % 4)
        data["invoices"].append(invoice)
    return data


@pytest.mark.parametrize("example, doc", [("be-1394", "instruction_huissier"), ("fr-l126", "requete_l126")])
@pytest.mark.parametrize("extra", range(0, 14, 2))
def test_no_page_opens_with_a_closing_or_a_basis(example, doc, extra, pdf_text):
    matter = Matter.load(_with_more_invoices(example, extra), AS_OF, base_dir=EXAMPLES / example,
                         accept_unconfirmed=True)
    text = pdf_text(matter.render(doc, force=True).data, layout=True)
    pages = [[" ".join(line.split()) for line in page.splitlines() if line.strip()] for page in text.split("\f")]
    pages = [lines for lines in pages if lines]
    assert len(pages) >= 2
    for number, lines in enumerate(pages[1:], 2):
        assert not lines[0].startswith(OPENS_NOTHING), (number, lines[0])
