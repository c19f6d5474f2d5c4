"""XML from outside, parsed safely: no DTD, no entity, no network, bounded size.

An invoice never needs a DTD, and a DTD is how XML attacks arrive (external entities reading
local files or URLs, the "billion laughs" entity expansion): a document that declares one is
refused outright, and the parser resolves no entity and loads nothing meanwhile. Sizes are
checked before parsing, so a 50 MB "invoice" costs nothing.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from .model import EInvoiceError

MAX_XML_BYTES = 10 * 1024 * 1024       # a large EN 16931 invoice with thousands of lines is ~5 MB
MAX_FILE_BYTES = 40 * 1024 * 1024      # a Factur-X PDF, or a UBL file with an embedded PDF


_DOCTYPE = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_DTD_REFUSED = ("the XML declares a DOCTYPE (entities or a DTD): refused, an e-invoice has none and it is how XML "
                "attacks (XXE, entity expansion) arrive")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False, remove_blank_text=False, collect_ids=False)


def parse_xml(data: bytes, file: str | Path) -> etree._Element:
    """The root element, or EInvoiceError naming the line at fault."""
    if len(data) > MAX_XML_BYTES:
        raise EInvoiceError(file, "/", f"the XML is larger than {MAX_XML_BYTES // (1024 * 1024)} MB: refused "
                                        "(no invoice is that large)")
    # Refused before any parser sees it (the parser below is hardened as well): a DOCTYPE, in
    # the prolog, in UTF-8 or UTF-16.
    head = data[:65536]
    if any(mark in head for mark in _DOCTYPE):
        raise EInvoiceError(file, "/", _DTD_REFUSED)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise EInvoiceError(file, f"line {exc.lineno}" if exc.lineno else "/",
                            f"malformed XML ({exc.msg})") from None
    except ValueError as exc:       # e.g. a str with an encoding declaration; never from bytes, kept for safety
        raise EInvoiceError(file, "/", f"malformed XML ({exc})") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise EInvoiceError(file, "/", _DTD_REFUSED)
    if any(isinstance(node, etree._Entity) for node in root.iter(etree.Entity)):
        raise EInvoiceError(file, "/", "the XML holds entity references: refused")
    return root


def parse_schema(path: Path) -> etree.XMLSchema:
    """An XSD shipped with docgen's dependencies, parsed with the same safe parser."""
    return etree.XMLSchema(etree.parse(str(path), _parser()))


def xpath_of(element: etree._Element) -> str:
    """``/Invoice/cac:AccountingCustomerParty/...`` with the document's own prefixes."""
    return element.getroottree().getpath(element)
