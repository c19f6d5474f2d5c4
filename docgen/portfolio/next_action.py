"""What the agenda says a case needs next: one value shared by the escalation ladder
(``escalation``) and the follow-up of the bailiff routes (``route_steps``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date  # noqa: F401 - named by the annotations (a field is called date too)


@dataclass(frozen=True)
class NextAction:
    stage: str                     # where the case stands (see the module docstring)
    action: str                    # what to do next ("none" when nothing)
    label: str                     # the same, in words
    date: date | None              # when it is due (None: nothing to do)
    doc: str | None = None         # the document to generate for it, if any
    options: dict[str, str] = field(default_factory=dict)   # render options (level, channel, part)
    deadline: date | None = None   # a legal last day attached to the action
    paused: bool = False
    note: str = ""
