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
    lines = [f"# Review — {data['reference']} — {data['document']} as of {data['as_of']}", ""]
    if data["draft"]:
        lines += ["**DRAFT**: built with --force despite error findings. Every page is marked as a draft; "
                  "it must not be sent, filed or signed.", ""]
    if data["accept_unconfirmed"]:
        lines += ["Legal data flagged unconfirmed was accepted with --accept-unconfirmed.", ""]
    for document in data["documents"]:
        lines += [f"## {document['document']}", ""]
        findings = document["findings"]
        if findings:
            lines += ["| severity | rule | field | finding | basis |", "|---|---|---|---|---|"]
            lines += [f"| {f['severity']} | {f['rule_id']} | {f['path'] or ''} | {_cell(f['message'])} | "
                      f"{_cell(f['basis'])} |" for f in findings]
        else:
            lines.append("No finding.")
        lines.append("")
        if document["decisions"]:
            lines += ["Decisions printed:", ""]
            for d in document["decisions"]:
                origin = "stated in the case file" if d["stated"] else "inferred"
                lines.append(f"- **{d['name']}** ({_STATUS.get(d['status'], d['status'])}, {origin}): "
                             f"{_cell(_result(d['result']))} — {_cell(d['basis'])}")
            lines.append("")
    return "\n".join(lines)


def _result(result: object) -> str:
    if isinstance(result, dict):
        return ", ".join(f"{k}: {v}" for k, v in result.items() if v not in (None, "", [], ()))
    return str(result)


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")
