"""Assembling the court-ready dossier: cover, main document, décompte, bordereau, then the pièces.

Order of work (each step fails with a DocgenError naming the file and the step):
1. the pièces are listed (``exhibit_list``, the bordereau's numbering) and each file is opened
   and checked, which gives every page count without decoding a single image;
2. main document, décompte and bordereau are rendered (``docgen.render.engine.render``);
3. the cover is rendered as PDF/A-3b with the table of contents (again if its own length
   changed the page numbers);
4. one pypdf writer cloned from the cover (keeping its XMP, OutputIntent and /ID, see
   shared/notes/pdf-stack.md) receives every page; pièces are normalised, stamped, labelled
   and bookmarked, each pièce is copied out as its own PDF, then every page gets « n / total »;
5. originals and the case file are embedded as associated files; XMP, /Info and /ID are set
   from the inputs only, so the same inputs give the same bytes.
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from ..errors import DocgenError
from ..model.case import Case
from . import pdfops
from .model import Attachment, Dossier, Part, Piece
from .pieces import PieceSpec, piece_specs, slug
from .sources import DEFAULT_MAX_IMAGE_PIXELS, Prepared, image_page, original_name, prepare

DOCUMENTS = ("mise_en_demeure", "injonction_de_payer")
PDF_HEADER = "%PDF-1.7"

_TEXT = {
    "fr": {"cover": "Page de garde", "pieces": "Pièces", "piece": "Pièce n° {n}",
           "original": "Original de la pièce n° {n} : {title}",
           "signed": "Original signé de la pièce n° {n} (signature électronique intacte) : {title}",
           "case": "Données du dossier (fichier de cas docgen, JSON) ayant servi à produire ce PDF",
           "footer": "Dossier {reference} établi le {date} — {total} pages — produit par docgen {version}"},
    "nl": {"cover": "Titelblad", "pieces": "Stukken", "piece": "Stuk nr. {n}",
           "original": "Origineel van stuk nr. {n}: {title}",
           "signed": "Ondertekend origineel van stuk nr. {n} (elektronische handtekening intact): {title}",
           "case": "Gegevens van het dossier (docgen-dossierbestand, JSON) waaruit deze pdf is gemaakt",
           "footer": "Dossier {reference} opgemaakt op {date} — {total} pagina's — gemaakt met docgen {version}"},
}
_COURTS = {"fr": {"enterprise": "Tribunal de l'entreprise", "peace": "Justice de paix"},
           "nl": {"enterprise": "Ondernemingsrechtbank", "peace": "Vredegerecht"}}


def _version() -> str:
    from .. import __version__

    return __version__


def _moment(as_of: date) -> datetime:
    """Creation and modification dates: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else as_of."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            return datetime.fromtimestamp(int(raw), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise DocgenError(f"SOURCE_DATE_EPOCH must be a number of seconds, got {raw[:40]!r}") from None
    return datetime(as_of.year, as_of.month, as_of.day, tzinfo=timezone.utc)


def _case_json(case: Case) -> bytes:
    return json.dumps(case.model_dump(mode="json"), ensure_ascii=False, indent=2).encode("utf-8")


def _identifiers(case_json: bytes, doc: str, as_of: date, prepared: list[Prepared],
                 rendered: list[bytes]) -> tuple[bytes, bytes]:
    """/ID: the first half names the document (case, doc, date); the second this build of it
    (the documents as rendered, with their templates and options, the exhibits' bytes, docgen's version)."""
    canonical = json.dumps(json.loads(case_json), sort_keys=True, separators=(",", ":")).encode()
    first = hashlib.sha256(canonical + b"\0" + doc.encode() + b"\0" + as_of.isoformat().encode()).digest()[:16]
    h = hashlib.sha256(first)
    for data in rendered:
        h.update(hashlib.sha256(data).digest())
    for item in prepared:
        h.update(item.sha256.encode())
    h.update(_version().encode())
    return first, h.digest()[:16]


