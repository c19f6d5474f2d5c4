"""Opening a pièce that is a PDF, and refusing what cannot go into a court dossier.

pypdf is lenient: it opens damaged files, salvages broken streams and would copy the damage into
the dossier. So every page is checked here, before any work, and an encrypted or damaged file fails with its name; fonts that are not embedded are
a warning (the dossier is then not PDF/A-conformant, but still readable).
"""
from __future__ import annotations

import io
import threading
import zlib
from collections import OrderedDict

from pypdf import PageObject, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from .pdfobjects import content_items
from .pieces import PieceSpec
from .reporting import fail, reason, where


class StreamVerdicts:
    """Whether a PDF's streams decode is a fact of its bytes: judged once per process, keyed by the
    bytes' SHA-256. Case-file validation judges every pièce, then the dossier opens the same
    files; a program that builds dossier after dossier opens them again and again."""

    def __init__(self, size: int = 1024):
        self._known: OrderedDict[str, str | None] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, digest: str) -> tuple[bool, str | None]:
        """(known, problem): the problem is None for a file whose streams all decode."""
        with self._lock:
            if digest not in self._known:
                return False, None
            self._known.move_to_end(digest)
            return True, self._known[digest]

    def put(self, digest: str, problem: str | None) -> None:
        with self._lock:
            self._known[digest] = problem
            self._known.move_to_end(digest)
            while len(self._known) > self._size:
                self._known.popitem(last=False)


VERDICTS = StreamVerdicts()


def open_pdf(spec: PieceSpec, data: bytes, digest: str) -> tuple[PdfReader, int, bool, list[str]]:
    """The reader, the page count, whether the file is signed, and warnings; DocgenError when
    refused. ``digest`` is the SHA-256 of ``data``: streams already judged sound are not decoded
    again."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception as exc:  # noqa: BLE001 - any parser failure is a damaged file for the user
        raise fail(spec, "reading the PDF", f"the file is damaged or not a PDF ({reason(exc)})") from None
    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")
        except Exception as exc:  # noqa: BLE001 - unsupported encryption, missing crypto backend
            raise fail(spec, "decrypting the PDF", f"encrypted with an unsupported method ({reason(exc)}); "
                       "save an unprotected copy") from None
        if not ok:
            raise fail(spec, "decrypting the PDF", "the PDF is password-protected; save a copy without "
                       "password (a court dossier cannot carry an encrypted pièce)")
    try:
        pages = len(reader.pages)
    except Exception as exc:  # noqa: BLE001
        raise fail(spec, "reading the PDF", f"the page tree is damaged ({reason(exc)})") from None
    if pages == 0:
        raise fail(spec, "reading the PDF", "the PDF has no page")
    missing: set[str] = set()
    known, problem = VERDICTS.get(digest)
    for number, page in enumerate(reader.pages, 1):
        try:
            if not known or problem is not None:
                check_streams(page)
            missing |= missing_fonts(page)
        except Exception as exc:  # noqa: BLE001 - damaged objects or streams
            raise fail(spec, f"checking page {number}", f"the PDF is damaged ({reason(exc)})") from None
    notes = []
    if missing:
        notes.append(f"{where(spec)} uses fonts that are not embedded ({', '.join(sorted(missing)[:5])}): the "
                     "dossier is not PDF/A-conformant until that file is replaced by one with embedded fonts "
                     "(print it to PDF again, or scan it)")
    return reader, pages, _is_signed(data, reader), notes


def _is_signed(data: bytes, reader: PdfReader) -> bool:
    if b"/ByteRange" in data:
        return True
    try:
        form = reader.trailer["/Root"].get_object().get("/AcroForm")
        return bool(form is not None and int(form.get_object().get("/SigFlags", 0) or 0) & 1)
    except Exception:  # noqa: BLE001 - a damaged form dictionary is not a signature
        return False


def check_streams(page: PageObject) -> None:
    """Decode, strictly, every Flate stream the page uses (content, forms, fonts, images):
    pypdf salvages what it can from a damaged stream and would copy the damage on; here it is
    an error (``ValueError``) for the caller to report with the file's name."""
    seen: set[int] = set()
    stack = [page]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = obj.idnum
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        if isinstance(obj, StreamObject):
            filters = obj.get("/Filter")
            filters = list(filters) if isinstance(filters, ArrayObject) else [filters]
            if filters and filters[0] == "/FlateDecode":
                try:
                    zlib.decompressobj().decompress(obj._data)  # noqa: SLF001 - the raw, encoded bytes
                except zlib.error as exc:
                    raise ValueError(f"damaged compressed stream ({exc})") from None
        if isinstance(obj, DictionaryObject):
            stack.extend(v for k, v in obj.items() if k not in ("/Parent", "/P", "/Dest", "/A", "/Annots"))
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    for item in content_items(page):
        if not isinstance(item.get_object(), StreamObject):
            raise ValueError("a content entry is not a stream")


def missing_fonts(page: PageObject) -> set[str]:
    """Names of the fonts a page uses without embedding them (PDF/A requires every font embedded)."""
    missing: set[str] = set()
    seen: set[int] = set()

    def visit(resources, depth: int) -> None:  # noqa: ANN001
        if resources is None or depth > 8:
            return
        resources = resources.get_object()
        if id(resources) in seen:
            return
        seen.add(id(resources))
        fonts = resources.get("/Font")
        for font in (fonts.get_object().values() if fonts is not None else []):
            font = font.get_object()
            subtype = font.get("/Subtype")
            if subtype == "/Type3":
                continue
            target = font["/DescendantFonts"].get_object()[0].get_object() if subtype == "/Type0" else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont", "?")).lstrip("/"))
        xobjects = resources.get("/XObject")
        for xobject in (xobjects.get_object().values() if xobjects is not None else []):
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"), depth + 1)

    visit(page.get("/Resources"), 0)
    return missing
