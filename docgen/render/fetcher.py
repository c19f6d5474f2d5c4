"""The only resources a document may load: ``docgen:/<path>`` inside a templates folder.

A case file is untrusted. Even though its values are escaped, this rule is the second wall:
no ``file://``, no network, no redirects, no path leaving the templates folders. WeasyPrint's
side of it (its URL fetcher) is in ``render/pdf.py``, the WeasyPrint adapter.
"""
from __future__ import annotations

import mimetypes
from pathlib import Path

SCHEME = "docgen:"


def resolve(roots: list[Path], url: str) -> Path:
    """The file ``url`` names inside one of ``roots`` (resolved), or ValueError."""
    if not url.startswith(SCHEME):
        raise ValueError(f"blocked resource outside the templates folder: {url[:80]}")
    relative = url[len(SCHEME):].split("?")[0].split("#")[0].lstrip("/")
    for root in roots:
        path = (root / relative).resolve()
        if path.is_relative_to(root) and path.is_file():
            return path
    raise ValueError(f"no such template resource: {relative[:80]}")


def media_type(path: Path) -> str:
    if path.suffix == ".ttf":
        return "font/ttf"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"
