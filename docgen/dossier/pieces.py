"""The pièces of a dossier, numbered exactly as the bordereau numbers them.

The numbering comes from ``docgen.render.exhibits.exhibit_list`` (invoices, then
``exhibits``, then the proofs of ``events``), the function the bordereau and the requête use:
the dossier cannot disagree with them. This module only adds what the dossier needs on top:
the kind, the date as a ``date``, file names (slug, attached original) and, for proofs, what
the proof proves.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import DocgenError
from ..model.case import Case, Event
from ..model.files import file_problem
from ..model.text import slug
from ..render.exhibits import exhibit_list
from .model import PieceKind, ProofInfo

# File-name slugs of proofs, by event type (the date is appended).
_PROOF_SLUGS = {
    "fr": {"reminder_sent": "relance", "formal_notice_sent": "mise-en-demeure-envoi",
           "formal_notice_received": "avis-de-reception", "formal_notice_unclaimed": "pli-non-reclame",
           "call": "entretien-telephonique", "meeting": "entretien", "dispute_raised": "contestation",
           "payment_plan_proposed": "proposition-echeancier", "payment_plan_signed": "echeancier-signe",
           "payment_plan_defaulted": "echeancier-impaye", "injunction_filed": "requete-injonction",
           "injunction_granted": "ordonnance-injonction", "injunction_served": "signification",
           "bailiff_instructed": "mandat-commissaire"},
    "nl": {"reminder_sent": "herinnering", "formal_notice_sent": "ingebrekestelling-verzending",
           "formal_notice_received": "ontvangstbewijs", "formal_notice_unclaimed": "niet-afgehaald",
           "call": "telefoongesprek", "meeting": "gesprek", "dispute_raised": "betwisting",
           "payment_plan_proposed": "voorstel-afbetalingsplan", "payment_plan_signed": "afbetalingsplan-ondertekend",
           "payment_plan_defaulted": "afbetalingsplan-niet-nageleefd", "injunction_filed": "verzoekschrift",
           "injunction_granted": "beschikking", "injunction_served": "betekening",
           "bailiff_instructed": "opdracht-gerechtsdeurwaarder"},
}
# The document a proof is about, by event type.
_PROVES = {
    "reminder_sent": "relance", "formal_notice_sent": "mise_en_demeure",
    "formal_notice_received": "mise_en_demeure", "formal_notice_unclaimed": "mise_en_demeure",
    "payment_plan_proposed": "plan_apurement", "payment_plan_signed": "plan_apurement",
    "payment_plan_defaulted": "plan_apurement", "injunction_filed": "injonction_de_payer",
    "injunction_granted": "injonction_de_payer", "injunction_served": "injonction_de_payer",
}


@dataclass(frozen=True)
class PieceSpec:
    """One numbered pièce before conversion: where its file is and what it is."""

    number: int
    title: str
    date: date | None
    kind: PieceKind
    ref: str
    relative: str
    path: Path
    label: str
    bordereau_pages: str          # what the bordereau says (« 1 », « — »)
    proof: ProofInfo | None


def original_name(spec: PieceSpec) -> str:
    """Name under which a pièce's original file is attached to the dossier."""
    return f"Piece_{spec.number:02d}_{spec.label}_original{spec.path.suffix.lower()}"


def _proof(case: Case, index: int) -> ProofInfo:
    event: Event = case.events[index]
    notices = [e for e in case.events_of("formal_notice_sent") if e.date <= event.date]
    proves = _PROVES.get(event.type)
    proves_date: date | None = event.date if proves else None
    tracking = event.tracking_number
    if event.type in ("formal_notice_received", "formal_notice_unclaimed"):
        proves_date = notices[-1].date if notices else None
        tracking = tracking or (notices[-1].tracking_number if notices else None)
    return ProofInfo(event_index=index, event_type=event.type, channel=event.channel, date=event.date,
                     tracking_number=tracking, proves=proves, proves_date=proves_date)


def piece_specs(case: Case, as_of: date | None = None) -> list[PieceSpec]:
    """The pièces of ``case`` in bordereau order (those that exist on ``as_of``), each with its file
    checked (DocgenError otherwise)."""

    lang = case.language
    base = (case.source_dir or Path.cwd()).resolve()
    specs: list[PieceSpec] = []
    for item in exhibit_list(case, as_of):
        number = int(item["number"])
        ref = str(item.get("ref", ""))
        head, _, key = ref.partition(":")
        relative = str(item.get("file") or "")
        proof = None
        if head == "invoice":
            kind: PieceKind = "invoice"
            day = case.invoice(key).issue_date
            label = slug(("facture-" if lang == "fr" else "factuur-") + key)
        elif head == "exhibit":
            kind, exhibit = "exhibit", case.exhibits[int(key)]
            day, label = exhibit.date, slug(exhibit.title)
        elif head == "event":
            kind, proof = "proof", _proof(case, int(key))
            day = proof.date
            label = f"{_PROOF_SLUGS[lang].get(proof.event_type, slug(proof.event_type))}-{day.isoformat()}"
        else:
            raise DocgenError(f"pièce n° {number}: unknown reference {ref!r} in the list of pièces")
        where = f"pièce n° {number} ({item['title']})"
        if not relative:
            raise DocgenError(f"{where}: no file is named for it in the case file; the dossier needs the "
                              "document itself (add its 'file' or 'proof')")
        # Not deep: prepare() opens every file with the build's own checks right after.
        problem = file_problem(base, relative, deep=False)
        if problem:
            raise DocgenError(f"pièce n° {number}, file {relative}: checking the file: {problem}")
        specs.append(PieceSpec(number=number, title=str(item["title"]), date=day, kind=kind, ref=ref,
                               relative=relative, path=(base / relative).resolve(), label=label,
                               bordereau_pages=str(item.get("pages", "")), proof=proof))
    return specs
