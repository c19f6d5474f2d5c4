"""An e-invoice as read from its XML, whatever its syntax (UBL 2.1 or UN/CEFACT CII D16B).

Each field is an EN 16931 business term (BT-n), named in the comment beside it; the readers
(``ubl``, ``cii``) fill it, ``mapping`` turns it into case-file data. Errors name the file and
the XPath or the business term at fault, on one line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

from ....errors import DocgenError
from ....model.text import terminal_safe


class EInvoiceError(DocgenError):
    """One file that cannot be imported: which file, where in it, and why."""

    def __init__(self, file: str | Path, where: str, message: str) -> None:
        self.file, self.where, self.reason = str(file), where, message
        super().__init__(f"{terminal_safe(Path(file).name)}: {where + ': ' if where else ''}{message}")


@dataclass(frozen=True)
class TradeParty:
    name: str | None                      # BT-27 / BT-44 (legal name), else BT-28 / BT-45 (trading name)
    legal_id: str | None = None           # BT-30 / BT-47 legal registration identifier
    legal_scheme: str | None = None       # its ISO 6523 scheme (0002 SIREN, 0009 SIRET, 0208 KBO/BCE ...)
    vat: str | None = None                # BT-31 / BT-48
    endpoint: str | None = None           # BT-34 / BT-49 electronic address (Peppol endpoint)
    endpoint_scheme: str | None = None    # its EAS scheme
    ids: tuple[tuple[str | None, str], ...] = ()   # BT-29 / BT-46 other identifiers (scheme, id)
    street: str | None = None             # BT-35 / BT-50
    line2: str | None = None              # BT-36 / BT-51
    city: str | None = None               # BT-37 / BT-52
    postcode: str | None = None           # BT-38 / BT-53
    country: str | None = None            # BT-40 / BT-55
    email: str | None = None              # BT-43 / BT-58 contact e-mail


@dataclass
class EInvoice:
    source: Path
    syntax: Literal["ubl", "cii"]
    profile: str                          # BT-24 specification identifier
    credit_note: bool                     # BT-3 381 (or a UBL CreditNote)
    number: str                           # BT-1
    type_code: str                        # BT-3
    issue_date: date                      # BT-2
    currency: str                         # BT-5
    total: Decimal                        # BT-112 amount due including VAT
    prepaid: Decimal                      # BT-113 paid amount
    payable: Decimal                      # BT-115 amount due for payment
    seller: TradeParty                    # BG-4
    buyer: TradeParty                     # BG-7
    due_date: date | None = None          # BT-9
    terms: str | None = None              # BT-20 payment terms (free text)
    notes: tuple[str, ...] = ()           # BT-22 invoice notes
    iban: str | None = None               # BT-84 payment account
    bic: str | None = None                # BT-86
    preceding: tuple[str, ...] = ()       # BT-25 preceding invoice references (a credit note's invoice)
    lines: tuple[tuple[str, Decimal | None, Decimal | None], ...] = ()   # BT-153 name, BT-129 qty, BT-131 net
    pdf: bytes | None = field(default=None, repr=False)   # BT-125 attached PDF (UBL) or the Factur-X PDF
    xml: bytes = field(default=b"", repr=False)           # the XML as received
    container: Literal["xml", "facturx"] = "xml"
    level: str | None = None              # Factur-X profile: en16931, extended, basic, basicwl
    findings: list[str] = field(default_factory=list)
