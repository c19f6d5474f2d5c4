"""Portfolio commands: ``docgen agenda``, ``batch``, ``record``, ``aging`` and ``import``.

Only click and the standard library are imported here; each command imports what it needs
(``docgen.portfolio``) when it runs, so ``docgen --help`` stays fast. Errors are DocgenError
children, turned into a message and an exit code by ``docgen.cli``'s group.
"""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from .atomic import write_text
from .cli_data import data_option
from .cli_types import ISO_DATE as DAY
from .errors import CaseValidationError, DocgenError
from .i18n import _, ngettext
from .render.registry import DOCUMENTS
from .vocabulary import CHANNELS
from .vocabulary import EVENT_TYPES as EVENTS

_PORTFOLIO = click.argument("portfolio", type=click.Path(path_type=Path, exists=True))
_AS_OF = click.option("--as-of", "as_of", type=DAY, required=True, help="The day figures and due dates are computed for.")
_POLICY = click.option("--policy", "policy", type=click.Path(path_type=Path, dir_okay=False, exists=True),
                       default=None, help="Your firm's escalation policy (YAML), over docgen's defaults.")
_ASSUME_LAST_RATE = click.option("--assume-last-rate", is_flag=True,
                                 help="Use the last known rate past the end of a rate table (the report says so).")
_NO_INDEX = click.option("--no-index", "no_index", is_flag=True,
                         help="Read every case file; neither use nor update PORTFOLIO/.docgen-cache/index.sqlite.")
_READ_SCHEDULER = click.option("--scheduler", "scheduler", envvar="DOCGEN_SCHEDULER", default=None, metavar="ADDRESS",
                               help="Compute on the workers of this Dask scheduler, e.g. tcp://10.0.0.5:8786 (also "
                                    "DOCGEN_SCHEDULER; needs pip install 'docgen[cluster]' and a shared filesystem).")


def _index_warnings(stats) -> None:  # noqa: ANN001 - an IndexStats
    # lazy: --help must not load the library behind this command
    from .model.text import terminal_safe

    for message in stats.warnings if stats is not None else ():
        click.echo(terminal_safe(f"warning: {message}"), err=True)


@click.command()
@_PORTFOLIO
@_AS_OF
@_POLICY
@click.option("--json", "as_json", is_flag=True, help="Print the agenda as JSON.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Processes to use (default: all cores for a large portfolio).")
@_ASSUME_LAST_RATE
@_NO_INDEX
@_READ_SCHEDULER
def agenda(portfolio: Path, as_of: date, policy: Path | None, as_json: bool, jobs: int | None,
           assume_last_rate: bool, no_index: bool, scheduler: str | None) -> None:
    """What to do next in every case of a portfolio, and when; overdue first.

    Every case.yaml / case.yml / case.json under PORTFOLIO is read (nothing is rendered). Each
    line gives the case's stage, its next action with its date and document, and flags the
    cases that cannot proceed: invalid file, reference used twice, compliance error, limitation
    period near (the action is then due at once), rate table ending before the as-of date
    (unless --assume-last-rate: the case is then flagged assumed_rate).

    What validation found is kept in PORTFOLIO/.docgen-cache/index.sqlite, so that the next run
    reads only the case files that changed (statements are computed on every run).

    \b
    Example:
      docgen agenda cases/ --as-of 2026-10-15
      docgen agenda cases/ --as-of 2026-10-15 --policy firm-policy.yaml --json
      docgen agenda /shared/cases --as-of 2026-10-15 --scheduler tcp://10.0.0.5:8786
    """
    # lazy: --help must not load the library behind this command
    from .portfolio.agenda import agenda as run, agenda_json, agenda_text

    # lazy: --help must not load the library behind this command
    from .model.text import json_for_terminal

    items = run(portfolio, as_of, policy=policy, jobs=jobs, assume_last_rate=assume_last_rate, index=not no_index,
                scheduler=(scheduler or "").strip() or None)
    _index_warnings(items.stats)
    if as_json:
        click.echo(json_for_terminal(json.dumps(agenda_json(items, as_of), ensure_ascii=False, indent=2)))
    else:
        click.echo(agenda_text(items, as_of))


@click.command()
@_PORTFOLIO
@_AS_OF
@click.option("--doc", "doc", type=click.Choice(tuple(DOCUMENTS)), default=None,
              help="Generate this document for every case that still owes something.")
@click.option("--due", "due", is_flag=True, help="Generate each case's due document (the default).")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Output folder: OUT/<case reference>/<doc>.pdf, batch-report.json.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Rendering processes.")
@click.option("--docx", is_flag=True, help="Also write the editable DOCX of every document.")
@_POLICY
@click.option("--templates", "templates", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="A folder of your own templates overriding the bundled ones.")
@_ASSUME_LAST_RATE
@data_option()
@click.option("--accept-unconfirmed", is_flag=True,
              help="Render documents relying on legal data flagged unconfirmed instead of blocking them.")
