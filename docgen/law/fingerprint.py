"""The legal data in effect, by content: docgen's rate tables, the overlays laid over them and
every statute file. Two processes with the same fingerprint decide the same law (a cluster's
workers are checked against it; the portfolio index is emptied when it changes)."""
from __future__ import annotations

import hashlib
from importlib.resources import files
from pathlib import Path
from typing import Any

from .parameters import active_overlays, all_parameters


def hash_files(h: Any, root: Path, pattern: str) -> None:
    for path in sorted(p for p in root.rglob(pattern) if p.is_file()):
        h.update(f"{path.relative_to(root)}\0".encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())


def legal_data_fingerprint() -> str:
    """Every rate table in effect (docgen's and the overlays', by content) and every statute file."""
    h = hashlib.sha256()
    for name, table in all_parameters().items():
        h.update(f"{name}={table.sha256}\n".encode())
    shipped = Path(str(files("docgen") / "data" / "statutes"))
    for root in (shipped, *(Path(p) / "statutes" for p in active_overlays())):
        h.update(f"[{root.name}]\n".encode())
        if root.is_dir():
            hash_files(h, root, "*.yaml")
    return h.hexdigest()[:16]
