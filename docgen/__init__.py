"""docgen: French and Belgian debt recovery documents and court-ready dossiers.

The public library surface (``docgen.api``) is re-exported here; heavy parts load on first use.
"""
from __future__ import annotations

from .errors import (CaseValidationError, ComplianceError, DocgenError, LegalDataError,
                     Problem, SigningError, StaleRateTableError)

__version__ = "0.1.0"

__all__ = ["CaseValidationError", "ComplianceError", "DocgenError", "LegalDataError", "Problem",
           "SigningError", "StaleRateTableError", "check", "load_case", "render", "statement",
           "validate", "__version__"]


def __getattr__(name: str):  # noqa: ANN202 - lazy re-export keeps `import docgen` light
    if name in ("check", "load_case", "render", "statement", "validate"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
