"""One document at a time.

FastAPI runs the pages' handlers in a thread pool, so two tabs (or a page and the PDF it
embeds) could render at the same moment. WeasyPrint and the Pango/fontconfig stack under it
are not documented as safe to use from several threads at once, and a local single-user server
gains nothing from parallel renders: every render, dossier build and signature takes this lock.
"""
from __future__ import annotations

import threading

RENDERING = threading.Lock()
