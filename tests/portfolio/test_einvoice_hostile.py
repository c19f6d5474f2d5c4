"""E-invoice files that must be refused with one line naming the file and the XPath or business
term: hostile XML (XXE, billion laughs, 50 MB), PDFs without an invoice, invalid or foreign
invoices. The other files of the import are still imported."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

import einvoice_samples as s
from docgen.portfolio.importing.einvoice import EInvoiceError, import_einvoices, read_einvoice

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&secret;</Invoice>"""
XXE_NETWORK = b"""<?xml version="1.0"?>
<!DOCTYPE Invoice SYSTEM "http://127.0.0.1:9/evil.dtd">
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>"""
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b']><rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">'
            b"&lol9;</rsm:CrossIndustryInvoice>")


def _refusal(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(EInvoiceError) as caught:
        read_einvoice(path)
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and "\n" not in message
    return message


def test_xxe_is_refused_and_nothing_is_read(tmp_path: Path) -> None:
    message = _refusal(tmp_path, "xxe.xml", XXE)
    assert "DOCTYPE" in message and "root:" not in message
    assert "DOCTYPE" in _refusal(tmp_path, "net.xml", XXE_NETWORK)


def test_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    start = time.monotonic()
    assert "DOCTYPE" in _refusal(tmp_path, "lol.xml", LAUGHS)
    assert time.monotonic() - start < 5


def test_a_50_mb_xml_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    with path.open("wb") as fh:
        fh.write(b'<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">')
        chunk = b"<cbc:Note>" + b"x" * 1000 + b"</cbc:Note>"
        for _ in range(51 * 1024):
            fh.write(chunk)
        fh.write(b"</Invoice>")
    assert path.stat().st_size > 50 * 1024 * 1024
    with pytest.raises(EInvoiceError, match="larger than 40 MB"):
        read_einvoice(path)


def test_pdfs_without_an_embedded_invoice(tmp_path: Path) -> None:
    no_xml = _refusal(tmp_path, "zip.pdf", s.pdf_with_attachment("factur-x.xml", b"PK\x03\x04 a zip, not XML"))
    assert "/Root/Names/EmbeddedFiles: no embedded e-invoice" in no_xml
    assert "no embedded e-invoice" in _refusal(tmp_path, "plain.pdf", s.blank_pdf())
    # a Factur-X attachment that is an XXE: parsed by the library with docgen's hardened parser
    hostile = _refusal(tmp_path, "xxe.pdf", s.pdf_with_attachment("factur-x.xml", XXE.replace(b"Invoice", b"x")))
    assert "root:" not in hostile


@pytest.mark.parametrize(("data", "expected"), [
    (b"<Invoice><unclosed></Invoice>", "line 1: malformed XML"),
    (b"<root/>", "/root: not an e-invoice"),
    (s.ubl(customization="urn:example:other"), "/Invoice/cbc:CustomizationID (BT-24): unknown profile"),
    (s.cii().replace(b"urn:cen.eu:en16931:2017<", b"urn:example:unknown<"),
     "GuidelineSpecifiedDocumentContextParameter/ram:ID (BT-24): unknown profile"),
    (s.ubl(currency="USD"), "/Invoice/cbc:DocumentCurrencyCode (BT-5): currency 'USD'"),
    (s.cii(currency="CHF"), "ram:InvoiceCurrencyCode (BT-5): currency 'CHF'"),
    (s.ubl().replace(b"<cbc:IssueDate>2026-01-05</cbc:IssueDate>", b""), "not valid against the UBL 2.1 XSD"),
    (s.cii().replace(b"<ram:TypeCode>380</ram:TypeCode>", b""), "not valid against the Factur-X EN16931"),
], ids=["malformed", "foreign", "ubl-profile", "cii-profile", "usd", "chf", "ubl-xsd", "cii-xsd"])
def test_invalid_files_name_the_xpath_or_business_term(tmp_path: Path, data: bytes, expected: str) -> None:
    assert expected in _refusal(tmp_path, "bad.xml", data)


def test_xsd_error_names_the_xpath(tmp_path: Path) -> None:
    message = _refusal(tmp_path, "bad.xml", s.ubl().replace(b"<cbc:IssueDate>2026-01-05", b"<cbc:IssueDate>5 Jan"))
    assert message.startswith("bad.xml: /*/cbc:IssueDate: not valid against the UBL 2.1 XSD")


def test_refused_files_do_not_stop_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.xml").write_bytes(s.cii("G-1"))
    (folder / "xxe.xml").write_bytes(XXE)
    (folder / "notes.txt").write_text("ignored: neither .pdf nor .xml")
    report = import_einvoices([folder], tmp_path / "out")
    assert report.exit_code == 2
    assert [e[0] for e in report.errors] == [str(folder / "xxe.xml")]
    assert len(report.written) == 1 and report.written[0].files == [str(folder / "good.xml")]
    assert "xxe.xml: NOT IMPORTED: /: the XML declares a DOCTYPE" in report.text()
