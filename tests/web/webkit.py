"""Constants the web tests share (a module of its own: ``import conftest`` is ambiguous when
several conftest files are loaded)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 10, 15)
TOKEN = "test-session-token-0123456789"
CHROMIUM = Path("/usr/bin/chromium")
