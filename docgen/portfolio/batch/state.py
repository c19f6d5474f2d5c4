"""What makes ``docgen batch`` resumable: a fingerprint of each document's inputs and outputs.

``OUT/.docgen-batch.json`` keeps, per document, a fingerprint of its inputs (case file bytes,
hashes of the files it names, the document and its options, as-of date, docgen version,
templates, policy) and the hashes of the files written, so that a rerun skips a document whose
inputs did not change and whose outputs are still there, untouched.
"""
from __future__ import annotations

import hashlib
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from ...atomic import write_text
from ...errors import DocgenError
from ...render.registry import template_roots
from ...version import __version__
from ..scan import parse_case_bytes

STATE_FILE = ".docgen-batch.json"
STATE_VERSION = 1


def templates_fingerprint(templates: Path | None) -> str:
    """Names, sizes and modification times of the templates: cheap, and changed by any edit."""

    h = hashlib.sha256()
    for root in template_roots(templates):
        for path in sorted(root.rglob("*")):
            if path.is_file():
                st = path.stat()
                h.update(f"{path.relative_to(root)}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _file_sha(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def named_files(data: Any) -> list[str]:
    """The files a parsed case file names (invoices' files, events' proofs, exhibits), as
    written there; only relative paths that stay in the case's folder."""
    names: list[str] = []
    if isinstance(data, dict):
        for key, field_name in (("invoices", "file"), ("events", "proof"), ("exhibits", "file")):
            for entry in data.get(key) or []:
                rel = entry.get(field_name) if isinstance(entry, dict) else None
                if isinstance(rel, str) and rel and ".." not in rel and not os.path.isabs(rel):
                    names.append(rel)
    return names


def case_print(raw: bytes, data: Any) -> tuple[str, list[str]]:
    """What a document's fingerprint takes from its case file: the bytes' SHA-256 and the files
    it names. The agenda pass, which read and parsed the file, makes it once."""
    return hashlib.sha256(raw).hexdigest(), named_files(data)


def input_digest(case_path: Path, doc: str, options: dict[str, str], as_of: date, formats: tuple[str, ...],
                 extra: str, case: tuple[str, list[str]] | None = None) -> str:
    """Fingerprint of everything a document is made from (see the module docstring). ``case``:
    the case file's ``case_print``, when its reader made it (else the file is read here)."""
    if case is None:
        raw = case_path.read_bytes()
        try:
            data = parse_case_bytes(raw, case_path)
        except DocgenError:
            data = None
        case = case_print(raw, data)
    case_sha, names = case
    refs = {rel: _file_sha(case_path.parent / rel) for rel in names}
    policy_file = case_path.parent / "policy.yaml"
    blob = json.dumps({"case": case_sha, "files": refs, "doc": doc, "options": options,
                       "as_of": as_of.isoformat(), "version": __version__, "formats": list(formats),
                       "policy": _file_sha(policy_file) if policy_file.exists() else None, "extra": extra},
                      sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def load_state(out: Path) -> dict[str, Any]:
    """The previous run's state; an unreadable or older one only costs rendering everything again."""
    try:
        state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
        if isinstance(state, dict) and state.get("version") == STATE_VERSION and isinstance(state.get("entries"), dict):
            return state
    except (OSError, ValueError):
        pass
    return {"version": STATE_VERSION, "entries": {}}


def outputs_intact(out: Path, outputs: dict[str, str]) -> bool:
    return bool(outputs) and all(_file_sha(out / rel) == sha for rel, sha in outputs.items())


def save_state(out: Path, state: dict[str, Any]) -> None:
    write_text(out / STATE_FILE, json.dumps(state, indent=1, sort_keys=True))
