"""The dossier's own words (bookmarks, stamps, attachment descriptions, cover footer) in French
and Dutch, kept together so that both languages stay complete and worded alike. Like every
document, the dossier never prints docgen's name: the tool and its version are in the file's
metadata (Producer, XMP), not on a page a court reads."""
from __future__ import annotations

from .pieces import PieceSpec

TEXT = {
    "fr": {"cover": "Page de garde", "pieces": "Pièces", "piece": "Pièce n° {n}",
           "original": "Original de la pièce n° {n} : {title}",
           "signed": "Original signé de la pièce n° {n} (signature électronique intacte) : {title}",
           "case": "Données du dossier (JSON) ayant servi à produire ce PDF",
           "einvoice": "Facture électronique originale (XML EN 16931) de la pièce n° {n} : {title}",
           "footer": "Dossier {reference} établi le {date} — {total} pages"},
    "nl": {"cover": "Titelblad", "pieces": "Stukken", "piece": "Stuk nr. {n}",
           "original": "Origineel van stuk nr. {n}: {title}",
           "signed": "Ondertekend origineel van stuk nr. {n} (elektronische handtekening intact): {title}",
           "case": "Gegevens van het dossier (JSON) waaruit deze pdf is gemaakt",
           "einvoice": "Originele elektronische factuur (XML EN 16931) van stuk nr. {n}: {title}",
           "footer": "Dossier {reference} opgemaakt op {date} — {total} pagina's"},
}


def piece_heading(text: dict[str, str], spec: PieceSpec) -> str:
    """« Pièce n° 4 — Bon de livraison »: the pièce's bookmark and the title of its own file."""
    return f"{text['piece'].format(n=spec.number)} — {spec.title}"
