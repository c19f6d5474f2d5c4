"""Writing the bundle folder, all or nothing.

Everything is written into a temporary sibling folder and moved into place at the end, so a
failure (a corrupt exhibit, a wrong key password, an unreachable timestamp server) never
leaves half a bundle; an existing signed dossier is never replaced without ``force``. A run
killed half-way is repaired by the next one (``replace``).
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..dossier.volumes import merge_with_outline
from ..errors import DocgenError
from ..law.parameters import active_overlays, all_parameters
from ..model.text import file_slug
from .replace import folder_lock, make_staging, recover, replace
from .review import review_files

DOSSIER_NAME = "dossier.pdf"
MANIFEST_NAME = "manifest.json"
_SIZE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([KMG]?)i?B?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class BundleResult:
    folder: Path
    files: list[str]
    zip_name: str
    manifest: dict


def parse_size(text: str) -> int:
    """'4MB', '500 KB', '4MiB' or a byte count -> bytes (decimal and binary units alike: 1 MB = 1024 KB,
    the cautious reading for an upload limit)."""
    match = _SIZE.match(text)
    if not match:
        raise DocgenError(f"not a file size: {text!r} (e.g. 4MB, 500KB)")
    number, unit = float(match.group(1)), match.group(2).upper()  # ok: a file size
    return int(number * {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}[unit])


def _is_signed_dossier(folder: Path) -> bool:
    manifest = folder / MANIFEST_NAME
    if manifest.is_file():
        try:
            return bool(json.loads(manifest.read_text(encoding="utf-8")).get("signature"))
        except (OSError, ValueError):
            pass
    dossier = folder / DOSSIER_NAME
    return dossier.is_file() and b"/ByteRange" in dossier.read_bytes()


def _volumes(pieces: list, limit: int) -> tuple[list[list], list[str]]:
    """Consecutive pièces grouped so that each volume stays under ``limit`` bytes."""
    volumes: list[list] = [[]]
    size, warnings = 0, []
    for piece in pieces:
        if len(piece.pdf) > limit:
            warnings.append(f"pièce {piece.number} alone is {len(piece.pdf)} bytes, over the {limit}-byte limit")
        if volumes[-1] and size + len(piece.pdf) > limit:
            volumes.append([])
            size = 0
        volumes[-1].append(piece)
        size += len(piece.pdf)
    return [v for v in volumes if v], warnings


def _merge(pieces: list) -> bytes:
    return merge_with_outline([(piece.pdf, piece.title) for piece in pieces])


# Stored as they are, not deflated: their streams are compressed already. Deflating a dossier's
# PDFs took a tenth of its whole build (zlib is slowest on data it cannot compress) to save a
# sixth of their size, all of it in the PDF syntax around the streams, and less with scans.
STORED_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png", ".zip")


def _zip(folder: Path, names: list[str], as_of: date) -> bytes:
    """Byte-stable ZIP: sorted entries, timestamps from the as-of date, fixed permissions; the
    text files deflated, the PDFs and images stored."""
    stamp = (max(as_of.year, 1980), as_of.month, as_of.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(names):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = (zipfile.ZIP_STORED if name.lower().endswith(STORED_SUFFIXES)
                                  else zipfile.ZIP_DEFLATED)
            zf.writestr(info, (folder / name).read_bytes())
    return out.getvalue()


def check_output(out_dir: Path, force: bool = False) -> list[str]:
    """Before any work: repair what an interrupted run left next to ``out_dir``, refuse to
    replace a signed dossier without ``force``, and make sure the folder can be written.
    Returns notes on what was repaired."""
    out_dir = Path(out_dir)
    _make_parent(out_dir)
    with folder_lock(out_dir.parent):
        notes = recover(out_dir)
        _refuse(out_dir, force)
        _probe(out_dir)
    return notes


def _make_parent(out_dir: Path) -> None:
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DocgenError(f"cannot create the folder {out_dir.parent}: {exc.strerror or exc}") from None
    if not out_dir.parent.is_dir():
        raise DocgenError(f"cannot create the folder {out_dir.parent}: a file has that name")


def _refuse(out_dir: Path, force: bool) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise DocgenError(f"{out_dir} exists and is not a folder")
    if out_dir.is_dir() and _is_signed_dossier(out_dir) and not force:
        raise DocgenError(f"{out_dir} already holds a signed dossier; use --replace to replace it")


def _probe(out_dir: Path) -> None:
    """The staging folder and the renames need a writable parent folder: try it now, not after
    minutes of rendering and a signature."""
    try:
        os.rmdir(tempfile.mkdtemp(prefix=f".{out_dir.name}.docgen-probe-", dir=out_dir.parent))
    except OSError as exc:
        raise DocgenError(f"cannot write in {out_dir.parent}: {exc.strerror or exc}") from None


def write_bundle(dossier, out_dir: Path, *, reference: str, doc: str, as_of: date, pdf: bytes,
                 signature: dict | None = None, max_file_size: int | None = None, force: bool = False,
                 version: str = "") -> BundleResult:
    """Write ``out_dir``: the dossier (``pdf``: signed or not), each pièce, volumes, manifest, ZIP."""
    out_dir = Path(out_dir)
    _make_parent(out_dir)
    with folder_lock(out_dir.parent):
        recover(out_dir)
        _refuse(out_dir, force)
        tmp = make_staging(out_dir)
        try:
            result = _fill(tmp, dossier, out_dir, reference=reference, doc=doc, as_of=as_of, pdf=pdf,
                           signature=signature, max_file_size=max_file_size, version=version)
            replace(tmp, out_dir)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return result


def _fill(tmp: Path, dossier, out_dir: Path, *, reference: str, doc: str, as_of: date, pdf: bytes,
          signature: dict | None, max_file_size: int | None, version: str) -> BundleResult:
    files: dict[str, bytes] = {DOSSIER_NAME: pdf}
    for piece in dossier.pieces:
        files[piece.file_name] = piece.pdf
    volume_warnings: list[str] = []
    if max_file_size:
        volumes, volume_warnings = _volumes(dossier.pieces, max_file_size)
        if len(volumes) > 1:
            for k, group in enumerate(volumes, 1):
                files[f"Pieces_Volume_{k:02d}_{group[0].number}-{group[-1].number}.pdf"] = _merge(group)
        if len(pdf) > max_file_size:
            volume_warnings.append(f"the dossier itself is {len(pdf)} bytes, over the limit: "
                                   "file the volumes and the main document separately")
    if getattr(dossier, "reviews", None):
        files.update(review_files(dossier.reviews, reference=reference, doc=doc, as_of=as_of.isoformat()))
    for name, data in files.items():
        _write(tmp / name, out_dir / name, data)
    manifest = {
        "docgen_version": version, "reference": reference, "document": doc, "as_of": as_of.isoformat(),
        "dossier": DOSSIER_NAME, "signature": signature,
        "rate_tables": {name: table.version() for name, table in all_parameters().items()},
        "files": [{"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                  for name, data in sorted(files.items())],
        "content": dossier.manifest(),
        "warnings": list(dossier.warnings) + volume_warnings,
        "draft": bool(getattr(dossier, "draft", False)),
        "accept_unconfirmed": any(r.accept_unconfirmed for r in getattr(dossier, "reviews", ())),
        "legal_data_overlays": [str(folder) for folder in active_overlays()],
    }
    _write(tmp / MANIFEST_NAME, out_dir / MANIFEST_NAME,
           (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    zip_name = f"{file_slug(reference, sep='_', fallback='dossier')}_{doc}.zip"
    _write(tmp / zip_name, out_dir / zip_name, _zip(tmp, [*files, MANIFEST_NAME], as_of))
    return BundleResult(out_dir, sorted([*files, MANIFEST_NAME, zip_name]), zip_name, manifest)


def _write(path: Path, shown: Path, data: bytes) -> None:
    """Write into the staging folder; an error (full disk, EFBIG) names the file the user will
    look for, not the hidden staging one."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        exc.filename, exc.filename2 = str(shown), None
        raise


