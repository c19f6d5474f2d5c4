"""The range of days docgen computes with, checked wherever a day comes in (case file, --as-of).

Apart from the model so that the command line can check ``--as-of`` without loading pydantic.
"""
from __future__ import annotations

from datetime import date

# Every date of a case file, and every as-of date, lies in this range (docs/case-file.md). Legal
# arithmetic adds periods of up to decades to these dates (limitation periods, payment terms);
# bounding them keeps every such sum far from the calendar's end (year 9999) and its start.
MIN_DAY = date(1900, 1, 1)
MAX_DAY = date(2199, 12, 31)


def day_problem(day: date) -> str | None:
    """Why ``day`` is outside the range docgen computes with, or None."""
    if not MIN_DAY <= day <= MAX_DAY:
        return f"{day.isoformat()} is outside the dates docgen accepts ({MIN_DAY} to {MAX_DAY})"
    return None
