"""Statutory text reproduced verbatim: only a verified, sourced file is ever returned."""
from __future__ import annotations

from datetime import date
from importlib.resources import files

import pytest

from docgen.errors import LegalDataError
from docgen.law import parameters
from docgen.law.statutes import STATUTES, StatutoryText, statutory_text

KEY = "be.cj.1338-1344"
ARTICLES = "".join(f'  - number: "{n}"\n    text: "Texte de l\'article {n} (test)."\n'
                   for n in STATUTES[KEY].articles)
VERIFIED = f"""\
title: "Code judiciaire, articles 1338 à 1344"
language: fr
source: "Justel, Code judiciaire, version consolidée (test)"
url: "https://www.ejustice.just.fgov.be/"
consolidated_on: 2026-03-01
verified: true
verified_by: "Me Test, 2026-03-02"
articles:
{ARTICLES}"""


@pytest.fixture(autouse=True)
def _no_overlay(monkeypatch):
    monkeypatch.delenv(parameters.ENV_VAR, raising=False)
    parameters.reset()
    yield
    parameters.reset()


def install(tmp_path, text, language="fr"):
    folder = tmp_path / "firm"
    (folder / "statutes").mkdir(parents=True)
    (folder / "statutes" / f"{KEY}.{language}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_docgen_ships_no_statutory_text_it_could_not_take_from_an_official_source():
    shipped = files("docgen") / "data" / "statutes"
    assert not any(item.name.endswith(".yaml") for item in shipped.iterdir())


@pytest.mark.parametrize("language, words", [
    ("fr", ["Code judiciaire, articles 1338 à 1344", "Justel (www.ejustice.just.fgov.be", "in French"]),
    ("nl", ["Gerechtelijk Wetboek, artikelen 1338 tot 1344", "Justel (www.ejustice.just.fgov.be", "in Dutch"]),
])
def test_missing_text_needs_input_naming_the_file_where_and_how(tmp_path, language, words):
    decision = statutory_text(KEY, language, overlays=[])
    name = f"{KEY}.{language}.yaml"
    assert decision.status == "needs_input" and decision.result is None
    assert decision.field == f"data:statutes/{name}"
    assert decision.message == (
        f"this document must reproduce {words[0]} verbatim (C. jud. art. 1339: the sommation de payer reproduces articles "
        f"1338 to 1344 on pain of nullity), and docgen has no verified copy of that text. Add the file "
        f"statutes/{name} in the statutes/ subfolder of a legal data overlay folder (--data DIR or DOCGEN_DATA), "
        f"or in docgen/data/statutes/ of docgen itself: a YAML file with: title; language: {language}; source "
        "(the official publication it was copied from); url (optional); consolidated_on (the date of the "
        "consolidated version, YYYY-MM-DD); verified: true (once the text was compared word for word with the "
        "official one); verified_by (optional); articles: a list of {number, text}, from 1338 to 1344, each "
        f"text copied verbatim. Copy the text from {STATUTES[KEY].where[language]}. See docs/legal-data.md.")
    assert all(w in decision.message for w in words)
    # With overlay folders in force, the message names them.
    folder = tmp_path / "empty"
    folder.mkdir()
    assert f"overlay folder ({folder})" in statutory_text(KEY, language, overlays=[folder]).message


def test_unverified_text_is_refused_too(tmp_path):
    folder = install(tmp_path, VERIFIED.replace("verified: true", "verified: false"))
    decision = statutory_text(KEY, "fr", overlays=[folder])
    origin = str(folder / "statutes" / f"{KEY}.fr.yaml")
    assert decision.status == "needs_input" and decision.result is None
    assert decision.field == f"data:statutes/{KEY}.fr.yaml" and decision.source == origin
    assert decision.message == (
        "this document must reproduce Code judiciaire, articles 1338 à 1344 verbatim (C. jud. art. 1339: the "
        f"sommation de payer reproduces articles 1338 to 1344 on pain of nullity), and {origin} says verified: false. "
        f"Compare each article word for word with {STATUTES[KEY].where['fr']}, correct it, then set verified: "
        f"true in statutes/{KEY}.fr.yaml. docgen never prints unverified statutory text.")


def test_an_installed_verified_overlay_text_is_returned(tmp_path):
    folder = install(tmp_path, VERIFIED)
    decision = statutory_text(KEY, "fr", overlays=[folder])
    assert decision.decided
    text = decision.result
    assert isinstance(text, StatutoryText)
    assert [a.number for a in text.articles] == list(STATUTES[KEY].articles)
    assert text.articles[1].text == "Texte de l'article 1339 (test)."
    assert (text.consolidated_on, text.language, text.verified_by) == (date(2026, 3, 1), "fr", "Me Test, 2026-03-02")
    assert text.origin == str(folder / "statutes" / f"{KEY}.fr.yaml")
    assert "version consolidée (test)" in decision.source and "2026-03-01" in decision.source
    assert decision.to_dict()["result"]["articles"][0]["number"] == "1338"
    # The Dutch text is a separate file: still missing.
    assert statutory_text(KEY, "nl", overlays=[folder]).status == "needs_input"


def test_the_overlay_folders_in_force_are_used_by_default(tmp_path):
    folder = install(tmp_path, VERIFIED)
    assert statutory_text(KEY, "fr").status == "needs_input"
    with parameters.overlays([folder]):
        assert statutory_text(KEY, "fr").decided


@pytest.mark.parametrize("change, expected", [
    (lambda t: t.replace('source: "Justel, Code judiciaire, version consolidée (test)"\n', ""), "missing ['source']"),
    (lambda t: t.replace("consolidated_on: 2026-03-01", 'consolidated_on: "March 2026"'), "consolidated_on must be"),
    (lambda t: t.replace("language: fr", "language: nl"), "language is 'nl', the file name says 'fr'"),
    (lambda t: t.replace("verified: true", "verified: yes please"), "verified must be true or false"),
    (lambda t: t.replace('  - number: "1342"\n', '  - number: "1341"\n'), "articles[4].number: article 1341 appears twice"),
    (lambda t: t.split("  - number: \"1344\"")[0], "article(s) 1344 missing"),
    (lambda t: t + "title: again\n", "duplicate key 'title'"),
    (lambda t: t + "reconstructed: true\n", "unknown keys ['reconstructed']"),
    (lambda t: t.replace("Texte de l'article 1340 (test).", ""), "articles[2].text: must be the article's text"),
])
def test_a_malformed_statute_file_is_a_data_error_naming_the_file(tmp_path, change, expected):
    folder = install(tmp_path, change(VERIFIED))
    with pytest.raises(LegalDataError) as caught:
        statutory_text(KEY, "fr", overlays=[folder])
    assert str(folder / "statutes" / f"{KEY}.fr.yaml") in caught.value.message
    assert expected in caught.value.message


def test_unknown_texts_and_languages_are_refused():
    with pytest.raises(LegalDataError, match="unknown statutory text"):
        statutory_text("../../etc/passwd", "fr", overlays=[])
    with pytest.raises(LegalDataError, match="no 'de' version"):
        statutory_text(KEY, "de", overlays=[])
