"""Signing through PKCS#11, with a SoftHSM token created in a temporary folder."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from docgen.errors import SigningError
from docgen.sign.pades import sign_pdf
from docgen.sign.signer import close_signer, open_pkcs11_signer
from docgen.sign.verify import verify_pdf

MODULE = next((p for p in ("/usr/lib/softhsm/libsofthsm2.so",
                           "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so") if Path(p).exists()), None)
PIN, SO_PIN, TOKEN = "1234", "5678", "docgen-test"


def _missing() -> str | None:
    if MODULE is None or not shutil.which("softhsm2-util"):
        return "SoftHSM is not installed (Debian softhsm2)"
    if not shutil.which("pkcs11-tool"):
        return "pkcs11-tool is not installed (Debian opensc)"
    try:
        import pkcs11  # noqa: F401
    except ImportError:
        return "python-pkcs11 is not installed (pip install 'pyhanko[pkcs11]')"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=str(_missing()))


@pytest.fixture(scope="module")
def token(tmp_path_factory, pki):
    """A token holding the signer's key and certificate, and the CA's certificate."""
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n"
                    "log.level = ERROR\n")
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)  # read by SoftHSM in this process and the tools

    def run(*cmd):
        subprocess.run(cmd, check=True, capture_output=True, timeout=60)

    key = folder / "signer.key.pem"
    key.write_bytes(pki.signer_key.private_bytes(serialization.Encoding.PEM,
                                                 serialization.PrivateFormat.PKCS8,
                                                 serialization.NoEncryption()))
    run("softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", SO_PIN)
    run("softhsm2-util", "--import", str(key), "--token", TOKEN, "--label", "signer", "--id", "01",
        "--pin", PIN)
    key.unlink()
    tool = ["pkcs11-tool", "--module", MODULE, "--token-label", TOKEN, "--login", "--pin", PIN]
    for cert, label, ident in ((pki.signer_cert, "signer", "01"), (pki.ca_cert, "ca", "02")):
        der = folder / f"{label}.der"
        der.write_bytes(cert.public_bytes(serialization.Encoding.DER))
        run(*tool, "--write-object", str(der), "--type", "cert", "--label", label, "--id", ident)
    yield MODULE
    if previous is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = previous


def test_sign_through_pkcs11_and_verify(token, pdf, pki, tmp_path):
    signer = open_pkcs11_signer(token, TOKEN, PIN, key_label="signer", cert_label="signer")
    try:
        out = sign_pdf(pdf, signer, level="B-B")
    finally:
        close_signer(signer)
    report = verify_pdf(out, [pki.ca_pem])
    assert report.ok, report.text()
    assert report.signatures[0].signer == "Claire Martin"
    if shutil.which("pdfsig"):
        path = tmp_path / "p11.pdf"
        path.write_bytes(out)
        run = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
        assert "Signature is Valid." in run.stdout


def test_wrong_pin_is_a_signing_error(token):
    with pytest.raises(SigningError, match="wrong PIN") as err:
        open_pkcs11_signer(token, TOKEN, "0000", key_label="signer")
    assert "0000" not in err.value.message


def test_unknown_label_is_a_signing_error(token):
    with pytest.raises(SigningError, match="key or certificate"):
        open_pkcs11_signer(token, TOKEN, PIN, key_label="nobody")


def test_unknown_token_is_a_signing_error(token):
    with pytest.raises(SigningError, match="cannot open"):
        open_pkcs11_signer(token, "no-such-token", PIN, key_label="signer")
