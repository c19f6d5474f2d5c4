"""Issue 12, item 16: without a trust anchor, verify says "intact, signer not verified", exit 4.

Anchors come from --trust, $DOCGEN_TRUST or the trust: list of the $DOCGEN_CONFIG file; a
signature by anyone's self-made certificate is never "valid" without one.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from signkit import PASSWORD, make_pki

from docgen.cli import main
from docgen.errors import EXIT_OK, EXIT_SIGNATURE, EXIT_SIGNER_NOT_VERIFIED, DocgenError
from docgen.sign.pades import sign_pdf
from docgen.sign.signer import load_pkcs12_signer
from docgen.sign.trust import find_anchors


@pytest.fixture(scope="module")
def stranger(tmp_path_factory):
    """Anyone: a self-made CA and a signer that calls itself Claire Martin too."""
    return make_pki(tmp_path_factory.mktemp("stranger"))


@pytest.fixture(scope="module")
def files(tmp_path_factory, pdf, signer, stranger):
    folder = tmp_path_factory.mktemp("trust")
    (folder / "ours.pdf").write_bytes(sign_pdf(pdf, signer))
    (folder / "forged.pdf").write_bytes(sign_pdf(pdf, load_pkcs12_signer(stranger.signer_p12, PASSWORD)))
    return folder


def verify(path: Path, *args: str, env: dict | None = None):
    return CliRunner().invoke(main, ["verify", str(path), *args], env=env or {})


def test_exit_codes_do_not_clash():
    assert len({0, 1, 2, EXIT_SIGNATURE, EXIT_SIGNER_NOT_VERIFIED}) == 5
    assert (EXIT_OK, EXIT_SIGNATURE, EXIT_SIGNER_NOT_VERIFIED) == (0, 3, 4)


@pytest.mark.parametrize("name", ["ours.pdf", "forged.pdf"])
def test_no_anchor_is_intact_signer_not_verified_exit_4(files, name):
    result = verify(files / name)
    assert result.exit_code == EXIT_SIGNER_NOT_VERIFIED, result.output
    assert "result: intact, signer not verified" in result.output
    assert "result: valid" not in result.output
    assert "NOT VERIFIED (no trust anchor given)" in result.output


def test_anyones_self_made_certificate_fails_against_our_anchor(files, pki):
    result = verify(files / "forged.pdf", "--trust", str(pki.dir / "ca.pem"))
    assert result.exit_code == EXIT_SIGNATURE
    assert "trusted: NO" in result.output and "result: INVALID" in result.output


def test_anchor_from_the_environment(files, pki, stranger):
    env = {"DOCGEN_TRUST": os.pathsep.join([str(stranger.dir / "ca.pem"), str(pki.dir / "ca.pem")])}
    result = verify(files / "ours.pdf", env=env)
    assert result.exit_code == EXIT_OK, result.output
    assert "result: valid" in result.output and "2 file(s) from $DOCGEN_TRUST" in result.output
    assert verify(files / "forged.pdf", env={"DOCGEN_TRUST": str(pki.dir / "ca.pem")}).exit_code == EXIT_SIGNATURE


def test_anchor_from_the_firm_configuration_file(files, pki, tmp_path):
    (tmp_path / "certs").mkdir()
    (tmp_path / "certs" / "firm-ca.pem").write_bytes(pki.ca_pem)
    config = tmp_path / "docgen.yaml"
    config.write_text("# the firm's settings\ntrust:\n  - certs/firm-ca.pem\n", encoding="utf-8")
    result = verify(files / "ours.pdf", "--json", env={"DOCGEN_CONFIG": str(config)})
    assert result.exit_code == EXIT_OK, result.output
    report = json.loads(result.output)
    assert report["verdict"] == "valid"
    assert report["trust_anchors"]["files"] == [str(tmp_path / "certs" / "firm-ca.pem")]


def test_trust_option_wins_over_environment_and_configuration(pki, stranger, tmp_path):
    config = tmp_path / "docgen.yaml"
    config.write_text(f"trust: [{stranger.dir / 'ca.pem'}]\n", encoding="utf-8")
    env = {"DOCGEN_TRUST": str(stranger.dir / "ca.pem"), "DOCGEN_CONFIG": str(config)}
    given = (pki.dir / "ca.pem",)
    assert find_anchors(given, env).paths == given
    assert find_anchors((), env).source == "$DOCGEN_TRUST"
    assert find_anchors((), {"DOCGEN_CONFIG": str(config)}).paths == (stranger.dir / "ca.pem",)
    assert find_anchors((), {}).paths == ()


@pytest.mark.parametrize("text, message", [
    ("trust: [a.pem]\ntrust: [b.pem]\n", "duplicate"),      # the hardened reader refuses it
    ("trust: &x [a.pem]\nother: *x\n", "cannot be read"),   # no aliases
    ("trust: 42\n", "trust must be a list"),
    ("- a.pem\n", "must be a mapping"),
    ("trust: [missing.pem]\n", "is not a file"),
])
def test_bad_configuration_is_bad_input_exit_2(files, tmp_path, text, message):
    config = tmp_path / "docgen.yaml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(DocgenError, match=message):
        find_anchors((), {"DOCGEN_CONFIG": str(config)})
    result = verify(files / "ours.pdf", env={"DOCGEN_CONFIG": str(config)})
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "docgen.yaml" in result.output


def test_missing_anchor_from_the_environment_is_exit_2(files, tmp_path):
    result = verify(files / "ours.pdf", env={"DOCGEN_TRUST": str(tmp_path / "nowhere.pem")})
    assert result.exit_code == 2
    assert "nowhere.pem" in result.output and "$DOCGEN_TRUST" in result.output
