"""docgen aging: totals equal the sum of the statements, buckets, the four formats."""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

from click.testing import CliRunner
from pfkit import AS_OF, after_the_rate_tables, example_data, write_variant

from docgen.api import load_case
from docgen.cli import main
from docgen.law.statement import compute_statement
from docgen import aging
from docgen.portfolio.aging import BUCKETS, bucket_of, to_csv, to_html, to_json, to_table
from docgen.portfolio.scan import find_case_files
from docgen.portfolio.synthetic import make_portfolio


def _sum_of_statements(folder, as_of):
    total = Decimal("0")
    for path in find_case_files(folder):
        total += compute_statement(load_case(path, as_of=as_of), as_of).outstanding_principal
    return total


def test_buckets():
    assert [bucket_of(d) for d in (-3, 0, 1, 30, 31, 60, 61, 90, 91, 900)] == [
        "not_due", "not_due", "0-30", "0-30", "31-60", "31-60", "61-90", "61-90", "90+", "90+"]


def test_totals_match_the_statements(portfolio, tmp_path):
    make_portfolio(portfolio / "synthetic", 40, AS_OF)
    # The same debtor in two cases is one row.
    second = example_data("fr-b2b")
    second["reference"] = "RICO-2024-018"
    write_variant(portfolio / "fr-b2b-second", "fr-b2b", second)
    report = aging(portfolio, AS_OF)
    assert not report.errors
    expected = _sum_of_statements(portfolio, AS_OF)
    assert report.total() == expected == sum((report.total(b) for b in BUCKETS), Decimal("0"))
    data = json.loads(to_json(report))
    assert Decimal(data["totals"]["outstanding_principal"]) == expected
    assert sum(Decimal(d["outstanding_principal"]) for d in data["debtors"]) == expected
    brasserie = next(r for r in report.rows if r.name == "Brasserie de l'Estuaire")
    assert brasserie.cases == ["RICO-2024-017", "RICO-2024-018"]
    assert brasserie.outstanding == 2 * Decimal("4927.17") and brasserie.buckets["90+"] == brasserie.outstanding
    rows = list(csv.reader(io.StringIO(to_csv(report))))
    assert rows[0][:3] == ["debtor", "cases", "stage"] and rows[-1][0] == "TOTAL"
    assert Decimal(rows[-1][8]) == expected
    assert "TOTAL" in to_table(report)


def test_recent_invoices_fall_in_the_early_buckets(tmp_path):
    data = example_data("fr-b2b")
    data.update(events=[], payments=[], credit_notes=[], invoices=data["invoices"][:2])
    write_variant(tmp_path / "c", "fr-b2b", data)
    # On 2024-03-01: F-2023-118 due 01-07 (54 days late), F-2024-007 due 02-18 (12 days late).
    report = aging(tmp_path, date(2024, 3, 1))
    [row] = report.rows
    assert row.buckets == {"not_due": 0, "0-30": Decimal("2340.00"), "31-60": Decimal("4860.00"), "61-90": 0, "90+": 0}
    # On 2024-02-10 the second one is not due yet.
    [row] = aging(tmp_path, date(2024, 2, 10)).rows
    assert row.buckets["not_due"] == Decimal("2340.00") and row.buckets["31-60"] == Decimal("4860.00")


def test_html_is_self_contained_and_escaped(tmp_path):
    data = example_data("fr-b2b")
    data["debtor"]["name"] = "<script>alert(1)</script> =SUM(A1)"
    write_variant(tmp_path / "c", "fr-b2b", data)
    report = aging(tmp_path, AS_OF)
    page = to_html(report)
    assert "<svg" in page and "<rect" in page and "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    assert "src=" not in page and "<link" not in page
    formula = example_data("fr-b2b")
    formula["debtor"]["name"] = "=HYPERLINK(1)"
    write_variant(tmp_path / "d", "fr-b2b", {**formula, "reference": "X-1"})
    assert "'=HYPERLINK(1)" in to_csv(aging(tmp_path / "d", AS_OF))


def test_invalid_and_duplicate_cases_are_left_out(portfolio):
    (portfolio / "bad").mkdir()
    (portfolio / "bad" / "case.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    write_variant(portfolio / "dup", "be-b2c", example_data("be-b2c"))
    report = aging(portfolio, AS_OF)
    assert len(report.rows) == 3 and len(report.errors) == 3
    assert report.total() == Decimal("4927.17") + Decimal("2755.12") + Decimal("7006.27")


def test_cli(portfolio, tmp_path):
    runner = CliRunner()
    out = tmp_path / "aging.html"
    result = runner.invoke(main, ["aging", str(portfolio), "--as-of", "2026-10-15", "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    as_json = runner.invoke(main, ["aging", str(portfolio), "--as-of", "2026-10-15", "--format", "json"])
    assert json.loads(as_json.output)["totals"]["outstanding_principal"] == "16057.38"


def test_assume_last_rate(portfolio):
    late = after_the_rate_tables()
    refused = aging(portfolio, late)
    assert not refused.rows and len(refused.errors) == 4
    assert all("--assume-last-rate" in reason for _, reason in refused.errors)
    runner = CliRunner()
    result = runner.invoke(main, ["aging", str(portfolio), "--as-of", late.isoformat(), "--format", "json",
                                  "--assume-last-rate"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["debtors"]) == 4 and not data["excluded"]
    assert {a["case"] for a in data["assumed_last_rate"]} == {
        "RICO-2024-017", "MPC-2025-0093", "PXM-RECOUV-2025-03", "ZS-INC-2025-0318"}
    owed = sum((compute_statement(load_case(p, as_of=late), late, assume_last_rate=True).total_due
                for p in find_case_files(portfolio)), Decimal("0"))
    assert Decimal(data["totals"]["total_due"]) == owed
    as_csv = runner.invoke(main, ["aging", str(portfolio), "--as-of", late.isoformat(), "--format", "csv",
                                  "--assume-last-rate"])
    assert "rate assumed: RICO-2024-017" in as_csv.stderr and "rate assumed" not in as_csv.stdout


def test_every_row_and_the_totals_add_up(portfolio, tmp_path):
    """outstanding + interest + indemnities = total due, per debtor and in total, in every format;
    indemnities paid are shown beside them."""
    for day in (date(2024, 6, 30), date(2025, 9, 1), AS_OF):
        report = aging(portfolio, day)
        assert report.errors == []
        for row in report.rows:
            assert row.outstanding + row.interest + row.indemnities == row.total_due, row
        assert report.total() + report.interest + report.indemnities == report.total_due
        rows = list(csv.DictReader(io.StringIO(to_csv(report))))
        for line in rows:
            assert (Decimal(line["outstanding"]) + Decimal(line["interest"]) + Decimal(line["indemnities"])
                    == Decimal(line["total_due"])), line
        assert rows[-1]["debtor"] == "TOTAL" and "indemnities_paid" in rows[-1]
        totals = json.loads(to_json(report))["totals"]
        assert {"indemnities", "indemnities_paid"} <= set(totals)
        assert "INDEMNITIES PAID" in to_table(report)
        assert "<th>Indemnities</th>" in to_html(report) and "<th>Indemnities paid</th>" in to_html(report)
    assert aging(portfolio, AS_OF).indemnities > 0          # the examples do have some
