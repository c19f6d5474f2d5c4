"""Golden eligibility decisions of the bailiff routes without a judge: for each route a case that is
eligible, and for each reason a case that differs from it by that one condition only."""
from __future__ import annotations

import copy
from datetime import date

import pytest

from docgen.law.checks import run_checks
from docgen.law.routes import decide_route
from docgen.law.statement import compute_statement
from docgen.model.validate import load_case

from lawkit import BE_COMPANY, BE_CREDITOR, FR_COMPANY, FR_CREDITOR, FR_PERSON, PERSON

AS_OF = date(2026, 10, 15)
BAILIFF = {"kind": "bailiff", "name": "Maître Paul Huet", "firm": "Huet Commissaires de justice",
           "address": {"street": "1 place Bellecour", "postcode": "69002", "city": "Lyon", "country": "FR"}}
LAWYER = {"kind": "lawyer", "name": "Maître Els Claes", "bar": "Barreau de Gand"}
FR_MERCHANT = FR_COMPANY | {"legal_form": "SAS", "registration": {"scheme": "SIREN", "number": "552100554"}}
BE_DEBTOR = BE_COMPANY | {"registration": {"scheme": "BCE", "number": "0202239951"}}
# Due 14 Oct 2026: one day late on the as-of day, so the accessories stay tiny.
INVOICE = {"number": "A1", "issue_date": "2026-09-14", "due_date": "2026-10-14", "amount": "3000.00"}


def case(tmp_path, jurisdiction="FR", relationship="B2B", *, creditor=None, debtor=None, amount="3000.00",
         due="2026-10-14", issued=None, rep=None, **extra):
    creditor = copy.deepcopy(creditor or (FR_CREDITOR if jurisdiction == "FR" else BE_CREDITOR))
    if rep:
        creditor["represented_by"] = rep
    data = {"schema_version": 1, "reference": "R-1", "jurisdiction": jurisdiction, "language": "fr",
            "relationship": relationship, "creditor": creditor,
            "debtor": copy.deepcopy(debtor or (FR_MERCHANT if jurisdiction == "FR" else BE_DEBTOR)),
            "contract": {"reference": "Contrat 1"},
            "invoices": [INVOICE | {"amount": amount, "due_date": due, "issue_date": issued or min(due, "2026-09-14")}],
            **extra}
    return load_case(data, base_dir=tmp_path)


def decide(route, c, as_of=AS_OF):
    return decide_route(route, c, compute_statement(c, as_of, assume_last_rate=True), as_of)


# ---- petites créances -------------------------------------------------------------------------

def fr_civil(tmp_path, **kw):
    """A claim outside the L126 field (the creditor is a civil company), so the 2026 exclusion is moot."""
    creditor = copy.deepcopy(FR_CREDITOR) | {"legal_form": "SCI"}
    return case(tmp_path, creditor=creditor, **kw)


def test_small_claims_eligible(tmp_path):
    d = decide("petites_creances", fr_civil(tmp_path, rep=BAILIFF))
    assert d.status == "decided" and d.result.eligible and d.result.reasons == ()
    assert d.basis.startswith("CPCE L125-1")


def test_small_claims_needs_the_commissaire(tmp_path):
    d = decide("petites_creances", fr_civil(tmp_path))
    assert d.result.eligible and d.status == "needs_input" and d.field == "creditor.represented_by"


def test_small_claims_over_cap(tmp_path):
    d = decide("petites_creances", fr_civil(tmp_path, rep=BAILIFF, amount="5000.00", due="2026-06-14"))
    assert not d.result.eligible and d.result.codes == ("over_cap",)
    assert d.result.facts["cap"] == 5000


def test_small_claims_at_cap(tmp_path):
    # 4,995.00 + one day of L441-10 penalties (1.70) stays within 5,000.00.
    d = decide("petites_creances", fr_civil(tmp_path, rep=BAILIFF, amount="4995.00"))
    assert d.result.eligible and d.result.facts["principal_and_interest"] <= 5000


def test_small_claims_between_merchants_is_unconfirmed(tmp_path):
    d = decide("petites_creances", case(tmp_path, rep=BAILIFF))
    assert d.result.eligible and d.status == "unconfirmed" and "L126" in d.message


