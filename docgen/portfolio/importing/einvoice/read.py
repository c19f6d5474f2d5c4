"""One file in, one ``EInvoice`` out (or one EInvoiceError): detect, extract, validate, read.

- a PDF must be a Factur-X / ZUGFeRD 2 invoice: its CII XML is extracted with the ``factur-x``
  library, and the PDF itself stays the pièce;
- an XML file is a UBL 2.1 Invoice or CreditNote, or a CII CrossIndustryInvoice.
Every XML is validated against its XSD, then its currency must be the euro.
"""
from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from .cii import SETTLEMENT, read_cii
from .detect import root_kind, sniff
from .model import EInvoice, EInvoiceError
from .schemas import cii_level, ubl_profile, validate
from .ubl import read_ubl
from .xmlsafe import MAX_FILE_BYTES, _parser, parse_xml

# The library logs each skipped attachment with its name; the import report says what matters.
logging.getLogger("factur-x").setLevel(logging.CRITICAL)


def read_einvoice(path: Path) -> EInvoice:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise EInvoiceError(path, "", f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB: refused")
        data = path.read_bytes()
    except OSError as exc:
        raise EInvoiceError(path, "", f"cannot read the file ({exc.strerror or exc})") from None
    kind = sniff(data[:4096])
    if kind == "pdf":
        invoice = _from_facturx(data, path)
    elif kind == "xml":
        invoice = _from_xml(data, path)
    else:
        raise EInvoiceError(path, "", "neither a PDF nor an XML file")
    if invoice.currency != "EUR":
        where = (f"{SETTLEMENT}/ram:InvoiceCurrencyCode" if invoice.syntax == "cii"
                 else f"/{'CreditNote' if invoice.credit_note else 'Invoice'}/cbc:DocumentCurrencyCode")
        raise EInvoiceError(path, f"{where} (BT-5)", f"currency {invoice.currency[:8]!r}: docgen claims euros only")
    return invoice


def _from_xml(data: bytes, path: Path, *, pdf: bytes | None = None) -> EInvoice:
    root = parse_xml(data, path)
    kind = root_kind(root)
    if kind in ("ubl-invoice", "ubl-creditnote") and pdf is None:
        profile = ubl_profile(root, path)
        validate(root, kind, None, path)
        return read_ubl(root, path, data, profile)
    if kind == "cii":
        level = cii_level(root, path)
        validate(root, "cii", level, path)
        invoice = read_cii(root, path, data, level)
        invoice.level = level
        if level == "basicwl":
            invoice.findings.append("Factur-X BASIC WL has no invoice lines (BG-25): what was sold is stated on the "
                                    "PDF only, and the XML gives totals and parties alone")
        return invoice
    qname = etree.QName(root)
    raise EInvoiceError(path, f"/{qname.localname}", "not an e-invoice: the root element is not a UBL 2.1 Invoice "
                        "or CreditNote nor a CII CrossIndustryInvoice (D16B)"
                        + (" (ZUGFeRD 1.0 is not supported)" if qname.localname == "CrossIndustryDocument" else ""))


@contextlib.contextmanager
def _safe_default_parser() -> Iterator[None]:
    """The library parses attachments with lxml's default parser: make it docgen's hardened one
    for the call (the default parser is per thread)."""
    etree.set_default_parser(_parser())
    try:
        yield
    finally:
        etree.set_default_parser(None)


def _from_facturx(data: bytes, path: Path) -> EInvoice:
    import facturx

    try:
        with _safe_default_parser():
            name, xml = facturx.get_facturx_xml_from_pdf(data, check_xsd=False)
    except Exception as exc:  # noqa: BLE001 - a damaged PDF makes pypdf raise many kinds of errors
        raise EInvoiceError(path, "", f"the PDF cannot be read ({type(exc).__name__})") from None
    if not xml:
        raise EInvoiceError(path, "/Root/Names/EmbeddedFiles", "no embedded e-invoice: the PDF holds no Factur-X / "
                            "ZUGFeRD XML (factur-x.xml, zugferd-invoice.xml) that is well-formed; a PDF without an "
                            "embedded invoice is imported from a spreadsheet instead")
    invoice = _from_xml(xml, path, pdf=data)
    invoice.container, invoice.pdf, invoice.xml = "facturx", data, xml
    return invoice
