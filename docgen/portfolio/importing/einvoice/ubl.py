"""A UBL 2.1 Invoice or CreditNote (Peppol BIS Billing 3.0, EN 16931, the French CIUS) as an
``EInvoice``. Paths follow the EN 16931-3-2 UBL syntax binding."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from lxml import etree

from .fields import Reader
from .model import EInvoice, EInvoiceError, TradeParty

NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
      "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
      "cn": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"}


def _party(r: Reader, path: str) -> TradeParty:
    found = r.nodes(path)
    if not found:
        raise EInvoiceError(r.file, path, "missing")
    p = found[0]
    vat = None
    for scheme in r.nodes("cac:PartyTaxScheme", p):
        if (r.text("cac:TaxScheme/cbc:ID", scheme) or "").upper() == "VAT":
            vat = r.text("cbc:CompanyID", scheme)
    ids = tuple((n.get("schemeID"), (n.text or "").strip()) for n in r.nodes("cac:PartyIdentification/cbc:ID", p)
                if (n.text or "").strip())
    return TradeParty(
        name=r.text("cac:PartyLegalEntity/cbc:RegistrationName", p) or r.text("cac:PartyName/cbc:Name", p),
        legal_id=r.text("cac:PartyLegalEntity/cbc:CompanyID", p),
        legal_scheme=r.attr("cac:PartyLegalEntity/cbc:CompanyID", "schemeID", p),
        vat=vat, endpoint=r.text("cbc:EndpointID", p), endpoint_scheme=r.attr("cbc:EndpointID", "schemeID", p),
        ids=ids, street=r.text("cac:PostalAddress/cbc:StreetName", p),
        line2=r.text("cac:PostalAddress/cbc:AdditionalStreetName", p),
        city=r.text("cac:PostalAddress/cbc:CityName", p), postcode=r.text("cac:PostalAddress/cbc:PostalZone", p),
        country=r.text("cac:PostalAddress/cac:Country/cbc:IdentificationCode", p),
        email=r.text("cac:Contact/cbc:ElectronicMail", p))


def read_ubl(root: etree._Element, file: Path, xml: bytes, profile: str) -> EInvoice:
    r = Reader(root, NS, file)
    credit = etree.QName(root).localname == "CreditNote"
    doc = "/cn:CreditNote" if credit else "/inv:Invoice"
    r.root = root.getroottree()               # absolute paths below, as quoted in errors
    line_tag = "cac:CreditNoteLine" if credit else "cac:InvoiceLine"
    qty_tag = "cbc:CreditedQuantity" if credit else "cbc:InvoicedQuantity"
    pdf, findings = None, []
    for node in r.nodes(f"{doc}/cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject"):
        if (node.get("mimeCode") or "").lower() == "application/pdf":
            data = r.binary(node, "BT-125")
            if data.startswith(b"%PDF-"):
                pdf = data
                break
            findings.append(f"the attachment {node.getroottree().getpath(node)} (BT-125) says application/pdf but is "
                            "not a PDF: docgen drew the invoice's pièce from the XML instead")
    lines = tuple((r.text("cac:Item/cbc:Name", ln) or r.text("cac:Item/cbc:Description", ln) or "",
                   _dec(r.text(qty_tag, ln)),
                   _dec(r.text("cbc:LineExtensionAmount", ln)))
                  for ln in r.nodes(f"{doc}/{line_tag}"))
    total_path = f"{doc}/cac:LegalMonetaryTotal"
    return EInvoice(
        source=file, syntax="ubl", profile=profile, credit_note=credit,
        number=r.required(f"{doc}/cbc:ID", "BT-1"),
        type_code=r.text(f"{doc}/cbc:CreditNoteTypeCode" if credit else f"{doc}/cbc:InvoiceTypeCode") or "",
        issue_date=r.day(f"{doc}/cbc:IssueDate", "BT-2", required=True),
        currency=r.required(f"{doc}/cbc:DocumentCurrencyCode", "BT-5"),
        total=r.amount(f"{total_path}/cbc:TaxInclusiveAmount", "BT-112", required=True),
        prepaid=r.amount(f"{total_path}/cbc:PrepaidAmount", "BT-113") or Decimal("0"),
        payable=r.amount(f"{total_path}/cbc:PayableAmount", "BT-115", required=True),
        seller=_party(r, f"{doc}/cac:AccountingSupplierParty/cac:Party"),
        buyer=_party(r, f"{doc}/cac:AccountingCustomerParty/cac:Party"),
        # BT-9 is cbc:DueDate on an Invoice, cac:PaymentMeans/cbc:PaymentDueDate on a CreditNote
        due_date=r.day(f"{doc}/cbc:DueDate", "BT-9") or r.day(f"{doc}/cac:PaymentMeans/cbc:PaymentDueDate", "BT-9"),
        terms=" ".join(r.texts(f"{doc}/cac:PaymentTerms/cbc:Note")) or None,
        notes=r.texts(f"{doc}/cbc:Note"),
        iban=r.text(f"{doc}/cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID"),
        bic=r.text(f"{doc}/cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID"),
        preceding=r.texts(f"{doc}/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"),
        lines=lines, pdf=pdf, xml=xml, findings=findings)


def _dec(text: str | None) -> Decimal | None:
    from decimal import InvalidOperation

    try:
        return Decimal(text) if text else None
    except InvalidOperation:
        return None
