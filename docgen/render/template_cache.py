"""Compiled templates kept on disk between runs, as Python keeps ``.pyc`` files.

Jinja compiles a template to Python code on first use: about 90 ms for the injonction, the
décompte and the bordereau with their layouts and macros, in every cold ``docgen`` process. Its
bytecode cache stores the compiled code, keyed by template name and file and checked against a
SHA-1 of the source, so an edited template (a firm's own) is compiled again. The code holds no
case data: it is the template's, run with the case's values as variables.

Where: ``DOCGEN_CACHE_DIR`` if set (empty: no cache), else ``$XDG_CACHE_HOME/docgen`` or
``~/.cache/docgen``, in a subfolder per Python and Jinja version, environment options and
source of the sandbox module. Jinja's cache key covers none of these, yet the sandbox's code
generator writes its guards into the compiled code (``environment.bounded`` around ``~``, the
intercepted operators): code compiled before a change of the sandbox must never run after it.
The folder must be ours and private (0700, not a link): compiled code from a folder others can
write would run as us. Whatever fails (read-only home, full disk, a folder we do not own) only
means compiling as before, never an error.
"""
from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

CACHE_ENV = "DOCGEN_CACHE_DIR"


class QuietBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache, except that a failure to read or write is a cache miss, not an error."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - unreadable, truncated (pickle, marshal): compile again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)                    # a temporary file, then an atomic rename
        except OSError:
            pass


def _root() -> Path | None:
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "docgen" if os.path.isabs(base) else None


def _private_folder(path: Path) -> bool:
    """Make ``path`` (mode 0700) if needed; true only if it is a real folder that we alone can write."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or stat.S_IMODE(info.st_mode) & 0o077:
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def bytecode_cache(environment_class: type, options: dict) -> QuietBytecodeCache | None:
    """The cache for an ``environment_class`` built with ``options`` (its keyword arguments that
    change the compiled code), or None when caching is off or the folder is unusable."""
    root = _root()
    if root is None:
        return None
    try:
        module_source = Path(sys.modules[environment_class.__module__].__file__ or "").read_bytes()
    except (OSError, KeyError):
        return None                       # no source to fingerprint the code generator by: no cache
    described = repr((jinja2.__version__, sys.version_info[:2], environment_class.__qualname__,
                      sorted((k, repr(v)) for k, v in options.items()), hashlib.sha256(module_source).hexdigest()))
    folder = root / f"templates-{hashlib.sha256(described.encode()).hexdigest()[:16]}"
    if not _private_folder(folder):
        return None
    return QuietBytecodeCache(str(folder))
