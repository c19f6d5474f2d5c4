"""The agenda of a portfolio: every case, its stage, its next action and when, overdue first.

Nothing is rendered. Each case file is read and validated once, its statement computed once
(validation needs it anyway: payments exceeding everything owed are an input error) and the
compliance checks reuse that statement. Cases that cannot proceed are flagged with the reason:
an invalid or unreadable file, a reference used by another case file, a compliance error
(``docgen check``), a limitation period about to run out, a rate table that ends too early.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from ..i18n import _, ngettext
from ..model.text import terminal_safe
from .agenda_items import (BLOCKING, AgendaItem, Flag, check_as_of, evaluate, flag_duplicates, sort_items,
                           unexpected)
from .index_run import run
from .policy import Policy
from .scan import LoadedCase, add_statement

__all__ = ["BLOCKING", "Agenda", "AgendaItem", "Flag", "agenda", "agenda_json", "agenda_text", "check_as_of",
           "evaluate", "flag_duplicates", "sort_items", "unexpected"]

def _as_policy(policy: Policy | str | Path | None) -> Policy:
    if isinstance(policy, Policy):
        return policy
    return Policy.load(policy)


class Agenda(list):
    """The agenda's lines (a list of ``AgendaItem``), with ``stats``: what the portfolio index
    spared (``docgen.portfolio.index.IndexStats``: files re-read, parsed, reused; warnings)."""

    stats: Any = None


def agenda(folder: str | Path, as_of: date, *, policy: Policy | str | Path | None = None,
           jobs: int | None = None, assume_last_rate: bool = False, index: bool = True,
           scheduler: str | None = None) -> Agenda:
    """Every case under ``folder`` with its next action, sorted: due or overdue first (oldest
    first), then upcoming by date, then cases with nothing to do.

    ``jobs``: processes to use (default: all cores for a large portfolio, else one).
    ``assume_last_rate``: past the end of a rate table, use its last known value (the case is
    flagged ``assumed_rate``) instead of blocking the case (``stale_rates``).
    ``index``: keep what validation found in the portfolio's index, so that the next run reads
    only the case files that changed (False: read them all, touch no index).
    ``scheduler``: compute on the workers of this Dask scheduler (shared filesystem).
    """
    check_as_of(as_of)
    pol = _as_policy(policy)
    lines, stats = run(folder, partial(_agenda_line, as_of=as_of, policy=pol, assume_last_rate=assume_last_rate),
                       jobs=jobs, index=index, scheduler=scheduler, as_of=as_of, relocate=_relocate)
    out = Agenda(sort_items(flag_duplicates(lines), as_of))
    out.stats = stats
    return out


def _relocate(line: tuple[AgendaItem, bool], path: Path) -> tuple[AgendaItem, bool]:
    return replace(line[0], path=path), line[1]


def _agenda_line(path: Path, loaded: LoadedCase | BaseException, *, as_of: date, policy: Policy,
                 assume_last_rate: bool) -> tuple[AgendaItem, bool]:
    try:
        if isinstance(loaded, BaseException):
            raise loaded
        if loaded.case is not None:
            add_statement(loaded, as_of, assume_last_rate)
        return evaluate(loaded, as_of, policy), loaded.case is not None
    except Exception as exc:  # noqa: BLE001 - one case must never stop the agenda of all the others
        reason = unexpected(exc)
        return AgendaItem(Path(path), None, None, None, None, "invalid", "fix_case_file",
                          f"fix the case file: {reason}", as_of, flags=(Flag("invalid", reason),)), False


def agenda_json(items: list[AgendaItem], as_of: date) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "cases": len(items),
        "due": sum(1 for i in items if i.due_on(as_of)),
        "overdue": sum(1 for i in items if i.overdue),
        "cannot_proceed": sum(1 for i in items if not i.can_proceed),
        "items": [i.to_dict() for i in items],
    }


def agenda_text(items: list[AgendaItem], as_of: date) -> str:
    """A plain table, one line per case, then the reasons of the flagged ones. References are
    never cut: the column is as wide as the longest (two cases differing only at the end of
    their references must stay told apart)."""

    rows = [(_("DATE"), _("LATE"), _("DEADLINE"), _("REFERENCE"), _("STAGE"), _("NEXT ACTION"), _("DOC"), _("FLAGS"))]
    for i in items:
        late = _("{days}d").format(days=i.days_overdue) if i.overdue else (_("today") if i.date == as_of else "")
        flags = ",".join(f.code for f in i.flags) + ("!" if i.urgent else "")
        rows.append((i.date.isoformat() if i.date else "-", late, i.deadline.isoformat() if i.deadline else "",
                     i.reference or i.path.parent.name,
                     i.stage, i.action + (_(" (paused)") if i.paused else ""), _doc_label(i), flags))
    # Case text is the user's: a control character in it must not reach the terminal raw.
    rows = [tuple(terminal_safe(cell) for cell in r) for r in rows]
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]
    flagged = [i for i in items if i.flags]
    if flagged:
        lines += ["", _("Flagged:")]
        for i in flagged:
            for f in i.flags:
                lines.append(terminal_safe(f"  {i.reference or i.path}: [{f.code}] {f.message}"))
    due = sum(1 for i in items if i.due_on(as_of))
    blocked = sum(1 for i in items if not i.can_proceed)
    lines += ["", ", ".join((ngettext("{n} case", "{n} cases", len(items)).format(n=len(items)),
                             ngettext("{n} action due by {day}", "{n} actions due by {day}", due).format(n=due, day=as_of),
                             ngettext("{n} cannot proceed", "{n} cannot proceed", blocked).format(n=blocked)))]
    return "\n".join(lines)


def _doc_label(item: AgendaItem) -> str:
    if not item.doc:
        return ""
    extra = item.options.get("level") or item.options.get("part")
    return f"{item.doc}" + (f"[{extra}]" if extra else "")
