"""What kind of e-invoice a file is, from its first bytes and its root element (never its name)."""
from __future__ import annotations

from typing import Literal

from lxml import etree

Kind = Literal["pdf", "ubl-invoice", "ubl-creditnote", "cii", "xml", "other"]

UBL_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
UBL_CREDITNOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CII = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"

EXTENSIONS = (".pdf", ".xml")


def sniff(head: bytes) -> Literal["pdf", "xml", "other"]:
    """``pdf`` or ``xml`` by content: a renamed file is read for what it is."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<") or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "xml"
    return "other"


def root_kind(root: etree._Element) -> Kind:
    qname = etree.QName(root)
    if qname.namespace == UBL_INVOICE and qname.localname == "Invoice":
        return "ubl-invoice"
    if qname.namespace == UBL_CREDITNOTE and qname.localname == "CreditNote":
        return "ubl-creditnote"
    if qname.namespace == CII and qname.localname == "CrossIndustryInvoice":
        return "cii"
    return "xml"
