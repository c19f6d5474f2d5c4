"""``cd scripts && python -m examplegen``: the same as ``python scripts/make_examples.py``."""
import sys
from pathlib import Path


# docgen from the checkout this package belongs to, not another installed copy.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from examplegen.cli import main  # noqa: E402 - after the path set-up above

sys.exit(main())
