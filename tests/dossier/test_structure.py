"""The dossiers of the four examples: parts, stamps, numbering, bookmarks, labels, table of contents."""
from __future__ import annotations

import email
import email.policy
import json
import re

import pytest

from docgen.render.exhibits import exhibit_list

from .conftest import NAMES, load, needs_poppler, page_texts, reader

STAMP = {"fr": "Pièce n° {n}", "nl": "Stuk nr. {n}"}
A4 = (595.28, 841.89)


@pytest.mark.parametrize("name", NAMES)
def test_page_count_is_the_sum_of_the_parts(dossier_of, name):
    d = dossier_of(name)
    pdf = reader(d.pdf)
    assert len(pdf.pages) == d.page_count
    assert [p.name for p in d.parts] == ["cover", "main", "decompte", "bordereau"]
    assert d.page_count == sum(p.pages for p in d.parts) + sum(p.pages for p in d.pieces)
    expected = 1
    for part in d.parts:                                   # contiguous, in order
        assert part.first_page == expected and part.pages >= 1
        expected = part.last_page + 1
    for piece in d.pieces:
        assert piece.first_page == expected
        assert len(reader(piece.pdf).pages) == piece.pages
        expected = piece.last_page + 1
    assert expected == d.page_count + 1


@pytest.mark.parametrize("name", NAMES)
def test_numbering_is_the_bordereau_s(dossier_of, name):
    d = dossier_of(name)
    listed = exhibit_list(load(name))
    assert [(p.number, p.title, p.ref) for p in d.pieces] == [(int(x["number"]), x["title"], x["ref"]) for x in listed]
    assert not [w for w in d.warnings if "bordereau says" in w]


@needs_poppler
@pytest.mark.parametrize("name", NAMES)
def test_every_page_is_numbered_and_every_piece_page_stamped(dossier_of, name, tmp_path):
    d = dossier_of(name)
    lang = load(name).language
    texts = page_texts(d.pdf, tmp_path)
    assert len(texts) == d.page_count
    for index, text in enumerate(texts, 1):
        assert f"{index} / {d.page_count}" in text, f"page {index} has no running number"
    for piece in d.pieces:
        stamp = STAMP[lang].format(n=piece.number)
        own = page_texts(piece.pdf, tmp_path)
        for p in range(piece.pages):
            text = texts[piece.first_page - 1 + p]
            assert stamp in text, f"page {piece.first_page + p} lacks « {stamp} »"
            if piece.pages > 1:
                assert f"{piece.number}-{p + 1}/{piece.pages}" in text
            assert stamp in own[p]                            # the pièce's own file is stamped too
            assert f" / {d.page_count}" not in own[p]         # ... without the dossier's numbering
    pdf = reader(d.pdf)
    for index, page in enumerate(pdf.pages, 1):                # the stamp (bold font) only on pièces
        fonts = page["/Resources"]["/Font"]
        assert ("/DGSansB" in fonts) == (index > d.part("bordereau").last_page), index


def test_multi_page_piece_is_stamped_page_by_page(dossier_of, tmp_path):
    d = dossier_of("be-b2b")
    contract = next(p for p in d.pieces if p.source.name == "contrat-cadre-CC-2024-11.pdf")
    assert contract.pages == 5
    labels = reader(d.pdf).page_labels
    assert labels[contract.first_page - 1:contract.last_page] == [f"P{contract.number}-{i}" for i in range(1, 6)]


@pytest.mark.parametrize("name", NAMES)
def test_bookmarks_and_page_labels(dossier_of, name):
    d = dossier_of(name)
    pdf = reader(d.pdf)
    labels = pdf.page_labels
    cover = d.part("cover")
    assert labels[0] == "i" and labels[cover.last_page - 1] in ("i", "ii", "iii")
    main = d.part("main")
    assert labels[main.first_page - 1] == "1"
    assert labels[d.part("bordereau").last_page - 1] == str(d.part("bordereau").last_page - cover.last_page)
    for piece in d.pieces:
        assert labels[piece.first_page - 1] == f"P{piece.number}-1"
        assert labels[piece.last_page - 1] == f"P{piece.number}-{piece.pages}"

    outline = pdf.outline
    top = [item for item in outline if not isinstance(item, list)]
    assert [t.title for t in top[:4]] == [p.title for p in d.parts]
    assert [pdf.get_destination_page_number(t) + 1 for t in top[:4]] == [p.first_page for p in d.parts]
    children = next(item for item in outline if isinstance(item, list))
    assert len(children) == len(d.pieces)
    for child, piece in zip(children, d.pieces):
        assert pdf.get_destination_page_number(child) + 1 == piece.first_page
        assert piece.title in child.title


