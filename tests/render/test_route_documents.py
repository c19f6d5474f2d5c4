"""The bailiff routes' documents, rendered from the three route examples and read back as their reader
sees them (pdftotext for the PDF, python-docx for the DOCX): the request for the petites créances
procedure (CPCE L125-1), the request for an L126 commandement de payer, the lawyer's instruction to
the huissier for the 1394/20 procedure in French and Dutch. Each refused when its route is closed,
the reasons as findings with their rule ids (``docgen check --doc ... --json``)."""
from __future__ import annotations

import copy
import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from docgen.api import load_case
from docgen.cli import main
from docgen.errors import ComplianceError
from docgen.render.engine import render_document

from renderkit import docx_text

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 10, 15)
EXAMPLE = {"requete_petites_creances": "fr-petites-creances", "requete_l126": "fr-l126",
           "instruction_huissier": "be-1394"}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


def _variant(tmp_path: Path, name: str, change) -> Path:  # noqa: ANN001
    from docgen.model.reading import read_case_file
    import shutil

    data = copy.deepcopy(read_case_file(ROOT / "examples" / name / "case.yaml"))
    change(data)
    folder = tmp_path / name
    shutil.copytree(ROOT / "examples" / name, folder)
    (folder / "case.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def _findings(folder: Path, doc: str, *extra: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["check", str(folder), "--as-of", AS_OF.isoformat(), "--doc", doc, "--json",
                                       *extra])
    return result.exit_code, json.loads(result.output)


# ---- the examples render, PDF and DOCX, with their mandatory contents --------------------------

MANDATORY = {
    "requete_petites_creances": [
        "Requête en recouvrement simplifié d'une petite créance", "Maître Claire Morvan".upper(), "COMMISSAIRE DE JUSTICE",
        "La société Jardins de l'Erdre", "M. Bruno Lemaître", "Cause de la créance", "cause contractuelle",
        "Principal restant dû 2 160,00 €", "Intérêts moratoires", "Total dû 2 171,39 €",
        "n'excèdent pas le montant de 5 000,00 €", "délai d'un mois", "titre exécutoire",
        "La prescription est suspendue", "article 750-1, 5°, du code de procédure civile",
        "Bordereau des pièces", "Facture n° JE-2026-0112", "Devis D-2026-017", "Fait à Nantes, le 15 octobre 2026"],
    "requete_l126": [
        "Requête aux fins de commandement de payer", "MAÎTRE ÉTIENNE ROYER", "L126-1",
        "Qualité de commerçant des parties", "facturation entre commerçants",
        "registre du commerce et des sociétés de Lille sous le n° 812 345 676",
        "registre du commerce et des sociétés de Lyon sous le n° 908 765 431", "Principal restant dû 12 420,00 €",
        "Pénalités de retard", "Total dû 12 909,58 €", "CPCE L126-2", "procès-verbal de non-contestation",
        "CPCE L126-3 — 8 jours", "délai de 1 mois", "Facture n° IV-2026-0417", "Facture n° IV-2026-0502"],
}
MANDATORY_BE = {
    "nl": ["Opdracht aan de gerechtsdeurwaarder", "MEESTER AN WOUTERS", "GERECHTSDEURWAARDER",
           "1394/20 tot 1394/27", "ondernemingsnummer KBO 0765.432.146", "ondernemingsnummer KBO 0654.321.913",
           "Kruispuntbank van Ondernemingen", "contractuele oorzaak", "Hoofdsom € 9.075,00",
           "Verwijlintresten", "hoogstens 10 % van de hoofdsom (€ 907,50)", "Inhoud van de aanmaning tot betaling",
           "duidelijke omschrijving van de verbintenis", "antwoordformulier", "termijn van één maand vanaf",
           "ten vroegste 8 dagen", "Afschrift van de bewijsstukken", "Factuur nr. LD-2026-0388",
           "Mr. Pieter Declercq", "Advocaat — Balie West-Vlaanderen"],
    "fr": ["Instructions à l'huissier de justice", "MEESTER AN WOUTERS", "HUISSIER DE JUSTICE",
           "1394/20 à 1394/27", "numéro d'entreprise BCE 0765.432.146", "Banque-Carrefour des Entreprises",
           "Principal 9 075,00 €", "au plus 10 % du principal (907,50 €)", "Contenu de la sommation de payer",
           "description claire de l'obligation", "formulaire de réponse officiel", "délai d'un mois à compter",
           "au plus tôt 8 jours", "Copie des pièces justificatives", "Facture n° LD-2026-0388"],
}


