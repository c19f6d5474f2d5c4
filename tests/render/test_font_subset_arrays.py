"""WeasyPrint subsets fonts through a cffi handle that makes ``T[N]`` arrays as ``T[]`` ones
(render/pdf.py, ``_OpenArraysFFI``): cffi then parses one type per process instead of one per
glyph count. The arrays and the PDFs must be the same.

Checked: the handle WeasyPrint's font module uses is ours; an array made either way holds the
same items in the same bytes; anything that is not a sized array with as many items goes to
cffi unchanged (an empty ``T[N]``, a count that differs, a pointer); a document's PDF is the same
bytes through the real handle; laying out documents with new glyph counts parses no new type.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import cffi.api
import pytest
from weasyprint.pdf import fonts as weasyprint_fonts
from weasyprint.text.ffi import ffi as real_ffi

from docgen.api import load_case
from docgen.render import pdf
from docgen.render.engine import render_html
from docgen.render.registry import template_roots

AS_OF = date(2026, 10, 15)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ROOTS = tuple(template_roots(None))


def test_weasyprint_s_font_module_uses_the_open_arrays_handle():
    assert isinstance(weasyprint_fonts.ffi, pdf._OpenArraysFFI)
    assert weasyprint_fonts.ffi.gc == real_ffi.gc, "everything else is the real handle's"


@pytest.mark.parametrize("items", [[7], [0, 3, 5, 900, 65535], list(range(2089))])
def test_an_open_array_is_the_same_array(items):
    handle = pdf._OpenArraysFFI(real_ffi)
    made = handle.new(f"hb_codepoint_t[{len(items)}]", items)
    sized = real_ffi.new(f"hb_codepoint_t[{len(items)}]", items)
    assert real_ffi.typeof(made) == real_ffi.typeof("hb_codepoint_t[]")
    assert len(made) == len(sized) == len(items)
    assert real_ffi.buffer(made)[:] == real_ffi.buffer(sized)[:]


def test_other_requests_go_to_cffi_unchanged():
    handle = pdf._OpenArraysFFI(real_ffi)
    assert real_ffi.typeof(handle.new("hb_tag_t[100]")) == real_ffi.typeof("hb_tag_t[100]")
    assert real_ffi.typeof(handle.new("char[4]", b"ab")) == real_ffi.typeof("char[4]"), "2 items for 4 places"
    assert real_ffi.typeof(handle.new("unsigned int *")) == real_ffi.typeof("unsigned int *")


def test_a_document_is_the_same_pdf_through_the_real_handle(monkeypatch):
    case = load_case(EXAMPLES / "fr-b2b" / "case.yaml", as_of=AS_OF)
    html, _ = render_html(case, "decompte", AS_OF)
    quick = pdf.html_to_pdf(html, ROOTS, identity="same")
    monkeypatch.setattr(weasyprint_fonts, "ffi", real_ffi)
    assert pdf.html_to_pdf(html, ROOTS, identity="same") == quick


def test_new_glyph_counts_parse_no_new_type(monkeypatch):
    pdf.html_to_pdf("<p>warm</p>", ROOTS, identity="warm")
    parsed = []
    real_parse = cffi.api.FFI._typeof_locked

    def spy(self, cdecl):  # noqa: ANN001, ANN202
        if cdecl not in self._parsed_types:
            parsed.append(cdecl)
        return real_parse(self, cdecl)

    monkeypatch.setattr(cffi.api.FFI, "_typeof_locked", spy)
    for words in ("abc", "abcdefghij klmnop", "Zürich 1 234,56 € — « déjà »"):
        pdf.html_to_pdf(f"<p>{words}</p><p><b>{words}</b></p>", ROOTS, identity=words)
    assert [c for c in parsed if c.startswith("hb_codepoint_t")] == []
