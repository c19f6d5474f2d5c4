"""Issue 12, item 1: a visible overlay appended after signing must not verify.

The forger appends an incremental update: a new signature field whose widget paints a white
box with « TOTAL DU : 0,00 EUR » over page 2. pyHanko calls that form filling, which an
approval signature allows; docgen used to answer « result: valid », exit 0.
"""
from __future__ import annotations

import shutil
import subprocess
from io import BytesIO

import pytest
from click.testing import CliRunner
from signkit import OVERLAY_TEXT, add_overlay

from docgen.cli import main
from docgen.sign.pades import sign_pdf
from docgen.sign.verify import verify_pdf


@pytest.fixture(scope="module")
def approval(pdf, signer) -> bytes:
    """PAdES B-B, approval signature, no DocMDP: how docgen signed before the fix."""
    return sign_pdf(pdf, signer, certify=False)


@pytest.fixture(scope="module")
def certified(pdf, signer) -> bytes:
    return sign_pdf(pdf, signer)


def _verify_cli(path, pki):
    return CliRunner().invoke(main, ["verify", str(path), "--trust", str(pki.dir / "ca.pem")])


def test_the_forgery_really_paints_over_page_2(approval):
    from pypdf import PdfReader

    forged = add_overlay(approval)
    assert forged.startswith(approval)  # the signed bytes are untouched
    widget = next(a.get_object() for a in PdfReader(BytesIO(forged)).pages[1]["/Annots"])
    assert widget["/T"] == "overlay" and int(widget["/F"]) == 4
    assert OVERLAY_TEXT in widget["/AP"]["/N"].get_object().get_data()


@pytest.mark.parametrize("which", ["approval", "certified"])
def test_overlay_after_signing_is_invalid_exit_3(request, which, pki, tmp_path):
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(add_overlay(request.getfixturevalue(which)))
    result = _verify_cli(forged, pki)
    assert result.exit_code == 3, result.output
    assert "result: INVALID" in result.output and "result: valid" not in result.output
    assert "MODIFIED AFTER SIGNING" in result.output
    # What changed, and where.
    assert "page 2: added a Widget annotation (field 'overlay') that shows on the page" in result.output

    report = verify_pdf(forged.read_bytes(), [pki.ca_pem])
    first = report.signatures[0]
    assert first.intact and first.valid and first.trusted  # the signature itself holds...
    assert first.modified_after_signing and not report.ok  # ...but not what is shown now
    # Under the certification, pyHanko's own analysis refuses the update too; after an
    # approval signature it passes as form filling, and only the visible-change check stops it.
    assert first.modification == ("other" if which == "certified" else "form_filling")


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler's pdfsig is not installed")
def test_pdfsig_beside_it_sees_an_unsigned_update(approval, pki, tmp_path):
    """poppler checks only the bytes: the signature is valid, but not over the whole file."""
    signed, forged = tmp_path / "signed.pdf", tmp_path / "forged.pdf"
    signed.write_bytes(approval)
    forged.write_bytes(add_overlay(approval))
    before = subprocess.run(["pdfsig", str(signed)], capture_output=True, text=True, timeout=60).stdout
    after = subprocess.run(["pdfsig", str(forged)], capture_output=True, text=True, timeout=60).stdout
    assert "Total document signed" in before and "Not total document signed" not in before
    assert "Signature is Valid." in after and "Not total document signed" in after
    assert "Signature Field Name: overlay" in after
    assert _verify_cli(forged, pki).exit_code == 3


def test_a_hidden_field_added_after_signing_is_no_visible_change(approval, pki):
    """Not every later field is a forgery: one that shows nothing leaves the signature valid."""
    report = verify_pdf(add_overlay(approval, hidden=True), [pki.ca_pem])
    assert report.ok, report.text()
    assert report.signatures[0].modification == "form_filling"


def test_a_document_timestamp_does_not_excuse_the_overlay(approval, pki, tsa):
    """A TSA stamps whatever it is sent: its token says when, not who changed the page."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.timestamps import HTTPTimeStamper
    from pyhanko.sign.signers import PdfTimeStamper

    forged = add_overlay(approval)
    out = PdfTimeStamper(HTTPTimeStamper(tsa.url)).timestamp_pdf(
        IncrementalPdfFileWriter(BytesIO(forged)), md_algorithm="sha256").getvalue()
    report = verify_pdf(out, [pki.ca_pem])
    assert [s.kind for s in report.signatures] == ["signature", "document timestamp"]
    assert report.signatures[1].ok  # the timestamp itself is fine
    assert report.signatures[0].modified_after_signing and not report.ok


def test_an_untrusted_visible_counter_signature_is_a_visible_change(approval, pki, tmp_path):
    """A stranger's visible signature stamp over the page is not vouched for by anyone trusted."""
    from signkit import PASSWORD, make_pki

    from docgen.sign.signer import load_pkcs12_signer

    stranger = make_pki(tmp_path / "stranger")
    twice = sign_pdf(approval, load_pkcs12_signer(stranger.signer_p12, PASSWORD), visible=True)
    report = verify_pdf(twice, [pki.ca_pem])
    first, second = report.signatures
    assert second.trusted is False
    assert first.modified_after_signing
    assert any("added a Widget annotation" in c for c in first.changes_after_signing)
    assert not report.ok


def test_page_content_overwritten_after_signing_is_named(approval, pki):
    """An overwrite of the very stream a page draws is reported, with the page's number."""
    from pypdf import PdfWriter

    writer = PdfWriter(BytesIO(approval), incremental=True)
    contents = writer.pages[1].raw_get("/Contents")
    contents.get_object().set_data(b"BT /F1 18 Tf 72 760 Td (" + OVERLAY_TEXT + b") Tj ET")
    out = BytesIO()
    writer.write(out)
    assert out.getvalue().startswith(approval)
    report = verify_pdf(out.getvalue(), [pki.ca_pem])
    assert not report.ok
    changes = report.signatures[0].changes_after_signing
    assert changes == ["revision 3: page 2: its content, resources or size changed"], changes


def test_hiding_the_visible_signature_stamp_is_a_visible_change(pdf, signer, pki):
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, NumberObject

    stamped = sign_pdf(pdf, signer, visible=True, certify=False)
    writer = PdfWriter(BytesIO(stamped), incremental=True)
    widget = next(a.get_object() for a in writer.pages[-1]["/Annots"])
    widget[NameObject("/F")] = NumberObject(2)  # Hidden
    out = BytesIO()
    writer.write(out)
    changes = verify_pdf(out.getvalue(), [pki.ca_pem]).signatures[0].changes_after_signing
    assert changes == ["revision 3: page 2: changed a Widget annotation (field 'docgen') that shows on the page"]


def test_a_page_appended_after_signing_is_named(approval, pki):
    from pypdf import PdfWriter

    writer = PdfWriter(BytesIO(approval), incremental=True)
    writer.add_blank_page(595, 842)
    out = BytesIO()
    writer.write(out)
    changes = verify_pdf(out.getvalue(), [pki.ca_pem]).signatures[0].changes_after_signing
    assert changes == ["revision 3: pages added, removed or reordered (2 page(s) before, 3 after)"]
