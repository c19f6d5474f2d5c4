"""Every validation rule, one row each: a mutation of the valid case that breaks it (with the
expected path, message fragment and severity) and a close mutation that does not."""
from __future__ import annotations

import os
import pathlib
from dataclasses import dataclass
from datetime import date, datetime

import pytest

from casekit import (DELETE, Mutation, belgian, chain, consumer_debtor, copy_file, mkdir, sets,
                     symlink, write_file)
from docgen.model import files
from docgen.model.validate import validate

NOOP = sets({})


@dataclass(frozen=True)
class Rule:
    id: str
    fail: Mutation
    path: str
    text: str
    ok: Mutation
    severity: str = "error"


def R(id, fail, path, text, ok, severity="error"):  # noqa: ANN001, ANN201, N802
    return Rule(id, fail if callable(fail) else sets(fail), path, text, ok if callable(ok) else sets(ok), severity)


W = "warning"

STRUCTURE = [
    R("unknown_key", {"refrence": "x"}, "refrence", "unknown field", {"reference": "x"}),
    R("unknown_key_nested", {"invoices[0].amout": "1.00"}, "invoices[0].amout", "unknown field",
      {"invoices[0].description": "Pose"}),
    R("missing_required", {"invoices[0].due_date": DELETE}, "invoices[0].due_date", "required field is missing",
      {"invoices[0].description": DELETE}),
    R("missing_party", {"debtor": DELETE}, "debtor", "required field is missing", {"debtor.legal_form": DELETE}),
    R("missing_version", {"schema_version": DELETE}, "schema_version", "required field is missing", NOOP),
    R("enum_jurisdiction", {"jurisdiction": "DE"}, "jurisdiction", "must be one of: FR or BE", belgian()),
    R("enum_relationship", {"relationship": "B2G"}, "relationship", "must be one of",
      {"relationship": "B2C", "debtor": consumer_debtor, "contract.penalty_clause": DELETE}),
    R("enum_language", {"language": "de"}, "language", "must be one of", belgian("nl")),
    R("enum_currency", {"currency": "USD"}, "currency", "must be one of: EUR", {"currency": DELETE}),
    R("enum_day_count", {"interest_day_count": "30/360"}, "interest_day_count", "must be one of",
      {"interest_day_count": "actual/actual"}),
    R("enum_imputation", {"imputation": "oldest_first"}, "imputation", "must be one of",
      {"imputation": "principal_first"}),
    R("enum_party_kind", {"debtor.kind": "association"}, "debtor.kind", "must be one of",
      {"debtor.kind": "sole_trader"}),
    R("enum_event_type", {"events[0].type": "letter_sent"}, "events[0].type", "must be one of",
      {"events[0].type": "call"}),
    R("enum_channel", {"events[0].channel": "fax"}, "events[0].channel", "must be one of",
      {"events[0].channel": "letter"}),
    R("enum_payment_method", {"payments[0].method": "bitcoin"}, "payments[0].method", "must be one of",
      {"payments[0].method": "cheque"}),
    R("enum_civility", {"debtor": consumer_debtor, "debtor.civility": "Mr"}, "debtor.civility", "must be one of",
      {"debtor": consumer_debtor, "debtor.civility": "M."}),
    R("enum_late_interest", {"contract.late_interest.basis": "legal"}, "contract.late_interest.basis",
      "must be one of", {"contract.late_interest.basis": "none"}),
    R("enum_plan_every", {"payment_plan": {"instalments": 3, "first_date": "2024-07-01", "every": "day"}},
      "payment_plan.every", "must be one of",
      {"payment_plan": {"instalments": 3, "first_date": "2024-07-01", "every": "week"}}),
    R("version_other", {"schema_version": 2}, "schema_version", "must be one of: 1", {"schema_version": 1}),
    R("version_bool", {"schema_version": True}, "schema_version", "whole number 1", {"schema_version": 1}),
    R("version_text", {"schema_version": "1"}, "schema_version", "must be one of: 1", {"schema_version": 1.0}),
    R("date_format", {"invoices[0].issue_date": "01/02/2024"}, "invoices[0].issue_date", "not a date",
      {"invoices[0].issue_date": "2024-02-02"}),
    R("date_impossible", {"invoices[0].issue_date": "2024-02-30"}, "invoices[0].issue_date", "no such day",
      {"invoices[0].issue_date": "2024-02-29"}),
    R("date_trailing_newline", {"events[0].date": "2024-03-10\n"}, "events[0].date", "not a date",
      {"events[0].date": date(2024, 3, 10)}),
    R("date_with_time", {"events[0].date": datetime(2024, 3, 10, 9, 30)}, "events[0].date", "not a date and time",
      {"events[0].date": date(2024, 3, 10)}),
    R("date_number", {"contract.date": 20240110}, "contract.date", "not a date", {"contract.date": DELETE}),
    R("money_float", {"invoices[0].amount": 1800.0}, "invoices[0].amount", "quoted decimal strings",
      {"invoices[0].amount": "1800"}),
    R("money_int", {"invoices[0].amount": 1800}, "invoices[0].amount", "quoted decimal strings",
      {"invoices[0].amount": "1800.5"}),
    R("money_three_decimals", {"invoices[1].amount": "600.001"}, "invoices[1].amount", "not an amount",
      {"invoices[1].amount": "600.01"}),
    R("money_comma", {"invoices[1].amount": "600,00"}, "invoices[1].amount", "not an amount",
      {"invoices[1].amount": "600.00"}),
    R("money_thousands", {"invoices[1].amount": "1 600.00"}, "invoices[1].amount", "not an amount",
      {"invoices[1].amount": "1600.00"}),
    R("money_negative", {"invoices[1].amount": "-600.00"}, "invoices[1].amount", "not an amount",
      {"invoices[1].amount": "5.00"}),
    R("money_zero", {"invoices[1].amount": "0.00"}, "invoices[1].amount", "greater than zero",
      {"invoices[1].amount": "0.01"}),
    R("money_zero_payment", {"payments[0].amount": "0"}, "payments[0].amount", "greater than zero",
      {"payments[0].amount": "1"}),
    R("money_huge", {"invoices[1].amount": "1" * 13}, "invoices[1].amount", "up to 12 digits",
      {"invoices[1].amount": "999999999999.99"}),
    R("money_exponent", {"invoices[1].amount": "6e2"}, "invoices[1].amount", "not an amount",
      {"invoices[1].amount": "600"}),
    R("money_nan", {"invoices[1].amount": "NaN"}, "invoices[1].amount", "not an amount",
      {"invoices[1].amount": "600"}),
    R("money_trailing_newline", {"invoices[1].amount": "600.00\n"}, "invoices[1].amount", "not an amount",
      {"invoices[1].amount": "600.00"}),
    R("money_share_capital", {"creditor.share_capital": 10000}, "creditor.share_capital", "quoted decimal",
      {"creditor.share_capital": "1.00"}),
    R("percent_format", {"contract.penalty_clause.percent": "10%"}, "contract.penalty_clause.percent",
      "percentage", {"contract.penalty_clause.percent": "7.5"}),
    R("text_type", {"invoices[1].number": 102}, "invoices[1].number", "put numbers such as invoice numbers in quotes",
      {"invoices[1].number": "102"}),
    R("text_empty", {"reference": ""}, "reference", "must not be empty", {"reference": "R"}),
    R("text_blank", {"reference": "   "}, "reference", "must not be empty", {"reference": " R "}),
    R("text_too_long", {"invoices[0].description": "x" * 10_001}, "invoices[0].description", "too long",
      {"invoices[0].description": "x" * 10_000}),
    R("short_text_too_long", {"reference": "x" * 201}, "reference", "at most 200 characters",
      {"reference": "x" * 200}),
    R("file_path_too_long", {"invoices[0].file": "a/" * 500 + "x.pdf"}, "invoices[0].file", "too long",
      {"invoices[0].file": "./pieces/F-2024-101.pdf"}),
    R("list_empty", {"invoices": []}, "invoices", "at least 1 item", {"invoices[1]": DELETE}),
    R("list_type", {"events": "reminder sent"}, "events", "expected a list", {"events": []}),
    R("mapping_type", {"creditor.address": "12 rue des Lilas, Lyon"}, "creditor.address",
      "expected a mapping", {"creditor.address": DELETE}),
    R("bool_type", {"contract.general_terms_accepted": "yes"}, "contract.general_terms_accepted",
      "true or false", {"contract.general_terms_accepted": False}),
    R("int_type", {"contract.payment_terms_days": "30"}, "contract.payment_terms_days", "whole number",
      {"contract.payment_terms_days": 60}),
    R("int_bool", {"contract.payment_terms_days": True}, "contract.payment_terms_days", "whole number",
      {"contract.payment_terms_days": 0}),
    R("int_range", {"contract.payment_terms_days": -1}, "contract.payment_terms_days", "greater than or equal to 0",
      {"contract.payment_terms_days": 0}),
    R("int_huge", {"contract.payment_terms_days": 10**40}, "contract.payment_terms_days", "less than or equal",
      {"contract.payment_terms_days": 3650}),
    R("plan_instalments_range", {"payment_plan": {"instalments": 0, "first_date": "2024-07-01", "every": "month"}},
      "payment_plan.instalments", "greater than or equal to 1",
      {"payment_plan": {"instalments": 12, "first_date": "2024-07-01", "every": "month"}}),
    R("country_code", {"creditor.represented_by.address.country": "Suisse"},
      "creditor.represented_by.address.country", "two-letter country code",
      {"creditor.represented_by.address.country": "CH"}),
    R("country_lowercase", {"debtor.address.country": "fr"}, "debtor.address.country", "two-letter",
      {"debtor.address.country": "FR"}),
]

