"""``docgen dossier``: build, sign (last step) and bundle a court-ready dossier.

Only click and the standard library at module level: WeasyPrint, pypdf and pyHanko load
inside the command.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .cli_data import data_option
from .cli_sign import open_signer, sign_options
from .cli_types import ISO_DATE, parse_options


@click.command()
@click.argument("case", type=click.Path(path_type=Path))
@click.option("--as-of", "as_of", type=ISO_DATE, required=True, help="The day the figures are computed for.")
@click.option("--doc", type=click.Choice(["mise_en_demeure", "injonction_de_payer", "requete_petites_creances",
                                         "requete_l126", "instruction_huissier"]), required=True,
              help="The main document of the dossier.")
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Output folder (written whole at the end, or not at all).")
@click.option("--max-file-size", default=None, metavar="SIZE",
              help="Split the pièces into volumes under this size (e.g. 4MB) for e-filing limits.")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="A folder of your own templates overriding the bundled ones.")
@click.option("--option", "pairs", multiple=True, metavar="KEY=VALUE", help="Document option (see docgen render).")
@click.option("--replace", is_flag=True, help="Replace an existing (even signed) dossier in the output folder.")
@click.option("--force", "--ignore-compliance", "force", is_flag=True,
              help="Build a draft even when error findings forbid a document: every page is marked PROJET / "
                   "ONTWERP, and a draft is never signed.")
@click.option("--accept-unconfirmed", is_flag=True,
              help="Use legal data flagged unconfirmed (recorded in manifest.json and review.json) instead of refusing.")
@data_option()
@sign_options
def dossier(case: Path, as_of: date, doc: str, output: Path, max_file_size: str | None, templates: Path | None,
            pairs: tuple[str, ...], replace: bool, force: bool, accept_unconfirmed: bool,
            signing) -> None:  # noqa: ANN001
    """Build the court-ready dossier: cover, main document, décompte, bordereau, stamped pièces
    and proofs of sending, PDF/A-3b, optionally signed (PAdES), with one PDF per pièce,
    manifest.json (SHA-256 of every file) and a ZIP of it all.

    Exit 0 ok, 1 error findings (nothing written; the message names each rule and the field to
    fill), 2 bad input, 3 signing failure. The output folder also holds review.json and review.md:
    every finding and every decision the documents print.

    \b
    Example:
      docgen dossier examples/fr-b2b --as-of 2026-10-15 --doc mise_en_demeure -o out/dossier
      DOCGEN_SIGN_PASSWORD=... docgen dossier examples/fr-b2b --as-of 2026-10-15 \\
          --doc injonction_de_payer --sign cabinet.p12 --tsa http://tsa.example/tsr -o out/ip
    """
    from contextlib import nullcontext
    from datetime import datetime, timezone

    # lazy: --help must not load the library behind this command. The layout workers come first:
    # their start (WeasyPrint's import) overlaps the library's import and the case's loading.
    from .render.workers import LayoutWorkers, usable_cores

    with LayoutWorkers(templates=templates) if usable_cores() > 1 else nullcontext() as workers:
        # lazy: as above
        from . import api
        from .bundle import check_output, parse_size

        limit = parse_size(max_file_size) if max_file_size else None
        matter = api.Matter.load(case, as_of, accept_unconfirmed=accept_unconfirmed, templates=templates)
        # Before the work and the password prompt: an unwritable folder or a signed dossier in the
        # way is refused now; what an interrupted run left there is repaired.
        for note in check_output(output, replace):
            click.echo(f"note: {note}", err=True)
        with open_signer(signing) as signer:        # a wrong password fails before any work
            # while the workers lay out, this process loads the signing library (pyHanko)
            built = matter.dossier(doc, options=parse_options(pairs), force=force, workers=workers,
                                   meanwhile=signer.prepare if signer is not None else None)
            # the last step: nothing rewrites the file after; a draft is never signed
            signed = (api.sign_dossier(built, signing, signer, signing_time=datetime.now(timezone.utc))
                      if signing is not None else None)
    result = api.write_bundle(built, output, matter=matter, doc=doc, signed=signed, max_file_size=limit,
                              replace=replace)
    click.echo(f"wrote {'DRAFT ' if built.draft else ''}{result.folder}/ ({len(result.files)} files, "
               f"{built.page_count} pages{', signed ' + signed.summary['level'] if signed else ', unsigned'})")
    for warning in result.manifest["warnings"]:
        click.echo(f"warning: {warning}", err=True)