@needs_poppler
@pytest.mark.parametrize("name", NAMES)
def test_table_of_contents_gives_the_real_start_pages(dossier_of, name, tmp_path):
    d = dossier_of(name)
    cover = d.part("cover")
    text = "\n".join(page_texts(d.pdf, tmp_path)[:cover.last_page])
    rows = re.findall(r"^\s*(\d+)\s+(\S.*?)\s+(\d{2}/\d{2}/\d{4})?\s*(\d+)\s+p\. (\d+)\s*$", text, re.M)
    found = {int(no): (int(pages), int(page)) for no, _, _, pages, page in rows}
    assert set(found) == {p.number for p in d.pieces}
    for piece in d.pieces:
        assert found[piece.number] == (piece.pages, piece.first_page), f"pièce n° {piece.number}"
    for part in d.parts[1:]:
        m = re.search(rf"^\s*{re.escape(part.title)}\s+(\d+)\s+p\. (\d+)\s*$", text, re.M)
        assert m, f"no TOC row for {part.title}"
        assert (int(m.group(1)), int(m.group(2))) == (part.pages, part.first_page)


@pytest.mark.parametrize("name", ["fr-b2b", "fr-b2c", "be-b2c"])
def test_scans_become_a4_pages(dossier_of, name):
    d = dossier_of(name)
    pdf = reader(d.pdf)
    scans = [p for p in d.pieces if p.source.suffix.lower() in (".jpg", ".jpeg", ".png")]
    assert scans
    for piece in scans:
        page = pdf.pages[piece.first_page - 1]
        size = sorted((round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)))
        assert size == sorted(A4)
        images = [x.get_object() for x in page["/Resources"]["/XObject"].values()
                  if x.get_object().get("/Subtype") == "/Image"]
        assert len(images) == 1 and "/SMask" not in images[0]


@needs_poppler
@pytest.mark.parametrize("name", NAMES)
def test_eml_page_shows_the_message_and_the_original_is_attached(dossier_of, name, tmp_path):
    d = dossier_of(name)
    mails = [p for p in d.pieces if p.source.suffix == ".eml"]
    assert mails
    texts = page_texts(d.pdf, tmp_path)
    for piece in mails:
        message = email.message_from_bytes(piece.source.read_bytes(), policy=email.policy.default)
        text = " ".join(" ".join(texts[piece.first_page - 1 + i].split()) for i in range(piece.pages))
        assert " ".join(str(message["Subject"]).split()) in text
        assert str(message["From"].addresses[0].addr_spec) in text
        for part in message.iter_attachments():
            assert part.get_filename() in text
        attached = [a for a in d.attachments if a.name.startswith(f"Piece_{piece.number:02d}_") and a.name.endswith(".eml")]
        assert len(attached) == 1 and attached[0].data == piece.source.read_bytes()
        assert attached[0].mime == "message/rfc822" and attached[0].relationship == "Source"


def test_proofs_say_what_they_prove(dossier_of):
    d = dossier_of("fr-b2b")
    proofs = {p.proof.event_type: p for p in d.pieces if p.kind == "proof" and p.proof}
    deposit, receipt = proofs["formal_notice_sent"], proofs["formal_notice_received"]
    assert deposit.proof.tracking_number == "1A19428603574" and deposit.proof.channel == "registered_letter"
    assert deposit.proof.proves == "mise_en_demeure" and deposit.proof.proves_date.isoformat() == "2026-09-08"
    assert "Preuve de dépôt" in deposit.title and "8 septembre 2026" in deposit.title and "1A19428603574" in deposit.title
    assert receipt.proof.proves == "mise_en_demeure" and receipt.proof.proves_date.isoformat() == "2026-09-08"
    assert receipt.proof.tracking_number == "1A19428603574" and receipt.proof.date.isoformat() == "2026-09-10"
    assert "Avis de réception" in receipt.title
    reminder = next(p for p in d.pieces if p.proof and p.proof.event_type == "reminder_sent" and p.proof.channel == "email")
    assert reminder.proof.event_index == 0 and reminder.label == "relance-2024-02-20"
    assert reminder.file_name == f"Piece_{reminder.number:02d}_relance-2024-02-20.pdf"
    manifest = json.loads(json.dumps(d.manifest()))
    entry = next(p for p in manifest["pieces"] if p["number"] == deposit.number)
    assert entry["proof"]["tracking_number"] == "1A19428603574" and entry["proof"]["event_index"] == 3


def test_mise_en_demeure_dossier_addresses_the_debtor(dossier_of, tmp_path):
    d = dossier_of("fr-b2b", "mise_en_demeure")
    assert d.part("main").title == "Mise en demeure"
    cover = " ".join(page_texts(d.pdf, tmp_path)[0].split()).lower().replace("\u2019", "'")
    assert "destinataire" in cover and "12 avenue de la république" in cover
    assert "brasserie de l'estuaire" in cover and "15 octobre 2026" in cover


@needs_poppler
@pytest.mark.parametrize("name", NAMES)
def test_no_page_docgen_makes_prints_docgen_s_name(dossier_of, name, tmp_path):
    # Cover, main document, décompte and bordereau are docgen's pages (a pièce's page is the
    # creditor's file: the example generator's specimens say where they come from); the tool
    # and its version belong in the metadata, not on a page a court reads.
    d = dossier_of(name)
    texts = page_texts(d.pdf, tmp_path)
    ours = [n for part in d.parts for n in range(part.first_page, part.last_page + 1)]
    assert len(ours) >= 4
    for number in ours:
        assert "docgen" not in texts[number - 1].lower(), f"page {number}"
    for attachment in d.attachments:
        assert "docgen" not in attachment.description.lower(), attachment.description