MEANING = [
    R("iban", {"creditor.iban": "FR7630006000011234567890188"}, "creditor.iban", "not a valid IBAN",
      {"creditor.iban": "FR76 3000 6000 0112 3456 7890 189"}),
    R("bic", {"creditor.bic": "AGRIXXPP"}, "creditor.bic", "not a valid BIC", {"creditor.bic": "AGRIFRPPXXX"}),
    R("siren", {"creditor.registration.number": "732829321"}, "creditor.registration.number", "SIREN",
      {"creditor.registration.number": "732 829 320"}),
    R("siret", {"creditor.registration": {"scheme": "SIRET", "number": "73282932000075"}},
      "creditor.registration.number", "not a valid SIRET",
      {"creditor.registration": {"scheme": "SIRET", "number": "73282932000074"}}),
    R("rcs", {"creditor.registration": {"scheme": "RCS", "number": "RCS Lyon B", "city": "Lyon"}},
      "creditor.registration.number", "must contain the 9-digit SIREN",
      {"creditor.registration": {"scheme": "RCS", "number": "RCS Lyon B 732 829 320", "city": "Lyon"}}),
    R("rcs_bad_siren", {"creditor.registration": {"scheme": "RCS", "number": "RCS Lyon B 732 829 321"}},
      "creditor.registration.number", "SIREN number in the RCS registration",
      {"creditor.registration": {"scheme": "RCS", "number": "732829320"}}),
    R("bce", chain(belgian(), sets({"creditor.registration.number": "0417497107"})),
      "creditor.registration.number", "Belgian enterprise number", belgian()),
    R("bce_debtor", chain(belgian(), sets({"debtor.registration.number": "0202239952"})),
      "debtor.registration.number", "Belgian enterprise number",
      chain(belgian(), sets({"debtor.registration.number": "0202.239.951"}))),
    R("representative_registration", {"creditor.represented_by.registration": {"scheme": "SIREN", "number": "1"}},
      "creditor.represented_by.registration.number", "SIREN",
      {"creditor.represented_by.registration": {"scheme": "SIREN", "number": "552100554"}}),
    R("vat_fr", {"creditor.vat_number": "FR44732829321"}, "creditor.vat_number", "not a valid EU VAT number",
      {"creditor.vat_number": "FR 44 732829320"}),
    R("vat_be", chain(belgian(), sets({"creditor.vat_number": "BE0417497107"})), "creditor.vat_number",
      "VAT", belgian()),
    R("postcode_fr", {"debtor.address.postcode": "6906"}, "debtor.address.postcode", "not a postcode of FR",
      {"debtor.address.postcode": "75001"}),
    R("postcode_be", chain(belgian(), sets({"debtor.address.postcode": "0100"})), "debtor.address.postcode",
      "not a postcode of BE", chain(belgian(), sets({"debtor.address.postcode": "9000"}))),
    R("postcode_representative", {"creditor.represented_by.address.postcode": "ABC"},
      "creditor.represented_by.address.postcode", "expected 5 digits",
      {"creditor.represented_by.address.postcode": "69001"}),
    R("email", {"debtor.email": "gerance@boulangerie"}, "debtor.email", "not an e-mail address",
      {"debtor.email": "g@b.example"}),
    R("email_representative", {"creditor.represented_by.email": "contact"}, "creditor.represented_by.email",
      "not an e-mail address", {"creditor.represented_by.email": "c@d.example"}),
    R("language_nl_not_be", {"language": "nl"}, "language", "only for Belgian cases", belgian("nl")),
    R("company_without_name", {"debtor.name": DELETE}, "debtor.name", "needs a name", {"debtor.name": "Autre"}),
    R("person_without_last_name", {"debtor": consumer_debtor, "debtor.last_name": DELETE}, "debtor.last_name",
      "needs a last_name", {"debtor": consumer_debtor, "debtor.first_name": DELETE}),
    R("due_before_issue", {"invoices[0].due_date": "2024-01-31"}, "invoices[0].due_date",
      "before the issue date", {"invoices[0].due_date": "2024-02-01"}),
    R("duplicate_invoice", {"invoices[1].number": "F-2024-101"}, "invoices[1].number", "appears more than once",
      {"invoices[1].number": "F-2024-103"}),
    R("duplicate_credit_note",
      (lambda d, f: d["credit_notes"].append({"number": "AV-2024-3", "date": "2024-03-20", "amount": "50.00",
                                              "invoice": "F-2024-102"})),
      "credit_notes[1].number", "appears more than once",
      (lambda d, f: d["credit_notes"].append({"number": "AV-2024-4", "date": "2024-03-20", "amount": "50.00",
                                              "invoice": "F-2024-102"}))),
    R("credit_note_unknown_invoice", {"credit_notes[0].invoice": "F-9"}, "credit_notes[0].invoice",
      "no invoice numbered 'F-9'", {"credit_notes[0].invoice": "F-2024-102"}),
    R("payment_unknown_invoice", {"payments[0].invoice": "F-9"}, "payments[0].invoice",
      "no invoice numbered 'F-9'", {"payments[0].invoice": DELETE}),
    R("credit_note_exceeds_invoice", {"credit_notes[0].amount": "1800.01"}, "credit_notes[0].amount",
      "exceed the invoice", {"credit_notes[0].amount": "1800.00"}),
    R("credit_notes_exceed_together",
      lambda d, f: d["credit_notes"].append({"number": "AV-2024-9", "date": "2024-03-20", "amount": "1700.01",
                                             "invoice": "F-2024-101"}),
      "credit_notes[1].amount", "(1800.01) exceed the invoice (1800.00)",
      lambda d, f: d["credit_notes"].append({"number": "AV-2024-9", "date": "2024-03-20", "amount": "1700.00",
                                             "invoice": "F-2024-101"})),
    # Dated after today: a warning naming the field (today is the caller's: AS_OF here, see _run);
    # after the as-of date alone is no problem at all (test_later_items_are_outside_the_statement).
    R("invoice_after_today", {"invoices[1].issue_date": "2025-01-16", "invoices[1].due_date": "2025-02-15"},
      "invoices[1].issue_date", "dated 2025-01-16, after today (2025-01-15)",
      {"invoices[1].issue_date": "2025-01-15", "invoices[1].due_date": "2025-02-15"}, W),
    R("event_after_today", {"events[0].date": "2025-01-16"}, "events[0].date", "after today (2025-01-15)",
      {"events[0].date": "2025-01-15"}, W),
    R("payment_after_today", {"payments[0].date": "2025-01-16"}, "payments[0].date", "after today",
      {"payments[0].date": "2025-01-15"}, W),
    R("credit_note_after_today", {"credit_notes[0].date": "2026-01-01"}, "credit_notes[0].date",
      "after today", {"credit_notes[0].date": "2025-01-15"}, W),
    R("contractual_rate_missing", {"contract.late_interest": {"basis": "contractual"}},
      "contract.late_interest.rate_percent", "needs rate_percent",
      {"contract.late_interest": {"basis": "contractual", "rate_percent": "12.00"}}),
    R("rate_without_contractual", {"contract.late_interest.rate_percent": "12.00"},
      "contract.late_interest.rate_percent", "only used with basis 'contractual'",
      {"contract.late_interest": {"basis": "none"}}),
    R("penalty_both", {"contract.penalty_clause": {"percent": "10.00", "amount": "150.00"}},
      "contract.penalty_clause", "either percent or amount", {"contract.penalty_clause": {"amount": "150.00"}}),
    R("penalty_neither", {"contract.penalty_clause": {}}, "contract.penalty_clause", "either percent or amount",
      {"contract.penalty_clause": DELETE}),
    R("penalty_nulls_are_absent", {"contract.penalty_clause": {"percent": None, "amount": None}},
      "contract.penalty_clause", "either percent or amount",
      {"contract.penalty_clause": {"percent": "10.00", "amount": None}}),
    R("plan_nulls_are_absent", {"payment_plan": {"schedule": None, "instalments": 3}}, "payment_plan",
      "missing every, first_date", {"payment_plan.instalments": None, "payment_plan.every": None}),
    R("plan_both", {"payment_plan.instalments": 2}, "payment_plan", "not both",
      {"payment_plan": {"instalments": 2, "first_date": "2024-07-01", "every": "month"}}),
    R("plan_incomplete", {"payment_plan": {"instalments": 3}}, "payment_plan", "missing every, first_date",
      {"payment_plan": {"instalments": 3, "first_date": "2024-07-01", "every": "month"}}),
    R("plan_empty", {"payment_plan": {}}, "payment_plan", "missing every, first_date, instalments",
      {"payment_plan": DELETE}),
    R("schedule_decreasing", {"payment_plan.schedule[1].date": "2024-06-01"}, "payment_plan.schedule[1].date",
      "increasing order", {"payment_plan.schedule[1].date": "2024-07-02"}),
    R("schedule_same_day", {"payment_plan.schedule[1].date": "2024-07-01"}, "payment_plan.schedule[1].date",
      "increasing order", {"payment_plan.schedule[0].date": "2024-06-30"}),
    R("schedule_third_goes_back",
      lambda d, f: d["payment_plan"]["schedule"].append({"date": "2024-07-15", "amount": "100.00"}),
      "payment_plan.schedule[2].date", "increasing order",
      lambda d, f: d["payment_plan"]["schedule"].append({"date": "2024-09-01", "amount": "100.00"})),
]

