"""Session fixtures: a generated PKI, a local TSA and a loaded signer (see signkit)."""
from __future__ import annotations

import pytest

pytest.importorskip("pyhanko.sign", reason="pyHanko is not installed")
pytest.importorskip("pypdf", reason="the signing tests build their PDFs with pypdf")

from signkit import PASSWORD, LocalTsa, make_pdf, make_pki  # noqa: E402


@pytest.fixture(autouse=True)
def _hermetic(monkeypatch):
    """Each test says which password and trust anchors it means: none leak in from the shell
    (the README exports DOCGEN_SIGN_PASSWORD; a firm may export DOCGEN_TRUST)."""
    for name in ("DOCGEN_SIGN_PASSWORD", "DOCGEN_TRUST", "DOCGEN_CONFIG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def tsa(pki):
    server = LocalTsa(pki)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def signer(pki):
    from docgen.sign.signer import load_pkcs12_signer

    return load_pkcs12_signer(pki.signer_p12, PASSWORD)


@pytest.fixture(scope="session")
def pdf() -> bytes:
    return make_pdf(pages=2)
