"""HTML to PDF through WeasyPrint, with fonts and stylesheets parsed once per process.

Parsing the stylesheet and loading the bundled fonts dominate a cold render, so both are
cached per templates folder; each document then only lays out its own HTML.
"""
from __future__ import annotations

import contextlib
import ctypes.util
import io
import logging
import sys
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path


@contextlib.contextmanager
def _system_libraries_by_file_name() -> Iterator[None]:
    """While WeasyPrint loads Pango, HarfBuzz and fontconfig: no ``ctypes.util.find_library``.

    WeasyPrint tries several names per library, Windows and macOS ones first; through cffi, each
    name without a file extension costs a ``find_library`` search, which on Linux runs ``gcc``,
    ``ld`` and ``ldconfig`` in subprocesses: about 20 ms per name, a third of a second per
    import, in every process that renders (the ``docgen`` command, each worker's fork server).
    The names that carry a file extension (``libpango-1.0.so.0``, ``libpango-1.0.dylib``) are
    opened directly without a search, and one of them is the installed library on Linux and
    macOS. WeasyPrint prints its installation help before it fails: silenced here, as a failure
    only means "search the slow way" (see the import below).
    """
    real = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        ctypes.util.find_library = real


try:
    with _system_libraries_by_file_name():
        import weasyprint  # noqa: F401 - loaded here with the quick library lookup
except OSError:
    # A system where only find_library's search finds the libraries (Windows, unusual layouts):
    # forget the half-loaded modules and import again the ordinary way.
    for _name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        del sys.modules[_name]

from weasyprint import CSS, HTML  # noqa: E402 - after the quick import above
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

from . import fetcher as policy  # noqa: E402
from .file_id import file_identifier  # noqa: E402

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
    identifier = file_identifier(identity)
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
                  on_pages: Callable[[int], object] | None = None) -> tuple[bytes, int]:
    """``html`` as PDF with the file identifier ``identifier``, and its number of pages (the
    dossier's cover settles its own length this way). ``on_pages`` is told the number of pages
    as soon as they are laid out, before the PDF is written (about a quarter of the time)."""
    laid_out = lay_out(html, roots, pdf_variant=pdf_variant)
    if on_pages is not None:
        on_pages(len(laid_out.pages))
    return laid_out.write_pdf(pdf_identifier=identifier, pdf_variant=pdf_variant), len(laid_out.pages)