FILES = [
    R("file_missing", {"invoices[0].file": "pieces/absent.pdf"}, "invoices[0].file", "file not found",
      {"invoices[0].file": "pieces/F-2024-102.pdf"}),
    R("file_outside_folder", {"invoices[0].file": "../../etc/passwd"}, "invoices[0].file", "leaves the case folder",
      {"invoices[0].file": "./pieces/F-2024-101.pdf"}),
    R("file_dotdot_inside", {"invoices[0].file": "pieces/../pieces/F-2024-101.pdf"}, "invoices[0].file",
      "'..' is not allowed", {"invoices[0].file": "pieces//F-2024-101.pdf"}),
    R("file_backslash_dotdot", {"exhibits[0].file": "..\\..\\etc\\passwd.png"}, "exhibits[0].file",
      "leaves the case folder", {"exhibits[0].file": "pieces\\cgv.png"}),
    R("file_absolute", lambda d, f: d["invoices"][0].update(file=str(f / "pieces" / "F-2024-101.pdf")),
      "invoices[0].file", "not an absolute path", {"invoices[0].file": "pieces/F-2024-101.pdf"}),
    R("file_windows_drive", {"invoices[0].file": "C:\\pieces\\F-2024-101.pdf"}, "invoices[0].file",
      "not an absolute path", {"invoices[0].file": "pieces/F-2024-101.pdf"}),
    R("file_symlink", chain(symlink("pieces/link.pdf", "pieces/F-2024-101.pdf"), sets({"invoices[0].file": "pieces/link.pdf"})),
      "invoices[0].file", "symbolic links are not accepted",
      chain(copy_file("pieces/F-2024-101.pdf", "pieces/copy.pdf"), sets({"invoices[0].file": "pieces/copy.pdf"}))),
    R("file_symlink_outside",
      chain(symlink("proofs/passwd.pdf", lambda f: pathlib.Path("/etc/passwd")), sets({"events[1].proof": "proofs/passwd.pdf"})),
      "events[1].proof", "symbolic links", NOOP),
    R("file_symlinked_folder", chain(symlink("linked", "pieces"), sets({"exhibits[0].file": "linked/cgv.png"})),
      "exhibits[0].file", "symbolic links", chain(mkdir("real"), copy_file("pieces/cgv.png", "real/cgv.png"),
                                                    sets({"exhibits[0].file": "real/cgv.png"}))),
    R("file_symlink_dangling", chain(symlink("pieces/gone.pdf", "pieces/nowhere.pdf"),
                                     sets({"invoices[0].file": "pieces/gone.pdf"})),
      "invoices[0].file", "symbolic links", NOOP),
    R("pdf_not_pdf", chain(copy_file("proofs/avis-reception.jpg", "pieces/scan.pdf"), sets({"invoices[0].file": "pieces/scan.pdf"})),
      "invoices[0].file", "not a PDF", chain(copy_file("pieces/F-2024-101.pdf", "pieces/scan.pdf"),
                                            sets({"invoices[0].file": "pieces/scan.pdf"}))),
    R("file_too_large", chain(write_file("pieces/big.pdf", b"%PDF-1.4\n" + b"0" * 2048),
                              lambda d, f: d["invoices"][0].update(file="pieces/big.pdf"),
                              lambda d, f: _shrink_limit()),
      "invoices[0].file", "file larger than", chain(lambda d, f: _shrink_limit(), sets({}))),
    R("pdf_empty", chain(write_file("pieces/empty.pdf", b""), sets({"invoices[0].file": "pieces/empty.pdf"})),
      "invoices[0].file", "not a PDF", NOOP),
    R("pdf_uppercase_extension_checked", chain(copy_file("pieces/cgv.png", "pieces/F.PDF"), sets({"invoices[0].file": "pieces/F.PDF"})),
      "invoices[0].file", "not a PDF", chain(copy_file("pieces/F-2024-101.pdf", "pieces/F.PDF"),
                                            sets({"invoices[0].file": "pieces/F.PDF"}))),
    R("jpeg_not_jpeg", chain(copy_file("pieces/cgv.png", "proofs/ar.jpg"), sets({"events[2].proof": "proofs/ar.jpg"})),
      "events[2].proof", "not a JPEG image", chain(copy_file("proofs/avis-reception.jpg", "proofs/ar.jpeg"),
                                                   sets({"events[2].proof": "proofs/ar.jpeg"}))),
    R("png_not_png", chain(copy_file("pieces/F-2024-101.pdf", "pieces/cgv2.png"), sets({"exhibits[0].file": "pieces/cgv2.png"})),
      "exhibits[0].file", "not a PNG image", NOOP),
    R("eml_binary", chain(write_file("proofs/mail.eml", b"\x00\x01binary\xff"), sets({"events[0].proof": "proofs/mail.eml"})),
      "events[0].proof", "not an e-mail message", NOOP),
    R("eml_no_headers", chain(write_file("proofs/mail.eml", b"just some text\nwith lines\n"),
                              sets({"events[0].proof": "proofs/mail.eml"})),
      "events[0].proof", "not an e-mail message",
      chain(write_file("proofs/mail.eml", b"Subject: Relance\n\nBonjour\n"), sets({"events[0].proof": "proofs/mail.eml"}))),
    R("file_unsupported_type", chain(write_file("pieces/contrat.docx", b"PK\x03\x04"), sets({"exhibits[0].file": "pieces/contrat.docx"})),
      "exhibits[0].file", "unsupported file type '.docx'", NOOP),
    R("file_no_extension", {"exhibits[0].file": "pieces/README"}, "exhibits[0].file", "unsupported file type 'none'",
      NOOP),
    R("file_blank", {"exhibits[0].file": "   "}, "exhibits[0].file", "unsupported file type", NOOP),
    R("file_is_a_folder", chain(mkdir("pieces/folder.pdf"), sets({"invoices[0].file": "pieces/folder.pdf"})),
      "invoices[0].file", "not a regular file", NOOP),
    R("file_nul", {"invoices[0].file": "pieces/F\x00.pdf"}, "invoices[0].file", "NUL character", NOOP),
    R("file_name_too_long", {"invoices[0].file": "pieces/" + "a" * 300 + ".pdf"}, "invoices[0].file",
      "cannot read the file", NOOP),
]

