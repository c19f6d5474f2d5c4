"""A signing key as ``open_signer`` hands it out: checked at once, made into pyHanko's signer later.

Importing pyHanko's signing modules costs about 0.45 s of CPU in a cold process, none of it
avoidable: every signing module imports ``pyhanko.sign.timestamps``, which imports its aiohttp
client whatever the PAdES level (aiohttp alone, building its TLS contexts at import, is about
0.2 s), and aiohttp is a required dependency of pyHanko 0.38 and of pyhanko-certvalidator. What can fail when a PKCS#12 file is opened (a wrong
password, an expired certificate) needs only ``cryptography``, so it is checked at once, and
pyHanko is loaded by ``prepare()``: on the first signature, or earlier by a caller that has a
moment to spare (a dossier build waiting for its layout workers).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any


class OpenedSigner:
    """An opened key: ``prepare()`` returns the pyHanko signer, made once on first call."""

    def __init__(self, make: Callable[[], Any]):
        self._make: Callable[[], Any] | None = make
        self._signer: Any = None

    @classmethod
    def ready(cls, signer: Any) -> "OpenedSigner":
        """A key whose pyHanko signer already exists (a PKCS#11 token needs pyHanko to open)."""
        opened = cls(lambda: signer)
        opened.prepare()
        return opened

    def prepare(self) -> Any:
        """The pyHanko signer (imports pyHanko the first time). Harmless to call again."""
        if self._make is not None:
            self._signer, self._make = self._make(), None
        return self._signer

    @property
    def prepared(self) -> Any:
        """The pyHanko signer if made already, else None (nothing to release then)."""
        return self._signer


def unwrap(signer: Any) -> Any:
    """pyHanko's signer behind ``signer`` (an ``OpenedSigner`` or pyHanko's own, as given)."""
    return signer.prepare() if isinstance(signer, OpenedSigner) else signer
