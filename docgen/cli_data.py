"""The ``--data DIR`` option: legal data overlay folders for one command (imports click only).

The option sets the process-wide overlay set of ``docgen.law.parameters`` for the duration of
the command and restores it afterwards (click closes the context's resources), so commands run
in one process (tests, the batch runner) never leak a firm's overlay into the next one.
"""
from __future__ import annotations

from pathlib import Path

import click


def _use_data(ctx: click.Context, _param: click.Parameter, folders: tuple[Path, ...]) -> None:
    # lazy: --help must not load the library behind this command
    from .law.parameters import overlays

    # None when --data is absent: DOCGEN_DATA applies; otherwise --data replaces it.
    ctx.with_resource(overlays(folders or None))


def data_option():
    return click.option(
        "--data", "data", multiple=True, metavar="DIR", expose_value=False, callback=_use_data,
        type=click.Path(path_type=Path, exists=True, file_okay=False),
        help="Legal data overlay folder (repeatable, later ones win): confirms or adds dated legal values "
             "and statutory texts, each with its source (docs/legal-data.md). Replaces DOCGEN_DATA.")
