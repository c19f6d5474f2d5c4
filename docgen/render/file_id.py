"""The PDF file identifier (/ID) of a rendered document, derived from what the document is."""
from __future__ import annotations

import hashlib


def file_identifier(identity: str) -> bytes:
    """32 hexadecimal digits of the SHA-256 of ``identity`` (``engine.pdf_identity``): the same
    document gets the same /ID, so that the same input gives the same bytes."""
    return hashlib.sha256(identity.encode()).hexdigest()[:32].encode()
