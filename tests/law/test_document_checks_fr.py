"""The French document rules (docgen/law/document_checks_fr.py): for every rule, a case that
triggers it and a close one that does not, through document_findings as render and check call it."""
from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest

from docgen.law.document_checks import document_findings
from docgen.law.capacity import CIVIL_STATUS_FIELDS, missing_civil_status
from docgen.law.capacity import fr_is_merchant as is_merchant
from docgen.law.parameters import parameter
from docgen.law.statement import compute_statement
from docgen.model.validate import load_case

from lawkit import FR_COMPANY, FR_CREDITOR, FR_PERSON  # noqa: E402

AS_OF = date(2025, 6, 2)                 # before the Cour de cassation's opinion on CPC 750-1
AFTER_AVIS = date(2025, 10, 1)
CIVIL_STATUS = {"birth_date": "1980-03-03", "birth_place": "Toulouse (Haute-Garonne)", "nationality": "française",
                "profession": "plombier"}
SOLE_TRADER = {"kind": "sole_trader", "name": "Mercier Plomberie", "first_name": "Julien", "last_name": "Mercier",
               "legal_form": "EI", "registration": {"scheme": "SIRET", "number": "87904413900019"},
               "address": {"street": "9 chemin de la Flambère", "postcode": "31300", "city": "Toulouse",
                           "country": "FR"}, "email": "contact@mercier.example"}


def build(tmp_path, *, relationship="B2C", creditor=None, debtor=None, amount="1000.00", **extra):
    data = {"schema_version": 1, "reference": "T-1", "jurisdiction": "FR", "language": "fr",
            "relationship": relationship, "creditor": copy.deepcopy(creditor or FR_CREDITOR),
            "debtor": copy.deepcopy(debtor or (FR_PERSON if relationship == "B2C" else FR_COMPANY)),
            "contract": {"reference": "Devis 1"},
            "invoices": [{"number": "F-1", "issue_date": "2025-01-02", "due_date": "2025-02-01", "amount": amount}],
            **extra}
    return load_case(data, base_dir=tmp_path)


def findings(case, doc, as_of=AS_OF, **options):
    statement = compute_statement(case, as_of, assume_last_rate=True)
    found, _ = document_findings(case, doc, as_of, statement, {"assume_last_rate": True, **options},
                                 accept_unconfirmed=True)
    return found


def ids(found, rule):
    return [f for f in found if f.rule_id == rule]


# --- FR-APPLICANT-IDENTITY (CPC 54 3° a) ----------------------------------------------------------

@pytest.mark.parametrize("creditor", [SOLE_TRADER, {**FR_PERSON, "civility": "M."}], ids=["sole-trader", "person"])
def test_a_natural_person_applicant_without_civil_status_is_refused(tmp_path, creditor):
    found = ids(findings(build(tmp_path, creditor=creditor), "injonction_de_payer"), "FR-APPLICANT-IDENTITY")
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error" and f.basis == "CPC 54 3° a" and f.path == "creditor.birth_date"
    for name in CIVIL_STATUS_FIELDS:
        assert f"creditor.{name}" in f.message


def test_a_natural_person_applicant_with_civil_status_passes_and_only_the_missing_fields_are_named(tmp_path):
    stated = build(tmp_path, creditor={**SOLE_TRADER, **CIVIL_STATUS})
    assert not ids(findings(stated, "injonction_de_payer"), "FR-APPLICANT-IDENTITY")
    partial = build(tmp_path, creditor={**SOLE_TRADER, **{k: v for k, v in CIVIL_STATUS.items() if k != "profession"}})
    (f,) = ids(findings(partial, "injonction_de_payer"), "FR-APPLICANT-IDENTITY")
    assert f.path == "creditor.profession" and "creditor.birth_date" not in f.message


def test_a_company_applicant_and_other_documents_need_no_civil_status(tmp_path):
    assert not ids(findings(build(tmp_path), "injonction_de_payer"), "FR-APPLICANT-IDENTITY")
    assert not ids(findings(build(tmp_path, creditor=SOLE_TRADER), "mise_en_demeure"), "FR-APPLICANT-IDENTITY")
    assert missing_civil_status(build(tmp_path).creditor) == []


# --- FR-PRIOR-AMICABLE-ATTEMPT (CPC 750-1) --------------------------------------------------------

