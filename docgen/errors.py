"""One small exception hierarchy; the CLI maps each class to an exit code."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Exit codes, in one place (README "Exit codes"). The error classes below carry theirs.
EXIT_OK = 0
EXIT_FINDINGS = 1             # compliance findings (ComplianceError)
EXIT_BAD_INPUT = 2            # bad input: case file, options, configuration (DocgenError)
EXIT_SIGNATURE = 3            # signing failed, or a signature is invalid (SigningError)
EXIT_SIGNER_NOT_VERIFIED = 4  # docgen verify: intact, but no trust anchor to verify the signer


class DocgenError(Exception):
    """An error a user can act on: ``message`` is shown as is, never a traceback."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Problem:
    """One finding of case-file validation."""

    path: str          # e.g. "invoices[2].due_date"; "" for the file as a whole
    message: str
    severity: str = "error"   # error | warning

    def __str__(self) -> str:
        where = self.path or "(file)"
        return f"{self.severity}: {where}: {self.message}"


class CaseValidationError(DocgenError):
    """The case file is unusable; ``problems`` lists every error (and warning) found."""

    def __init__(self, problems: list[Problem], message: str | None = None):
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(message or f"the case file has {len(errors)} error(s)")


class LegalDataError(DocgenError):
    """A legal parameter table is missing, malformed or does not cover a date."""


class StaleRateTableError(LegalDataError):
    """A rate table ends before the date asked for (``--assume-last-rate`` extends its last value)."""

    def __init__(self, message: str, table: str, last_valid: date):
        super().__init__(message)
        self.table = table
        self.last_valid = last_valid


class ComplianceError(DocgenError):
    """A document would break a rule of law (carries the rule ids)."""

    exit_code = 1


class SigningError(DocgenError):
    """Signing or verification failed: a wrong password, an unusable token, an invalid signature."""

    exit_code = 3