WARNINGS = [
    R("no_debtor_email", {"debtor.email": DELETE}, "debtor.email", "no e-mail address", {"debtor.email": "x@y.example"}, W),
    R("no_debtor_address", {"debtor.address": DELETE}, "debtor.address.street", "no street address",
      {"debtor.address.street": DELETE, "debtor.address.line2": "Lieu-dit Les Granges"}, W),
    R("no_debtor_street", {"debtor.address.street": DELETE}, "debtor.address.street", "letters cannot be posted",
      {"debtor.address.street": "1 place Bellecour"}, W),
    R("no_contract", {"contract": DELETE}, "contract.reference", "no contract reference",
      {"contract": {"reference": "Bon de commande 17"}}, W),
    R("no_contract_reference", {"contract.reference": DELETE}, "contract.reference", "no contract reference",
      {"contract.reference": "Devis D-2024-18"}, W),
    R("b2c_penalty_clause", {"relationship": "B2C", "debtor": consumer_debtor}, "contract.penalty_clause",
      "penalty clause in a consumer contract",
      {"relationship": "B2C", "debtor": consumer_debtor, "contract.penalty_clause": DELETE}, W),
    R("formal_notice_without_proof", {"events[1].proof": DELETE}, "events[1].proof",
      "formal notice sent without a proof", {"events[1].tracking_number": DELETE}, W),
    R("received_without_sent", {"events[1]": DELETE}, "events[1]", "no formal_notice_sent event",
      {"events[2].type": "formal_notice_unclaimed"}, W),
    R("share_capital_missing", {"creditor.share_capital": DELETE}, "creditor.share_capital", "R123-238",
      {"creditor.share_capital": DELETE, "creditor.legal_form": "EI"}, W),
    R("share_capital_missing_sas_dotted", {"creditor.share_capital": DELETE, "creditor.legal_form": "s.a.s.u."},
      "creditor.share_capital", "French SASU must state its share capital",
      {"creditor.legal_form": "S.A.S.U.", "creditor.share_capital": "1.00"}, W),
    R("share_capital_missing_eurl", {"creditor.share_capital": DELETE, "creditor.legal_form": "EURL"},
      "creditor.share_capital", "share capital",
      chain(belgian(), sets({"creditor.legal_form": "SA"})), W),  # a Belgian SA: not this French rule
    R("no_iban", {"creditor.iban": DELETE}, "creditor.iban", "no IBAN", {"creditor.bic": DELETE}, W),
    R("no_invoice_file", {"invoices[0].file": DELETE}, "invoices[0].file", "no invoice file",
      {"invoices[0].file": "pieces/F-2024-102.pdf"}, W),
    R("register_country_mismatch",
      {"debtor.address": {"street": "Rue Neuve 1", "postcode": "1000", "city": "Bruxelles", "country": "BE"}},
      "debtor.registration.scheme", "SIREN is a register of FR but the address is in 'BE'",
      {"debtor.address": {"street": "Rue Neuve 1", "postcode": "1000", "city": "Bruxelles", "country": "BE"},
       "debtor.registration": {"scheme": "BCE", "number": "0202239951"}}, W),
    R("payments_exceed_principal", {"payments[0].amount": "2300.01"}, "payments", "exceed the principal",
      {"payments[0].amount": "2300.00"}, W),
]

