"""review.md, the checklist of the person who files the dossier: what every document shares is said
once, first; each document then lists only its own findings and decisions. review.json keeps every
document's full list (a program reads it)."""
from __future__ import annotations

import json

from docgen.bundle.review import REVIEW_JSON, REVIEW_MD, review_files


class _Review:
    def __init__(self, doc: str, findings: list[dict], decisions: list[dict]):
        self.doc, self.findings, self.decisions = doc, findings, decisions
        self.draft, self.accept_unconfirmed = False, True

    def to_dict(self) -> dict:
        return {"document": self.doc, "findings": self.findings, "decisions": self.decisions}


RATE = {"severity": "warning", "rule_id": "UNCONFIRMED-LEGAL-DATA", "path": "data:be.late_payment_rate.yaml",
        "message": "10.5 % from 2026-07-01 is not confirmed", "basis": "Loi du 2 août 2002, art. 5"}
COURT = {"severity": "error", "rule_id": "COURT-UNDECIDED", "path": "procedure.court",
         "message": "name the court", "basis": "CPC 1406"}
DECISION = {"name": "rate", "status": "unconfirmed", "stated": False, "result": {"percent": "10.5"},
            "basis": "loi du 2 août 2002"}
ROUTE = {"name": "route", "status": "decided", "stated": False, "result": {"route": "undisputed_b2b"},
         "basis": "C. jud. 1394/20"}


def _files(*reviews: _Review) -> tuple[str, dict]:
    files = review_files(list(reviews), reference="REF-1", doc="instruction_huissier", as_of="2026-10-15")
    return files[REVIEW_MD].decode(), json.loads(files[REVIEW_JSON])


def test_what_every_document_shares_is_said_once_first():
    md, data = _files(_Review("instruction_huissier", [RATE, COURT], [DECISION, ROUTE]),
                      _Review("decompte", [RATE], [DECISION]), _Review("bordereau_de_pieces", [RATE], [DECISION]))
    assert md.count("UNCONFIRMED-LEGAL-DATA") == 1 and md.count("**rate**") == 1
    shared, own = md.split("## instruction_huissier")
    assert "## Every document of the dossier" in shared and "UNCONFIRMED-LEGAL-DATA" in shared
    assert "COURT-UNDECIDED" in own.split("## decompte")[0] and "**route**" in own.split("## decompte")[0]
    assert own.split("## bordereau_de_pieces")[1].strip() == "Nothing else."
    assert [len(d["findings"]) for d in data["documents"]] == [2, 1, 1]       # the JSON keeps every list


def test_one_document_or_nothing_shared_keeps_the_per_document_layout():
    md, _ = _files(_Review("mise_en_demeure", [RATE], [DECISION]))
    assert "Every document" not in md and md.count("UNCONFIRMED-LEGAL-DATA") == 1
    md, _ = _files(_Review("mise_en_demeure", [COURT], []), _Review("decompte", [], []))
    assert "Every document" not in md
    assert md.split("## decompte")[1].strip() == "No finding."
