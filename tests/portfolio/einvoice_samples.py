"""E-invoices made by the tests: CII (Factur-X profiles) and UBL (Peppol BIS Billing 3.0) for
French and Belgian parties, and Factur-X PDFs made from them with the ``factur-x`` library.

Each is valid against its XSD unless a test breaks it on purpose. Identifiers are valid
(python-stdnum): SIREN 732829320 / 552100554, KBO 0403170701 / 0202239951.
"""
from __future__ import annotations

import base64
import io
from xml.sax.saxutils import escape

SELLER_FR = {"name": "Atelier Durand SAS", "siren": "732829320", "vat": "FR44732829320", "street": "12 rue des Lilas",
             "postcode": "69003", "city": "Lyon", "country": "FR"}
BUYER_FR = {"name": "Boulangerie Martin SARL", "siren": "552100554", "vat": "FR96552100554",
            "street": "4 place du Marché", "postcode": "75011", "city": "Paris", "country": "FR"}
SELLER_BE = {"name": "Bouwbedrijf Peeters NV", "kbo": "0403170701", "vat": "BE0403170701",
             "street": "Meir 10", "postcode": "2000", "city": "Antwerpen", "country": "BE"}
BUYER_BE = {"name": "Brasserie du Parc SRL", "kbo": "0202239951", "vat": "BE0202239951",
            "street": "Rue Royale 5", "postcode": "1000", "city": "Bruxelles", "country": "BE"}
IBAN_FR = "FR7630006000011234567890189"
IBAN_BE = "BE68539007547034"

GUIDELINES = {"minimum": "urn:factur-x.eu:1p0:minimum", "basicwl": "urn:factur-x.eu:1p0:basicwl",
              "basic": "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
              "en16931": "urn:cen.eu:en16931:2017",
              "extended": "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended"}


def _cii_party(tag: str, p: dict) -> str:
    return (f"<ram:{tag}><ram:Name>{escape(p['name'])}</ram:Name>"
            f"<ram:SpecifiedLegalOrganization><ram:ID schemeID=\"0002\">{p['siren']}</ram:ID>"
            f"</ram:SpecifiedLegalOrganization>"
            f"<ram:PostalTradeAddress><ram:PostcodeCode>{p['postcode']}</ram:PostcodeCode>"
            f"<ram:LineOne>{escape(p['street'])}</ram:LineOne><ram:CityName>{p['city']}</ram:CityName>"
            f"<ram:CountryID>{p['country']}</ram:CountryID></ram:PostalTradeAddress>"
            f"<ram:SpecifiedTaxRegistration><ram:ID schemeID=\"VA\">{p['vat']}</ram:ID></ram:SpecifiedTaxRegistration>"
            f"</ram:{tag}>")


