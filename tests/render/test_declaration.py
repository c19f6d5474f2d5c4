"""The déclaration de créance, rendered and read back as its reader sees it (pdftotext, python-docx).

A liquidation judiciaire opened on 30 Sept 2026 against the debtor of the fr-b2b example (BODACC
5 Oct 2026): the mise en demeure is refused (exit 1, INSOLVENCY-STAY naming L622-21), and the
declaration states the claim as it stood on 30 Sept 2026 with the mentions of C. com. L622-25 and
R622-23. The Belgian declaration (faillite, RegSol) is checked in French and Dutch, with its export.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from docgen.api import load_case
from docgen.cli import main
from docgen.law.statement import compute_statement
from docgen.render.documents_routes import regsol_export, statement_day
from docgen.render.engine import render_document
from docgen.render.formatting import long_date, money

from renderkit import docx_text

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 10, 15)
JUDGMENT = date(2026, 9, 30)
REVIEW_WORDING = re.compile(r"vérifier|verifiëren|na te kijken|à compléter|docgen|--option|TODO", re.IGNORECASE)
ADMIN = {"role": "liquidateur", "name": "SELARL Mandataires de l'Ouest, Maître Anne Roux",
         "address": {"street": "3 rue de la Paix", "postcode": "44600", "city": "Saint-Nazaire", "country": "FR"}}

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is needed")


def variant(tmp_path: Path, name: str, change) -> Path:  # noqa: ANN001
    folder = tmp_path / name
    shutil.copytree(ROOT / "examples" / name, folder)
    data = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
    change(data)
    (folder / "case.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def liquidation(data: dict) -> None:
    data["insolvency"] = {"kind": "liquidation_judiciaire", "court": "Tribunal de commerce de Saint-Nazaire",
                          "judgment_date": JUDGMENT, "publication_date": date(2026, 10, 5), "publication": "BODACC",
                          "case_number": "2026J00123", "administrator": ADMIN}
    # An invoice not yet due on the judgment day: a sum « à échoir » (L622-25), no €40 for it.
    data["invoices"].append({"number": "F-2024-099", "issue_date": date(2026, 9, 20), "due_date": date(2026, 10, 20),
                             "amount": "600.00", "description": "Lot 4 : reprise d'un plateau"})


def norm(text: str) -> str:
    """Whitespace (no-break spaces included) as one space: pdftotext and python-docx differ there."""
    return " ".join(text.split())


def pdf_text(data: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout


@pytest.fixture(scope="module")
def fr_case(tmp_path_factory):
    return variant(tmp_path_factory.mktemp("fr"), "fr-b2b", liquidation)


def test_mise_en_demeure_is_refused(fr_case, tmp_path):
    result = CliRunner().invoke(main, ["render", "mise_en_demeure", str(fr_case), "--as-of", "2026-10-15",
                                       "--accept-unconfirmed", "-o", str(tmp_path / "med.pdf")])
    assert result.exit_code == 1, result.output
    assert "INSOLVENCY-STAY" in result.output and "L622-21" in result.output
    assert not (tmp_path / "med.pdf").exists()


def test_check_json_names_the_rule(fr_case):
    result = CliRunner().invoke(main, ["check", str(fr_case), "--as-of", "2026-10-15", "--json"])
    findings = json.loads(result.output)
    findings = findings["findings"] if isinstance(findings, dict) else findings
    open_ = [f for f in findings if f["rule_id"] == "INSOLVENCY-OPEN"]
    assert open_ and open_[0]["path"] == "insolvency" and "2026-12-07" in open_[0]["message"]


def test_french_declaration(fr_case, tmp_path):
    case = load_case(fr_case, as_of=AS_OF)
    assert statement_day(case, "declaration_de_creance", AS_OF) == JUDGMENT
    st = compute_statement(case, JUDGMENT)
    rendered = render_document(case, "declaration_de_creance", AS_OF, "pdf", accept_unconfirmed=True)
    assert not rendered.review.blocking and not rendered.draft
    text = pdf_text(rendered.data, tmp_path, "decl")
    flat = " ".join(text.split())
    assert not REVIEW_WORDING.search(text)
    # The claim stated on the judgment day, in figures and words, with the procedure identified.
    assert norm(f"arrêtée au {long_date(JUDGMENT)}, jour du jugement d'ouverture") in flat
    assert norm(money(st.total_due)) in flat and "Liquidation judiciaire de la société Brasserie de l'Estuaire" in flat
    assert "Tribunal de commerce de Saint-Nazaire" in flat and "BODACC le 5 octobre 2026" in flat
    # L622-25: the sums to fall due with their due date, and the rank.
    assert "Sommes à échoir" in flat and "F-2024-099" in flat and "20/10/2026" in flat
    assert "à titre chirographaire" in flat
    # R622-23 2° and L622-28: interest computed to the judgment day and stopped then; 3°: no pending case.
    assert "30/09/2026" in flat and "L622-28" in flat and "aucune instance en cours" in flat
    assert st.interest[-1].last == JUDGMENT
    # €40 only for invoices already late on the judgment day (3, not the one due on 20 Oct).
    assert len(st.indemnities) == 3 and "F-2024-099" not in {i.invoice for i in st.indemnities}
    # R622-23 last paragraph: the pièces under a bordereau; addressed to the liquidateur.
    assert "Bordereau des pièces justificatives" in flat and "Facture n° F-2023-118" in flat
    assert "LIQUIDATEUR JUDICIAIRE" in text.upper() and "MAÎTRE ANNE ROUX" in flat.upper()
    assert "Fait à Nantes, le 15 octobre 2026" in flat
    docx = render_document(case, "declaration_de_creance", AS_OF, "docx", accept_unconfirmed=True).data
    dtext = " ".join(docx_text(docx).split())
    assert norm(money(st.total_due)) in dtext and "Sommes à échoir" in dtext and "chirographaire" in dtext


def belgian(language: str):
    def change(data: dict) -> None:
        data["language"] = language
        data["insolvency"] = {"kind": "faillite", "court": "Tribunal de l'entreprise de Liège, division de Liège",
                              "judgment_date": date(2026, 9, 28), "publication": "RegSol", "case_number": "20260987",
                              "claims_deadline": date(2026, 10, 28),
                              "administrator": {**ADMIN, "role": "curateur", "name": "Maître Luc Dubois"}}
    return change


@pytest.mark.parametrize("language, words", [
    ("fr", ["Déclaration de créance", "Faillite de Ardenne Distribution", "28 octobre 2026", "chirographaire",
            "RegSol", "CURATEUR", "Pièces justificatives"]),
    ("nl", ["Aangifte van schuldvordering", "Faillissement van Ardenne Distribution", "28 oktober 2026",
            "chirografaire", "RegSol", "CURATOR", "Bewijsstukken"]),
])
def test_belgian_declaration(tmp_path, language, words):
    folder = variant(tmp_path, "be-b2b", belgian(language))
    case = load_case(folder, as_of=AS_OF)
    st = compute_statement(case, date(2026, 9, 28))
    rendered = render_document(case, "declaration_de_creance", AS_OF, "pdf", accept_unconfirmed=True)
    assert not rendered.review.blocking
    text = pdf_text(rendered.data, tmp_path, language)
    flat = " ".join(text.split())
    assert not REVIEW_WORDING.search(text)
    for word in words:
        assert word.upper() in flat.upper(), word
    assert norm(money(st.total_due, language)) in flat
    docx = render_document(case, "declaration_de_creance", AS_OF, "docx", accept_unconfirmed=True).data
    assert norm(money(st.total_due, language)) in norm(docx_text(docx))


def test_regsol_export(tmp_path):
    case = load_case(variant(tmp_path, "be-b2b", belgian("fr")), as_of=AS_OF)
    st = compute_statement(case, date(2026, 9, 28))
    export = regsol_export(case, AS_OF, st)
    assert json.loads(json.dumps(export)) == export       # plain JSON
    assert export["proceedings"]["kind"] == "faillite" and export["proceedings"]["claims_deadline"] == "2026-10-28"
    assert export["creditor"]["enterprise_number"] == "0794615288"
    assert export["claim"]["stated_at"] == "2026-09-28" and export["claim"]["total"] == str(st.total_due)
    assert sum(float(i["outstanding"]) for i in export["claim"]["invoices"]) == pytest.approx(
        float(st.outstanding_principal))
    assert export["documents"][0]["number"] == "1"
