"""docgen: French and Belgian debt recovery documents and court-ready dossiers.

The public library surface (``docgen.api``) is re-exported here; heavy parts load on first use.
"""
from __future__ import annotations

from .errors import (CaseValidationError, ComplianceError, DocgenError, LegalDataError,
                     Problem, SigningError, StaleRateTableError)

from .version import __version__

_API = ("Matter", "SignedPdf", "SigningSetup", "agenda", "aging", "batch", "check", "demo_identity", "import_invoices",
        "load_case",
        "open_signer", "record_event", "record_payment", "render_document", "sign_dossier", "sign_pdf",
        "spreadsheet_columns", "statement", "validate", "verify", "write_bundle")

__all__ = ["CaseValidationError", "ComplianceError", "DocgenError", "LegalDataError", "Problem",
           "SigningError", "StaleRateTableError", "__version__", *_API]


def __getattr__(name: str):  # noqa: ANN202 - lazy re-export keeps `import docgen` light
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
