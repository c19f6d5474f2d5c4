"""The Belgian summary injunction procedure (C. jud. 1338-1344), as decisions (pure, no I/O).

Which summons (art. 1339) the request relies on and its two periods: the debtor's time to pay
(art. 1339) and then the creditor's time to file (art. 1340); the juge de paix's cap (art.
1338); whether the claim rests on a writing from the debtor. ``render/documents_be.py`` only
formats these values; ``document_checks_be.py`` turns what fails into findings.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..model.case import Case
from .deadlines import add_days
from .decision import Decision
from .parameters import DatedValue, parameter
from .statutes import statutory_text as lookup

# Channels a summons of C. jud. 1339 may use: bailiff's writ or registered letter with AR.
SUMMONS_CHANNELS = ("registered_letter", "bailiff")
SUMMONS_BASIS = "C. jud. 1339 (summons before the request); C. jud. 1340 (time to file)"


@dataclass(frozen=True)
class Summons:
    """A summons and its periods. ``stated``: taken from ``procedure.sommation``; otherwise it is
    the last formal notice sent by registered letter or bailiff (``event_index``), which docgen
    cannot know reproduced articles 1338 to 1344 and named the judge."""

    day: date
    channel: str
    tracking: str
    stated: bool
    event_index: int | None
    expiry: date        # last day the debtor had to pay (art. 1339)
    file_by: date       # last day to file the request (art. 1340)
    unconfirmed: bool   # a period rests on a table entry flagged unconfirmed

    def premature(self, as_of: date) -> bool:
        return as_of <= self.expiry

    def late(self, as_of: date) -> bool:
        return as_of > self.file_by

    def to_dict(self) -> dict:
        return {"date": self.day.isoformat(), "channel": self.channel, "tracking": self.tracking,
                "stated": self.stated, "event_index": self.event_index, "expiry": self.expiry.isoformat(),
                "file_by": self.file_by.isoformat()}


def summons_days(day: date, *, assume_last: bool = False) -> DatedValue:
    return parameter("be.injunction_summons_days").at(day, assume_last=assume_last)


def filing_days(day: date, *, assume_last: bool = False) -> DatedValue:
    return parameter("be.injunction_filing_days").at(day, assume_last=assume_last)


def find_summons(case: Case, as_of: date, *, assume_last: bool = False) -> Summons | None:
    """``procedure.sommation`` when the case states it, else the last formal notice sent by a
    channel of art. 1339 on or before ``as_of``, else None."""
    stated = case.procedure.sommation if case.procedure is not None else None
    if stated is not None:
        day, channel, tracking, index = stated.date, stated.channel, stated.tracking_number or "", None
    else:
        notices = [(i, e) for i, e in enumerate(case.events) if e.type == "formal_notice_sent"
                   and e.channel in SUMMONS_CHANNELS and e.date <= as_of]
        if not notices:
            return None
        index, event = max(notices, key=lambda item: (item[1].date, item[0]))
        day, channel, tracking = event.date, event.channel or "", event.tracking_number or ""
    pay, file = summons_days(day, assume_last=assume_last), filing_days(day, assume_last=assume_last)
    expiry = add_days(day, pay.value, "BE")
    return Summons(day, channel, tracking, stated is not None, index, expiry,
                   add_days(expiry, file.value, "BE"), pay.unconfirmed or file.unconfirmed)


def court_kind(case: Case) -> str:
    """peace (juge de paix) or enterprise (tribunal de l'entreprise, between enterprises, art. 573).
    The territorial court itself is docgen.law.courts' decision."""
    return "enterprise" if case.relationship == "B2B" else "peace"


def peace_cap(as_of: date, *, assume_last: bool = False) -> DatedValue:
    return parameter("be.injunction_justice_of_peace_cap").at(as_of, assume_last=assume_last)


def decide_peace_cap(case: Case, as_of: date, total_due: Decimal, *, assume_last: bool = False) -> Decision:
    """The cap of art. 1338 before the juge de paix, and whether the claim is above it."""
    cap = peace_cap(as_of, assume_last=assume_last)
    return Decision("injunction_cap", {"cap": str(cap.value), "over_cap": total_due > cap.value}, "C. jud. 1338",
                    status="unconfirmed" if cap.unconfirmed else "decided",
                    inputs={"total_due": str(total_due)}, source=cap.source,
                    message=f"the cap of {cap.value} EUR of the summary injunction before the juge de paix "
                            f"(C. jud. 1338; {cap.source})")


def has_debtor_writing(case: Case) -> bool:
    """The claim rests on a writing from the debtor (art. 1338): a contract, order or signed quote
    that the case file names."""
    contract = case.contract
    return bool(contract and (contract.reference or contract.date))


def debtor_in_belgium(case: Case) -> bool:
    address = case.debtor.address
    return address is None or address.country == "BE"


STATUTE_KEY = "be.cj.1338-1344"


def statutory_text(language: str) -> Decision | None:
    """The verified text of arts 1338-1344 that the summons reproduces (art. 1339), as the
    Decision of docgen.law.statutes."""
    return lookup(STATUTE_KEY, language)
