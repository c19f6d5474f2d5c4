"""A throw-away PKI for the signing tests, generated at test time: no key is ever committed.

A root CA, a signer (digitalSignature + nonRepudiation, as on qualified signature
certificates) and a TSA (extendedKeyUsage timeStamping, critical, as RFC 3161 requires).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSWORD = b"correct horse battery staple"

_KU = dict(digital_signature=False, content_commitment=False, key_encipherment=False,
           data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
           encipher_only=False, decipher_only=False)


@dataclass
class Pki:
    dir: Path
    ca_pem: bytes
    ca_cert: x509.Certificate
    signer_p12: Path
    signer_key: rsa.RSAPrivateKey
    signer_cert: x509.Certificate
    tsa_key: rsa.RSAPrivateKey
    tsa_cert: x509.Certificate


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "docgen tests"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _cert(subject: str, key, issuer: str, issuer_key, extensions, days=365, start=-1) -> x509.Certificate:
    now = datetime.now(timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now + timedelta(days=start)).not_valid_after(now + timedelta(days=days))
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False))
    if issuer_key is not key:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), False)
    for ext, critical in extensions:
        builder = builder.add_extension(ext, critical)
    return builder.sign(issuer_key, hashes.SHA256())


def make_pki(folder: Path) -> Pki:
    folder.mkdir(parents=True, exist_ok=True)
    ca_key, signer_key, tsa_key = (rsa.generate_private_key(65537, 2048) for _ in range(3))
    ca = _cert("docgen Test Root CA", ca_key, "docgen Test Root CA", ca_key, [
        (x509.BasicConstraints(ca=True, path_length=None), True),
        (x509.KeyUsage(**{**_KU, "key_cert_sign": True, "crl_sign": True}), True)], days=3650)
    signer = _cert("Claire Martin", signer_key, "docgen Test Root CA", ca_key, [
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (x509.KeyUsage(**{**_KU, "digital_signature": True, "content_commitment": True}), True)])
    tsa = _cert("docgen Test TSA", tsa_key, "docgen Test Root CA", ca_key, [
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (x509.KeyUsage(**{**_KU, "digital_signature": True}), True),
        (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), True)])

    ca_pem = ca.public_bytes(serialization.Encoding.PEM)
    (folder / "ca.pem").write_bytes(ca_pem)
    p12 = folder / "signer.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"signer", signer_key, signer, [ca], serialization.BestAvailableEncryption(PASSWORD)))
    return Pki(folder, ca_pem, ca, p12, signer_key, signer, tsa_key, tsa)


def expired_p12(pki: Pki, path: Path) -> Path:
    """A PKCS#12 whose certificate expired yesterday. Self-signed under the CA's name (the
    CA key is not kept): the expiry is refused before any chain is looked at."""
    cert = _cert("Claire Martin", pki.signer_key, "docgen Test Root CA", pki.signer_key, [],
                 days=-1, start=-400)
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"expired", pki.signer_key, cert, None, serialization.BestAvailableEncryption(PASSWORD)))
    return path


# --- PDFs to sign ---------------------------------------------------------------------------

MARKER = b"(Mise en demeure de payer)"


def make_pdf(pages: int = 2) -> bytes:
    """A small PDF with uncompressed text, so a test can flip a byte in a known place."""
    from io import BytesIO

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    for n in range(pages):
        page = writer.add_blank_page(595.28, 841.89)
        stream = DecodedStreamObject()
        stream.set_data(b"BT /F1 18 Tf 72 760 Td " + MARKER + b" Tj 0 -24 Td (page %d) Tj ET" % (n + 1))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject({
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


# --- a local RFC 3161 timestamp authority -----------------------------------------------------

class LocalTsa:
    """pyHanko's DummyTimeStamper behind a tiny HTTP server on 127.0.0.1 (a free port)."""

    def __init__(self, pki: Pki):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        from asn1crypto import tsp
        from pyhanko.keys.internal import (translate_pyca_cryptography_cert_to_asn1,
                                           translate_pyca_cryptography_key_to_asn1)
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        stamper = DummyTimeStamper(
            tsa_cert=translate_pyca_cryptography_cert_to_asn1(pki.tsa_cert),
            tsa_key=translate_pyca_cryptography_key_to_asn1(pki.tsa_key),
            certs_to_embed=[translate_pyca_cryptography_cert_to_asn1(pki.ca_cert)])
        self.requests = 0
        tsa = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                reply = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
                tsa.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):  # keep pytest's output clean
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.timeout = 5
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/tsa"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (the port was free a moment ago)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/tsa"


# --- the overlay attack (issue 12, item 1) --------------------------------------------------

OVERLAY_TEXT = b"TOTAL DU : 0,00 EUR"


def add_overlay(signed: bytes, page: int = 1, *, hidden: bool = False, name: str = "overlay") -> bytes:
    """An incremental update adding a signature field whose widget paints a white box with
    « TOTAL DU : 0,00 EUR » over the top of ``page`` (0-based): what a forger appends to a
    signed dossier. pyHanko's difference analysis files it under form filling."""
    from io import BytesIO

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    n = generic.NameObject
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    append_signature_field(writer, SigFieldSpec(name, on_page=page, box=(50, 600, 550, 800)))
    page_ref, _ = writer.find_page_for_modification(page)
    widget = next(a.get_object() for a in page_ref.get_object()["/Annots"]
                  if a.get_object().get("/T") == name)
    font = generic.DictionaryObject({n("/Type"): n("/Font"), n("/Subtype"): n("/Type1"),
                                     n("/BaseFont"): n("/Helvetica")})
    appearance = generic.StreamObject({
        n("/Type"): n("/XObject"), n("/Subtype"): n("/Form"),
        n("/BBox"): generic.ArrayObject([generic.NumberObject(v) for v in (0, 0, 500, 200)]),
        n("/Resources"): generic.DictionaryObject({n("/Font"): generic.DictionaryObject({n("/F1"): font})}),
    }, stream_data=b"1 1 1 rg 0 0 500 200 re f BT /F1 24 Tf 0 0 0 rg 20 90 Td (" + OVERLAY_TEXT + b") Tj ET")
    widget[n("/AP")] = generic.DictionaryObject({n("/N"): writer.add_object(appearance)})
    widget[n("/F")] = generic.NumberObject(2 if hidden else 4)  # Hidden, or Print
    writer.update_container(widget)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
