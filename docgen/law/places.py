"""Normalised place names, so that « St-Herblain », « SAINT HERBLAIN » and « Saint-Herblain »
meet on one key. Shared by the court tables' builder (scripts/build_courts.py) and the lookup
(docgen.law.courts_fr): a key built one way and looked up another would silently miss."""
from __future__ import annotations

import re
import unicodedata

_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
# « Nantes Cedex 2 »: the CEDEX suffix names a sorting office, not a commune.
_CEDEX = re.compile(r"\s+cedex(\s+\d+)?\s*$")


def place_key(name: str) -> str:
    """Lower case, no accents, no punctuation, « St » -> « saint », « Cedex » dropped."""
    text = unicodedata.normalize("NFKD", name.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = _CEDEX.sub("", text)
    return " ".join(_ABBREVIATIONS.get(word, word) for word in text.split())
