"""The cover page: parties, addressee, and the table of contents with the page of every part
and pièce.

The table of contents quotes page numbers that depend on the cover's own length, so the page
layout is computed here too, and the cover is rendered again until its length settles. It is
rendered as PDF/A-3b: the dossier takes its OutputIntent.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DocgenError
from ..model.case import Case
from ..render.formatting import long_date
from ..render.jinja import environment
from .metadata import PDF_VARIANT
from .reporting import failure
from .sources import Prepared
from .wording import TEXT

if TYPE_CHECKING:
    from ..render.workers import Layouts

_COURTS = {"fr": {"enterprise": "Tribunal de l'entreprise", "peace": "Justice de paix"},
           "nl": {"enterprise": "Ondernemingsrechtbank", "peace": "Vredegerecht"}}


@dataclass
class Layout:
    cover: int
    parts: list[tuple[str, str, int, int]]        # (name, title, first, last)
    piece_first: list[int]
    total: int


def _layout(cover_pages: int, part_specs: list[tuple[str, str, int]], prepared: list[Prepared]) -> Layout:
    page = cover_pages + 1
    parts = [("cover", "", 1, cover_pages)]
    for name, title, count in part_specs:
        parts.append((name, title, page, page + count - 1))
        page += count
    firsts = []
    for item in prepared:
        firsts.append(page)
        page += item.pages
    return Layout(cover_pages, parts, firsts, page - 1)


def _cover_guess(pieces: int) -> int:
    """Pages the cover will likely take: about 18 rows of contents on the first page, 38 on the next
    ones. Only a guess to spare a second layout; the real count is always checked."""
    return 1 if pieces <= 18 else 1 + -(-(pieces - 18) // 38)


class CoverJob:
    """The cover being laid out by ``layouts`` (``start_cover``); ``result`` waits for it, and
    lays it out again while its own length moves the page numbers."""

    def __init__(self, case: Case, doc: str, as_of: date, roots: tuple[Path, ...], ctx: dict[str, Any],
                 part_specs: list[tuple[str, str, int]], prepared: list[Prepared], document_id: bytes,
                 layouts: Layouts):
        self._args = (case, doc, as_of, roots, ctx)
        self._part_specs, self._prepared, self._layouts = part_specs, prepared, layouts
        self._identifier = document_id.hex().encode()
        self._submit(_cover_guess(len(prepared)))

    def _submit(self, cover_pages: int) -> None:
        case, doc, as_of, roots, ctx = self._args
        self.layout = _layout(cover_pages, self._part_specs, self._prepared)
        markup = _markup(case, doc, as_of, roots, ctx, self.layout, self._prepared)
        self._future = self._layouts.pdf_and_pages(markup, roots, identifier=self._identifier,
                                                   pdf_variant=PDF_VARIANT)

    def result(self) -> tuple[Layout, bytes]:
        """The dossier's page layout and its cover (PDF/A-3b bytes)."""
        for _attempt in range(4):
            try:
                pdf, pages = self._future.result()
            except Exception as exc:  # noqa: BLE001
                raise failure("rendering the dossier's cover page", exc) from None
            if pages == self.layout.cover:
                return self.layout, pdf
            self._submit(pages)
        raise DocgenError("the cover page's length does not settle; please report this case")


def start_cover(case: Case, doc: str, as_of: date, roots: tuple[Path, ...], ctx: dict[str, Any],
                part_specs: list[tuple[str, str, int]], prepared: list[Prepared],
                document_id: bytes, layouts: Layouts) -> CoverJob:
    """The cover's layout handed to ``layouts`` (PDF/A-3b, /ID ``document_id``): the caller goes on
    (it puts the documents in front of the pièces meanwhile) and takes ``result()``."""
    return CoverJob(case, doc, as_of, roots, ctx, part_specs, prepared, document_id, layouts)


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
    if isinstance(ctx.get("bailiff"), dict):      # a route request goes to the commissaire / huissier
        return [ctx["bailiff"]["name"], *ctx["bailiff"]["address_lines"]], False
    return list(ctx.get("debtor", {}).get("address_lines") or [ctx.get("debtor", {}).get("name", "")]), False


def _markup(case: Case, doc: str, as_of: date, roots: tuple[Path, ...], ctx: dict[str, Any],
            layout: Layout, prepared: list[Prepared]) -> str:
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
        "footer": TEXT[lang]["footer"].format(reference=case.reference, date=long_date(as_of, lang),
                                              total=layout.total),
    }
    try:
        return environment(roots).get_template("base/cover.html.j2").render(context)
    except Exception as exc:  # noqa: BLE001
        raise failure("rendering the dossier's cover page", exc) from None
