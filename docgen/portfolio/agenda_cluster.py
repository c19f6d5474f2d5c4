"""``docgen agenda`` and ``docgen aging`` with ``--scheduler``: the cases spread over a Dask cluster.

The workers are checked as for ``docgen batch`` (``batch.cluster.Cluster``): they must see the
portfolio at the same path (a probe file is written in the portfolio's index folder, and a
case file compared) and run the same docgen, legal data and rendering stack. Cases go in
chunks (one task per case would cost the scheduler more than the case): each task validates
its cases (from the index rows the client sent, or by reading the files) and computes their
lines for the run's as-of date. The client gathers the lines in order and keeps the index.
"""
from __future__ import annotations

import math
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import DocgenError
from .batch.cluster import Cluster, differences, one_line, ready
from .index import CACHE_DIR

CHUNKS_PER_THREAD = 4
MAX_CHUNK = 2000


def _chunk(jobs: list, *, fn: Callable[[Any], Any], context: Any, expected: dict[str, str]) -> dict[str, Any]:
    """On a worker: ``fn`` of every job, once the worker is known to be the same docgen."""
    import socket

    try:
        found = ready(context)
    except Exception as exc:  # noqa: BLE001 - reported by the client
        return {"refused": f"the worker {socket.gethostname()} cannot start ({type(exc).__name__}: {str(exc)[:200]})"}
    diff = differences(expected, found)
    if diff:
        return {"refused": f"the worker {socket.gethostname()} runs another {'; '.join(diff)}"}
    return {"results": [fn(job) for job in jobs]}


def map_on_cluster(address: str, folder: Path, paths: list[Path], jobs: list, fn: Callable[[Any], Any],
                   as_of: Any, relocate: Callable[[Any, Path], Any] | None) -> list:
    """``[fn(job) for job in jobs]`` on the cluster at ``address`` (each job's first item is
    its case file's path, made absolute for the workers; ``relocate`` puts the path as given
    back into each line)."""
    base = folder if folder.is_dir() else folder.parent
    probe_dir = base / CACHE_DIR
    try:
        probe_dir.mkdir(exist_ok=True)
    except OSError as exc:
        raise DocgenError(f"--scheduler needs to write a probe file in {probe_dir} ({exc.strerror or exc}): "
                          "the portfolio must be writable") from None
    try:
        cluster = Cluster(address, folder=base, out=probe_dir, templates=None, as_of=as_of,
                          sample=paths[0] if paths else None)
    except OSError as exc:
        raise DocgenError(f"cannot check the workers of {address}: {exc.strerror or exc}") from None
    try:
        if not jobs:
            return []
        shipped = [(os.path.abspath(job[0]), *job[1:]) for job in jobs]
        size = max(1, min(MAX_CHUNK, math.ceil(len(shipped) / (max(1, cluster.threads) * CHUNKS_PER_THREAD))))
        chunks = [shipped[k:k + size] for k in range(0, len(shipped), size)]
        run_id = secrets.token_hex(6)
        keys = [f"docgen-cases-{run_id}-{k}" for k in range(len(chunks))]    # no case data in the scheduler's logs
        futures = cluster.client.map(_chunk, chunks, fn=fn, context=cluster.context, expected=cluster.expected,
                                     key=keys, pure=False)
        try:
            answers = cluster.client.gather(futures)
        except Exception as exc:  # noqa: BLE001 - KilledWorker, a lost scheduler: one line, no traceback
            raise DocgenError(f"the cluster at {address} could not compute the cases ({one_line(exc)}); "
                              "run the command again, or without --scheduler") from None
    finally:
        cluster.close()
    refused = sorted({a["refused"] for a in answers if "refused" in a})
    if refused:
        raise DocgenError("cannot run on the cluster: " + " | ".join(refused[:3]))
    results = [r for a in answers for r in a["results"]]
    if relocate is None:
        return results
    return [(relocate(line, path), *rest) for (line, *rest), path in zip(results, paths, strict=True)]
