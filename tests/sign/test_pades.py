"""sign_pdf at each PAdES level, checked by verify_pdf; failures name the file or the step."""
from __future__ import annotations

from datetime import datetime, timezone
from io import BytesIO

import pytest
from signkit import MARKER, PASSWORD, closed_port_url, make_pdf

from docgen.errors import SigningError
from docgen.sign.pades import sign_pdf
from docgen.sign.signer import load_pkcs12_signer
from docgen.sign.verify import verify_pdf


@pytest.fixture(scope="module")
def signed(pdf, signer, pki, tsa):
    """One signed file per level, shared by the tests of this module."""
    return {level: sign_pdf(pdf, signer, level=level, tsa_url=tsa.url, trust_roots=[pki.ca_pem])
            for level in ("B-B", "B-T", "B-LT", "B-LTA")}


@pytest.mark.parametrize("level", ["B-B", "B-T", "B-LT", "B-LTA"])
def test_each_level_verifies_ok_and_trusted(signed, pdf, pki, level):
    out = signed[level]
    assert out.startswith(pdf), "signing must be an incremental update of the input"
    report = verify_pdf(out, [pki.ca_pem])
    assert report.ok, report.text()
    first = report.signatures[0]
    assert (first.kind, first.signer, first.level) == ("signature", "Claire Martin", level)
    assert first.intact and first.valid and first.trusted is True
    assert not first.modified_after_signing
    assert (first.timestamp_time is not None) == (level != "B-B")
    # DSS and archive timestamps are appended after the signature, as B-LT/B-LTA require.
    assert first.covers_whole_file == (level in ("B-B", "B-T"))
    kinds = [s.kind for s in report.signatures]
    assert kinds == (["signature", "document timestamp"] if level == "B-LTA" else ["signature"])
    # Certified, no changes allowed; the DSS and archive timestamp of B-LT/B-LTA still pass.
    assert first.certification == "no changes allowed"
    assert first.problems == [] and first.changes_after_signing == []


def test_without_roots_the_signer_is_not_verified(signed):
    report = verify_pdf(signed["B-B"])
    assert not report.trust_checked and report.signatures[0].trusted is None
    # Intact, but anyone can make a certificate with any name: not "valid", and not exit 0.
    assert report.intact and not report.ok
    assert report.verdict == "intact, signer not verified"
    assert report.exit_code == 4
    assert "result: intact, signer not verified" in report.text()


def test_untrusted_root_fails(signed, tmp_path):
    from signkit import make_pki

    stranger = make_pki(tmp_path / "stranger")
    report = verify_pdf(signed["B-T"], [stranger.ca_pem])
    assert not report.ok
    assert report.signatures[0].trusted is False


def test_signing_time_reason_location_are_recorded(pdf, signer):
    from pypdf import PdfReader

    when = datetime(2026, 10, 15, 9, 30, tzinfo=timezone.utc)
    out = sign_pdf(pdf, signer, signing_time=when, reason="Mise en demeure", location="Lyon")
    assert verify_pdf(out).signatures[0].signing_time == when.isoformat()
    sig = PdfReader(BytesIO(out)).get_fields()["docgen"]["/V"]
    assert (sig["/Reason"], sig["/Location"], sig["/SubFilter"]) == (
        "Mise en demeure", "Lyon", "/ETSI.CAdES.detached")


def test_flipped_byte_is_detected(signed):
    out = signed["B-T"]
    at = out.index(MARKER) + 3
    tampered = out[:at] + bytes([out[at] ^ 0x01]) + out[at + 1:]
    report = verify_pdf(tampered)
    assert not report.ok
    assert report.signatures[0].intact is False
    assert "digest mismatch" in report.text()


def test_page_appended_after_signing_is_reported(signed, pki):
    from pypdf import PdfWriter

    writer = PdfWriter(BytesIO(signed["B-B"]), incremental=True)
    writer.add_blank_page(595, 842)
    buf = BytesIO()
    writer.write(buf)
    appended = buf.getvalue()
    assert appended.startswith(signed["B-B"])  # the signature itself is untouched
    report = verify_pdf(appended, [pki.ca_pem])
    sig = report.signatures[0]
    assert sig.intact and sig.valid and sig.trusted
    assert sig.modified_after_signing and not sig.covers_whole_file
    assert not report.ok