ALL = STRUCTURE + MEANING + FILES + WARNINGS


def _shrink_limit() -> None:
    """Make the 200 MB exhibit limit 1 KB for one test (undone by the autouse fixture below)."""
    files.MAX_EXHIBIT_BYTES = 1024


@pytest.fixture(autouse=True)
def _restore_limit():
    limit = files.MAX_EXHIBIT_BYTES
    yield
    files.MAX_EXHIBIT_BYTES = limit
AS_OF = date(2025, 1, 15)


def _run(data: dict, folder: pathlib.Path, mutation: Mutation):
    mutation(data, folder)
    return validate(data, as_of=AS_OF, base_dir=folder, today=AS_OF)


def test_rule_ids_are_unique():
    ids = [r.id for r in ALL]
    assert len(ids) == len(set(ids))


def test_the_base_case_is_valid_without_a_single_warning(case_data, case_dir):
    report = validate(case_data, as_of=AS_OF, base_dir=case_dir)
    assert report.valid and report.problems == ()
    assert report.case is not None and report.case.source_dir == case_dir


@pytest.mark.parametrize("rule", ALL, ids=[r.id for r in ALL])
def test_rule_fails(rule: Rule, case_data, case_dir):
    report = _run(case_data, case_dir, rule.fail)
    found = [p for p in report.problems if p.path == rule.path and p.severity == rule.severity]
    assert found, f"no {rule.severity} at {rule.path}; got {[str(p) for p in report.problems]}"
    assert any(rule.text in p.message for p in found), [p.message for p in found]
    if rule.severity == "error":
        assert not report.valid and report.case is None
    else:
        assert report.valid and report.case is not None, [str(p) for p in report.errors]


