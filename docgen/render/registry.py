"""The document types docgen renders, and where their templates are found.

Templates live in ``templates/<jurisdiction>/<document>/<language>.html.j2``; a firm's own
folder (``--templates DIR``, same layout) overrides any of them, file by file.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DocgenError
from ..resources import templates_dir


@dataclass(frozen=True)
class DocumentType:
    name: str
    kind: str            # letter (window envelope) | sheet (court paper, annex)
    title_fr: str
    title_nl: str


DOCUMENTS = {d.name: d for d in (
    DocumentType("relance", "letter", "Relance", "Herinnering"),
    DocumentType("mise_en_demeure", "letter", "Mise en demeure", "Ingebrekestelling"),
    DocumentType("plan_apurement", "sheet", "Plan d'apurement", "Afbetalingsplan"),
    DocumentType("injonction_de_payer", "sheet", "Requête en injonction de payer", "Verzoekschrift betalingsbevel"),
    DocumentType("bordereau_de_pieces", "sheet", "Bordereau de pièces", "Stukkenbundel (inventaris)"),
    DocumentType("decompte", "sheet", "Décompte", "Afrekening"),
    DocumentType("declaration_de_creance", "sheet", "Déclaration de créance", "Aangifte van schuldvordering"),
    DocumentType("requete_petites_creances", "sheet", "Requête en recouvrement simplifié d'une petite créance",
                 "Verzoek tot vereenvoudigde invordering van een kleine schuldvordering"),
    DocumentType("requete_l126", "sheet", "Requête aux fins de commandement de payer (créance commerciale incontestée)",
                 "Verzoek tot bevel tot betaling (onbetwiste handelsvordering)"),
    DocumentType("instruction_huissier", "sheet", "Instructions à l'huissier de justice (dette d'argent non contestée)",
                 "Opdracht aan de gerechtsdeurwaarder (onbetwiste geldschuld)"),
)}


def template_roots(override: Path | None = None) -> list[Path]:
    roots = [templates_dir()]
    if override is not None:
        if not Path(override).is_dir():
            raise DocgenError(f"templates folder not found: {override}")
        roots.insert(0, Path(override))
    return roots


def template_name(doc: str, jurisdiction: str, language: str) -> str:
    return f"{jurisdiction.lower()}/{doc}/{language}.html.j2"


def document_type(doc: str) -> DocumentType:
    if doc not in DOCUMENTS:
        raise DocgenError(f"unknown document '{doc}' (known: {', '.join(DOCUMENTS)})")
    return DOCUMENTS[doc]


def available(roots: list[Path]) -> list[tuple[str, str, str]]:
    """(jurisdiction, document, language) for every template present in any root."""
    found = set()
    for root in roots:
        for path in root.glob("*/*/*.html.j2"):
            jur, doc = path.parent.parent.name, path.parent.name
            # Files starting with "_" are pieces included by a document, not a language.
            if doc in DOCUMENTS and jur in ("fr", "be") and not path.name.startswith("_"):
                found.add((jur.upper(), doc, path.name.removesuffix(".html.j2")))
    return sorted(found)
