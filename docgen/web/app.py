"""The ASGI application: FastAPI routes (``pages_*`` for people, ``api_v1`` for software), one
middleware for what every request goes through (session token, language, security headers,
request size, a log line without personal data) and the mapping of docgen's errors to HTTP."""
from __future__ import annotations

import logging
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import DocgenError
from ..version import __version__
from . import i18n
# pages_dossier and pages_record add their routes to pages_case's router, pages_import to
# pages_portfolio's: imported here, before the routers are included, and not by the module
# that owns the router (which would make an import circle).
from . import api_v1, pages_case, pages_dossier, pages_import, pages_portfolio, pages_record  # noqa: F401
from .i18n import W_
from .security import Guard, new_token
from .views import error_page
from .workspace import Workspace
from ..cli_errors import describe_os_error

log = logging.getLogger("docgen.web")

MAX_REQUEST = 25 * 1024 * 1024
LANG_COOKIE = "docgen_lang"
_OPEN = ("/static/",)                 # the style sheet holds no data: served without the token

_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                "script-src 'self'; object-src 'self'; frame-src 'self'; frame-ancestors 'self'; "
                                "form-action 'self'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "X-Frame-Options": "SAMEORIGIN",
}


def create_app(root: str | Path, *, as_of: date, token: str | None = None, templates: str | Path | None = None,
               sign_setup=None) -> FastAPI:  # noqa: ANN001 - an optional docgen.SigningSetup (PKCS#11)
    """The workspace over the portfolio ``root``; ``as_of`` is the date pages open at (each page
    can be asked for another); ``token`` the session token (random when not given);
    ``sign_setup`` a configured signing setup (a PKCS#11 token) offered on the Dossier page."""
    app = FastAPI(title="docgen", version=_version(), summary="French and Belgian debt recovery: case files, "
                  "statements, compliance findings, documents and signed dossiers.",
                  docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json",
                  description=api_v1.DESCRIPTION)
    app.state.workspace = Workspace(Path(root), as_of, Path(templates) if templates else None)
    app.state.guard = Guard(token or new_token())
    app.state.sign_setup = sign_setup
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static", html=False), name="static")
    app.include_router(pages_portfolio.router)
    app.include_router(pages_case.router)
    app.include_router(api_v1.router)
    app.middleware("http")(_every_request)
    app.add_exception_handler(DocgenError, _docgen_error)
    app.add_exception_handler(OSError, _os_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    return app


def _version() -> str:
    return __version__


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _every_request(request: Request, call_next):  # noqa: ANN202
    started = time.monotonic()
    response = await _guarded(request, call_next)
    for key, value in _HEADERS.items():
        response.headers.setdefault(key, value)
    # The route's pattern, never the URL itself: no case identifier, token or query in the log.
    route = request.scope.get("route")
    log.info("%s %s %d %.0fms", request.method, getattr(route, "path", "-"), response.status_code,
             (time.monotonic() - started) * 1000)
    return response


async def _guarded(request: Request, call_next) -> Response:  # noqa: ANN001
    guard: Guard = request.app.state.guard
    length = request.headers.get("content-length")
    if length and (not length.isdigit() or int(length) > MAX_REQUEST):
        return _refuse(request, W_("the request is too large"), 413)
    if request.url.path.startswith(_OPEN):
        return await call_next(request)
    if _is_api(request):
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not guard.token_ok(value.strip()):
            return JSONResponse({"error": "missing or wrong session token (Authorization: Bearer <token>)",
                                 "exit_code": 2}, status_code=401 if not value else 403)
        return await call_next(request)
    given = request.query_params.get("token")
    if given is not None:
        if not guard.token_ok(given):
            return _refuse(request, W_("wrong session token: open the address docgen serve printed"), 403)
        query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
        response = RedirectResponse(request.url.path + (f"?{query}" if query else ""), status_code=303)
        response.set_cookie(guard.cookie, guard.token, httponly=True, samesite="strict", path="/")
        return response
    if not guard.token_ok(request.cookies.get(guard.cookie)):
        return _refuse(request, W_("this page needs the session token: open the address docgen serve printed"), 403)
    setting = request.query_params.get("lang")
    request.state.lang = i18n.negotiate(setting or request.cookies.get(LANG_COOKIE),
                                        request.headers.get("accept-language"))
    response = await call_next(request)
    if setting in i18n.LANGUAGES:
        response.set_cookie(LANG_COOKIE, setting, samesite="strict", path="/", max_age=3600 * 24 * 365)
    return response


def _refuse(request: Request, message: str, status: int) -> Response:
    if _is_api(request):
        return JSONResponse({"error": message, "exit_code": 2}, status_code=status)
    lang = i18n.negotiate(request.cookies.get(LANG_COOKIE), request.headers.get("accept-language"))
    return HTMLResponse(error_page(lang, message, status), status_code=status)


def status_of(exc: DocgenError) -> int:
    """404 no such case, 403 refused, 422 findings or signing, 400 bad input."""
    if hasattr(exc, "status"):
        return exc.status
    return 422 if exc.exit_code in (1, 3) else 400


async def _docgen_error(request: Request, exc: DocgenError) -> Response:
    status = status_of(exc)
    if _is_api(request):
        body = {"error": exc.message, "exit_code": exc.exit_code,
                "problems": [{"path": p.path, "message": p.message, "severity": p.severity}
                             for p in getattr(exc, "problems", [])]}
        return JSONResponse(body, status_code=status)
    lang = getattr(request.state, "lang", "en")
    return HTMLResponse(error_page(lang, exc.message, status, list(getattr(exc, "problems", []))),
                        status_code=status)


async def _os_error(request: Request, exc: OSError) -> Response:
    message = describe_os_error(exc)
    if _is_api(request):
        return JSONResponse({"error": message, "exit_code": 2}, status_code=500)
    return HTMLResponse(error_page(getattr(request.state, "lang", "en"), message, 500), status_code=500)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """No such page (404), method (405) ...: the same page as any error, never a listing."""
    message = {404: W_("no such page"), 405: W_("this page cannot be used that way")}.get(exc.status_code, str(exc.detail))
    if _is_api(request):
        return JSONResponse({"error": message, "exit_code": 2}, status_code=exc.status_code)
    return HTMLResponse(error_page(getattr(request.state, "lang", "en"), message, exc.status_code),
                        status_code=exc.status_code)
