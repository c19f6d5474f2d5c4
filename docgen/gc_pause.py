"""Python's cyclic garbage collector paused while docgen builds a dossier.

A dossier build allocates a few hundred thousand objects (pypdf's object graphs of the pièces and
the dossier, the documents' context) that stay alive until it ends. The collector, which runs
every 700 allocations, walks them again and again and frees almost nothing:

- in a cold ``docgen dossier``, 160–190 ms of the command's 1.5 s of CPU (imports included);
- in a warm caller, a pass over the young objects every few milliseconds, and every other
  dossier a full pass over the caller's whole heap (90–130 ms for a small caller; more for a
  bigger one).

Paused for the build, the collector finds the build's garbage on its next pass, in one walk over
young objects, and what survives is too little to call for a full pass. Reference counting
still frees everything that is not part of a cycle as usual.

The collector is process-wide: nested or concurrent pauses (threads) keep it off until the last
one ends, and it is switched back on only if it was on when the first began. A caller that turned
it off stays in charge of it.

A process that builds one dossier and ends (the ``docgen dossier`` command) turns it off for
good instead (:func:`collector_off_until_exit`): switched back on, it would walk everything once
more just before the process ends.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (see the module's docstring)."""
    global _depth, _was_enabled  # noqa: PLW0603 - one collector per process, one pause count
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def collector_off_until_exit() -> None:
    """No cyclic garbage collection for the rest of this process: for a process that ends with
    its one dossier (the imports, the build, the signature and the bundle: 160-190 ms saved)."""
    gc.disable()
