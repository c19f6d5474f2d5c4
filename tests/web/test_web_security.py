"""Security of ``docgen serve`` through an HTTP client: the session token, CSRF on every form,
case identifiers only in URLs, upload limits, no listing, loopback by default, a log without
personal data."""
from __future__ import annotations

import hashlib
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from webkit import AS_OF, ROOT, TOKEN


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(folder)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def test_without_the_token_every_page_is_refused(app):
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1") as http:
        for url in ("/", "/case/fr-b2b", "/aging", "/aging.csv", "/import", "/case/fr-b2b/files/proof/0"):
            response = http.get(url)
            assert response.status_code == 403, url
            assert response.text.count("this page needs the session token") == 1, "said once, as the error"
        wrong = http.get("/?token=not-the-token", follow_redirects=False)
        assert wrong.status_code == 403 and "wrong session token" in wrong.text
        assert "docgen_" not in wrong.headers.get("set-cookie", "")


def test_the_token_becomes_a_strict_cookie_and_leaves_the_url(app):
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1") as http:
        first = http.get(f"/case/fr-b2b?token={TOKEN}&as_of=2026-10-15", follow_redirects=False)
        assert first.status_code == 303
        assert first.headers["location"] == "/case/fr-b2b?as_of=2026-10-15"
        cookie = first.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        assert http.get("/case/fr-b2b").status_code == 200


def test_the_api_takes_the_token_as_a_bearer_header_only(app, client):
    from fastapi.testclient import TestClient

    assert client.get("/api/v1/cases").status_code == 401          # the page cookie is not enough
    with TestClient(app, base_url="http://127.0.0.1") as http:
        assert http.get("/api/v1/cases", headers={"Authorization": "Bearer nope"}).status_code == 403
        ok = http.get("/api/v1/cases", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200 and "fr-b2b" in ok.json()


def _post_routes(app) -> list[str]:
    """Every POST route of the pages (the routers hold them; the app wraps included routers)."""
    from docgen.web import pages_case, pages_portfolio

    paths = []
    for router in (pages_case.router, pages_portfolio.router):
        for route in router.routes:
            if "POST" in getattr(route, "methods", ()):
                paths.append(route.path.replace("{case_id}", "fr-b2b"))
    return paths


def test_every_form_is_refused_without_its_csrf_field(app, client, portfolio):
    posts = _post_routes(app)
    assert {"/case/fr-b2b/record", "/case/fr-b2b/dossier", "/import", "/import/preview", "/import/confirm"} <= set(posts)
    before = _digest(portfolio)
    for url in posts:
        for form in ({"kind": "call", "date": "2026-10-01"}, {"kind": "call", "date": "2026-10-01", "csrf": "forged"}):
            response = client.post(url, data=form)
            assert response.status_code == 403, url
            assert "reload the page" in response.text
    assert _digest(portfolio) == before                       # nothing written


def test_a_form_from_another_origin_is_refused(app, client):
    csrf = app.state.guard.csrf
    response = client.post("/case/fr-b2b/record", data={"kind": "call", "date": "2026-10-01", "csrf": csrf},
                           headers={"Origin": "http://evil.example"})
    assert response.status_code == 403


@pytest.mark.parametrize("url", [
    "/case/..%2F..%2Fetc%2Fpasswd", "/case/%2Fetc%2Fpasswd", "/case/fr-b2b%2Fcase.yaml",
    "/case/../../etc/passwd", "/case/examples/fr-b2b", "/case/fr-b2b/files/proof/99", "/case/fr-b2b/files/proof/-1",
    "/case/fr-b2b/files/secrets/0", "/case/fr-b2b/document/decompte.yaml", "/static/", "/static/../app.py",
    "/case/", "/.docgen/", "/api/v1/cases/..%2Ffr-b2b/statement",
])
def test_a_path_in_the_url_is_refused(client, api, url):
    http = api if url.startswith("/api/") else client
    response = http.get(url)
    assert response.status_code == 404, url
    assert "root:" not in response.text and "schema_version" not in response.text


def test_a_proof_outside_the_case_folder_is_not_served(client, portfolio):
    secret = portfolio.parent / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 secret")
    case = portfolio / "fr-b2b" / "case.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("proofs/relance-2024-03-26.pdf", "../../secret.pdf"),
                    encoding="utf-8")
    response = client.get("/case/fr-b2b/files/proof/1")
    assert response.status_code in (400, 404)
    assert b"secret" not in response.content


