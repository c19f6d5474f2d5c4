"""A sandboxed Jinja2 environment with autoescape: templates are data, case values are text.

Values from a case file are passed as variables and escaped; they are never compiled as
templates, so a debtor named ``{{ 7*7 }}`` is printed as such.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment


@cache
def environment(roots: tuple[Path, ...]) -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(
        loader=FileSystemLoader([str(r) for r in roots]),
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=False,
    )
