"""Belgium: the judge of the procédure sommaire d'injonction de payer (C. jud. 1338 ss.).

Subject matter: the tribunal de l'entreprise for a claim between enterprises (C. jud. 573, 574),
else the juge de paix up to the cap of art. 1338 (docgen/data/be.injunction_justice_of_peace_cap)
and the tribunal de première instance above it (C. jud. 568, 590). Territory: the court of the
debtor's domicile or seat (C. jud. 624, 1°), by postcode in docgen/data/courts/be.courts.yaml.
Justice-of-the-peace cantons are not in any table docgen has: that decision asks for the court.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..model.case import Case
from .capacity import be_is_enterprise
from .courts_base import NAME, Court, debtor_place, needs_court
from .courts_data import be_courts
from .decision import Decision
from .parameters import parameter

CAP_TABLE = "be.injunction_justice_of_peace_cap"
BASIS_ENTERPRISE = "C. jud. 573, 574 et 624 ; art. 1338 : tribunal de l'entreprise du siège du débiteur, entre entreprises"
BASIS_PEACE = "C. jud. 590, 624 et 1338 : juge de paix du domicile du débiteur, jusqu'au plafond de l'art. 1338"
BASIS_FIRST = "C. jud. 568, 624 et 1338 : tribunal de première instance du domicile du débiteur, au-delà du plafond"
BRUSSELS_NOTE = ("Brussels: French- and Dutch-speaking courts sit side by side; the court is the one of the "
                 "language of the proceedings (loi du 15 juin 1935), taken from the case's language")


def decide_be(case: Case, as_of: date, amount: Decimal) -> Decision:
    enterprises = case.relationship == "B2B" and be_is_enterprise(case.debtor) and be_is_enterprise(case.creditor)
    inputs = {"relationship": case.relationship, "debtor_is_enterprise": _yes(be_is_enterprise(case.debtor)),
              "creditor_is_enterprise": _yes(be_is_enterprise(case.creditor)), "amount": f"{amount:.2f}",
              "language": case.language}
    if enterprises:
        kind, basis, unconfirmed_cap = "enterprise", BASIS_ENTERPRISE, False
    else:
        cap = parameter(CAP_TABLE).at(as_of)
        inputs["justice_of_peace_cap"] = f"{cap.value:.2f}"
        unconfirmed_cap = cap.unconfirmed
        if amount <= cap.value:
            return needs_court(BASIS_PEACE, inputs, "the juge de paix of the debtor's canton is competent; docgen has no "
                                                    "table of cantons by postcode: state it in procedure.court")
        kind, basis = "first_instance", BASIS_FIRST
    place = debtor_place(case)
    if place is None:
        return needs_court(basis, inputs, "the debtor's address is missing: state the court in procedure.court")
    country, postcode, _city = place
    inputs["debtor_postcode"] = postcode
    if country != "BE" or not (postcode.isdigit() and len(postcode) == 4):
        return needs_court(basis, inputs, "the debtor's address is not a Belgian postcode: state the court")
    table = be_courts()
    area = _area(table, int(postcode))
    entry = table["courts"][kind].get(area or "")
    if entry is None:
        why = {"facilities": "a commune with language facilities (the debtor may ask for French proceedings)",
               "eupen": "the German-speaking area (proceedings in German)"}.get(area or "", "an unknown postcode")
        return needs_court(basis, inputs, f"{postcode} is in {why}: state the court in procedure.court")
    language = case.language if case.language in entry and case.language in entry["city"] else next(
        lang for lang in ("fr", "nl") if lang in entry)
    if area == "brussels":
        basis = f"{basis}. {BRUSSELS_NOTE}"
    division = _division(table, int(postcode), kind)
    source = f"{table['reference']} ({table['source']}, {table['source_date']})"
    court = Court(kind=kind, name=entry[language], division=division.get(language, ""),
                  city=division.get("city") or entry["city"][language], source=source)
    message = "" if court.division or area in ("brussels", "brabant_wallon", "leuven", "halle_vilvoorde") else (
        "the division within the court is not determined by docgen's table")
    unconfirmed = table["unconfirmed"] or unconfirmed_cap
    return Decision(NAME, court, basis, "unconfirmed" if unconfirmed else "decided",
                    {**inputs, "area": area or ""}, source=source, message=message)


def _area(table: dict, postcode: int) -> str | None:
    for line in table["areas"]:
        if line["from"] <= postcode <= line["to"]:
            return line["area"]
    return None


def _division(table: dict, postcode: int, kind: str) -> dict:
    for line in table["divisions"]:
        if postcode in line["postcodes"] and kind in line["kinds"]:
            return line
    return {}


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
