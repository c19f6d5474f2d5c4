"""docgen's private cache folder: work a cold process would otherwise redo in every run (compiling
the templates, parsing the bundled legal tables), kept on disk as Python keeps ``.pyc`` files.

Where: ``DOCGEN_CACHE_DIR`` if set (empty: no cache at all), else ``$XDG_CACHE_HOME/docgen`` or
``~/.cache/docgen``. Each user of the cache has a subfolder named after a fingerprint of
everything that shapes what it stores (library versions, docgen's own code that produced it),
so an upgrade never reads what an older version wrote. A subfolder must be ours and private
(0700, not a link): what is read back from it runs or becomes data as us. Whatever fails (a
read-only home, a full disk, a folder we do not own) only means doing the work as before: the
cache never raises.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..atomic import write_bytes

CACHE_ENV = "DOCGEN_CACHE_DIR"


def cache_root() -> Path | None:
    """The cache's root folder, or None when caching is switched off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):              # unset, or relative: ignored, as the XDG spec says
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "docgen" if os.path.isabs(base) else None    # no home folder: no cache


def fingerprint(*parts: object) -> str:
    """A short digest of ``parts`` (their repr; bytes as given) for a subfolder's name."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else repr(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def code_print(module_file: str, *parts: object) -> str:
    """``fingerprint`` of ``parts``, Python's version and the source of the module at
    ``module_file`` (what it stores depends on its code): a new docgen never reads an old entry."""
    try:
        source = Path(module_file).read_bytes()
    except OSError:
        source = b""
    return fingerprint(*parts, sys.version_info[:2], source)


def private_folder(name: str, print_: str) -> Path | None:
    """``<root>/<name>-<print_>``, made (mode 0700) if needed; None when caching is off or the
    folder is not a real folder that we alone can write."""
    root = cache_root()
    if root is None:
        return None
    path = root / f"{name}-{print_}"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or stat.S_IMODE(info.st_mode) & 0o077:
        return None
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return None
    return path


def store(path: Path, data: bytes) -> None:
    """Write ``data`` at ``path`` atomically (a concurrent reader sees the whole entry or none);
    a failure is ignored: the entry is simply missing next time."""
    try:
        write_bytes(path, data)
    except OSError:
        pass


def remembered(name: str, print_: str, key: str, make: Callable[[], Any],
               accept: Callable[[Any], bool] = lambda value: True) -> Any:
    """``make()``, kept pickled as ``key`` in the private subfolder ``name``-``print_``: read back
    when present, readable and accepted by ``accept``, else made and written. What ``make``
    raises is raised, and nothing is kept: a defect is reported every time."""
    folder = private_folder(name, print_)
    entry = folder / key if folder else None
    if entry is not None:
        try:
            value = pickle.loads(entry.read_bytes())  # noqa: S301 - our private folder (see above)
            if accept(value):
                return value
        except Exception:  # noqa: BLE001 - missing or damaged entry: made and written again
            pass
    value = make()
    if entry is not None:
        store(entry, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value
