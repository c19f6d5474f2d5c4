"""Conditions of the FR documents that must hold before one is sent or filed (see document_checks.py).

Each rule takes a DocumentContext and yields Findings with a stable rule id, the legal
basis and the case-file field to fill. A rule may also append a Decision to
ctx.decisions so that the review file says what was decided and from what.
"""
from __future__ import annotations

RULES: list = []
