"""A small portfolio: the four bundled examples copied into tmp_path; a local Dask cluster of two
worker processes for the tests of --scheduler (they skip without Dask distributed)."""
from __future__ import annotations

from pathlib import Path

import pytest
from pfkit import copy_examples


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    return copy_examples(tmp_path / "cases")


@pytest.fixture(scope="module")
def local_cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  host="127.0.0.1") as cluster:
        yield cluster.scheduler_address
