"""How a French document words the interest rate the law decided (``docgen.law.decisions``):
its name, its value on the as-of day, the rule it follows, the articles it rests on."""
from __future__ import annotations

from datetime import date

from ..law.parameters import parameter
from ..model.case import Case
from .formatting import number

# C. mon. fin. L313-2: two legal rates, one for the claims of natural persons not acting for
# professional purposes, one for all other cases.
RATE_BASIS = {"contractual": "taux contractuel",
                  "l441_10": "taux de refinancement de la Banque centrale européenne majoré de {margin} points",
                  "legal_natural_person": "taux de l'intérêt légal applicable aux créances des personnes physiques "
                                          "n'agissant pas pour des besoins professionnels",
                  "legal_other": "taux de l'intérêt légal"}
# Where French moratory interest of a consumer claim comes from: the formal notice (C. civ. 1344-1)
# at the legal rate (1231-6), or at the rate the contract stipulates.
RATE_ARTICLES = {"contractual": "article 1344-1 du Code civil et stipulations du contrat",
                     "legal_natural_person": "articles 1231-6 et 1344-1 du Code civil, article L313-2 du Code "
                                             "monétaire et financier",
                     "legal_other": "articles 1231-6 et 1344-1 du Code civil"}


def rate_basis(case: Case, as_of: date, kind: str) -> str:
    """How a French document names the rate the law decided (docgen.law.decisions.decide_rate)."""
    text = RATE_BASIS.get(kind, "")
    if "{margin}" in text:
        margin = parameter("fr.late_payment_rate_margin").at(as_of, assume_last=True).value
        text = text.format(margin=number(margin))
    return text


def fr_rate_phrase(kind: str, percent: str, basis: str) -> str:
    """« au taux contractuel de X l'an », « au taux de X l'an (taux de refinancement ...) », « au
    taux de l'intérêt légal, soit X l'an à ce jour »: the decided rate,
    called by its name, with its value on the as-of day. Empty when no interest is claimed."""
    if kind == "none" or not basis:
        return ""
    if kind == "contractual":
        return f"au taux contractuel de {percent} l'an" if percent else "au taux contractuel"
    if kind == "l441_10":
        return f"au taux de {percent} l'an ({basis})" if percent else f"au {basis}"
    return f"au {basis}, soit {percent} l'an à ce jour" if percent else f"au {basis}"


def fr_rate_rule(kind: str, percent: str, basis: str) -> str:
    """The rate as a rule, for a sentence that covers several semesters: a variable rate by what
    it is made of, a fixed one by its value. Empty when no interest is claimed."""
    if kind == "none" or not basis:
        return ""
    if kind == "contractual":
        return f"au taux contractuel de {percent} l'an" if percent else "au taux contractuel"
    return f"au {basis}"


def continuing_interest(kind: str, percent: str, basis: str) -> str:
    """The rate a court order is asked to run until payment: a variable rate by its rule, a fixed
    one by its value (« au taux prévu par l'article L441-10 II du Code de commerce »)."""
    if kind == "none" or not basis:
        return ""
    if kind == "contractual":
        return f"au taux contractuel de {percent} l'an"
    if kind == "l441_10":
        return "au taux prévu par l'article L441-10 II du Code de commerce"
    return f"au {basis}"
