"""docgen import of e-invoices: the public EN 16931 examples, Factur-X PDFs (EN16931, EXTENDED,
BASIC WL) and Peppol BIS UBL made here; grouping, credit notes, idempotent re-import, the
end-to-end CLI flow and the dossier carrying the original XML."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import einvoice_samples as s
from docgen.api import validate
from docgen.cli import main
from docgen.model.reading import read_case_file
from docgen.portfolio.importing.einvoice import import_einvoices

PUBLIC = Path(__file__).resolve().parents[1] / "fixtures" / "einvoice" / "en16931"


def _case(folder: Path) -> dict:
    cases = sorted(folder.glob("*/case.yaml"))
    assert len(cases) == 1, cases
    return read_case_file(cases[0])


def _write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_public_en16931_examples(tmp_path: Path) -> None:
    source = tmp_path / "in"
    shutil.copytree(PUBLIC, source, ignore=shutil.ignore_patterns("*.txt", "*.md"))
    report = import_einvoices([source], tmp_path / "out", jurisdiction="BE")
    assert report.exit_code == 2
    data = _case(tmp_path / "out")
    assert data["creditor"]["name"] == "De Koksmaat"
    assert data["creditor"]["vat_number"] == "NL820098395B01"
    assert data["creditor"]["iban"] == "NL57RABO0107307510"
    assert data["debtor"]["name"] == "ODIN 59"
    assert data["debtor"]["address"] == {"street": "POSTBUS 367", "postcode": "1960 AJ", "city": "HEEMSKERK",
                                         "country": "NL"}
    [invoice] = data["invoices"]
    assert (invoice["number"], invoice["amount"]) == ("12115118", "250.33")
    assert invoice["issue_date"] == invoice["due_date"] == "2015-01-09"
    folder = next((tmp_path / "out").iterdir())
    # XML only: the pièce is docgen's rendering; the XML is kept byte for byte
    assert (folder / invoice["file"]).read_bytes().startswith(b"%PDF-")
    assert (folder / invoice["einvoice"]).read_bytes() == (PUBLIC / "CII_example1.xml").read_bytes()
    text = subprocess.run(["pdftotext", str(folder / invoice["file"]), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "12115118" in text and "250.33" in text and "ODIN 59" in text
    # the same invoice in UBL is a duplicate, the credit note has no BT-25, NOK is not euros
    skipped = dict(report.skipped)
    assert "same invoice" in skipped[str(source / "ubl-tc434-example1.xml")]
    errors = dict(report.errors)
    assert "BT-25" in errors[str(source / "ubl-tc434-creditnote1.xml")]
    assert errors[str(source / "ubl-tc434-example2.xml")].startswith("/Invoice/cbc:DocumentCurrencyCode (BT-5)")
    assert "NOK" in errors[str(source / "ubl-tc434-example2.xml")]
    assert validate(data, base_dir=folder).valid


@pytest.mark.parametrize("level", ["en16931", "extended"])
def test_facturx_pdf_is_the_piece(tmp_path: Path, level: str) -> None:
    xml = s.cii("F-2026-001", level=level, due=None, terms="Paiement à 30 jours fin de mois. Pénalités de retard : "
                "taux de 12,5 % l'an. Indemnité forfaitaire pour frais de recouvrement : 40 €.")
    pdf = s.facturx_pdf(xml, level)
    _write(tmp_path / "in", {"f1.pdf": pdf})
    report = import_einvoices([tmp_path / "in"], tmp_path / "out")
    assert report.exit_code == 0, report.text()
    data = _case(tmp_path / "out")
    folder = next((tmp_path / "out").iterdir())
    assert (data["jurisdiction"], data["relationship"], data["language"]) == ("FR", "B2B", "fr")
    assert data["creditor"]["registration"] == {"scheme": "SIREN", "number": "732829320"}
    assert data["creditor"]["iban"] == s.IBAN_FR
    assert data["debtor"]["vat_number"] == "FR96552100554"
    [invoice] = data["invoices"]
    assert invoice["amount"] == "1200.00" and invoice["description"] == "Travaux de menuiserie"
    assert invoice["due_date"] == "2026-02-28"          # 5 Jan + 30 days = 4 Feb, end of month
    assert (folder / invoice["file"]).read_bytes() == pdf
    assert (folder / invoice["einvoice"]).read_bytes() == xml
    assert any("derived from the payment terms" in f for _, f in report.findings)
    # the penalty rate is proposed, never applied
    [(_, proposal)] = report.proposals
    assert 'rate_percent: "12.50"' in proposal
    assert "contract" not in data
    text = (folder / "case.yaml").read_text(encoding="utf-8")
    assert "# Proposal, NOT applied" in text


def test_basic_wl_imported_with_what_it_lacks_and_minimum_refused(tmp_path: Path) -> None:
    _write(tmp_path / "in", {"wl.pdf": s.facturx_pdf(s.cii("WL-1", level="basicwl"), "basicwl"),
                             "min.xml": s.cii("MIN-1", level="minimum")})
    report = import_einvoices([tmp_path / "in"], tmp_path / "out")
    assert report.exit_code == 2
    assert any("BASIC WL has no invoice lines (BG-25)" in f for _, f in report.findings)
    assert "description" not in _case(tmp_path / "out")["invoices"][0]
    [(name, reason)] = report.errors
    assert name.endswith("min.xml") and "(BT-24): Factur-X MINIMUM" in reason


def test_peppol_ubl_with_embedded_pdf_and_credit_note(tmp_path: Path) -> None:
    visual = s.blank_pdf("INV-2026-01")
    _write(tmp_path / "in", {"inv.xml": s.ubl("INV-2026-01", pdf=visual),
                             "cn.xml": s.ubl("CN-7", credit_note=True, credits="INV-2026-01", total="121.00",
                                             net="100.00", vat="21.00")})
    report = import_einvoices([tmp_path / "in"], tmp_path / "out", language="nl")
    assert report.exit_code == 0, report.text()
    data = _case(tmp_path / "out")
    folder = next((tmp_path / "out").iterdir())
    assert data["jurisdiction"] == "BE" and data["language"] == "nl"
    assert data["debtor"]["registration"] == {"scheme": "BCE", "number": "0202239951"}
    assert (folder / data["invoices"][0]["file"]).read_bytes() == visual
    assert data["credit_notes"] == [{"number": "CN-7", "date": "2026-01-05", "amount": "121.00",
                                     "invoice": "INV-2026-01"}]
    [exhibit] = data["exhibits"]
    assert exhibit["title"] == "Creditnota nr. CN-7 op factuur INV-2026-01"
    assert (folder / exhibit["file"]).read_bytes().startswith(b"%PDF-")


def test_grouping_by_identifier_prepaid_amount_and_all_or_nothing(tmp_path: Path) -> None:
    only_vat = dict(s.BUYER_FR, siren="")          # the same company named by its VAT number alone
    bad_postcode = dict(s.BUYER_FR, name="Autre Client SAS", siren="356000000", vat="FR39356000000",
                        postcode="7501")
    _write(tmp_path / "in", {"a.xml": s.cii("A-1"), "b.xml": s.cii("A-2", buyer=only_vat, prepaid="200.00"),
                             "c.xml": s.cii("C-1", buyer=bad_postcode)})
    report = import_einvoices([tmp_path / "in"], tmp_path / "out")
    data = _case(tmp_path / "out")
    assert [i["number"] for i in data["invoices"]] == ["A-1", "A-2"]
    assert data["payments"] == [{"date": "2026-01-05", "amount": "200.00", "invoice": "A-2"}]
    [(name, reason)] = report.errors
    assert name.endswith("c.xml") and "not written (all or nothing)" in reason and "postcode" in reason
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [next((tmp_path / "out").iterdir()).name]


def test_reimport_is_a_noop_amended_is_a_conflict_new_invoice_completes_the_case(tmp_path: Path) -> None:
    _write(tmp_path / "in", {"a.xml": s.cii("A-1"), "fx.pdf": s.facturx_pdf(s.cii("A-2"))})
    first = import_einvoices([tmp_path / "in"], tmp_path / "out")
    assert first.exit_code == 0 and len(first.written) == 1
    case_file = first.written[0].path
    before = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    again = import_einvoices([tmp_path / "in"], tmp_path / "out")
    assert again.exit_code == 0 and not again.written and len(again.skipped) == 2
    assert {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()} == before

    _write(tmp_path / "amended", {"a.xml": s.cii("A-1", total="1300.00", vat="300.00")})
    amended = import_einvoices([tmp_path / "amended"], tmp_path / "out")
    assert amended.exit_code == 1
    [(_, reason)] = amended.conflicts
    assert "amount 1200.00 → 1300.00" in reason and "never imported over the first" in reason
    assert case_file.read_bytes() == before[case_file]

    _write(tmp_path / "more", {"n.xml": s.cii("A-3", total="60.00", net="50.00", vat="10.00")})
    more = import_einvoices([tmp_path / "more"], tmp_path / "out")
    assert more.exit_code == 0 and more.written[0].completed
    text = case_file.read_text(encoding="utf-8")
    assert text.startswith("# Imported by `docgen import`")          # comments kept
    assert [i["number"] for i in read_case_file(case_file)["invoices"]] == ["A-1", "A-2", "A-3"]


def test_cli_mixed_folder_agenda_and_noop_second_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "invoices", {
        "facturx.pdf": s.facturx_pdf(s.cii("F-1")), "cii.xml": s.cii("F-2"),
        "peppol.xml": s.ubl("INV-1"), "credit.xml": s.ubl("CN-1", credit_note=True, credits="INV-1",
                                                         total="121.00", net="100.00", vat="21.00")})
    runner = CliRunner()
    result = runner.invoke(main, ["import", "invoices/", "-o", "portfolio/", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert sorted((w["invoices"], w["credit_notes"]) for w in out["written"]) == [(1, 1), (2, 0)]
    agenda = runner.invoke(main, ["agenda", "portfolio/", "--as-of", "2026-06-01"])
    assert agenda.exit_code == 0, agenda.output
    assert "2 cases" in agenda.output
    again = runner.invoke(main, ["import", "invoices/", "-o", "portfolio/"])
    assert again.exit_code == 0, again.output
    assert "0 case file(s) written or completed; 4 file(s) already imported" in again.output
    mixed = runner.invoke(main, ["import", "invoices/", "-o", "portfolio/", "--creditor", "invoices/cii.xml"])
    assert mixed.exit_code == 2 and "--mapping and --creditor are for spreadsheets" in mixed.output


def test_dossier_carries_the_original_xml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    xml = s.cii("F-1")
    _write(tmp_path / "in", {"fx.pdf": s.facturx_pdf(xml)})
    report = import_einvoices([tmp_path / "in"], tmp_path / "out")
    folder = report.written[0].path.parent
    result = CliRunner().invoke(main, ["dossier", str(folder), "--as-of", "2026-06-01", "--doc", "mise_en_demeure",
                                       "-o", str(tmp_path / "dossier")])
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:       # error findings: a draft shows the same attachments
        result = CliRunner().invoke(main, ["dossier", str(folder), "--as-of", "2026-06-01", "--doc",
                                           "mise_en_demeure", "-o", str(tmp_path / "dossier"), "--force"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "dossier" / "manifest.json").read_text())
    [piece] = manifest["content"]["pieces"]
    assert piece["einvoice"]["file"] == "pieces/facture-F-1.xml"
    assert piece["einvoice"]["sha256"] == hashlib.sha256(xml).hexdigest()
    listing = subprocess.run(["pdfdetach", "-list", str(tmp_path / "dossier" / "dossier.pdf")], capture_output=True,
                             text=True, check=True).stdout
    assert "Piece_01_facture-f-1_einvoice.xml" in listing
    reader = PdfReader(tmp_path / "dossier" / "dossier.pdf")
    page = reader.pages[piece["first_page"] - 1]
    [spec] = [ref.get_object() for ref in page["/AF"]]
    assert spec["/AFRelationship"] == "/Alternative"
    assert spec["/EF"]["/F"].get_object().get_data() == xml
    assert date.fromisoformat(manifest["as_of"]) == date(2026, 6, 1)