def test_a_certified_dossier_refuses_a_second_signature(signed, signer):
    with pytest.raises(SigningError, match="certified with no changes allowed"):
        sign_pdf(signed["B-B"], signer, visible=True)


def test_a_trusted_second_signature_leaves_an_approval_signature_standing(pdf, signer, pki):
    approved = sign_pdf(pdf, signer, certify=False)
    twice = sign_pdf(approved, signer, visible=True)
    report = verify_pdf(twice, [pki.ca_pem])
    assert report.ok, report.text()
    assert [s.field for s in report.signatures] == ["docgen", "docgen-2"]
    assert [s.certification for s in report.signatures] == [None, None]  # only a first one certifies
    assert report.signatures[0].modification == "form_filling"


def test_visible_signature_embeds_its_font(pdf, signer, pki):
    from pypdf import PdfReader

    out = sign_pdf(pdf, signer, visible=True)
    assert verify_pdf(out, [pki.ca_pem]).ok
    reader = PdfReader(BytesIO(out))
    annots = [a.get_object() for a in reader.pages[-1].get("/Annots", [])]
    widget = next(a for a in annots if a.get("/FT") == "/Sig" or "/Parent" in a or "/T" in a)
    assert widget["/Rect"][2] - widget["/Rect"][0] > 100  # a box, not a zero-size widget
    appearance = widget["/AP"]["/N"].get_object()
    fonts = appearance["/Resources"]["/Font"]
    descendant = next(iter(fonts.values())).get_object()["/DescendantFonts"][0].get_object()
    assert "/FontFile2" in descendant["/FontDescriptor"]


def test_pdfa_producer_entries_agree_after_signing(signer):
    weasyprint = pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    pdfa = weasyprint.HTML(string="<p>Pièce 1</p>").write_pdf(pdf_variant="pdf/a-3b")
    reader = PdfReader(BytesIO(sign_pdf(pdfa, signer)))
    assert reader.metadata["/Producer"] == reader.xmp_metadata.pdf_producer


def test_wrong_password_names_the_file_not_the_password(pki):
    with pytest.raises(SigningError) as err:
        load_pkcs12_signer(pki.signer_p12, b"hunter2")
    assert pki.signer_p12.name in err.value.message
    assert "hunter2" not in err.value.message
    assert err.value.exit_code == 3


def test_not_a_pkcs12_file(tmp_path):
    bogus = tmp_path / "key.p12"
    bogus.write_bytes(b"not a key")
    with pytest.raises(SigningError, match="key.p12"):
        load_pkcs12_signer(bogus, PASSWORD)
    with pytest.raises(SigningError, match="cannot read"):
        load_pkcs12_signer(tmp_path / "missing.p12", PASSWORD)


def test_expired_certificate_is_refused(pki, tmp_path):
    from signkit import expired_p12

    with pytest.raises(SigningError, match="expired on"):
        load_pkcs12_signer(expired_p12(pki, tmp_path / "old.p12"), PASSWORD)


def test_unreachable_tsa_is_a_signing_error_naming_the_step(pdf, signer):
    url = closed_port_url()
    with pytest.raises(SigningError, match="timestamp") as err:
        sign_pdf(pdf, signer, level="B-T", tsa_url=url)
    assert url in err.value.message


@pytest.mark.parametrize("level, kwargs, needs", [
    ("B-T", {}, "timestamp authority"),
    ("B-LT", {"tsa_url": "http://127.0.0.1:9/"}, "trust roots"),
])
def test_levels_demand_their_ingredients(pdf, signer, level, kwargs, needs):
    with pytest.raises(SigningError, match=needs):
        sign_pdf(pdf, signer, level=level, **kwargs)


def test_input_that_is_not_a_pdf(signer):
    with pytest.raises(SigningError, match="not a readable PDF"):
        sign_pdf(b"hello", signer)


def test_no_dummy_signing_pass(monkeypatch, pdf, signer, tsa):
    """bytes_reserved is set, so pyHanko neither signs twice nor asks the TSA twice."""
    from pyhanko.sign.signers.pdf_signer import PdfSigningSession

    def refuse(*args, **kwargs):
        raise AssertionError("pyHanko sized the signature with a dummy signing pass")

    monkeypatch.setattr(PdfSigningSession, "estimate_signature_container_size", refuse)
    before = tsa.requests
    out = sign_pdf(make_pdf(1), signer, level="B-T", tsa_url=tsa.url)
    assert tsa.requests - before == 1
    assert verify_pdf(out).intact
