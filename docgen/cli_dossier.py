"""``docgen dossier``: build, sign (last step) and bundle a court-ready dossier.

Only click and the standard library at module level: WeasyPrint, pypdf and pyHanko load
inside the command.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .cli_sign import open_signer, sign_options, sign_with
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
@click.option("--force", is_flag=True, help="Replace an existing (even signed) dossier in the output folder.")
@click.option("--ignore-compliance", is_flag=True,
              help="Build even when compliance checks forbid the main document (as docgen render --force).")
@sign_options
def dossier(case: Path, as_of: date, doc: str, output: Path, max_file_size: str | None, templates: Path | None,
            pairs: tuple[str, ...], force: bool, ignore_compliance: bool, signing) -> None:  # noqa: ANN001
    """Build the court-ready dossier: cover, main document, décompte, bordereau, stamped pièces
    and proofs of sending, PDF/A-3b, optionally signed (PAdES), with one PDF per pièce,
    manifest.json (SHA-256 of every file) and a ZIP of it all.

    Exit 0 ok, 1 compliance errors, 2 bad input, 3 signing failure.

    \b
    Example:
      docgen dossier examples/fr-b2b --as-of 2026-10-15 --doc mise_en_demeure -o out/dossier
      DOCGEN_SIGN_PASSWORD=... docgen dossier examples/fr-b2b --as-of 2026-10-15 \\
          --doc injonction_de_payer --sign cabinet.p12 --tsa http://tsa.example/tsr -o out/ip
    """
    from . import __version__
    from .api import load_case
    from .bundle import check_output, parse_size, write_bundle
    from .dossier import build_dossier

    limit = parse_size(max_file_size) if max_file_size else None
    loaded = load_case(case, as_of=as_of)
    # Before the work and the password prompt: an unwritable folder or a signed dossier in the
    # way is refused now; what an interrupted run left there is repaired.
    for note in check_output(output, force):
        click.echo(f"note: {note}", err=True)
    with open_signer(signing) as signer:        # a wrong password fails before any work
        built = build_dossier(loaded, doc, as_of, templates=templates,
                              options=parse_options(pairs), force=ignore_compliance)
        pdf, signature = built.pdf, None
        if signing is not None:
            pdf = sign_with(pdf, signing, signer)      # the last step: nothing rewrites the file after
            signature = _signature_summary(pdf, signing)
    result = write_bundle(built, output, reference=loaded.reference, doc=doc, as_of=as_of, pdf=pdf,
                          signature=signature, max_file_size=limit, force=force, version=__version__)
    click.echo(f"wrote {result.folder}/ ({len(result.files)} files, {built.page_count} pages"
               f"{', signed ' + signature['level'] if signature else ', unsigned'})")
    for warning in result.manifest["warnings"]:
        click.echo(f"warning: {warning}", err=True)


def _signature_summary(pdf: bytes, signing) -> dict:  # noqa: ANN001
    from .sign.verify import verify_pdf

    report = verify_pdf(pdf, [p.read_bytes() for p in signing.trust] or None)
    first = report.to_dict()["signatures"][0] if report.to_dict().get("signatures") else {}
    return {"level": signing.level, "signer": first.get("signer"), "signing_time": first.get("signing_time"),
            "timestamp_time": first.get("timestamp_time"), "tsa": signing.tsa_url}
