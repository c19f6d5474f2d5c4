"""What a BODACC notice of a judgment says, in docgen's terms: the kind of proceedings and
whether it opens them (``classify``), the court's name, and the mandataire or liquidateur it
designates (``administrator_of``). Wording is compared folded (``fold``): no accents, lower case."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Administrator:
    role: str                            # mandataire | liquidateur
    name: str
    address: dict | None = None          # {street, postcode, city, country}


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def fold(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe, single spaces: for comparing wordings."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("`", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def classify(famille: str, nature: str, complement: str = "") -> tuple[str, str | None]:
    """``(action, kind)``: what a notice does to the debtor's proceedings, with their kind
    (sauvegarde, redressement_judiciaire, liquidation_judiciaire).

    - ``opening``: « ouverture » / « ouvrant » (« Jugement d'ouverture d'une procédure de
      redressement judiciaire »; « Autre jugement d'ouverture » or « Autre jugement prononçant »
      with a complement saying « l'ouverture d'une procédure de ... »);
    - ``conversion``: « Jugement de conversion en liquidation judiciaire (de la procédure de
      sauvegarde) »: the proceedings continue as the more severe kind;
    - ``review``: new or extended proceedings whose notice does not say which judgment opened
      what (« Jugement prononçant la résolution du plan ... et la liquidation judiciaire »,
      C. com. L626-27; « Jugement d'extension de ... », L621-2; « Autre jugement prononçant »
      naming a kind without opening or converting): a person records them;
    - ``other``: everything else (plans, clôtures, lists and states of claims, designations,
      appeals, rétablissement professionnel, which has no declaration of claims).

    The natures handled are those of the dataset (list kept by annuaire-entreprises'
    search-infra, workflows/data_pipelines/bodacc/rule.yml); they are compared without case,
    accents or apostrophe style."""
    words = fold(f"{famille} {nature}")
    other_judgment = "autre jugement" in words
    if other_judgment:
        words = f"{words} {fold(complement)[:300]}"
    if any(marker in words for marker in _NOT_PROCEEDINGS):
        return "other", None
    # A conversion names both kinds; it only ever goes to the more severe one.
    kind = next((k for marker, k in _KINDS if marker in words), None)
    if kind is None:
        return "other", None
    if "extension" in words or ("resolution" in words and "ouverture" not in words):
        return "review", kind
    if "conversion" in words:
        return "conversion", kind
    if "ouverture" in words or "ouvrant" in words:
        return "opening", kind
    return ("review", kind) if other_judgment else ("other", None)


_KINDS = (("liquidation judiciaire", "liquidation_judiciaire"), ("redressement judiciaire", "redressement_judiciaire"),
          ("sauvegarde", "sauvegarde"))
# Wordings that are never an opening even when they name one: « Liste des créances nées après
# le jugement d'ouverture ... », « Dépôt de l'état des créances », a clôture ...
_NOT_PROCEEDINGS = ("retablissement professionnel", "cloture", "creances", "depot", "collocation", "repartition",
                    "infirmant", "cour d'appel", "liquidation des biens")


_LOWER = frozenset({"de", "du", "des", "la", "le", "les", "d", "l", "et", "en", "tribunal", "commerce", "judiciaire",
                    "grande", "instance", "activites", "activités", "economiques", "économiques", "mixte"})
_COURT_PREFIX = re.compile(r"^(?:greffe du |greffe de la )", re.IGNORECASE)


def court_name(tribunal: str) -> str:
    """The court as printed, without « Greffe du » (the registry publishes, the court judged)."""
    text = _COURT_PREFIX.sub("", tribunal).strip()
    if text.isupper():                  # "TRIBUNAL DE COMMERCE DE SAINT-NAZAIRE": as a letter writes it
        text = re.sub(r"[^\W\d_]+", lambda m: m.group(0).lower() if m.group(0).lower() in _LOWER
                      else m.group(0).capitalize(), text)
        text = text[:1].upper() + text[1:]
    return clip(text, 200) if text else ""


_ROLE = re.compile(r"d[ée]sign(?:ant|é|e)s?\s+(?:en qualité de\s+|comme\s+)?"
                   r"(mandataire judiciaire|mandataire|liquidateur judiciaire|liquidateur)\s*:?\s*", re.IGNORECASE)
_STREET = re.compile(r"^(?P<name>.+?)[,\s]+(?P<street>\d+[\w\s-]{0,8}?\s*,?\s*(?:bis |ter )?"
                     r"(?:rue|avenue|av\.?|boulevard|bd|place|allée|allee|chemin|quai|impasse|cours|route|square|"
                     r"esplanade|parvis|passage|rond-point|villa)\b.*?)[,\s]+(?P<postcode>\d{5})\s+(?P<city>[^,.;]+)$",
                     re.IGNORECASE)


def administrator_of(complement: str, kind: str | None) -> Administrator | None:
    """The mandataire judiciaire or liquidateur the complement names (« désignant liquidateur
    SELARL X, 3 rue Y 44000 Nantes »), with the address when it can be told from the name;
    None when it names none (the declaration's checks then ask for it)."""
    for match in _ROLE.finditer(complement):
        role = "liquidateur" if match.group(1).lower().startswith("liquidateur") else "mandataire"
        if kind == "liquidation_judiciaire" and role == "mandataire":
            continue                                 # the liquidateur receives the declarations
        rest = complement[match.end():]
        # The designation ends at the sentence's end, or where another officer is designated.
        rest = re.split(r"\.(?:\s|$)|;|\s(?:et\s+)?d[ée]sign|\s(?:administrateur|juge-commissaire)\b",
                        rest, maxsplit=1, flags=re.IGNORECASE)[0].strip(" ,:")
        if not rest:
            continue
        parsed = _STREET.match(rest)
        if parsed and len(parsed.group("name").strip(" ,")) <= 200:
            address = {"street": clip(parsed.group("street").strip(" ,"), 200), "postcode": parsed.group("postcode"),
                       "city": clip(parsed.group("city").strip(), 200), "country": "FR"}
            return Administrator(role, parsed.group("name").strip(" ,"), address)
        if len(rest) <= 200:
            return Administrator(role, rest)
        return None
    return None
