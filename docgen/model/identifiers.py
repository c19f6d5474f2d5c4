"""Identifier checks delegated to python-stdnum: one function per kind, returning an
error message or None, so the checks read like the list a paralegal would tick.

The checks are pure functions of the number and python-stdnum's bank registry lookups are slow
(an eighth of an agenda's time): a portfolio repeats its creditor's IBAN, BIC and VAT number in
every case file, so answers are remembered."""
from __future__ import annotations

import re
from functools import lru_cache

from stdnum import bic, iban
from stdnum.be import vat as be_enterprise
from stdnum.eu import vat
from stdnum.exceptions import ValidationError
from stdnum.fr import siren, siret

_POSTCODES = {
    "FR": (re.compile(r"^[0-9]{5}$"), "5 digits"),
    "BE": (re.compile(r"^[1-9][0-9]{3}$"), "4 digits"),
    "LU": (re.compile(r"^(L-)?[0-9]{4}$"), "4 digits"),
    "NL": (re.compile(r"^[1-9][0-9]{3} ?[A-Z]{2}$"), "4 digits and 2 letters"),
    "DE": (re.compile(r"^[0-9]{5}$"), "5 digits"),
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_RCS_SIREN = re.compile(r"([0-9]{3}\s?[0-9]{3}\s?[0-9]{3})")


def _stdnum(module, number: str, label: str) -> str | None:
    try:
        module.validate(number)
    except ValidationError as exc:
        return f"not a valid {label} ({exc})"
    return None


@lru_cache(maxsize=4096)
def registration_problem(scheme: str, number: str) -> str | None:
    if scheme == "SIREN":
        return _stdnum(siren, number, "SIREN number (9 digits)")
    if scheme == "SIRET":
        return _stdnum(siret, number, "SIRET number (14 digits)")
    if scheme == "BCE":
        return _stdnum(be_enterprise, number, "Belgian enterprise number (BCE/KBO, 10 digits)")
    if scheme == "RCS":
        # "RCS Lyon 732 829 320" or just the SIREN: the SIREN inside must be valid.
        found = _RCS_SIREN.search(number)
        if not found:
            return "an RCS registration must contain the 9-digit SIREN"
        return _stdnum(siren, found.group(1), "SIREN number in the RCS registration")
    return None


@lru_cache(maxsize=4096)
def vat_problem(number: str) -> str | None:
    return _stdnum(vat, number, "EU VAT number")


@lru_cache(maxsize=4096)
def iban_problem(number: str) -> str | None:
    """An IBAN whose ISO 13616 structure or checksum is wrong (a typo: an error)."""
    try:
        iban.validate(number, check_country=False)
    except ValidationError as exc:
        return f"not a valid IBAN ({exc})"
    return None


@lru_cache(maxsize=4096)
def iban_doubt(number: str) -> str | None:
    """An IBAN with a valid checksum that the country's own rules question: python-stdnum's
    registry of bank codes is incomplete (BE68539007547034, the example of many Belgian
    documents, is missing from it), so this is a warning, not an error."""
    if iban_problem(number):
        return None
    try:
        iban.validate(number)
    except ValidationError as exc:
        return (f"the IBAN's checksum is valid but its country's rules question it ({exc}): the bank code may be "
                "unknown to docgen's register; check the number with the bank")
    return None


@lru_cache(maxsize=4096)
def bic_problem(number: str) -> str | None:
    return _stdnum(bic, number, "BIC")


def postcode_problem(country: str, postcode: str) -> str | None:
    rule = _POSTCODES.get(country)
    if rule and not rule[0].match(postcode.strip()):
        return f"not a postcode of {country} (expected {rule[1]})"
    return None


def email_problem(address: str) -> str | None:
    return None if _EMAIL.match(address) else "not an e-mail address"


# The register each scheme belongs to, to warn when it does not match the address.
SCHEME_COUNTRY = {"SIREN": "FR", "SIRET": "FR", "RCS": "FR", "BCE": "BE"}
