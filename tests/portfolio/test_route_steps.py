"""After a route's act is recorded the agenda shows its deadline, from docgen/data through
docgen.law.routes_deadlines: petites créances 1 month for the debtor's answer, L126 and 1394/20
1 month + 8 days before the procès-verbal de non-contestation. And the agenda names the route's
document when it proposes the route."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from docgen import agenda
from docgen.law.routes_deadlines import decide_route_deadline
from docgen.model.case import Event
from docgen.api import load_case

from pfkit import AS_OF, EXAMPLES

ROUTE_EXAMPLES = {"small_claims_request_sent": "fr-petites-creances", "commandement_served": "fr-l126",
                  "sommation_served": "be-1394"}


def _with_event(tmp_path: Path, name: str, event: dict | None) -> Path:
    folder = tmp_path / "cases" / name
    shutil.copytree(EXAMPLES / name, folder)
    path = folder / "case.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if event:
        data["events"].append(event)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tmp_path / "cases"


@pytest.mark.parametrize("event,served,end,report,status", [
    # 15 Sept + 1 month = 15 Oct 2026 (Thursday); no report in the small-claims procedure.
    ("small_claims_request_sent", date(2026, 9, 15), date(2026, 10, 15), None, "decided"),
    # 14 Sept + 1 month = 14 Oct (Wednesday); + 8 days = 22 Oct (Thursday). L126: unconfirmed (loi 2026-307).
    ("commandement_served", date(2026, 9, 14), date(2026, 10, 14), date(2026, 10, 22), "unconfirmed"),
    # 31 Aug + 1 month = 30 Sept (CPC 641 style, last day of the month); + 8 days = 8 Oct (Thursday).
    ("sommation_served", date(2026, 8, 31), date(2026, 9, 30), date(2026, 10, 8), "decided"),
])
def test_route_deadlines(event, served, end, report, status):
    case = load_case(EXAMPLES / ROUTE_EXAMPLES[event] / "case.yaml", as_of=AS_OF)
    decision = decide_route_deadline(case, Event(type=event, date=served))
    assert decision.result.answer_end == end and decision.result.report_from == report
    assert decision.status == status and decision.source


def test_a_deadline_on_a_weekend_moves_to_the_next_working_day():
    case = load_case(EXAMPLES / "fr-l126" / "case.yaml", as_of=AS_OF)
    # 10 Sept + 1 month = Saturday 10 Oct 2026 -> Monday 12 Oct; + 8 days = Tuesday 20 Oct.
    d = decide_route_deadline(case, Event(type="commandement_served", date=date(2026, 9, 10))).result
    assert d.answer_end == date(2026, 10, 12) and d.report_from == date(2026, 10, 20)


@pytest.mark.parametrize("event,served,action,day,deadline", [
    ("small_claims_request_sent", "2026-09-01", "follow_up_small_claims", date(2026, 10, 2), date(2026, 10, 1)),
    ("commandement_served", "2026-09-14", "request_report", date(2026, 10, 22), date(2026, 10, 14)),
    ("sommation_served", "2026-09-30", "request_report", date(2026, 11, 9), date(2026, 10, 30)),
])
def test_the_agenda_follows_the_route_up(tmp_path, event, served, action, day, deadline):
    folder = _with_event(tmp_path, ROUTE_EXAMPLES[event], {"type": event, "date": served})
    [item] = agenda(folder, AS_OF, assume_last_rate=True)
    assert (item.action, item.date, item.deadline) == (action, day, deadline)
    assert item.overdue == (day < AS_OF)
    assert str(deadline) in item.note


def test_the_agenda_proposes_the_route_with_its_document(tmp_path):
    policy = tmp_path / "firm.yaml"
    policy.write_text(yaml.safe_dump({"version": 1, "default": {"routes": ["petites_creances", "l126",
                                                                             "undisputed_b2b", "injunction"]}}))
    docs = {}
    for name in ROUTE_EXAMPLES.values():
        _with_event(tmp_path, name, None)
    for item in agenda(tmp_path / "cases", AS_OF, policy=policy, assume_last_rate=True):
        docs[item.reference] = (item.action, item.doc)
    assert docs == {"JE-2026-044": ("route_petites_creances", "requete_petites_creances"),
                    "IV-2026-211": ("route_l126", "requete_l126"),
                    "LD-2026-093": ("route_undisputed_b2b", "instruction_huissier")}
