"""The agenda proposes the route after the formal notice, in the firm's order, by eligibility
(docgen.law.routes), with its legal basis; and follows an undisputed-debt route up after
1 month + 8 days (docgen/data)."""
from __future__ import annotations

from datetime import date

import pytest
import yaml

from docgen import agenda
from docgen.portfolio.policy import Policy, PolicyError

from pfkit import AS_OF, example_data, write_variant

LAWYER = {"kind": "lawyer", "name": "Maître Els Claes", "bar": "Barreau de Liège"}


def _be_case(tmp_path, **changes):
    """be-b2b with its lawyer and a claim whose accessories stay under the 10 % cap (a fresh invoice)."""
    data = example_data("be-b2b")
    data["creditor"]["represented_by"] = LAWYER
    data["invoices"] = [{"number": "N-1", "issue_date": "2026-08-01", "due_date": "2026-08-31", "amount": "9000.00"}]
    data["payments"], data["credit_notes"], data["exhibits"] = [], [], []
    data["events"] = [{"type": "formal_notice_sent", "date": "2026-09-10", "channel": "registered_letter"}]
    data.update(changes)
    write_variant(tmp_path / "cases" / "be", "be-b2b", data)
    return tmp_path / "cases"


def _policy(tmp_path, routes):
    path = tmp_path / "firm.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "default": {"routes": routes}}), encoding="utf-8")
    return Policy.load(path)


def test_default_order_keeps_the_injunction_and_names_the_open_route(tmp_path):
    [item] = agenda(_be_case(tmp_path), AS_OF, assume_last_rate=True)
    assert item.doc == "injonction_de_payer"
    assert "also open: undisputed_b2b (C. jud. 1394/20" in item.note


def test_a_firm_prefers_the_undisputed_route(tmp_path):
    [item] = agenda(_be_case(tmp_path), AS_OF, policy=_policy(tmp_path, ["undisputed_b2b", "injunction"]),
                    assume_last_rate=True)
    assert item.action == "route_undisputed_b2b" and "1394/20" in item.note and "also open: injunction" in item.note


def test_an_ineligible_preferred_route_falls_through(tmp_path):
    """Without the lawyer the undisputed route is closed (1394/20: initiated by a lawyer only)."""
    folder = _be_case(tmp_path)
    case_file = folder / "be" / "case.yaml"
    data = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    del data["creditor"]["represented_by"]
    case_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    [item] = agenda(folder, AS_OF, policy=_policy(tmp_path, ["undisputed_b2b", "injunction"]), assume_last_rate=True)
    assert item.doc == "injonction_de_payer" and "undisputed_b2b" not in item.note


def test_a_disabled_route_is_not_named(tmp_path):
    [item] = agenda(_be_case(tmp_path), AS_OF, policy=_policy(tmp_path, ["injunction"]), assume_last_rate=True)
    assert "also open" not in item.note


@pytest.mark.parametrize("routes", [[], ["injunction", "injunction"], ["bailiff"], "injunction"])
def test_bad_routes_are_refused(tmp_path, routes):
    with pytest.raises(PolicyError):
        _policy(tmp_path, routes).for_case("BE", "B2B")


def test_undisputed_route_follow_up(tmp_path):
    """Instructed 1 Oct 2026: the month runs to 2 Nov (1 Nov is a Sunday and a holiday), + 8 days."""
    events = [{"type": "formal_notice_sent", "date": "2026-09-10", "channel": "registered_letter"},
              {"type": "bailiff_instructed", "date": "2026-10-01"}]
    [item] = agenda(_be_case(tmp_path, events=events, procedure={"kind": "undisputed_b2b"}), AS_OF,
                    assume_last_rate=True)
    assert item.action == "request_report" and item.date == date(2026, 11, 10)
    assert "1 month(s) + 8 days" in item.note


def test_the_route_the_case_file_plans_comes_first(tmp_path):
    # procedure.kind: undisputed_b2b in Belgium is the 1394/20 route: the creditor chose it
    folder = _be_case(tmp_path, procedure={"kind": "undisputed_b2b"})
    [item] = agenda(folder, AS_OF, assume_last_rate=True)
    assert (item.action, item.doc) == ("route_undisputed_b2b", "instruction_huissier")
    assert "also open: injunction" in item.note


def test_a_planned_route_the_firm_disabled_is_not_proposed(tmp_path):
    folder = _be_case(tmp_path, procedure={"kind": "undisputed_b2b"})
    [item] = agenda(folder, AS_OF, policy=_policy(tmp_path, ["injunction"]), assume_last_rate=True)
    assert item.doc == "injonction_de_payer"


@pytest.mark.parametrize(("example", "action", "doc"), [
    ("fr-petites-creances", "route_petites_creances", "requete_petites_creances"),
    ("fr-l126", "route_l126", "requete_l126"),
    ("be-1394", "route_undisputed_b2b", "instruction_huissier"),
    ("fr-liquidation", "declare_claim", "declaration_de_creance"),
])
def test_each_route_example_is_proposed_its_own_route(example, action, doc):
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "examples" / example
    [item] = agenda(folder, AS_OF, index=False)
    assert (item.action, item.doc) == (action, doc)