@click.option("--scheduler", "scheduler", envvar="DOCGEN_SCHEDULER", default=None, metavar="ADDRESS",
              help="Render on the workers of this Dask scheduler, e.g. tcp://10.0.0.5:8786 (also DOCGEN_SCHEDULER; "
                   "needs pip install 'docgen[cluster]' and a shared filesystem; -j is then ignored).")
def batch(portfolio: Path, as_of: date, doc: str | None, due: bool, out: Path, jobs: int, docx: bool,
          policy: Path | None, templates: Path | None, assume_last_rate: bool, accept_unconfirmed: bool,
          scheduler: str | None) -> None:
    """Generate every due document of a portfolio, in parallel, resumable.

    A case that fails never stops the others; documents the compliance checks forbid are
    reported as blocked (with their rule ids), not rendered; a case that has nothing for --doc
    (plan_apurement without a payment plan) as nothing to do. A rerun skips every document whose
    inputs (case file, the files it names, document, options, as-of date, docgen version,
    templates) did not change. Exit 0 when everything went through, 1 when a document was
    blocked, 2 when a case failed.

    \b
    Example:
      docgen batch cases/ --as-of 2026-10-15 -o out/ -j 2
      docgen batch cases/ --as-of 2026-10-15 --doc relance -o out/ --docx
      docgen batch /shared/cases --as-of 2026-10-15 -o /shared/out --scheduler tcp://10.0.0.5:8786
    """
    # lazy: --help must not load the library behind this command
    from .model.text import terminal_safe
    from .portfolio.batch.report import STATUS_LABELS
    from .portfolio.batch.run import REPORT_FILE, batch as run

    if doc and due:
        raise DocgenError(_("--doc and --due exclude each other"))
    state: dict = {}

    def planned(n: int) -> None:
        if n:
            bar = click.progressbar(length=n, label=ngettext("rendering {n} document", "rendering {n} documents", n)
                                    .format(n=n), file=sys.stderr)
            bar.__enter__()
            state["bar"] = bar

    def progress(line) -> None:  # noqa: ANN001 - a BatchItem
        if "bar" in state:
            state["bar"].update(1)

    try:
        report = run(portfolio, as_of, out, doc=doc, jobs=jobs, docx=docx, policy=policy, templates=templates,
                     on_planned=planned, on_progress=progress, assume_last_rate=assume_last_rate,
                     accept_unconfirmed=accept_unconfirmed, scheduler=(scheduler or "").strip() or None)
    finally:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)
    for line in report.items:
        # A rendered document has a message only when it needed --assume-last-rate.
        if line.status in ("failed", "blocked") or (line.status == "rendered" and line.message):
            ids = f" [{', '.join(line.rule_ids)}]" if line.rule_ids else ""
            click.echo(terminal_safe(f"{_(STATUS_LABELS[line.status])}: {line.reference or line.case} "
                                     f"{line.doc or ''}{ids}: {line.message}"), err=True)
    click.echo(report.summary())
    click.echo(_("report: {path}").format(path=out / REPORT_FILE))
    sys.exit(report.exit_code)


# The model's payment methods (docgen.model.case.Payment; a test keeps them equal): listed here
# so that ``docgen --help`` does not load the model.
PAYMENT_METHODS = ("transfer", "card", "cheque", "cash", "direct_debit", "other")
_EVENT_ONLY = ("channel", "proof", "tracking", "fee", "note")
_PAYMENT_ONLY = ("amount", "invoice", "method", "reference")


@click.command()
@click.argument("case", type=click.Path(path_type=Path))
@click.argument("event", type=click.Choice(("payment", *EVENTS)))
@click.option("--date", "day", type=DAY, required=True, help="When it happened (a payment: the day it was received).")
@click.option("--amount", default=None, help="payment: the amount received, e.g. 1250.00.")
@click.option("--invoice", default=None, help="payment: the invoice the debtor designated (its number).")
@click.option("--method", type=click.Choice(PAYMENT_METHODS), default=None, help="payment: how it was paid.")
@click.option("--reference", default=None, help="payment: the bank's or the cheque's reference.")
@click.option("--channel", type=click.Choice(CHANNELS), default=None,
              help="How it was sent or done (required for reminder_sent and formal_notice_sent).")
