"""A trade party of an e-invoice as a case-file party, and the identifiers that name it.

Identifiers come from the legal registration (BT-30/BT-47), the electronic address (BT-34/BT-49,
the Peppol endpoint) and the other party identifiers (BT-29/BT-46), read through their ISO 6523
or EAS scheme (0002 SIRENE, 0009 SIRET, 0208 Belgian enterprise number, 9925/9957 BE/FR VAT),
else through the party's country and the number's length. Each is checked (python-stdnum) before
it is used: an invalid one is left out with a finding, never written into a case.
"""
from __future__ import annotations

import re
from typing import Any

from ....model.identifiers import iban_problem, registration_problem, vat_problem
from ..values import normalize_header
from .model import TradeParty

_SIREN_SCHEMES = {"0002", "0225"}
_SIRET_SCHEMES = {"0009"}
_BCE_SCHEMES = {"0208"}
_VAT_SCHEMES = {"9925", "9957", "VA", "VAT"}


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def normal_vat(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", text).upper()


def registration(p: TradeParty) -> dict[str, str] | None:
    """The first valid SIREN/SIRET/BCE among the party's identifiers."""
    candidates = [(p.legal_scheme, p.legal_id), (p.endpoint_scheme, p.endpoint), *p.ids]
    for scheme, value in candidates:
        if not value:
            continue
        digits, scheme = _digits(value), (scheme or "").upper()
        if scheme in _SIRET_SCHEMES or (scheme in _SIREN_SCHEMES and len(digits) == 14):
            found = ("SIRET", digits)
        elif scheme in _SIREN_SCHEMES:
            found = ("SIREN", digits)
        elif scheme in _BCE_SCHEMES:
            found = ("BCE", digits.zfill(10))
        elif scheme:
            continue
        elif p.country == "FR" and len(digits) in (9, 14) and digits == value.replace(" ", ""):
            found = ("SIRET" if len(digits) == 14 else "SIREN", digits)
        elif p.country == "BE" and len(digits) in (9, 10) and re.fullmatch(r"(BE)?[0-9. ]+", value.upper()):
            found = ("BCE", digits.zfill(10))
        else:
            continue
        if registration_problem(*found) is None:
            return {"scheme": found[0], "number": found[1]}
    return None


def keys(party: dict[str, Any], endpoint: tuple[str | None, str | None] = (None, None)) -> list[str]:
    """Identifiers that name the same company, strongest first: SIREN (a SIRET's first nine
    digits), BCE/KBO, VAT number (a French VAT number holds the SIREN, a Belgian one the BCE
    number), Peppol endpoint; the normalised name only when there is none of these."""
    out: list[str] = []
    reg = party.get("registration") or {}
    if reg.get("scheme") in ("SIREN", "SIRET"):
        out.append("SIREN:" + reg["number"][:9])
    elif reg.get("scheme") == "BCE":
        out.append("BCE:" + reg["number"])
    vat = party.get("vat_number")
    if vat:
        if vat.startswith("FR") and len(vat) == 13:
            out.append("SIREN:" + vat[4:])
        elif vat.startswith("BE") and len(vat) == 12:
            out.append("BCE:" + vat[2:])
        out.append("VAT:" + vat)
    if endpoint[1]:
        out.append(f"EP:{endpoint[0] or ''}:{normal_vat(endpoint[1])}")
    if not out:
        out.append("NAME:" + normalize_header(party.get("name", "")))
    return list(dict.fromkeys(out))


def party_data(p: TradeParty, role: str, term: str, findings: list[str]) -> dict[str, Any]:
    """``role``: creditor or debtor, ``term``: the party's business group (BG-4 seller, BG-7 buyer)."""
    data: dict[str, Any] = {"kind": "company"}
    if p.name:
        data["name"] = p.name
    reg = registration(p)
    if reg:
        data["registration"] = reg
    elif p.legal_id:
        findings.append(f"{role}: the legal registration {p.legal_id!r} ({term}) is not a valid SIREN, SIRET or "
                        "BCE/KBO number for docgen: left out")
    if p.vat:
        vat = normal_vat(p.vat)
        if vat_problem(vat) is None:
            data["vat_number"] = vat
        else:
            findings.append(f"{role}: the VAT number {p.vat!r} ({term}) is not valid: left out")
    if p.city and p.postcode and p.country and re.fullmatch(r"[A-Z]{2}", p.country):
        address: dict[str, Any] = {}
        if p.street:
            address["street"] = p.street
        if p.line2:
            address["line2"] = p.line2
        address.update(postcode=p.postcode, city=p.city, country=p.country)
        data["address"] = address
    else:
        findings.append(f"{role}: incomplete postal address ({term}: city, post code and country are needed): "
                        "add it to the case file")
    if p.email:
        data["email"] = p.email
    return data


def bank(iban: str | None, bic: str | None, findings: list[str]) -> dict[str, str]:
    """The seller's payment account (BT-84, BT-86) for the creditor, when valid."""
    out: dict[str, str] = {}
    if iban:
        compact = normal_vat(iban)
        if iban_problem(compact) is None:
            out["iban"] = compact
            if bic:
                out["bic"] = normal_vat(bic)
        else:
            findings.append(f"creditor: the payment account {iban!r} (BT-84) is not a valid IBAN: left out")
    return out
