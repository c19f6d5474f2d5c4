"""What is dated after the as-of date does not exist yet for the documents and decisions of that
day: the pièce list, the sum a court is chosen by, and the agenda of a case whose invoices are
issued later."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from docgen import agenda
from docgen.api import load_case
from docgen.law import courts
from docgen.render.exhibits import exhibit_list

from pfkit import AS_OF, example_data, write_variant

EXAMPLE = Path(__file__).parent.parent.parent / "examples"


def _case(name: str, data: dict):
    return load_case(data, base_dir=(EXAMPLE / name).resolve())


def test_pieces_leave_out_proofs_of_later_events():
    data = example_data("fr-b2b")
    case = _case("fr-b2b", data)
    proofs = [(e.date, e.proof) for e in case.events if e.proof]
    assert proofs, "the example has proofs of sending"
    first = min(d for d, _ in proofs)
    every = {x["file"] for x in exhibit_list(case)}
    before = {x["file"] for x in exhibit_list(case, first - timedelta(days=1))}
    assert {p for _, p in proofs} <= every
    assert not {p for _, p in proofs} & before
    on_first = {x["file"] for x in exhibit_list(case, first)}
    assert {p for d, p in proofs if d == first} <= on_first
    # numbering stays continuous when items are left out
    assert [x["number"] for x in exhibit_list(case, first)] == [str(i) for i in range(1, len(on_first) + 1)]


def test_court_amount_counts_only_what_is_paid_or_credited_by_the_day():
    data = example_data("be-b2b")
    case = _case("be-b2b", data)
    later = AS_OF + timedelta(days=30)
    data["payments"] = [*data.get("payments", []), {"date": later.isoformat(), "amount": "100.00"}]
    with_later = _case("be-b2b", data)
    assert courts._amount(with_later, AS_OF) == courts._amount(case, AS_OF)
    assert courts._amount(with_later, later) == max(courts._amount(case, later) - Decimal("100.00"), Decimal(0))


def test_case_with_invoices_issued_later_is_not_closed(tmp_path):
    data = example_data("fr-b2b")
    data["payments"], data["events"], data["credit_notes"] = [], [], []
    data.pop("payment_plan", None)
    issue = date(2027, 3, 1)
    for inv in data["invoices"]:
        inv["issue_date"], inv["due_date"] = issue.isoformat(), (issue + timedelta(days=30)).isoformat()
    write_variant(tmp_path / "c", "fr-b2b", data)
    (item,) = agenda(tmp_path, AS_OF)
    assert item.stage == "not_due"
    assert item.date is not None and item.date > issue + timedelta(days=30)
