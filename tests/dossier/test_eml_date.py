"""The e-mail page shows the Date header as sent (issue 12, item 9): Python's parsed Date is
re-formatted, so « Mon, 20 Feb 2024 » (a wrong weekday) became « Tue, 20 Feb 2024 »."""
from __future__ import annotations

from docgen.dossier.sources import eml_context

from .conftest import build, copy_example, load, needs_poppler, page_texts

MESSAGE = (b"From: Atelier <a@example.org>\r\nTo: b@example.org\r\n"
           b"Date: Mon, 20 Feb 2024\r\n 09:00:00 +0100 (CET)\r\nSubject: Relance\r\n"
           b"Content-Type: text/plain; charset=utf-8\r\n\r\nMadame, votre facture reste impayee.\r\n")


def test_the_date_header_is_reproduced_as_sent():
    context = eml_context(MESSAGE, file_name="x.eml", attached_as="Piece_01_x_original.eml", sha256="0" * 64,
                          language="fr")
    assert dict(context["headers"])["Date"] == "Mon, 20 Feb 2024 09:00:00 +0100 (CET)"


@needs_poppler
def test_the_e_mail_page_prints_the_date_as_sent(tmp_path):
    folder = copy_example("fr-b2c", tmp_path)
    mails = sorted((folder / "proofs").glob("*.eml"))
    assert mails
    mails[0].write_bytes(MESSAGE)
    dossier = build(load("", folder))
    piece = next(p for p in dossier.pieces if p.source.name == mails[0].name)
    text = " ".join(page_texts(piece.pdf, tmp_path)[0].split())
    assert "Mon, 20 Feb 2024 09:00:00 +0100 (CET)" in text and "Tue, 20 Feb" not in text
