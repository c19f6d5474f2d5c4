"""The findings of the Belgian documents (docgen.law.document_checks_be): each rule fires on a case
that breaks its condition and stays silent on one that meets it.

What a template used to print as a boxed note is now a finding with a stable rule id, a legal
basis and the case-file field that settles it; an ``error`` makes ``render`` refuse the document.
"""
from __future__ import annotations

import copy
from datetime import date

import pytest
from lawkit import BE_COMPANY, BE_CREDITOR, PERSON

from docgen.errors import DocgenError
from docgen.law import document_checks_be, injunction_be
from docgen.law.decision import Decision
from docgen.law.document_checks import document_findings
from docgen.law.statement import compute_statement
from docgen.model.validate import load_case

AS_OF = date(2026, 10, 15)
LAWYER = {"kind": "lawyer", "name": "Maître Anne Lambert", "bar": "Barreau de Namur",
          "registration": {"scheme": "BCE", "number": "0456789034"},
          "address": {"street": "Rue Godefroid 5", "postcode": "5000", "city": "Namur", "country": "BE"}}
AGENCY = {"kind": "agency", "name": "Incasso Vlaanderen", "registration": {"scheme": "BCE", "number": "0123456749"},
          "address": {"street": "Frankrijklei 10", "postcode": "2000", "city": "Antwerpen", "country": "BE"}}
ABROAD = {"street": "Rue de Rivoli 10", "postcode": "75001", "city": "Paris", "country": "FR"}


def data(relationship: str = "B2B", **changes) -> dict:
    """A small Belgian case: one invoice of 1,200 EUR due on 31 January 2026, a signed contract."""
    base = {
        "schema_version": 1, "reference": "BE-1", "jurisdiction": "BE", "language": "fr",
        "relationship": relationship,
        "creditor": copy.deepcopy(BE_CREDITOR) | {"phone": "+32 3 000 00 00"},
        "debtor": copy.deepcopy(BE_COMPANY | {"registration": {"scheme": "BCE", "number": "0403170701"}}
                                if relationship == "B2B" else PERSON),
        "contract": {"reference": "Bon de commande BC-7 signé le 5 janvier 2026", "date": "2026-01-05"},
        "invoices": [{"number": "F-1", "issue_date": "2026-01-01", "due_date": "2026-01-31", "amount": "1200.00"}],
    }
    for key, value in changes.items():
        if "." in key:
            outer, inner = key.split(".")
            base[outer] = dict(base[outer])
            if value is None:
                base[outer].pop(inner, None)
            else:
                base[outer][inner] = value
        elif value is None:
            base.pop(key, None)
        else:
            base[key] = value
    return base


def findings(raw: dict, doc: str, options: dict | None = None, *, accept_unconfirmed: bool = True):
    case = load_case(raw)
    st = compute_statement(case, AS_OF, assume_last_rate=True)
    return document_findings(case, doc, AS_OF, st, {"assume_last_rate": "1", **(options or {})},
                             accept_unconfirmed=accept_unconfirmed)


def ids(raw: dict, doc: str, options: dict | None = None) -> dict[str, str]:
    """rule id -> severity (the worst one when a rule fires twice)."""
    out: dict[str, str] = {}
    for f in findings(raw, doc, options)[0]:
        if out.get(f.rule_id) != "error":
            out[f.rule_id] = f.severity
    return out


def paths(raw: dict, doc: str, rule: str, options: dict | None = None) -> set[str | None]:
    return {f.path for f in findings(raw, doc, options)[0] if f.rule_id == rule}


FREE_REMINDER = {"type": "reminder_sent", "date": "2026-02-10", "channel": "letter"}
PAID_REMINDER = FREE_REMINDER | {"fee": "15.00"}


# ---- relance ----------------------------------------------------------------------------------

def test_free_first_reminder_without_enterprise_number_is_refused():
    raw = data("B2C", **{"creditor.registration": None})
    assert ids(raw, "relance")["BE-FIRST-REMINDER-ENTERPRISE-NUMBER"] == "error"
    assert paths(raw, "relance", "BE-FIRST-REMINDER-ENTERPRISE-NUMBER") == {"creditor.registration"}


def test_free_first_reminder_with_enterprise_number_passes():
    assert "BE-FIRST-REMINDER-ENTERPRISE-NUMBER" not in ids(data("B2C"), "relance")


def test_b2b_reminder_needs_no_consumer_mentions():
    assert "BE-FIRST-REMINDER-ENTERPRISE-NUMBER" not in ids(data(**{"creditor.registration": None}), "relance")


def test_second_reminder_without_a_free_first_reminder_is_refused():
    # The only reminder charged a fee: it is not the free first reminder of XIX.2.
    raw = data("B2C", events=[PAID_REMINDER])
    assert ids(raw, "relance")["BE-REMINDER-WITHOUT-FREE-FIRST"] == "error"
    assert paths(raw, "relance", "BE-REMINDER-WITHOUT-FREE-FIRST") == {"events"}


