"""``docgen verify``, and the signing options other commands share (``docgen dossier``).

Only click and the standard library at module level: pyHanko takes about 1 s to import and
``docgen --help`` must stay fast. Secrets never come from argv (visible in ``ps`` and shell
history): the PKCS#12 password or token PIN comes from ``DOCGEN_SIGN_PASSWORD`` or a hidden
prompt.

Use in another command::

    @click.command()
    @sign_options
    def dossier(..., signing: SignOptions | None):
        with open_signer(signing) as signer:      # fails fast on a wrong password
            pdf = build(...)                          # (when signing is None, signer is None)
            if signing:
                pdf = sign_with(pdf, signing, signer)  # last step: nothing rewrites it after
"""
from __future__ import annotations

import functools
import json
import logging
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import click

PASSWORD_ENV = "DOCGEN_SIGN_PASSWORD"
LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")   # same as docgen.sign.pades.LEVELS, kept import-free


@dataclass(frozen=True)
class SignOptions:
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


_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
_OPTIONS = [
    click.option("--sign", "sign_pkcs12", type=_FILE, default=None,
                 help=f"Sign with this PKCS#12 file (.p12/.pfx); password from ${PASSWORD_ENV} or a prompt."),
    click.option("--sign-level", type=click.Choice(LEVELS), default=None,
                 help="PAdES level (default: B-T with --tsa, else B-B). B-LT/B-LTA need --tsa and --trust."),
    click.option("--tsa", "tsa_url", metavar="URL", default=None,
                 help="RFC 3161 timestamp authority, for B-T and up."),
    click.option("--trust", "trust", type=_FILE, multiple=True,
                 help="Root certificate (PEM/DER) of the signer and of the TSA; for B-LT/B-LTA. Repeatable."),
    click.option("--sign-reason", default=None, help="Reason recorded in the signature."),
    click.option("--sign-location", default=None, help="Place recorded in the signature."),
    click.option("--sign-visible", is_flag=True, help="Show a signature box on the last page."),
    click.option("--sign-offline", is_flag=True,
                 help="B-LT/B-LTA: do not fetch OCSP/CRL data (only the TSA is contacted)."),
    click.option("--pkcs11-module", type=_FILE, default=None,
                 help="Sign with a PKCS#11 token (smart card, eID, HSM) through this module."),
    click.option("--pkcs11-token", default=None, help="Label of the PKCS#11 token."),
    click.option("--pkcs11-key", default=None, help="Label of the private key on the token."),
    click.option("--pkcs11-cert", default=None, help="Label of the certificate on the token."),
    click.option("--pkcs11-pinpad", is_flag=True,
                 help=f"Do not ask for the PIN (pinpad reader, or the middleware asks); else ${PASSWORD_ENV} or a prompt."),
]
_NAMES = ("sign_pkcs12", "sign_level", "tsa_url", "trust", "sign_reason", "sign_location",
          "sign_visible", "sign_offline", "pkcs11_module", "pkcs11_token", "pkcs11_key",
          "pkcs11_cert", "pkcs11_pinpad")


