"""docgen: French and Belgian debt recovery documents and court-ready dossiers.

The public library surface is re-exported here; heavy parts load on first use.
"""
from __future__ import annotations

from .errors import (CaseValidationError, ComplianceError, DocgenError, LegalDataError,
                     Problem, SigningError, StaleRateTableError)

__version__ = "0.1.0"

__all__ = ["CaseValidationError", "ComplianceError", "DocgenError", "LegalDataError", "Problem",
           "SigningError", "StaleRateTableError", "load_case", "validate", "__version__"]


def load_case(source, *, as_of=None, base_dir=None):  # noqa: ANN001, ANN201
    """Load and validate a case (path, folder or mapping); raise CaseValidationError if invalid."""
    from .model.validate import load_case as _load

    return _load(source, as_of=as_of, base_dir=base_dir)


def validate(source, *, as_of=None, base_dir=None):  # noqa: ANN001, ANN201
    """A ValidationReport (case or None, problems) for a case path, folder or mapping."""
    from .model.validate import validate as _validate

    return _validate(source, as_of=as_of, base_dir=base_dir)
