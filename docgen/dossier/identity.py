"""Everything that would make two builds of the same dossier differ: dates, /ID, the version.

A dossier filed, signed and later rebuilt must come out byte for byte the same, so its dates and
identifiers are decided here only, from the inputs: the dates come from ``as_of`` (or
``SOURCE_DATE_EPOCH``), the identifiers are hashes of what went into the build.
"""
from __future__ import annotations

import hashlib
import json
import os
from datetime import date, datetime, timezone

from ..errors import DocgenError
from ..model.case import Case
from ..version import __version__
from .sources import Prepared


def version() -> str:
    return __version__


def moment(as_of: date) -> datetime:
    """Creation and modification dates: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else as_of."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            return datetime.fromtimestamp(int(raw), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise DocgenError(f"SOURCE_DATE_EPOCH must be a number of seconds, got {raw[:40]!r}") from None
    return datetime(as_of.year, as_of.month, as_of.day, tzinfo=timezone.utc)


def case_json(case: Case) -> bytes:
    return json.dumps(case.model_dump(mode="json"), ensure_ascii=False, indent=2).encode("utf-8")


def document_id(case_json: bytes, doc: str, as_of: date) -> bytes:
    """The first half of /ID: what names the document (case, doc, date), known before anything
    is rendered."""
    canonical = json.dumps(json.loads(case_json), sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(canonical + b"\0" + doc.encode() + b"\0" + as_of.isoformat().encode()).digest()[:16]


def identifiers(first: bytes, prepared: list[Prepared], rendered: list[bytes]) -> tuple[bytes, bytes]:
    """/ID: the first half names the document (``document_id``); the second this build of it
    (the documents as rendered, with their templates and options, the exhibits' bytes, docgen's version)."""
    h = hashlib.sha256(first)
    for data in rendered:
        h.update(hashlib.sha256(data).digest())
    for item in prepared:
        h.update(item.sha256.encode())
    h.update(version().encode())
    return first, h.digest()[:16]


def piece_identifiers(first: bytes, item: Prepared) -> tuple[bytes, bytes]:
    """/ID of a pièce's own file: the first half from the dossier's and the pièce's number, the
    second from the pièce's own inputs (its file's bytes, its reference, docgen's version), so
    that it is known before the dossier's documents are written."""
    spec = item.spec
    return (hashlib.sha256(first + str(spec.number).encode()).digest()[:16],
            hashlib.sha256(first + item.sha256.encode() + spec.ref.encode() + version().encode()).digest()[:16])
