"""Files the portfolio commands write get the mode an ordinary write would give (0666 less the
umask), and a rewritten case file keeps its own: atomic writes go through mkstemp's private 0600."""
from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from pfkit import AS_OF, EXAMPLES

from docgen.cli import main
from docgen import batch, import_invoices, record_event


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    try:
        yield 0o640
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_record_keeps_the_case_file_mode_and_copies_a_proof_with_the_default_one(portfolio, tmp_path, umask_027):
    case_file = portfolio / "fr-b2b" / "case.yaml"
    case_file.chmod(0o604)
    scan = tmp_path / "scan.pdf"
    shutil.copyfile(EXAMPLES / "fr-b2b" / "proofs" / "lrar-preuve-de-depot-2026-09-08.pdf", scan)
    scan.chmod(0o600)
    record_event(portfolio / "fr-b2b", "call", day=AS_OF, channel="phone", proof=scan, as_of=AS_OF)
    assert _mode(case_file) == 0o604
    assert _mode(portfolio / "fr-b2b" / "proofs" / "scan.pdf") == umask_027


def test_batch_outputs_and_report(portfolio, tmp_path, umask_027):
    for name in ("be-b2b", "be-b2c", "fr-b2c"):
        shutil.rmtree(portfolio / name)
    out = tmp_path / "out"
    report = batch(portfolio, AS_OF, out, accept_unconfirmed=True)
    [line] = report.items
    assert line.status == "rendered"
    for rel in line.outputs:
        assert _mode(out / rel) == umask_027
    assert _mode(out / "batch-report.json") == umask_027


def test_imported_case_files_and_aging_output(portfolio, tmp_path, umask_027):
    from test_import import CREDITOR, CSV

    source = tmp_path / "factures.csv"
    source.write_text(CSV, encoding="utf-8")
    (tmp_path / "creditor.yaml").write_text(CREDITOR, encoding="utf-8")
    report = import_invoices(source, tmp_path / "imported", creditor=tmp_path / "creditor.yaml")
    assert report.written
    for written in report.written:
        assert _mode(written.path) == umask_027
    target = tmp_path / "aging.html"
    result = CliRunner().invoke(main, ["aging", str(portfolio), "--as-of", AS_OF.isoformat(), "--format", "html",
                                       "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert _mode(target) == umask_027
