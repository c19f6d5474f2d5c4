"""Every code the workspace shows (stage, next action, document, event) has a label, translated
by the catalogues: a paralegal never reads ``route_l126`` or ``declaration_de_creance``."""
from __future__ import annotations

import html as html_lib
import re
from datetime import date
from pathlib import Path

from docgen import agenda
from docgen.model.case import EVENT_TYPES
from docgen.portfolio import escalation, route_steps
from docgen.portfolio.synthetic import make_portfolio
from docgen.render.registry import DOCUMENTS
from docgen.web import vocab

ROOT = Path(__file__).resolve().parents[2]


def test_every_event_type_and_document_has_a_label():
    assert set(EVENT_TYPES) <= set(vocab.EVENTS)
    assert set(DOCUMENTS) <= set(vocab.DOCUMENTS)


def test_every_action_the_library_names_has_a_label():
    assert set(escalation.LABELS) | set(route_steps.LABELS) <= set(vocab.ACTIONS)


def test_every_line_of_an_agenda_is_labelled(tmp_path):
    make_portfolio(tmp_path / "synthetic", 400, date(2026, 10, 15))
    items = [*agenda(ROOT / "examples", date(2026, 10, 15), index=False),
             *agenda(tmp_path / "synthetic", date(2026, 10, 15), index=False)]
    assert {"insolvency", "formal_notice_sent"} <= {i.stage for i in items}
    for item in items:
        assert item.stage in vocab.STAGES, item.stage
        assert item.action in vocab.ACTIONS, item.action
        assert item.doc is None or item.doc in vocab.DOCUMENTS, item.doc


def test_a_refused_document_names_each_rule_once(client):
    """Two findings of one rule (two unconfirmed tables) make one code in the documents table."""
    page = client.get("/case/fr-b2b?as_of=2026-10-15").text
    cells = re.findall(r'<span class="blocked">(.*?)</span>', page, re.S)
    assert cells
    for cell in cells:
        codes = re.findall(r"<code>(.*?)</code>", html_lib.unescape(cell))
        assert codes and len(codes) == len(set(codes)), codes
