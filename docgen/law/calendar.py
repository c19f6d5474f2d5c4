"""Day-range helpers for interest periods (inclusive ranges, as the conventions state)."""
from __future__ import annotations

from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def semester_end(day: date) -> date:
    return date(day.year, 6, 30) if day.month <= 6 else date(day.year, 12, 31)


def semester_label(day: date) -> str:
    return f"{day.year}-S{1 if day.month <= 6 else 2}"


def days_in_year(year: int) -> int:
    return 366 if date(year, 12, 31).timetuple().tm_yday == 366 else 365


def split_at_semesters(first: date, last: date) -> list[tuple[date, date]]:
    """[first, last] cut so that no piece crosses a 30 June / 31 December."""
    pieces = []
    while first <= last:
        end = min(last, semester_end(first))
        pieces.append((first, end))
        if end == date.max:      # the calendar's last day: there is no next one to step to
            break
        first = end + ONE_DAY
    return pieces
