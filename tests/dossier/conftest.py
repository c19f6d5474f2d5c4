"""Dossiers of the four examples, built once per test session, and PDF inspection helpers."""
from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from docgen.api import load_case
from docgen.dossier import Dossier
from docgen.dossier.build import build_dossier
from docgen.errors import ComplianceError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
AS_OF = date(2026, 10, 15)
NAMES = ("fr-b2b", "fr-b2c", "be-b2b", "be-b2c")

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
needs_qpdf = pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf not installed")


def load(name: str, folder: Path | None = None):  # noqa: ANN201 - Case
    return load_case(folder or EXAMPLES / name, as_of=AS_OF)


def build(case, doc: str = "injonction_de_payer", **kwargs) -> Dossier:  # noqa: ANN001
    """The examples' dossiers as their users would build them: accepting the 2026 rates that are not
    yet officially confirmed, and as drafts where a finding still refuses the main document."""
    kwargs.setdefault("accept_unconfirmed", True)
    try:
        return build_dossier(case, doc, AS_OF, **kwargs)
    except ComplianceError:
        return build_dossier(case, doc, AS_OF, force=True, **kwargs)


_CACHE: dict[tuple[str, str], Dossier] = {}


@pytest.fixture(scope="session")
def dossier_of():
    """dossier_of("fr-b2b") -> the example's injonction_de_payer dossier (built once)."""
    def get(name: str, doc: str = "injonction_de_payer") -> Dossier:
        if (name, doc) not in _CACHE:
            _CACHE[(name, doc)] = build(load(name), doc)
        return _CACHE[(name, doc)]
    return get


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes, tmp: Path) -> list[str]:
    """pdftotext of each page (layout mode), from poppler: what a court's reader extracts."""
    path = tmp / "probe.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def copy_example(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(EXAMPLES / name, target)
    return target
