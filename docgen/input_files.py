"""What only a PDF and image reader can tell about the files a case names: would the dossier
accept this pièce, and how many pages has this PDF.

The reader is the dossier's (``docgen.dossier.probe``: pypdf lives in ``docgen.dossier`` only),
but case validation (``model.files``) and the bordereau's page counts (``render.exhibits``)
need it too, and a lower layer never imports a higher one. So they ask this module, and the
package root, which composes the layers, wires the dossier's reader in (``docgen/__init__.py``).
The reader loads on first use: reading a case that names no PDF never loads pypdf.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol


class Reader(Protocol):
    def pdf_problem(self, path: Path) -> str | None: ...

    def image_problem(self, path: Path) -> str | None: ...

    def pdf_pages(self, path: Path) -> int: ...


_factory: Callable[[], Reader] | None = None


def wire(factory: Callable[[], Reader]) -> None:
    """Use ``factory()`` (called on each use; it may import lazily) as the files' reader."""
    global _factory
    _factory = factory


def reader() -> Reader:
    if _factory is None:
        raise RuntimeError("no file reader wired in (docgen/__init__.py does it on import)")
    return _factory()
