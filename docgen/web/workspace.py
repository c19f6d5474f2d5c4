"""The portfolio the server shows, and the identifiers its URLs use instead of file paths.

A case's identifier is the name of its folder (``fr-b2b``, or the reference folder an import
wrote), reduced to letters, digits, ``.``, ``-`` and ``_``, with ``-2``, ``-3`` ... when two
folders share a name. It is only ever looked up in the table of the portfolio's case files,
never joined to a path, so a URL cannot name a file outside the portfolio (anything else is
404). The table is rebuilt on each request: an import or an editor may have changed the
portfolio in between, and finding case files is a directory walk.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import DocgenError
from ..model.text import file_slug
from ..portfolio.scan import find_case_files
from .i18n import W_

CASE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
STATE_DIR = ".docgen"      # the server's own files inside the portfolio (hidden: never scanned as cases)


class NotFound(DocgenError):
    """No such case (or file of a case): 404."""

    status = 404




@dataclass
class Workspace:
    """The served portfolio: ``root`` (a folder of case folders, or one case folder), the default
    as-of date and the optional firm templates."""

    root: Path
    as_of: date
    templates: Path | None = None

    def cases(self) -> dict[str, Path]:
        """Identifier -> case file, for every case file of the portfolio."""

        table: dict[str, Path] = {}
        for path in find_case_files(self.root):
            base = file_slug(path.parent.resolve().name, keep="._-", strip="-._", limit=90, fallback="case")
            key, n = base, 1
            while key in table:
                n += 1
                key = f"{base}-{n}"
            table[key] = path
        return table

    def case_file(self, case_id: str) -> Path:
        if not CASE_ID.match(case_id or ""):
            raise NotFound(W_("no such case"))
        path = self.cases().get(case_id)
        if path is None:
            raise NotFound(W_("no such case"))
        return path

    def id_of(self, path: Path) -> str | None:
        target = Path(path).resolve()
        for key, candidate in self.cases().items():
            if candidate.resolve() == target:
                return key
        return None

    def state_dir(self, *parts: str) -> Path:
        """A folder of the server's own files inside the portfolio (created on demand)."""
        base = self.root if self.root.is_dir() else self.root.parent
        folder = base.joinpath(STATE_DIR, *parts)
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def import_target(self) -> Path:
        return self.root if self.root.is_dir() else self.root.parent


def inside(folder: Path, relative: str) -> Path:
    """``relative`` (a path written in a case file) resolved inside ``folder``, or NotFound: a
    case file naming ``../../etc/passwd`` as a proof does not make the server serve it."""
    base = folder.resolve()
    try:
        target = (base / relative).resolve(strict=True)
    except (OSError, RuntimeError):
        raise NotFound(W_("the file is missing")) from None
    if not target.is_relative_to(base) or not target.is_file():
        raise NotFound(W_("the file is missing"))
    return target