@pytest.mark.parametrize("change, code", [
    ({"events": [{"type": "dispute_raised", "date": "2026-10-01"}]}, "disputed"),
    ({"due": "2026-10-20"}, "not_due"),
    ({"insolvency": {"kind": "redressement_judiciaire", "judgment_date": "2026-10-01"}}, "insolvency"),
])
def test_small_claims_common_reasons(tmp_path, change, code):
    d = decide("petites_creances", fr_civil(tmp_path, rep=BAILIFF, **change))
    assert d.result.codes == (code,)


# ---- L126 --------------------------------------------------------------------------------------

def test_l126_between_merchants_is_offered_unconfirmed(tmp_path):
    d = decide("l126", case(tmp_path))
    assert d.result.eligible and d.status == "unconfirmed" and "tariff decree" in d.message


@pytest.mark.parametrize("kw, codes", [
    ({"creditor": FR_CREDITOR | {"legal_form": "SCI"}}, ("creditor_not_merchant",)),
    ({"debtor": FR_COMPANY | {"legal_form": "SCI"}}, ("debtor_not_merchant",)),
    ({"relationship": "B2C", "debtor": FR_PERSON}, ("not_b2b", "debtor_not_merchant")),
    ({"events": [{"type": "dispute_raised", "date": "2026-10-01"}]}, ("disputed",)),
])
def test_l126_reasons(tmp_path, kw, codes):
    assert decide("l126", case(tmp_path, **kw)).result.codes == codes


def test_l126_not_before_the_law(tmp_path):
    c = case(tmp_path, due="2026-03-01")
    assert decide("l126", c, date(2026, 4, 1)).result.codes == ("not_in_force",)


# ---- BE 1394/20 --------------------------------------------------------------------------------

def be(tmp_path, **kw):
    kw.setdefault("rep", LAWYER)
    return case(tmp_path, "BE", **kw)


def test_undisputed_b2b_eligible(tmp_path):
    d = decide("undisputed_b2b", be(tmp_path))
    assert d.status == "decided" and d.result.eligible, d.result.reasons


@pytest.mark.parametrize("kw, codes", [
    ({"debtor": BE_COMPANY | {"registration": {"scheme": "SIREN", "number": "552100554"}}}, ("debtor_not_registered",)),
    ({"creditor": BE_CREDITOR | {"registration": None}}, ("creditor_not_registered",)),
    ({"relationship": "B2C", "debtor": PERSON}, ("not_professional", "debtor_not_registered")),
    ({"insolvency": {"kind": "reorganisation_judiciaire", "judgment_date": "2026-10-01"}}, ("insolvency",)),
    ({"rep": {"kind": "agency", "name": "Incasso BV"}}, ("no_lawyer",)),
    ({"due": "2025-10-14"}, ("accessories_over_cap",)),
    ({"events": [{"type": "dispute_raised", "date": "2026-10-01"}]}, ("disputed",)),
])
def test_undisputed_b2b_reasons(tmp_path, kw, codes):
    kw = {k: ({x: y for x, y in v.items() if y is not None} if isinstance(v, dict) else v) for k, v in kw.items()}
    assert decide("undisputed_b2b", be(tmp_path, **kw)).result.codes == codes


def test_routes_of_the_other_jurisdiction(tmp_path):
    assert decide("undisputed_b2b", case(tmp_path)).result.codes == ("jurisdiction",)
    assert decide("l126", be(tmp_path)).result.codes == ("jurisdiction",)


def test_check_reports_a_planned_route_that_is_not_open(tmp_path):
    c = be(tmp_path, rep={"kind": "agency", "name": "Incasso BV"},
           debtor=BE_COMPANY | {"registration": {"scheme": "SIREN", "number": "552100554"}},
           procedure={"kind": "undisputed_b2b"})
    found = {f.path: f for f in run_checks(c, AS_OF) if f.rule_id == "ROUTE-NOT-ELIGIBLE"}
    assert set(found) == {"debtor.registration", "creditor.represented_by"}
    assert all(f.severity == "error" and "1394/20" in f.basis for f in found.values())
    ok = be(tmp_path, procedure={"kind": "undisputed_b2b"})
    assert not [f for f in run_checks(ok, AS_OF) if f.rule_id == "ROUTE-NOT-ELIGIBLE"]


def test_check_warns_on_an_unconfirmed_planned_route(tmp_path):
    c = case(tmp_path, procedure={"kind": "undisputed_b2b"})
    assert [f.severity for f in run_checks(c, AS_OF) if f.rule_id == "ROUTE-UNCONFIRMED"] == ["warning"]
