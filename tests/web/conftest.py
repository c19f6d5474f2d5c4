"""Fixtures of the web tests: a copy of the examples as the portfolio, a real server (uvicorn in
a thread, 127.0.0.1, a free port) and Debian's chromium driven by Playwright (its sync API,
with the fixtures below rather than pytest-playwright's session-wide ones).

Playwright cannot download its own browser here: it launches ``/usr/bin/chromium`` by
``executable_path``. Without it (or without the web extra) the browser tests are skipped, not
failed; the HTTP tests still run.
"""
from __future__ import annotations

import shutil
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from webkit import AS_OF, CHROMIUM, ROOT, TOKEN

pytest.importorskip("fastapi", reason="the web extra is not installed")


@dataclass
class Server:
    url: str
    token: str
    portfolio: Path
    app: object

    def login(self, path: str = "/") -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.url}{path}{sep}token={self.token}"


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    # The four original examples (the route examples of issue 14 are not part of the web tests' portfolio).
    folder = tmp_path / "portfolio"
    for name in ("fr-b2b", "fr-b2c", "be-b2b", "be-b2c"):
        shutil.copytree(ROOT / "examples" / name, folder / name)
    return folder


@pytest.fixture
def app(portfolio: Path):
    from docgen.web import create_app

    return create_app(portfolio, as_of=AS_OF, token=TOKEN)


@pytest.fixture
def client(app):
    """An HTTP client already holding the session cookie."""
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1") as http:
        assert http.get(f"/?token={TOKEN}", follow_redirects=False).status_code == 303
        yield http


@pytest.fixture
def api(app):
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1", headers={"Authorization": f"Bearer {TOKEN}"}) as http:
        yield http


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(app, portfolio: Path):
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, access_log=False, log_level="warning",
                            lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield Server(f"http://127.0.0.1:{port}", TOKEN, portfolio, app)
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, once per test module (skipped when it is absent).

    Playwright's sync API keeps an event loop running in this thread while it is started; it is
    stopped at the end of the module so that later tests may run their own (pyHanko does), which
    pytest-playwright's session-wide fixture would not allow."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: browser tests skipped (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM))
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, locale="en-GB", viewport={"width": 1280, "height": 720})
    context.set_default_timeout(60_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def shot(tmp_path: Path):
    """``shot(page, name)`` saves a full-page screenshot under the test's tmp folder."""
    folder = tmp_path / "screenshots"
    folder.mkdir()

    def take(page, name: str) -> Path:  # noqa: ANN001
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 1000
        return path

    return take