def test_second_reminder_after_the_free_first_reminder_passes():
    found = ids(data("B2C", events=[FREE_REMINDER]), "relance")
    assert "BE-REMINDER-WITHOUT-FREE-FIRST" not in found and "REMINDER-LEVEL" not in found


# ---- mise_en_demeure --------------------------------------------------------------------------

def test_collector_notice_without_creditor_contact_is_refused():
    raw = data("B2C", **{"creditor.phone": None, "creditor.email": None})
    raw["creditor"]["represented_by"] = AGENCY
    assert ids(raw, "mise_en_demeure")["BE-COLLECTOR-NOTICE-MENTION"] == "error"
    assert paths(raw, "mise_en_demeure", "BE-COLLECTOR-NOTICE-MENTION") == {"creditor.phone", "creditor.email"}


def test_collector_notice_without_enterprise_numbers_is_refused():
    raw = data("B2C", **{"creditor.registration": None})
    raw["creditor"]["represented_by"] = {k: v for k, v in AGENCY.items() if k != "registration"}
    assert paths(raw, "mise_en_demeure", "BE-COLLECTOR-NOTICE-MENTION") == {
        "creditor.registration", "creditor.represented_by.registration"}


def test_collector_notice_with_every_mention_passes():
    raw = data("B2C")
    raw["creditor"]["represented_by"] = AGENCY
    assert "BE-COLLECTOR-NOTICE-MENTION" not in ids(raw, "mise_en_demeure")


def test_creditors_own_notice_needs_no_collector_mentions():
    assert "BE-COLLECTOR-NOTICE-MENTION" not in ids(data("B2C", **{"creditor.phone": None}), "mise_en_demeure")


def test_interruptive_notice_without_enterprise_number_is_refused_unless_not_interruptive():
    raw = data(**{"creditor.registration": None})
    raw["creditor"]["represented_by"] = LAWYER
    assert paths(raw, "mise_en_demeure", "BE-INTERRUPTIVE-NOTICE-MENTION") == {"creditor.registration"}
    assert "BE-INTERRUPTIVE-NOTICE-MENTION" not in ids(raw, "mise_en_demeure", {"interrupt": "no"})


def test_interruptive_notice_to_a_debtor_abroad_is_refused():
    raw = data(**{"debtor.address": ABROAD})
    raw["creditor"]["represented_by"] = LAWYER
    assert ids(raw, "mise_en_demeure")["BE-INTERRUPTIVE-DEBTOR-ABROAD"] == "error"
    assert paths(raw, "mise_en_demeure", "BE-INTERRUPTIVE-DEBTOR-ABROAD") == {"debtor.address.country"}


@pytest.mark.parametrize("abroad, options", [(False, {}), (True, {"interrupt": "no"})])
def test_interruptive_notice_to_a_debtor_in_belgium_or_an_ordinary_notice_passes(abroad, options):
    raw = data(**({"debtor.address": ABROAD} if abroad else {}))
    raw["creditor"]["represented_by"] = LAWYER
    assert "BE-INTERRUPTIVE-DEBTOR-ABROAD" not in ids(raw, "mise_en_demeure", options)


# ---- plan_apurement ---------------------------------------------------------------------------

def test_plan_whose_schedule_differs_from_the_total_is_refused():
    raw = data(payment_plan={"schedule": [{"date": "2026-11-05", "amount": "100.00"}]})
    assert ids(raw, "plan_apurement")["BE-PLAN-TOTAL-MISMATCH"] == "error"
    assert paths(raw, "plan_apurement", "BE-PLAN-TOTAL-MISMATCH") == {"payment_plan.schedule"}


def test_plan_whose_schedule_adds_up_passes():
    raw = data(payment_plan={"instalments": 3, "first_date": "2026-11-05", "every": "month"})
    assert "BE-PLAN-TOTAL-MISMATCH" not in ids(raw, "plan_apurement")
    case = load_case(raw)
    total = str(compute_statement(case, AS_OF, assume_last_rate=True).total_due)
    half = f"{float(total) / 2:.2f}"
    rest = f"{float(total) - float(half):.2f}"
    raw = data(payment_plan={"schedule": [{"date": "2026-11-05", "amount": half},
                                          {"date": "2026-12-05", "amount": rest}]})
    assert "BE-PLAN-TOTAL-MISMATCH" not in ids(raw, "plan_apurement")


def test_consumer_plan_records_the_cap_it_prints_as_a_decision():
    _, decisions = findings(data("B2C", payment_plan={"instalments": 2, "first_date": "2026-11-05",
                                                      "every": "month"}), "plan_apurement")
    cap = next(d for d in decisions if d.name == "consumer_rate_cap")
    assert cap.basis == "CDE XIX.4" and cap.result


