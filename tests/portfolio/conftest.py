"""A small portfolio: the four bundled examples copied into tmp_path."""
from __future__ import annotations

from pathlib import Path

import pytest
from pfkit import copy_examples


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    return copy_examples(tmp_path / "cases")
