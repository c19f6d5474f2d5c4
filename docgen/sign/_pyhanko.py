"""Small pyHanko subclasses; imported only when signing (pyHanko takes about 1 s to import)."""
from __future__ import annotations

from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from pyhanko.keys.internal import (translate_pyca_cryptography_cert_to_asn1,
                                   translate_pyca_cryptography_key_to_asn1)
from pyhanko.sign.signers import PdfSigner, SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash


class LocalKeySigner(SimpleSigner):
    """A ``SimpleSigner`` that keeps the parsed private key.

    ``SimpleSigner.sign_raw`` parses the DER key again for each signature, and cryptography
    re-checks an RSA key when it parses it (about 55 ms for RSA-2048): too slow for batches.
    """

    @classmethod
    def create(cls, key, cert, others) -> "LocalKeySigner":
        store = SimpleCertificateStore()
        store.register_multiple([translate_pyca_cryptography_cert_to_asn1(c) for c in others or ()])
        signer = cls(signing_cert=translate_pyca_cryptography_cert_to_asn1(cert),
                     signing_key=translate_pyca_cryptography_key_to_asn1(key), cert_registry=store)
        signer._parsed_key = key
        return signer

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            name = mechanism.signature_algo  # e.g. "sha256_rsa" -> "rsassa_pkcs1v15"
        except ValueError:
            name = mechanism["algorithm"].native
        key = self._parsed_key
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        if name == "rsassa_pkcs1v15" and isinstance(key, RSAPrivateKey):
            return key.sign(data, PKCS1v15(), hash_algo)
        if name == "ecdsa" and isinstance(key, EllipticCurvePrivateKey):
            return key.sign(data, ECDSA(hash_algo))
        return super().sign_raw(data, digest_algorithm)  # PSS, EdDSA...: correct, only slower


class TimedPdfSigner(PdfSigner):
    """A ``PdfSigner`` whose claimed signing time (/M) can be fixed, for reproducible output.

    A timestamp (B-T and up) still carries the TSA's own time, which is what counts.
    """

    def __init__(self, *args, signing_time: datetime | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._signing_time = signing_time

    def init_signing_session(self, *args, **kwargs):
        session = super().init_signing_session(*args, **kwargs)
        if self._signing_time is not None:
            session.system_time = self._signing_time
        return session