# ---- injonction_de_payer: the procedure itself (both parts) ------------------------------------

SUMMONS = {"kind": "injunction",
           "sommation": {"date": "2026-09-25", "channel": "registered_letter", "tracking_number": "RR1BE"}}


def lawyer_case(relationship: str = "B2B", **changes) -> dict:
    raw = data(relationship, **({"procedure": SUMMONS} | changes))
    raw["creditor"]["represented_by"] = LAWYER
    return raw


def test_a_complete_request_has_no_finding_of_its_own():
    own = {k: v for k, v in ids(lawyer_case(), "injonction_de_payer").items() if k.startswith("BE-")}
    assert own == {}


@pytest.mark.parametrize("part", ["requete", "sommation"])
def test_injunction_against_a_debtor_abroad_is_refused(part):
    raw = lawyer_case(**{"debtor.address": ABROAD})
    assert ids(raw, "injonction_de_payer", {"part": part})["BE-INJUNCTION-DEBTOR-ABROAD"] == "error"


@pytest.mark.parametrize("part", ["requete", "sommation"])
def test_injunction_before_the_justice_of_the_peace_above_the_cap_is_refused(part):
    raw = lawyer_case("B2C", invoices=[{"number": "F-1", "issue_date": "2026-01-01", "due_date": "2026-01-31",
                                        "amount": "9000.00"}])
    assert ids(raw, "injonction_de_payer", {"part": part})["BE-INJUNCTION-OVER-CAP"] == "error"
    assert "BE-INJUNCTION-OVER-CAP" not in ids(lawyer_case("B2C"), "injonction_de_payer", {"part": part})


def test_no_cap_between_enterprises():
    raw = lawyer_case(invoices=[{"number": "F-1", "issue_date": "2026-01-01", "due_date": "2026-01-31",
                                 "amount": "9000.00"}])
    found, decisions = findings(raw, "injonction_de_payer")
    assert "BE-INJUNCTION-OVER-CAP" not in {f.rule_id for f in found}
    assert not any(d.name == "injunction_cap" for d in decisions)


def test_the_unconfirmed_cap_is_an_unconfirmed_decision_not_a_footnote():
    raw = lawyer_case("B2C")
    strict = [f for f in findings(raw, "injonction_de_payer", accept_unconfirmed=False)[0]
              if f.rule_id == "UNCONFIRMED-LEGAL-DATA" and "be.injunction_justice_of_peace_cap" in f.message]
    assert [f.severity for f in strict] == ["error"]
    accepted = [f for f in findings(raw, "injonction_de_payer")[0]
                if f.rule_id == "UNCONFIRMED-LEGAL-DATA" and "be.injunction_justice_of_peace_cap" in f.message]
    assert [f.severity for f in accepted] == ["warning"]


def test_injunction_without_a_writing_from_the_debtor():
    raw = lawyer_case(contract=None)
    assert ids(raw, "injonction_de_payer")["BE-INJUNCTION-NO-WRITING"] == "error"
    assert ids(raw, "injonction_de_payer", {"part": "sommation"})["BE-INJUNCTION-NO-WRITING"] == "warning"
    assert paths(raw, "injonction_de_payer", "BE-INJUNCTION-NO-WRITING") == {"contract.reference"}
    assert "BE-INJUNCTION-NO-WRITING" not in ids(lawyer_case(), "injonction_de_payer")


# ---- the request (art. 1340) ------------------------------------------------------------------

@pytest.mark.parametrize("rep", [None, AGENCY])
def test_request_not_signed_by_a_lawyer_is_refused(rep):
    raw = data(procedure=SUMMONS)
    if rep:
        raw["creditor"]["represented_by"] = rep
    assert ids(raw, "injonction_de_payer")["BE-REQUEST-NO-LAWYER"] == "error"
    assert paths(raw, "injonction_de_payer", "BE-REQUEST-NO-LAWYER") == {"creditor.represented_by"}
    assert "BE-REQUEST-NO-LAWYER" not in ids(raw, "injonction_de_payer", {"part": "sommation"})


def test_request_to_the_enterprise_court_without_enterprise_numbers_warns():
    raw = lawyer_case(**{"debtor.registration": None})
    assert ids(raw, "injonction_de_payer")["BE-REQUEST-ENTERPRISE-NUMBER"] == "warning"
    assert paths(raw, "injonction_de_payer", "BE-REQUEST-ENTERPRISE-NUMBER") == {"debtor.registration"}


def test_request_without_any_summons_is_refused():
    raw = lawyer_case(procedure={"kind": "injunction"})
    assert ids(raw, "injonction_de_payer")["BE-SUMMONS-MISSING"] == "error"
    assert paths(raw, "injonction_de_payer", "BE-SUMMONS-MISSING") == {"procedure.sommation"}


