"""The editable DOCX draft: the same rendered HTML, poured into a docxtpl skeleton.

The skeleton (``templates/base/document.docx``, or a firm's own under ``--templates DIR``) carries
page setup, the named styles (docx_styles) and the footer with the creditor's mentions and
« Page X / Y ». The body is built from the very HTML the PDF is made of (docx_body), so both say
exactly the same thing; the package is then stamped with the PDF's properties (docx_package).
"""
from __future__ import annotations

import io
from pathlib import Path

from docx.oxml.ns import nsmap as python_docx_prefixes
from docxtpl import DocxTemplate

from ..errors import DocgenError
from ..resources import templates_dir
from .docx_body import BodyWriter
from .docx_package import as_of_of, head_meta, reproducible_zip, set_core_properties
from .docx_styles import install_styles, set_language
from .docx_watermark import add_watermark, draft_word
from .htmltree import parse
from .jinja import docx_environment
from .sandbox import template_error

PAGE_LABEL = {"fr": "Page", "nl": "Pagina"}

# docxcompose, which docxtpl imports for sub-documents, rebinds python-docx's « cp » prefix for the
# whole process to the custom-properties namespace. Every core property set after that (lastModifiedBy,
# revision, keywords, category) was written a second time, in that namespace, into docProps/core.xml:
# Microsoft Word then reports unreadable content (docxtpl issue 471, docxcompose issue 101). docxcompose
# queries with its own map, so the standard binding is put back for python-docx.
python_docx_prefixes["cp"] = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def _stylesheet(skeleton: Path) -> Path | None:
    """The stylesheet next to the skeleton (a firm's folder), else the bundled one: column widths."""
    for candidate in (skeleton.parent / "document.css", templates_dir() / "base" / "document.css"):
        if candidate.is_file():
            return candidate
    return None


def html_to_docx(html: str, skeleton: Path, footer: str, *, language: str = "fr-FR") -> bytes:
    """``language`` is the BCP 47 tag of the document (fr-FR, fr-BE, nl-BE) for w:lang."""
    try:
        tpl = DocxTemplate(str(skeleton))
        tpl.init_docx()
        styles = tpl.docx.styles.element
    except Exception as exc:  # noqa: BLE001 - not a ZIP, not a Word document, unreadable
        raise DocgenError(f"DOCX skeleton {skeleton}: cannot be read ({type(exc).__name__})") from None
    # A firm's skeleton keeps its own styles; any docgen style it lacks is added, so the body
    # never falls back to Word's defaults.
    install_styles(styles, replace=False)
    set_language(styles, language)
    root = parse(html)
    body = tpl.new_subdoc()
    BodyWriter(body, _stylesheet(skeleton)).block(root.find("body") or root)
    # A firm's skeleton is code (its footer and properties are Jinja templates): rendered in the
    # same sandbox as the HTML, never in docxtpl's default, unsandboxed environment. The
    # environment autoescapes already; docxtpl's own autoescape flag would mutate it.
    context = {"body": body, "footer": footer, "page_label": PAGE_LABEL.get(language[:2], "Page")}
    try:
        tpl.render(context, jinja_env=docx_environment(), autoescape=False)
    except DocgenError as exc:
        raise DocgenError(f"DOCX skeleton {skeleton}: {exc.message}") from None
    except Exception as exc:  # noqa: BLE001 - a syntax error caught by docxtpl before rendering
        raise DocgenError(f"DOCX skeleton {skeleton}: {template_error(exc, None)}") from None
    word = draft_word(root)
    if word:
        add_watermark(tpl.docx, word)
    meta = head_meta(root)
    set_core_properties(tpl.docx, meta, language)
    out = io.BytesIO()
    tpl.save(out)
    return reproducible_zip(out.getvalue(), as_of_of(meta["created"]))
