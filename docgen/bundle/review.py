"""The review file of a dossier: what needs a human, beside the documents and never inside them.

``review.json`` (machine-readable) and ``review.md`` (for the person who files the dossier) list,
per document, the findings (rule id, legal basis, field to fill) and the decisions printed
(stated in the case file or inferred, and from what).
"""
from __future__ import annotations

import json

REVIEW_JSON = "review.json"
REVIEW_MD = "review.md"

_STATUS = {"decided": "decided", "needs_input": "NEEDS INPUT", "unconfirmed": "UNCONFIRMED"}


def review_files(reviews, *, reference: str, doc: str, as_of: str) -> dict[str, bytes]:  # noqa: ANN001
    """``{file name: bytes}`` of the review of ``reviews`` (DocumentReview objects)."""
    data = {"reference": reference, "document": doc, "as_of": as_of,
            "draft": any(r.draft for r in reviews),
            "accept_unconfirmed": any(r.accept_unconfirmed for r in reviews),
            "documents": [r.to_dict() for r in reviews]}
    return {REVIEW_JSON: (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode(),
            REVIEW_MD: _markdown(data).encode()}


def _markdown(data: dict) -> str:
    """The review for the person who files the dossier. What every document of the dossier shares
    (most often the unconfirmed rate, found by each document that prints it) is said once, first;
    then each document's own findings and decisions."""
    lines = [f"# Review — {data['reference']} — {data['document']} as of {data['as_of']}", ""]
    if data["draft"]:
        lines += ["**DRAFT**: built with --force despite error findings. Every page is marked as a draft; "
                  "it must not be sent, filed or signed.", ""]
    if data["accept_unconfirmed"]:
        lines += ["Legal data flagged unconfirmed was accepted with --accept-unconfirmed.", ""]
    documents = data["documents"]
    shared_findings = _shared([d["findings"] for d in documents])
    shared_decisions = _shared([d["decisions"] for d in documents])
    if shared_findings or shared_decisions:
        lines += ["## Every document of the dossier", ""]
        lines += _section(shared_findings, shared_decisions, empty="")
    for document in documents:
        findings = [f for f in document["findings"] if f not in shared_findings]
        decisions = [d for d in document["decisions"] if d not in shared_decisions]
        lines += [f"## {document['document']}", ""]
        lines += _section(findings, decisions, empty="Nothing else." if shared_findings else "No finding.")
    return "\n".join(lines)


def _shared(per_document: list[list[dict]]) -> list[dict]:
    """What each of several documents has (in the first one's order); nothing for one document."""
    if len(per_document) < 2:
        return []
    return [item for item in per_document[0] if all(item in others for others in per_document[1:])]


def _section(findings: list[dict], decisions: list[dict], *, empty: str) -> list[str]:
    lines: list[str] = []
    if findings:
        lines += ["| severity | rule | field | finding | basis |", "|---|---|---|---|---|"]
        lines += [f"| {f['severity']} | {f['rule_id']} | {f['path'] or ''} | {_cell(f['message'])} | "
                  f"{_cell(f['basis'])} |" for f in findings]
        lines.append("")
    elif empty and not decisions:
        lines += [empty, ""]
    if decisions:
        lines += ["Decisions printed:", ""]
        for d in decisions:
            origin = "stated in the case file" if d["stated"] else "inferred"
            lines.append(f"- **{d['name']}** ({_STATUS.get(d['status'], d['status'])}, {origin}): "
                         f"{_cell(_result(d['result']))} — {_cell(d['basis'])}")
        lines.append("")
    return lines


def _result(result: object) -> str:
    if isinstance(result, dict):
        return ", ".join(f"{k}: {v}" for k, v in result.items() if v not in (None, "", [], ()))
    return str(result)


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")
