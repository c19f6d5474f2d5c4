"""What keeps a law firm's data to the person at the keyboard, although the server is local.

- **Session token**, as Jupyter does: a random token is printed in the URL at start. Opening
  ``/?token=...`` sets an HttpOnly, SameSite=Strict cookie and redirects to the same page
  without the token (so it stays out of the history); a wrong token is refused (403). The JSON
  API takes the token as ``Authorization: Bearer ...`` only, never from the cookie, so another
  site open in the same browser cannot drive it.
- **CSRF**: every form carries a hidden ``csrf`` field, an HMAC of the session token; a POST
  without it, or with another value, or from another origin, is refused (403) before anything is
  read or written (``checked_form``).
- **Headers**: a Content-Security-Policy that allows only this server's own resources, no
  sniffing, no referrer, nothing cached.
- **Uploads**: size-limited while being read, type-checked by their first bytes, not by the
  name the browser sends (``read_upload``).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import DocgenError
from .i18n import W_


class Refused(DocgenError):
    """A request refused for security: 403, with a message that reveals nothing."""

    status = 403


def new_token() -> str:
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class Guard:
    token: str

    @property
    def cookie(self) -> str:
        """The cookie's name: one per server, as cookies do not tell ports apart."""
        return "docgen_" + hashlib.sha256(self.token.encode()).hexdigest()[:10]

    @property
    def csrf(self) -> str:
        return hmac.new(self.token.encode(), b"docgen-csrf", hashlib.sha256).hexdigest()

    def token_ok(self, candidate: str | None) -> bool:
        return candidate is not None and hmac.compare_digest(candidate.encode(), self.token.encode())

    def csrf_ok(self, candidate: str | None) -> bool:
        return candidate is not None and hmac.compare_digest(candidate.encode(), self.csrf.encode())


def same_origin(origin: str | None, host: str | None) -> bool:
    """An ``Origin`` header naming a site must name this server. None, or ``null`` (what a
    browser sends when it withholds the origin), leaves the decision to the CSRF field."""
    if not origin or origin == "null":
        return True
    return urlsplit(origin).netloc == (host or "")


async def checked_form(request):  # noqa: ANN001, ANN201 - a Starlette request; its FormData
    """The posted form, once its CSRF field and origin are checked (Refused otherwise)."""
    guard: Guard = request.app.state.guard
    if not same_origin(request.headers.get("origin"), request.headers.get("host")):
        raise Refused(W_("this form was not sent from docgen's own page"))
    form = await request.form(max_files=4, max_fields=200, max_part_size=MAX_UPLOAD)
    if not guard.csrf_ok(form.get("csrf")):
        raise Refused(W_("this form has expired or was not sent from docgen's own page: reload the page and try again"))
    return form


# --- uploads ------------------------------------------------------------------------------------

MAX_UPLOAD = 10 * 1024 * 1024           # a scanned proof or a spreadsheet; a larger one is a mistake

_PROOF_TYPES = {".pdf": (b"%PDF-",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
                ".png": (b"\x89PNG\r\n\x1a\n",), ".eml": None}
_SHEET_TYPES = {".csv": None, ".xlsx": (b"PK\x03\x04",)}
_P12_TYPES = {".p12": (b"\x30",), ".pfx": (b"\x30",)}
KINDS = {"proof": _PROOF_TYPES, "sheet": _SHEET_TYPES, "pkcs12": _P12_TYPES}


async def read_upload(upload, kind: str, limit: int = MAX_UPLOAD) -> tuple[str, bytes]:  # noqa: ANN001
    """``(extension, bytes)`` of an uploaded file, refused (DocgenError, 400) when it is empty,
    larger than ``limit`` or not of the kind it claims: the first bytes must match the
    extension (a text file must be UTF-8 or Latin-1 text without NUL bytes)."""
    name = (getattr(upload, "filename", None) or "").lower()
    allowed = KINDS[kind]
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if suffix not in allowed:
        raise DocgenError(f"this file type is not accepted here (accepted: {', '.join(sorted(allowed))})")
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise DocgenError(f"the file is larger than {limit // (1024 * 1024)} MB")
    if not data:
        raise DocgenError("the file is empty")
    magic = allowed[suffix]
    if magic is None:
        if b"\x00" in data[:65536]:
            raise DocgenError(f"the file is not the {suffix} text it claims to be")
    elif not any(data.startswith(m) for m in magic):
        raise DocgenError(f"the file is not the {suffix} file it claims to be")
    return suffix, data


def safe_stem(name: str | None, fallback: str = "upload") -> str:
    """A file name's stem reduced to letters, digits, ``-`` and ``_`` (never a path)."""
    stem = (name or "").replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    clean = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem).strip("-_.")[:60]
    return clean or fallback
