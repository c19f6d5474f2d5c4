"""The HTTP JSON API (/api/v1) through an HTTP client, and its OpenAPI document: the one served
equals the one committed under docs/, and it validates."""
from __future__ import annotations

import io
import json
import subprocess
import zipfile
from decimal import Decimal

import pytest

import docgen
import docgen.api
from webkit import AS_OF, ROOT

DAY = AS_OF.isoformat()


def test_cases_and_agenda_name_identifiers_never_paths(api, portfolio):
    assert api.get("/api/v1/cases").json() == ["be-b2b", "be-b2c", "fr-b2b", "fr-b2c"]
    body = api.get("/api/v1/agenda", params={"as_of": DAY}).json()
    assert body["as_of"] == DAY
    assert [item["id"] for item in body["items"]] == ["fr-b2c", "be-b2b", "be-b2c", "fr-b2b"]
    assert str(portfolio) not in json.dumps(body) and "case.yaml" not in json.dumps(body)
    first = body["items"][0]
    assert first["reference"] == "MPC-2025-0093" and first["overdue"] is True


def test_validate_statement_and_check(api, portfolio):
    assert api.get("/api/v1/cases/fr-b2b/validate", params={"as_of": DAY}).json()["valid"] is True
    statement = api.get("/api/v1/cases/fr-b2b/statement", params={"as_of": DAY}).json()
    expected = docgen.Matter.load(portfolio / "fr-b2b", AS_OF).statement
    assert Decimal(statement["total_due"]) == expected.total_due
    assert statement == json.loads(json.dumps(expected.to_dict()))
    case = api.get("/api/v1/cases/fr-b2b/check", params={"as_of": DAY}).json()
    assert case["blocking"] == [] and case["findings"][0]["rule_id"] == "UNCONFIRMED-RATE"
    doc = api.get("/api/v1/cases/fr-b2b/check", params={"as_of": DAY, "doc": "mise_en_demeure"}).json()
    assert doc["blocking"] == ["UNCONFIRMED-LEGAL-DATA"] and doc["document"] == "mise_en_demeure"
    accepted = api.get("/api/v1/cases/fr-b2b/check",
                       params={"as_of": DAY, "doc": "mise_en_demeure", "accept_unconfirmed": "true"}).json()
    assert accepted["blocking"] == [] and accepted["accept_unconfirmed"] is True


def test_render_is_refused_with_findings_then_rendered_when_accepted(api):
    refused = api.get("/api/v1/cases/fr-b2b/documents/mise_en_demeure", params={"as_of": DAY})
    assert refused.status_code == 422
    body = refused.json()
    assert body["exit_code"] == 1 and any(f["rule_id"] == "UNCONFIRMED-LEGAL-DATA" for f in body["findings"])
    pdf = api.get("/api/v1/cases/fr-b2b/documents/mise_en_demeure",
                  params={"as_of": DAY, "accept_unconfirmed": "true"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert pdf.headers["x-docgen-draft"] == "0"
    draft = api.get("/api/v1/cases/fr-b2b/documents/decompte", params={"as_of": DAY, "format": "docx",
                                                                      "force": "true"})
    assert draft.status_code == 200 and draft.content.startswith(b"PK")


def test_record_an_event_returns_the_new_statement(api, portfolio):
    case = portfolio / "fr-b2b" / "case.yaml"
    before = case.read_text(encoding="utf-8")
    response = api.post("/api/v1/cases/fr-b2b/events", json={"type": "call", "date": "2026-10-02",
                                                             "channel": "phone", "note": "promised", "as_of": DAY})
    assert response.status_code == 200, response.text
    assert response.json()["statement"]["as_of"] == DAY
    after = case.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n").split("exhibits:")[0][:200])
    assert "type: call, date: 2026-10-02" in after and "# Formal notice sent by the lawyer" in after
    bad = api.post("/api/v1/cases/fr-b2b/events", json={"type": "teleport", "date": "2026-10-02"})
    assert bad.status_code == 422                        # refused by the schema, nothing written
    assert case.read_text(encoding="utf-8") == after


def test_record_a_payment(api, portfolio):
    response = api.post("/api/v1/cases/fr-b2b/payments", json={"amount": "100.00", "date": DAY,
                                                               "as_of": DAY})
    if not hasattr(docgen.api, "record_payment"):
        assert response.status_code == 501 and "record_payment" in response.json()["error"]
        pytest.xfail("docgen.record_payment is not in the library yet (issue 15, item 5)")
    assert response.status_code == 200
    before = docgen.Matter.load(ROOT / "examples" / "fr-b2b", AS_OF).statement.total_due
    assert Decimal(response.json()["total_due"]) == before - Decimal("100.00")


def test_build_a_dossier_and_download_its_zip(api, portfolio):
    refused = api.post("/api/v1/cases/fr-b2b/dossier", json={"doc": "injonction_de_payer", "as_of": DAY})
    assert refused.status_code == 422 and refused.json()["exit_code"] == 1
    built = api.post("/api/v1/cases/fr-b2b/dossier", json={"doc": "injonction_de_payer", "as_of": DAY,
                                                           "accept_unconfirmed": True})
    assert built.status_code == 200, built.text
    body = built.json()
    assert body["draft"] is False and "manifest.json" in body["files"]
    archive = api.get(body["zip"])
    assert archive.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    assert "dossier.pdf" in names and "manifest.json" in names
    assert (portfolio / "fr-b2b" / "dossiers" / f"injonction_de_payer-{DAY}" / "dossier.pdf").is_file()


def test_errors_are_json_with_the_cli_exit_code(api, portfolio):
    missing = api.get("/api/v1/cases/nope/statement")
    assert missing.status_code == 404 and missing.json()["error"] == "no such case"
    assert api.get("/api/v1/nothing").json()["error"] == "no such page"
    broken = portfolio / "broken"
    broken.mkdir()
    (broken / "case.yaml").write_text("schema_version: 1\nreference: X\njurisdiction: XX\n", encoding="utf-8")
    invalid = api.get("/api/v1/cases/broken/statement")
    assert invalid.status_code == 400 and invalid.json()["exit_code"] == 2
    assert any(p["path"] == "jurisdiction" for p in invalid.json()["problems"])
    malformed = api.get("/api/v1/cases/fr-b2b/statement", params={"as_of": "2026-13-01"})
    assert malformed.status_code == 422 and malformed.json()["detail"][0]["loc"] == ["query", "as_of"]


def test_the_served_openapi_document_is_the_committed_one_and_validates(api):
    served = api.get("/api/v1/openapi.json").json()
    committed = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
    assert served == committed, "regenerate it: python -m docgen.web.openapi > docs/openapi.json"
    from openapi_spec_validator import validate

    validate(served)
    assert served["openapi"].startswith("3.1")
    # The CLI's operations: validate, statement, check, render, dossier, record, agenda.
    assert {"/api/v1/agenda", "/api/v1/cases/{case_id}/validate", "/api/v1/cases/{case_id}/statement",
            "/api/v1/cases/{case_id}/check", "/api/v1/cases/{case_id}/documents/{doc}",
            "/api/v1/cases/{case_id}/dossier", "/api/v1/cases/{case_id}/events",
            "/api/v1/cases/{case_id}/payments"} <= set(served["paths"])
    assert "bearer" in json.dumps(served["components"]["securitySchemes"]).lower()


def test_openapi_module_prints_the_document():
    import sys

    run = subprocess.run([sys.executable, "-m", "docgen.web.openapi"], capture_output=True, text=True, cwd=ROOT,
                         timeout=120)
    assert run.returncode == 0 and json.loads(run.stdout)["info"]["title"] == "docgen"
