"""The editable DOCX is the PDF's letter: every document of every example, converted by LibreOffice
(an independent reader), compared with docgen's own PDF through poppler (pdftotext -bbox).

Checked: the same words (the PDF-only running label « Page n / N », the footer band and the draft
mark aside) in the same order, a table cell that wraps read as one piece; the same page count; the
recipient's address inside the envelope window on page 1; the signature on the page of the closing
paragraph; no word cut inside a table cell. LibreOffice lays out in the bundled Liberation fonts
(docx_fonts), as the PDF does. The XML checks need no LibreOffice: w:lang, black headings, core
properties, no run starting with a space, the same bytes twice.
"""
from __future__ import annotations

import difflib
import html as htmllib
import io
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from docgen.api import load_case
from docgen.render import docx_styles
from docgen.render.docx_fonts import bundled_fonts
from docgen.render.engine import render
from docgen.render.htmltree import parse
from docgen.render.registry import available, document_type, template_roots

AS_OF = date(2026, 10, 15)
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*/case.yaml"))
PT_PER_MM = 72 / 25.4
FOOTER_BAND_MM = 297 - 24          # below the text area: footer, page label
WINDOW = (110, 55, 195, 88)        # docs/letters.md: 85 x 33 mm, 110 mm from the left, 55 mm from the top
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LANG = {("FR", "fr"): "fr-FR", ("BE", "fr"): "fr-BE", ("BE", "nl"): "nl-BE"}
DRAFT = {"PROJET", "ONTWERP", "ONTWER", "P"}    # the PDF's mark may wrap (« ONTWER » / « P »)
NEEDS_TOOLS = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                 reason="LibreOffice and poppler-utils are needed")


def _docs(case) -> list[str]:
    docs = sorted({d for j, d, lang in available(template_roots()) if j == case.jurisdiction and lang == case.language})
    return [d for d in docs if d != "plan_apurement" or case.payment_plan is not None]


def _cases() -> list[tuple[str, str]]:
    return [(p.parent.name, d) for p in EXAMPLES for d in _docs(load_case(p, as_of=AS_OF))]


CASES = _cases()


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """{(example, doc): {"pdf", "docx", "lo", "html", "case"}}, LibreOffice run once for the batch."""
    folder = tmp_path_factory.mktemp("docx_layout")
    found = {}
    for path in EXAMPLES:
        case = load_case(path, as_of=AS_OF)
        for doc in _docs(case):
            entry = {"case": case}
            for fmt in ("pdf", "docx", "html"):
                entry[fmt] = render(case, doc, AS_OF, fmt, force=True, accept_unconfirmed=True)
            stem = f"{path.parent.name}_{doc}"
            (folder / f"{stem}.docx").write_bytes(entry["docx"])
            (folder / f"{stem}.pdf").write_bytes(entry["pdf"])
            entry["stem"] = folder / stem
            found[(path.parent.name, doc)] = entry
    if shutil.which("soffice"):
        lo = folder / "lo"
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to",
                        "pdf", "--outdir", str(lo), *sorted(str(p) for p in folder.glob("*.docx"))],
                       check=True, capture_output=True, timeout=900, env=bundled_fonts(folder))
        for (name, doc), entry in found.items():
            entry["lo"] = lo / f"{name}_{doc}.pdf"
    return found