def test_security_headers(client):
    response = client.get("/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"     # no URL leaves for another site
    assert response.headers["cache-control"] == "no-store"


def test_uploads_are_limited_in_size_and_checked_by_content(app, client, portfolio):
    csrf = app.state.guard.csrf
    before = _digest(portfolio)
    form = {"csrf": csrf, "kind": "formal_notice_sent", "date": "2026-10-01", "channel": "letter",
            "as_of": AS_OF.isoformat()}
    fake = client.post("/case/fr-b2b/record", data=form, files={"proof": ("scan.pdf", b"MZ\x90\x00 not a pdf")})
    assert fake.status_code == 400 and "not the .pdf file" in fake.text
    exe = client.post("/case/fr-b2b/record", data=form, files={"proof": ("tool.exe", b"MZ")})
    assert exe.status_code == 400 and "not accepted" in exe.text
    big = client.post("/case/fr-b2b/record", data=form,
                      files={"proof": ("scan.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 10))})
    assert big.status_code in (400, 413)
    sheet = client.post("/import", data={"csrf": csrf}, files={"file": ("x.xlsx", b"not a zip")})
    assert sheet.status_code == 400
    assert _digest(portfolio) == before


def test_an_uploaded_proof_is_stored_inside_the_case_folder(app, client, portfolio):
    pdf = (ROOT / "examples" / "fr-b2b" / "proofs" / "lrar-preuve-de-depot-2026-09-08.pdf").read_bytes()
    response = client.post("/case/fr-b2b/record", data={
        "csrf": app.state.guard.csrf, "kind": "reminder_sent", "date": "2026-10-01", "channel": "registered_letter",
        "tracking": "1A000", "as_of": AS_OF.isoformat()},
        files={"proof": ("../../../tmp/../évil name.pdf", pdf)}, follow_redirects=False)
    assert response.status_code == 303, response.text
    stored = list((portfolio / "fr-b2b" / "proofs").glob("*name-2026-10-01.pdf"))
    assert len(stored) == 1 and stored[0].read_bytes() == pdf
    assert stored[0].name == "évil-name-2026-10-01.pdf"          # the browser's path is dropped
    text = (portfolio / "fr-b2b" / "case.yaml").read_text(encoding="utf-8")
    assert "proofs/évil-name-2026-10-01.pdf" in text
    assert "# Formal notice sent by the lawyer" in text          # comments kept


def test_the_server_log_names_routes_not_cases(app, client, caplog):
    caplog.set_level(logging.INFO, logger="docgen.web")
    for url in ("/case/fr-b2b", "/case/be-b2c/preview/decompte?accept_unconfirmed=1", "/?q=Estuaire",
                "/case/fr-b2b/files/proof/0"):
        client.get(url)
    client.post("/case/fr-b2b/record", data={"csrf": app.state.guard.csrf, "kind": "call", "date": "2026-10-01",
                                             "note": "Mme Roussel a promis de payer", "as_of": "2026-10-15"})
    lines = [r.getMessage() for r in caplog.records if r.name == "docgen.web"]
    assert any("/case/{case_id}" in line for line in lines)
    log = "\n".join(lines)
    for private in ("fr-b2b", "be-b2c", "Estuaire", "Roussel", "RICO", TOKEN, "2026-10-15"):
        assert private not in log


def test_serve_refuses_a_remote_address_without_the_flag(tmp_path):
    run = subprocess.run([sys.executable, "-m", "docgen", "serve", str(ROOT / "examples"), "--host", "0.0.0.0"],
                         capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert run.returncode == 2
    assert "--allow-remote" in run.stderr and "Traceback" not in run.stderr


def test_serve_prints_a_loopback_address_with_its_token(portfolio):
    import httpx

    proc = subprocess.Popen([sys.executable, "-m", "docgen", "serve", str(portfolio), "--port", "0",
                             "--as-of", "2026-10-15"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT)
    try:
        lines = [proc.stdout.readline() for _ in range(3)]
        url = next((line.strip() for line in lines if "http://" in line), None)
        assert url and url.startswith("http://127.0.0.1:") and "/?token=" in url, lines
        base = url.split("/?token=")[0]
        with httpx.Client(timeout=60) as http:
            assert http.get(base + "/").status_code == 403
            assert http.get(base + "/?token=wrong").status_code == 403
        with httpx.Client(timeout=60, follow_redirects=True) as http:
            page = http.get(url)
            assert page.status_code == 200 and "RICO-2024-017" in page.text
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    log = proc.stderr.read()
    assert "token=" not in log and "RICO" not in log and "GET / 200" in log