@pytest.mark.parametrize("rule", ALL, ids=[r.id for r in ALL])
def test_rule_passes(rule: Rule, case_data, case_dir):
    report = _run(case_data, case_dir, rule.ok)
    assert report.valid, [str(p) for p in report.problems]
    assert report.problems == (), [str(p) for p in report.problems]


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_unreadable_file_is_reported(case_data, case_dir, monkeypatch):
    target = case_dir / "pieces" / "F-2024-101.pdf"
    target.chmod(0)
    try:
        if os.access(target, os.R_OK):  # running as root: simulate what chmod would do
            real_open = pathlib.Path.open

            def refuse(self, *args, **kwargs):  # noqa: ANN001, ANN202
                if self.name == target.name:
                    raise PermissionError(13, "Permission denied")
                return real_open(self, *args, **kwargs)

            def refuse_name(name, *args, **kwargs):  # noqa: ANN001, ANN202 - the checks open paths as text
                if os.path.basename(name) == target.name:
                    raise PermissionError(13, "Permission denied")
                return open(name, *args, **kwargs)

            real_os_open = os.open

            def refuse_descriptor(name, *args, **kwargs):  # noqa: ANN001, ANN202 - the magic bytes' read
                if os.path.basename(name) == target.name:
                    raise PermissionError(13, "Permission denied")
                return real_os_open(name, *args, **kwargs)

            monkeypatch.setattr(pathlib.Path, "open", refuse)
            monkeypatch.setattr(files, "open", refuse_name, raising=False)
            monkeypatch.setattr(os, "open", refuse_descriptor)
        report = validate(case_data, as_of=AS_OF, base_dir=case_dir)
        assert [(p.path, p.message) for p in report.errors] == [("invoices[0].file", "file is not readable")]
    finally:
        target.chmod(0o644)
    monkeypatch.undo()
    assert validate(case_data, as_of=AS_OF, base_dir=case_dir).valid


