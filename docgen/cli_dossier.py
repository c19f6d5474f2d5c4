"""``docgen dossier``: build, sign (last step) and bundle a court-ready dossier.

Only click and the standard library at module level: WeasyPrint, pypdf and pyHanko load
inside the command.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .cli_data import data_option
from .cli_sign import open_signer, sign_now, sign_options
from .cli_types import ISO_DATE, parse_options


@click.command()
@click.argument("case", type=click.Path(path_type=Path))
@click.option("--as-of", "as_of", type=ISO_DATE, required=True, help="The day the figures are computed for.")
@click.option("--doc", type=click.Choice(["mise_en_demeure", "injonction_de_payer"]), required=True,
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
    from . import __version__
    from .api import load_case
    from .bundle import parse_size, write_bundle
    from .dossier import build_dossier
    from .errors import ComplianceError

    limit = parse_size(max_file_size) if max_file_size else None
    loaded = load_case(case, as_of=as_of)
    with open_signer(signing) as signer:        # a wrong password fails before any work
        built = build_dossier(loaded, doc, as_of, templates=templates, options=parse_options(pairs), force=force,
                              accept_unconfirmed=accept_unconfirmed)
        pdf, signature = built.pdf, None
        if signing is not None and built.draft:
            errors = sorted({f.rule_id for r in built.reviews for f in r.blocking})
            raise ComplianceError(f"refusing to sign a draft (error findings {', '.join(errors)}): fix the case "
                                  "file, then build the dossier again without --force")
        if signing is not None:
            signed = sign_now(pdf, signing, signer)    # the last step: nothing rewrites the file after
            pdf, signature = signed.data, signed.summary
    result = write_bundle(built, output, reference=loaded.reference, doc=doc, as_of=as_of, pdf=pdf,
                          signature=signature, max_file_size=limit, force=replace, version=__version__)
    click.echo(f"wrote {'DRAFT ' if built.draft else ''}{result.folder}/ ({len(result.files)} files, "
               f"{built.page_count} pages{', signed ' + signature['level'] if signature else ', unsigned'})")
    for warning in result.manifest["warnings"]:
        click.echo(f"warning: {warning}", err=True)
