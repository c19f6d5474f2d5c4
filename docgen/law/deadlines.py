"""Calendar arithmetic for legal deadlines in France and Belgium (pure: no clock, no I/O).

A deadline that falls on a non-working day moves to the next working day (FR: CPC 642;
BE: C. jud. 53), so every "add" function below ends with that move. Working days exclude
Saturdays, Sundays and the national public holidays of the `holidays` package: regional
days (Alsace-Moselle, Belgian community holidays) are deliberately ignored, because a
document must not depend on where in the country the debtor happens to live.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import cache

from .calendar import ONE_DAY
from .parameters import parameter

COUNTRIES = ("FR", "BE")
ELECTRONIC_CHANNELS = frozenset({"email", "registered_email"})


@cache
def _public_holidays(country: str, year: int) -> frozenset[date]:
    # Building a holidays object is slow compared with a set lookup, hence the cache.
    # lazy: importing holidays costs about 30 ms, and most runs count no working day (a French
    # dossier, a statement); the cache above keeps it to one import per process anyway
    import holidays

    return frozenset(holidays.country_holidays(country, years=year))


def _check(country: str) -> None:
    if country not in COUNTRIES:
        raise ValueError(f"unsupported country {country!r}: expected one of {', '.join(COUNTRIES)}")


def is_working_day(day: date, country: str) -> bool:
    _check(country)
    return day.weekday() < 5 and day not in _public_holidays(country, day.year)


def next_working_day(day: date, country: str) -> date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day, country):
        day += ONE_DAY
    return day


def add_days(day: date, n: int, country: str) -> date:
    """``n`` calendar days after ``day``, moved on to a working day if needed."""
    return next_working_day(day + timedelta(days=n), country)


def add_months(day: date, n: int, country: str) -> date:
    """Same day of the month ``n`` months later; the last day of the month when that day
    does not exist (31 Jan + 1 month = 28 or 29 Feb, CPC 641); then a working day."""
    index = day.year * 12 + day.month - 1 + n
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return next_working_day(date(year, month, min(day.day, last)), country)


def add_working_days(day: date, n: int, country: str) -> date:
    """The ``n``-th working day after ``day`` (before it if ``n`` < 0); ``day`` itself never
    counts. ``n`` = 0 returns ``day`` unchanged."""
    step = ONE_DAY if n >= 0 else -ONE_DAY
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day, country):
            remaining -= 1
    return day


def be_consumer_window(sent: date, channel: str) -> tuple[date, date, date]:
    """``(first_day, last_day, claimable_from)`` of the free first reminder's period (CDE XIX.2).

    Paper (any channel but e-mail): the period starts on the 3rd working day after posting;
    e-mail: on the calendar day after sending. It lasts 14 calendar days, both ends included,
    and is not extended when its last day is a holiday (the text counts calendar days).
    Excluding Saturdays from working days is the cautious reading: the window then never
    ends earlier than the law allows, so nothing is claimed too soon.
    Raises LegalDataError for a reminder sent before Book XIX came into force (1 Sept 2023).
    """
    length = parameter("be.b2c_reminder_period_days").at(sent).value
    if channel in ELECTRONIC_CHANNELS:
        first = sent + ONE_DAY
    else:
        offset = parameter("be.b2c_reminder_start_working_days").at(sent).value
        first = add_working_days(sent, offset, "BE")
    last = first + timedelta(days=length - 1)
    return first, last, last + ONE_DAY
