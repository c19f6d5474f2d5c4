"""The route documents' mentions are sourced data (docgen/data/routes/mentions.yaml): each with its
basis and source, the Belgian ones in both languages, the L126 ones flagged unconfirmed (reference
§7.3: the tariff decree and several details were not yet published)."""
from __future__ import annotations

import pytest

from docgen.errors import LegalDataError
from docgen.law.routes_mentions import mention, mentions


@pytest.mark.parametrize("route", ["petites_creances", "l126", "undisputed_b2b"])
def test_every_mention_is_sourced(route):
    found = mentions(route)
    assert found
    for m in found:
        assert m.basis and "reference notes §7" in m.source and m.text["fr"]
        if route == "undisputed_b2b":
            assert m.text.get("nl")


def test_the_sommation_contents_of_1394_21():
    keys = [m.key for m in mentions("undisputed_b2b")]
    assert keys == ["obligation", "amounts", "documents", "reply_form", "period", "consequence"]
    assert all("1394/2" in m.basis for m in mentions("undisputed_b2b"))


def test_the_small_claims_mentions():
    assert "750-1, 5°" in mention("petites_creances", "prior_attempt").text["fr"]
    assert "suspendue" in mention("petites_creances", "prescription").text["fr"]
    assert not any(m.unconfirmed for m in mentions("petites_creances"))
    assert all(m.unconfirmed for m in mentions("l126"))


def test_an_unknown_route_or_mention_is_a_legal_data_error():
    with pytest.raises(LegalDataError):
        mentions("nowhere")
    with pytest.raises(LegalDataError):
        mention("l126", "nothing")
