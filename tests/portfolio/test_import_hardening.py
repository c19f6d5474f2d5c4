"""Issue 12: ``docgen import`` against hostile or unlucky spreadsheets.

Item 5 (a file name that writes YAML), item 11 (one bad cell aborted everything), item 12 (a
zip bomb and a huge XML token in a workbook), item 19 (100,000 invoices, UTF-16 and CR-only CSV).
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from pfkit import ROOT

from docgen.api import validate
from docgen.model.reading import read_case_file
from docgen import import_invoices
from docgen.portfolio.importing.report import ImportError_
from docgen.portfolio.importing.sheet import MAX_ROWS, check_row_count, default_mapping, find_header, read_rows
from docgen.portfolio.importing.values import parse_amount, parse_date
from docgen.portfolio.importing.xlsx_guard import MAX_TOKEN_BYTES, _longest_token

CREDITOR = """creditor:
  kind: company
  name: "Atelier Lumière"
  registration: {scheme: SIREN, number: "732829320"}
  address: {street: "12 rue des Lilas", postcode: "69003", city: "Lyon", country: FR}
"""
HEADER = "Client;SIREN;Code postal;Ville;N° facture;Date facture;Échéance;Montant TTC"
ROW = "Brasserie du Port;913560280;44600;Saint-Nazaire;F-{n};02/03/2024;01/04/2024;{amount}"


@pytest.fixture
def creditor(tmp_path: Path) -> Path:
    path = tmp_path / "creditor.yaml"
    path.write_text(CREDITOR, encoding="utf-8")
    return path


# --- item 5 --------------------------------------------------------------------------------------

def test_a_file_name_cannot_write_yaml_into_the_case(tmp_path, creditor):
    name = 'x\ncredit_notes: [{number: AV-X, date: "2024-03-20", amount: "99.00", invoice: F-1}]\n#.csv'
    for breaker in ("\n", "\r", "\u2028", "\x85"):
        folder = tmp_path / f"run{ord(breaker)}"
        folder.mkdir()
        source = folder / name.replace("\n", breaker)
        source.write_text(HEADER + "\n" + ROW.format(n=1, amount="1 234,56") + "\n", encoding="utf-8")
        report = import_invoices(source, folder / "cases", creditor=creditor)
        [written] = report.written
        data = read_case_file(written.path)
        assert "credit_notes" not in data, breaker
        assert data["invoices"] == [{"number": "F-1", "issue_date": "2024-03-02", "due_date": "2024-04-01",
                                     "amount": "1234.56"}]
        first = written.path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# Imported by `docgen import` from x\\") and "credit_notes" in first


# --- item 11 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["9" * 400, "1e300", 1e300, float("inf"), float("nan"), 10 ** 400,
                                   "1" + "0" * 12, "1 000 000 000 000,00"])
def test_amounts_beyond_the_case_file_limit_are_a_value_error(value):
    with pytest.raises(ValueError):
        parse_amount(value)


def test_the_largest_amount_still_imports():
    assert str(parse_amount("999 999 999 999,99")) == "999999999999.99"


@pytest.mark.parametrize("value", [2958466, 10 ** 30, 1e300, float("inf"), float("nan"), -5, 45353.5])
def test_date_serials_out_of_range_are_a_value_error(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_bad_cells_are_reported_and_the_rest_imported(tmp_path, creditor):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Client", "Code postal", "Ville", "N° facture", "Date facture", "Échéance", "Montant"])
    ws.append(["Alpha", "31000", "Toulouse", "A-1", datetime(2025, 3, 2), "17/03/2025", "1 200,00"])
    ws.append(["Beta", "31000", "Toulouse", "B-1", 3_000_000, "17/03/2025", "10,00"])
    ws["E3"].number_format = "yyyy-mm-dd"                             # a date serial past 9999
    ws.append(["Gamma", "31000", "Toulouse", "G-1", "02/03/2025", "17/03/2025", "9" * 400])
    ws.append(["Delta", "31000", "Toulouse", "D-1", "02/03/2025", "17/03/2025", 1e300])
    ws.append(["Eps", "31000", "Toulouse", "E-1", 10 ** 20, "17/03/2025", "5"])
    ws.append(["Zeta", "31000", "Toulouse", "Z-1", "02/03/2025", "17/03/2025", "12,50"])
    source = tmp_path / "impayes.xlsx"
    book.save(source)
    report = import_invoices(source, tmp_path / "cases", creditor=creditor, relationship="B2B")
    assert sorted(dict(report.errors)) == [3, 4, 5, 6]
    assert sorted(w.reference.split("-")[0] for w in report.written) == ["ALPHA", "ZETA"]
    for w in report.written:
        assert validate(w.path, as_of=date(2026, 10, 15)).valid


def test_bad_csv_cells_are_reported_and_the_rest_imported(tmp_path, creditor):
    source = tmp_path / "f.csv"
    lines = [HEADER, ROW.format(n=1, amount="9" * 400), ROW.format(n=2, amount="1e300"), ROW.format(n=3, amount="10")]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_invoices(source, tmp_path / "cases", creditor=creditor)
    assert sorted(dict(report.errors)) == [2, 3]
    assert [w.lines for w in report.written] == [[4]]


# --- item 12: the workbook's zip and XML ----------------------------------------------------------

def _workbook_with_comment(path: Path, megabytes: int, filler: bytes = b"x") -> Path:
    """A real workbook whose sheet XML holds a comment of ``megabytes`` MB, written in streams."""
    book = openpyxl.Workbook()
    book.active.append(["Client", "N° facture", "Date facture", "Échéance", "Montant"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, data)
                continue
            head, sep, tail = data.partition(b"<sheetData>")
            with target.open(info.filename, "w", force_zip64=True) as out:
                out.write(head + b"<!--")
                block = (filler * (1 << 20))[: 1 << 20]
                for _ in range(megabytes):
                    out.write(block)
                out.write(b"-->" + sep + tail)
    return path


def test_a_zip_bomb_is_refused_quickly(tmp_path):
    """A 300 KB workbook inflating to 300 MB: refused in seconds (it used to take > 10 minutes).
    Run in a child process, so that a regression fails by its timeout instead of hanging."""
    bomb = _workbook_with_comment(tmp_path / "bomb.xlsx", 300)
    assert bomb.stat().st_size < 1024 * 1024
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "docgen", "import", str(bomb), "-o", str(tmp_path / "cases")],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "compression bomb" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "cases").exists() or not any((tmp_path / "cases").iterdir())


@pytest.mark.parametrize("filler", [b"x", b"<>", b"<!"])
def test_a_huge_xml_token_is_refused_before_openpyxl(tmp_path, filler):
    """A 3 MB comment is far below the size limits, but expat re-scans it on every buffer."""
    book = _workbook_with_comment(tmp_path / "token.xlsx", 3, filler)
    with pytest.raises(ImportError_, match="XML element or comment"):
        import_invoices(book, tmp_path / "cases")


def test_the_token_scan_of_an_ordinary_sheet(tmp_path):
    sheet = b'<?xml version="1.0"?><worksheet><!-- c --><sheetData>' + b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c></row>' % (i, i, b"y" * 32_767)
        for i in range(40)) + b"</sheetData></worksheet>"
    assert 32_767 <= _longest_token(io.BytesIO(sheet)) < MAX_TOKEN_BYTES
    assert _longest_token(io.BytesIO(b"<a>" + b"<![CDATA[" + b"<" * (MAX_TOKEN_BYTES + 2) + b"]]></a>")) > MAX_TOKEN_BYTES


# --- item 19: sizes and encodings of a CSV --------------------------------------------------------

def _big_csv(path: Path, invoices: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("Relevé des impayés\n" + HEADER + "\n")
        out.writelines(ROW.format(n=n, amount="10") + "\n" for n in range(invoices))
    return path


def test_exactly_the_maximum_number_of_invoices_is_accepted(tmp_path):
    rows = read_rows(_big_csv(tmp_path / "max.csv", MAX_ROWS), None)
    pos, _ = find_header(rows, default_mapping())
    check_row_count(rows, pos)                                # no error: the header does not count
    assert len(rows) == MAX_ROWS + 2


def test_one_invoice_more_is_refused_clearly(tmp_path):
    with pytest.raises(ImportError_, match=f"at most {MAX_ROWS}"):
        import_invoices(_big_csv(tmp_path / "over.csv", MAX_ROWS + 1), tmp_path / "cases")
    assert not (tmp_path / "cases").exists()


@pytest.mark.parametrize("encoding,newline", [("utf-16", "\r\n"), ("utf-16-be", "\n"), ("utf-8", "\r"),
                                              ("utf-16", "\r"), ("utf-32", "\n"), ("cp1252", "\r")])
def test_utf16_and_cr_only_files_are_read(tmp_path, creditor, encoding, newline):
    text = newline.join([HEADER, ROW.format(n=1, amount="1 234,56"), ROW.format(n=2, amount="5,00")]) + newline
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    source = tmp_path / "export.csv"
    source.write_bytes(raw)
    report = import_invoices(source, tmp_path / "cases", creditor=creditor)
    assert not report.errors, report.errors
    [written] = report.written
    assert [i["number"] for i in read_case_file(written.path)["invoices"]] == ["F-1", "F-2"]
    assert written.lines == [2, 3]


def test_utf16_without_bom_names_the_encoding(tmp_path):
    source = tmp_path / "export.csv"
    source.write_bytes((HEADER + "\n").encode("utf-16-le"))
    with pytest.raises(ImportError_, match="UTF-16"):
        import_invoices(source, tmp_path / "cases")
