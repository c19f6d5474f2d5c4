"""Issue 12, item 17: validation refuses the exhibits the dossier would refuse, naming the pièce."""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from samplefiles import PDF, pdf_of

from docgen.api import validate
from docgen.cli import main

_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header announces ``width`` x ``height`` pixels (no pixel data follows)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def _encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


HOSTILE = {
    "html": ("pieces/F-2024-101.pdf",
             b"<!DOCTYPE html><html><body><p>%PDF-1.7</p><script>alert(1)</script></body></html>\n", "not a PDF"),
    "html polyglot": ("pieces/F-2024-101.pdf", b"<html>" + PDF, "not a PDF"),
    "truncated": ("pieces/F-2024-101.pdf", PDF[: len(PDF) // 2], "damaged or truncated"),
    "no startxref": ("pieces/F-2024-101.pdf", b"%PDF-1.4\n", "damaged or truncated"),
    "encrypted": ("pieces/F-2024-101.pdf", None, "password-protected"),
    "page loop": ("pieces/F-2024-101.pdf", pdf_of(_CATALOG, b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"), ""),
    "no page": ("pieces/F-2024-101.pdf", pdf_of(_CATALOG, b"<< /Type /Pages /Kids [] /Count 0 >>"), "no page"),
    "damaged stream": ("pieces/F-2024-101.pdf", pdf_of(
        _CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length 12 /Filter /FlateDecode >>\nstream\nnot deflated\nendstream"), "damaged"),
    "png bomb": ("pieces/cgv.png", _png_header(100_000, 100_000), "decompression bomb"),
    "png just over the limit": ("pieces/cgv.png", _png_header(9_000, 8_000), "megapixels"),
    "png damaged": ("pieces/cgv.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "damaged or unreadable"),
    "jpeg damaged": ("proofs/avis-reception.jpg", b"\xff\xd8\xff" + b"\x00" * 40, "damaged or unreadable"),
}
FIELD = {"pieces/F-2024-101.pdf": "invoices[0].file", "pieces/cgv.png": "exhibits[0].file",
         "proofs/avis-reception.jpg": "events[2].proof"}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_file_the_dossier_would_refuse_is_a_validation_error(case_data, case_dir, name):
    relative, content, expected = HOSTILE[name]
    (case_dir / relative).write_bytes(content if content is not None else _encrypted_pdf())
    report = validate(case_data, base_dir=case_dir)
    errors = {p.path: p.message for p in report.errors}
    assert list(errors) == [FIELD[relative]], report.problems
    assert expected in errors[FIELD[relative]]


def test_the_real_files_of_the_fixture_and_examples_pass(case_data, case_dir):
    assert validate(case_data, base_dir=case_dir).valid
    examples = Path(__file__).resolve().parents[2] / "examples"
    for example in sorted(examples.iterdir()):
        if (example / "case.yaml").is_file():
            assert validate(example / "case.yaml").errors == [], example


def test_validate_names_the_piece_once_and_exits_2(case_data, case_dir):
    import json

    (case_dir / "pieces" / "F-2024-101.pdf").write_bytes(PDF[: len(PDF) // 2])
    (case_dir / "case.json").write_text(json.dumps(case_data), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(case_dir / "case.json"), "--as-of", "2025-01-15"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if "truncated" in line]
    assert len(lines) == 1 and lines[0].startswith("error: invoices[0].file:")
    assert "Traceback" not in result.output and "WARNING" not in result.output
