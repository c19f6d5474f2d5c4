"""The Jinja2 environments: sandboxed (docgen/render/sandbox.py), autoescaped, confined to the
templates folders. Templates are data, case values are text.

Values from a case file are passed as variables and escaped; they are never compiled as
templates, so a debtor named ``{{ 7*7 }}`` is printed as such.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path

from .sandbox import BoundedSandbox
from .template_cache import bytecode_cache


class ConfinedLoader(BaseLoader):
    """Jinja's FileSystemLoader, except that a template reached through a symbolic link must
    still lie inside one of the templates folders: a firm's folder holding a link to
    ``/etc/passwd`` and an ``{% include %}`` of it would otherwise print the file. The same
    rule as the WeasyPrint fetcher (fetcher.py) for fonts and stylesheets."""

    def __init__(self, roots: tuple[Path, ...]):
        self.roots = [Path(r) for r in roots]

    def get_source(self, environment, template: str):  # noqa: ANN001, ANN201 - Jinja's signature
        pieces = split_template_path(template)          # refuses ".." and separators
        real_roots = [r.resolve() for r in self.roots]
        for root in self.roots:
            path = root.joinpath(*pieces)
            if not path.is_file():
                continue
            real = path.resolve()
            if not any(real.is_relative_to(r) for r in real_roots):
                raise SecurityError(f"template {template} is a link to a file outside the templates folders")
            try:
                source = real.read_text(encoding="utf-8")
                mtime = real.stat().st_mtime
            except (OSError, UnicodeDecodeError) as exc:
                raise SecurityError(f"template {template} cannot be read ({type(exc).__name__})") from None

            def uptodate(real: Path = real, mtime: float = mtime) -> bool:
                try:
                    return real.stat().st_mtime == mtime
                except OSError:
                    return False

            return source, str(path), uptodate
        raise TemplateNotFound(template)


# The options that shape the compiled code, hence part of the on-disk cache's folder name.
_OPTIONS = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": False}


@cache
def environment(roots: tuple[Path, ...]) -> BoundedSandbox:
    return BoundedSandbox(
        loader=ConfinedLoader(roots), undefined=StrictUndefined, **_OPTIONS,
        bytecode_cache=bytecode_cache(BoundedSandbox, {**_OPTIONS, "undefined": StrictUndefined}),
    )


@cache
def docx_environment() -> BoundedSandbox:
    """For the XML parts of a DOCX skeleton (docxtpl): the same sandbox, no loader (a skeleton
    includes nothing), Jinja's default whitespace handling as docxtpl expects it."""
    return BoundedSandbox(autoescape=True, undefined=StrictUndefined)
