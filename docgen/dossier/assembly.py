"""One writer receives every page of the dossier: cover, documents, then each pièce, normalised
and stamped « Pièce n° N »; at the very end every page gets its running « n / total ».

The writer is cloned from the PDF/A cover to keep its XMP, OutputIntent and /ID (see
docs/pdf-stack.md). Pièces go in one at a time: a scan is decoded only when its page is
made and a parsed PDF is let go once copied, so that a long run of scans never holds more than
one decoded image.
"""
from __future__ import annotations

from pypdf import PdfReader, PdfWriter

from ..errors import DocgenError
from .cover import Layout
from .documents import read_rendered
from .images import image_page
from .metadata import PDF_HEADER
from .normalise import normalise_page
from .reporting import LogSink, fail
from .sources import Prepared
from .stamps import Painter


def assemble(cover: bytes, documents: list[PdfReader], prepared: list[Prepared], layout: Layout, *,
             holder: str, text: dict[str, str], max_pixels: int,
             sink: LogSink) -> tuple[PdfWriter, Painter, list[str]]:
    """The dossier's writer with every page, stamped but not yet numbered; its painter; warnings."""
    writer = PdfWriter(clone_from=read_rendered(cover, "cover page"))
    writer.pdf_header = PDF_HEADER
    root = writer.root_object
    for key in ("/Outlines", "/Names", "/OpenAction", "/PageLabels", "/AA"):
        if key in root:
            del root[key]
    painter, counter = Painter(writer), [0]
    for page in writer.pages:
        painter.wrap(page)
    for reader in documents:
        start = len(writer.pages)
        writer.append(reader, import_outline=False)
        for page in writer.pages[start:]:
            normalise_page(painter, page, counter)
    warnings: list[str] = []
    for item, first in zip(prepared, layout.piece_first):
        sink.at(item.spec)
        _add_piece(writer, painter, item, max_pixels, counter)
        item.reader = None                     # the writer holds its own copy: free the parsed source
        warnings += item.warnings
        n = item.spec.number
        for p in range(item.pages):
            page = writer.pages[first - 1 + p]
            painter.stamp(page, text["piece"].format(n=n), f"{n}-{p + 1}/{item.pages}" if item.pages > 1 else "",
                          holder)
        if item.spec.bordereau_pages not in (str(item.pages), ""):
            warnings.append(f"pièce n° {n}: the bordereau says {item.spec.bordereau_pages} page(s), the dossier "
                            f"holds {item.pages}")
    sink.where = ""
    for key in ("/AcroForm", "/Names"):       # form fields are flattened, named destinations unused
        if key in root:
            del root[key]
    if len(writer.pages) != layout.total:
        raise DocgenError(f"assembling the dossier: {len(writer.pages)} pages instead of the {layout.total} "
                          "announced")
    return writer, painter, warnings


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
