"""Filing-ready documents: what a debtor or a court reads carries decisions, never review notes.

Every document of every example, and of a generated matrix of cases (FR/BE × B2B/B2C × fr/nl ×
with or without a lawyer × natural-person creditor × contractual rate or not), is rendered to PDF
and read back through pdftotext, as its reader would see it:
- no review wording, no tool name, no command-line syntax;
- every rate quoted « l'an » / « per jaar » is a rate the statement applies or the decided rate,
  and the rate's name agrees with the decision (a contractual rate is never called legal);
- every summary adds up with a pencil.
Documents refused by a finding are rendered with force=True: a draft must be clean too.
"""
from __future__ import annotations

import copy
import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from docgen.api import load_case
from docgen.law.decisions import decide_rate
from docgen.law.parameters import parameter
from docgen.law.statement import compute_statement
from docgen.render.engine import render_document
from docgen.render.formatting import rate as fmt_rate

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
AS_OF = date(2026, 10, 15)
DOCS = ("relance", "mise_en_demeure", "plan_apurement", "injonction_de_payer", "bordereau_de_pieces", "decompte")
REVIEW_WORDING = re.compile(r"vérifier|verifiëren|na te kijken|à compléter|docgen|--option|TODO", re.IGNORECASE)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is needed")


def pdf_text(data: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout


def _example(name: str) -> dict:
    return yaml.safe_load((EXAMPLES / name / "case.yaml").read_text(encoding="utf-8"))


def _variant(base: str, *, language: str, lawyer: bool, person_creditor: bool, contractual: bool) -> dict:
    """A case of the matrix, built from the example of the same jurisdiction and relationship."""
    data = copy.deepcopy(_example(base))
    data["language"] = language
    creditor = data["creditor"]
    if person_creditor:
        # A natural person: a consumer's creditor acting privately (FR legal rate of its own), or
        # a sole trader between businesses.
        for key in ("legal_form", "share_capital", "signatory", "name"):
            creditor.pop(key, None)
        creditor.update(first_name="Camille", last_name="Lefort")
        if data["relationship"] == "B2C" and data["jurisdiction"] == "FR":
            creditor["kind"] = "person"
            for key in ("registration", "vat_number"):
                creditor.pop(key, None)
        else:
            creditor["kind"] = "sole_trader"
            creditor["name"] = "Lefort Services"
    if lawyer:
        country = data["jurisdiction"]
        creditor["represented_by"] = {
            "kind": "lawyer", "name": "Maître Anne Dubois" if language == "fr" else "Mr. Anne Peeters",
            "firm": "Dubois Avocats" if language == "fr" else "Peeters Advocaten",
            "bar": "Barreau de Lyon" if country == "FR" else ("Barreau de Liège" if language == "fr"
                                                              else "Balie Antwerpen"),
            "address": ({"street": "3 quai Saint-Antoine", "postcode": "69002", "city": "Lyon", "country": "FR"}
                        if country == "FR" else
                        {"street": "Mechelsesteenweg 12", "postcode": "2018", "city": "Antwerpen", "country": "BE"}),
            "email": "cabinet@example.org"}
    else:
        creditor.pop("represented_by", None)
    contract = data.setdefault("contract", {})
    contract["late_interest"] = ({"basis": "contractual", "rate_percent": "8.00"} if contractual
                                 else {"basis": "statutory"})
    contract.pop("penalty_clause", None) if contractual and data["relationship"] == "B2C" else None
    return data


MATRIX = [
    pytest.param(base, lang, lawyer, person, contractual,
                 id=f"{base}-{lang}-{'lawyer' if lawyer else 'own'}-{'person' if person else 'company'}-"
                    f"{'contract' if contractual else 'statutory'}")
    for base, langs in (("fr-b2b", ("fr",)), ("fr-b2c", ("fr",)), ("be-b2b", ("fr", "nl")), ("be-b2c", ("fr", "nl")))
    for lang in langs for lawyer in (False, True) for person in (False, True) for contractual in (False, True)
]


def _rates_in_sentences(text: str) -> set[str]:
    """Rates a sentence gives as yearly (« 8,00 % l'an », « 8,00 % per jaar »)."""
    flat = re.sub(r"\s+", " ", text)
    return set(re.findall(r"(\d+(?:,\d+)?\s?%)\s*(?:l'an|l’an|par an|per jaar|\*? l'an)", flat))


def _check_rates(case, text: str, doc: str) -> None:
    st = compute_statement(case, AS_OF, assume_last_rate=True)
    decision = decide_rate(case, AS_OF, st, assume_last=True).result
    allowed = {fmt_rate(line.rate_percent, case.language) for line in st.interest}
    if decision.percent is not None:
        allowed.add(fmt_rate(decision.percent, case.language))
    if case.jurisdiction == "BE" and case.relationship == "B2C":
        # A consumer's documents also state the cap of CDE XIX.4 (the rate of the law of 2 August 2002).
        allowed.add(fmt_rate(parameter("be.late_payment_rate").at(AS_OF, assume_last=True).value, case.language))
    norm = lambda r: r.replace("\u00a0", " ").replace(" ", "")  # noqa: E731
    allowed_n = {norm(r) for r in allowed}
    for quoted in _rates_in_sentences(text):
        assert norm(quoted) in allowed_n, f"{doc}: quotes {quoted} a year; the statement applies {sorted(allowed)}"
    flat = re.sub(r"\s+", " ", text).lower()
    if decision.kind == "contractual":
        for phrase in ("au taux légal", "au taux de l'intérêt légal", "tegen de wettelijke interestvoet"):
            assert phrase not in flat, f"{doc}: calls the contractual rate « {phrase} »"
    if decision.kind in ("legal_other", "legal_natural_person", "be_legal", "l441_10", "be_2002"):
        for phrase in ("taux contractuel de", "taux conventionnel de", "contractuele rentevoet van",
                       "bedongen rentevoet van"):
            assert phrase not in flat, f"{doc}: announces « {phrase} » while no contractual rate applies"


def _render_all(case, tmp_path: Path, label: str) -> dict[str, str]:
    texts = {}
    for doc in DOCS:
        if doc == "plan_apurement" and case.payment_plan is None:
            continue
        rendered = render_document(case, doc, AS_OF, "pdf", force=True, accept_unconfirmed=True,
                                   options={"assume_last_rate": "1"})
        texts[doc] = pdf_text(rendered.data, tmp_path, f"{label}-{doc}")
    return texts


@pytest.mark.parametrize("example", ["fr-b2b", "fr-b2c", "be-b2b", "be-b2c"])
def test_examples_print_no_review_wording_and_one_rate(example, tmp_path):
    case = load_case(EXAMPLES / example)
    for doc, text in _render_all(case, tmp_path, example).items():
        found = REVIEW_WORDING.findall(text)
        assert not found, f"{example} {doc}: review wording {found}"
        _check_rates(case, text, doc)


@pytest.mark.parametrize(("base", "language", "lawyer", "person", "contractual"), MATRIX)
def test_matrix_prints_no_review_wording_and_one_rate(base, language, lawyer, person, contractual, tmp_path):
    data = _variant(base, language=language, lawyer=lawyer, person_creditor=person, contractual=contractual)
    case = load_case(data, base_dir=EXAMPLES / base)
    for doc, text in _render_all(case, tmp_path, "m").items():
        found = REVIEW_WORDING.findall(text)
        assert not found, f"{doc}: review wording {found}"
        _check_rates(case, text, doc)


# ------------------------------------------------------------------ summaries add up

_NUMBER = r"\d{1,3}(?:[\s\u202f\u00a0.]\d{3})*,\d{2}"
# « − 240,00 € » (fr) or « − € 240,00 » (nl): the sign may stand before the number or the euro sign.
_AMOUNT = rf"([−+-]?\s?{_NUMBER})\s?€|([−+-]?)\s?€\s?({_NUMBER})"


def _amount(line: str) -> Decimal | None:
    # The right-hand column: an amount ending the line (an amount inside a label is not a line's value).
    found = re.findall(rf"(?:{_AMOUNT})\s*$", line)
    if not found:
        return None
    last = found[-1]
    raw = last[0] or (last[1] + last[2])
    sign = -1 if raw.strip().startswith(("−", "-")) else 1
    digits = re.sub(r"[^\d,]", "", raw).replace(",", ".")
    return sign * Decimal(digits)


SUMMARY_START = ("Principal ", "Hoofdsom ")
SUBTOTAL = ("Principal restant dû", "Openstaande hoofdsom")
TOTAL = ("Total dû", "Totaal verschuldigd")


def summaries(text: str) -> list[list[tuple[str, Decimal]]]:
    """Each summary table of a document: its (label, signed amount) lines, from « Principal » to « Total dû »."""
    out, current = [], None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(SUMMARY_START) and _amount(line) is not None and not line.startswith(SUBTOTAL):
            current = []
        if current is None:
            continue
        value = _amount(line)
        if value is not None:
            current.append((line, value))
        if line.startswith(TOTAL) and value is not None:
            out.append(current)
            current = None
    return out


def _adds_up(lines: list[tuple[str, Decimal]]) -> None:
    running = lines[0][1]
    for label, value in lines[1:]:
        if label.startswith(SUBTOTAL) or label.startswith(TOTAL):
            assert value == running, f"« {label} » is {value}, the lines above add up to {running}"
        else:
            running += value


@pytest.mark.parametrize("example", ["fr-b2b", "fr-b2c", "be-b2b", "be-b2c"])
def test_every_summary_of_every_example_adds_up(example, tmp_path):
    case = load_case(EXAMPLES / example)
    seen = 0
    for doc, text in _render_all(case, tmp_path, example).items():
        for table in summaries(text):
            _adds_up(table)
            seen += 1
    assert seen >= 1, f"{example}: no summary table found"
