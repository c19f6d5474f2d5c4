"""The only way WeasyPrint may load a resource: ``docgen:/<path>`` inside a templates folder.

A case file is untrusted. Even though its values are escaped, the fetcher is the second
wall: no ``file://``, no network, no redirects, no path leaving the templates folders.
"""
from __future__ import annotations

import mimetypes
from pathlib import Path

from weasyprint.urls import URLFetcher, URLFetcherResponse

SCHEME = "docgen:"


class TemplatesOnlyFetcher(URLFetcher):
    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols=("docgen",), allow_redirects=False, fail_on_errors=False)
        self.roots = [r.resolve() for r in roots]

    def resolve(self, url: str) -> Path:
        if not url.startswith(SCHEME):
            raise ValueError(f"blocked resource outside the templates folder: {url[:80]}")
        relative = url[len(SCHEME):].split("?")[0].split("#")[0].lstrip("/")
        for root in self.roots:
            path = (root / relative).resolve()
            if path.is_relative_to(root) and path.is_file():
                return path
        raise ValueError(f"no such template resource: {relative[:80]}")

    def fetch(self, url, headers=None):  # noqa: ANN001, ANN201 - WeasyPrint's signature
        path = self.resolve(url)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".ttf":
            kind = "font/ttf"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