def cii(number: str = "F-2026-001", *, level: str = "en16931", issue: str = "20260105", due: str | None = "20260204",
        terms: str | None = None, net: str = "1000.00", vat: str = "200.00", total: str = "1200.00",
        prepaid: str | None = None, type_code: str = "380", credits: str | None = None, currency: str = "EUR",
        seller: dict = SELLER_FR, buyer: dict = BUYER_FR, note: str | None = None) -> bytes:
    """A CII invoice (or credit note, type 381 with ``credits``) valid against the Factur-X XSD of ``level``."""
    lines = "" if level in ("minimum", "basicwl") else (
        "<ram:IncludedSupplyChainTradeLineItem>"
        "<ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>"
        "<ram:SpecifiedTradeProduct><ram:Name>Travaux de menuiserie</ram:Name></ram:SpecifiedTradeProduct>"
        f"<ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>{net}</ram:ChargeAmount>"
        "</ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>"
        "<ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode=\"C62\">1</ram:BilledQuantity>"
        "</ram:SpecifiedLineTradeDelivery>"
        "<ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode>"
        "<ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent>"
        "</ram:ApplicableTradeTax><ram:SpecifiedTradeSettlementLineMonetarySummation>"
        f"<ram:LineTotalAmount>{net}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>"
        "</ram:SpecifiedLineTradeSettlement></ram:IncludedSupplyChainTradeLineItem>")
    payment_terms = ""
    if terms or due:
        payment_terms = ("<ram:SpecifiedTradePaymentTerms>"
                         + (f"<ram:Description>{escape(terms)}</ram:Description>" if terms else "")
                         + (f"<ram:DueDateDateTime><udt:DateTimeString format=\"102\">{due}</udt:DateTimeString>"
                            "</ram:DueDateDateTime>" if due else "")
                         + "</ram:SpecifiedTradePaymentTerms>")
    payable = f"{float(total) - float(prepaid or 0):.2f}"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" '
        'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" '
        'xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100" '
        'xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100">'
        "<rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>"
        f"<ram:ID>{GUIDELINES[level]}</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>"
        "</rsm:ExchangedDocumentContext>"
        f"<rsm:ExchangedDocument><ram:ID>{escape(number)}</ram:ID><ram:TypeCode>{type_code}</ram:TypeCode>"
        f"<ram:IssueDateTime><udt:DateTimeString format=\"102\">{issue}</udt:DateTimeString></ram:IssueDateTime>"
        + (f"<ram:IncludedNote><ram:Content>{escape(note)}</ram:Content></ram:IncludedNote>" if note else "")
        + "</rsm:ExchangedDocument><rsm:SupplyChainTradeTransaction>" + lines
        + "<ram:ApplicableHeaderTradeAgreement>" + _cii_party("SellerTradeParty", seller)
        + _cii_party("BuyerTradeParty", buyer) + "</ram:ApplicableHeaderTradeAgreement>"
        "<ram:ApplicableHeaderTradeDelivery/><ram:ApplicableHeaderTradeSettlement>"
        f"<ram:InvoiceCurrencyCode>{currency}</ram:InvoiceCurrencyCode>"
        "<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode>"
        f"<ram:PayeePartyCreditorFinancialAccount><ram:IBANID>{IBAN_FR}</ram:IBANID>"
        "</ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>"
        f"<ram:ApplicableTradeTax><ram:CalculatedAmount>{vat}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>"
        f"<ram:BasisAmount>{net}</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode>"
        "<ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:ApplicableTradeTax>"
        + payment_terms
        + "<ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
        f"<ram:LineTotalAmount>{net}</ram:LineTotalAmount><ram:TaxBasisTotalAmount>{net}</ram:TaxBasisTotalAmount>"
        f"<ram:TaxTotalAmount currencyID=\"{currency}\">{vat}</ram:TaxTotalAmount>"
        f"<ram:GrandTotalAmount>{total}</ram:GrandTotalAmount>"
        + (f"<ram:TotalPrepaidAmount>{prepaid}</ram:TotalPrepaidAmount>" if prepaid else "")
        + f"<ram:DuePayableAmount>{payable}</ram:DuePayableAmount>"
        "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
        + (f"<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>{escape(credits)}</ram:IssuerAssignedID>"
           "</ram:InvoiceReferencedDocument>" if credits else "")
        + "</ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>"
    ).encode("utf-8")


def _ubl_party(tag: str, p: dict) -> str:
    return (f"<cac:{tag}><cac:Party><cbc:EndpointID schemeID=\"0208\">{p['kbo']}</cbc:EndpointID>"
            f"<cac:PartyName><cbc:Name>{escape(p['name'])}</cbc:Name></cac:PartyName>"
            f"<cac:PostalAddress><cbc:StreetName>{escape(p['street'])}</cbc:StreetName>"
            f"<cbc:CityName>{p['city']}</cbc:CityName><cbc:PostalZone>{p['postcode']}</cbc:PostalZone>"
            f"<cac:Country><cbc:IdentificationCode>{p['country']}</cbc:IdentificationCode></cac:Country>"
            "</cac:PostalAddress>"
            f"<cac:PartyTaxScheme><cbc:CompanyID>{p['vat']}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID>"
            "</cac:TaxScheme></cac:PartyTaxScheme>"
            f"<cac:PartyLegalEntity><cbc:RegistrationName>{escape(p['name'])}</cbc:RegistrationName>"
            f"<cbc:CompanyID schemeID=\"0208\">{p['kbo']}</cbc:CompanyID></cac:PartyLegalEntity>"
            f"</cac:Party></cac:{tag}>")


