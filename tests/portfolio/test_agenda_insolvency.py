"""The agenda of a debtor in collective proceedings: the declaration replaces every other step, with
its legal deadline (fr-b2b's debtor in liquidation judiciaire, BODACC 5 Oct 2026: declare by Monday
7 Dec 2026, C. com. R622-24 and CPC 642), overdue first; a declared claim waits; a struck-off debtor
is paused."""
from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from docgen.cli import main
from docgen import agenda

from pfkit import AS_OF, example_data, write_variant

LJ = {"kind": "liquidation_judiciaire", "court": "Tribunal de commerce de Saint-Nazaire",
      "judgment_date": "2026-09-30", "publication_date": "2026-10-05", "publication": "BODACC",
      "administrator": {"role": "liquidateur", "name": "Maître Anne Roux"}}


def _portfolio(tmp_path, insolvency=None, events=()):
    data = example_data("fr-b2b")
    if insolvency is not None:
        data["insolvency"] = insolvency
    data["events"] = data["events"] + list(events)
    write_variant(tmp_path / "cases" / "liq", "fr-b2b", data)
    write_variant(tmp_path / "cases" / "plain", "be-b2b", example_data("be-b2b"))
    return tmp_path / "cases"


def test_declaration_due_with_its_deadline(tmp_path):
    items = agenda(_portfolio(tmp_path, LJ), AS_OF, assume_last_rate=True)
    first = next(i for i in items if i.reference == "RICO-2024-017")
    # Due since the publication: among the due actions, ordered with them by date.
    assert all(i.due_on(AS_OF) for i in items[:items.index(first) + 1])
    assert (first.stage, first.action, first.doc) == ("insolvency", "declare_claim", "declaration_de_creance")
    assert first.deadline == date(2026, 12, 7) and first.date == date(2026, 10, 5) and first.overdue
    assert "2026-12-07" in first.note


def test_overdue_declaration_says_so(tmp_path):
    items = agenda(_portfolio(tmp_path, LJ), date(2026, 12, 8), assume_last_rate=True)
    item = next(i for i in items if i.reference == "RICO-2024-017")
    assert item.action == "declare_claim" and "ended on 2026-12-07" in item.note


def test_declared_claim_waits(tmp_path):
    declared = {"type": "claim_declared", "date": "2026-10-12", "channel": "registered_letter"}
    items = agenda(_portfolio(tmp_path, LJ, [declared]), AS_OF, assume_last_rate=True)
    item = next(i for i in items if i.reference == "RICO-2024-017")
    assert (item.stage, item.action, item.date) == ("claim_declared", "await_verification", None)


def test_struck_off_is_paused(tmp_path):
    items = agenda(_portfolio(tmp_path, {"struck_off": True}), AS_OF, assume_last_rate=True)
    item = next(i for i in items if i.reference == "RICO-2024-017")
    assert item.stage == "struck_off" and item.paused and item.doc is None


def test_agenda_json_and_text_carry_the_deadline(tmp_path):
    folder = _portfolio(tmp_path, LJ)
    result = CliRunner().invoke(main, ["agenda", str(folder), "--as-of", "2026-10-15", "--json", "--assume-last-rate"])
    assert result.exit_code == 0, result.output
    item = next(i for i in json.loads(result.output)["items"] if i["reference"] == "RICO-2024-017")
    assert item["deadline"] == "2026-12-07" and item["doc"] == "declaration_de_creance"
    text = CliRunner().invoke(main, ["agenda", str(folder), "--as-of", "2026-10-15", "--assume-last-rate"]).output
    assert "DEADLINE" in text and "2026-12-07" in text
