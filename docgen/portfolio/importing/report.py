"""What ``docgen import`` did: the cases written and every row left out, with its line and reason."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import DocgenError
from ...model.text import terminal_safe


class ImportError_(DocgenError):
    """The spreadsheet as a whole cannot be read (exit 2)."""


@dataclass
class WrittenCase:
    path: Path
    reference: str
    lines: list[int]
    invoices: int


@dataclass
class ImportReport:
    source: Path
    written: list[WrittenCase] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)      # (line, reason): rows NOT imported
    skipped: list[tuple[int, str]] = field(default_factory=list)     # (line, reason): deliberately left out
    empty_rows: int = 0

    @property
    def exit_code(self) -> int:
        return 2 if self.errors else 0

    def to_dict(self) -> dict[str, Any]:
        return {"source": str(self.source),
                "written": [{"case": str(w.path), "reference": w.reference, "lines": w.lines, "invoices": w.invoices}
                            for w in self.written],
                "errors": [{"line": n, "reason": r} for n, r in sorted(self.errors)],
                "skipped": [{"line": n, "reason": r} for n, r in sorted(self.skipped)],
                "empty_rows": self.empty_rows}

    def text(self) -> str:
        out = [f"wrote {w.path} ({w.invoices} invoice(s), line(s) {line_ranges(w.lines)})" for w in self.written]
        out += [f"line {n}: skipped: {r}" for n, r in sorted(self.skipped)]
        out += [f"line {n}: NOT IMPORTED: {r}" for n, r in sorted(self.errors)]
        rows = sum(len(w.lines) for w in self.written)
        out.append(f"{len(self.written)} case file(s) written from {rows} row(s); {len(self.errors)} row(s) not "
                   f"imported, {len(self.skipped)} skipped, {self.empty_rows} empty row(s) ignored")
        # Cell values and file names are the user's text: never printed raw to a terminal.
        return "\n".join(terminal_safe(line) for line in out)


def line_ranges(numbers: list[int]) -> str:
    """``[3, 4, 5, 9]`` as ``3-5, 9``."""
    numbers = sorted(numbers)
    parts, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            parts.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ", ".join(parts)
