"""A throw-away signing identity for trying docgen: a self-made CA and a signer certificate.

Never for real documents: a court or bailiff trusts a qualified certificate from a trust
service provider (eIDAS), not this. It exists so that the README's first command can build,
sign and verify a dossier on a fresh machine without any key being committed.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..atomic import write_bytes

DEMO_NOTICE = "DEMO ONLY - NOT FOR LEGAL USE"


@dataclass(frozen=True)
class DemoIdentity:
    p12: Path
    ca_pem: Path


def make_demo_identity(folder: Path, password: bytes, *, now: datetime | None = None) -> DemoIdentity:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    start = (now or datetime.now(timezone.utc)) - timedelta(days=1)

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, DEMO_NOTICE)])

    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = (x509.CertificateBuilder().subject_name(name("docgen demo CA")).issuer_name(name("docgen demo CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(start).not_valid_after(start + timedelta(days=365))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                       data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                       crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (x509.CertificateBuilder().subject_name(name("docgen demo signer")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(start + timedelta(days=90))
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(ca_key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    p12 = folder / "demo-signer.p12"
    ca_pem = folder / "demo-ca.pem"
    write_bytes(p12, pkcs12.serialize_key_and_certificates(
        b"docgen demo signer", key, cert, [ca], serialization.BestAvailableEncryption(password)))
    write_bytes(ca_pem, ca.public_bytes(serialization.Encoding.PEM))
    return DemoIdentity(p12, ca_pem)
