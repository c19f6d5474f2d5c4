"""One document at a time.

FastAPI runs the pages' handlers in a thread pool, so two tabs (or a page and the PDF it
embeds) could render at the same moment. WeasyPrint and the Pango/fontconfig stack under it
are not documented as safe to use from several threads at once, and a local single-user server
gains nothing from parallel renders: every render, dossier build and signature takes this lock.
"""
from __future__ import annotations

import threading
from pathlib import Path

from ..render.workers import LayoutWorkers, usable_cores

RENDERING = threading.Lock()

_WORKERS: dict[Path | None, LayoutWorkers] = {}
_STARTING = threading.Lock()


def layout_workers(templates: Path | None) -> LayoutWorkers | None:
    """The server's layout workers for ``templates``: started with its first dossier, kept for its
    life (a dossier's documents are then laid out at once, in processes of their own, which the
    lock above does not concern); None on a single core, where they would gain nothing."""
    if usable_cores() < 2:
        return None
    with _STARTING:
        if templates not in _WORKERS:
            _WORKERS[templates] = LayoutWorkers(templates=templates)
        return _WORKERS[templates]
