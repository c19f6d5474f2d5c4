"""docgen record: the event is appended, everything else in the file is kept byte for byte."""
from __future__ import annotations

import json
from datetime import date

import pytest
import yaml
from click.testing import CliRunner
from pfkit import AS_OF, EXAMPLES, NAMES

from docgen.cli import main
from docgen.errors import CaseValidationError, DocgenError
from docgen.model.reading import read_case_file
from docgen import record_event


def _added_lines(before: str, after: str) -> list[str]:
    old, new = before.splitlines(), after.splitlines()
    assert len(new) == len(old) + 1
    for i, line in enumerate(old):
        if new[i] != line:
            assert new[i + 1:] == old[i:]
            return [new[i]]
    return [new[-1]]


@pytest.mark.parametrize("name", NAMES)
def test_comments_and_layout_are_kept(portfolio, tmp_path, name):
    case_file = portfolio / name / "case.yaml"
    before = case_file.read_text(encoding="utf-8")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes((EXAMPLES / "fr-b2b" / "proofs" / "lrar-preuve-de-depot-2026-09-08.pdf").read_bytes())
    record_event(portfolio / name, "call", day=AS_OF, channel="phone", proof=scan, note='said "next week"',
                 as_of=AS_OF)
    after = case_file.read_text(encoding="utf-8")
    [line] = _added_lines(before, after)
    assert line == ('  - {type: call, date: 2026-10-15, channel: phone, proof: "proofs/scan.pdf", '
                    'note: "said \\"next week\\""}')
    assert after.count("#") == before.count("#")
    events = read_case_file(case_file)["events"]
    assert events[-1] == {"type": "call", "date": "2026-10-15", "channel": "phone", "proof": "proofs/scan.pdf",
                          "note": 'said "next week"'}
    assert (portfolio / name / "proofs" / "scan.pdf").read_bytes() == scan.read_bytes()


def test_invalid_event_writes_nothing(portfolio, tmp_path):
    case_dir = portfolio / "fr-b2b"
    before = (case_dir / "case.yaml").read_bytes()
    fake = tmp_path / "fake.pdf"
    fake.write_text("not a pdf at all")
    with pytest.raises(CaseValidationError) as err:
        record_event(case_dir, "reminder_sent", day=date(2026, 10, 20), channel="email", proof=fake, as_of=AS_OF)
    paths = {p.path for p in err.value.problems if p.severity == "error"}
    assert paths == {"events[5].proof"}            # a date after the as-of date is no error
    assert (case_dir / "case.yaml").read_bytes() == before
    assert not (case_dir / "proofs" / "fake.pdf").exists()
    with pytest.raises(DocgenError, match="--fee"):
        record_event(case_dir, "reminder_sent", day=AS_OF, channel="email", fee="12,345")
    assert (case_dir / "case.yaml").read_bytes() == before


def test_proof_inside_the_case_folder_is_referenced_not_copied(portfolio):
    case_dir = portfolio / "be-b2b"
    proof = case_dir / "proofs" / "bpost-recepisse-2026-03-10.pdf"
    record_event(case_dir, "formal_notice_received", day=date(2026, 3, 12), proof=proof, as_of=AS_OF)
    assert read_case_file(case_dir / "case.yaml")["events"][-1]["proof"] == "proofs/bpost-recepisse-2026-03-10.pdf"
    assert sorted(p.name for p in (case_dir / "proofs").iterdir()) == [
        "bpost-recepisse-2026-03-10.pdf", "rappel-2025-04-08.eml"]


def test_block_style_file_without_events(tmp_path, case_data, case_dir):
    from docgen.atomic import write_text

    del case_data["events"]
    text = "# header comment\n" + yaml.safe_dump(case_data, allow_unicode=True, sort_keys=False)
    write_text(case_dir / "case.yaml", text)
    record_event(case_dir, "reminder_sent", day=date(2024, 3, 10), channel="email", as_of=date(2025, 1, 15))
    after = (case_dir / "case.yaml").read_text()
    assert after.startswith("# header comment\n")
    data = read_case_file(case_dir / "case.yaml")
    assert data["events"] == [{"type": "reminder_sent", "date": "2024-03-10", "channel": "email"}]
    assert list(data)[list(data).index("payments") + 1] == "events"
    # Block-style items are extended in block style.
    record_event(case_dir, "call", day=date(2024, 3, 12), channel="phone", as_of=date(2025, 1, 15))
    assert len(read_case_file(case_dir / "case.yaml")["events"]) == 2


def test_json_case_stays_json(case_data, case_dir):
    path = case_dir / "case.json"
    path.write_text(json.dumps(case_data, ensure_ascii=False, indent=4), encoding="utf-8")
    record_event(path, "dispute_raised", day=date(2024, 6, 1), channel="email", note="conteste", as_of=date(2025, 1, 15))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["events"][-1] == {"type": "dispute_raised", "date": "2024-06-01", "channel": "email",
                                  "note": "conteste"}
    assert list(data) == list(case_data)
    assert path.read_text(encoding="utf-8").startswith('{\n    "schema_version": 1')


def test_cli(portfolio):
    runner = CliRunner()
    ok = runner.invoke(main, ["record", str(portfolio / "fr-b2c"), "formal_notice_sent", "--date", "2026-10-01",
                              "--channel", "registered_letter", "--tracking", "1A00000000001", "--as-of", "2026-10-15"])
    assert ok.exit_code == 0, ok.output
    assert read_case_file(portfolio / "fr-b2c" / "case.yaml")["events"][-1]["tracking_number"] == "1A00000000001"
    no_channel = runner.invoke(main, ["record", str(portfolio / "fr-b2c"), "reminder_sent", "--date", "2026-10-01"])
    assert no_channel.exit_code == 2 and "--channel" in no_channel.output
    later = runner.invoke(main, ["record", str(portfolio / "fr-b2c"), "call", "--date", "2026-11-01",
                                 "--as-of", "2026-10-15"])
    assert later.exit_code == 0 and "after the as-of date" not in later.output
    assert read_case_file(portfolio / "fr-b2c" / "case.yaml")["events"][-1] == {"type": "call", "date": "2026-11-01"}
    future = runner.invoke(main, ["record", str(portfolio / "fr-b2c"), "call", "--date", "2199-01-01"])
    assert future.exit_code == 0
    assert "warning: the date 2199-01-01 is after today (" in future.stderr
