"""Where ``docgen verify`` finds its trust anchors (the root certificates a signer must chain to).

Without an anchor a signature only proves that the file is intact: anyone can make a
certificate with any name. The first of these that names any file wins:
1. ``--trust FILE`` (repeatable);
2. ``$DOCGEN_TRUST``: one path, or several separated by ``os.pathsep`` (``:``, ``;`` on Windows);
3. ``$DOCGEN_CONFIG``: a firm's YAML configuration file whose ``trust:`` list names the files
   (relative paths are relative to the configuration file's folder).

Only the standard library at module level: ``docgen --help`` must stay fast.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import CaseValidationError, DocgenError
from ..model.reading import read_case_file

TRUST_ENV = "DOCGEN_TRUST"
CONFIG_ENV = "DOCGEN_CONFIG"


@dataclass(frozen=True)
class Anchors:
    paths: tuple[Path, ...]
    source: str             # "--trust", "$DOCGEN_TRUST", "$DOCGEN_CONFIG (path)" or "none"

    def read(self) -> list[bytes]:
        blobs = []
        for path in self.paths:
            try:
                blobs.append(path.read_bytes())
            except OSError as exc:
                raise DocgenError(f"cannot read the trust anchor {path} (from {self.source}): "
                                  f"{exc.strerror or exc}") from None
        return blobs


def find_anchors(given: tuple[Path, ...] = (), environ: Mapping[str, str] | None = None) -> Anchors:
    """The trust anchors from the first source that names any; ``Anchors((), "none")`` if none."""
    env = os.environ if environ is None else environ
    if given:
        return Anchors(tuple(given), "--trust")
    listed = [p for p in env.get(TRUST_ENV, "").split(os.pathsep) if p.strip()]
    if listed:
        return Anchors(tuple(_existing(Path(p), f"${TRUST_ENV}") for p in listed), f"${TRUST_ENV}")
    config = env.get(CONFIG_ENV, "").strip()
    if config:
        return _from_config(Path(config))
    return Anchors((), "none")


def _from_config(path: Path) -> Anchors:
    source = f"${CONFIG_ENV} ({path})"
    try:
        # The case reader's guards (size, depth, no aliases or tags, duplicate keys refused).
        data = read_case_file(path)
    except CaseValidationError as exc:
        reason = exc.problems[0].message if exc.problems else exc.message
        raise DocgenError(f"the configuration file {path} (${CONFIG_ENV}) cannot be read: {reason}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DocgenError(f"the configuration file {path} (${CONFIG_ENV}) must be a mapping of settings")
    listed = data.get("trust", [])
    if isinstance(listed, str):
        listed = [listed]
    if not isinstance(listed, list) or not all(isinstance(p, str) and p.strip() for p in listed):
        raise DocgenError(f"the configuration file {path} (${CONFIG_ENV}): trust must be a list "
                          "of certificate file paths")
    folder = path.parent
    return Anchors(tuple(_existing(folder / Path(p).expanduser(), source) for p in listed), source)


def _existing(path: Path, source: str) -> Path:
    if not path.is_file():
        raise DocgenError(f"the trust anchor {path} (from {source}) is not a file")
    return path
