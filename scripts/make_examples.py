#!/usr/bin/env python3
"""Render the binary example inputs of ``examples/*/`` from each ``case.yaml``.

    python scripts/make_examples.py             # write the files whose bytes changed
    python scripts/make_examples.py --check     # exit 1 if regenerating would change a file
    python scripts/make_examples.py --only be-b2c --list

The work is done by the ``examplegen`` package next to this file (one module per kind of
document; every legal fact comes from ``docgen.law``): see ``scripts/examplegen/__init__.py``
and ``scripts/README.md``. This file stays as the documented entry point.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# The package sits beside this script; docgen is imported from the checkout it belongs to.
for folder in (str(ROOT), str(HERE)):
    if folder not in sys.path:
        sys.path.insert(0, folder)

from examplegen.cli import main  # noqa: E402 - after the path set-up above

if __name__ == "__main__":
    sys.exit(main())
