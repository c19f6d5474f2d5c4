"""The ``docgen`` command group: errors become messages and exit codes here, and the small
commands (init, schema, rates, templates) live here; the commands on one case file are in
``cli_case.py``, the portfolio's in ``cli_portfolio.py``, signing in ``cli_sign.py``, the
dossier in ``cli_dossier.py`` and the web workspace in ``cli_serve.py``.

Exit codes: 0 ok, 1 compliance findings, 2 bad input, 3 signing/verification failure.
Heavy libraries are imported inside the commands that need them, so ``--help`` stays fast.
"""
from __future__ import annotations

import atexit
import errno
import gc
import importlib.util
import json
import sys
from datetime import date
from pathlib import Path

import click

from .atomic import write_text
from .cli_case import check, render, statement, validate
from .cli_data import data_option
from .cli_dossier import dossier
from .cli_errors import describe_os_error, describe_template_error, printable, problem_text
from .cli_insolvency import insolvency
from .cli_portfolio import agenda, aging, batch, import_cmd, record
from .cli_serve import serve
from .cli_sign import demo_key, verify
from .cli_types import ISO_DATE
from .errors import CaseValidationError, DocgenError
from .gc_pause import collector_off_until_exit
from .i18n import _, ngettext, setup_cli
from .render.registry import DOCUMENTS, available, template_roots
from .resources import case_schema_path
from .starter import starter_case

__all__ = ["main", "problem_text"]


class _Group(click.Group):
    """The one place where errors become messages and exit codes, never a traceback: a
    DocgenError exits with its own code; an OS error (read-only folder, full disk, a file where
    a folder should be ...) and a firm template the sandbox refuses are bad input, exit 2, with
    the path or the template and line."""

    def main(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        setup_cli()                 # the language of the messages: LANG / LC_MESSAGES
        atexit.register(gc.freeze)  # see below
        _console_script_not_rerun_in_workers(self)
        given = kwargs.get("args", args[0] if args else None)
        command_args = list(sys.argv[1:] if given is None else given)   # as typed, before click parses them
        _start_workers_early(command_args)
        if command_args[:1] == ["dossier"] and _is_the_docgen_process():
            collector_off_until_exit()       # one case, in a process that ends with it
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


def _console_script_not_rerun_in_workers(group: click.Group) -> None:
    """Run as the ``docgen`` console script, ``__main__`` is a file that multiprocessing runs again
    in every worker process before its first job (that is how a script's own functions reach
    a worker). Ours only imports this module: the command line, click and every command, half a
    second before a dossier's first page is laid out. Declared as ``python -m docgen``, which
    it is, multiprocessing leaves it alone (``docgen/__main__.py`` is never re-run)."""
    main = sys.modules.get("__main__")
    if main is not None and getattr(main, "__spec__", None) is None and getattr(main, "main", None) is group:
        main.__spec__ = importlib.util.find_spec("docgen.__main__")


def _is_the_docgen_process() -> bool:
    """This process is the ``docgen`` command (the console script or ``python -m docgen``), not a
    program or test that calls :func:`main` and goes on after it."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return getattr(spec, "name", None) == "docgen.__main__"


def _start_workers_early(args: list[str]) -> None:
    """``docgen dossier`` lays its documents out in worker processes, and ``docgen batch -j N``
    renders in them; their fork server takes about a second to import WeasyPrint and load the
    fonts. Started here, before click parses the options and the command loads the library, it
    is ready sooner. ``--help``, a batch on one process (or on a Dask cluster) and a machine with
    one core start nothing (the command then decides as it always does)."""
    if not args or "--help" in args or "-h" in args:
        return
    if args[0] == "dossier":
        # lazy: only these commands need workers, and --help must stay light
        from .render.workers import PRELOAD as preload
    elif args[0] == "batch" and _jobs(args[1:]) > 1 and not any(a.startswith("--scheduler") for a in args):
        # lazy: as above (a light module: the batch itself loads later)
        from .portfolio.batch.preload import PRELOAD as preload
    else:
        return
    # lazy: as above
    from .render.workers import start_fork_server, usable_cores

    if usable_cores() > 1:
        start_fork_server(preload)


def _jobs(args: list[str]) -> int:
    """The ``-j``/``--jobs`` value among ``args`` (1 when absent or not a number), read before click
    does: a wrong guess only starts, or does not start, the workers' server early."""
    for position, arg in enumerate(args):
        if arg in ("-j", "--jobs"):
            value = args[position + 1] if position + 1 < len(args) else ""
        elif arg.startswith("--jobs="):
            value = arg[len("--jobs="):]
        elif arg.startswith("-j") and not arg.startswith("--"):
            value = arg[2:]
        else:
            continue
        return int(value) if value.isdigit() else 1
    return 1


# Why gc.freeze at exit: the interpreter's last collection walks every object a command left
# behind (a dossier's pages, fonts and PDF objects: 0.2 s of a 2.4 s run) only to free memory the
# operating system takes back anyway. Frozen, they are skipped; objects are still released by
# reference counting, and every file is closed before the command returns.


def _fail(message: str, code: int, details: list[str] = ()) -> None:  # noqa: B006 - never mutated
    click.echo(_("error: {message}").format(message=printable(_(message))), err=True)
    for line in details:
        click.echo(f"  {printable(line)}", err=True)
    sys.exit(code)


def _default_message(exc: DocgenError) -> str:
    """The message of ``exc``; the invalid case file's usual one in the user's language."""
    if isinstance(exc, CaseValidationError):
        n = sum(1 for p in exc.problems if p.severity == "error")
        if exc.message == f"the case file has {n} error(s)":
            return ngettext("the case file has {n} error", "the case file has {n} errors", n).format(n=n)
    return exc.message


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
    click.echo(case_schema_path().read_text(encoding="utf-8"), nl=False)


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
    # lazy: --help must not load the legal tables (YAML parsing, the law package)
    from .law.parameters import active_overlays, all_parameters
    from .law.rates_report import rates_json, rates_text

    tables = all_parameters()
    click.echo(json.dumps(rates_json(tables, at), ensure_ascii=False, indent=2) if as_json
               else rates_text(tables, at, active_overlays()))


@main.command()
@click.option("--templates", "templates", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Also list the documents of this folder of your own templates.")
def templates(templates: Path | None) -> None:
    """List the documents docgen can render, per jurisdiction and language.

    \b
    Example:
      docgen templates
    """
    rows = available(template_roots(templates))
    by_doc: dict[tuple[str, str], list[str]] = {}
    for jur, doc, lang in rows:
        by_doc.setdefault((jur, doc), []).append(lang)
    for (jur, doc), langs in sorted(by_doc.items()):
        click.echo(f"{jur}  {doc:<22} {', '.join(sorted(langs)):<7} {DOCUMENTS[doc].title_fr}")


# Commands defined in their own modules (each imports only click and docgen's light modules at
# module level); the order here is the order ``--help`` lists them in (alphabetical, by click).
for _command in (validate, statement, check, render, agenda, batch, record, aging, import_cmd, verify, demo_key,
                 dossier, serve, insolvency):
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
