"""Counting calls to a function the code under test uses, the function still doing its work:
the tests that prove work is not done twice (caches, parsed once, decoded once) share this."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str,
                record: Callable[..., Any] = lambda *args, **kwargs: args) -> list:
    """Replace ``owner.name`` for the test with a wrapper that appends ``record(*args, **kwargs)``
    to the returned list on each call, then calls the original."""
    calls: list = []
    original = getattr(owner, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(record(*args, **kwargs))
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls
