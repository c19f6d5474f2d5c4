"""Assembling the court-ready dossier: cover, main document, décompte, bordereau, then the pièces.

This module only orders the work; each step lives in its own module. Order of work (each step
fails with a DocgenError naming the file and the step):
1. the pièces are listed (``exhibit_list``, the bordereau's numbering) and each file is opened
   and checked, which gives every page count without decoding a single image (``sources``);
2. main document, décompte and bordereau are rendered (``documents``);
3. one pypdf writer receives every page (``assembly``), from the back: the pièces, normalised
   and stamped, while the documents are laid out; as soon as the documents' pages are counted
   (before their PDFs are written), the cover is laid out as PDF/A-3b with the table of contents
   (again if its own length changed the page numbers) (``cover``), and meanwhile each pièce is
   copied out as its own PDF (``piece_files``) and the documents go in front of the pièces; then
   the cover. Pages are labelled and bookmarked (``outline``), then every page gets « n / total »;
4. originals and the case file are embedded as associated files (``attachments``); XMP, /Info
   and /ID are set from the inputs only (``metadata``, ``identity``), so the same inputs give the
   same bytes.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from pypdf.generic import NameObject, create_string_object

from ..errors import DocgenError
from ..gc_pause import collector_paused
from ..model.case import Case
from ..render.draft import DRAFT_WORD
from ..render.registry import template_roots
from ..render.workers import InProcess, Layouts
from . import identity
from .assembly import Assembly, number_pages
from .attachments import attachments, einvoice_attachments, embed_files
from .cover import start_cover
from .documents import read_rendered, start_documents
from .metadata import set_metadata
from .model import Dossier
from .outline import add_outline
from .pdfobjects import drop_unreachable, pdf_bytes
from .piece_files import piece_files, placed
from .pieces import piece_specs
from .reporting import LogSink, failure, pypdf_warnings
from .sources import DEFAULT_MAX_IMAGE_PIXELS, Prepared, prepare
from .stamps import Painter
from .wording import TEXT

# The route requests (docgen.law.routes_documents) bundle the décompte and the pièces like the requête.
DOCUMENTS = ("mise_en_demeure", "injonction_de_payer", "requete_petites_creances", "requete_l126",
             "instruction_huissier")


def build_dossier(case: Case, doc: str, as_of: date, *, templates: Path | None = None,
                  options: dict | None = None, force: bool = False, accept_unconfirmed: bool = False,
                  max_image_pixels: int = DEFAULT_MAX_IMAGE_PIXELS, statement=None,  # noqa: ANN001
                  reviews: dict | None = None, layouts: Layouts | None = None,
                  meanwhile: Callable[[], object] | None = None) -> Dossier:
    """The unsigned court-ready dossier of ``case`` for ``doc`` (one of DOCUMENTS).

    Same case file, documents, exhibits, ``as_of`` and options give the same bytes. Raises
    DocgenError (ComplianceError when a document is refused and ``force`` is False) naming the
    file and the step that failed. With ``force``, a refused document is built as a draft: the
    dossier's ``draft`` is then true, and it must never be signed. ``layouts`` (a
    ``render.workers.LayoutWorkers``) lays out the documents in parallel; without it, here.
    ``meanwhile`` is called once every layout is under way, before waiting for the first one
    (the command line loads the signing library then).
    """
    if doc not in DOCUMENTS:
        raise DocgenError(f"a dossier is built around {', '.join(DOCUMENTS)}, not {doc!r}")
    if not isinstance(max_image_pixels, int) or max_image_pixels < 1:
        raise DocgenError(f"max_image_pixels must be a positive number of pixels, not {max_image_pixels!r}")
    with collector_paused(), pypdf_warnings() as sink:
        try:
            return _build(case, doc, as_of, templates=templates, options=dict(options or {}), force=force,
                          accept_unconfirmed=accept_unconfirmed, max_image_pixels=max_image_pixels, sink=sink,
                          statement=statement, reviews=reviews, layouts=layouts, meanwhile=meanwhile)
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
           accept_unconfirmed: bool, max_image_pixels: int, sink: LogSink, statement=None,  # noqa: ANN001
           reviews: dict | None = None, layouts: Layouts | None = None,
           meanwhile: Callable[[], object] | None = None) -> Dossier:
    lang = case.language
    text = TEXT[lang]
    roots = tuple(template_roots(templates))
    moment = identity.moment(as_of)
    producer = f"docgen {identity.version()}"

    # 1. the documents, reviewed, their layout started (in the workers, if any)
    layouts = layouts or InProcess()
    sink.phase = "rendering the documents"
    started = start_documents(case, doc, as_of, templates=templates, options=options, force=force,
                              accept_unconfirmed=accept_unconfirmed, statement=statement, reviews=reviews,
                              layouts=layouts)
    ctx = started.context                    # the main document's context: made once
    holder = ctx["representative"]["name"] if ctx.get("representative") else case.creditor.display_name
    assembly = Assembly(holder=holder, text=text, max_pixels=max_image_pixels, sink=sink)

    # 2. meanwhile, the pièces opened and counted
    sink.phase = "opening the pièces"
    prepared: list[Prepared] = []
    for spec in piece_specs(case, as_of):
        sink.at(spec)
        prepared.append(prepare(spec, roots=roots, language=lang, max_image_pixels=max_image_pixels,
                                layouts=layouts))
    sink.where = ""
    # While the workers lay out: the stamp fonts, the caller's own work, then the pièces put in
    # the dossier's writer (those before an e-mail still being laid out).
    sink.phase = "preparing the stamps"
    Painter.prepare_fonts()
    if meanwhile is not None:
        sink.phase = "waiting for the layout"
        meanwhile()
    if started.refused is None:
        sink.phase = "assembling the pages"
        assembly.add_pieces(prepared, wait=False)
    sink.phase = "opening the pièces"
    for item in prepared:
        sink.at(item.spec)
        item.settle()
    sink.where = ""
    case_json = identity.case_json(case)
    document_id = identity.document_id(case_json, doc, as_of)

    # 3. the cover, as soon as every document's pages are counted (before their PDFs are
    # written); it is laid out again if its own length moves the page numbers
    sink.phase = "rendering the documents"
    part_specs = started.page_counts()
    sink.phase = "rendering the cover page"
    cover_job = start_cover(case, doc, as_of, roots, ctx, part_specs, prepared, document_id, layouts)

    # 4. meanwhile: the last pièces, then each pièce's own file (the pièces are alone in the
    # writer yet), with the OutputIntent of the first document written; then the documents
    sink.phase = "assembling the pages"
    assembly.add_pieces(prepared)
    writer, painter, warnings = assembly.writer, assembly.painter, assembly.warnings
    sink.phase = "rendering the documents"
    assembly.take_output_intent(read_rendered(started.first_written(), "document"))
    sink.phase = "writing each pièce as its own PDF"
    xmp_lang = "fr-FR" if lang == "fr" else "nl-BE"
    author = ctx.get("sender_name") or case.creditor.display_name
    pieces = piece_files(writer, prepared, 0, text=text, author=author, producer=producer, moment=moment,
                         document_id=document_id, language=xmp_lang)
    sink.phase = "rendering the documents"
    documents = started.finish()
    reviews = tuple(r.review for _, _, r in documents)
    rendered = [(part, title, r.data) for part, title, r in documents]
    ids = identity.identifiers(document_id, prepared, [data for _, _, data in rendered])
    sink.phase = "assembling the pages"
    assembly.add_documents([read_rendered(data, title) for _, title, data in rendered])
    sink.phase = "rendering the cover page"
    layout, cover = cover_job.result()
    sink.phase = "assembling the pages"
    assembly.add_cover(read_rendered(cover, "cover page"), layout)
    pieces = placed(pieces, layout)
    total = len(writer.pages)
    sink.phase = "adding page labels and bookmarks"
    parts = add_outline(writer, layout, prepared, text)
    if any(r.draft for r in reviews):
        rendered_pages = {n for name, _, first, last in layout.parts if name != "cover"
                          for n in range(first, last + 1)}
        for number, page in enumerate(writer.pages, 1):
            if number not in rendered_pages:
                painter.draft_mark(page, DRAFT_WORD[lang])
    number_pages(writer, painter)

    # 5. associated files, metadata, identifiers
    sink.phase = "attaching the original files and writing the dossier"
    files = attachments(prepared, case.reference, case_json, text) + einvoice_attachments(case, pieces, text)
    embed_files(writer, files, moment)
    set_metadata(writer, title=f"{rendered[0][1]} — dossier — {case.reference}", author=author,
                 producer=producer, moment=moment, ids=ids, language=xmp_lang)
    if "/Lang" not in writer.root_object:
        writer.root_object[NameObject("/Lang")] = create_string_object(lang)
    drop_unreachable(writer)
    try:
        pdf = pdf_bytes(writer)
    except Exception as exc:  # noqa: BLE001
        raise failure("writing the dossier", exc) from None
    return Dossier(pdf=pdf, pieces=pieces, parts=parts, attachments=files, page_count=total,
                   document_id=ids[0].hex(), warnings=warnings + sink.messages, reviews=reviews)
