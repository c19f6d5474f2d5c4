"""What the fork server of the batch's workers imports before it forks them: the layout workers'
preparation (WeasyPrint, the fonts, a sample page), then the module that renders the jobs, and
last the freeze of it all (``render/fork_ready.py``).

A module of its own, light to import: the command line starts that server from its first line,
before it loads the batch itself (``cli._start_workers_early``).
"""
from __future__ import annotations

from ...render.workers import preload

PRELOAD = preload("docgen.portfolio.batch.pool")
