"""The published JSON Schema is the model's own, and agrees with it on valid and invalid cases."""
from __future__ import annotations

import copy
import json
from datetime import date

import pytest
from jsonschema import Draft202012Validator

import docgen
from casekit import DELETE, put
from docgen.model.schema import render
from docgen.resources import case_schema_path

AS_OF = date(2025, 1, 15)


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(render())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_published_schema_is_in_sync_with_the_model():
    published = case_schema_path().read_text(encoding="utf-8")
    assert published == render(), "regenerate it: python -m docgen.model.schema --write"


def test_schema_header():
    schema = json.loads(render())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) >= {"schema_version", "reference", "jurisdiction", "language",
                                       "relationship", "creditor", "debtor", "invoices"}


def test_a_valid_case_dumped_as_json_is_accepted(validator, case_data):
    as_json = json.loads(json.dumps(case_data))
    assert list(validator.iter_errors(as_json)) == []


def test_the_models_own_json_dump_is_accepted_and_reloads(validator, case_data, case_dir):
    case = docgen.load_case(case_data, as_of=AS_OF, base_dir=case_dir)
    for dumped in (case.model_dump(mode="json"), case.model_dump(mode="json", exclude_none=True)):
        dumped = json.loads(json.dumps(dumped))  # dates and amounts as strings
        assert isinstance(dumped["invoices"][0]["issue_date"], str)
        assert list(validator.iter_errors(dumped)) == []
        assert docgen.load_case(dumped, as_of=AS_OF, base_dir=case_dir) == case


@pytest.mark.parametrize(("path", "value"), [
    ("refrence", "typo"),
    ("debtor.telephone", "04"),
    ("invoices[0].due_date", DELETE),
    ("creditor", DELETE),
    ("jurisdiction", "DE"),
    ("language", "de"),
    ("events[0].type", "letter_sent"),
    ("invoices[0].amount", 1800.5),
    ("invoices[0].amount", "1800.001"),
    ("invoices[0].amount", "-1.00"),
    ("invoices[0].amount", "0.00"),
    ("invoices[0].issue_date", "01/02/2024"),
    ("invoices", []),
    ("schema_version", 2),
    ("schema_version", True),
    ("creditor.address.country", "fr"),
    ("contract.payment_terms_days", "30"),
    ("contract.penalty_clause.percent", "10%"),
    ("reference", "x" * 201),
])
def test_invalid_cases_are_rejected_by_schema_and_model(validator, case_data, case_dir, path, value):
    put(case_data, path, value)
    assert list(validator.iter_errors(json.loads(json.dumps(case_data)))), f"schema accepts {path}={value!r}"
    assert not docgen.validate(case_data, as_of=AS_OF, base_dir=case_dir).valid


def test_schema_does_not_mutate_the_model_output():
    first = render()
    schema = json.loads(first)
    copy.deepcopy(schema)["properties"].clear()
    assert render() == first
