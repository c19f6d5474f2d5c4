"""What the documents of the bailiff routes must say, read from ``docgen/data/routes/mentions.yaml``:
each mention's wording, legal basis, source and whether docgen could confirm it. The templates
print these texts; the findings of a route document name the unconfirmed ones."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..errors import LegalDataError
from ..resources import data_dir
from .parameters import read_strict_yaml

FILE = "routes/mentions.yaml"


@dataclass(frozen=True)
class Mention:
    key: str
    basis: str
    source: str
    text: dict[str, str]          # language -> wording
    unconfirmed: bool = False

    def to_dict(self, language: str) -> dict[str, str]:
        return {"key": self.key, "basis": self.basis, "text": self.text.get(language) or self.text["fr"]}


@lru_cache(maxsize=1)
def _all() -> dict[str, tuple[Mention, ...]]:
    path = data_dir() / FILE
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LegalDataError(f"{FILE}: cannot be read ({exc})") from None
    data = read_strict_yaml(raw, FILE, bundled=True)
    out: dict[str, tuple[Mention, ...]] = {}
    for route, entries in (data or {}).items():
        mentions = []
        for key, entry in (entries or {}).items():
            if not isinstance(entry, dict) or not entry.get("basis") or not entry.get("source") or "fr" not in entry:
                raise LegalDataError(f"{FILE}: {route}.{key} needs basis, source and a French wording")
            mentions.append(Mention(key, str(entry["basis"]), str(entry["source"]),
                                    {lang: str(entry[lang]) for lang in ("fr", "nl") if lang in entry},
                                    bool(entry.get("unconfirmed", False))))
        out[str(route)] = tuple(mentions)
    return out


def mentions(route: str) -> tuple[Mention, ...]:
    """The mentions of ``route`` (petites_creances, l126, undisputed_b2b), in the file's order."""
    found = _all().get(route)
    if not found:
        raise LegalDataError(f"{FILE} has no mentions for the route {route!r}")
    return found


def mention(route: str, key: str) -> Mention:
    for m in mentions(route):
        if m.key == key:
            return m
    raise LegalDataError(f"{FILE} has no mention {route}.{key}")