def ubl(number: str = "INV-2026-01", *, credit_note: bool = False, issue: str = "2026-01-05",
        due: str | None = "2026-02-04", terms: str | None = None, total: str = "1210.00", net: str = "1000.00",
        vat: str = "210.00", credits: str | None = None, pdf: bytes | None = None, currency: str = "EUR",
        seller: dict = SELLER_BE, buyer: dict = BUYER_BE,
        customization: str = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0") -> bytes:
    """A Peppol BIS Billing 3.0 invoice or credit note, valid against the UBL 2.1 XSD."""
    root = "CreditNote" if credit_note else "Invoice"
    ns = f"urn:oasis:names:specification:ubl:schema:xsd:{root}-2"
    line = "CreditNoteLine" if credit_note else "InvoiceLine"
    qty = "CreditedQuantity" if credit_note else "InvoicedQuantity"
    head_due = f"<cbc:DueDate>{due}</cbc:DueDate>" if (due and not credit_note) else ""
    type_code = "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>" if credit_note else \
        "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>"
    billing = (f"<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>{escape(credits)}</cbc:ID>"
               "</cac:InvoiceDocumentReference></cac:BillingReference>") if credits else ""
    attachment = ("<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment>"
                  f"<cbc:EmbeddedDocumentBinaryObject mimeCode=\"application/pdf\" filename=\"{escape(number)}.pdf\">"
                  f"{base64.b64encode(pdf).decode()}</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>"
                  "</cac:AdditionalDocumentReference>") if pdf else ""
    means = ("<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>"
             + (f"<cbc:PaymentDueDate>{due}</cbc:PaymentDueDate>" if (due and credit_note) else "")
             + f"<cac:PayeeFinancialAccount><cbc:ID>{IBAN_BE}</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<{root} xmlns="{ns}" '
        'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
        'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
        f"<cbc:CustomizationID>{customization}</cbc:CustomizationID>"
        "<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>"
        f"<cbc:ID>{escape(number)}</cbc:ID><cbc:IssueDate>{issue}</cbc:IssueDate>{head_due}{type_code}"
        f"<cbc:DocumentCurrencyCode>{currency}</cbc:DocumentCurrencyCode><cbc:BuyerReference>REF-1</cbc:BuyerReference>"
        + billing + attachment
        + _ubl_party("AccountingSupplierParty", seller) + _ubl_party("AccountingCustomerParty", buyer) + means
        + (f"<cac:PaymentTerms><cbc:Note>{escape(terms)}</cbc:Note></cac:PaymentTerms>" if terms else "")
        + f"<cac:TaxTotal><cbc:TaxAmount currencyID=\"{currency}\">{vat}</cbc:TaxAmount>"
        f"<cac:TaxSubtotal><cbc:TaxableAmount currencyID=\"{currency}\">{net}</cbc:TaxableAmount>"
        f"<cbc:TaxAmount currencyID=\"{currency}\">{vat}</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID>"
        "<cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>"
        "</cac:TaxSubtotal></cac:TaxTotal>"
        f"<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID=\"{currency}\">{net}</cbc:LineExtensionAmount>"
        f"<cbc:TaxExclusiveAmount currencyID=\"{currency}\">{net}</cbc:TaxExclusiveAmount>"
        f"<cbc:TaxInclusiveAmount currencyID=\"{currency}\">{total}</cbc:TaxInclusiveAmount>"
        f"<cbc:PayableAmount currencyID=\"{currency}\">{total}</cbc:PayableAmount></cac:LegalMonetaryTotal>"
        f"<cac:{line}><cbc:ID>1</cbc:ID><cbc:{qty} unitCode=\"C62\">1</cbc:{qty}>"
        f"<cbc:LineExtensionAmount currencyID=\"{currency}\">{net}</cbc:LineExtensionAmount>"
        "<cac:Item><cbc:Name>Renovatiewerken</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID>"
        "<cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>"
        f"</cac:Item><cac:Price><cbc:PriceAmount currencyID=\"{currency}\">{net}</cbc:PriceAmount></cac:Price>"
        f"</cac:{line}></{root}>"
    ).encode("utf-8")


def blank_pdf(text: str = "Facture") -> bytes:
    """A one-page PDF (the visual part of a Factur-X invoice)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def facturx_pdf(xml: bytes, level: str = "en16931") -> bytes:
    """A Factur-X PDF/A-3 made by the ``factur-x`` library (it checks the XML against its XSD)."""
    import facturx

    return facturx.generate_from_binary(blank_pdf(), xml, flavor="factur-x", level=level, check_xsd=True,
                                        lang="fr-FR")


def pdf_with_attachment(name: str, data: bytes) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment(name, data)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
