"""Collective proceedings: the case field, the declaration deadline, and the findings that stay
individual actions (C. com. L622-21) and condition the declaration.

Worked by hand: a BODACC publication on Monday 5 Oct 2026 + 2 months = Saturday 5 Dec 2026,
carried to Monday 7 Dec (CPC 642); + 4 months for a creditor abroad = Friday 5 Feb 2027.
"""
from __future__ import annotations

import copy
from datetime import date

import pytest

from docgen.errors import CaseValidationError, DocgenError
from docgen.law.checks import run_checks
from docgen.law.document_checks import document_findings
from docgen.law.insolvency import decide_declaration_deadline, outside_metropolitan_france, statement_day
from docgen.law.statement import compute_statement
from docgen.model.validate import load_case

from lawkit import BE_COMPANY, BE_CREDITOR, FR_COMPANY, FR_CREDITOR

AS_OF = date(2026, 10, 15)
ADMIN = {"role": "liquidateur", "name": "Maître Anne Roux",
         "address": {"street": "3 rue de la Paix", "postcode": "44600", "city": "Saint-Nazaire", "country": "FR"}}
FR_LJ = {"kind": "liquidation_judiciaire", "court": "Tribunal de commerce de Lyon", "judgment_date": "2026-09-30",
         "publication_date": "2026-10-05", "publication": "BODACC", "administrator": ADMIN}
BE_FAILLITE = {"kind": "faillite", "court": "Tribunal de l'entreprise de Gand", "judgment_date": "2026-09-28",
               "administrator": {**ADMIN, "role": "curateur"}}


def case(tmp_path, jurisdiction="FR", insolvency=None, creditor=None, **extra):
    data = {"schema_version": 1, "reference": "T-1", "jurisdiction": jurisdiction, "language": "fr",
            "relationship": "B2B",
            "creditor": copy.deepcopy(creditor or (FR_CREDITOR if jurisdiction == "FR" else BE_CREDITOR)),
            "debtor": copy.deepcopy(FR_COMPANY if jurisdiction == "FR" else BE_COMPANY),
            "contract": {"reference": "Contrat 1"},
            "invoices": [{"number": "A1", "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": "1000.00"},
                         {"number": "A2", "issue_date": "2026-09-15", "due_date": "2026-10-15", "amount": "500.00"}],
            **extra}
    if insolvency is not None:
        data["insolvency"] = insolvency
    return load_case(data, base_dir=tmp_path)


def doc_ids(c, doc, as_of=AS_OF, **kwargs):
    st = compute_statement(c, statement_day(c, as_of) if doc == "declaration_de_creance" else as_of,
                           assume_last_rate=True)
    findings, decisions = document_findings(c, doc, as_of, st, accept_unconfirmed=True, **kwargs)
    return {f.rule_id: f for f in findings}, decisions


# ---- the case file ------------------------------------------------------------------------------

def test_proceedings_need_kind_and_judgment(tmp_path):
    with pytest.raises(CaseValidationError) as err:
        case(tmp_path, insolvency={"court": "Tribunal de commerce de Lyon"})
    errors = [p for p in err.value.problems if p.severity == "error"]
    assert [p.path for p in errors] == ["insolvency"] and "struck_off" in errors[0].message
    assert case(tmp_path, insolvency={"struck_off": True}).insolvency.struck_off is True


def test_unknown_kind_is_refused(tmp_path):
    with pytest.raises(DocgenError):
        case(tmp_path, insolvency={**FR_LJ, "kind": "bankruptcy"})


# ---- the deadline (C. com. R622-24) -------------------------------------------------------------

def test_two_months_from_bodacc_carried_to_a_working_day(tmp_path):
    d = decide_declaration_deadline(case(tmp_path, insolvency=FR_LJ))
    assert d.status == "decided" and d.result.last_day == date(2026, 12, 7) and d.result.months == 2
    assert not d.result.abroad


@pytest.mark.parametrize("address", [
    {"street": "Rue Neuve 1", "postcode": "1000", "city": "Bruxelles", "country": "BE"},
    {"street": "1 rue de Paris", "postcode": "97400", "city": "Saint-Denis", "country": "FR"},
])
def test_four_months_outside_metropolitan_france(tmp_path, address):
    creditor = copy.deepcopy(FR_CREDITOR) | {"address": address}
    c = case(tmp_path, insolvency=FR_LJ, creditor=creditor)
    assert outside_metropolitan_france(c)
    d = decide_declaration_deadline(c)
    assert d.result.last_day == date(2027, 2, 5) and d.result.months == 4 and d.result.abroad


def test_a_stated_deadline_wins(tmp_path):
    d = decide_declaration_deadline(case(tmp_path, insolvency={**FR_LJ, "claims_deadline": "2026-12-20"}))
    assert d.stated and d.result.last_day == date(2026, 12, 20)


def test_fr_deadline_needs_the_publication(tmp_path):
    ins = {k: v for k, v in FR_LJ.items() if k != "publication_date"}
    d = decide_declaration_deadline(case(tmp_path, insolvency=ins))
    assert d.status == "needs_input" and d.field == "insolvency.publication_date"


