"""``docgen verify``, and the signing options other commands share (``docgen dossier``).

Only click and the standard library at module level: pyHanko takes about 1 s to import and
``docgen --help`` must stay fast. Secrets never come from argv (visible in ``ps`` and shell
history): the PKCS#12 password or token PIN comes from ``DOCGEN_SIGN_PASSWORD`` or a hidden
prompt.

Use in another command::
    @click.command()
    @sign_options
    def dossier(..., signing: SigningSetup | None):
        with open_signer(signing) as signer:      # fails fast on a wrong password
            pdf = build(...)                          # (when signing is None, signer is None)
            if signing:
                pdf = sign_with(pdf, signing, signer)  # last step: nothing rewrites it after
"""
from __future__ import annotations

import functools
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import click

from .errors import DocgenError, SigningError

if TYPE_CHECKING:
    from .sign.session import SigningSetup

PASSWORD_ENV = "DOCGEN_SIGN_PASSWORD"
LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")   # same as docgen.sign.session.LEVELS, kept import-free


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
    """Adds the signing options; the command receives ``signing: SigningSetup | None``
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
                pkcs11_cert, pkcs11_pinpad) -> "SigningSetup | None":
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
    # lazy: --help must not load the library behind this command
    from .sign.session import SigningSetup

    return SigningSetup(pkcs12=sign_pkcs12, pkcs11_module=pkcs11_module, pkcs11_token=pkcs11_token,
                        pkcs11_key=pkcs11_key, pkcs11_cert=pkcs11_cert, pkcs11_pinpad=pkcs11_pinpad,
                        level=level, tsa_url=tsa_url, trust=tuple(trust), reason=sign_reason,
                        location=sign_location, visible=sign_visible, fetch_revocation=not sign_offline)


def prompt_secret(prompt: str) -> str | None:
    """The CLI's way to ask for a password or PIN: a hidden prompt (never argv)."""

    try:
        return click.prompt(prompt, hide_input=True, default="", show_default=False, err=True) or None
    except click.Abort:
        raise SigningError(f"no password: set {PASSWORD_ENV} or type it at the prompt") from None


@contextmanager
def open_signer(setup: "SigningSetup | None") -> Iterator[Any]:
    """docgen.sign.session.open_signer with the CLI's hidden prompt; None when not signing."""
    if setup is None:
        yield None
        return
    # lazy: --help must not load the library behind this command
    from .sign.session import open_signer as library_open_signer

    with library_open_signer(setup, ask_secret=prompt_secret) as signer:
        yield signer


def sign_with(pdf: bytes, setup: "SigningSetup", signer: Any) -> bytes:
    """``pdf`` signed now, as ``setup`` says, with a signer from :func:`open_signer`."""
    return sign_now(pdf, setup, signer).data


def sign_now(pdf: bytes, setup: "SigningSetup", signer: Any):  # noqa: ANN201 - a SignedPdf
    from datetime import datetime, timezone

    # lazy: --help must not load the library behind this command
    from .sign.session import sign

    return sign(pdf, setup, signer, signing_time=datetime.now(timezone.utc))


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
    # lazy: --help must not load the library behind this command
    from .sign.trust import find_anchors
    from .sign.verify import verify_pdf

    # lazy: --help must not load the library behind this command
    from .sign.session import quiet_pyhanko

    quiet_pyhanko()
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
    # lazy: --help must not load the library behind this command
    from .sign.demo import make_demo_identity

    password = os.environ.get(PASSWORD_ENV)
    if not password:
        raise DocgenError(f"set ${PASSWORD_ENV} to the password the demo PKCS#12 file should have")
    if (output / "demo-signer.p12").exists() and not force:
        raise DocgenError(f"{output / 'demo-signer.p12'} exists (use --force to replace it)")
    identity = make_demo_identity(output, password.encode())
    click.echo(f"wrote {identity.p12} and {identity.ca_pem} (demo only, not for legal use)")