class _LogSink(logging.Handler):
    """pypdf's warnings about damaged files, kept as the dossier's warnings instead of printed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.where = ""
        self.phase = "starting"
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = f"{self.where}: {record.getMessage()}" if self.where else record.getMessage()
        if text not in self.messages and len(self.messages) < 100:
            self.messages.append(text)


@contextmanager
def _pypdf_warnings() -> Iterator[_LogSink]:
    logger = logging.getLogger("pypdf")
    sink, propagate = _LogSink(), logger.propagate
    logger.addHandler(sink)
    logger.propagate = False
    try:
        yield sink
    finally:
        logger.removeHandler(sink)
        logger.propagate = propagate


def _render_part(case: Case, doc: str, as_of: date, templates: Path | None, options: dict, force: bool) -> bytes:
    from ..render.engine import render

    try:
        return render(case, doc, as_of, "pdf", templates=templates, options=options, force=force)
    except DocgenError:
        raise
    except Exception as exc:  # noqa: BLE001 - a template or layout failure, reported without a traceback
        raise DocgenError(f"rendering {doc} for the dossier: {type(exc).__name__}: {str(exc)[:200]}") from None


def _party_lines(party: dict[str, Any], lang: str) -> list[str]:
    vat = f"{'TVA' if lang == 'fr' else 'btw'} {party['vat_number']}" if party.get("vat_number") else ""
    ids = " — ".join(x for x in (party.get("registration"), vat) if x)
    return [x for x in (party.get("address"), ids) if x]


def _addressee(doc: str, case: Case, ctx: dict[str, Any]) -> tuple[list[str], bool]:
    lang = case.language
    if doc == "injonction_de_payer":
        if isinstance(ctx.get("court"), dict) and ctx["court"].get("president"):
            return [ctx["court"]["president"]], True
        inj = (ctx.get("be") or {}).get("injunction") or {}
        if inj:
            name = inj.get("court") or _COURTS[lang].get(inj.get("court_kind", ""), "")
            return [name] if name else [], True
    return list(ctx.get("debtor", {}).get("address_lines") or [ctx.get("debtor", {}).get("name", "")]), False


@dataclass
class _Layout:
    cover: int
    parts: list[tuple[str, str, int, int]]        # (name, title, first, last)
    piece_first: list[int]
    total: int


def _layout(cover_pages: int, part_specs: list[tuple[str, str, int]], prepared: list[Prepared]) -> _Layout:
    page = cover_pages + 1
    parts = [("cover", "", 1, cover_pages)]
    for name, title, count in part_specs:
        parts.append((name, title, page, page + count - 1))
        page += count
    firsts = []
    for item in prepared:
        firsts.append(page)
        page += item.pages
    return _Layout(cover_pages, parts, firsts, page - 1)


def _render_cover(case: Case, doc: str, as_of: date, roots: tuple[Path, ...], ctx: dict[str, Any],
                  layout: _Layout, prepared: list[Prepared]):  # noqa: ANN202 - weasyprint.Document
    from weasyprint import HTML

    from ..render.formatting import long_date
    from ..render.jinja import environment
    from ..render.pdf import _toolkit

    lang = case.language
    rep = ctx.get("representative")
    representative = ", ".join(x for x in ([rep["name"], rep.get("firm"), rep.get("bar")] if rep else []) if x)
    addressee, is_court = _addressee(doc, case, ctx)
    context = {
        "lang": lang, "title": ctx["title"], "reference": case.reference, "created": as_of.isoformat(),
        "date": long_date(as_of, lang), "sender": ctx.get("sender_name", ""),
        "sender_address": ", ".join(rep["address_lines"]) if rep else ctx["creditor"].get("address", ""),
        "addressee": addressee, "addressee_is_court": is_court,
        "creditor": {"name": ctx["creditor"]["name"], "lines": _party_lines(ctx["creditor"], lang)},
        "debtor": {"name": ctx["debtor"]["name"], "lines": _party_lines(ctx["debtor"], lang)},
        "representative": representative,
        "parts": [{"title": title, "page": first, "pages": last - first + 1}
                  for name, title, first, last in layout.parts if name != "cover"],
        "pieces": [{"number": p.spec.number, "title": p.spec.title,
                    "date": p.spec.date.strftime("%d/%m/%Y") if p.spec.date else "",
                    "pages": p.pages, "page": first} for p, first in zip(prepared, layout.piece_first)],
        "footer": _TEXT[lang]["footer"].format(reference=case.reference, date=long_date(as_of, lang),
                                               total=layout.total, version=_version()),
    }
    try:
        markup = environment(roots).get_template("base/cover.html.j2").render(context)
        fetcher, fonts, css = _toolkit(roots)
        return HTML(string=markup, base_url="docgen:/", url_fetcher=fetcher).render(
            stylesheets=[css], font_config=fonts, pdf_variant="pdf/a-3b")
    except Exception as exc:  # noqa: BLE001
        raise DocgenError(f"rendering the dossier's cover page: {type(exc).__name__}: {str(exc)[:200]}") from None


def _cover_guess(pieces: int) -> int:
    """Pages the cover will likely take: about 18 rows of contents on the first page, 38 on the next
    ones. Only a guess to spare a second layout; the real count is always checked."""
    return 1 if pieces <= 18 else 1 + -(-(pieces - 18) // 38)


def _reader(data: bytes, what: str) -> PdfReader:
    try:
        return PdfReader(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001
        raise DocgenError(f"reading the rendered {what}: {type(exc).__name__}: {exc}") from None


def _add_pieces(writer: PdfWriter, painter: pdfops.Painter, item: Prepared, max_pixels: int,
                counter: list[int]) -> None:
    """Append one pièce's pages to ``writer`` and normalise them."""
    spec = item.spec
    start = len(writer.pages)
    if item.kind == "image":
        page = image_page(writer, item, max_pixels)
        pdfops.normalise_page(painter, page, counter)
        return
    step = "copying the pages"
    try:
        writer.append(item.reader, import_outline=False)
        step = "normalising the pages"
        for page in writer.pages[start:]:
            pdfops.normalise_page(painter, page, counter)
    except DocgenError:
        raise
    except Exception as exc:  # noqa: BLE001 - damaged objects surface while copying
        raise DocgenError(f"pièce n° {spec.number}, file {spec.relative}: {step}: the PDF is damaged "
                          f"({type(exc).__name__}: {str(exc)[:160]})") from None
    if len(writer.pages) - start != item.pages:
        raise DocgenError(f"pièce n° {spec.number}, file {spec.relative}: copying the pages: expected "
                          f"{item.pages} pages, got {len(writer.pages) - start}")


