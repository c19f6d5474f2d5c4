"""PDF/A-3b markers, associated files, structural check (qpdf) and byte-identical rebuilds."""
from __future__ import annotations

import hashlib
import json
import re
import subprocess

import pytest
from pypdf.generic import IndirectObject

from .conftest import NAMES, build, load, needs_qpdf, reader


def _fonts(pdf) -> list[dict]:  # noqa: ANN001
    """Every font dictionary reachable from the pages (through form XObjects too)."""
    found, seen = [], set()

    def visit(resources) -> None:  # noqa: ANN001
        if resources is None:
            return
        resources = resources.get_object()
        if id(resources) in seen:
            return
        seen.add(id(resources))
        for font in (resources.get("/Font") or {}).values():
            found.append(font.get_object())
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in pdf.pages:
        visit(page.get("/Resources"))
    return found


def _embedded(font) -> bool:  # noqa: ANN001
    if font.get("/Subtype") == "/Type3":
        return True
    target = font["/DescendantFonts"][0].get_object() if font.get("/Subtype") == "/Type0" else font
    descriptor = target["/FontDescriptor"].get_object()
    return any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _xmp(pdf) -> str:  # noqa: ANN001
    return pdf.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


def _xmp_value(xmp: str, name: str) -> str | None:
    m = re.search(rf"<{name}>([^<]*)</{name}>", xmp) or re.search(rf'{name}="([^"]*)"', xmp)
    return m.group(1) if m else None


@pytest.mark.parametrize("name", NAMES)
def test_pdfa_3b_markers(dossier_of, name):
    d = dossier_of(name)
    pdf = reader(d.pdf)
    root = pdf.trailer["/Root"]
    xmp = _xmp(pdf)
    assert _xmp_value(xmp, "pdfaid:part") == "3"
    assert _xmp_value(xmp, "pdfaid:conformance") == "B"
    intents = root["/OutputIntents"]
    assert intents and intents[0].get_object()["/S"] == "/GTS_PDFA1"
    assert "/DestOutputProfile" in intents[0].get_object()
    fonts = _fonts(pdf)
    assert fonts and all(_embedded(f) for f in fonts), [str(f.get("/BaseFont")) for f in fonts if not _embedded(f)]
    assert "/Encrypt" not in pdf.trailer and not pdf.is_encrypted
    assert pdf.metadata["/Producer"] == _xmp_value(xmp, "pdf:Producer") == "docgen 0.1.0"
    assert pdf.metadata["/Title"] == re.search(r'<rdf:li xml:lang="x-default">([^<]*)<', xmp).group(1)
    ids = pdf.trailer["/ID"]
    assert len(ids) == 2 and len(bytes(ids[0].original_bytes)) == 16
    assert d.pdf.startswith(b"%PDF-1.7")


@pytest.mark.parametrize("name", NAMES)
def test_originals_and_case_file_are_associated_files(dossier_of, name):
    d = dossier_of(name)
    case = load(name)
    pdf = reader(d.pdf)
    root = pdf.trailer["/Root"]
    specs = [ref.get_object() for ref in root["/AF"]]
    assert [s["/F"] for s in specs] == [a.name for a in d.attachments]
    names = root["/Names"]["/EmbeddedFiles"]["/Names"]
    assert [str(n) for n in names[0::2]] == sorted(a.name for a in d.attachments)
    assert all(isinstance(ref, IndirectObject) for ref in root["/AF"])
    for spec, attachment in zip(specs, d.attachments):
        assert spec["/AFRelationship"] == "/" + attachment.relationship
        assert spec["/UF"] == attachment.name
        stream = spec["/EF"]["/F"].get_object()
        assert stream.get_data() == attachment.data
        assert stream["/Subtype"] == "/" + attachment.mime
        assert "/ModDate" in stream["/Params"] and stream["/Params"]["/Size"] == len(attachment.data)
    data = next(a for a in d.attachments if a.relationship == "Data")
    assert data.mime == "application/json" and json.loads(data.data) == case.model_dump(mode="json")
    invoices = [p for p in d.pieces if p.kind == "invoice"]
    for piece in invoices:
        original = next(a for a in d.attachments if a.name.startswith(f"Piece_{piece.number:02d}_"))
        assert original.data == piece.source.read_bytes() and original.relationship == "Source"
    assert reader(d.pdf).attachments.keys()


@needs_qpdf
@pytest.mark.parametrize("name", NAMES)
def test_qpdf_check_passes(dossier_of, name, tmp_path):
    d = dossier_of(name)
    files = [("dossier.pdf", d.pdf)] + [(p.file_name, p.pdf) for p in d.pieces]
    for file_name, data in files:
        path = tmp_path / file_name
        path.write_bytes(data)
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, f"{file_name}: {result.stdout}{result.stderr}"
        assert "No syntax or stream encoding errors" in result.stdout


def test_each_piece_file_is_pdfa_marked_too(dossier_of):
    for piece in dossier_of("fr-b2b").pieces:
        pdf = reader(piece.pdf)
        assert _xmp_value(_xmp(pdf), "pdfaid:part") == "3"
        assert "/OutputIntents" in pdf.trailer["/Root"]
        assert pdf.metadata["/Producer"] == "docgen 0.1.0"
        assert all(_embedded(f) for f in _fonts(pdf))


def test_rebuild_is_byte_identical(dossier_of):
    first = dossier_of("fr-b2b")
    again = build(load("fr-b2b"))
    assert again.pdf == first.pdf
    assert [p.pdf for p in again.pieces] == [p.pdf for p in first.pieces]
    assert hashlib.sha256(again.pdf).hexdigest() == again.manifest()["sha256"]


def test_dates_come_from_as_of_or_source_date_epoch(dossier_of, monkeypatch):
    d = dossier_of("be-b2c")
    assert reader(d.pdf).metadata["/CreationDate"] == "D:20261015000000Z"
    assert "<xmp:CreateDate>2026-10-15T00:00:00Z</xmp:CreateDate>" in _xmp(reader(d.pdf))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    one, two = build(load("be-b2c")), build(load("be-b2c"))
    assert one.pdf == two.pdf != d.pdf
    assert reader(one.pdf).metadata["/ModDate"] == "D:20260921141320Z"
    assert one.document_id == d.document_id             # same case, document and date: same /ID[0]


def test_same_bytes_from_another_folder(dossier_of, tmp_path):
    """Nothing of the machine (absolute paths, time, randomness) gets into the file."""
    from .conftest import copy_example

    moved = build(load("", copy_example("be-b2b", tmp_path)))
    assert moved.pdf == dossier_of("be-b2b").pdf
