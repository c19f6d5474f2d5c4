"""The outcome of ``docgen batch``: one line per case, the counts, the exit code, ``batch-report.json``."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ...atomic import write_bytes
from ...i18n import N_, _
from ...version import __version__

REPORT_FILE = "batch-report.json"
# nothing_to_do: --doc names a document the case has nothing for (plan_apurement without a plan).
STATUSES = ("rendered", "unchanged", "blocked", "failed", "not_due", "no_document", "nothing_owed", "paused",
            "nothing_to_do")


# The summary's words for each status (English msgids of docgen's catalogue).
STATUS_LABELS = {"rendered": N_("rendered"), "unchanged": N_("unchanged"), "blocked": N_("blocked"),
                 "failed": N_("failed"), "not_due": N_("not due"), "no_document": N_("no document"),
                 "nothing_owed": N_("nothing owed"), "paused": N_("paused"), "nothing_to_do": N_("nothing to do")}


@dataclass
class BatchItem:
    case: str                      # path of the case file
    reference: str | None
    doc: str | None
    options: dict[str, str] = field(default_factory=dict)
    status: str = "failed"         # one of STATUSES
    outputs: list[str] = field(default_factory=list)
    rule_ids: list[str] = field(default_factory=list)
    message: str = ""
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"case": self.case, "reference": self.reference, "doc": self.doc, "options": self.options,
                "status": self.status, "outputs": self.outputs, "rule_ids": self.rule_ids,
                "message": self.message, "seconds": round(self.seconds, 3)}


@dataclass
class BatchReport:
    as_of: date
    out: Path
    items: list[BatchItem]
    jobs: int
    seconds: float = 0.0
    assume_last_rate: bool = False

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def documents(self) -> int:
        return sum(len(i.outputs) for i in self.items if i.status == "rendered")

    @property
    def exit_code(self) -> int:
        """2 when a case failed (bad input), 1 when a document was blocked by compliance, else 0."""
        if self.count("failed"):
            return 2
        return 1 if self.count("blocked") else 0

    def summary(self) -> str:
        parts = [f"{self.count(s)} {_(STATUS_LABELS[s])}" for s in STATUSES if self.count(s)]
        text = _("{counts} ({cases} case(s), {files} file(s) written in {seconds} s with {jobs} process(es))").format(
            counts=", ".join(parts) or _("nothing to do"), cases=len(self.items), files=self.documents,
            seconds=f"{self.seconds:.1f}", jobs=self.jobs)
        if self.assume_last_rate:
            text += _("; past the end of a rate table, its last known value is assumed (--assume-last-rate)")
        return text

    def to_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "docgen_version": __version__, "jobs": self.jobs,
                "seconds": round(self.seconds, 3), "counts": {s: self.count(s) for s in STATUSES},
                "documents_written": self.documents, "exit_code": self.exit_code,
                "assume_last_rate": self.assume_last_rate, "items": [i.to_dict() for i in self.items]}


def write_report(report: BatchReport) -> None:
    write_bytes(report.out / REPORT_FILE, json.dumps(report.to_dict(), ensure_ascii=False, indent=2).encode("utf-8"))
