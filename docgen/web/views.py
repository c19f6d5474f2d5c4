"""Server-rendered pages: one Jinja2 environment over ``docgen/web/templates`` (separate from the
document templates), autoescaped, with the helpers every page uses: ``_`` (the request's
language), ``money``, ``day``, the labels of ``vocab`` and the form's CSRF field."""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from . import i18n, vocab


@lru_cache(maxsize=1)
def environment():  # noqa: ANN201 - a jinja2.Environment
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env


def render(name: str, lang: str, **context: Any) -> str:
    gettext = i18n.translations(lang).gettext
    helpers = {
        "_": gettext, "lang": lang, "languages": i18n.NAMES,
        "money": lambda amount, currency="EUR": i18n.money(amount, lang, currency),
        "day": lambda value: i18n.day(value, lang),
        "stage": lambda code: vocab.label(vocab.STAGES, code, gettext),
        "action": lambda code: vocab.label(vocab.ACTIONS, code, gettext),
        "event": lambda code: vocab.label(vocab.EVENTS, code, gettext),
        "channel": lambda code: vocab.label(vocab.CHANNELS, code, gettext),
        "document": lambda code: vocab.label(vocab.DOCUMENTS, code, gettext),
        "severity": lambda code: vocab.label(vocab.SEVERITIES, code, gettext),
        "column": lambda code: vocab.label(vocab.FIELDS, code, gettext),
        "query": query,
    }
    context.setdefault("csrf", "")
    context.setdefault("as_of", None)
    context.setdefault("nav", "")
    context.setdefault("message", None)
    return environment().get_template(name).render(**helpers, **context)


def query(**params: Any) -> str:
    """``?a=1&b=2`` of the parameters that are set (dates as ISO)."""
    pairs = [(k, v.isoformat() if isinstance(v, date) else str(v)) for k, v in params.items()
             if v not in (None, "", False)]
    return "?" + urlencode(pairs) if pairs else ""


def page(request, name: str, **context: Any):  # noqa: ANN001, ANN201 - Request -> HTMLResponse
    from fastapi.responses import HTMLResponse

    status = context.pop("status_code", 200)
    lang = getattr(request.state, "lang", "en")
    html = render(name, lang, csrf=request.app.state.guard.csrf, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)


def error_page(lang: str, message: str, status: int, problems: list | None = None) -> str:
    # The web's own messages are in the catalogues; the library's (English) pass through as they are.
    shown = i18n.translations(lang).gettext(message)
    # ``error``, not ``message``: the base layout shows a ``message`` as a notice above the page,
    # which printed the error twice (a green notice, then the red alert).
    return render("error.html", lang, error=shown, status=status, problems=problems or [], path="/")