def sign_options(command):
    """Adds the signing options; the command receives ``signing: SignOptions | None``
    (None when neither --sign nor --pkcs11-module was given). Inconsistent options are a
    usage error (exit 2) before any work is done."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        values = {name: kwargs.pop(name) for name in _NAMES}
        kwargs["signing"] = _to_options(**values)
        return command(*args, **kwargs)

    for option in reversed(_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


def _to_options(*, sign_pkcs12, sign_level, tsa_url, trust, sign_reason, sign_location,
                sign_visible, sign_offline, pkcs11_module, pkcs11_token, pkcs11_key,
                pkcs11_cert, pkcs11_pinpad) -> SignOptions | None:
    if sign_pkcs12 and pkcs11_module:
        raise click.UsageError("--sign and --pkcs11-module are alternatives: give one")
    if not (sign_pkcs12 or pkcs11_module):
        extra = [f"--{n.replace('_', '-')}" for n, v in (
            ("sign_level", sign_level), ("tsa", tsa_url), ("trust", trust),
            ("sign_visible", sign_visible), ("pkcs11_token", pkcs11_token)) if v]
        if extra:
            raise click.UsageError(f"{', '.join(extra)} need --sign or --pkcs11-module")
        return None
    if pkcs11_module and not pkcs11_token:
        raise click.UsageError("--pkcs11-module needs --pkcs11-token")
    if pkcs11_module and not (pkcs11_key or pkcs11_cert):
        raise click.UsageError("--pkcs11-module needs --pkcs11-key or --pkcs11-cert")
    level = sign_level or ("B-T" if tsa_url else "B-B")
    if level != "B-B" and not tsa_url:
        raise click.UsageError(f"--sign-level {level} needs --tsa URL")
    if level in ("B-LT", "B-LTA") and not trust:
        raise click.UsageError(f"--sign-level {level} needs --trust (the signer's and the TSA's roots)")
    return SignOptions(pkcs12=sign_pkcs12, pkcs11_module=pkcs11_module, pkcs11_token=pkcs11_token,
                       pkcs11_key=pkcs11_key, pkcs11_cert=pkcs11_cert, pkcs11_pinpad=pkcs11_pinpad,
                       level=level, tsa_url=tsa_url, trust=tuple(trust), reason=sign_reason,
                       location=sign_location, visible=sign_visible,
                       fetch_revocation=not sign_offline)


@contextmanager
def open_signer(options: SignOptions | None) -> Iterator[Any]:
    """The signer the options describe (None for None), released on exit (PKCS#11 session).

    Asks for the password or PIN (``DOCGEN_SIGN_PASSWORD`` first); raises ``SigningError``
    (exit 3) on a wrong password, unreadable file or unusable token.
    """
    if options is None:
        yield None
        return
    from .sign.signer import close_signer, load_pkcs12_signer, open_pkcs11_signer

    _quiet_pyhanko()
    if options.pkcs12 is not None:
        secret = _secret(f"Password for {options.pkcs12.name}")
        signer = load_pkcs12_signer(options.pkcs12, secret.encode() if secret else None)
    else:
        pin = None if options.pkcs11_pinpad else _secret(f"PIN of token {options.pkcs11_token}")
        signer = open_pkcs11_signer(options.pkcs11_module, options.pkcs11_token, pin,
                                    key_label=options.pkcs11_key, cert_label=options.pkcs11_cert)
    try:
        yield signer
    finally:
        close_signer(signer)


def sign_with(pdf: bytes, options: SignOptions, signer: Any) -> bytes:
    """Sign ``pdf`` as the options say, with a signer from :func:`open_signer`."""
    from .sign.pades import sign_pdf

    _quiet_pyhanko()
    return sign_pdf(pdf, signer, level=options.level, tsa_url=options.tsa_url,
                    trust_roots=[p.read_bytes() for p in options.trust] or None,
                    reason=options.reason, location=options.location,
                    visible=options.visible, allow_fetching=options.fetch_revocation)


def _secret(prompt: str) -> str | None:
    from .errors import SigningError

    if PASSWORD_ENV in os.environ:
        return os.environ[PASSWORD_ENV] or None
    try:
        return click.prompt(prompt, hide_input=True, default="", show_default=False, err=True) or None
    except click.Abort:
        raise SigningError(f"no password: set {PASSWORD_ENV} or type it at the prompt") from None


def _quiet_pyhanko() -> None:
    # pyHanko logs full tracebacks for conditions it also reports (untrusted chain, suspicious
    # update), fontTools chats while subsetting the stamp's font; our messages and reports
    # carry the substance, and the CLI must not print tracebacks.
    for name in ("pyhanko", "pyhanko_certvalidator", "fontTools"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


@click.command()
@click.argument("dossier", type=_FILE)
@click.option("--trust", "trust", type=_FILE, multiple=True,
              help="Root certificate (PEM/DER) the signers must chain to (repeatable). "
                   "Default: $DOCGEN_TRUST, else the trust: list of the $DOCGEN_CONFIG file.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def verify(dossier: Path, trust: tuple[Path, ...], as_json: bool) -> None:
    """Verify the signatures of a signed PDF: integrity, signer, time, PAdES level, trust,
    and what changed after signing.

    \b
    Exit 0  valid: intact, unmodified, every signer chains to a trust anchor;
    exit 4  intact, signer not verified: no trust anchor was given (anyone can make a
            certificate with any name);
    exit 3  invalid: altered, modified after signing (e.g. something added that shows on a
            page), untrusted, no signature, or not a PDF;
    exit 2  a trust anchor or the configuration file cannot be read.

    \b
    Trust anchors: --trust, else $DOCGEN_TRUST (paths separated by ':'), else the trust: list
    of the YAML file $DOCGEN_CONFIG names (paths relative to that file).

    \b
    Example:
      docgen verify dossier.pdf --trust ca.pem
      DOCGEN_TRUST=/etc/docgen/firm-ca.pem docgen verify dossier.pdf --json
    """
    from .sign.trust import find_anchors
    from .sign.verify import verify_pdf

    _quiet_pyhanko()
    anchors = find_anchors(trust)
    report = verify_pdf(dossier.read_bytes(), anchors.read() or None)
    if as_json:
        data = report.to_dict()
        data["trust_anchors"] = {"source": anchors.source, "files": [str(p) for p in anchors.paths]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(report.text())
        if anchors.paths:
            click.echo(f"trust anchors: {len(anchors.paths)} file(s) from {anchors.source}")
    sys.exit(report.exit_code)


@click.command("demo-key")
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False), default=Path("out/demo"),
              show_default=True, help="Folder for demo-signer.p12 and demo-ca.pem.")
@click.option("--force", is_flag=True, help="Replace an existing demo identity.")
def demo_key(output: Path, force: bool) -> None:
    """Create a THROW-AWAY signing identity (self-made CA + signer) to try signing.

    Never use it for real documents: courts and bailiffs expect a qualified certificate.
    The PKCS#12 password is taken from $DOCGEN_SIGN_PASSWORD.

    \b
    Example:
      export DOCGEN_SIGN_PASSWORD=demo-only
      docgen demo-key -o out/demo
      docgen dossier examples/fr-b2b --as-of 2026-10-15 --doc mise_en_demeure \\
          --sign out/demo/demo-signer.p12 -o out/fr-b2b
      docgen verify out/fr-b2b/dossier.pdf --trust out/demo/demo-ca.pem
    """
    from .errors import DocgenError
    from .sign.demo import make_demo_identity

    password = os.environ.get(PASSWORD_ENV)
    if not password:
        raise DocgenError(f"set ${PASSWORD_ENV} to the password the demo PKCS#12 file should have")
    if (output / "demo-signer.p12").exists() and not force:
        raise DocgenError(f"{output / 'demo-signer.p12'} exists (use --force to replace it)")
    identity = make_demo_identity(output, password.encode())
    click.echo(f"wrote {identity.p12} and {identity.ca_pem} (demo only, not for legal use)")
