"""``docgen insolvency scan``: the debtors of a portfolio found in a BODACC export.

Only click and the standard library are imported here; the work is ``docgen.scan_insolvency``
(``docgen/portfolio/insolvency_scan.py``). Errors are DocgenError children, turned into a
message and an exit code by ``docgen.cli``'s group.
"""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from .cli_types import ISO_DATE as DAY


@click.group()
def insolvency() -> None:
    """The debtors' collective proceedings (BODACC)."""


@insolvency.command("scan")
@click.argument("export", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("portfolio", type=click.Path(path_type=Path, exists=True))
@click.option("--as-of", "as_of", type=DAY, default=None,
              help="The day the cases are validated and the deadlines judged for (default: today).")
@click.option("--dry-run", is_flag=True, help="List the matches and what would change; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def scan(export: Path, portfolio: Path, as_of: date | None, dry_run: bool, as_json: bool) -> None:
    """Match a BODACC "procédures collectives" export (JSON or CSV, as published by the DILA on
    bodacc-datadila.opendatasoft.com) against the cases under PORTFOLIO by the debtor's SIREN,
    and record the proceedings found in each matching case file.

    Openings (sauvegarde, redressement, liquidation judiciaire) and conversions are recorded
    under insolvency: (comments and layout kept, validated first, atomic); every other file is
    left untouched. The agenda then shows each declaration with its deadline. A second run
    changes nothing. Exit 1 when a match needs your review (nothing was written for it).

    \b
    Example:
      docgen insolvency scan bodacc-2026-10.json cases/ --as-of 2026-10-15 --dry-run
      docgen insolvency scan bodacc-2026-10.csv cases/
    """
    # lazy: --help must not load the library behind this command
    from .api import scan_insolvency
    from .i18n import _, ngettext
    from .model.text import json_for_terminal, terminal_safe

    day = as_of or date.today()
    result = scan_insolvency(export, portfolio, as_of=day, dry_run=dry_run)
    if as_json:
        click.echo(json_for_terminal(json.dumps(result.to_dict(), ensure_ascii=False, indent=2)))
        sys.exit(1 if result.needs_review else 0)
    labels = {"recorded": _("recorded"), "completed": _("completed"), "converted": _("converted"),
              "unchanged": _("up to date"),
              "review": _("to review"), "other_judgment": _("other judgment"), "refused": _("refused")}
    if dry_run:
        labels["recorded"], labels["completed"] = _("would record"), _("would complete")
        labels["converted"] = _("would convert")
    for item in result.items:
        data = item.to_dict()
        line = _("{status}: {path}: {debtor} (SIREN {siren}), {kind}, judgment of {judgment}, BODACC of {published}")
        line = line.format(
            status=labels[item.status], path=item.path, debtor=item.debtor or "?", siren=item.siren,
            kind=data["kind"] or item.publication.nature or "?", judgment=data["judgment_date"] or "?",
            published=data["publication_date"] or "?")
        if item.deadline is not None:
            late = item.deadline < day
            line += "; " + (_("declaration overdue since {deadline}") if late else _("declare by {deadline}")).format(
                deadline=item.deadline.isoformat())
        click.echo(terminal_safe(line))
        if item.reason and item.status != "other_judgment":
            click.echo(terminal_safe(f"    {item.reason}"))
        elif item.status == "other_judgment":
            click.echo(terminal_safe(f"    {item.publication.nature or item.publication.famille}"))
    for record, reason in result.set_aside:
        click.echo(terminal_safe(_("set aside: {record}: {reason}").format(record=record, reason=reason)), err=True)
    for path, reason in result.unreadable:
        click.echo(terminal_safe(_("unreadable case file {path}: {reason}").format(path=path, reason=reason)), err=True)
    n, matched = len({i.path for i in result.written}), len({i.path for i in result.items})
    click.echo(_("{publications} publications read, {matched} matching case files").format(
        publications=result.publications, matched=matched))
    if dry_run:
        click.echo(ngettext("dry run: {n} case file would change; nothing was written",
                            "dry run: {n} case files would change; nothing was written", n).format(n=n))
    elif n:
        click.echo(ngettext("{n} case file changed", "{n} case files changed", n).format(n=n))
    else:
        click.echo(_("nothing changed: every matching case is up to date"))
    sys.exit(1 if result.needs_review else 0)
