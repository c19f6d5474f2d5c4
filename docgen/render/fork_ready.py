"""The last module the workers' fork server imports, after everything else it preloads: the
server's whole heap frozen out of the garbage collector's sight.

Each worker forked from the server inherits that heap (WeasyPrint, the fonts, the stylesheet,
docgen: some 85,000 objects). Unfrozen, a worker's first step
(``worker_process.tune_gc_for_layout``) walked all of them to collect and freeze them itself:
75 ms of CPU per worker before its first document, writing to (hence copying, page by page)
memory it shares with the server. Frozen here once, in no time, that walk finds only what the
worker made since. No collection comes first: at this point it finds nothing to free (measured:
0 unreachable objects), and would cost 33 ms before the first worker can start.
Nothing else imports this module.
"""
from __future__ import annotations

import gc

gc.freeze()
