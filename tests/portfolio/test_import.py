"""docgen import: French-style CSV and XLSX, bad rows reported with their line numbers."""
from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from click.testing import CliRunner

from docgen.api import validate
from docgen.cli import main
from docgen.model.reading import read_case_file
from docgen import agenda, import_invoices
from docgen.portfolio.importing.run import ImportError_, parse_amount, parse_date

CREDITOR = """creditor:
  kind: company
  name: "Atelier Lumière"
  legal_form: "SARL"
  share_capital: "10000.00"
  registration: {scheme: SIREN, number: "732829320"}
  address: {street: "12 rue des Lilas", postcode: "69003", city: "Lyon", country: FR}
  iban: "FR7630006000011234567890189"
"""

CSV = """Export comptable du 15/10/2026;;;;;;;;;;
Client;SIREN;Adresse;Code postal;Ville;N° facture;Date facture;Échéance;Montant TTC;Payé;Date de paiement
Brasserie du Port;913560280;12 quai Ouest;44600;Saint-Nazaire;F-001;02/03/2024;01/04/2024;1 234,56;;
Brasserie du Port;913560280;12 quai Ouest;44600;Saint-Nazaire;F-002;15/03/2024;14/04/2024;1.234,56;234,56;20/04/2024
;;;;;;;;;;
Brasserie du Port;913560280;12 quai Ouest;44600;Saint-Nazaire;F-003;15/03/2024;14/04/2024;100,00;100,00;
Café Lune;552100554;5 rue Haute;69001;Lyon;C-9;31/02/2024;14/04/2024;100;;
Café Lune;552100554;5 rue Haute;69001;Lyon;C-10;01/03/2024;14/04/2024;1.234;;
Café Lune;552100554;5 rue Haute;69001;Lyon;C-11;01/03/2024;14/04/2024;-5;;
Café Lune;552100554;5 rue Haute;69001;Lyon;C-12;01/03/2024;14/04/2024;50,5;;
Café Lune;552100554;5 rue Haute;69001;Lyon;C-12;01/03/2024;14/04/2024;50,5;;
Café Lune;552100554;5 rue Haute;69001;Lyon;C-13;01/03/2024;;50;;
Mauvais SIREN;123456789;1 rue Basse;75001;Paris;B-1;01/03/2024;14/04/2024;10;;
Café Lune;552100554;5 rue Haute;69001;Lyon;C-14;01/04/2024;14/03/2024;50;;
"""


@pytest.mark.parametrize("text,expected", [
    ("1 234,56", "1234.56"), ("1.234,56", "1234.56"), ("1,234.56", "1234.56"), ("1234.5", "1234.50"),
    ("1\u202f234,56 €", "1234.56"), ("12", "12.00"), ("EUR 7,5", "7.50"), ("1.234.567,89", "1234567.89"),
    (1234.56, "1234.56"), (1234, "1234.00")])
def test_amounts(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["1.234", "1,234", "-5", "(12,00)", "12,345", "1,2,3", "abc", "12.3.4", 0.001])
def test_bad_amounts(text):
    with pytest.raises(ValueError):
        parse_amount(text)


def test_dates():
    assert parse_date("02/03/2024") == date(2024, 3, 2)
    assert parse_date("2.3.24") == date(2024, 3, 2)
    assert parse_date("2024-03-02") == date(2024, 3, 2)
    assert parse_date("02/03/2024 00:00:00") == date(2024, 3, 2)
    assert parse_date(datetime(2024, 3, 2, 0, 0)) == date(2024, 3, 2)
    assert parse_date(45353) == date(2024, 3, 2)          # a spreadsheet serial number
    assert parse_date("  ") is None
    for bad in ("31/02/2024", "2024-13-01", "next week", 12):
        with pytest.raises(ValueError):
            parse_date(bad)


def test_csv_bad_rows_are_reported_with_their_line(tmp_path):
    source = tmp_path / "factures.csv"
    source.write_bytes(CSV.encode("cp1252"))                     # a French Excel export
    (tmp_path / "creditor.yaml").write_text(CREDITOR, encoding="utf-8")
    report = import_invoices(source, tmp_path / "cases", creditor=tmp_path / "creditor.yaml")
    errors = dict(report.errors)
    assert sorted(errors) == [7, 8, 9, 11, 12, 13, 14]
    assert "31/02/2024" in errors[7] and "ambiguous" in errors[8] and "negative" in errors[9]
    assert "already on line 10" in errors[11] and "no due date" in errors[12]
    assert "SIREN" in errors[13] and "before the issue date" in errors[14]
    assert dict(report.skipped) == {6: "invoice F-003 is fully paid"}
    assert report.empty_rows == 1 and report.exit_code == 2
    written = {w.reference.split("-")[0]: w for w in report.written}
    assert written["BRASSERIE"].lines == [3, 4] and written["CAFE"].lines == [10]
    # Every row is accounted for: written, skipped or reported.
    rows = {n for w in report.written for n in w.lines} | set(errors) | {6}
    assert rows == set(range(3, 15)) - {5}
    for w in report.written:
        assert validate(w.path, as_of=date(2026, 10, 15)).valid
    data = read_case_file(written["BRASSERIE"].path)
    assert data["invoices"][1] == {"number": "F-002", "issue_date": "2024-03-15", "due_date": "2024-04-14",
                                   "amount": "1234.56"}
    assert data["payments"] == [{"date": "2024-04-20", "amount": "234.56", "invoice": "F-002"}]
    assert data["debtor"]["registration"] == {"scheme": "SIREN", "number": "913560280"}
    # The imported portfolio is ready for the agenda.
    assert all(i.can_proceed for i in agenda(tmp_path / "cases", date(2026, 10, 15)))
    # Importing again never overwrites a case.
    again = import_invoices(source, tmp_path / "cases", creditor=tmp_path / "creditor.yaml")
    assert not again.written and "already exists" in dict(again.errors)[3]