@pytest.mark.parametrize("doc", sorted(MANDATORY))
def test_french_route_documents_carry_their_mentions(doc, pdf_text):
    case = load_case(ROOT / "examples" / EXAMPLE[doc] / "case.yaml", as_of=AS_OF)
    pdf = render_document(case, doc, AS_OF, "pdf", accept_unconfirmed=True)
    assert not pdf.draft and pdf.data.startswith(b"%PDF")
    text = _flat(pdf_text(pdf.data))
    missing = [m for m in MANDATORY[doc] if m not in text]
    assert not missing, missing
    assert "vérifier" not in text and "PROJET" not in text
    docx = docx_text(render_document(case, doc, AS_OF, "docx", accept_unconfirmed=True).data)
    docx = _flat(docx).lower()
    assert not [m for m in MANDATORY[doc] if m.lower() not in docx and not m.startswith(("Principal", "Total"))]


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_instruction_to_the_huissier_in_both_languages(lang, pdf_text):
    case = load_case(ROOT / "examples" / "be-1394" / "case.yaml", as_of=AS_OF)
    if lang == "fr":
        case = case.model_copy(update={"language": "fr"})
    pdf = render_document(case, "instruction_huissier", AS_OF, "pdf", accept_unconfirmed=True)
    text = _flat(pdf_text(pdf.data))
    missing = [m for m in MANDATORY_BE[lang] if m not in text]
    assert not missing, missing
    assert not pdf.draft and "ONTWERP" not in text and "PROJET" not in text
    docx = docx_text(render_document(case, "instruction_huissier", AS_OF, "docx", accept_unconfirmed=True).data)
    docx = _flat(docx).lower()
    assert not [m for m in MANDATORY_BE[lang] if m.lower() not in docx and not m.startswith(("Hoofdsom", "Principal"))]


