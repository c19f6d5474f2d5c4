"""Signing as a library call: what to sign with (``SigningSetup``), a signer opened once and
reusable (``open_signer``), and ``sign`` returning the signed bytes with their summary.

The CLI, the portfolio, the web page and case-management software use these same calls.
Secrets never come from arguments that end up in ``ps`` or a shell history: the PKCS#12
password or token PIN is ``DOCGEN_SIGN_PASSWORD`` if set, else whatever the caller's
``ask_secret`` returns (the CLI's hidden prompt, a web form's field), else no password.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import SigningError
from .pades import sign_pdf
from .opened import OpenedSigner
from .signer import close_signer, open_pkcs11_signer, pkcs12_signer, read_pkcs12, signer_common_name

PASSWORD_ENV = "DOCGEN_SIGN_PASSWORD"
LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")

SecretSource = Callable[[str], "str | None"]


@dataclass(frozen=True)
class SigningSetup:
    """How to sign: a PKCS#12 file or a PKCS#11 token, the PAdES level and its services."""

    pkcs12: Path | None = None
    pkcs11_module: Path | None = None
    pkcs11_token: str | None = None
    pkcs11_key: str | None = None
    pkcs11_cert: str | None = None
    pkcs11_pinpad: bool = False
    level: str = "B-B"
    tsa_url: str | None = None
    trust: tuple[Path, ...] = ()
    reason: str | None = None
    location: str | None = None
    visible: bool = False
    fetch_revocation: bool = True

    def __post_init__(self) -> None:
        problem = self.problem()
        if problem:
            raise SigningError(problem)

    def problem(self) -> str | None:
        """Why this setup cannot sign, before any work is done (None when it can)."""
        if bool(self.pkcs12) == bool(self.pkcs11_module):
            return "give either a PKCS#12 file or a PKCS#11 module to sign with"
        if self.pkcs11_module and not self.pkcs11_token:
            return "a PKCS#11 module needs the token's label"
        if self.pkcs11_module and not (self.pkcs11_key or self.pkcs11_cert):
            return "a PKCS#11 module needs the key's or the certificate's label"
        if self.level not in LEVELS:
            return f"unknown PAdES level {self.level!r}; expected one of {', '.join(LEVELS)}"
        if self.level != "B-B" and not self.tsa_url:
            return f"PAdES {self.level} needs a timestamp authority (tsa_url)"
        if self.level in ("B-LT", "B-LTA") and not self.trust:
            return f"PAdES {self.level} needs the signer's and the TSA's root certificates (trust)"
        return None


@dataclass(frozen=True)
class SignedPdf:
    data: bytes
    summary: dict[str, Any]     # level, signer, signing_time, tsa: what the manifest records


def quiet_pyhanko() -> None:
    # pyHanko logs full tracebacks for conditions it also reports (untrusted chain, suspicious
    # update), fontTools chats while subsetting the stamp's font; our messages and reports carry
    # the substance, and no face of docgen may print tracebacks.
    for name in ("pyhanko", "pyhanko_certvalidator", "fontTools"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _secret(prompt: str, ask_secret: SecretSource | None) -> str | None:
    if PASSWORD_ENV in os.environ:
        return os.environ[PASSWORD_ENV] or None
    if ask_secret is None:
        return None
    return ask_secret(prompt) or None


@contextmanager
def open_signer(setup: SigningSetup, *, ask_secret: SecretSource | None = None) -> Iterator[Any]:
    """The signer ``setup`` describes, opened once (a wrong password fails here, before any work),
    reusable for many documents, and released on exit (a PKCS#11 session is closed).

    A PKCS#12 key is checked here without pyHanko (about 0.45 s to import): pyHanko loads on the
    first signature, or when the caller calls ``signer.prepare()`` at a moment it would otherwise
    wait (see docgen/sign/opened.py).

    Raises ``SigningError`` (exit 3) on a wrong password, an unreadable file or an unusable token.
    """

    quiet_pyhanko()
    if setup.pkcs12 is not None:
        secret = _secret(f"Password for {setup.pkcs12.name}", ask_secret)
        contents = read_pkcs12(setup.pkcs12, secret.encode() if secret else None)
        signer = OpenedSigner(lambda: pkcs12_signer(contents))   # pyHanko loads on prepare()
    else:
        pin = None if setup.pkcs11_pinpad else _secret(f"PIN of token {setup.pkcs11_token}", ask_secret)
        signer = OpenedSigner.ready(open_pkcs11_signer(setup.pkcs11_module, setup.pkcs11_token, pin,
                                                       key_label=setup.pkcs11_key, cert_label=setup.pkcs11_cert))
    try:
        yield signer
    finally:
        close_signer(signer)


def sign(pdf: bytes, setup: SigningSetup, signer: Any, *, signing_time: datetime | None = None) -> SignedPdf:
    """``pdf`` signed as ``setup`` says (the last step: nothing may rewrite it after), with the
    summary the manifest records, taken from the signing itself rather than a re-verification."""

    quiet_pyhanko()
    data = sign_pdf(pdf, signer, level=setup.level, tsa_url=setup.tsa_url,
                    trust_roots=[p.read_bytes() for p in setup.trust] or None, reason=setup.reason,
                    location=setup.location, visible=setup.visible, allow_fetching=setup.fetch_revocation,
                    signing_time=signing_time)
    summary = {"level": setup.level, "signer": signer_common_name(signer),
               "signing_time": signing_time.isoformat() if signing_time else None, "tsa": setup.tsa_url}
    return SignedPdf(data, summary)