def test_a_small_claim_before_the_tribunal_judiciaire_warns_about_750_1(tmp_path):
    threshold = parameter("fr.prior_amicable_attempt_threshold").at(AS_OF).value
    (f,) = ids(findings(build(tmp_path), "injonction_de_payer"), "FR-PRIOR-AMICABLE-ATTEMPT")
    assert f.severity == "warning" and f.basis == "CPC 750-1" and f.path == "procedure.prior_attempt"
    assert str(threshold) in f.message


def test_750_1_is_silent_above_the_threshold_before_a_commercial_court_or_after_the_opinion(tmp_path):
    threshold = parameter("fr.prior_amicable_attempt_threshold").at(AS_OF).value
    above = build(tmp_path, amount=str(threshold + Decimal("1000.00")))
    assert not ids(findings(above, "injonction_de_payer"), "FR-PRIOR-AMICABLE-ATTEMPT")
    merchant_debtor = {**FR_COMPANY, "legal_form": "SAS"}
    b2b = build(tmp_path, relationship="B2B", debtor=merchant_debtor)
    assert is_merchant(b2b.debtor)
    assert not ids(findings(b2b, "injonction_de_payer"), "FR-PRIOR-AMICABLE-ATTEMPT")
    # Cass. 2e civ., avis, 25 sept. 2025, n° 25-70.013: no prior attempt for an injonction de payer
    assert not ids(findings(build(tmp_path), "injonction_de_payer", AFTER_AVIS), "FR-PRIOR-AMICABLE-ATTEMPT")
    # the rule is about the requête only
    assert not ids(findings(build(tmp_path), "mise_en_demeure"), "FR-PRIOR-AMICABLE-ATTEMPT")


def test_750_1_is_settled_by_stating_the_attempt_or_a_grounded_exemption(tmp_path):
    attempt = {"kind": "injunction", "prior_attempt": {"kind": "conciliation", "date": "2025-05-02"}}
    assert not ids(findings(build(tmp_path, procedure=attempt), "injonction_de_payer"), "FR-PRIOR-AMICABLE-ATTEMPT")
    grounded = {"kind": "injunction", "prior_attempt": {"kind": "exempt", "ground": "indisponibilité du conciliateur"}}
    assert not ids(findings(build(tmp_path, procedure=grounded), "injonction_de_payer"), "FR-PRIOR-AMICABLE-ATTEMPT")
    bare = {"kind": "injunction", "prior_attempt": {"kind": "exempt"}}
    (f,) = ids(findings(build(tmp_path, procedure=bare), "injonction_de_payer"), "FR-PRIOR-AMICABLE-ATTEMPT")
    assert f.severity == "warning" and f.path == "procedure.prior_attempt.ground"


# --- FR-PLAN-STARTS-BEFORE-DEED -------------------------------------------------------------------

def test_a_plan_whose_first_instalment_is_past_is_refused(tmp_path):
    plan = {"instalments": 3, "first_date": "2025-05-15", "every": "month"}
    (f,) = ids(findings(build(tmp_path, payment_plan=plan), "plan_apurement"), "FR-PLAN-STARTS-BEFORE-DEED")
    assert f.severity == "error" and f.path == "payment_plan.first_date" and "2025-05-15" in f.message
    schedule = {"schedule": [{"date": "2025-05-01", "amount": "500.00"}, {"date": "2025-07-01", "amount": "500.00"}]}
    (f,) = ids(findings(build(tmp_path, payment_plan=schedule), "plan_apurement"), "FR-PLAN-STARTS-BEFORE-DEED")
    assert f.path == "payment_plan.schedule" and "2025-05-01" in f.message


def test_a_plan_starting_on_or_after_the_deed_passes_and_the_first_date_option_moves_it(tmp_path):
    past = build(tmp_path, payment_plan={"instalments": 3, "first_date": "2025-05-15", "every": "month"})
    assert not ids(findings(past, "plan_apurement", first_date="2025-06-15"), "FR-PLAN-STARTS-BEFORE-DEED")
    today = build(tmp_path, payment_plan={"instalments": 3, "first_date": AS_OF.isoformat(), "every": "month"})
    assert not ids(findings(today, "plan_apurement"), "FR-PLAN-STARTS-BEFORE-DEED")
    (f,) = ids(findings(past, "plan_apurement", first_date="15/06/2025"), "FR-PLAN-STARTS-BEFORE-DEED")
    assert f.severity == "error" and "not a date" in f.message
    # other documents do not look at the plan
    assert not ids(findings(past, "mise_en_demeure"), "FR-PLAN-STARTS-BEFORE-DEED")
