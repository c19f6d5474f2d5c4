"""What a document was judged by before rendering: the case's findings, the document's own
findings and the decisions it prints (docgen.law), gathered once per document."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..law.checks import Finding, run_checks
from ..law.decision import Decision
from ..law.document_checks import document_findings
from ..law.statement import Statement
from ..model.case import Case


@dataclass(frozen=True)
class DocumentReview:
    doc: str
    findings: tuple[Finding, ...]
    decisions: tuple[Decision, ...]
    accept_unconfirmed: bool = False
    draft: bool = False

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    def to_dict(self) -> dict:
        return {"document": self.doc, "draft": self.draft, "accept_unconfirmed": self.accept_unconfirmed,
                "findings": [f.to_dict() for f in self.findings],
                "decisions": [d.to_dict() for d in self.decisions]}


def review_document(case: Case, doc: str, as_of: date, statement: Statement, options: dict | None = None, *,
                    accept_unconfirmed: bool = False) -> DocumentReview:
    """Findings (errors first, each once) and decisions of ``doc``."""
    own, decisions = document_findings(case, doc, as_of, statement, options, accept_unconfirmed=accept_unconfirmed)
    seen = {(f.rule_id, f.message) for f in own}
    shared = [f for f in run_checks(case, as_of, statement=statement) if (f.rule_id, f.message) not in seen]
    order = {"error": 0, "warning": 1, "info": 2}
    findings = sorted([*own, *shared], key=lambda f: order.get(f.severity, 3))
    return DocumentReview(doc, tuple(findings), tuple(decisions), accept_unconfirmed)
