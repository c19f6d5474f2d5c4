"""The parties' capacity as the law sees it: who is a merchant (FR), who is an enterprise (BE).

Moved from render/documents_fr.py: the competent court depends on it (C. com. L721-3), so it is a
legal decision, made here once, and the documents only print it.
"""
from __future__ import annotations

from ..model.case import Party

# Commercial by their form whatever their object (C. com. L210-1 al. 2): a claim against them
# goes to the tribunal de commerce (C. com. L721-3). SEL and civil companies are not in the list.
FR_COMMERCIAL_FORMS = frozenset({"SARL", "EURL", "SAS", "SASU", "SA", "SNC", "SCS", "SCA"})


# CPC 54 3° a: « pour les personnes physiques, les nom, prénoms, profession, domicile,
# nationalité, date et lieu de naissance du demandeur ». Name and domicile are always in the
# case file; these four are optional fields of Party.
CIVIL_STATUS_FIELDS = ("birth_date", "birth_place", "nationality", "profession")


def fr_form_key(party: Party) -> str:
    """« S.A.S. », « sas », « SAS » -> « SAS »."""
    return (party.legal_form or "").upper().replace(".", "").replace(" ", "")


def fr_is_merchant(party: Party) -> bool:
    """A commercial company by its form, or a trader on the RCS (C. com. L721-3)."""
    reg = party.registration
    on_rcs = bool(reg and (reg.scheme == "RCS" or (reg.scheme == "SIREN" and reg.city)))
    if party.kind == "company":
        key = fr_form_key(party)
        return key in FR_COMMERCIAL_FORMS or (not key and on_rcs)
    return party.kind == "sole_trader" and on_rcs


def be_is_enterprise(party: Party) -> bool:
    """An enterprise in the sense of CDE I.1 as far as the case file shows it: a company or a
    sole trader, or anyone registered with the Banque-Carrefour des Entreprises."""
    reg = party.registration
    return party.kind in ("company", "sole_trader") or bool(reg and reg.scheme == "BCE")


def is_natural_person(party: Party) -> bool:
    """A private person, or a sole trader (an entrepreneur individuel is a natural person)."""
    return party.kind in ("person", "sole_trader")


def missing_civil_status(party: Party) -> list[str]:
    """The CPC 54 3° a fields a natural person's court request lacks (empty for a company)."""
    if not is_natural_person(party):
        return []
    return [name for name in CIVIL_STATUS_FIELDS if not getattr(party, name)]