def test_request_relying_on_a_formal_notice_asks_for_the_summons_to_be_stated():
    notice = {"type": "formal_notice_sent", "date": "2026-09-25", "channel": "registered_letter"}
    raw = lawyer_case(procedure={"kind": "injunction"}, events=[notice])
    assert ids(raw, "injonction_de_payer")["BE-SUMMONS-UNSTATED"] == "error"
    assert paths(raw, "injonction_de_payer", "BE-SUMMONS-UNSTATED") == {"procedure.sommation"}
    stated = lawyer_case(events=[notice])
    assert "BE-SUMMONS-UNSTATED" not in ids(stated, "injonction_de_payer")


@pytest.mark.parametrize("day, rule", [("2026-10-08", "BE-SUMMONS-PREMATURE"), ("2026-08-20", "BE-SUMMONS-LATE")])
def test_request_outside_the_filing_window_is_refused(day, rule):
    raw = lawyer_case(procedure={"kind": "injunction", "sommation": {"date": day, "channel": "bailiff"}})
    assert ids(raw, "injonction_de_payer")[rule] == "error"
    assert paths(raw, "injonction_de_payer", rule) == {"procedure.sommation.date"}


def test_request_within_the_filing_window_passes_and_the_summons_is_a_stated_decision():
    found, decisions = findings(lawyer_case(), "injonction_de_payer")
    assert not {f.rule_id for f in found} & {"BE-SUMMONS-PREMATURE", "BE-SUMMONS-LATE", "BE-SUMMONS-MISSING"}
    summons = next(d for d in decisions if d.name == "summons")
    # Posted Friday 25 Sept 2026: 15 days -> Saturday 10 Oct, moved to Monday 12 Oct; 15 more -> 27 Oct.
    assert summons.stated and summons.result.expiry == date(2026, 10, 12)
    assert summons.result.file_by == date(2026, 10, 27)


def test_stated_summons_wins_over_the_formal_notice():
    old = {"type": "formal_notice_sent", "date": "2026-03-10", "channel": "registered_letter"}
    found = injunction_be.find_summons(load_case(lawyer_case(events=[old])), AS_OF)
    assert found is not None and found.stated and found.day == date(2026, 9, 25)
    inferred = injunction_be.find_summons(load_case(lawyer_case(procedure={"kind": "injunction"}, events=[old])), AS_OF)
    assert inferred is not None and not inferred.stated and inferred.event_index == 0


def test_a_summons_by_ordinary_mail_is_not_a_case_file_value():
    with pytest.raises(DocgenError):
        load_case(data(procedure={"kind": "injunction", "sommation": {"date": "2026-09-25", "channel": "letter"}}))


# ---- the summons (art. 1339): the statutory text -----------------------------------------------

def test_summons_without_the_verified_statutory_text_is_refused(monkeypatch):
    monkeypatch.setattr(document_checks_be, "statutory_text", lambda language: None)
    found = [f for f in findings(lawyer_case(), "injonction_de_payer", {"part": "sommation"})[0]
             if f.rule_id == "BE-STATUTORY-TEXT-MISSING"]
    assert [(f.severity, f.basis, f.path) for f in found] == [
        ("error", "C. jud. 1339", "data:statutes/be.cj.1338-1344.fr.yaml")]
    assert "Justel" in found[0].message and "--data" in found[0].message


def test_summons_with_the_verified_statutory_text_passes(monkeypatch):
    decided = Decision("statutory_text:be.cj.1338-1344", object(), "C. jud. 1339", source="test")
    monkeypatch.setattr(document_checks_be, "statutory_text", lambda language: decided)
    found, decisions = findings(lawyer_case(), "injonction_de_payer", {"part": "sommation"})
    assert "BE-STATUTORY-TEXT-MISSING" not in {f.rule_id for f in found}
    assert decided in decisions


def test_an_unverified_statutory_text_is_refused_with_its_own_message(monkeypatch):
    pending = Decision("statutory_text:be.cj.1338-1344", None, "C. jud. 1339", status="needs_input",
                       field="data:statutes/be.cj.1338-1344.fr.yaml", message="the file says verified: false")
    monkeypatch.setattr(document_checks_be, "statutory_text", lambda language: pending)
    found = [f for f in findings(lawyer_case(), "injonction_de_payer", {"part": "sommation"})[0]
             if f.rule_id == "BE-STATUTORY-TEXT-MISSING"]
    assert len(found) == 1 and "verified: false" in found[0].message


def test_the_request_needs_no_statutory_text():
    assert "BE-STATUTORY-TEXT-MISSING" not in ids(lawyer_case(), "injonction_de_payer")

