"""What an e-invoice import did, file by file: cases written or completed, invoices skipped as
already imported, amended invoices in conflict, files refused, and what to check."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ....model.text import terminal_safe


@dataclass
class CaseWritten:
    path: Path
    reference: str
    files: list[str]
    invoices: int
    credit_notes: int
    completed: bool            # invoices added to a case that was already there


@dataclass
class EInvoiceReport:
    sources: list[Path]
    written: list[CaseWritten] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)     # (file, reason): already imported
    conflicts: list[tuple[str, str]] = field(default_factory=list)   # (file, reason): amended, not imported
    errors: list[tuple[str, str]] = field(default_factory=list)      # (file, reason): refused
    findings: list[tuple[str, str]] = field(default_factory=list)    # (file, what to check)
    proposals: list[tuple[str, str]] = field(default_factory=list)   # (file, penalty rate to confirm)

    @property
    def exit_code(self) -> int:
        """2 when a file was refused; 1 when an amended invoice waits for a decision; else 0."""
        return 2 if self.errors else (1 if self.conflicts else 0)

    def to_dict(self) -> dict[str, Any]:
        def pairs(items: list[tuple[str, str]]) -> list[dict[str, str]]:
            return [{"file": f, "reason": r} for f, r in items]

        return {"sources": [str(s) for s in self.sources],
                "written": [{"case": str(w.path), "reference": w.reference, "files": w.files, "invoices": w.invoices,
                             "credit_notes": w.credit_notes, "completed": w.completed} for w in self.written],
                "skipped": pairs(self.skipped), "conflicts": pairs(self.conflicts), "errors": pairs(self.errors),
                "findings": pairs(self.findings), "proposals": pairs(self.proposals)}

    def text(self) -> str:
        out = [f"{'completed' if w.completed else 'wrote'} {w.path} ({w.invoices} invoice(s), {w.credit_notes} "
               f"credit note(s) from {len(w.files)} file(s))" for w in self.written]
        out += [f"{f}: check: {r}" for f, r in self.findings]
        out += [f"{f}: PROPOSAL, to confirm: {r}" for f, r in self.proposals]
        out += [f"{f}: skipped: {r}" for f, r in self.skipped]
        out += [f"{f}: CONFLICT, not imported: {r}" for f, r in self.conflicts]
        out += [f"{f}: NOT IMPORTED: {r}" for f, r in self.errors]
        out.append(f"{len(self.written)} case file(s) written or completed; {len(self.skipped)} file(s) already "
                   f"imported, {len(self.conflicts)} conflict(s), {len(self.errors)} file(s) refused")
        return "\n".join(terminal_safe(line) for line in out)
