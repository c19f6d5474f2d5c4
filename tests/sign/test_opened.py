"""Opening a PKCS#12 key checks it without pyHanko; pyHanko loads on the first signature or on
``prepare()`` (docgen/sign/opened.py), and the signature is the one the key always made."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from signkit import PASSWORD

import docgen
from docgen.errors import SigningError
from docgen.sign.opened import OpenedSigner
from docgen.sign.pades import sign_pdf
from docgen.sign.session import SigningSetup, open_signer, sign
from docgen.sign.signer import close_signer, load_pkcs12_signer, signer_common_name

ROOT = Path(__file__).resolve().parents[2]
MOMENT = datetime(2026, 10, 15, 9, 30, tzinfo=timezone.utc)


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCGEN_")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120,
                          env=env)


def test_opening_a_key_loads_no_pyhanko_and_the_first_signature_does(pki, tmp_path):
    code = (
        "import sys; from pathlib import Path\n"
        "from docgen.sign.session import SigningSetup, open_signer, sign\n"
        "setup = SigningSetup(pkcs12=Path(sys.argv[1]))\n"
        "with open_signer(setup, ask_secret=lambda prompt: sys.argv[2]) as signer:\n"
        "    print('opened', 'pyhanko' in sys.modules)\n"
        "    signed = sign(Path(sys.argv[3]).read_bytes(), setup, signer)\n"
        "    print('signed', 'pyhanko' in sys.modules, signed.summary['signer'])\n"
        "    Path(sys.argv[4]).write_bytes(signed.data)\n")
    unsigned = tmp_path / "in.pdf"
    from signkit import make_pdf
    unsigned.write_bytes(make_pdf(pages=1))
    run = _run(code, str(pki.signer_p12), PASSWORD.decode(), str(unsigned), str(tmp_path / "out.pdf"))
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "opened False"
    assert run.stdout.splitlines()[1].startswith("signed True ")
    assert run.stderr == ""
    assert b"/ByteRange" in (tmp_path / "out.pdf").read_bytes()


def test_a_wrong_password_is_refused_before_pyhanko_loads(pki):
    code = (
        "import sys; from pathlib import Path\n"
        "from docgen.errors import SigningError\n"
        "from docgen.sign.session import SigningSetup, open_signer\n"
        "try:\n"
        "    with open_signer(SigningSetup(pkcs12=Path(sys.argv[1])), ask_secret=lambda p: 'wrong'):\n"
        "        pass\n"
        "except SigningError as exc:\n"
        "    print('refused', 'pyhanko' in sys.modules, exc)\n")
    run = _run(code, str(pki.signer_p12))
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("refused False ") and "wrong password" in run.stdout


def test_an_opened_key_signs_exactly_as_the_loaded_signer(pki, pdf):
    setup = SigningSetup(pkcs12=pki.signer_p12)
    loaded = load_pkcs12_signer(pki.signer_p12, PASSWORD)
    with open_signer(setup, ask_secret=lambda prompt: PASSWORD.decode()) as opened:
        assert isinstance(opened, OpenedSigner) and opened.prepared is None
        made = opened.prepare()
        assert opened.prepare() is made                      # made once
        signed = sign(pdf, setup, opened, signing_time=MOMENT)
    # pyHanko's output differs from one signature to the next (the update's file identifier),
    # so the two are compared by what a verifier reads from them
    reference = sign_pdf(pdf, loaded, signing_time=MOMENT)
    reports = [docgen.verify(data, trust=[pki.dir / "ca.pem"]) for data in (signed.data, reference)]
    assert [r.verdict for r in reports] == ["valid", "valid"]
    assert reports[0].signatures[0].signer == reports[1].signatures[0].signer == signed.summary["signer"]
    assert signed.summary["signer"] == signer_common_name(loaded) is not None


def test_closing_a_key_never_prepared_is_harmless(pki):
    opened = OpenedSigner(lambda: pytest.fail("closing must not make the pyHanko signer"))
    close_signer(opened)
    with pytest.raises(SigningError, match="wrong password"):
        with open_signer(SigningSetup(pkcs12=pki.signer_p12), ask_secret=lambda prompt: "hunter2"):
            pass
