"""How a dossier build reports trouble: every failure names the file and the step, never a traceback.

The build runs through pypdf, Pillow, WeasyPrint and the e-mail parser, each failing in its own
way; the wording of what reaches the user is decided here. pypdf also logs warnings about
damaged files instead of raising: they are collected as the dossier's warnings.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Iterator

from ..errors import DocgenError
from .pieces import PieceSpec


def where(spec: PieceSpec) -> str:
    return f"pièce n° {spec.number}, file {spec.relative}"


def fail(spec: PieceSpec, step: str, reason: str) -> DocgenError:
    return DocgenError(f"{where(spec)}: {step}: {reason}")


def reason(exc: BaseException) -> str:
    """The exception's type and the first line of its message: enough to act on, no traceback."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}{': ' + text[:160] if text else ''}"


def failure(what: str, exc: BaseException) -> DocgenError:
    """A rendering or writing step that failed outside docgen's own checks."""
    return DocgenError(f"{what}: {type(exc).__name__}: {str(exc)[:200]}")


class LogSink(logging.Handler):
    """pypdf's warnings about damaged files, kept as the dossier's warnings instead of printed;
    also where the build stands (``phase``, ``where``) for the message of an unforeseen failure."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.where = ""
        self.phase = "starting"
        self.messages: list[str] = []

    def at(self, spec: PieceSpec) -> None:
        self.where = f"pièce n° {spec.number} ({spec.relative})"

    def emit(self, record: logging.LogRecord) -> None:
        text = f"{self.where}: {record.getMessage()}" if self.where else record.getMessage()
        if text not in self.messages and len(self.messages) < 100:
            self.messages.append(text)


@contextmanager
def pypdf_warnings() -> Iterator[LogSink]:
    logger = logging.getLogger("pypdf")
    sink, propagate = LogSink(), logger.propagate
    logger.addHandler(sink)
    logger.propagate = False
    try:
        yield sink
    finally:
        logger.removeHandler(sink)
        logger.propagate = propagate
