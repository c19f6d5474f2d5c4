"""The ``docgen`` command: a thin layer over the library.

Exit codes: 0 ok, 1 compliance findings, 2 bad input, 3 signing/verification failure.
Heavy libraries are imported inside the commands that need them, so ``--help`` stays fast.
"""
from __future__ import annotations

import errno
import json
import os
import sys
from datetime import date
from pathlib import Path

import click

from .cli_data import data_option
from .cli_errors import describe_os_error, describe_template_error, printable
from .cli_types import ISO_DATE, parse_options
from .errors import DocgenError

FORMATS = ("pdf", "docx", "html")


def _as_of_option(required: bool = False):
    return click.option("--as-of", "as_of", type=ISO_DATE, required=required,
                        help="The day the figures are computed for (default: today)." if not required
                        else "The day the figures are computed for.")


class _Group(click.Group):
    """The one place where errors become messages and exit codes, never a traceback: a
    DocgenError exits with its own code; an OS error (read-only folder, full disk, a file where
    a folder should be ...) and a firm template the sandbox refuses are bad input, exit 2, with
    the path or the template and line."""

    def main(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        from .i18n import setup_cli

        setup_cli()                 # the language of the messages: LANG / LC_MESSAGES
        return super().main(*args, **kwargs)

    def invoke(self, ctx):  # noqa: ANN001
        try:
            return super().invoke(ctx)
        except DocgenError as exc:
            _fail(_default_message(exc), exc.exit_code, [problem_text(p) for p in getattr(exc, "problems", [])])
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise                      # a closed pipe (docgen ... | head): click ends quietly
            # (jinja2's TemplateNotFound is an OSError too: name the template that includes it)
            _fail(describe_template_error(exc) or describe_os_error(exc), 2)
        except Exception as exc:
            message = describe_template_error(exc)
            if message is None:
                raise                      # a bug: its traceback is what gets it fixed
            _fail(message, 2)


def _fail(message: str, code: int, details: list[str] = ()) -> None:  # noqa: B006 - never mutated
    from .i18n import _

    click.echo(_("error: {message}").format(message=printable(_(message))), err=True)
    for line in details:
        click.echo(f"  {printable(line)}", err=True)
    sys.exit(code)


def _default_message(exc: DocgenError) -> str:
    """The message of ``exc``; the invalid case file's usual one in the user's language."""
    from .errors import CaseValidationError
    from .i18n import ngettext

    if isinstance(exc, CaseValidationError):
        n = sum(1 for p in exc.problems if p.severity == "error")
        if exc.message == f"the case file has {n} error(s)":
            return ngettext("the case file has {n} error", "the case file has {n} errors", n).format(n=n)
    return exc.message


def problem_text(problem) -> str:  # noqa: ANN001 - a Problem
    """« error: path: message » with the severity in the user's language."""
    from .i18n import _

    return f"{_(problem.severity)}: {problem.path or _('(file)')}: {problem.message}"


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="docgen")
def main() -> None:
    """docgen: French and Belgian debt recovery, from the unpaid-invoice file to the signed dossier.

    \b
    Example:
      docgen init --jurisdiction BE --relationship B2C --language nl -o case.yaml
      docgen validate examples/fr-b2b --as-of 2026-10-15
    """