def _boxes(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, the words with their box (left, top, right, bottom) in mm (pdftotext -bbox)."""
    xml = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    return [[(float(x0) / PT_PER_MM, float(y0) / PT_PER_MM, float(x1) / PT_PER_MM, float(y1) / PT_PER_MM,
              htmllib.unescape(w)) for x0, y0, x1, y1, w in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)]
            for page in xml.split("<page ")[1:]]


def _words(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Per page, the words with their top-left corner in mm."""
    return [[(x0, y0, w) for x0, y0, _, _, w in page] for page in _boxes(pdf)]


CELL_GAP_MM = 2.5       # between two table cells: 1.5 mm of padding each side; between two words: ~1 mm
RUN_ON = 1.45           # a line this many line heights below the last one continues it (no paragraph or row gap)


def _segments(line: list[tuple[float, float, float, float, str]]) -> list[tuple[float, list[str]]]:
    """A line cut where its words are a cell apart: [(left, words)]."""
    out: list[tuple[float, list[str]]] = []
    right = None
    for x0, _, x1, _, w in sorted(line):
        if right is None or x0 - right > CELL_GAP_MM:
            out.append((x0, [w]))
        else:
            out[-1][1].append(w)
        right = x1
    return out


def _reading(pdf: Path) -> list[str]:
    """Words of the text area in reading order, without the footer band or the draft mark.

    Line by line, except that the wrapped lines of a table row are read cell by cell: where a cell
    wraps depends on the engine's column widths and line breaking, not on what the document says,
    so « phase 1 / (maquettes et » is read as one cell in both. A line continues the one before
    (same paragraph or table row) when it follows at one line's distance and each of its pieces
    starts where a piece of that row does.
    """
    seq: list[str] = []
    for page in _boxes(pdf):
        body = [b for b in page if b[1] < FOOTER_BAND_MM and b[4] not in DRAFT]
        lines: list[list[tuple[float, float, float, float, str]]] = []
        for box in sorted(body, key=lambda b: (b[1], b[0])):
            if lines and abs(lines[-1][0][1] - box[1]) < 1.2:
                lines[-1].append(box)
            else:
                lines.append([box])
        row: list[tuple[float, list[str]]] = []
        last = None             # (top, height) of the row's last line
        for line in lines:
            top, height = min(b[1] for b in line), max(b[3] - b[1] for b in line)
            pieces = _segments(line)
            starts = [x for x, _ in row]
            follows = last is not None and top - last[0] < RUN_ON * max(height, last[1])
            if follows and all(any(abs(x - s) < 1.0 for s in starts) for x, _ in pieces):
                for x, words in pieces:
                    next(cell for s, cell in row if abs(x - s) < 1.0).extend(words)
            else:
                seq += [w for _, cell in sorted(row, key=lambda c: c[0]) for w in cell]
                row = [(x, list(words)) for x, words in pieces]
            last = (top, height)
        seq += [w for _, cell in sorted(row, key=lambda c: c[0]) for w in cell]
    # A compound may be cut at its hyphen at the end of a line (« OF- » / « 2025-0144 ») by one
    # engine and not the other: joined up, it is the same word.
    joined: list[str] = []
    for w in seq:
        if joined and joined[-1].endswith("-") and len(joined[-1]) > 1:
            joined[-1] += w
        else:
            joined.append(w)
    return joined


def _pages(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                             check=True).stdout).group(1))


def _cells_of(root, *tags: str) -> list:  # noqa: ANN001
    cells = []

    def walk(node):  # noqa: ANN001, ANN202
        for child in node.children:
            if not isinstance(child, str):
                (cells.append(child) if child.tag in tags else walk(child))
    walk(root)
    return cells





@NEEDS_TOOLS
@pytest.mark.parametrize("name, doc", CASES)
def test_libreoffice_reads_the_same_words_as_the_pdf(out, name, doc):
    entry = out[(name, doc)]
    # A table header repeats on each page the table spans, in both; where a page ends may differ
    # by a row, so the header words are left out of the comparison (test_tables_... checks them).
    headers = {w for th in _cells_of(parse(entry["html"].decode()), "th") for w in th.text().split()}
    pdf, lo = ([w for w in _reading(p) if w not in headers] for p in (entry["stem"].with_suffix(".pdf"), entry["lo"]))
    assert Counter(lo) == Counter(pdf), (Counter(pdf) - Counter(lo), Counter(lo) - Counter(pdf))
    if lo != pdf:
        changes = [(pdf[i1:i2], lo[j1:j2]) for op, i1, i2, j1, j2 in
                   difflib.SequenceMatcher(None, pdf, lo, autojunk=False).get_opcodes() if op != "equal"]
        pytest.fail(f"the words are in another order: {changes[:5]}")


@NEEDS_TOOLS
@pytest.mark.parametrize("name, doc", CASES)
def test_the_docx_has_the_page_count_of_the_pdf(out, name, doc):
    entry = out[(name, doc)]
    assert _pages(entry["lo"]) == _pages(entry["stem"].with_suffix(".pdf"))


@NEEDS_TOOLS
@pytest.mark.parametrize("name, doc", CASES)
def test_no_word_is_cut_inside_a_table_cell(out, name, doc):
    entry = out[(name, doc)]
    cells = _cells_of(parse(entry["html"].decode()), "td", "th")
    # A line may end after a hyphen (« extra- » / « plate »), as in the PDF: that is not a cut word.
    words = {p for c in cells for w in c.text().split() if len(w) > 2 for p in _hyphen_parts(w)}
    seen = set(p for page in _words(entry["lo"]) for _, _, w in page for p in _hyphen_parts(w))
    assert not words - seen, sorted(words - seen)


def _hyphen_parts(word: str) -> list[str]:
    return [p for p in re.split(r"(?<=[^\W\d_]-)(?=[^\W\d_])", word) if p]     # between letters only


