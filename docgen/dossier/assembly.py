"""One writer receives every page of the dossier: cover, documents, then each pièce, normalised
and stamped « Pièce n° N »; at the very end every page gets its running « n / total ».

The writer is filled as the parts become available, from the back: the pièces while the
documents are still being laid out elsewhere, the documents in front of them while the cover is
being laid out, the cover in front of all. Its catalogue takes the OutputIntent of the documents
(laid out as PDF/A-3b, as the cover; see docs/pdf-stack.md); XMP, /Info and /ID are set at the
end (``metadata``). Pièces go in one at a time: a scan is decoded only when its page is made and
a parsed PDF is let go once copied, so that a long run of scans never holds more than one
decoded image.
"""
from __future__ import annotations

from pypdf import PdfReader, PdfWriter

from ..errors import DocgenError
from .cover import Layout
from .images import image_page
from .metadata import PDF_HEADER, copy_output_intents
from .normalise import normalise_page
from .reporting import LogSink, fail
from .sources import Prepared
from .stamps import Painter


class Assembly:
    """The dossier's writer, its painter and the warnings of the pages added so far."""

    def __init__(self, *, holder: str, text: dict[str, str], max_pixels: int, sink: LogSink):
        self.writer = PdfWriter()
        self.writer.pdf_header = PDF_HEADER
        self.painter = Painter(self.writer)
        self.warnings: list[str] = []
        self._holder, self._text, self._max_pixels, self._sink = holder, text, max_pixels, sink
        self._counter = [0]
        self._next = 0                 # the next pièce to add, in the order of ``prepared``

    def add_pieces(self, prepared: list[Prepared], *, wait: bool = True) -> None:
        """Append the pièces not yet added, in order, each normalised and stamped. Without
        ``wait``, stop before an e-mail whose layout is still under way (the rest follows later)."""
        while self._next < len(prepared):
            item = prepared[self._next]
            if item.pending is not None and not wait and not item.pending.done():
                return
            self._sink.at(item.spec)
            item.settle()
            start = len(self.writer.pages)
            _add_piece(self.writer, self.painter, item, self._max_pixels, self._counter)
            item.reader = None                 # the writer holds its own copy: free the parsed source
            self.warnings += item.warnings
            n = item.spec.number
            for p in range(item.pages):
                self.painter.stamp(self.writer.pages[start + p], self._text["piece"].format(n=n),
                                   f"{n}-{p + 1}/{item.pages}" if item.pages > 1 else "", self._holder)
            if item.spec.bordereau_pages not in (str(item.pages), ""):
                self.warnings.append(f"pièce n° {n}: the bordereau says {item.spec.bordereau_pages} page(s), the "
                                     f"dossier holds {item.pages}")
            self._next += 1
        self._sink.where = ""

    def take_output_intent(self, source: PdfReader) -> None:
        """The dossier's OutputIntent, from ``source``: a document, laid out as PDF/A-3b like the
        cover, with the same one. Taken before the pièces' own files are written (they copy it)."""
        copy_output_intents(source, self.writer)

    def add_documents(self, documents: list[PdfReader]) -> None:
        """The rendered documents, in order, in front of the pièces."""
        position = 0
        for reader in documents:
            count = len(reader.pages)
            self.writer.merge(position, reader, import_outline=False)
            for page in self.writer.pages[position:position + count]:
                normalise_page(self.painter, page, self._counter)
            position += count

    def add_cover(self, cover: PdfReader, layout: Layout) -> None:
        """The cover in front of everything. Checks that the pages are the ones the cover's table
        of contents announced."""
        count = len(cover.pages)
        self.writer.merge(0, cover, import_outline=False)
        for page in self.writer.pages[:count]:
            self.painter.wrap(page)
        root = self.writer.root_object
        for key in ("/AcroForm", "/Names", "/Outlines", "/OpenAction", "/PageLabels", "/AA"):
            if key in root:                    # form fields are flattened, named destinations unused
                del root[key]
        if len(self.writer.pages) != layout.total:
            raise DocgenError(f"assembling the dossier: {len(self.writer.pages)} pages instead of the "
                              f"{layout.total} announced")


def _add_piece(writer: PdfWriter, painter: Painter, item: Prepared, max_pixels: int, counter: list[int]) -> None:
    """Append one pièce's pages to ``writer`` and normalise them."""
    spec = item.spec
    start = len(writer.pages)
    if item.kind == "image":
        page = image_page(writer, spec, max_pixels)
        normalise_page(painter, page, counter)
        return
    step = "copying the pages"
    try:
        writer.append(item.reader, import_outline=False)
        step = "normalising the pages"
        for page in writer.pages[start:]:
            normalise_page(painter, page, counter)
    except DocgenError:
        raise
    except Exception as exc:  # noqa: BLE001 - damaged objects surface while copying
        raise fail(spec, step, f"the PDF is damaged ({type(exc).__name__}: {str(exc)[:160]})") from None
    if len(writer.pages) - start != item.pages:
        raise fail(spec, "copying the pages", f"expected {item.pages} pages, got {len(writer.pages) - start}")


def number_pages(writer: PdfWriter, painter: Painter) -> None:
    """The running « n / total », last, so that each pièce's own file is written without it."""
    total = len(writer.pages)
    for index, page in enumerate(writer.pages, 1):
        painter.page_number(page, f"{index} / {total}")
