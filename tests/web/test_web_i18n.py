"""The interface's catalogues: every message of the web templates and code is translated in
French and Dutch (extracted with babel, as ``pybabel extract -F docgen/web/babel.cfg -k W_``
does),
placeholders kept; the language follows the browser, or the setting."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from docgen.web import i18n

WEB = Path(i18n.__file__).parent


def _extracted() -> set[str]:
    from babel.messages.extract import extract_from_dir

    method_map = [("**.py", "python"), ("templates/**.html", "jinja2")]
    keywords = {"_": None, "W_": None, "gettext": None}
    return {message for _, _, message, _, _ in extract_from_dir(str(WEB), method_map, keywords=keywords)
            if isinstance(message, str) and message}


def _catalogue(lang: str):  # noqa: ANN202
    from babel.messages.pofile import read_po

    with (WEB / "locale" / lang / "LC_MESSAGES" / "web.po").open("rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_message_is_translated(lang):
    wanted = _extracted()
    assert len(wanted) > 150
    catalogue = _catalogue(lang)
    have = {m.id: m for m in catalogue if m.id}
    missing = sorted(wanted - set(have))
    assert not missing, f"add to locale/{lang}/LC_MESSAGES/web.po: {missing}"
    stale = sorted(set(have) - wanted)
    assert not stale, f"no longer used, remove from the {lang} catalogue: {stale}"
    for message in have.values():
        assert message.string and not message.fuzzy, message.id
        assert set(re.findall(r"%\(\w+\)s", message.id)) == set(re.findall(r"%\(\w+\)s", message.string)), message.id


def test_catalogues_compile_in_memory():
    assert i18n.translations("nl").gettext("Total due") == "Totaal verschuldigd"
    assert i18n.translations("fr").gettext("%(n)s days late") % {"n": 3} == "3 jours de retard"
    assert i18n.translations("en").gettext("Total due") == "Total due"


@pytest.mark.parametrize(("header", "lang"), [("nl-BE,nl;q=0.9,en;q=0.5", "nl"), ("fr-FR,fr;q=0.8", "fr"),
                                             ("de-DE,de;q=0.9", "en"), ("", "en"), ("en;q=0.2,nl;q=0.9", "nl"),
                                             ("garbage;q=x", "en")])
def test_the_browser_preference_chooses(header, lang):
    assert i18n.negotiate(None, header) == lang


def test_pages_follow_the_browser_then_the_setting(client):
    dutch = client.get("/", headers={"Accept-Language": "nl-BE,nl;q=0.9"})
    assert '<html lang="nl">' in dutch.text and "Volgende actie" in dutch.text
    assert "1.687,56" in dutch.text                      # € 1.687,56, as a Belgian reads it
    french = client.get("/?lang=fr", headers={"Accept-Language": "nl"})
    assert '<html lang="fr">' in french.text and "Prochaine action" in french.text
    assert "docgen_lang=fr" in french.headers["set-cookie"]
    remembered = client.get("/aging", headers={"Accept-Language": "nl"})
    assert "Balance âgée" in remembered.text
    refused = client.get("/case/nope?lang=nl")
    assert refused.status_code == 404 and "dossier niet gevonden" in refused.text
