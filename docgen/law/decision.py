"""A legal decision a document prints, made once per case and as-of date in ``docgen.law``.

Documents never improvise: the court, the rate and its label, every deadline, the reminder
level, the eligibility of a route are each a ``Decision``. What the law (or docgen's data)
cannot settle is not guessed: the decision says ``needs_input`` and names the case-file field
that would settle it, or ``unconfirmed`` when it rests on legal data flagged unconfirmed.
``docgen check`` turns those into findings; ``render`` refuses a document that would print them.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["decided", "needs_input", "unconfirmed"]
STATUSES: tuple[str, ...] = ("decided", "needs_input", "unconfirmed")


@dataclass(frozen=True)
class Decision:
    """One decision: its result, why (legal basis), from what (inputs), and how sure.

    ``field`` names the case-file field to fill when the status is ``needs_input`` (for
    example ``procedure.court``). ``stated`` is true when the result was taken from the case
    file rather than inferred, so the review can say which it was. ``source`` cites the data
    the decision was read from (a table entry, its date and origin).
    """

    name: str
    result: Any
    basis: str
    status: Status = "decided"
    inputs: Mapping[str, str] = field(default_factory=dict)
    field: str | None = None
    stated: bool = False
    source: str = ""
    message: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown decision status {self.status!r}")
        if self.status == "needs_input" and not self.field:
            raise ValueError(f"decision {self.name}: needs_input must name the case-file field to fill")

    @property
    def decided(self) -> bool:
        return self.status == "decided"

    def to_dict(self) -> dict[str, Any]:
        result = self.result.to_dict() if hasattr(self.result, "to_dict") else self.result
        return {"name": self.name, "result": result, "basis": self.basis, "status": self.status,
                "inputs": dict(self.inputs), "field": self.field, "stated": self.stated,
                "source": self.source, "message": self.message}
