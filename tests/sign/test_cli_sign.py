"""docgen verify and the shared signing options: exit codes, messages, never a traceback."""
from __future__ import annotations

import json
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from signkit import MARKER, PASSWORD

from docgen.cli import _Group, main
from docgen.cli_sign import PASSWORD_ENV, open_signer, sign_options, sign_with
from docgen.sign.pades import sign_pdf


@pytest.fixture(scope="module")
def files(tmp_path_factory, pdf, signer):
    folder = tmp_path_factory.mktemp("cli")
    signed = sign_pdf(pdf, signer)
    at = signed.index(MARKER) + 3
    paths = {"signed": signed, "unsigned": pdf,
             "tampered": signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1:],
             "not-a-pdf": b"PK\x03\x04 this is a zip file", "truncated": b"%PDF-1.7\n1 0 obj <<"}
    from pypdf import PdfWriter

    writer = PdfWriter(BytesIO(signed), incremental=True)
    writer.add_blank_page(595, 842)
    buf = BytesIO()
    writer.write(buf)
    paths["appended"] = buf.getvalue()
    for name, data in paths.items():
        (folder / f"{name}.pdf").write_bytes(data)
    return folder


def verify(*args):
    return CliRunner().invoke(main, ["verify", *map(str, args)])


def test_verify_valid_file(files, pki):
    result = verify(files / "signed.pdf", "--trust", pki.dir / "ca.pem")
    assert result.exit_code == 0, result.output
    assert "Claire Martin" in result.output and "result: valid" in result.output


def test_verify_json(files, pki):
    result = verify(files / "signed.pdf", "--json", "--trust", pki.dir / "ca.pem")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["ok"] and report["verdict"] == "valid" and report["trust_checked"] is True
    assert report["signatures"][0]["trusted"] is True
    assert report["signatures"][0]["level"] == "B-B"
    assert report["signatures"][0]["certification"] == "no changes allowed"
    assert report["trust_anchors"] == {"source": "--trust", "files": [str(pki.dir / "ca.pem")]}


def test_verify_without_trust_anchor_is_not_valid_exit_4(files):
    result = verify(files / "signed.pdf", "--json")
    assert result.exit_code == 4, result.output
    report = json.loads(result.output)
    assert not report["ok"] and report["verdict"] == "intact, signer not verified"
    assert report["signatures"][0]["trusted"] is None
    text = verify(files / "signed.pdf")
    assert text.exit_code == 4
    assert "result: intact, signer not verified" in text.output and "result: valid" not in text.output


@pytest.mark.parametrize("name, expected", [
    ("unsigned", "no signature"),
    ("tampered", "digest mismatch"),
    ("appended", "MODIFIED AFTER SIGNING"),
])
def test_verify_invalid_files_exit_3(files, name, expected):
    result = verify(files / f"{name}.pdf")
    assert result.exit_code == 3, result.output
    assert expected in result.output
    assert isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("name", ["not-a-pdf", "truncated"])
def test_verify_corrupt_file_exit_3_without_traceback(files, name):
    result = verify(files / f"{name}.pdf")
    assert result.exit_code == 3
    assert "not a readable PDF" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_verify_untrusted_with_trust_exit_3(files, tmp_path):
    from signkit import make_pki

    stranger = make_pki(tmp_path / "stranger")
    result = verify(files / "signed.pdf", "--trust", stranger.dir / "ca.pem")
    assert result.exit_code == 3
    assert "trusted: NO" in result.output


