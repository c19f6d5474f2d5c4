"""docgen: French and Belgian debt recovery documents and court-ready dossiers.

The public library surface (``docgen.api``) is re-exported here; heavy parts load on first use.
"""
from __future__ import annotations

from .errors import (CaseValidationError, ComplianceError, DocgenError, LegalDataError,
                     Problem, SigningError, StaleRateTableError)

from . import input_files
from .version import __version__

_API = ("LayoutWorkers", "Matter", "SignedPdf", "SigningSetup", "agenda", "aging", "batch", "check", "demo_identity", "import_invoices",
        "load_case",
        "open_signer", "record_event", "record_payment", "render_document", "scan_insolvency", "sign_dossier",
        "sign_pdf",
        "spreadsheet_columns", "statement", "validate", "verify", "write_bundle")

__all__ = ["CaseValidationError", "ComplianceError", "DocgenError", "LegalDataError", "Problem",
           "SigningError", "StaleRateTableError", "__version__", *_API]


def _dossier_reader():  # noqa: ANN202 - docgen.dossier.probe, an input_files.Reader
    # lazy: `import docgen` and `docgen --help` must not load pypdf, the dossier's PDF reader
    from .dossier import probe

    return probe


# The composition root: the model's file checks and the render's page counts read PDFs through
# the dossier's reader, without importing a higher layer (see docgen/input_files.py).
input_files.wire(_dossier_reader)


def __getattr__(name: str):  # noqa: ANN202 - lazy re-export keeps `import docgen` light
    if name in _API:
        # lazy: the surface loads the whole pipeline, which `import docgen` and --help must not
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
