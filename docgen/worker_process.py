"""What every docgen worker process does first: die with the process that started it, and keep
the garbage collector out of the way of page layout.

Shared by the batch's workers (``portfolio/batch/pool.py``) and the dossier's layout workers
(``render/workers.py``).
"""
from __future__ import annotations

import gc
import os
import sys
import threading
import time


def guard_against_orphaning(caller: int) -> None:
    """Make this worker die with ``caller``, the process it works for: its parent, or, for a
    worker that multiprocessing's fork server started, the fork server's client. After a
    ``kill -9`` of the caller a worker would otherwise wait forever for jobs, holding the
    caller's stdout open (a script waiting for EOF hangs). On Linux the kernel sends SIGKILL
    when the worker's parent dies (PR_SET_PDEATHSIG); elsewhere, when the parent died before the
    call, or when the caller is not the parent, a watchdog thread notices that the caller is gone
    or the parent changed. Jobs come back through a pipe: the worker's stdout is not needed."""
    set_parent_death_signal()
    parent = os.getppid()
    if not _running(caller):           # the caller died before the guard was in place
        os._exit(1)
    threading.Thread(target=_watch, args=(caller, parent), name="docgen-parent-watchdog", daemon=True).start()
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass                           # no usable stdout to detach (already closed, or replaced)


def set_parent_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    # lazy: ctypes and signal serve only this Linux call, in a worker process
    import ctypes
    import signal

    pr_set_pdeathsig = 1               # <linux/prctl.h>
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass                           # no prctl (e.g. musl without it): the watchdog remains


def _watch(caller: int, parent: int, every: float = 0.5) -> None:
    while os.getppid() == parent and _running(caller):
        time.sleep(every)
    os._exit(1)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)                # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:            # it exists, under another user
        return True
    return True


def tune_gc_for_layout() -> None:
    """A WeasyPrint layout allocates some 100,000 objects that live until the PDF is written, so
    the default collector (a pass every 700 allocations, each walking every object the process
    holds) spent about 7 % of a reminder's time finding nothing to free. What the warm-up loaded
    (modules, fonts, stylesheet) is frozen out of the collector's sight (in a worker forked from
    the fork server, the server froze it already: ``render/fork_ready.py``; the collection here
    then finds only what the worker made since), and young objects are collected less often.
    Only in worker processes: a library caller's process keeps its own settings."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 50, 1_000)
