"""The debtor's collective proceedings: individual actions stop, the claim is declared instead.

France (C. com. L622-21, applied to redressement by L631-14 and to liquidation by L641-3): the
opening judgment interrupts or forbids every action of a creditor whose claim arose before it
aiming at the payment of a sum of money, and stops enforcement. The creditor declares the claim
to the mandataire judiciaire (or the liquidateur) within a period counted from the BODACC
publication (L622-24, R622-24: ``fr.claim_declaration_months``, more for a creditor domiciled
outside metropolitan France), stated as it stood on the judgment day: the judgment stops
interest (L622-28) and a €40 indemnity is owed only for an invoice already late that day
(reference notes §11.3), which is what a statement computed on the judgment day gives.

Belgium (CDE book XX): a faillite or a réorganisation judiciaire suspends enforcement by the
creditors; a faillite's claims are declared through the central solvency register (RegSol)
within the period the judgment sets, which the case states (``insolvency.claims_deadline``).
The Belgian article numbers are not given here: docgen's sources do not confirm them.

A struck-off company (no proceedings) has nobody to receive a writ: a court or bailiff step
first needs a mandataire ad hoc (reference notes §12.5).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model.case import INSOLVENCY_KINDS, Case, Insolvency
from .decision import Decision
from .deadlines import add_months
from .parameters import parameter

STAY_BASIS = {"FR": "C. com. L622-21 (redressement: L631-14; liquidation judiciaire: L641-3)",
              "BE": "CDE livre XX (suspension des voies d'exécution: réorganisation judiciaire, faillite)"}
DECLARATION_BASIS = {"FR": "C. com. L622-24, L622-25, R622-23, R622-24",
                     "BE": "CDE livre XX (déclaration de créance au registre central de la solvabilité)"}
STRUCK_OFF_BASIS = "a struck-off company has no representative to be served: mandataire ad hoc (reference §12.5)"

# What the stay forbids: every document that asks the debtor to pay or starts a court or bailiff
# step. A relance is an individual demand for payment as much as a formal notice.
STAYED_DOCUMENTS = frozenset({"relance", "mise_en_demeure", "plan_apurement", "injonction_de_payer",
                              "requete_petites_creances", "requete_l126", "instruction_huissier"})
# A struck-off debtor: court and bailiff steps need a mandataire ad hoc; letters reach nobody.
COURT_OR_BAILIFF_DOCUMENTS = frozenset({"injonction_de_payer", "requete_petites_creances", "requete_l126",
                                        "instruction_huissier"})

KIND_LABELS = {
    "fr": {"sauvegarde": "procédure de sauvegarde", "redressement_judiciaire": "redressement judiciaire",
           "liquidation_judiciaire": "liquidation judiciaire", "reorganisation_judiciaire": "réorganisation judiciaire",
           "faillite": "faillite"},
    "nl": {"reorganisation_judiciaire": "gerechtelijke reorganisatie", "faillite": "faillissement"},
}


def proceedings(case: Case) -> Insolvency | None:
    """The debtor's open collective proceedings, or None (none recorded, or only struck off)."""
    ins = case.insolvency
    return ins if ins is not None and ins.kind is not None else None


def struck_off(case: Case) -> bool:
    return bool(case.insolvency and case.insolvency.struck_off and case.insolvency.kind is None)


def kind_matches(case: Case) -> bool:
    ins = proceedings(case)
    return ins is None or ins.kind in INSOLVENCY_KINDS[case.jurisdiction]


def kind_label(case: Case) -> str:
    ins = proceedings(case)
    if ins is None:
        return ""
    return KIND_LABELS.get(case.language, KIND_LABELS["fr"]).get(ins.kind, ins.kind.replace("_", " "))


def outside_metropolitan_france(case: Case) -> bool:
    """R622-24 al. 2: a creditor domiciled outside metropolitan France (abroad, or overseas:
    French postcodes 97x and 98x)."""
    address = case.creditor.address
    if address is None:
        return False
    return address.country != "FR" or address.postcode.strip().startswith(("97", "98"))


@dataclass(frozen=True)
class DeclarationDeadline:
    last_day: date
    months: int | None          # None: stated in the case file
    abroad: bool

    def to_dict(self) -> dict:
        return {"last_day": self.last_day.isoformat(), "months": self.months, "abroad": self.abroad}


def decide_declaration_deadline(case: Case) -> Decision:
    """The last day to declare the claim: stated in the case file (BE: the judgment sets it; FR: a
    personal notice may start the period later), else FR: the BODACC publication plus the months of
    ``fr.claim_declaration_months`` (plus the extension for a creditor outside metropolitan France),
    counted as CPC 641-642 count months."""
    ins = proceedings(case)
    name, basis = "claim_declaration_deadline", DECLARATION_BASIS[case.jurisdiction]
    if ins is None:
        return Decision(name, None, basis, status="needs_input", field="insolvency",
                        message="no collective proceedings are recorded for the debtor")
    if ins.claims_deadline is not None:
        return Decision(name, DeclarationDeadline(ins.claims_deadline, None, False), basis, stated=True,
                        inputs={"insolvency.claims_deadline": ins.claims_deadline.isoformat()},
                        source="insolvency.claims_deadline")
    if case.jurisdiction == "BE":
        return Decision(name, None, basis, status="needs_input", field="insolvency.claims_deadline",
                        message="the period to declare is set by the judgment: state its last day")
    if ins.publication_date is None:
        return Decision(name, None, basis, status="needs_input", field="insolvency.publication_date",
                        message="the period to declare runs from the BODACC publication of the judgment: "
                                "state its date")
    base = parameter("fr.claim_declaration_months").at(ins.publication_date)
    months, sources, unconfirmed = base.value, [base.source], base.unconfirmed
    abroad = outside_metropolitan_france(case)
    if abroad:
        extra = parameter("fr.claim_declaration_abroad_extra_months").at(ins.publication_date)
        months += extra.value
        sources.append(extra.source)
        unconfirmed = unconfirmed or extra.unconfirmed
    last_day = add_months(ins.publication_date, months, "FR")
    return Decision(name, DeclarationDeadline(last_day, months, abroad), "C. com. R622-24",
                    status="unconfirmed" if unconfirmed else "decided",
                    inputs={"insolvency.publication_date": ins.publication_date.isoformat(),
                            "creditor outside metropolitan France": "yes" if abroad else "no"},
                    source="; ".join(sources))


def declaration_tables(case: Case) -> list[tuple[str, date]]:
    """The legal tables the deadline reads, with the day it reads them (for unconfirmed.py)."""
    ins = proceedings(case)
    if case.jurisdiction != "FR" or ins is None or ins.claims_deadline is not None or ins.publication_date is None:
        return []
    tables = [("fr.claim_declaration_months", ins.publication_date)]
    if outside_metropolitan_france(case):
        tables.append(("fr.claim_declaration_abroad_extra_months", ins.publication_date))
    return tables


def statement_day(case: Case, as_of: date) -> date:
    """The day the declared claim is stated at: the opening judgment (never after ``as_of``)."""
    ins = proceedings(case)
    if ins is None or ins.judgment_date is None:
        return as_of
    return min(ins.judgment_date, as_of)