@main.command()
@click.argument("case", type=click.Path(path_type=Path))
@_as_of_option()
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def validate(case: Path, as_of: date | None, as_json: bool) -> None:
    """Check a case file (or its folder) and list every problem at once.

    Exit 0 when valid (warnings may be printed), 2 when invalid.

    \b
    Example:
      docgen validate examples/fr-b2b/case.yaml --as-of 2026-10-15
    """
    from .api import validate as run
    from .i18n import _, ngettext

    today = date.today()
    report = run(case, as_of=as_of or today, today=today)
    if as_json:
        click.echo(json.dumps({
            "valid": report.valid,
            "errors": [{"path": p.path, "message": p.message} for p in report.errors],
            "warnings": [{"path": p.path, "message": p.message} for p in report.warnings],
        }, ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            click.echo(problem_text(problem))
        n = len(report.errors)
        click.echo(_("valid") if report.valid else ngettext("invalid: {n} error", "invalid: {n} errors", n).format(n=n))
    sys.exit(0 if report.valid else 2)


@main.command()
@click.option("--jurisdiction", type=click.Choice(["FR", "BE"]), default="FR", show_default=True)
@click.option("--relationship", type=click.Choice(["B2B", "B2C"]), default="B2B", show_default=True)
@click.option("--language", type=click.Choice(["fr", "nl"]), default=None,
              help="Language of the documents (nl only for BE; default fr).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("case.yaml"),
              show_default=True, help="Where to write the starter case file.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(jurisdiction: str, relationship: str, language: str | None, output: Path, force: bool) -> None:
    """Write a commented starter case file to fill in.

    \b
    Example:
      docgen init --jurisdiction BE --relationship B2C --language nl -o dossier-42/case.yaml
    """
    from .atomic import write_text
    from .i18n import _
    from .starter import starter_case

    text = starter_case(jurisdiction, relationship, language or "fr")
    if output.exists() and not force:
        raise DocgenError(_("{path} already exists (use --force to overwrite it)").format(path=output))
    output.parent.mkdir(parents=True, exist_ok=True)
    write_text(output, text)
    click.echo(_("wrote {path}").format(path=output))


@main.command()
def schema() -> None:
    """Print the JSON Schema (2020-12) of the case file.

    \b
    Example:
      docgen schema > case.schema.json
    """
    from .resources import case_schema_path

    click.echo(case_schema_path().read_text(encoding="utf-8"), nl=False)


@main.command()
@click.argument("case", type=click.Path(path_type=Path))
@_as_of_option(required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the statement as JSON (stable keys).")
@click.option("--assume-last-rate", is_flag=True,
              help="Use the last known rate past the end of a rate table (the statement says so).")
@data_option()
def statement(case: Path, as_of: date, as_json: bool, assume_last_rate: bool) -> None:
    """Compute what is owed on a day: principal, interest line by line, indemnities.

    \b
    Example:
      docgen statement examples/fr-b2b --as-of 2026-10-15
      docgen statement examples/be-b2c --as-of 2026-10-15 --json
    """
    from .law.statement import compute_statement
    from .api import validate as run

    loaded = _future_warnings(run(case, as_of=as_of, today=date.today())).case_or_raise()
    result = compute_statement(loaded, as_of, assume_last_rate=assume_last_rate)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        from .render.statement_text import statement_table

        click.echo(statement_table(result, loaded.language))


def _future_warnings(report):  # noqa: ANN001, ANN202 - a ValidationReport, returned
    """Print the warnings about dates after today (a likely typing error) on stderr: commands
    that do not list warnings still show these. Items dated after --as-of are only outside
    the figures of that day."""
    from .model.checks import is_future_date

    for problem in report.problems:
        if is_future_date(problem):
            click.echo(printable(problem_text(problem)), err=True)
    return report


@main.command()
@click.option("--at", "at", type=ISO_DATE, default=None, help="Show only the value in force on this day.")
@click.option("--json", "as_json", is_flag=True, help="Print the tables as JSON.")
@data_option()
def rates(at: date | None, as_json: bool) -> None:
    """List the effective legal parameter tables (rates, fixed amounts, delays): each value with
    its source and origin (docgen, or the overlay file of --data / DOCGEN_DATA).

    \b
    Example:
      docgen rates --at 2025-03-01
      docgen rates --data ~/cabinet/legal-data
    """
    from .law.parameters import active_overlays, all_parameters
    from .law.rates_report import rates_json, rates_text

    tables = all_parameters()
    click.echo(json.dumps(rates_json(tables, at), ensure_ascii=False, indent=2) if as_json
               else rates_text(tables, at, active_overlays()))


@main.command()
@click.argument("doc")
@click.argument("case", type=click.Path(path_type=Path))
@_as_of_option(required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="pdf, docx or html (default: from the extension of -o, else pdf).")
@click.option("-o", "--output", type=click.Path(), default=None,
              help="Output file, or an existing folder (or one ending in /) to write "
                   "<reference>_<doc>.<format> in (default: the current folder).")
@click.option("--templates", "templates", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="A folder of your own templates overriding the bundled ones (same layout).")
@click.option("--level", type=click.IntRange(1, 2), default=None, help="Reminder level (relance): 1 or 2.")
@click.option("--option", "pairs", multiple=True, metavar="KEY=VALUE",
              help="Document option, e.g. tracking_number=1A234, days=15, channel=email, part=sommation.")
@click.option("--force", is_flag=True,
              help="Render a draft even when error findings forbid the document: every page is marked "
                   "PROJET / ONTWERP, and a draft is never signed.")
@click.option("--accept-unconfirmed", is_flag=True,
              help="Use legal data flagged unconfirmed (recorded as a warning finding) instead of refusing.")
@click.option("--assume-last-rate", is_flag=True, help="Use the last known rate past the end of a rate table.")
@data_option()
def render(doc: str, case: Path, as_of: date, fmt: str | None, output: str | None, templates: Path | None,
           level: int | None, pairs: tuple[str, ...], force: bool, accept_unconfirmed: bool,
           assume_last_rate: bool) -> None:
    """Render a document of a case as PDF (to send or file) or DOCX (editable draft).

    DOC is one of: relance, mise_en_demeure, plan_apurement, injonction_de_payer,
    bordereau_de_pieces, decompte. Exit 1 when compliance checks forbid the document.

    \b
    Example:
      docgen render mise_en_demeure examples/fr-b2b --as-of 2026-10-15 -o mise_en_demeure.pdf
      docgen render relance examples/be-b2c --as-of 2026-10-15 --level 1 -o out/relance.docx
    """
    from .atomic import write_bytes
    from .api import load_case
    from .render.engine import render_document

    options = parse_options(pairs)
    if level is not None:
        options["level"] = str(level)
    if assume_last_rate:
        options["assume_last_rate"] = "1"
    folder, fmt = _output_and_format(output, fmt)
    loaded = load_case(case, as_of=as_of)
    rendered = render_document(loaded, doc, as_of, fmt, templates=templates, options=options, force=force,
                               accept_unconfirmed=accept_unconfirmed)
    target = Path(output) if folder is None else folder / f"{_safe(loaded.reference)}_{doc}.{fmt}"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(target, rendered.data)
    from .i18n import _

    for finding in rendered.review.findings:
        if finding.severity != "info":
            click.echo(f"{_(finding.severity)}: {finding.rule_id}: {finding.message}", err=True)
    click.echo((_("wrote DRAFT {path}") if rendered.draft else _("wrote {path}")).format(path=target))


def _output_and_format(output: str | None, fmt: str | None) -> tuple[Path | None, str]:
    """(the folder to write the default name in, or None for a file name; the format).

    ``-o letter.docx`` means DOCX: the extension decides when --format is not given, and a
    mismatch with --format is refused rather than a PDF silently written under a .docx name.
    """
    from .i18n import _

    if output is None or output.endswith(("/", os.sep)) or Path(output).is_dir():
        return Path(output or "."), fmt or "pdf"
    suffix = Path(output).suffix.lower().lstrip(".")
    if fmt is None:
        if suffix in FORMATS:
            return None, suffix
        if suffix:
            raise DocgenError(_("cannot tell the format from the extension of {path} (.pdf, .docx or .html); "
                                "give --format").format(path=output))
        return None, "pdf"
    if suffix in FORMATS and suffix != fmt:
        raise DocgenError(_("--format {format} does not match the extension of {path}").format(format=fmt, path=output))
    return None, fmt


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text)[:80]


@main.command()
@click.option("--templates", "templates", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Also list the documents of this folder of your own templates.")
def templates(templates: Path | None) -> None:
    """List the documents docgen can render, per jurisdiction and language.

    \b
    Example:
      docgen templates
    """
    from .render.registry import DOCUMENTS, available, template_roots

    rows = available(template_roots(templates))
    by_doc: dict[tuple[str, str], list[str]] = {}
    for jur, doc, lang in rows:
        by_doc.setdefault((jur, doc), []).append(lang)
    for (jur, doc), langs in sorted(by_doc.items()):
        click.echo(f"{jur}  {doc:<22} {', '.join(sorted(langs)):<7} {DOCUMENTS[doc].title_fr}")


@main.command()
@click.argument("case", type=click.Path(path_type=Path))
@_as_of_option()
@click.option("--json", "as_json", is_flag=True,
              help="Print the findings as a JSON list of {rule_id, severity, basis, message, path}.")
@data_option()
@click.option("--doc", "doc", default=None, metavar="DOC",
              help="Also the findings of this document (what render/dossier would refuse it for) and the "
                   "decisions it prints.")
@click.option("--option", "pairs", multiple=True, metavar="KEY=VALUE", help="Document option (with --doc).")
@click.option("--accept-unconfirmed", is_flag=True, help="With --doc: accept legal data flagged unconfirmed.")
def check(case: Path, as_of: date | None, as_json: bool, doc: str | None, pairs: tuple[str, ...],
          accept_unconfirmed: bool) -> None:
    """Check a case against the recovery rules of its jurisdiction: fees charged to consumers,
    contractual rates, payment terms, prescription, conditions of the intended procedure.

    Exit 0 when no finding is an error (warnings and infos may be printed), 1 when at least one
    is, 2 when the case file is invalid.

    \b
    Example:
      docgen check examples/be-b2c --as-of 2026-10-15
      docgen check case.yaml --json
      docgen check examples/fr-b2b --as-of 2026-10-15 --doc injonction_de_payer
    """
    from .law.checks import findings_text, run_checks
    from .api import validate as validate_case

    today = date.today()
    day = as_of or today
    loaded = _future_warnings(validate_case(case, as_of=day, today=today)).case_or_raise()
    if doc:
        from .law.statement import compute_statement
        from .render.registry import document_type
        from .render.review import review_document

        document_type(doc)
        options = parse_options(pairs)
        statement = compute_statement(loaded, day, assume_last_rate=True)
        findings = list(review_document(loaded, doc, day, statement, options,
                                        accept_unconfirmed=accept_unconfirmed).findings)
    else:
        findings = run_checks(loaded, day)
    if as_json:
        click.echo(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        click.echo(findings_text(findings))
    sys.exit(1 if any(f.severity == "error" for f in findings) else 0)


# Commands defined in their own modules (each imports only click at module level).
# -- registered commands (one line each) --
from .cli_portfolio import agenda, aging, batch, import_cmd, record  # noqa: E402
main.add_command(agenda)
main.add_command(batch)
main.add_command(record)
main.add_command(aging)
main.add_command(import_cmd)
from .cli_sign import demo_key, verify  # noqa: E402
main.add_command(verify)
main.add_command(demo_key)
from .cli_dossier import dossier  # noqa: E402
main.add_command(dossier)
from .cli_serve import serve  # noqa: E402
main.add_command(serve)
from .cli_insolvency import insolvency  # noqa: E402
main.add_command(insolvency)


if __name__ == "__main__":  # pragma: no cover
    main()
