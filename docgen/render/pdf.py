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

from .fetcher import TemplatesOnlyFetcher

STYLESHEET = "docgen:/base/document.css"

# WeasyPrint logs blocked URLs as warnings; they are expected for hostile input and must not
# print case data (e.g. a debtor name holding a URL) to the terminal.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


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
