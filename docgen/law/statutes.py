"""Statutory text that a document must reproduce verbatim, read from sourced data files.

Some documents must reproduce articles of law word for word: the Belgian summary payment order
(C. jud. 1339) must reproduce articles 1338 to 1344 C. jud. on pain of nullity. Such text is
never written in a template nor reconstructed: it is a data file,
``statutes/<key>.<language>.yaml``, looked up in the overlay folders in force (later ones win)
and then in ``docgen/data/statutes/``. docgen ships only text copied from an official source;
a firm installs the official text in its overlay folder otherwise (docs/legal-data.md).

The file must say where the text was taken from, the date of the consolidated version, and
``verified: true`` (someone compared it with the official publication). Missing or unverified
text is a ``needs_input`` Decision naming the file to add, never a fallback text.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from ..errors import LegalDataError
from .decision import Decision
from .parameters import active_overlays, read_strict_yaml

FOLDER = "statutes"
_REQUIRED = {"title", "language", "source", "consolidated_on", "verified", "articles"}
_OPTIONAL = {"url", "verified_by", "note"}


@dataclass(frozen=True)
class Statute:
    """What docgen knows of a text it must reproduce: the articles, and where to get it."""

    key: str
    articles: tuple[str, ...]          # the article numbers the file must contain
    basis: str                         # the rule that requires the text to be reproduced
    titles: dict[str, str]             # by language
    where: dict[str, str]              # the official source to copy from, by language


STATUTES: dict[str, Statute] = {
    "be.cj.1338-1344": Statute(
        key="be.cj.1338-1344",
        articles=("1338", "1339", "1340", "1341", "1342", "1343", "1344"),
        basis="C. jud. art. 1339: the sommation de payer reproduces articles 1338 to 1344 on pain of nullity",
        titles={"fr": "Code judiciaire, articles 1338 à 1344", "nl": "Gerechtelijk Wetboek, artikelen 1338 tot 1344"},
        where={
            "fr": "Justel (www.ejustice.just.fgov.be, Service public fédéral Justice): the consolidated "
                  "version of the Code judiciaire (loi du 10 octobre 1967), articles 1338 to 1344, in French",
            "nl": "Justel (www.ejustice.just.fgov.be, FOD Justitie): the consolidated version of the "
                  "Gerechtelijk Wetboek (wet van 10 oktober 1967), artikelen 1338 tot 1344, in Dutch",
        },
    ),
}


@dataclass(frozen=True)
class Article:
    number: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"number": self.number, "text": self.text}


@dataclass(frozen=True)
class StatutoryText:
    """A verified copy of statutory articles, with where it was taken from."""

    key: str
    language: str
    title: str
    source: str
    consolidated_on: date
    articles: tuple[Article, ...]
    origin: str                  # the file it was read from
    url: str | None = None
    verified_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "language": self.language, "title": self.title, "source": self.source,
                "consolidated_on": self.consolidated_on.isoformat(), "url": self.url,
                "verified_by": self.verified_by, "origin": self.origin,
                "articles": [a.to_dict() for a in self.articles]}


def file_name(key: str, language: str) -> str:
    return f"{key}.{language}.yaml"


def statutory_text(key: str, language: str, *, overlays: Sequence[Path] | None = None) -> Decision:
    """The verified text ``key`` in ``language``, as a Decision.

    ``decided``: ``result`` is a StatutoryText. ``needs_input``: no file, or an unverified one;
    ``field`` is ``data:statutes/<file>`` and ``message`` says which file to add, where, in which
    format and where to get the text. ``overlays`` defaults to the overlay folders in force.
    A file that is present but malformed raises LegalDataError (naming the file).
    """
    statute = STATUTES.get(key)
    if statute is None:
        raise LegalDataError(f"unknown statutory text {key!r} (known: {', '.join(sorted(STATUTES))})")
    if language not in statute.where:
        raise LegalDataError(f"statutory text {key}: no {language!r} version is provided for "
                             f"(known: {', '.join(sorted(statute.where))})")
    name = file_name(key, language)
    folders = active_overlays() if overlays is None else tuple(Path(f) for f in overlays)
    found = _find(name, folders)
    decision = dict(name=f"statutory_text:{key}", basis=statute.basis,
                    inputs={"key": key, "language": language})
    if found is None:
        return Decision(**decision, result=None, status="needs_input", field=f"data:{FOLDER}/{name}",
                        message=_missing_message(statute, language, name, folders))
    raw, origin = found
    text, verified = parse_statute(raw, origin, statute, language)
    if not verified:
        return Decision(**decision, result=None, status="needs_input", field=f"data:{FOLDER}/{name}",
                        source=origin, message=_unverified_message(statute, language, name, origin))
    return Decision(**decision, result=text, source=f"{text.source}, consolidated version of "
                    f"{text.consolidated_on.isoformat()} ({origin})")


def _find(name: str, folders: Sequence[Path]) -> tuple[bytes, str] | None:
    for folder in reversed(folders):
        path = folder / FOLDER / name
        if path.is_file():
            try:
                return path.read_bytes(), str(path)
            except OSError as exc:
                raise LegalDataError(f"{path}: cannot be read ({exc.strerror})") from exc
    shipped = files("docgen") / "data" / FOLDER / name
    if shipped.is_file():
        return shipped.read_bytes(), f"docgen/data/{FOLDER}/{name}"
    return None


def _format(statute: Statute, language: str) -> str:
    first, last = statute.articles[0], statute.articles[-1]
    return (f"a YAML file with: title; language: {language}; source (the official publication it was copied "
            "from); url (optional); consolidated_on (the date of the consolidated version, YYYY-MM-DD); "
            "verified: true (once the text was compared word for word with the official one); verified_by "
            f"(optional); articles: a list of {{number, text}}, from {first} to {last}, each text copied "
            "verbatim")


def _missing_message(statute: Statute, language: str, name: str, folders: Sequence[Path]) -> str:
    where = (f"in the statutes/ subfolder of your legal data overlay folder ({', '.join(map(str, folders))})"
             if folders else "in the statutes/ subfolder of a legal data overlay folder (--data DIR or DOCGEN_DATA)")
    return (f"this document must reproduce {statute.titles[language]} verbatim ({statute.basis}), and docgen has "
            f"no verified copy of that text. Add the file {FOLDER}/{name} {where}, or in docgen/data/{FOLDER}/ "
            f"of docgen itself: {_format(statute, language)}. Copy the text from {statute.where[language]}. "
            "See docs/legal-data.md.")


def _unverified_message(statute: Statute, language: str, name: str, origin: str) -> str:
    return (f"this document must reproduce {statute.titles[language]} verbatim ({statute.basis}), and {origin} "
            f"says verified: false. Compare each article word for word with {statute.where[language]}, correct "
            f"it, then set verified: true in {FOLDER}/{name}. docgen never prints unverified statutory text.")


def parse_statute(raw: bytes, origin: str, statute: Statute, language: str) -> tuple[StatutoryText, bool]:
    """Check one statute file; every defect is a LegalDataError naming ``origin`` and the key."""
    data = read_strict_yaml(raw, origin)
    if not isinstance(data, dict):
        raise LegalDataError(f"{origin}: expected a mapping")
    missing, unknown = _REQUIRED - set(data), set(data) - _REQUIRED - _OPTIONAL
    if missing or unknown:
        raise LegalDataError(f"{origin}: " + "; ".join(
            part for part in (f"missing {sorted(missing)}" if missing else "",
                              f"unknown keys {sorted(unknown)}" if unknown else "") if part))
    for key in ("title", "source", *(k for k in ("url", "verified_by", "note") if k in data)):
        if not isinstance(data[key], str) or not data[key].strip():
            raise LegalDataError(f"{origin}: {key} must be a non-empty string")
    if data["language"] != language:
        raise LegalDataError(f"{origin}: language is {data['language']!r}, the file name says {language!r}")
    consolidated = data["consolidated_on"]
    if not isinstance(consolidated, date) or isinstance(consolidated, datetime):
        raise LegalDataError(f"{origin}: consolidated_on must be an unquoted YYYY-MM-DD date")
    if not isinstance(data["verified"], bool):
        raise LegalDataError(f"{origin}: verified must be true or false")
    articles = _articles(origin, data["articles"])
    numbers = [a.number for a in articles]
    absent = [n for n in statute.articles if n not in numbers]
    if absent:
        raise LegalDataError(f"{origin}: articles: article(s) {', '.join(absent)} missing "
                             f"(the document must reproduce {statute.articles[0]} to {statute.articles[-1]})")
    text = StatutoryText(statute.key, language, data["title"], data["source"], consolidated, articles, origin,
                         data.get("url"), data.get("verified_by"))
    return text, data["verified"]


def _articles(origin: str, raw: object) -> tuple[Article, ...]:
    if not isinstance(raw, list) or not raw:
        raise LegalDataError(f"{origin}: articles must be a non-empty list of {{number, text}}")
    out, seen = [], set()
    for index, item in enumerate(raw):
        where = f"{origin}: articles[{index}]"
        if not isinstance(item, dict) or set(item) != {"number", "text"}:
            raise LegalDataError(f"{where}: expected exactly {{number, text}}")
        number, text = item["number"], item["text"]
        if isinstance(number, int) and not isinstance(number, bool):
            number = str(number)
        if not isinstance(number, str) or not number.strip():
            raise LegalDataError(f"{where}.number: must be an article number such as \"1338\"")
        if number in seen:
            raise LegalDataError(f"{where}.number: article {number} appears twice")
        if not isinstance(text, str) or not text.strip():
            raise LegalDataError(f"{where}.text: must be the article's text")
        seen.add(number)
        out.append(Article(number.strip(), text.strip()))
    return tuple(out)
