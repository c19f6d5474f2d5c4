"""docgen record CASE payment: the payment is appended to ``payments``, everything else in the file
is kept byte for byte, and the statement decides what it accepts."""
from __future__ import annotations

import json
import shutil
import tempfile
import threading
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pfkit import AS_OF, EXAMPLES, NAMES

import docgen
from docgen.cli import main
from docgen.errors import CaseValidationError, DocgenError
from docgen.law.statement import compute_statement
from docgen.model.reading import read_case_file
from docgen import record_event, record_payment


def _total_due(case_dir: Path, day: date) -> Decimal:
    return compute_statement(docgen.load_case(case_dir, as_of=day), day, assume_last_rate=True).total_due


def _one_line_added(before: str, after: str) -> str:
    old, new = before.splitlines(), after.splitlines()
    assert len(new) == len(old) + 1
    added = [line for line in new if line not in old]
    assert len(added) == 1 and [line for line in new if line != added[0]] == old
    return added[0]


@pytest.mark.parametrize("name", NAMES)
def test_payment_is_added_with_comments_and_layout_kept(portfolio, name):
    case_dir = portfolio / name
    invoice = read_case_file(case_dir / "case.yaml")["invoices"][-1]["number"]
    before_text = (case_dir / "case.yaml").read_text(encoding="utf-8")
    before = _total_due(case_dir, AS_OF)
    path = record_payment(case_dir, amount="100", day=AS_OF, invoice=invoice, method="transfer",
                          reference="VIR 123", as_of=AS_OF)
    assert path == case_dir / "case.yaml"
    after_text = path.read_text(encoding="utf-8")
    line = _one_line_added(before_text, after_text)
    assert line == (f'  - {{date: 2026-10-15, amount: "100.00", method: transfer, invoice: "{invoice}", '
                    'reference: "VIR 123"}')
    assert after_text.count("#") == before_text.count("#")
    assert read_case_file(path)["payments"][-1] == {"date": "2026-10-15", "amount": "100.00", "method": "transfer",
                                                    "invoice": invoice, "reference": "VIR 123"}
    # Paid on the as-of day: the total due goes down by exactly the amount.
    assert _total_due(case_dir, AS_OF) == before - Decimal("100.00")


def test_the_library_surface_has_it():
    assert "record_payment" in docgen.__all__ and docgen.record_payment.__module__ == "docgen.api"


def test_a_payment_exceeding_everything_owed_writes_nothing(portfolio):
    case_file = portfolio / "fr-b2b" / "case.yaml"
    before = case_file.read_bytes()
    owed = _total_due(portfolio / "fr-b2b", AS_OF)
    with pytest.raises(CaseValidationError) as err:
        record_payment(case_file, amount=owed + Decimal("0.01"), day=AS_OF, as_of=AS_OF)
    assert "payments[2].amount" in {p.path for p in err.value.problems if p.severity == "error"}
    assert "payment was not recorded" in err.value.message
    assert case_file.read_bytes() == before
    # Exactly what is owed settles the case.
    record_payment(case_file, amount=owed, day=AS_OF, as_of=AS_OF)
    assert _total_due(portfolio / "fr-b2b", AS_OF) == 0


def test_a_later_payment_is_checked_on_its_own_day(portfolio):
    """Recorded with an as-of date before it, the payment is outside that day's statement: it is
    still checked on its own day (where it would exceed what is owed)."""
    case_file = portfolio / "fr-b2b" / "case.yaml"
    before = case_file.read_bytes()
    with pytest.raises(CaseValidationError):
        record_payment(case_file, amount="999999.00", day=date(2026, 11, 1), as_of=date(2024, 6, 30))
    assert case_file.read_bytes() == before


def test_unknown_invoice_and_bad_amounts_are_refused(portfolio):
    case_file = portfolio / "be-b2b" / "case.yaml"
    before = case_file.read_bytes()
    with pytest.raises(CaseValidationError) as err:
        record_payment(case_file, amount="10.00", day=AS_OF, invoice="NOPE-1", as_of=AS_OF)
    assert [p.path for p in err.value.problems if p.severity == "error"] == ["payments[2].invoice"]
    for amount in ("0", "0.00", "-5", "12,345", "1.234", "abc", "1e3", ""):
        with pytest.raises(DocgenError, match="--amount"):
            record_payment(case_file, amount=amount, day=AS_OF)
    with pytest.raises(DocgenError, match="unknown payment method"):
        record_payment(case_file, amount="10", day=AS_OF, method="bitcoin")
    assert case_file.read_bytes() == before