def test_xlsx_with_merged_cells_and_text_values(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Impayés"
    ws.append(["Relevé des impayés"])                               # title row, merged across
    ws.merge_cells("A1:F1")
    ws.append(["Client", "Code postal", "Ville", "N° facture", "Date facture", "Échéance", "Montant", "Payé"])
    ws.append(["Mme Léa Martin", "31000", "Toulouse", "FA-1", datetime(2025, 3, 2), "17/03/2025", "1 200,00", None])
    ws.append([None, None, None, "FA-2", "02/04/2025", datetime(2025, 4, 17), 350.5, "50"])
    ws.append([None, None, None, None, None, None, None, None])      # empty row
    ws.append([None, None, None, "FA-3", "02/05/2025", "17/05/2025", "abc", None])
    ws.merge_cells("A3:A5")                                           # the client over its three invoices
    ws.merge_cells("B3:B5")
    ws.merge_cells("C3:C5")
    ws.append(["Cabinet Durand", "69003", "Lyon", "K-1", "01/02/2025", "03/03/2025", 99, None])
    ws.append(["Cabinet Durand", "69003", "Lyon", "K-1", "01/02/2025", "03/03/2025", 99, None])
    source = tmp_path / "impayes.xlsx"
    book.save(source)
    (tmp_path / "creditor.yaml").write_text(CREDITOR, encoding="utf-8")
    report = import_invoices(source, tmp_path / "cases", creditor=tmp_path / "creditor.yaml",
                             relationship="B2C")
    assert dict(report.errors).keys() == {6, 8}
    assert "abc" in dict(report.errors)[6] and "already on line 7" in dict(report.errors)[8]
    assert report.empty_rows == 1
    martin = next(w for w in report.written if w.reference.startswith("MME-LEA-MARTIN"))
    data = read_case_file(martin.path)
    assert [i["number"] for i in data["invoices"]] == ["FA-1", "FA-2"]
    assert data["invoices"][1]["amount"] == "350.50" and data["invoices"][0]["issue_date"] == "2025-03-02"
    assert data["payments"] == [{"date": "2025-04-02", "amount": "50.00", "invoice": "FA-2"}]
    assert "no date" in martin.path.read_text(encoding="utf-8")      # the assumed payment date is said
    assert data["relationship"] == "B2C" and data["debtor"]["address"]["city"] == "Toulouse"
    assert validate(martin.path, as_of=date(2026, 10, 15)).valid


def test_mapping_file_and_no_header(tmp_path):
    source = tmp_path / "export.csv"
    source.write_text("Pièce,Client,Emise,Payable,TTC\nP1,Société Alpha,2025-01-10,2025-02-09,\"1,500.00\"\n",
                      encoding="utf-8")
    (tmp_path / "creditor.yaml").write_text(CREDITOR, encoding="utf-8")
    with pytest.raises(ImportError_, match="no header row"):
        import_invoices(source, tmp_path / "a", creditor=tmp_path / "creditor.yaml")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns:\n  invoice_number: Pièce\n  issue_date: Emise\n  due_date: Payable\n  amount: TTC\n",
                       encoding="utf-8")
    report = import_invoices(source, tmp_path / "b", mapping=mapping, creditor=tmp_path / "creditor.yaml")
    assert not report.errors and read_case_file(report.written[0].path)["invoices"][0]["amount"] == "1500.00"
    mapping.write_text("columns:\n  invoice_nr: Pièce\n", encoding="utf-8")
    with pytest.raises(ImportError_, match="unknown field"):
        import_invoices(source, tmp_path / "c", mapping=mapping, creditor=tmp_path / "creditor.yaml")


def test_cli(tmp_path):
    source = tmp_path / "factures.csv"
    source.write_text(CSV, encoding="utf-8")
    (tmp_path / "creditor.yaml").write_text(CREDITOR, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(source), "-o", str(tmp_path / "cases"), "--creditor",
                                  str(tmp_path / "creditor.yaml"), "--json"])
    assert result.exit_code == 2
    data = json.loads(result.output)
    assert [e["line"] for e in data["errors"]] == [7, 8, 9, 11, 12, 13, 14] and len(data["written"]) == 2
    shown = runner.invoke(main, ["import", "--show-mapping"])
    assert shown.exit_code == 0 and "invoice_number:" in shown.output


def test_csv_in_an_unknown_encoding_is_a_clear_error(tmp_path):
    source = tmp_path / "export.csv"
    source.write_bytes(b"invoice;amount\n\x81\x90;2\n")
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "cases")])
    assert result.exit_code == 2 and "neither UTF-8 nor Windows-1252" in result.output
    assert not (tmp_path / "cases").exists() or not any((tmp_path / "cases").iterdir())
