"""HTML to PDF through WeasyPrint, with fonts and stylesheets parsed once per process.

Parsing the stylesheet and loading the bundled fonts dominate a cold render, so both are
cached per templates folder; each document then only lays out its own HTML.
"""
from __future__ import annotations

import contextlib
import ctypes.util
import io
import logging
import re
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
from weasyprint import html as weasyprint_html  # noqa: E402
from weasyprint.pdf import fonts as weasyprint_pdf_fonts  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

from . import fetcher as policy  # noqa: E402
from .file_id import file_identifier  # noqa: E402


class _OpenArraysFFI:
    """WeasyPrint's cffi handle, except that ``new("T[N]", items)`` with N items is made as
    ``new("T[]", items)``: the same array, the same bytes.

    Subsetting a font, WeasyPrint asks cffi for an array type sized to the glyphs used
    (``hb_codepoint_t[71]``, ``hb_codepoint_t[2089]``…). cffi parses each new type string with
    pycparser over every C declaration WeasyPrint made, about 5 ms each, and almost every
    document brings new sizes: 170 ms of one dossier's 2.6 s of layout. ``T[]`` is parsed once
    per process. Anything else goes to the real handle unchanged.
    """

    _SIZED = re.compile(r"(\w+)\[(\d+)\]")

    def __init__(self, real: object):
        self._real = real

    def new(self, cdecl, init=None):  # noqa: ANN001, ANN201 - cffi's signature
        sized = self._SIZED.fullmatch(cdecl) if isinstance(cdecl, str) and init is not None else None
        if sized is not None:
            with contextlib.suppress(TypeError):
                if len(init) == int(sized[2]):
                    return self._real.new(f"{sized[1]}[]", init)
        return self._real.new(cdecl, init)

    def __getattr__(self, name: str):  # noqa: ANN204 - whatever the real handle has
        return getattr(self._real, name)


if not isinstance(getattr(weasyprint_pdf_fonts, "ffi", None), (_OpenArraysFFI, type(None))):
    weasyprint_pdf_fonts.ffi = _OpenArraysFFI(weasyprint_pdf_fonts.ffi)

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


# WeasyPrint's default stylesheet gives every element a ::marker and five footnote and note
# pseudo-elements (::footnote-call, ::note-marker…), each cascaded and computed for every element
# of every document: about 6 % of the work of laying out a reminder or a statement. Only a list
# item has a marker, and only an element floated as a footnote or a note has the others, so
# docgen's documents are laid out with that stylesheet narrowed to those cases: the same pages,
# byte for byte (tests/render/test_user_agent_sheet.py). A document or stylesheet that floats
# something as a footnote or note, or makes a list item of anything but <li>, gets WeasyPrint's own.
_NEEDS_FULL_SHEET = re.compile(r"float\s*:\s*(?:footnote|note)\b|list-item", re.IGNORECASE)
_MARKER_RULE = "\n::marker {"
_NOTE_RULES = re.compile(r"^::(?:footnote-call|footnote-marker|note-call|note-marker|note-callback) \{[^}]*\}\n",
                         re.MULTILINE)


@cache
def narrowed_user_agent_sheet() -> CSS | None:
    """WeasyPrint's default stylesheet with the marker rule for list items only (a <summary> is
    one too) and without the footnote and note rules; None if that stylesheet is no longer
    written as expected (WeasyPrint's own is then used)."""
    text = getattr(weasyprint_html, "UA", None)
    if not isinstance(text, str) or text.count(_MARKER_RULE) != 1 or len(_NOTE_RULES.findall(text)) != 5:
        return None
    text = _NOTE_RULES.sub("", text.replace(_MARKER_RULE, "\nli::marker, summary::marker {"))
    return CSS(string=text, counter_style=weasyprint_html.UA_COUNTER_STYLE)


class _NarrowedHTML(HTML):
    """An HTML document laid out with :func:`narrowed_user_agent_sheet`."""

    def _ua_stylesheets(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - WeasyPrint's hook
        narrowed = narrowed_user_agent_sheet()
        return [narrowed if sheet is weasyprint_html.UA_STYLESHEET and narrowed is not None else sheet
                for sheet in super()._ua_stylesheets(*args, **kwargs)]


def _stylesheets_allow_narrowing(roots: tuple[Path, ...]) -> bool:
    """No stylesheet of the templates folders floats footnotes or notes or makes list items."""
    for root in roots:
        for sheet in sorted(Path(root).rglob("*.css")):
            try:
                if _NEEDS_FULL_SHEET.search(sheet.read_text(encoding="utf-8", errors="replace")):
                    return False
            except OSError:
                return False
    return True


@cache
def _toolkit(roots: tuple[Path, ...]) -> tuple[TemplatesOnlyFetcher, FontConfiguration, CSS, bool]:
    fetcher = TemplatesOnlyFetcher(list(roots))
    fonts = FontConfiguration()
    css = CSS(url=STYLESHEET, url_fetcher=fetcher, font_config=fonts)
    narrow = _stylesheets_allow_narrowing(roots) and narrowed_user_agent_sheet() is not None
    return fetcher, fonts, css, narrow


def _document(html: str, roots: tuple[Path, ...]) -> tuple[HTML, CSS, FontConfiguration]:
    fetcher, fonts, css, narrow = _toolkit(roots)
    kind = _NarrowedHTML if narrow and not _NEEDS_FULL_SHEET.search(html) else HTML
    return kind(string=html, base_url="docgen:/", url_fetcher=fetcher), css, fonts


def html_to_pdf(html: str, roots: tuple[Path, ...], *, identity: str) -> bytes:
    """``identity`` seeds the PDF file identifier so the same input gives the same bytes."""
    document, css, fonts = _document(html, roots)
    identifier = file_identifier(identity)
    return document.write_pdf(stylesheets=[css], font_config=fonts, pdf_identifier=identifier)


def warm_up(roots: tuple[Path, ...]) -> None:
    """Parse the stylesheet and load the fonts for ``roots`` now (a batch worker, before its
    first document), so that every document after only lays out its own HTML."""
    _toolkit(roots)


def lay_out(html: str, roots: tuple[Path, ...], *, pdf_variant: str | None = None):  # noqa: ANN201 - weasyprint.Document
    """``html`` laid out in pages, not yet written (its boxes can be read, e.g. by the tests)."""
    document, css, fonts = _document(html, roots)
    return document.render(stylesheets=[css], font_config=fonts, pdf_variant=pdf_variant)


def pdf_and_pages(html: str, roots: tuple[Path, ...], *, identifier: bytes, pdf_variant: str | None = None,
                  on_pages: Callable[[int], object] | None = None) -> tuple[bytes, int]:
    """``html`` as PDF with the file identifier ``identifier``, and its number of pages (the
    dossier's cover settles its own length this way). ``on_pages`` is told the number of pages
    as soon as they are laid out, before the PDF is written (about a quarter of the time)."""
    laid_out = lay_out(html, roots, pdf_variant=pdf_variant)
    if on_pages is not None:
        on_pages(len(laid_out.pages))
    return laid_out.write_pdf(pdf_identifier=identifier, pdf_variant=pdf_variant), len(laid_out.pages)