def test_be_deadline_is_the_judgments(tmp_path):
    d = decide_declaration_deadline(case(tmp_path, "BE", insolvency=BE_FAILLITE))
    assert d.status == "needs_input" and d.field == "insolvency.claims_deadline"
    d = decide_declaration_deadline(case(tmp_path, "BE", insolvency={**BE_FAILLITE, "claims_deadline": "2026-10-28"}))
    assert d.decided and d.result.last_day == date(2026, 10, 28)


# ---- docgen check -------------------------------------------------------------------------------

def test_check_proposes_the_declaration(tmp_path):
    found = {f.rule_id: f for f in run_checks(case(tmp_path, insolvency=FR_LJ), AS_OF)}
    f = found["INSOLVENCY-OPEN"]
    assert f.severity == "warning" and "L622-21" in f.basis and "2026-12-07" in f.message and f.path == "insolvency"
    assert "INSOLVENCY-STAY" not in found


def test_check_refuses_a_planned_individual_procedure(tmp_path):
    c = case(tmp_path, insolvency=FR_LJ, procedure={"kind": "injunction"})
    found = {f.rule_id: f for f in run_checks(c, AS_OF)}
    assert found["INSOLVENCY-STAY"].severity == "error" and found["INSOLVENCY-STAY"].path == "procedure.kind"


def test_check_refuses_a_foreign_kind(tmp_path):
    found = {f.rule_id: f for f in run_checks(case(tmp_path, "BE", insolvency={**FR_LJ}), AS_OF)}
    assert found["INSOLVENCY-KIND"].severity == "error" and found["INSOLVENCY-KIND"].path == "insolvency.kind"


def test_no_insolvency_no_finding(tmp_path):
    ids = {f.rule_id for f in run_checks(case(tmp_path), AS_OF)}
    assert not ids & {"INSOLVENCY-OPEN", "INSOLVENCY-STAY", "INSOLVENCY-KIND", "DEBTOR-STRUCK-OFF"}


# ---- documents ----------------------------------------------------------------------------------

@pytest.mark.parametrize("doc", ["relance", "mise_en_demeure", "injonction_de_payer", "plan_apurement"])
@pytest.mark.parametrize("jurisdiction, ins", [("FR", FR_LJ), ("BE", BE_FAILLITE)])
def test_individual_actions_are_stayed(tmp_path, doc, jurisdiction, ins):
    found, _ = doc_ids(case(tmp_path, jurisdiction, insolvency=ins), doc)
    f = found["INSOLVENCY-STAY"]
    assert f.severity == "error" and f.path == "insolvency" and "declaration_de_creance" in f.message
    assert ("L622-21" in f.basis) == (jurisdiction == "FR")


def test_the_stay_leaves_the_statement_alone(tmp_path):
    found, _ = doc_ids(case(tmp_path, insolvency=FR_LJ), "decompte")
    assert "INSOLVENCY-STAY" not in found


def test_struck_off_debtor(tmp_path):
    c = case(tmp_path, insolvency={"struck_off": True})
    found, _ = doc_ids(c, "injonction_de_payer")
    assert found["DEBTOR-STRUCK-OFF"].severity == "error"
    found, _ = doc_ids(c, "relance")
    assert "DEBTOR-STRUCK-OFF" not in found or found["DEBTOR-STRUCK-OFF"].severity == "warning"


def test_declaration_is_clean_when_complete(tmp_path):
    found, decisions = doc_ids(case(tmp_path, insolvency=FR_LJ), "declaration_de_creance")
    assert not [f for f in found.values() if f.severity == "error"], found
    deadline = next(d for d in decisions if d.name == "claim_declaration_deadline")
    assert deadline.result.last_day == date(2026, 12, 7)


def test_declaration_needs_proceedings(tmp_path):
    found, _ = doc_ids(case(tmp_path), "declaration_de_creance")
    assert found["DECLARATION-WITHOUT-PROCEEDINGS"].severity == "error"


def test_declaration_needs_the_administrator_and_court(tmp_path):
    ins = {k: v for k, v in FR_LJ.items() if k not in ("administrator", "court")}
    found, _ = doc_ids(case(tmp_path, insolvency=ins), "declaration_de_creance")
    assert found["DECLARATION-NO-ADMINISTRATOR"].path == "insolvency.administrator"
    assert found["DECLARATION-NO-COURT"].path == "insolvency.court"


def test_late_declaration_is_a_warning(tmp_path):
    found, _ = doc_ids(case(tmp_path, insolvency=FR_LJ), "declaration_de_creance", as_of=date(2026, 12, 8))
    assert found["DECLARATION-LATE"].severity == "warning" and "L622-26" in found["DECLARATION-LATE"].message


def test_be_declaration_needs_the_judgments_deadline(tmp_path):
    found, _ = doc_ids(case(tmp_path, "BE", insolvency=BE_FAILLITE), "declaration_de_creance")
    assert found["CLAIM-DECLARATION-DEADLINE-UNDECIDED"].path == "insolvency.claims_deadline"


def test_claim_is_stated_on_the_judgment_day(tmp_path):
    """Interest stops on the judgment day; A2 (due 15 Oct) was not late then: no €40 for it."""
    c = case(tmp_path, insolvency=FR_LJ)
    assert statement_day(c, AS_OF) == date(2026, 9, 30)
    st = compute_statement(c, date(2026, 9, 30), assume_last_rate=True)
    assert st.interest[-1].last == date(2026, 9, 30)
    assert [i.invoice for i in st.indemnities] == ["A1"]
