"""Would the dossier accept this pièce? Asked by case-file validation, before any dossier.

``docgen validate`` used to accept files that the dossier build then refused (HTML with
``%PDF-`` in its first kilobyte, password-protected, truncated or page-looping PDFs, image
bombs). The same checks as the build's (``input_pdf``, ``images``) run here on one file and
return a reason instead of raising, so that validation reports it as an error naming the
field. Validation (``docgen.model.files``) and the bordereau's page counts
(``docgen.render.exhibits``) reach this module through ``docgen.input_files``, loaded only when
a case names a PDF or an image: pypdf stays inside ``docgen.dossier``, and the lower layers
depend on these three functions, not on the build.
"""
from __future__ import annotations

import hashlib
import io
import warnings
from pathlib import Path

from .images import DEFAULT_MAX_IMAGE_PIXELS
from .input_pdf import VERDICTS, check_streams
from .reporting import pypdf_warnings, reason


def pdf_problem(path: Path) -> str | None:
    """Why the dossier would refuse the PDF at ``path``, or None (judged once per content)."""
    data = Path(path).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    known, problem = VERDICTS.get(digest)
    if not known:
        problem = _judge(data)
        VERDICTS.put(digest, problem)
    return problem


def _judge(data: bytes) -> str | None:
    # lazy: pypdf loads only when a case names a PDF (see the module's docstring)
    from pypdf import PdfReader

    # PDF readers tolerate some bytes before the header; markup there means a page (HTML, XML,
    # SVG) that merely mentions "%PDF-", or a polyglot that a browser would show differently.
    at = data.find(b"%PDF-", 0, 1024)
    if at < 0 or b"<" in data[:at]:
        return "the file is not a PDF (it only mentions %PDF- in its first bytes)"
    with pypdf_warnings():                      # pypdf's complaints become this one reason
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    ok = reader.decrypt("")
                except Exception as exc:  # noqa: BLE001 - unsupported encryption, missing crypto backend
                    return f"the PDF is encrypted with an unsupported method ({reason(exc)}); save an unprotected copy"
                if not ok:
                    return ("the PDF is password-protected: save a copy without password (a court dossier cannot "
                            "carry an encrypted pièce)")
            pages = len(reader.pages)
        except RecursionError:
            return "the PDF's page tree loops on itself: the file is damaged"
        except Exception as exc:  # noqa: BLE001 - any parser failure is a damaged file for the user
            return f"the PDF is damaged or truncated and cannot be read ({reason(exc)})"
        if pages == 0:
            return "the PDF has no page"
        for number, page in enumerate(reader.pages, 1):
            try:
                check_streams(page)
            except RecursionError:
                return "the PDF's page tree loops on itself: the file is damaged"
            except Exception as exc:  # noqa: BLE001 - damaged objects or streams
                return f"page {number} of the PDF is damaged ({reason(exc)})"
    return None


def pdf_pages(path: Path) -> int:
    """How many pages the PDF at ``path`` has (pypdf's error when it cannot tell)."""
    from pypdf import PdfReader

    return len(PdfReader(path, strict=False).pages)


def image_problem(path: Path, max_pixels: int = DEFAULT_MAX_IMAGE_PIXELS) -> str | None:
    """Why the dossier would refuse the JPEG or PNG scan at ``path``, or None (the header is
    read, never the pixels: a decompression bomb is refused from its announced size)."""
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                width, height = image.size
                kind = image.format
                image.verify()                  # structure and checksums, without decoding
        except Image.DecompressionBombError as exc:
            return f"refused as a decompression bomb ({exc})"
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
            return f"the image is damaged or unreadable ({reason(exc)})"
    if width * height > max_pixels:
        return (f"{width} × {height} pixels ({width * height / 1e6:.0f} megapixels) is over the limit of "
                f"{max_pixels / 1e6:.0f} megapixels: refused as a possible decompression bomb; scan the document "
                "again at 200-300 dpi")
    if kind not in ("JPEG", "PNG") or width < 1 or height < 1:
        return f"not a JPEG or PNG image ({kind})"
    return None