@NEEDS_TOOLS
@pytest.mark.parametrize("name, doc", [c for c in CASES if document_type(c[1]).kind == "letter"])
def test_a_letter_puts_the_recipient_in_the_window(out, name, doc):
    entry = out[(name, doc)]
    debtor = entry["case"].debtor
    first = _words(entry["lo"])[0]
    name_words = [w for w in debtor.display_name.split() if len(w) > 2]
    head = [(x, y, w) for x, y, w in first if y < 93]      # the head (the body may name the debtor too)
    placed = [(x, y) for x, y, w in head if w in name_words or (debtor.address and w == debtor.address.postcode)]
    assert placed, "recipient not found on page 1"
    x0, y0, x1, y1 = WINDOW
    assert all(x0 - 0.5 <= x <= x1 and y0 - 0.5 <= y <= y1 - 3 for x, y in placed), placed
    returns = [(x, y) for x, y, w in first if w in ("Expéditeur", "Afzender:")]
    assert returns and all(x0 - 0.5 <= x and y < y0 for x, y in returns), returns


@NEEDS_TOOLS
@pytest.mark.parametrize("name, doc", [c for c in CASES if document_type(c[1]).kind == "letter"])
def test_the_signature_is_on_the_page_of_the_closing_paragraph(out, name, doc):
    entry = out[(name, doc)]
    signatory = entry["case"].creditor.signatory
    closing = "salutations" if entry["case"].language == "fr" else "groeten"
    if signatory is None or closing not in " ".join(" ".join(w for _, _, w in p) for p in _words(entry["lo"])):
        pytest.skip("no closing formula or signatory in this letter")
    surname = signatory.name.split()[-1]
    for pdf in (entry["lo"], entry["stem"].with_suffix(".pdf")):     # docgen's own PDF too
        body = [[(y, w) for _, y, w in page if y < FOOTER_BAND_MM] for page in _words(pdf)]
        page = max(n for n, words in enumerate(body) if any(closing in w for _, w in words))
        below = min(y for y, w in body[page] if closing in w)
        assert any(w == surname and y > below for y, w in body[page]), (pdf.name, page, surname)


# The first word of a closing: place and date of an act, or a letter's closing formula.
CLOSING_WORDS = {"Fait", "Opgemaakt", "Hoogachtend,", "salutations", "groeten."}


@NEEDS_TOOLS
@pytest.mark.parametrize("name, doc", CASES)
def test_a_closing_and_its_signature_never_stand_alone_on_a_page(out, name, doc):
    """The last closing of the document (« Fait à … », « Opgemaakt te … », a closing formula) has
    text of the document above it on its page: a signature is never on a page of its own, detached
    from what it signs (.closing { break-before: avoid }, keep-with-next in the DOCX)."""
    entry = out[(name, doc)]
    for pdf in (entry["lo"], entry["stem"].with_suffix(".pdf")):
        body = [[(y, w) for _, y, w in page if y < FOOTER_BAND_MM] for page in _words(pdf)]
        found = [(n, y) for n, page in enumerate(body) for y, w in page if w in CLOSING_WORDS]
        if not found:
            continue
        page, top = max(found)[0], min(y for n, y in found if n == max(found)[0])
        assert any(y < top - 1 for y, _ in body[page]), (pdf.name, page + 1, "the closing opens its page")


BASIS = ("Fondement :", "Grondslag :")                         # a rate's legal basis, below its table
INTEREST_HEADER = ("Facture Période", "Factuur Periode")
INTEREST_TOTAL = ("Pénalités de retard", "Intérêts moratoires", "Intérêts de retard", "Nalatigheidsinteresten")


