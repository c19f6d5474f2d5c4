"""An independent checker: poppler's pdfsig (and NSS's certutil for the trust store)."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from signkit import MARKER

from docgen.sign.pades import sign_pdf

PDFSIG = shutil.which("pdfsig")
pytestmark = pytest.mark.skipif(PDFSIG is None, reason="poppler's pdfsig is not installed")


def pdfsig(path, *args) -> str:
    run = subprocess.run([PDFSIG, *args, str(path)], capture_output=True, text=True, timeout=60)
    return run.stdout + run.stderr


@pytest.fixture(scope="module")
def signed_file(tmp_path_factory, pdf, signer, tsa):
    path = tmp_path_factory.mktemp("pdfsig") / "signed.pdf"
    path.write_bytes(sign_pdf(pdf, signer, level="B-T", tsa_url=tsa.url))
    return path


@pytest.fixture(scope="module")
def nss_db(tmp_path_factory, pki):
    certutil = shutil.which("certutil")
    if certutil is None:
        pytest.skip("certutil (Debian libnss3-tools) is not installed")
    folder = tmp_path_factory.mktemp("nss")
    db = f"sql:{folder}"
    for args in (["-N", "--empty-password"],
                 ["-A", "-n", "docgen-test-ca", "-t", "CT,C,C", "-i", str(pki.dir / "ca.pem")]):
        subprocess.run([certutil, "-d", db, *args], check=True, capture_output=True, timeout=60)
    return db


def test_pdfsig_says_valid(signed_file):
    out = pdfsig(signed_file)
    assert "Signature is Valid." in out
    assert "ETSI.CAdES.detached" in out
    assert "Total document signed" in out


def test_pdfsig_trusts_the_ca_from_an_nss_db(signed_file, nss_db):
    out = pdfsig(signed_file, "-nssdir", nss_db)
    assert "Signature is Valid." in out
    assert "Certificate is Trusted." in out


def test_pdfsig_sees_a_flipped_byte(signed_file, tmp_path):
    data = signed_file.read_bytes()
    at = data.index(MARKER) + 3
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:])
    out = pdfsig(tampered)
    assert "Signature is Valid." not in out
    assert "Digest Mismatch" in out


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_sees_the_certification_no_changes_allowed(signed_file):
    """Issue 12, item 1: the catalog's /Perms /DocMDP points to our signature, P=1."""
    import json

    run = subprocess.run(["qpdf", "--json", str(signed_file)], capture_output=True, text=True, timeout=60)
    objects = json.loads(run.stdout)["qpdf"][1]
    catalog = objects["obj:" + objects["trailer"]["value"]["/Root"]]["value"]
    signature = objects["obj:" + catalog["/Perms"]["/DocMDP"]]["value"]
    assert signature["/SubFilter"] == "/ETSI.CAdES.detached"
    (reference,) = signature["/Reference"]
    assert reference["/TransformMethod"] == "/DocMDP"
    assert reference["/TransformParams"]["/P"] == 1
