"""The commands on one case file: ``validate``, ``statement``, ``check`` and ``render``.

Each parses its options, asks the library (``docgen.api``, a ``docgen.Matter``) and prints;
nothing is computed here. The library loads inside the commands, so that ``--help`` stays fast.
"""
from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

import click

from .atomic import write_bytes
from .cli_data import data_option
from .cli_errors import printable, problem_text
from .cli_types import as_of_option, parse_options
from .errors import DocgenError
from .i18n import _, ngettext
from .render.registry import document_type

FORMATS = ("pdf", "docx", "html")


@click.command()
@click.argument("case", type=click.Path(path_type=Path))
@as_of_option()
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def validate(case: Path, as_of: date | None, as_json: bool) -> None:
    """Check a case file (or its folder) and list every problem at once.

    Exit 0 when valid (warnings may be printed), 2 when invalid.

    \b
    Example:
      docgen validate examples/fr-b2b/case.yaml --as-of 2026-10-15
    """
    # lazy: --help must not load the library (pydantic, the law and its tables)
    from .api import validate as run

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


@click.command()
@click.argument("case", type=click.Path(path_type=Path))
@as_of_option(required=True)
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
    # lazy: --help must not load the library (pydantic, the law and its tables)
    from .api import Matter, validate as run
    from .render.statement_text import statement_table

    loaded = _future_warnings(run(case, as_of=as_of, today=date.today())).case_or_raise()
    result = Matter(loaded, as_of, assume_last_rate=assume_last_rate).statement
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(statement_table(result, loaded.language))


def _future_warnings(report):  # noqa: ANN001, ANN202 - a ValidationReport, returned
    """Print the warnings about dates after today (a likely typing error) on stderr: commands
    that do not list warnings still show these. Items dated after --as-of are only outside
    the figures of that day."""
    # lazy: --help must not load the model (pydantic)
    from .model.checks import is_future_date

    for problem in report.problems:
        if is_future_date(problem):
            click.echo(printable(problem_text(problem)), err=True)
    return report


@click.command()
@click.argument("case", type=click.Path(path_type=Path))
@as_of_option()
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
    # lazy: --help must not load the library (pydantic, the law and its tables)
    from .api import Matter, validate as validate_case
    from .law.checks import findings_text

    today = date.today()
    day = as_of or today
    loaded = _future_warnings(validate_case(case, as_of=day, today=today)).case_or_raise()
    if doc:
        document_type(doc)
        options = parse_options(pairs)
        matter = Matter(loaded, day, accept_unconfirmed=accept_unconfirmed)
        findings = list(matter.review(doc, options).findings)
    else:
        findings = Matter(loaded, day).findings
    if as_json:
        click.echo(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        click.echo(findings_text(findings))
    sys.exit(1 if any(f.severity == "error" for f in findings) else 0)


@click.command()
@click.argument("doc")
@click.argument("case", type=click.Path(path_type=Path))
@as_of_option(required=True)
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
    # lazy: --help must not load the library (pydantic, Jinja2; WeasyPrint when rendering)
    from .api import Matter, load_case
    from .model.text import file_stem

    options = parse_options(pairs)
    if level is not None:
        options["level"] = str(level)
    if assume_last_rate:
        options["assume_last_rate"] = "1"
    folder, fmt = _output_and_format(output, fmt)
    loaded = load_case(case, as_of=as_of)
    # An --option assume_last_rate=... counts as the flag, as it always did for the statement.
    matter = Matter(loaded, as_of, assume_last_rate=bool(options.get("assume_last_rate")),
                    accept_unconfirmed=accept_unconfirmed, templates=templates)
    rendered = matter.render(doc, fmt, options=options, force=force)
    target = Path(output) if folder is None else folder / f"{file_stem(loaded.reference)}_{doc}.{fmt}"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(target, rendered.data)

    for finding in rendered.review.findings:
        if finding.severity != "info":
            click.echo(f"{_(finding.severity)}: {finding.rule_id}: {finding.message}", err=True)
    click.echo((_("wrote DRAFT {path}") if rendered.draft else _("wrote {path}")).format(path=target))


def _output_and_format(output: str | None, fmt: str | None) -> tuple[Path | None, str]:
    """(the folder to write the default name in, or None for a file name; the format).

    ``-o letter.docx`` means DOCX: the extension decides when --format is not given, and a
    mismatch with --format is refused rather than a PDF silently written under a .docx name.
    """
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