def test_json_case_and_a_case_without_payments(case_data, case_dir):
    path = case_dir / "case.json"
    del case_data["payments"]
    path.write_text(json.dumps(case_data, ensure_ascii=False, indent=4), encoding="utf-8")
    record_payment(path, amount="12.5", day=date(2024, 6, 1), method="cheque", as_of=date(2025, 1, 15))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["payments"] == [{"date": "2024-06-01", "amount": "12.50", "method": "cheque"}]
    assert list(data).index("payments") == list(data).index("events") - 1      # in the format's order


def test_payments_and_events_recorded_at_once_all_land(portfolio):
    case_dir = portfolio / "fr-b2c"
    errors: list[BaseException] = []

    def run(fn) -> None:  # noqa: ANN001
        try:
            fn()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    jobs = [lambda n=n: record_payment(case_dir, amount=f"{n}.00", day=AS_OF, as_of=AS_OF) for n in (1, 2, 3)]
    jobs += [lambda n=n: record_event(case_dir, "call", day=AS_OF, note=f"call {n}", as_of=AS_OF) for n in (1, 2)]
    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    data = read_case_file(case_dir / "case.yaml")
    assert sorted(p["amount"] for p in data["payments"][-3:]) == ["1.00", "2.00", "3.00"]
    assert sorted(e.get("note") for e in data["events"][-2:]) == ["call 1", "call 2"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cents=st.integers(min_value=1, max_value=1_500_000))
def test_any_amount_lowers_the_total_by_itself_or_is_refused(cents):
    """On the as-of day, a payment up to what is owed lowers the total due by exactly its amount;
    one cent more is refused and the file is left as it was."""
    amount = Decimal(cents) / 100
    with tempfile.TemporaryDirectory() as tmp:
        case_dir = Path(tmp) / "case"
        shutil.copytree(EXAMPLES / "be-b2c", case_dir)
        owed = _total_due(case_dir, AS_OF)
        before = (case_dir / "case.yaml").read_bytes()
        if amount <= owed:
            record_payment(case_dir, amount=f"{amount:.2f}", day=AS_OF, as_of=AS_OF)
            assert _total_due(case_dir, AS_OF) == owed - amount
        else:
            with pytest.raises(CaseValidationError):
                record_payment(case_dir, amount=f"{amount:.2f}", day=AS_OF, as_of=AS_OF)
            assert (case_dir / "case.yaml").read_bytes() == before


def test_cli(portfolio):
    runner = CliRunner()
    case = str(portfolio / "fr-b2b")
    ok = runner.invoke(main, ["record", case, "payment", "--amount", "250", "--date", "2026-10-01",
                              "--invoice", "F-2024-007", "--method", "transfer", "--as-of", "2026-10-15"])
    assert ok.exit_code == 0, ok.output
    assert "recorded a payment of 250.00 received on 2026-10-01 in" in ok.output
    assert read_case_file(portfolio / "fr-b2b" / "case.yaml")["payments"][-1] == {
        "date": "2026-10-01", "amount": "250.00", "method": "transfer", "invoice": "F-2024-007"}
    missing = runner.invoke(main, ["record", case, "payment", "--date", "2026-10-01"])
    assert missing.exit_code == 2 and "needs --amount" in missing.stderr
    mixed = runner.invoke(main, ["record", case, "payment", "--amount", "1", "--date", "2026-10-01", "--channel",
                                 "email"])
    assert mixed.exit_code == 2 and "--channel: not for a payment" in mixed.stderr
    wrong = runner.invoke(main, ["record", case, "call", "--date", "2026-10-01", "--amount", "1"])
    assert wrong.exit_code == 2 and "--amount: only for a payment" in wrong.stderr
    too_much = runner.invoke(main, ["record", case, "payment", "--amount", "999999", "--date", "2026-10-01"])
    assert too_much.exit_code == 2
    assert "nothing was recorded: the case file would have 1 error" in too_much.stderr
    assert "payments[3].amount: the payments exceed everything owed" in too_much.stderr


def test_cli_methods_are_the_models():
    from docgen.cli_portfolio import PAYMENT_METHODS as CLI
    from docgen.portfolio.record import PAYMENT_METHODS as MODEL

    assert CLI == MODEL