def test_as_of_is_optional_in_the_library(case_data, case_dir):
    """Without today, dates are not compared with the clock (the CLI passes today)."""
    case_data["events"][0]["date"] = "2099-01-01"
    assert validate(case_data, base_dir=case_dir).problems == ()
    assert validate(case_data, as_of=AS_OF, base_dir=case_dir).problems == ()
    report = validate(case_data, as_of=AS_OF, base_dir=case_dir, today=AS_OF)
    assert report.valid and [(p.path, p.severity) for p in report.problems] == [("events[0].date", "warning")]


def test_later_items_are_outside_the_statement(case_data, case_dir):
    """A décompte at a past date (the filing date) stays possible once later items are recorded:
    they are left out of that day's figures, not refused."""
    from docgen.api import validate as api_validate
    from docgen.law.statement import compute_statement

    before = compute_statement(validate(case_data, as_of=AS_OF, base_dir=case_dir).case, AS_OF)
    case_data["payments"].append({"date": "2025-03-01", "amount": "100.00"})
    case_data["credit_notes"].append({"number": "AV-LATE", "date": "2025-03-02", "amount": "10.00",
                                      "invoice": "F-2024-101"})
    case_data["events"].append({"type": "call", "date": "2025-03-03"})
    case_data["invoices"].append({"number": "F-LATE", "issue_date": "2025-03-04", "due_date": "2025-04-04",
                                  "amount": "500.00", "file": "pieces/F-2024-101.pdf"})
    report = api_validate(case_data, as_of=AS_OF, base_dir=case_dir, today=date(2025, 6, 1))
    assert report.valid and report.problems == (), [str(p) for p in report.problems]
    assert compute_statement(report.case, AS_OF) == before
    later = compute_statement(report.case, date(2025, 6, 1))
    assert later.paid == before.paid + 100 and later.credited == before.credited + 10
    assert later.principal == before.principal + 500


def test_structure_and_meaning_are_reported_together(case_data, case_dir):
    case_data["invoices"][0]["amount"] = 1800.5            # structure
    case_data["creditor"]["iban"] = "FR00"                  # meaning
    case_data["debtor"]["email"] = None                     # warning (and allowed: optional)
    report = validate(case_data, as_of=AS_OF, base_dir=case_dir)
    assert {(p.path, p.severity) for p in report.problems} == {
        ("invoices[0].amount", "error"), ("creditor.iban", "error"), ("debtor.email", "warning")}
    assert [p.severity for p in report.problems] == ["error", "error", "warning"]  # errors first


def test_a_huge_value_is_not_echoed_back_in_full(case_data, case_dir):
    case_data["payments"][0]["invoice"] = "F" * 5_000
    report = validate(case_data, as_of=AS_OF, base_dir=case_dir)
    assert all(len(p.message) < 300 for p in report.problems)
    assert {p.path for p in report.errors} == {"payments[0].invoice"}
