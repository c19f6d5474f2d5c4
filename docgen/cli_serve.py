"""``docgen serve``: the paralegal's workspace in the browser (``docgen.web``), a thin click layer.

Only click and the standard library are imported at module level: the web stack (FastAPI,
uvicorn, the ``web`` extra) loads when the command runs, so ``docgen --help`` stays fast and
works without it.
"""
from __future__ import annotations

import ipaddress
import logging
import socket
import sys
from datetime import date
from pathlib import Path

import click

from .cli_types import ISO_DATE
from .errors import DocgenError

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@click.argument("portfolio", type=click.Path(path_type=Path, exists=True), default=Path("."))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but the loopback address needs --allow-remote.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--allow-remote", is_flag=True,
              help="Allow --host to be reachable from other computers (the session token is then all that "
                   "protects the firm's data: use it only on a network you trust).")
@click.option("--as-of", "as_of", type=ISO_DATE, default=None,
              help="The day pages open at (default: today); each page can be asked for another.")
@click.option("--templates", "templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
              default=None, help="A folder of your own templates overriding the bundled ones.")
@click.option("--pkcs11-module", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="A PKCS#11 library to offer signing with a token on the Dossier page.")
@click.option("--pkcs11-token", default=None, help="The token's label (with --pkcs11-module).")
@click.option("--pkcs11-key", default=None, help="The key's label on the token (with --pkcs11-module).")
def serve(portfolio: Path, host: str, port: int, allow_remote: bool, as_of: date | None, templates: Path | None,
          pkcs11_module: Path | None, pkcs11_token: str | None, pkcs11_key: str | None) -> None:
    """Open the workspace of a portfolio in the browser: agenda, cases, recording, documents,
    dossiers, import and aging, in French, Dutch or English.

    It listens on this computer only (127.0.0.1) and prints its address with a random session
    token, as Jupyter does: open that address; without the token every page is refused. The
    HTTP JSON API is under /api/v1 (token as "Authorization: Bearer <token>"), its OpenAPI
    document at /api/v1/openapi.json. Stop it with Ctrl+C.

    \b
    Example:
      docgen serve examples/
      docgen serve cases/ --port 8800 --as-of 2026-10-15
    """
    if not is_loopback(host):
        if not allow_remote:
            raise DocgenError(f"--host {host} would let other computers reach the firm's data: "
                              "add --allow-remote if that is what you want")
        click.echo(f"warning: listening on {host}: other computers on the network can reach this server; "
                   "only the session token protects it", err=True)
    try:
        import uvicorn

        # lazy: --help must not load the library behind this command
        from .web import create_app
    except ImportError as exc:
        raise DocgenError(f"docgen serve needs the web extra ({exc.name} is missing): "
                          "pip install 'docgen[web]'") from None
    # lazy: --help must not load the library behind this command
    from .web.security import new_token

    setup = None
    if pkcs11_module is not None:
        # lazy: --help must not load the library behind this command
        from .api import SigningSetup

        setup = SigningSetup(pkcs11_module=pkcs11_module, pkcs11_token=pkcs11_token, pkcs11_key=pkcs11_key)
    token = new_token()
    app = create_app(portfolio, as_of=as_of or date.today(), token=token, templates=templates, sign_setup=setup)
    sock = _bind(host, port)
    actual = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"docgen serve: {portfolio}")
    click.echo(f"open this address in your browser (it holds the session token):\n  http://{shown}:{actual}/?token={token}")
    sys.stdout.flush()
    # uvicorn's access log would print every URL (case identifiers, the token on the first
    # request): it is off; docgen.web logs each request's route pattern and status instead.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    config = uvicorn.Config(app, access_log=False, log_level="warning", lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise DocgenError(f"cannot listen on {host}:{port}: {exc.strerror or exc} (try another --port)") from None
    return sock
