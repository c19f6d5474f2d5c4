"""The public library surface: what case-management software, the CLI, the portfolio commands
and the web app call. Everything here is typed, raises the ``DocgenError`` family (never
``sys.exit``, never click), and composes the layers in one direction:
case file -> model -> law -> render -> dossier -> sign -> bundle.

A typical use::
    import docgen
    from datetime import date

    matter = docgen.Matter.load("examples/fr-b2b", date(2026, 10, 15), accept_unconfirmed=True)
    matter.statement.total_due                    # computed once
    matter.review("injonction_de_payer").blocking   # what would make it refused
    with docgen.LayoutWorkers() as workers:     # optional: lay out the documents in parallel
        dossier = matter.dossier("injonction_de_payer", workers=workers)
    setup = docgen.SigningSetup(pkcs12=Path("signer.p12"))
    with docgen.open_signer(setup, ask_secret=lambda prompt: "password") as signer:
        signed = docgen.sign_pdf(dossier.pdf, setup, signer)
    docgen.write_bundle(dossier, Path("out/fr-b2b"), signed=signed, matter=matter)
    docgen.verify(Path("out/fr-b2b/dossier.pdf"), trust=[Path("ca.pem")]).verdict

Heavy libraries (WeasyPrint, pypdf, pyHanko) load only in the functions that need them: the
modules imported here load them lazily.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ComplianceError, DocgenError
from .law.checks import run_checks
from .law.statement import compute_statement
from .matter import Matter, validate
from .model.case import Case
from .render.workers import LayoutWorkers
from .sign.session import SignedPdf, SigningSetup, open_signer, quiet_pyhanko, sign as _sign
from .version import __version__

if TYPE_CHECKING:
    from .bundle.write import BundleResult
    from .dossier.model import Dossier
    from .law.checks import Finding
    from .law.statement import Statement
    from .portfolio.insolvency_scan import InsolvencyScan
    from .sign.verify import VerificationReport

__all__ = ["LayoutWorkers", "Matter", "SignedPdf", "SigningSetup", "agenda", "aging", "batch", "check", "demo_identity",
           "import_invoices",
           "load_case", "spreadsheet_columns", "open_signer", "record_event", "render_document", "sign_dossier", "sign_pdf", "statement",
           "validate",
           "verify", "write_bundle",
           "record_payment", "scan_insolvency"]

# ``docgen.render`` and ``docgen.sign`` are subpackages: the functions are render_document and
# sign_pdf, so that ``docgen.<name>`` never resolves to a module instead of the function.


def load_case(source: str | Path | Mapping, *, as_of: date | None = None,
              base_dir: str | Path | None = None, today: date | None = None) -> Case:
    """The validated Case, or CaseValidationError listing every problem (errors and warnings)."""
    return validate(source, as_of=as_of, base_dir=base_dir, today=today).case_or_raise()


def statement(case: Case, as_of: date, *, assume_last_rate: bool = False) -> "Statement":
    """The décompte of ``case`` on ``as_of`` (docgen.law.statement.Statement)."""

    return compute_statement(case, as_of, assume_last_rate=assume_last_rate)


def check(case: Case, as_of: date) -> list["Finding"]:
    """Compliance findings of the case (docgen.law.checks.Finding), errors first. A document's
    own findings: ``Matter(case, as_of).review(doc).findings``."""

    return run_checks(case, as_of)


def render_document(case: Case, doc: str, as_of: date, fmt: str = "pdf", **kwargs: Any) -> bytes:
    """A document as PDF, DOCX or HTML bytes (see docgen.render.engine.render; ``Matter.render``
    also returns the review it was judged by)."""
    # lazy: `import docgen` and the one-case commands must not load Jinja2, num2words and Babel
    from .render.engine import render as _render


    return _render(case, doc, as_of, fmt, **kwargs)


def sign_pdf(pdf: bytes, setup: SigningSetup, signer: Any, *, signing_time: datetime | None = None) -> SignedPdf:
    """``pdf`` signed (PAdES, certifying the first signature) with a signer from ``open_signer``;
    the result carries the summary the manifest records. Raises SigningError (exit 3)."""

    return _sign(pdf, setup, signer, signing_time=signing_time)


def sign_dossier(dossier: "Dossier", setup: SigningSetup, signer: Any, *,
                 signing_time: datetime | None = None) -> SignedPdf:
    """The dossier's PDF signed, as ``sign_pdf``; a draft (built with ``force`` despite error
    findings) is never signed: ComplianceError (exit 1) naming the findings."""

    if dossier.draft:
        errors = sorted({f.rule_id for r in dossier.reviews for f in r.blocking})
        raise ComplianceError(f"refusing to sign a draft (error findings {', '.join(errors)}): fix the case "
                              "file, then build the dossier again without --force")
    return sign_pdf(dossier.pdf, setup, signer, signing_time=signing_time)


def demo_identity(folder: str | Path, password: str) -> Any:
    """A throw-away self-made CA and signer (``.p12``, ``.ca_pem``) for trying signatures: never
    for real documents (its certificate says « DEMO ONLY »)."""
    # lazy: `import docgen` must not load the verification and certificate stack
    from .sign.demo import make_demo_identity


    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return make_demo_identity(folder, password.encode())


def verify(pdf: str | Path | bytes, *, trust: Iterable[str | Path] | None = None) -> "VerificationReport":
    """The verdict on a signed PDF: ``valid`` (intact, unmodified since signing, every signer
    chains to a trust anchor), ``intact, signer not verified`` (no anchor: ``trust`` empty and
    neither DOCGEN_TRUST nor DOCGEN_CONFIG names one), or ``invalid``; ``.exit_code`` maps it."""
    # lazy: `import docgen` must not load the verification and certificate stack
    from .sign.trust import find_anchors
    from .sign.verify import verify_pdf


    quiet_pyhanko()
    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    anchors = find_anchors(tuple(Path(p) for p in trust or ()))
    return verify_pdf(data, anchors.read() or None)


def write_bundle(dossier: "Dossier", out_dir: str | Path, *, matter: Matter, doc: str | None = None,
                 signed: SignedPdf | None = None, max_file_size: int | None = None,
                 replace: bool = False) -> "BundleResult":
    """Write the dossier's output folder (dossier.pdf signed or not, one PDF per pièce, volumes,
    manifest.json, review.json/review.md, ZIP), whole or not at all; an existing signed dossier is
    replaced only with ``replace``."""
    # lazy: the bundle merges PDFs with pypdf, which only this function of the surface needs
    from .bundle.write import write_bundle as _write_bundle

    main = doc or (dossier.reviews[0].doc if dossier.reviews else "dossier")
    return _write_bundle(dossier, Path(out_dir), reference=matter.case.reference, doc=main, as_of=matter.as_of,
                         pdf=signed.data if signed else dossier.pdf, signature=signed.summary if signed else None,
                         max_file_size=max_file_size, force=replace, version=__version__)


def agenda(folder: str | Path, as_of: date, **kwargs: Any) -> list:
    """Every case of a folder tree: stage, next action and date, overdue first (AgendaItem list)."""
    # lazy: `import docgen` and the one-case commands must not load the portfolio
    from .portfolio.agenda import agenda as _agenda


    return _agenda(folder, as_of, **kwargs)


def batch(folder: str | Path, as_of: date, out: str | Path, **kwargs: Any):  # noqa: ANN201 - a BatchReport
    """Every due document of a portfolio, in parallel and resumable (BatchReport)."""
    # lazy: `import docgen` and the one-case commands must not load the portfolio
    from .portfolio.batch.run import batch as _batch


    return _batch(folder, as_of, out, **kwargs)


def aging(folder: str | Path, as_of: date, **kwargs: Any):  # noqa: ANN201 - an AgingReport
    """Receivables per debtor and age bucket (AgingReport)."""
    # lazy: `import docgen` and the one-case commands must not load the portfolio
    from .portfolio.aging import aging as _aging


    return _aging(folder, as_of, **kwargs)


def import_invoices(source: str | Path, out: str | Path, **kwargs: Any):  # noqa: ANN201 - an ImportReport
    """One case file per debtor from a CSV/XLSX export (ImportReport with the rejected rows)."""
    # lazy: `import docgen` and the one-case commands must not load the portfolio
    from .portfolio.importing.run import import_invoices as _import


    return _import(source, out, **kwargs)


def spreadsheet_columns(source: str | Path, *, mapping: str | Path | None = None) -> dict[str, Any]:
    """What an import of ``source`` (.csv or .xlsx) would read as columns, for a page that lets
    the user map them: ``{"headers": [...], "matched": {field: header}, "fields": [...],
    "required": [...]}``. ``headers`` is the header row ``import_invoices`` would take (with
    ``mapping``, a YAML mapping file), else the first non-empty row; ``matched`` the field each
    recognised header fills. Raises DocgenError when the file cannot be read."""
    # lazy: `import docgen` and the one-case commands must not load the portfolio
    from .portfolio.importing.sheet import REQUIRED, find_header, read_mapping, read_rows
    from .portfolio.importing.values import cell_text


    columns_map, sheet = read_mapping(Path(mapping) if mapping else None)
    rows = read_rows(Path(source), sheet)
    try:
        pos, found = find_header(rows, columns_map)
    except DocgenError:
        pos, found = next((n for n, (_, cells) in enumerate(rows) if any(cell_text(c) for c in cells)), None), {}
    headers = [cell_text(c) for c in rows[pos][1]] if pos is not None else []
    return {"headers": headers, "matched": {name: headers[i] for name, i in found.items() if i < len(headers)},
            "fields": list(columns_map), "required": [*REQUIRED, "debtor_name"]}


def record_event(case: str | Path, event_type: str, **kwargs: Any) -> Path:
    """Append an event to a case file, comments and layout kept, validated before the atomic write."""
    # lazy: `import docgen` and the one-case commands must not load the portfolio
    from .portfolio.record import record_event as _record_event


    return _record_event(case, event_type, **kwargs)


def record_payment(case: str | Path, *, amount: str | Decimal, day: date, invoice: str | None = None,
                   method: str | None = None, reference: str | None = None, **kwargs: Any) -> Path:
    """Append a payment to a case file's ``payments``, comments and layout kept, validated by the
    statement (a payment exceeding everything owed is refused) before the atomic write."""
    # lazy: `import docgen` and the one-case commands must not load the portfolio
    from .portfolio.record import record_payment as _record_payment

    return _record_payment(case, amount=amount, day=day, invoice=invoice, method=method, reference=reference, **kwargs)


def scan_insolvency(export: str | Path, portfolio: str | Path, *, as_of: date, dry_run: bool = False,
                    **kwargs: Any) -> InsolvencyScan:
    """Match a BODACC "procédures collectives" open-data export (DILA's JSON or CSV) against
    the cases under ``portfolio`` by the debtor's SIREN and record the proceedings found in
    each matching case file (kind, court, judgment and publication dates, the mandataire or
    liquidateur when named), comments and layout kept, validated as of ``as_of``, atomic;
    every other file is left byte for byte, and a second run changes nothing. ``dry_run``
    writes nothing. Each item of the result gives the case, the publication, what was done
    (``recorded``, ``completed``, ``converted``, ``unchanged``, ``review``, ``refused``,
    ``other_judgment``)
    and the last day to declare the claim (C. com. R622-24); the agenda then shows it.
    DocgenError for an unreadable export or portfolio (docs/insolvency-scan.md)."""
    # lazy: `import docgen` and the one-case commands must not load the portfolio
    from .portfolio.insolvency_scan import scan_insolvency as _scan

    return _scan(export, portfolio, as_of=as_of, dry_run=dry_run, **kwargs)