def _piece_pdf(writer: PdfWriter, first: int, count: int, *, title: str, author: str, producer: str,
               moment: datetime, ids: tuple[bytes, bytes], language: str, label_prefix: str) -> bytes:
    """Pages ``first`` .. of the dossier writer (stamped, not yet numbered) as a standalone PDF/A-3b file."""
    piece = PdfWriter()
    piece.pdf_header = PDF_HEADER
    for index in range(first, first + count):
        piece.add_page(writer.pages[index])
    intents = writer.root_object.get("/OutputIntents")
    if intents is not None:
        piece.root_object[NameObject("/OutputIntents")] = intents.get_object().clone(piece)
    piece.set_page_label(0, count - 1, "/D", prefix=label_prefix, start=1)
    pdfops.set_metadata(piece, title=title, author=author, producer=producer, moment=moment, ids=ids,
                        language=language)
    pdfops.drop_unreachable(piece)
    buffer = io.BytesIO()
    piece.write(buffer)
    return buffer.getvalue()


def build_dossier(case: Case, doc: str, as_of: date, *, templates: Path | None = None,
                  options: dict | None = None, force: bool = False,
                  max_image_pixels: int = DEFAULT_MAX_IMAGE_PIXELS) -> Dossier:
    """The unsigned court-ready dossier of ``case`` for ``doc`` (mise_en_demeure or injonction_de_payer).

    Same case file, documents, exhibits, ``as_of`` and options give the same bytes. Raises
    DocgenError (ComplianceError when a document is refused and ``force`` is False) naming the
    file and the step that failed.
    """
    if doc not in DOCUMENTS:
        raise DocgenError(f"a dossier is built around {' or '.join(DOCUMENTS)}, not {doc!r}")
    if not isinstance(max_image_pixels, int) or max_image_pixels < 1:
        raise DocgenError(f"max_image_pixels must be a positive number of pixels, not {max_image_pixels!r}")
    with _pypdf_warnings() as sink:
        try:
            return _build(case, doc, as_of, templates=templates, options=dict(options or {}), force=force,
                          max_image_pixels=max_image_pixels, sink=sink)
        except DocgenError:
            raise
        except MemoryError:
            raise DocgenError(f"building the dossier: out of memory while {sink.phase}"
                              f"{' (' + sink.where + ')' if sink.where else ''}") from None
        except Exception as exc:  # noqa: BLE001 - a bug or an input nobody foresaw: a message, not a traceback
            raise DocgenError(f"building the dossier failed while {sink.phase}"
                              f"{' (' + sink.where + ')' if sink.where else ''}: {type(exc).__name__}: "
                              f"{str(exc)[:200]} — please report this with the file concerned") from exc


