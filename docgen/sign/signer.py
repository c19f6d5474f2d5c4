"""The signing key: a PKCS#12 file, or a PKCS#11 token (smart card, Belgian eID, HSM).

Secrets (PKCS#12 password, token PIN) are parameters here. The CLI takes them from
``DOCGEN_SIGN_PASSWORD`` or a hidden prompt, never from argv, which any local user can read
in ``ps`` and which shells keep in their history. No message here ever contains a secret.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SigningError
from .opened import OpenedSigner, unwrap

if TYPE_CHECKING:  # pragma: no cover
    from pyhanko.sign.signers import Signer


def load_pkcs12_signer(path: str | Path, password: bytes | None) -> "Signer":
    """A pyHanko signer over the key and certificates of a PKCS#12 (.p12/.pfx) file.

    The private key is parsed once and kept: pyHanko's ``SimpleSigner`` re-parses it on every
    signature, which costs about 55 ms for RSA-2048. Keep the returned signer for a batch.
    """
    return pkcs12_signer(read_pkcs12(path, password))


def read_pkcs12(path: str | Path, password: bytes | None) -> tuple[Any, Any, list]:
    """(private key, certificate, other certificates) of a PKCS#12 file, as ``cryptography``
    objects, the certificate checked to be valid now. Needs no pyHanko: a wrong password or an
    expired certificate is refused before pyHanko loads."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(f"cannot read the PKCS#12 file {path}: {exc.strerror or exc}") from None
    # An empty password and no password are different PKCS#12 encodings; accept both.
    attempts = [password] if password else [None, b""]
    for attempt in attempts:
        try:
            key, cert, others = pkcs12.load_key_and_certificates(data, attempt)
            break
        except Exception:  # noqa: BLE001 - cryptography raises several types; none is useful here
            continue
    else:
        raise SigningError(f"cannot open the PKCS#12 file {path}: wrong password, "
                           "or not a PKCS#12 file")
    if key is None or cert is None:
        raise SigningError(f"the PKCS#12 file {path} holds no private key with its certificate")
    _check_validity(cert.not_valid_before_utc, cert.not_valid_after_utc, f"in {path}")
    return key, cert, list(others or ())


def pkcs12_signer(contents: tuple[Any, Any, list]) -> "Signer":
    """The pyHanko signer over what ``read_pkcs12`` returned."""
    # lazy: pyHanko loads only when a signer is made
    from ._pyhanko import LocalKeySigner

    return LocalKeySigner.create(*contents)


def open_pkcs11_signer(module_path: str | Path, token_label: str, pin: str | None, *,
                       key_label: str | None = None, cert_label: str | None = None,
                       other_certs: list[bytes] | None = None) -> "Signer":
    """A pyHanko signer over a key on a PKCS#11 token; the session stays open.

    ``pin=None`` skips the login: readers with a pinpad and middlewares with their own PIN
    dialog (the Belgian eID) ask for it when signing. Every certificate on the token is pulled
    (a Belgian eID carries its chain); ``other_certs`` (PEM/DER) adds missing intermediates.
    Close the session with :func:`close_signer` when done.
    """
    if not (key_label or cert_label):
        raise SigningError("PKCS#11: give the label of the key or of the certificate")
    if not Path(module_path).is_file():
        raise SigningError(f"PKCS#11: no module at {module_path}")
    try:
        from pyhanko.sign import pkcs11 as p11
    except ImportError:
        raise SigningError("PKCS#11 support is not installed: pip install 'docgen[pkcs11]'") from None
    from pyhanko.config.pkcs11 import TokenCriteria

    where = f"PKCS#11 token {token_label!r} ({module_path})"
    try:
        session = p11.open_pkcs11_session(str(module_path), user_pin=pin,
                                          token_criteria=TokenCriteria(label=token_label))
    except Exception as exc:  # noqa: BLE001 - python-pkcs11 errors carry no secret, only a type
        raise SigningError(f"cannot open the {where}: {_describe(exc)}") from None
    try:
        signer = p11.PKCS11Signer(session, cert_label=cert_label, key_label=key_label,
                                  other_certs_to_pull=None, ca_chain=_certs(other_certs or []))
        cert = signer.signing_cert  # look the objects up now: a wrong label fails here, early
    except Exception as exc:  # noqa: BLE001
        session.close()
        raise SigningError(f"cannot use the key or certificate on the {where}: {_describe(exc)}") from None
    try:
        _check_validity(cert.not_valid_before, cert.not_valid_after, f"on the {where}")
    except SigningError:
        session.close()
        raise
    return signer


def close_signer(signer: Any) -> None:
    """Release what a signer holds (the PKCS#11 session); harmless for PKCS#12 signers."""
    if isinstance(signer, OpenedSigner):
        signer = signer.prepared              # a key never made into a pyHanko signer holds nothing
    session = getattr(signer, "pkcs11_session", None)
    if session is not None:
        session.close()


def signer_common_name(signer: Any) -> str | None:
    """The signer's name as its certificate gives it (for a cover page, a log line)."""
    return _common_name(unwrap(signer).signing_cert)


def _common_name(cert: Any) -> str | None:
    if cert is None:
        return None
    return cert.subject.native.get("common_name") or cert.subject.human_friendly


def _check_validity(not_before: datetime, not_after: datetime, where: str) -> None:
    # A signature made outside the certificate's validity is worthless in court; say so now.
    now = datetime.now(timezone.utc)
    if now > not_after:
        raise SigningError(f"the signing certificate {where} expired on {not_after:%Y-%m-%d}")
    if now < not_before:
        raise SigningError(f"the signing certificate {where} is valid only from {not_before:%Y-%m-%d}")


def _certs(blobs: list[bytes]) -> list:
    from pyhanko.keys import load_certs_from_pemder_data

    certs = []
    for blob in blobs:
        try:
            certs.extend(load_certs_from_pemder_data(blob))
        except Exception:  # noqa: BLE001
            raise SigningError("a certificate file is neither PEM nor DER") from None
    return certs


_PKCS11_ERRORS = {"PinIncorrect": "wrong PIN", "PinLocked": "the PIN is locked",
                  "PinLenRange": "the PIN has the wrong length", "PinExpired": "the PIN has expired"}


def _describe(exc: BaseException) -> str:
    if type(exc).__name__ in _PKCS11_ERRORS:
        return _PKCS11_ERRORS[type(exc).__name__]
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
