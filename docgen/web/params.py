"""Reading what a page is asked for: dates and flags from a query string or a form, each refused
with a message naming the field (DocgenError, 400) rather than a traceback."""
from __future__ import annotations

from datetime import date
from typing import Any

from ..errors import DocgenError


def day(value: Any, field: str, default: date | None = None) -> date | None:
    if value in (None, ""):
        return default
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DocgenError(f"{field}: not a date (YYYY-MM-DD): {str(value)[:40]!r}") from None


def as_of(request, form: Any = None) -> date:  # noqa: ANN001 - a Request
    """The as-of date of a page: the form's or the query's ``as_of``, else the server's."""
    source = form if form is not None and form.get("as_of") else request.query_params
    return day(source.get("as_of"), "as_of", request.app.state.workspace.as_of)


def flag(source: Any, name: str) -> bool:
    return str(source.get(name) or "").lower() in ("1", "on", "true", "yes")


def text(source: Any, name: str, limit: int = 200) -> str | None:
    value = source.get(name)
    if value is None or not isinstance(value, str):
        return None
    value = value.strip()
    if len(value) > limit:
        raise DocgenError(f"{name}: at most {limit} characters")
    return value or None