def _build(case: Case, doc: str, as_of: date, *, templates: Path | None, options: dict, force: bool,
           max_image_pixels: int, sink: _LogSink) -> Dossier:
    from ..render.engine import render_html
    from ..render.registry import document_type, template_roots

    lang = case.language
    text = _TEXT[lang]
    roots = tuple(template_roots(templates))
    moment = _moment(as_of)
    producer = f"docgen {_version()}"

    # 1. the pièces, opened and counted
    sink.phase = "opening the pièces"
    specs: list[PieceSpec] = piece_specs(case)
    prepared: list[Prepared] = []
    for spec in specs:
        sink.where = f"pièce n° {spec.number} ({spec.relative})"
        prepared.append(prepare(spec, roots=roots, language=lang, max_image_pixels=max_image_pixels))
    sink.where = ""
    case_json = _case_json(case)

    # 2. the documents
    sink.phase = "rendering the documents"
    def title_of(name: str) -> str:
        return document_type(name).title_fr if lang == "fr" else document_type(name).title_nl

    main_title = title_of(doc)
    rendered = [(part, title_of(name), _render_part(case, name, as_of, templates, options, force))
                for part, name in (("main", doc), ("decompte", "decompte"), ("bordereau", "bordereau_de_pieces"))]
    ids = _identifiers(case_json, doc, as_of, prepared, [data for _, _, data in rendered])
    readers = [(name, title, _reader(data, title)) for name, title, data in rendered]
    part_specs = [(name, title, len(reader.pages)) for name, title, reader in readers]
    _, ctx = render_html(case, doc, as_of, templates=templates, options=options)

    # 3. the cover, rendered again if its own length moved the page numbers
    sink.phase = "rendering the cover page"
    cover_pages = _cover_guess(len(prepared))
    for _attempt in range(4):
        layout = _layout(cover_pages, part_specs, prepared)
        laid_out = _render_cover(case, doc, as_of, roots, ctx, layout, prepared)
        if len(laid_out.pages) == cover_pages:
            break
        cover_pages = len(laid_out.pages)
    else:
        raise DocgenError("the cover page's length does not settle; please report this case")
    try:
        cover = laid_out.write_pdf(pdf_identifier=ids[0].hex().encode(), pdf_variant="pdf/a-3b")
    except Exception as exc:  # noqa: BLE001
        raise DocgenError(f"writing the dossier's cover page: {type(exc).__name__}: {str(exc)[:200]}") from None

    # 4. one writer, cloned from the PDF/A cover
    sink.phase = "assembling the pages"
    writer = PdfWriter(clone_from=_reader(cover, "cover page"))
    writer.pdf_header = PDF_HEADER
    root = writer.root_object
    for key in ("/Outlines", "/Names", "/OpenAction", "/PageLabels", "/AA"):
        if key in root:
            del root[key]
    painter, counter = pdfops.Painter(writer), [0]
    for page in writer.pages:
        painter.wrap(page)
    for name, title, reader in readers:
        start = len(writer.pages)
        writer.append(reader, import_outline=False)
        for page in writer.pages[start:]:
            pdfops.normalise_page(painter, page, counter)
    warnings: list[str] = []
    holder = ctx["representative"]["name"] if ctx.get("representative") else case.creditor.display_name
    for item, first in zip(prepared, layout.piece_first):
        sink.where = f"pièce n° {item.spec.number} ({item.spec.relative})"
        _add_pieces(writer, painter, item, max_image_pixels, counter)
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
    total = len(writer.pages)
    if total != layout.total:
        raise DocgenError(f"assembling the dossier: {total} pages instead of the {layout.total} announced")

    # labels and bookmarks
    sink.phase = "adding page labels and bookmarks"
    parts = [Part(name, title or text["cover"], first, last) for name, title, first, last in layout.parts]
    writer.set_page_label(0, layout.cover - 1, "/r", start=1)
    writer.set_page_label(layout.cover, parts[-1].last_page - 1, "/D", start=1)
    for part in parts:
        writer.add_outline_item(title=part.title, page_number=part.first_page - 1)
    if prepared:
        group = writer.add_outline_item(title=text["pieces"], page_number=layout.piece_first[0] - 1)
        for item, first in zip(prepared, layout.piece_first):
            writer.set_page_label(first - 1, first + item.pages - 2, "/D", prefix=f"P{item.spec.number}-", start=1)
            writer.add_outline_item(title=f"{text['piece'].format(n=item.spec.number)} — {item.spec.title}",
                                    page_number=first - 1, parent=group)
    root[NameObject("/PageMode")] = NameObject("/UseOutlines")

    # each pièce as its own file (stamped, without the dossier's running numbers)
    sink.phase = "writing each pièce as its own PDF"
    xmp_lang = "fr-FR" if lang == "fr" else "nl-BE"
    author = ctx.get("sender_name") or case.creditor.display_name
    pieces: list[Piece] = []
    for item, first in zip(prepared, layout.piece_first):
        spec = item.spec
        piece_ids = (hashlib.sha256(ids[0] + str(spec.number).encode()).digest()[:16],
                     hashlib.sha256(ids[1] + spec.ref.encode()).digest()[:16])
        pdf = _piece_pdf(writer, first - 1, item.pages,
                         title=f"{text['piece'].format(n=spec.number)} — {spec.title}", author=author, producer=producer, moment=moment, ids=piece_ids, language=xmp_lang,
                         label_prefix=f"P{spec.number}-")
        pieces.append(Piece(number=spec.number, label=spec.label, title=spec.title, date=spec.date, kind=spec.kind,
                            ref=spec.ref, source=spec.path, source_sha256=item.sha256, pdf=pdf, pages=item.pages,
                            first_page=first, signed=item.signed, proof=spec.proof))

    # the running « n / total »
    for index, page in enumerate(writer.pages, 1):
        painter.page_number(page, f"{index} / {total}")

    # 5. associated files, metadata, identifiers
    sink.phase = "attaching the original files and writing the dossier"
    attachments: list[Attachment] = []
    for item in prepared:
        if item.original is None:
            continue
        spec = item.spec
        attachments.append(Attachment(
            name=original_name(spec), data=item.original,
            mime=item.mime, relationship="Source",
            description=(text["signed"] if item.signed else text["original"]).format(n=spec.number,
                                                                                     title=spec.title)))
    attachments.append(Attachment(name=f"case_{slug(case.reference, 60)}.json", data=case_json,
                                  mime="application/json", relationship="Data", description=text["case"]))
    pdfops.embed_files(writer, attachments, moment)
    title = f"{main_title} — dossier — {case.reference}"
    pdfops.set_metadata(writer, title=title, author=author, producer=producer, moment=moment, ids=ids,
                        language=xmp_lang)
    if "/Lang" not in root:
        root[NameObject("/Lang")] = pdfops.create_string_object(lang)
    pdfops.drop_unreachable(writer)
    buffer = io.BytesIO()
    try:
        writer.write(buffer)
    except Exception as exc:  # noqa: BLE001
        raise DocgenError(f"writing the dossier: {type(exc).__name__}: {str(exc)[:200]}") from None
    return Dossier(pdf=buffer.getvalue(), pieces=pieces, parts=parts, attachments=attachments, page_count=total,
                   document_id=ids[0].hex(), warnings=warnings + sink.messages)