def test_verify_as_a_subprocess_prints_no_traceback(files):
    run = subprocess.run([sys.executable, "-m", "docgen", "verify", str(files / "appended.pdf")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 3
    assert "Traceback" not in run.stdout + run.stderr


def test_docgen_cli_does_not_import_pyhanko():
    code = "import sys, docgen.cli; sys.exit('pyhanko' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


# --- the option set, as another command (docgen dossier) uses it ------------------------------

@click.group(cls=_Group)
def app():
    pass


@app.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.argument("target", type=click.Path(path_type=Path))
@sign_options
def build(source, target, signing):
    with open_signer(signing) as signer:
        data = source.read_bytes()
        target.write_bytes(sign_with(data, signing, signer) if signing else data)


def run_build(files, tmp_path, *options, env=None, input=None):
    target = tmp_path / "out.pdf"
    result = CliRunner().invoke(app, ["build", str(files / "unsigned.pdf"), str(target), *map(str, options)],
                                env=env or {}, input=input)
    return result, target


def test_options_sign_with_password_from_env(files, pki, tsa, tmp_path):
    from docgen.sign.verify import verify_pdf

    result, target = run_build(files, tmp_path, "--sign", pki.signer_p12, "--tsa", tsa.url,
                               env={PASSWORD_ENV: PASSWORD.decode()})
    assert result.exit_code == 0, result.output
    report = verify_pdf(target.read_bytes(), [pki.ca_pem])
    assert report.ok and report.signatures[0].level == "B-T"  # --tsa implies B-T


def test_options_password_from_hidden_prompt(files, pki, tmp_path):
    result, target = run_build(files, tmp_path, "--sign", pki.signer_p12, input=PASSWORD.decode() + "\n")
    assert result.exit_code == 0, result.output
    assert PASSWORD.decode() not in result.output  # hidden input is not echoed


def test_options_wrong_password_exit_3(files, pki, tmp_path):
    result, target = run_build(files, tmp_path, "--sign", pki.signer_p12, env={PASSWORD_ENV: "hunter2"})
    assert result.exit_code == 3
    assert "signer.p12" in result.output and "hunter2" not in result.output
    assert not target.exists()


def test_options_no_password_and_no_terminal_exit_3(files, pki, tmp_path):
    result, _ = run_build(files, tmp_path, "--sign", pki.signer_p12, input="")
    assert result.exit_code == 3
    assert PASSWORD_ENV in result.output


@pytest.mark.parametrize("options, message", [
    (["--sign-level", "B-T"], "need --sign"),
    (["--sign", "{p12}", "--sign-level", "B-T"], "needs --tsa"),
    (["--sign", "{p12}", "--tsa", "http://127.0.0.1:9/", "--sign-level", "B-LT"], "needs --trust"),
    (["--sign", "{p12}", "--pkcs11-module", "{p12}"], "alternatives"),
    (["--pkcs11-module", "{p12}"], "needs --pkcs11-token"),
])
def test_inconsistent_options_are_usage_errors(files, pki, tmp_path, options, message):
    options = [o.format(p12=pki.signer_p12) for o in options]
    result, _ = run_build(files, tmp_path, *options)
    assert result.exit_code == 2
    assert message in result.output


def test_without_signing_options_nothing_is_signed(files, tmp_path):
    result, target = run_build(files, tmp_path)
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == (files / "unsigned.pdf").read_bytes()


@pytest.mark.parametrize("level", ["B-LT", "B-LTA"])
def test_options_long_term_levels(files, pki, tsa, tmp_path, level):
    from docgen.sign.verify import verify_pdf

    result, target = run_build(files, tmp_path, "--sign", pki.signer_p12, "--tsa", tsa.url,
                               "--trust", pki.dir / "ca.pem", "--sign-level", level, "--sign-visible",
                               "--sign-reason", "Dossier", env={PASSWORD_ENV: PASSWORD.decode()})
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    report = verify_pdf(target.read_bytes(), [pki.ca_pem])
    assert report.ok and report.signatures[0].level == level


def test_cli_levels_match_the_library():
    from docgen.cli_sign import LEVELS
    from docgen.sign import pades

    assert LEVELS == pades.LEVELS


# --- issue 12, item 19: no CryptographyDeprecationWarning on sign and verify ---------------------

def _clean_env() -> dict:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCGEN_", "PYTHONWARNINGS"))}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    return env


def test_pyhanko_import_still_warns_without_our_filter():
    """What the filter is for: if this stops warning (pyHanko or cryptography changed), the
    filter in docgen/sign/__init__.py can go."""
    run = subprocess.run([sys.executable, "-c", "import pyhanko.sign.signers.pdf_cms"],
                         capture_output=True, text=True, timeout=120, env=_clean_env())
    if "DSA is deprecated" not in run.stderr:
        pytest.skip("pyHanko no longer triggers cryptography's DSA deprecation warning")
    assert "CryptographyDeprecationWarning" in run.stderr


def test_verify_prints_no_warning(files, pki):
    run = subprocess.run([sys.executable, "-m", "docgen", "verify", str(files / "signed.pdf"),
                          "--trust", str(pki.dir / "ca.pem")],
                         capture_output=True, text=True, timeout=120, env=_clean_env())
    assert run.returncode == 0, run.stdout + run.stderr
    assert "result: valid" in run.stdout
    assert run.stderr == ""


def test_signing_prints_no_warning(files, pki, tmp_path):
    code = ("import sys; from pathlib import Path; from docgen.sign.signer import load_pkcs12_signer; "
            "from docgen.sign.pades import sign_pdf; "
            "s = load_pkcs12_signer(sys.argv[1], sys.argv[2].encode()); "
            "Path(sys.argv[4]).write_bytes(sign_pdf(Path(sys.argv[3]).read_bytes(), s))")
    out = tmp_path / "signed.pdf"
    run = subprocess.run([sys.executable, "-c", code, str(pki.signer_p12), PASSWORD.decode(),
                          str(files / "unsigned.pdf"), str(out)],
                         capture_output=True, text=True, timeout=120, env=_clean_env())
    assert run.returncode == 0, run.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert run.stderr == ""