def _page_lines(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [[" ".join(line.split()) for line in page.splitlines() if line.strip()] for page in text.split("\f")]


@NEEDS_TOOLS
@pytest.mark.parametrize("name, doc", CASES)
def test_a_table_s_basis_and_total_never_open_a_page_alone(out, name, doc):
    """The legal basis of an interest table (.basis) never opens a page, and its total row is never
    alone under the repeated header: the last row it adds up goes with it (tr.total, break-before:
    avoid; keep-with-next in the DOCX)."""
    entry = out[(name, doc)]
    for pdf in (entry["lo"], entry["stem"].with_suffix(".pdf")):
        for number, lines in enumerate(_page_lines(pdf)[1:], 2):
            if not lines:
                continue
            assert not lines[0].startswith(BASIS), (pdf.name, number, lines[0])
            if lines[0].startswith(INTEREST_HEADER) and len(lines) > 1:
                assert not lines[1].startswith(INTEREST_TOTAL), (pdf.name, number, lines[1])


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.mark.parametrize("name, doc", CASES)
def test_the_docx_xml_carries_language_styles_and_properties(name, doc):
    from lxml import etree

    case = load_case(next(p for p in EXAMPLES if p.parent.name == name), as_of=AS_OF)
    data = render(case, doc, AS_OF, "docx", force=True, accept_unconfirmed=True)
    parts = _parts(data)
    styles, body = etree.fromstring(parts["word/styles.xml"]), etree.fromstring(parts["word/document.xml"])
    tag = LANG[(case.jurisdiction, case.language)]
    langs = {e.get(f"{W}val") for e in styles.iter(f"{W}lang")}
    assert langs == {tag}, langs
    assert not list(body.iter(f"{W}lang")), "a run carries its own language"
    for style in styles.iter(f"{W}style"):
        if style.get(f"{W}styleId") in ("Title", "Heading1", "Heading2", "Heading3"):
            colours = {c.get(f"{W}val") for c in style.iter(f"{W}color")}
            assert colours <= {"000000", "111111", "auto"}, colours
            assert not [f for f in style.iter(f"{W}rFonts") if f.get(f"{W}asciiTheme")]
    # A no-break space before « : » is French typography, not a stray space.
    texts = [t.text for t in body.iter(f"{W}t") if t.text]
    assert texts and not [t for t in texts if t[0] in " \t\n"], [t for t in texts if t[0] in " \t\n"][:5]
    core = parts["docProps/core.xml"].decode()
    assert "python-docx" not in core and "2013" not in core
    assert f"<dc:language>{tag}</dc:language>" in core
    assert "2026-10-15T00:00:00Z" in core
    title = document_type(doc).title_fr if case.language == "fr" else document_type(doc).title_nl
    assert f"<dc:title>{title} — {case.reference}" in core
    creator = re.search(r"<dc:creator>([^<]+)</dc:creator>", core)
    assert creator and creator.group(1).strip()
    assert "docProps/thumbnail.jpeg" not in parts
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time[:3] for i in z.infolist()} == {(2026, 10, 15)}
    if doc in ("relance", "decompte"):
        # The same case and as-of date give the same bytes (ZIP dates included).
        assert render(case, doc, AS_OF, "docx", force=True, accept_unconfirmed=True) == data


def test_tables_have_fixed_widths_repeated_headers_and_unsplit_rows():
    from lxml import etree

    case = load_case(next(p for p in EXAMPLES if p.parent.name == "be-b2c"), as_of=AS_OF)
    body = etree.fromstring(_parts(render(case, "relance", AS_OF, "docx", force=True,
                                          accept_unconfirmed=True))["word/document.xml"])
    tables = list(body.iter(f"{W}tbl"))
    assert tables
    for tbl in tables:
        if tbl.find(f"{W}tblPr/{W}tblStyle") is None or tbl.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") != "DocgenTable":
            continue
        assert tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
        grid = [int(g.get(f"{W}w")) for g in tbl.iter(f"{W}gridCol")]
        assert len(set(grid)) > 1 or len(grid) == 1, grid    # not equal widths
        rows = tbl.findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    invoices = next(t for t in tables if "Factuur" in "".join(t.itertext()) and "Omschrijving" in "".join(t.itertext()))
    assert invoices.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None
    amounts = [tc for tc in invoices.iter(f"{W}tc") if tc.find(f"{W}tcPr/{W}noWrap") is not None]
    assert amounts and all(tc.find(f".//{W}pStyle").get(f"{W}val") in ("TableNumber", "TableHeadingNumber")
                           for tc in amounts)


def _css_rule(selector: str) -> str:
    css = (Path(__file__).resolve().parents[2] / "templates" / "base" / "document.css").read_text(encoding="utf-8")
    found = re.search(r"^" + re.escape(selector) + r" \{([^}]*)\}", css, re.M)
    assert found, selector
    return found.group(1)


def test_the_docx_letter_head_and_subject_take_the_stylesheet_s_measures():
    """The DOCX's letter starts its text where the PDF's does: the head's height and the subject's
    spacing are the stylesheet's (a letter must break its pages at the same place in both)."""
    height = re.search(r"height: (\d+(?:\.\d+)?)mm", _css_rule(".head"))
    assert float(height.group(1)) == docx_styles.HEAD_HEIGHT
    top, _, bottom, _ = re.search(r"margin: ([^;]+);", _css_rule(".subject")).group(1).split()
    subject = next(s for s in docx_styles.PARAGRAPH_STYLES if s[0] == "Subject")[3]
    assert f'w:before="{docx_styles.mm(float(top[:-2]))}"' in subject
    assert f'w:after="{docx_styles.mm(float(bottom[:-2]))}"' in subject


def test_the_committed_skeleton_is_the_one_its_script_writes():
    """templates/base/document.docx carries the styles of docx_styles.py: a changed measure there
    (the head's height) must reach the committed skeleton too. The script runs as its user runs
    it, in a fresh process."""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, str(root / "scripts" / "make_docx_skeleton.py"), "--check"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
