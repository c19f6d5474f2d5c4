"""What the payment terms (BT-20) and the notes (BT-22) say, read as a paralegal would: the term
of payment when no due date (BT-9) is stated, and a late-payment penalty rate.

Both are readings of free text, so neither is trusted silently: a derived due date is reported
as a finding and a penalty rate is only *proposed* (the case file's comments and the import
report show it; the paralegal decides whether the contract agreed it).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

# « 30 jours fin de mois », « paiement à 45 jours », « net 30 », « 14 dagen netto », « 30 days »
_DAYS = re.compile(r"(?:\bnet\s*(?P<n1>\d{1,3})\b)|(?P<n2>\d{1,3})\s*(?:jours?|j\b|days?|dagen|dag|tage?n?)"
                   r"(?P<eom>\s*(?:fin\s+de\s+mois|end\s+of\s+(?:the\s+)?month|einde\s+(?:van\s+de\s+)?maand))?",
                   re.IGNORECASE)
_ON_RECEIPT = re.compile(r"\b(?:à\s+réception|a\s+reception|comptant|upon\s+receipt|on\s+receipt|"
                         r"bij\s+ontvangst|contant)\b", re.IGNORECASE)
# a rate next to a word for late payment: « pénalités de retard : 10 % », « intérêts de retard au taux de 12,5 % l'an »
_PENALTY_CONTEXT = re.compile(r"p[ée]nalit[ée]s?|int[ée]r[êe]ts?\s+(?:de\s+)?retard|retard|late\s+(?:payment|interest)|"
                              r"interest|verwijlinterest|nalatigheidsinterest|intresten|interesten|rente",
                              re.IGNORECASE)
_RATE = re.compile(r"(?P<rate>\d{1,2}(?:[.,]\d{1,3})?)\s*%(?P<after>[^.;\n]{0,40})")
_LEGAL_MULTIPLE = re.compile(r"(?P<k>\d|trois|three|drie)\s*(?:fois|times|maal|keer)\s+(?:le\s+)?taux\s+"
                             r"(?:d'intér[êe]t\s+)?l[ée]gal|(?P<k2>\d|three|drie)\s*(?:times|maal|keer)\s+the\s+"
                             r"legal", re.IGNORECASE)
_MONTHLY = re.compile(r"par\s+mois|mensuel|per\s+month|a\s+month|per\s+maand|/\s*mois", re.IGNORECASE)
_YEARLY = re.compile(r"l'an|par\s+an|annuel|per\s+(?:year|annum)|a\s+year|per\s+jaar|/\s*an\b", re.IGNORECASE)


def derived_due_date(issue: date, terms: str | None) -> tuple[date, str]:
    """The due date the terms imply, and the finding that says how it was derived."""
    text = terms or ""
    m = _DAYS.search(text)
    if m:
        days = int(m.group("n1") or m.group("n2"))
        due = issue + timedelta(days=days)
        how = f"{days} days from the issue date"
        if m.group("eom"):
            due = due.replace(day=calendar.monthrange(due.year, due.month)[1])
            how += ", then the end of that month"
        return due, (f"no due date (BT-9): {due.isoformat()} derived from the payment terms (BT-20 "
                     f"{_quote(text)}: {how}); check it against the contract")
    if _ON_RECEIPT.search(text):
        return issue, (f"no due date (BT-9): the payment terms (BT-20 {_quote(text)}) say payable on receipt: the "
                       "issue date is taken; check when the invoice was received")
    due = issue + timedelta(days=30)
    return due, ("no due date (BT-9) and no term in the payment terms (BT-20): the statutory default of 30 days "
                 f"is taken, counted from the issue date ({due.isoformat()}); the law counts it from receipt of "
                 "the goods or the invoice (FR C. com. L441-10 I; BE loi du 2 août 2002, art. 4): check it")


@dataclass(frozen=True)
class PenaltyProposal:
    rate_percent: Decimal | None      # a yearly rate, when the text gives one
    text: str                         # what the invoice says, quoted
    period: str                       # "year", "month" or "unstated"; or "legal-multiple"

    def describe(self) -> str:
        if self.period == "legal-multiple":
            return (f"the invoice states a penalty of a multiple of the legal rate ({_quote(self.text)}); docgen "
                    "applies the statutory rate unless contract.late_interest says otherwise: confirm against the "
                    "contract")
        rate = f"{self.rate_percent} % a year" if self.rate_percent is not None else "a rate"
        period = {"month": " (stated per month, shown as a yearly rate)",
                  "unstated": " (no period stated: taken as yearly)"}.get(self.period, "")
        return (f"the invoice states a late-payment rate of {rate}{period} ({_quote(self.text)}); if the contract "
                f"agreed it, add  contract: {{late_interest: {{basis: contractual, rate_percent: "
                f"\"{self.rate_percent:.2f}\"}}}}  (not applied by the import)")


def penalty_proposal(*texts: str | None) -> PenaltyProposal | None:
    """The first late-payment rate stated in the terms or notes, or None."""
    for text in texts:
        if not text:
            continue
        for sentence in re.split(r"(?<=[.;])\s+|\n", text):
            if not _PENALTY_CONTEXT.search(sentence):
                continue
            if (m := _LEGAL_MULTIPLE.search(sentence)):
                return PenaltyProposal(None, sentence.strip(), "legal-multiple")
            for rate in _RATE.finditer(sentence):
                value = Decimal(rate.group("rate").replace(",", "."))
                tail = rate.group("after")
                if _MONTHLY.search(tail):
                    return PenaltyProposal((value * 12).normalize(), sentence.strip(), "month")
                return PenaltyProposal(value.normalize(), sentence.strip(),
                                       "year" if _YEARLY.search(tail) else "unstated")
    return None


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"« {text[:140]}{'…' if len(text) > 140 else ''} »"
