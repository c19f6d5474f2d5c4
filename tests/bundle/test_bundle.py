"""docgen dossier end to end: the bundle a clerk or bailiff receives, signed or not."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "sign"))
from signkit import PASSWORD, LocalTsa, closed_port_url, make_pki  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fr-b2b"
ARGS = ["--as-of", "2026-10-15", "--doc", "mise_en_demeure", "--accept-unconfirmed"]


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def unsigned(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundle") / "out"
    result = CliRunner().invoke(main, ["dossier", str(EXAMPLE), *ARGS, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def run(args, env=None):
    return CliRunner(env=env).invoke(main, args)


def test_manifest_hashes_match_every_file(unsigned):
    manifest = json.loads((unsigned / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["name"] for f in manifest["files"]}
    on_disk = {p.name for p in unsigned.iterdir()} - {"manifest.json", manifest_zip(unsigned)}
    assert listed == on_disk
    for entry in manifest["files"]:
        data = (unsigned / entry["name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["size"]
    assert manifest["as_of"] == "2026-10-15" and manifest["docgen_version"]
    assert "fr.late_payment_rate" in manifest["rate_tables"]
    assert manifest["signature"] is None


def manifest_zip(folder: Path) -> str:
    return next(p.name for p in folder.iterdir() if p.suffix == ".zip")


def test_one_pdf_per_piece_named_and_proofs_linked(unsigned):
    manifest = json.loads((unsigned / "manifest.json").read_text(encoding="utf-8"))
    pieces = manifest["content"]["pieces"]
    names = sorted(p.name for p in unsigned.glob("Piece_*.pdf"))
    assert names == sorted(p["file_name"] for p in pieces)
    assert all(n.startswith(f"Piece_{i:02d}_") for i, n in enumerate(names, 1))
    proofs = [p["proof"] for p in pieces if p["proof"]]
    assert any(p["event_type"] == "formal_notice_sent" and p["tracking_number"] for p in proofs)


def test_zip_holds_everything_and_is_reproducible(unsigned, tmp_path):
    with zipfile.ZipFile(unsigned / manifest_zip(unsigned)) as zf:
        assert set(zf.namelist()) == {p.name for p in unsigned.iterdir()} - {manifest_zip(unsigned)}
        assert zf.testzip() is None
        for info in zf.infolist():
            assert zf.read(info) == (unsigned / info.filename).read_bytes(), info.filename
            # the PDFs' streams are compressed already: stored; the text files deflated
            stored = info.filename.endswith(".pdf")
            assert info.compress_type == (zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED), info.filename
    again = tmp_path / "again"
    assert run(["dossier", str(EXAMPLE), *ARGS, "-o", str(again)]).exit_code == 0
    for name in ("dossier.pdf", manifest_zip(unsigned)):
        assert (again / name).read_bytes() == (unsigned / name).read_bytes(), name


def test_signed_dossier_is_valid_for_docgen_and_pdfsig(pki, tmp_path):
    out = tmp_path / "signed"
    result = run(["dossier", str(EXAMPLE), *ARGS, "-o", str(out), "--sign", str(pki.signer_p12)],
                 env={"DOCGEN_SIGN_PASSWORD": PASSWORD.decode()})
    assert result.exit_code == 0, result.output
    ca = tmp_path / "ca.pem"
    ca.write_bytes(pki.ca_pem)
    verified = run(["verify", str(out / "dossier.pdf"), "--trust", str(ca)])
    assert verified.exit_code == 0, verified.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["signature"]["level"] == "B-B"
    if shutil.which("pdfsig"):
        report = subprocess.run(["pdfsig", str(out / "dossier.pdf")], capture_output=True, text=True).stdout
        assert "Signature is Valid." in report
    # a signed dossier is never replaced silently
    again = run(["dossier", str(EXAMPLE), *ARGS, "-o", str(out)])
    assert again.exit_code == 2 and "--replace" in again.output
    assert run(["dossier", str(EXAMPLE), *ARGS, "-o", str(out), "--replace"]).exit_code == 0


def test_signed_with_a_local_timestamp_authority(pki, tmp_path):
    tsa = LocalTsa(pki)
    try:
        out = tmp_path / "bt"
        result = run(["dossier", str(EXAMPLE), *ARGS, "-o", str(out), "--sign", str(pki.signer_p12),
                      "--tsa", tsa.url], env={"DOCGEN_SIGN_PASSWORD": PASSWORD.decode()})
        assert result.exit_code == 0, result.output
        assert json.loads((out / "manifest.json").read_text())["signature"]["level"] == "B-T"
    finally:
        tsa.stop()


@pytest.mark.parametrize("problem", ["wrong password", "unreachable tsa", "corrupt exhibit"])
def test_failures_leave_nothing_half_written(pki, tmp_path, problem):
    case = tmp_path / "case"
    shutil.copytree(EXAMPLE, case)
    args = ["dossier", str(case), *ARGS, "-o", str(tmp_path / "out")]
    env = {"DOCGEN_SIGN_PASSWORD": PASSWORD.decode()}
    if problem == "wrong password":
        args += ["--sign", str(pki.signer_p12)]
        env = {"DOCGEN_SIGN_PASSWORD": "not the password"}
        expected = 3
    elif problem == "unreachable tsa":
        args += ["--sign", str(pki.signer_p12), "--tsa", closed_port_url()]
        expected = 3
    else:
        (case / "pieces" / "F-2023-118.pdf").write_bytes(b"%PDF-1.7\n garbage")
        expected = 2
    result = run(args, env=env)
    assert result.exit_code == expected, result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case"]     # no output, no temporary folder


def test_max_file_size_splits_the_pieces_into_volumes(tmp_path):
    out = tmp_path / "vol"
    assert run(["dossier", str(EXAMPLE), *ARGS, "-o", str(out), "--max-file-size", "200KB"]).exit_code == 0
    volumes = sorted(out.glob("Pieces_Volume_*.pdf"))
    assert len(volumes) >= 2
    assert all(v.stat().st_size < 400 * 1024 for v in volumes)
    from pypdf import PdfReader

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    total = sum(p["pages"] for p in manifest["content"]["pieces"])
    assert sum(len(PdfReader(v).pages) for v in volumes) == total
