"""The review and draft flow end to end, from the CLI: a document that needs a human is refused
with the field to fill and nothing is written; --force gives a draft that is never signed; every
dossier folder holds its review file."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-10-15"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(main, ["demo-key", "-o", str(folder)], env={"DOCGEN_SIGN_PASSWORD": "demo-only"})
    assert result.exit_code == 0, result.output
    return folder


def dossier(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, ["dossier", *args], env={"DOCGEN_SIGN_PASSWORD": "demo-only", **(env or {})})


def test_an_undecided_court_refuses_the_signed_dossier_and_writes_nothing(demo, tmp_path):
    out = tmp_path / "out"
    result = dossier(str(ROOT / "examples" / "be-b2c"), "--as-of", AS_OF, "--doc", "injonction_de_payer",
                     "--accept-unconfirmed", "--sign", str(demo / "demo-signer.p12"), "-o", str(out))
    assert result.exit_code == 1, result.output
    assert "COURT-UNDECIDED" in result.output and "procedure.court" in result.output
    assert not out.exists() and not any(tmp_path.iterdir())


def test_force_gives_a_watermarked_draft_that_is_never_signed(demo, tmp_path):
    out = tmp_path / "out"
    args = [str(ROOT / "examples" / "be-b2c"), "--as-of", AS_OF, "--doc", "injonction_de_payer", "-o", str(out),
            "--force"]
    signed = dossier(*args, "--sign", str(demo / "demo-signer.p12"))
    assert signed.exit_code == 1 and "refusing to sign a draft" in signed.output
    assert not out.exists()
    draft = dossier(*args)
    assert draft.exit_code == 0, draft.output
    assert "DRAFT" in draft.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    review = json.loads((out / "review.json").read_text(encoding="utf-8"))
    assert manifest["draft"] is True and review["draft"] is True
    assert "COURT-UNDECIDED" in (out / "review.md").read_text(encoding="utf-8")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out / "dossier.pdf"), "-"], capture_output=True, text=True,
                              check=True).stdout
        main_pages = [page for page in text.split("\f") if "Requête" in page or "Verzoekschrift" in page]
        assert main_pages and all("ONTWERP" in page or "PROJET" in page for page in main_pages)


def test_a_decided_dossier_records_the_review_and_the_accepted_unconfirmed_data(demo, tmp_path):
    out = tmp_path / "out"
    result = dossier(str(ROOT / "examples" / "fr-b2b"), "--as-of", AS_OF, "--doc", "injonction_de_payer",
                     "--accept-unconfirmed", "--sign", str(demo / "demo-signer.p12"), "-o", str(out))
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["accept_unconfirmed"] is True and manifest["draft"] is False
    assert manifest["signature"]["level"] == "B-B"
    review = json.loads((out / "review.json").read_text(encoding="utf-8"))
    court = next(d for d in review["documents"][0]["decisions"] if d["name"] == "court")
    assert court["status"] == "decided" and court["result"]["name"] == "Tribunal de commerce de Saint-Nazaire"
    names = {f["name"] for f in manifest["files"]}
    assert {"review.json", "review.md"} <= names


def test_unconfirmed_data_refuses_the_dossier_unless_accepted(tmp_path):
    result = dossier(str(ROOT / "examples" / "fr-b2b"), "--as-of", AS_OF, "--doc", "mise_en_demeure",
                     "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "UNCONFIRMED-LEGAL-DATA" in result.output and "--accept-unconfirmed" in result.output
