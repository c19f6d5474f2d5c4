"""How parties appear on a letter: postal address block (NF Z10-011) and business mentions."""
from __future__ import annotations

import textwrap

from stdnum import iban as iban_mod
from stdnum.fr import siren, siret

from ..model.case import Address, Party
from .formatting import money

ADDRESS_LINE_MAX = 38
ADDRESS_LINES_MAX = 6
COUNTRY_NAMES = {"fr": {"FR": "FRANCE", "BE": "BELGIQUE", "LU": "LUXEMBOURG", "NL": "PAYS-BAS", "DE": "ALLEMAGNE"},
                 "nl": {"FR": "FRANKRIJK", "BE": "BELGIË", "LU": "LUXEMBURG", "NL": "NEDERLAND", "DE": "DUITSLAND"}}


def address_lines(name: str, address: Address | None, *, sender_country: str, language: str,
                  attention: str | None = None) -> tuple[list[str], list[str]]:
    """(lines, warnings): the recipient block, wrapped at 38 characters, never cut."""
    raw = [name]
    if attention:
        raw.append(attention)
    if address:
        raw += [x for x in (address.line2, address.street) if x]
        raw.append(f"{address.postcode} {address.city.upper()}")
        if address.country != sender_country:
            raw.append(COUNTRY_NAMES[language].get(address.country, address.country))
    lines: list[str] = []
    for line in raw:
        lines += textwrap.wrap(line, ADDRESS_LINE_MAX, break_long_words=True) or [""]
    warnings = []
    if len(lines) > ADDRESS_LINES_MAX + (1 if address and address.country != sender_country else 0):
        warnings.append(f"the address block has {len(lines)} lines: it will not fit the envelope window")
    return lines, warnings


def registration_text(party: Party, language: str) -> str | None:
    reg = party.registration
    if reg is None:
        return None
    if reg.scheme == "SIREN":
        return f"SIREN {siren.format(reg.number)}" + (f" RCS {reg.city}" if reg.city else "")
    if reg.scheme == "SIRET":
        return f"SIRET {siret.format(reg.number)}"
    if reg.scheme == "RCS":
        return reg.number if reg.number.upper().startswith("RCS") else f"RCS {reg.number}"
    digits = "".join(c for c in reg.number if c.isdigit()).zfill(10)
    label = "BCE" if language == "fr" else "KBO"
    return f"{label} {digits[:4]}.{digits[4:7]}.{digits[7:]}"


def business_mentions(party: Party, language: str) -> list[str]:
    """The mentions French law requires on business letters (C. com. R123-237, R123-238)
    and their Belgian counterparts (C. soc. art. 2:20: name, form, number, seat)."""
    out = []
    form = party.legal_form or ""
    if party.kind == "sole_trader" and form.upper().replace(".", "") in ("EI", "ENTREPRENEUR INDIVIDUEL"):
        # Loi 2022-172: the owner's name followed by « EI » or « entrepreneur individuel ».
        owner = " ".join(x for x in (party.first_name, party.last_name) if x)
        form = f"{owner} EI" if owner else "EI"
    if party.share_capital is not None:
        capital = money(party.share_capital, language)
        form = f"{form} au capital de {capital}" if language == "fr" else f"{form} met een kapitaal van {capital}"
    if form:
        out.append(form.strip())
    if text := registration_text(party, language):
        out.append(text)
    if party.vat_number:
        out.append(("TVA " if language == "fr" else "btw ") + party.vat_number)
    return out


def formatted_iban(value: str | None) -> str | None:
    return iban_mod.format(value) if value else None