@click.option("--proof", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="Proof file (PDF, JPEG, PNG, e-mail); copied into the case's proofs/ folder if outside it.")
@click.option("--tracking", default=None, help="Tracking number of a registered letter.")
@click.option("--fee", default=None, help="A fee charged to the debtor with it, e.g. 15.00.")
@click.option("--note", default=None, help="A short note.")
@click.option("--as-of", "as_of", type=DAY, default=None,
              help="Validate the new content as of this day (default: today).")
def record(case: Path, event: str, day: date, amount: str | None, invoice: str | None, method: str | None,
           reference: str | None, channel: str | None, proof: Path | None, tracking: str | None,
           fee: str | None, note: str | None, as_of: date | None) -> None:
    """Record a payment received, or an event (reminder sent, formal notice received, call,
    dispute ...), in a case file.

    The file keeps its comments, key order and layout; the new content is validated first and
    nothing is written if it is invalid (exit 2): a payment exceeding everything owed, or
    naming an invoice the case does not have, is refused. A JSON case file stays JSON. A date
    after today is recorded with a warning.

    \b
    Example:
      docgen record cases/rico payment --amount 1250.00 --date 2026-09-30 --invoice F-2023-118
      docgen record cases/rico formal_notice_sent --date 2026-09-08 --channel registered_letter \\
          --tracking 1A19428603574 --proof ~/scans/depot.pdf
    """
    # lazy: --help must not load the library behind this command
    from .model.text import terminal_safe

    given = {"amount": amount, "invoice": invoice, "method": method, "reference": reference, "channel": channel,
             "proof": proof, "tracking": tracking, "fee": fee, "note": note}
    today = date.today()
    try:
        path = _record(case, event, day, given, as_of, today)
    except CaseValidationError as exc:
        if " was not recorded: " not in exc.message:      # the case file as it is cannot be read
            raise
        n = sum(1 for p in exc.problems if p.severity == "error")
        raise CaseValidationError(exc.problems, ngettext(
            "nothing was recorded: the case file would have {n} error", "nothing was recorded: the case file "
            "would have {n} errors", n).format(n=n)) from None
    if day > today:
        click.echo(terminal_safe(_("warning: the date {day} is after today ({today}): check it")
                                 .format(day=day, today=today)), err=True)
    if event == "payment":
        from decimal import Decimal

        shown = f"{Decimal(str(amount).strip().replace(',', '.')):.2f}"      # as recorded (validated by now)
        click.echo(terminal_safe(_("recorded a payment of {amount} received on {day} in {path}")
                                 .format(amount=shown, day=day, path=path)))
    else:
        click.echo(terminal_safe(_("recorded {event} of {day} in {path}").format(event=event, day=day, path=path)))


def _record(case: Path, event: str, day: date, given: dict, as_of: date | None, today: date) -> Path:
    """``docgen record``'s work: the options checked against the kind of record, then the library."""

    if event == "payment":
        wrong = [f"--{k}" for k in _EVENT_ONLY if given[k] is not None]
        if wrong:
            raise DocgenError(_("{options}: not for a payment (only --amount, --invoice, --method, --reference)")
                              .format(options=", ".join(wrong)))
        if given["amount"] is None:
            raise DocgenError(_("a payment needs --amount (the amount received, e.g. 1250.00)"))
        # lazy: --help must not load the library behind this command
        from .portfolio.record import record_payment

        # Validated on its day and on the as-of date (today by default) when later.
        return record_payment(case, amount=given["amount"], day=day, invoice=given["invoice"],
                              method=given["method"], reference=given["reference"], as_of=as_of or max(today, day))
    wrong = [f"--{k}" for k in _PAYMENT_ONLY if given[k] is not None]
    if wrong:
        raise DocgenError(_("{options}: only for a payment").format(options=", ".join(wrong)))
    if given["channel"] is None and event in ("reminder_sent", "formal_notice_sent"):
        raise DocgenError(_("{event} needs --channel (how it was sent: {channels})")
                          .format(event=event, channels=", ".join(CHANNELS[:6])))
    # lazy: --help must not load the library behind this command
    from .portfolio.record import record_event

    return record_event(case, event, day=day, channel=given["channel"], proof=given["proof"],
                        tracking=given["tracking"], fee=given["fee"], note=given["note"], as_of=as_of or today)


@click.command()
@_PORTFOLIO
@_AS_OF
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "html"]), default="table",
              show_default=True)
