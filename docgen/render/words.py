"""Amounts in words, as a reconnaissance de dette or a requête writes them (C. civ. 1376)."""
from __future__ import annotations

from decimal import Decimal

from num2words import num2words

from ..law.money import cents


def amount_in_words(amount: Decimal, language: str = "fr") -> str:
    """« deux cents euros », « un million d'euros », « vingt euros et cinq centimes »;
    « tweehonderd euro en vijf cent ». num2words' own currency mode writes « zéro centimes » and
    « un million euros », and its fr_BE variant « deux cents trente »: hence this wrapper."""
    amount = cents(amount)
    euros, centimes = int(amount), int((amount - int(amount)) * 100)
    if language == "nl":
        words = [f"{num2words(euros, lang='nl')} euro"] if euros or not centimes else []
        if centimes:
            words.append(f"{num2words(centimes, lang='nl')} cent")
        return " en ".join(words)
    words = []
    if euros or not centimes:
        text = num2words(euros, lang="fr")
        unit = "euro" if euros in (0, 1) else "euros"
        words.append(f"{text} d'{unit}" if text.endswith(("million", "millions", "milliard", "milliards"))
                     else f"{text} {unit}")
    if centimes:
        words.append(f"{num2words(centimes, lang='fr')} centime{'s' if centimes > 1 else ''}")
    return " et ".join(words)


def months_in_words(months: int, language: str = "fr") -> str:
    """A period of whole months as a deed writes it, after « délai » / « termijn van »: « d'un mois »,
    « de deux mois »; « één maand », « twee maanden »."""
    if language == "nl":
        return f"{num2words(months, lang='nl')} {'maand' if months == 1 else 'maanden'}"
    words = num2words(months, lang="fr")
    article = "d'" if words == "un" else "de "        # « de » elided before « un »
    return f"{article}{words} mois"
