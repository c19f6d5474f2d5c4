"""``python -m examplegen`` (from scripts/): the same as ``python scripts/make_examples.py``."""
import sys

from .cli import main

sys.exit(main())
