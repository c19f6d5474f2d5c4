"""The synthetic portfolio behind the scale benchmark (issue 17): deterministic from its seed
whatever the number of processes writing it, valid, and varied."""
from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import yaml
from pfkit import AS_OF

from docgen import agenda
from docgen.portfolio import synthetic
from docgen.portfolio.synthetic import STAGES, make_case, make_portfolio, to_yaml


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_portfolio_whatever_the_processes(tmp_path, monkeypatch):
    monkeypatch.setattr(synthetic, "BLOCK", 16)          # several blocks, each its own random stream
    one = make_portfolio(tmp_path / "one", 56, AS_OF, jobs=1)
    two = make_portfolio(tmp_path / "two", 56, AS_OF, jobs=2)
    assert [p.relative_to(tmp_path / "one") for p in one] == [p.relative_to(tmp_path / "two") for p in two]
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    other = make_portfolio(tmp_path / "other", 56, AS_OF, seed=8, jobs=1)
    assert _tree(tmp_path / "other") != _tree(tmp_path / "one") and len(other) == 56


def test_valid_and_varied(tmp_path):
    make_portfolio(tmp_path / "p", 96, AS_OF)
    items = agenda(tmp_path / "p", AS_OF, assume_last_rate=True, index=False)
    stages = Counter(i.stage for i in items)
    assert len(items) == 96 and "invalid" not in stages, [i.flags for i in items if i.stage == "invalid"]
    for stage in ("not_due", "overdue", "disputed", "payment_plan", "plan_defaulted", "injunction_filed",
                  "insolvency", "closed"):
        assert stages[stage] > 0, stages
    assert {(i.jurisdiction, i.relationship) for i in items} == {("FR", "B2B"), ("FR", "B2C"), ("BE", "B2B"),
                                                                  ("BE", "B2C")}


def test_the_yaml_writer_gives_back_the_data():
    rng = random.Random(3)
    for k in range(len(STAGES) * 8):
        case, _ = make_case(rng, k, AS_OF, ("FR", "BE")[k % 2], ("B2B", "B2C")[k // 2 % 2], STAGES[k % len(STAGES)])
        case["debtor"]["name"] = "Quote \" backslash \\ colon: # hash - 'é' \u2028 end"
        case["notes"] = {"empty_list": [], "empty_map": {}, "flag": False, "number": 12}
        assert yaml.safe_load(to_yaml(case)) == case
