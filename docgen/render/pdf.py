"""HTML to PDF through WeasyPrint, with fonts and stylesheets parsed once per process.

Parsing the stylesheet and loading the bundled fonts dominate a cold render, so both are
cached per templates folder; each document then only lays out its own HTML.
"""
from __future__ import annotations

import hashlib
import logging
from functools import cache
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import fetcher as policy

STYLESHEET = "docgen:/base/document.css"

# WeasyPrint logs blocked URLs as warnings; they are expected for hostile input and must not
# print case data (e.g. a debtor name holding a URL) to the terminal.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


class TemplatesOnlyFetcher(URLFetcher):
    """WeasyPrint's only way to load a resource: the rule of ``render/fetcher.py``."""

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols=("docgen",), allow_redirects=False, fail_on_errors=False)
        self.roots = [r.resolve() for r in roots]

    def resolve(self, url: str) -> Path:
        return policy.resolve(self.roots, url)

    def fetch(self, url, headers=None):  # noqa: ANN001, ANN201 - WeasyPrint's signature
        path = self.resolve(url)
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": policy.media_type(path)})


@cache
def _toolkit(roots: tuple[Path, ...]) -> tuple[TemplatesOnlyFetcher, FontConfiguration, CSS]:
    fetcher = TemplatesOnlyFetcher(list(roots))
    fonts = FontConfiguration()
    css = CSS(url=STYLESHEET, url_fetcher=fetcher, font_config=fonts)
    return fetcher, fonts, css


def html_to_pdf(html: str, roots: tuple[Path, ...], *, identity: str) -> bytes:
    """``identity`` seeds the PDF file identifier so the same input gives the same bytes."""
    fetcher, fonts, css = _toolkit(roots)
    document = HTML(string=html, base_url="docgen:/", url_fetcher=fetcher)
    identifier = hashlib.sha256(identity.encode()).hexdigest()[:32].encode()
    return document.write_pdf(stylesheets=[css], font_config=fonts, pdf_identifier=identifier)


def warm_up(roots: tuple[Path, ...]) -> None:
    """Parse the stylesheet and load the fonts for ``roots`` now (a batch worker, before its
    first document), so that every document after only lays out its own HTML."""
    _toolkit(roots)


def lay_out(html: str, roots: tuple[Path, ...], *, pdf_variant: str | None = None):  # noqa: ANN201 - weasyprint.Document
    """``html`` laid out in pages, not yet written (its boxes can be read, e.g. by the tests)."""
    fetcher, fonts, css = _toolkit(roots)
    return HTML(string=html, base_url="docgen:/", url_fetcher=fetcher).render(
        stylesheets=[css], font_config=fonts, pdf_variant=pdf_variant)


def pdf_and_pages(html: str, roots: tuple[Path, ...], *, identifier: bytes, pdf_variant: str | None = None,
                  ) -> tuple[bytes, int]:
    """``html`` as PDF with the file identifier ``identifier``, and its number of pages (the
    dossier's cover settles its own length this way)."""
    laid_out = lay_out(html, roots, pdf_variant=pdf_variant)
    return laid_out.write_pdf(pdf_identifier=identifier, pdf_variant=pdf_variant), len(laid_out.pages)
