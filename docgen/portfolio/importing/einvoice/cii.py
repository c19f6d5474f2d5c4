"""A UN/CEFACT Cross Industry Invoice (D16B, as profiled by Factur-X / ZUGFeRD 2 and EN 16931)
as an ``EInvoice``. Paths follow the EN 16931-3-3 CII syntax binding."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from lxml import etree

from .fields import Reader
from .model import EInvoice, EInvoiceError, TradeParty
from .ubl import _dec

NS = {"rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
      "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
      "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
      "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"}

# UNTDID 1001 codes EN 16931 allows for a credit note (BT-3)
CREDIT_CODES = frozenset({"81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532"})
DOC = "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument"
TX = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction"
AGREEMENT = f"{TX}/ram:ApplicableHeaderTradeAgreement"
SETTLEMENT = f"{TX}/ram:ApplicableHeaderTradeSettlement"
TOTALS = f"{SETTLEMENT}/ram:SpecifiedTradeSettlementHeaderMonetarySummation"


def _party(r: Reader, path: str) -> TradeParty:
    found = r.nodes(path)
    if not found:
        raise EInvoiceError(r.file, path, "missing")
    p = found[0]
    vat = next(((n.text or "").strip() for n in r.nodes("ram:SpecifiedTaxRegistration/ram:ID", p)
                if n.get("schemeID") == "VA" and (n.text or "").strip()), None)
    ids = tuple((n.get("schemeID"), (n.text or "").strip()) for n in r.nodes("ram:ID | ram:GlobalID", p)
                if (n.text or "").strip())
    return TradeParty(
        name=r.text("ram:Name", p) or r.text("ram:SpecifiedLegalOrganization/ram:TradingBusinessName", p),
        legal_id=r.text("ram:SpecifiedLegalOrganization/ram:ID", p),
        legal_scheme=r.attr("ram:SpecifiedLegalOrganization/ram:ID", "schemeID", p),
        vat=vat, endpoint=r.text("ram:URIUniversalCommunication/ram:URIID", p),
        endpoint_scheme=r.attr("ram:URIUniversalCommunication/ram:URIID", "schemeID", p), ids=ids,
        street=r.text("ram:PostalTradeAddress/ram:LineOne", p), line2=r.text("ram:PostalTradeAddress/ram:LineTwo", p),
        city=r.text("ram:PostalTradeAddress/ram:CityName", p),
        postcode=r.text("ram:PostalTradeAddress/ram:PostcodeCode", p),
        country=r.text("ram:PostalTradeAddress/ram:CountryID", p),
        email=r.text("ram:DefinedTradeContact/ram:EmailURIUniversalCommunication/ram:URIID", p))


def read_cii(root: etree._Element, file: Path, xml: bytes, profile: str) -> EInvoice:
    r = Reader(root.getroottree(), NS, file)
    type_code = r.text(f"{DOC}/ram:TypeCode") or ""
    lines = tuple((r.text("ram:SpecifiedTradeProduct/ram:Name", ln) or "",
                   _dec(r.text("ram:SpecifiedLineTradeDelivery/ram:BilledQuantity", ln)),
                   _dec(r.text("ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/"
                               "ram:LineTotalAmount", ln)))
                  for ln in r.nodes(f"{TX}/ram:IncludedSupplyChainTradeLineItem"))
    terms = r.nodes(f"{SETTLEMENT}/ram:SpecifiedTradePaymentTerms")
    return EInvoice(
        source=file, syntax="cii", profile=profile, credit_note=type_code in CREDIT_CODES,
        number=r.required(f"{DOC}/ram:ID", "BT-1"), type_code=type_code,
        issue_date=r.day(f"{DOC}/ram:IssueDateTime/udt:DateTimeString", "BT-2", required=True),
        currency=r.required(f"{SETTLEMENT}/ram:InvoiceCurrencyCode", "BT-5"),
        total=r.amount(f"{TOTALS}/ram:GrandTotalAmount", "BT-112", required=True),
        prepaid=r.amount(f"{TOTALS}/ram:TotalPrepaidAmount", "BT-113") or Decimal("0"),
        payable=r.amount(f"{TOTALS}/ram:DuePayableAmount", "BT-115", required=True),
        seller=_party(r, f"{AGREEMENT}/ram:SellerTradeParty"),
        buyer=_party(r, f"{AGREEMENT}/ram:BuyerTradeParty"),
        due_date=r.day(f"{SETTLEMENT}/ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString", "BT-9"),
        terms=" ".join(t for term in terms for t in r.texts("ram:Description", term)) or None,
        notes=r.texts(f"{DOC}/ram:IncludedNote/ram:Content"),
        iban=r.text(f"{SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans/ram:PayeePartyCreditorFinancialAccount/"
                    "ram:IBANID"),
        bic=r.text(f"{SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans/"
                   "ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID"),
        preceding=r.texts(f"{SETTLEMENT}/ram:InvoiceReferencedDocument/ram:IssuerAssignedID"),
        lines=lines, xml=xml)
