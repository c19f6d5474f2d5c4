"""Compiled templates kept in docgen's private cache folder (docgen/model/cache.py) between runs.

Jinja compiles a template to Python code on first use: about 90 ms for the injonction, the
décompte and the bordereau with their layouts and macros, in every cold ``docgen`` process. Its
bytecode cache stores the compiled code, keyed by template name and file and checked against a
SHA-1 of the source, so an edited template (a firm's own) is compiled again. The code holds no
case data: it is the template's, run with the case's values as variables.

Jinja's key covers neither the Python and Jinja versions, nor the environment's options, nor
the sandbox, whose code generator writes its guards into the compiled code (``environment.bounded``
around ``~``, the intercepted operators): code compiled before a change of the sandbox must never
run after it. So the subfolder is named after all of these, the sandbox by its module's source.
"""
from __future__ import annotations

import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from ..model.cache import fingerprint, private_folder


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


def bytecode_cache(environment_class: type, options: dict) -> QuietBytecodeCache | None:
    """The cache for an ``environment_class`` built with ``options`` (its keyword arguments that
    change the compiled code), or None when caching is off or the folder is unusable."""
    try:
        module_source = Path(sys.modules[environment_class.__module__].__file__ or "").read_bytes()
    except (OSError, KeyError):
        return None                       # no source to fingerprint the code generator by: no cache
    folder = private_folder("templates", fingerprint(
        jinja2.__version__, sys.version_info[:2], environment_class.__qualname__,
        sorted((k, repr(v)) for k, v in options.items()), module_source))
    return QuietBytecodeCache(str(folder)) if folder is not None else None