@click.option("-o", "--output", "output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to this file instead of the terminal.")
@_POLICY
@_ASSUME_LAST_RATE
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Processes to use (default: all cores for a large portfolio).")
@_NO_INDEX
@_READ_SCHEDULER
def aging(portfolio: Path, as_of: date, fmt: str, output: Path | None, policy: Path | None,
          assume_last_rate: bool, jobs: int | None, no_index: bool, scheduler: str | None) -> None:
    """Outstanding principal per debtor and age bucket (not due, 0-30, 31-60, 61-90, > 90 days),
    with interest accrued and stage. The HTML report is one self-contained page with a chart.
    A case whose interest runs past the end of a rate table is left out, unless
    --assume-last-rate. Like agenda, it reads only the case files changed since the last run
    (PORTFOLIO/.docgen-cache/index.sqlite; --no-index reads them all).

    \b
    Example:
      docgen aging cases/ --as-of 2026-10-15
      docgen aging cases/ --as-of 2026-10-15 --format html -o aging.html
    """
    # lazy: --help must not load the library behind this command
    from .i18n import _
    from .portfolio.aging import aging as run
    from .portfolio.aging_formats import FORMATS

    # lazy: --help must not load the library behind this command
    from .model.text import json_for_terminal, terminal_safe

    report = run(portfolio, as_of, policy=policy, assume_last_rate=assume_last_rate, jobs=jobs, index=not no_index,
                 scheduler=(scheduler or "").strip() or None)
    _index_warnings(report.stats)
    text = FORMATS[fmt](report)
    if fmt == "csv":             # the other formats say it themselves; a CSV has no room for it
        for case, note in report.assumed:
            click.echo(terminal_safe(_("rate assumed: {case}: {note}").format(case=case, note=note)), err=True)
    if output is None:
        if fmt == "json":
            text = json_for_terminal(text)
        elif fmt in ("csv", "html"):     # line by line: a quoted CSV cell may span lines
            text = "\n".join(terminal_safe(line) for line in text.split("\n"))
        click.echo(text, nl=not text.endswith("\n"))
        return

    output.parent.mkdir(parents=True, exist_ok=True)
    write_text(output, text)
    click.echo(_("wrote {path}").format(path=output))


def _show_mapping(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from importlib.resources import files

    click.echo((files("docgen.portfolio.importing") / "mapping.yaml").read_text(encoding="utf-8"), nl=False)
    ctx.exit(0)


@click.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Portfolio folder: one <reference>/case.yaml per debtor.")
@click.option("--mapping", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="Your column names (YAML); see --show-mapping for the defaults.")
@click.option("--jurisdiction", type=click.Choice(["FR", "BE"]), default=None,
              help="Default: a jurisdiction column, else the creditor's country, else FR.")
@click.option("--relationship", type=click.Choice(["B2B", "B2C"]), default=None,
              help="Default: a relationship column, else B2C for a debtor who is a person, B2B otherwise.")
@click.option("--language", type=click.Choice(["fr", "nl"]), default=None, help="Default: a language column, else fr.")
@click.option("--creditor", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="The creditor (YAML: the creditor: block of a case file); else the creditor_* columns.")
@click.option("--json", "as_json", is_flag=True, help="Print the import report as JSON.")
@click.option("--show-mapping", is_flag=True, is_eager=True, expose_value=False, callback=_show_mapping,
              help="Print the default column mapping and exit.")
def import_cmd(sources: tuple[Path, ...], out: Path, mapping: Path | None, jurisdiction: str | None, relationship: str | None,
               language: str | None, creditor: Path | None, as_json: bool) -> None:
    """Turn a spreadsheet of unpaid invoices (.csv or .xlsx, one row per invoice), or e-invoices
    (Factur-X PDFs, UBL 2.1 / Peppol BIS and CII XML files, or folders of them), into case files
    grouped by debtor.

    E-invoices: each file is validated against its XSD; a file refused is listed with the XPath
    or business term at fault (exit 2) and the others are imported; an invoice already in the
    portfolio is skipped, an amended one reported as a conflict (exit 1). Importing again is a no-op.

    French-style input is understood (1 234,56 / 1.234,56; dates day first, 02/03/2024 is
    2 March; empty rows; merged cells). Every row that cannot be imported is listed with its line
    number and the reason (exit 2); every case file written validates.

    \b
    Example:
      docgen import invoices.xlsx -o cases/ --creditor creditor.yaml
      docgen import export.csv -o cases/ --mapping map.yaml --relationship B2C
      docgen import invoices/ -o portfolio/
    """
    # lazy: --help must not load the library behind this command
    from .portfolio.importing.run import import_sources

    report = import_sources(list(sources), out, mapping=mapping, jurisdiction=jurisdiction, relationship=relationship,
                             language=language, creditor=creditor)
    if as_json:
        # lazy: --help must not load the library behind this command
        from .model.text import json_for_terminal

        click.echo(json_for_terminal(json.dumps(report.to_dict(), ensure_ascii=False, indent=2)))
    else:
        click.echo(report.text())
    sys.exit(report.exit_code)
