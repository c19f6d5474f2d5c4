"""Working days, deadline arithmetic and the Belgian Book XIX reminder window."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.errors import LegalDataError
from docgen.law.deadlines import (add_days, add_months, add_working_days, be_consumer_window, is_working_day,
                                  next_working_day)

COUNTRY = st.sampled_from(["FR", "BE"])
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


@pytest.mark.parametrize("day, country, working", [
    (date(2025, 7, 12), "FR", False),    # Saturday
    (date(2025, 7, 13), "BE", False),    # Sunday
    (date(2025, 7, 11), "FR", True),     # ordinary Friday
    (date(2025, 7, 14), "FR", False),    # 14 juillet (Monday)
    (date(2025, 7, 14), "BE", True),     # not a Belgian holiday
    (date(2025, 8, 15), "FR", False),    # Assomption (Friday)
    (date(2025, 4, 21), "FR", False),    # lundi de Pâques
    (date(2025, 7, 21), "BE", False),    # fête nationale belge (Monday)
    (date(2025, 7, 21), "FR", True),
    (date(2025, 11, 11), "BE", False),   # Armistice (Tuesday)
    (date(2025, 12, 26), "FR", True),    # Saint-Étienne is only an Alsace-Moselle holiday
])
def test_is_working_day(day, country, working):
    assert is_working_day(day, country) is working


def test_unknown_country():
    with pytest.raises(ValueError):
        is_working_day(date(2025, 1, 2), "DE")


def test_next_working_day():
    assert next_working_day(date(2025, 7, 11), "FR") == date(2025, 7, 11)
    assert next_working_day(date(2025, 8, 15), "FR") == date(2025, 8, 18)    # Fri holiday -> Monday
    assert next_working_day(date(2025, 7, 19), "BE") == date(2025, 7, 22)    # Sat, Sun, 21 July


def test_add_days():
    assert add_days(date(2025, 7, 11), 3, "FR") == date(2025, 7, 15)          # lands on 14 July
    assert add_days(date(2025, 7, 11), 3, "BE") == date(2025, 7, 14)
    assert add_days(date(2025, 7, 1), 0, "FR") == date(2025, 7, 1)


@pytest.mark.parametrize("day, n, expected", [
    (date(2024, 1, 31), 1, date(2024, 2, 29)),     # leap year
    (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2026, 1, 10), 6, date(2026, 7, 10)),     # §15.4: IP served within 6 months
    (date(2026, 9, 10), 3, date(2026, 12, 10)),    # §15.4: new 3-month rule
    (date(2025, 3, 31), 2, date(2025, 6, 2)),      # 31 May 2025 is a Saturday
    (date(2025, 11, 30), 2, date(2026, 1, 30)),    # across a year end
    (date(2024, 3, 31), -1, date(2024, 2, 29)),
])
def test_add_months(day, n, expected):
    assert add_months(day, n, "FR") == expected


def test_add_working_days():
    assert add_working_days(date(2025, 7, 11), 1, "FR") == date(2025, 7, 15)
    assert add_working_days(date(2025, 7, 11), 1, "BE") == date(2025, 7, 14)
    assert add_working_days(date(2025, 7, 11), 0, "BE") == date(2025, 7, 11)
    assert add_working_days(date(2025, 7, 15), -1, "FR") == date(2025, 7, 11)


@pytest.mark.parametrize("sent, channel, expected", [
    # §15.3 (forumforthefuture.be): posted Monday 18 Sept 2023
    (date(2023, 9, 18), "letter", (date(2023, 9, 21), date(2023, 10, 4), date(2023, 10, 5))),
    (date(2023, 9, 18), "registered_letter", (date(2023, 9, 21), date(2023, 10, 4), date(2023, 10, 5))),
    # §15.3 derived: e-mailed the same day
    (date(2023, 9, 18), "email", (date(2023, 9, 19), date(2023, 10, 2), date(2023, 10, 3))),
    (date(2023, 9, 18), "registered_email", (date(2023, 9, 19), date(2023, 10, 2), date(2023, 10, 3))),
    # posted Thursday 17 July 2025: Fri 18 (1), [weekend, 21 July], Tue 22 (2), Wed 23 (3)
    (date(2025, 7, 17), "letter", (date(2025, 7, 23), date(2025, 8, 5), date(2025, 8, 6))),
    # posted on a Friday: the weekend does not count
    (date(2025, 9, 5), "hand_delivery", (date(2025, 9, 10), date(2025, 9, 23), date(2025, 9, 24))),
])
def test_be_consumer_window(sent, channel, expected):
    assert be_consumer_window(sent, channel) == expected


def test_be_consumer_window_lasts_14_calendar_days():
    first, last, claimable = be_consumer_window(date(2024, 12, 20), "letter")
    assert (last - first).days + 1 == 14 and claimable == last + timedelta(days=1)


def test_be_consumer_window_before_book_xix():
    with pytest.raises(LegalDataError):
        be_consumer_window(date(2023, 8, 31), "letter")


@settings(deadline=None, max_examples=300)
@given(day=DAYS, n=st.integers(min_value=0, max_value=400), country=COUNTRY)
def test_add_days_lands_on_a_working_day_soon_after(day, n, country):
    result = add_days(day, n, country)
    assert is_working_day(result, country)
    assert day + timedelta(days=n) <= result < day + timedelta(days=n + 7)


@settings(deadline=None, max_examples=200)
@given(day=DAYS, n=st.integers(min_value=0, max_value=30), country=COUNTRY)
def test_add_working_days_counts_working_days(day, n, country):
    result = add_working_days(day, n, country)
    between = [day + timedelta(days=i) for i in range(1, (result - day).days + 1)]
    assert sum(is_working_day(d, country) for d in between) == n
    assert n == 0 or is_working_day(result, country)


@settings(deadline=None, max_examples=200)
@given(day=DAYS, n=st.integers(min_value=-24, max_value=24), country=COUNTRY)
def test_add_months_keeps_the_day_or_clamps_it(day, n, country):
    result = add_months(day, n, country)
    assert is_working_day(result, country)
    assert timedelta(0) <= result - add_months_unadjusted(day, n) < timedelta(days=7)


def add_months_unadjusted(day: date, n: int) -> date:
    """Month stepping done differently from the implementation: one month at a time."""
    year, month = day.year, day.month
    for _ in range(abs(n)):
        month += 1 if n > 0 else -1
        if month == 13:
            year, month = year + 1, 1
        elif month == 0:
            year, month = year - 1, 12
    for last_day in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError("unreachable")
