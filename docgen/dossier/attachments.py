"""The files embedded in the dossier as PDF/A-3 associated files: the originals a court may need
as they were (signed PDFs, invoices, e-mails) and the case file the dossier was produced from.

A stamped copy breaks a signature and an e-mail page is only a reproduction: the untouched
originals travel inside the dossier, named in the catalog's /AF so that PDF/A-3 readers and
validators know what each one is to the document. An invoice's original e-invoice (its UBL or
CII XML) is also named in the /AF of its pièce's first page.
"""
from __future__ import annotations

import hashlib
import zlib
from datetime import datetime

from pypdf import PdfWriter
from pypdf.generic import (ArrayObject, ByteStringObject, DictionaryObject, IndirectObject, NameObject, NumberObject,
                           TextStringObject, create_string_object)

from .metadata import pdf_date
from .model import Attachment, Piece
from .pdfobjects import add_object, encoded_stream
from .pieces import original_name, slug
from .reporting import failure
from .sources import Prepared


def attachments(prepared: list[Prepared], reference: str, case_json: bytes, text: dict[str, str]) -> list[Attachment]:
    """The originals kept while the pièces were opened, then the case file (JSON)."""
    files: list[Attachment] = []
    for item in prepared:
        if item.original is None:
            continue
        spec = item.spec
        files.append(Attachment(
            name=original_name(spec), data=item.original,
            mime=item.mime, relationship="Source",
            description=(text["signed"] if item.signed else text["original"]).format(n=spec.number,
                                                                                     title=spec.title)))
    files.append(Attachment(name=f"case_{slug(reference, 60)}.json", data=case_json,
                            mime="application/json", relationship="Data", description=text["case"]))
    return files


def einvoice_attachments(case, pieces: list[Piece], text: dict[str, str]) -> list[Attachment]:  # noqa: ANN001
    """The original e-invoice (``invoices[].einvoice``, UBL or CII XML) of each invoice pièce, as
    an associated file of that pièce's first page: the XML is the legally authoritative invoice,
    the pages only reproduce it (relationship /Alternative, as Factur-X uses for its XML)."""
    files: list[Attachment] = []
    for piece in pieces:
        if piece.kind != "invoice" or not piece.ref.startswith("invoice:"):
            continue
        try:
            invoice = case.invoice(piece.ref.split(":", 1)[1])
        except KeyError:
            continue
        if not invoice.einvoice:
            continue
        try:
            data = case.resolve(invoice.einvoice).read_bytes()
        except OSError as exc:
            raise failure(f"reading the e-invoice {invoice.einvoice}", exc) from None
        files.append(Attachment(name=f"Piece_{piece.number:02d}_{piece.label}_einvoice.xml", data=data,
                                mime="text/xml", relationship="Alternative",
                                description=text["einvoice"].format(n=piece.number, title=piece.title),
                                page=piece.first_page, source=invoice.einvoice, piece=piece.number))
    return files


def embed_files(writer: PdfWriter, files: list, moment: datetime) -> None:  # noqa: ANN001 - list[Attachment]
    """Each file as a PDF/A-3 associated file: EmbeddedFiles name tree and the catalog's /AF."""
    names: list[tuple[str, IndirectObject]] = []
    refs = ArrayObject()
    for item in files:
        params = DictionaryObject({
            NameObject("/Size"): NumberObject(len(item.data)),
            NameObject("/ModDate"): TextStringObject(pdf_date(moment)),
            NameObject("/CheckSum"): ByteStringObject(hashlib.md5(item.data).digest())})  # noqa: S324 - spec'd
        file_ref = add_object(writer, encoded_stream(zlib.compress(item.data, 6), {
            "/Type": NameObject("/EmbeddedFile"), "/Subtype": NameObject("/" + item.mime),
            "/Filter": NameObject("/FlateDecode"), "/Params": params}))
        spec = DictionaryObject({
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): create_string_object(item.name), NameObject("/UF"): create_string_object(item.name),
            NameObject("/Desc"): create_string_object(item.description or item.name),
            NameObject("/AFRelationship"): NameObject("/" + item.relationship),
            NameObject("/EF"): DictionaryObject({NameObject("/F"): file_ref, NameObject("/UF"): file_ref})})
        spec_ref = add_object(writer, spec)
        names.append((item.name, spec_ref))
        refs.append(spec_ref)
        if item.page:               # also associated with the pièce's own first page (PDF/A-3 allows page /AF)
            page = writer.pages[item.page - 1]
            page_refs = page.get("/AF")
            page[NameObject("/AF")] = ArrayObject([*(page_refs.get_object() if page_refs else []), spec_ref])
    if not names:
        return
    tree = ArrayObject()
    for name, ref in sorted(names, key=lambda x: x[0].encode("utf-8")):
        tree.append(create_string_object(name))
        tree.append(ref)
    root = writer.root_object
    if "/Names" not in root:
        root[NameObject("/Names")] = DictionaryObject()
    root["/Names"].get_object()[NameObject("/EmbeddedFiles")] = add_object(
        writer, DictionaryObject({NameObject("/Names"): tree}))
    root[NameObject("/AF")] = refs