@pytest.mark.parametrize("doc", sorted(EXAMPLE))
def test_the_examples_check_clean_and_accept_only_with_accept_unconfirmed(doc):
    folder = ROOT / "examples" / EXAMPLE[doc]
    code, found = _findings(folder, doc, "--accept-unconfirmed")
    assert code == 0 and not [f for f in found if f["severity"] == "error"], found
    code, found = _findings(folder, doc)
    assert code == 1 and {f["rule_id"] for f in found if f["severity"] == "error"} == {"UNCONFIRMED-LEGAL-DATA"}
    result = CliRunner().invoke(main, ["check", str(folder), "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 0, result.output


# ---- closed routes: refused, each reason a finding --------------------------------------------

def _over_cap(data):
    data["invoices"][0]["amount"] = "5200.00"


def _no_bailiff(data):
    del data["procedure"]["bailiff"]


def _between_merchants_debtor_civil(data):
    data["debtor"]["legal_form"] = "SCI"
    data["debtor"]["registration"] = {"scheme": "SIREN", "number": "908765431"}


def _disputed(data):
    data["events"].append({"type": "dispute_raised", "date": "2026-09-01"})


def _french_debtor(data):
    data["debtor"]["registration"] = {"scheme": "SIREN", "number": "908765431"}


def _no_lawyer(data):
    del data["creditor"]["represented_by"]


def _no_huissier(data):
    del data["procedure"]["bailiff"]


def _old_invoice(data):
    data["invoices"][0].update({"issue_date": "2025-05-31", "due_date": "2025-06-30"})


CLOSED = [
    ("requete_petites_creances", _over_cap, "ROUTE-NOT-ELIGIBLE", "(over_cap)", "invoices"),
    ("requete_petites_creances", _no_bailiff, "ROUTE-PETITES-CREANCES-UNDECIDED", "commissaire de justice",
     "creditor.represented_by"),
    ("requete_petites_creances", _disputed, "ROUTE-NOT-ELIGIBLE", "(disputed)", "events"),
    ("requete_l126", _between_merchants_debtor_civil, "ROUTE-NOT-ELIGIBLE", "(debtor_not_merchant)",
     "debtor.legal_form"),
    ("requete_l126", _no_bailiff, "ROUTE-BAILIFF-UNNAMED", "procedure.bailiff", "procedure.bailiff"),
    ("requete_l126", _disputed, "ROUTE-NOT-ELIGIBLE", "(disputed)", "events"),
    ("instruction_huissier", _french_debtor, "ROUTE-NOT-ELIGIBLE", "(debtor_not_registered)", "debtor.registration"),
    ("instruction_huissier", _no_lawyer, "ROUTE-NOT-ELIGIBLE", "(no_lawyer)", "creditor.represented_by"),
    ("instruction_huissier", _no_huissier, "ROUTE-BAILIFF-UNNAMED", "huissier de justice", "procedure.bailiff"),
]


@pytest.mark.parametrize("doc,change,rule,words,path", CLOSED,
                         ids=[f"{d}-{c.__name__}" for d, c, *_ in CLOSED])
def test_a_closed_route_refuses_its_document(tmp_path, doc, change, rule, words, path):
    folder = _variant(tmp_path, EXAMPLE[doc], change)
    code, found = _findings(folder, doc, "--accept-unconfirmed")
    errors = [f for f in found if f["severity"] == "error"]
    assert code == 1
    assert any(f["rule_id"] == rule and words in f["message"] and f["path"] == path for f in errors), errors
    case = load_case(folder / "case.yaml", as_of=AS_OF)
    with pytest.raises(ComplianceError) as refused:
        render_document(case, doc, AS_OF, "pdf", accept_unconfirmed=True)
    assert rule in refused.value.message
    draft = render_document(case, doc, AS_OF, "pdf", accept_unconfirmed=True, force=True)
    assert draft.draft and draft.data.startswith(b"%PDF")


def test_a_debtor_in_liquidation_stays_every_route(tmp_path):
    def liquidation(data):
        data["insolvency"] = {"kind": "liquidation_judiciaire", "court": "Tribunal de commerce de Lyon",
                              "judgment_date": "2026-09-30", "publication": "BODACC",
                              "publication_date": "2026-10-05"}
    folder = _variant(tmp_path, "fr-l126", liquidation)
    for doc in ("requete_l126", "requete_petites_creances"):
        code, found = _findings(folder, doc, "--accept-unconfirmed")
        rules = {f["rule_id"] for f in found if f["severity"] == "error"}
        assert code == 1 and "INSOLVENCY-STAY" in rules


def test_the_route_of_the_other_jurisdiction_is_refused(tmp_path):
    code, found = _findings(ROOT / "examples" / "be-1394", "requete_l126", "--accept-unconfirmed")
    assert code == 1 and any(f["rule_id"] == "ROUTE-NOT-ELIGIBLE" and "(jurisdiction)" in f["message"]
                             for f in found)


def test_accessories_over_the_cap_close_the_belgian_route(tmp_path):
    """Fifteen months of interest at the statutory rate exceed 10 % of the principal (1394/20)."""
    folder = _variant(tmp_path, "be-1394", _old_invoice)
    code, found = _findings(folder, "instruction_huissier", "--accept-unconfirmed")
    assert code == 1 and any("(accessories_over_cap)" in f["message"] for f in found if f["severity"] == "error")


def test_the_route_dossier_bundles_the_decompte_and_the_pieces(tmp_path, pdf_text):
    """docgen dossier around a route request: the request, the décompte, the bordereau, then each pièce,
    the cover addressed to the huissier."""
    out = tmp_path / "dossier"
    result = CliRunner().invoke(main, ["dossier", str(ROOT / "examples" / "be-1394"), "--as-of", AS_OF.isoformat(),
                                       "--doc", "instruction_huissier", "-o", str(out), "--accept-unconfirmed"])
    assert result.exit_code == 0, result.output
    text = _flat(pdf_text((out / "dossier.pdf").read_bytes()))
    for part in ("BESTEMMELING Meester An Wouters", "Opdracht aan de gerechtsdeurwaarder", "Afrekening",
                 "Stukkenbundel (inventaris)", "Factuur nr. LD-2026-0388", "Bestelbon 2026-31, ondertekend"):
        assert part in text, part
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert "instruction_huissier" in json.dumps(manifest)


def test_check_reports_a_planned_small_claims_procedure_that_is_not_open(tmp_path):
    """procedure.kind small_claims: docgen check (no --doc) says why the route is closed."""
    folder = _variant(tmp_path, "fr-petites-creances", _over_cap)
    result = CliRunner().invoke(main, ["check", str(folder), "--as-of", AS_OF.isoformat(), "--json"])
    found = json.loads(result.output)
    assert result.exit_code == 1
    assert any(f["rule_id"] == "ROUTE-NOT-ELIGIBLE" and "5000" in f["message"] and f["path"] == "invoices"
               for f in found), found


def test_a_period_of_months_is_written_as_a_deed_writes_it():
    """« délai d'un mois » (elided), « de deux mois »; « termijn van één maand », « twee maanden »."""
    from docgen.render.words import months_in_words

    assert [months_in_words(n, "fr") for n in (1, 2, 11)] == ["d'un mois", "de deux mois", "de onze mois"]
    assert [months_in_words(n, "nl") for n in (1, 3)] == ["één maand", "drie maanden"]
