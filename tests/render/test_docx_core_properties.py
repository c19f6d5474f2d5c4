"""docProps/core.xml of every DOCX: each property once, in its own namespace.

docxcompose (imported by docxtpl) rebinds python-docx's « cp » prefix process-wide; the core
properties set afterwards were then written twice, the second copy in the custom-properties
namespace, and Microsoft Word refused the file as unreadable content (docxtpl issue 471). The
check reads the XML with lxml, not through python-docx, whose own reading is what went wrong.
"""
from __future__ import annotations

import io
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import docxcompose.utils  # noqa: F401 - the import that rebinds the prefix, whatever the order of the tests
import pytest
from lxml import etree

from docgen.api import load_case
from docgen.render.engine import render

AS_OF = date(2026, 10, 15)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
ALLOWED = {CORE, "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/"}


@pytest.mark.parametrize("example, doc", [("fr-b2c", "relance"), ("be-b2b", "mise_en_demeure"),
                                          ("fr-b2b", "injonction_de_payer")])
def test_each_core_property_is_written_once_in_its_namespace(example, doc):
    case = load_case(EXAMPLES / example / "case.yaml", as_of=AS_OF)
    data = render(case, doc, AS_OF, "docx", force=True, accept_unconfirmed=True)
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml"))
    names = [etree.QName(child) for child in root]
    assert {n.namespace for n in names} <= ALLOWED, [str(n) for n in names]
    repeated = [name for name, count in Counter(n.localname for n in names).items() if count > 1]
    assert not repeated, repeated
    creator = root.findtext("{http://purl.org/dc/elements/1.1/}creator")
    assert creator and root.findtext(f"{{{CORE}}}lastModifiedBy") == creator     # the creditor (or its lawyer)
    assert root.findtext(f"{{{CORE}}}revision") == "1"
