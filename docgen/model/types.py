"""Field types shared by the case-file model.

Money and dates are parsed here, strictly, so that a float typed by accident in YAML
(``amount: 1800.10``) is refused rather than silently turned into 1800.0999...
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..day_range import MAX_DAY, MIN_DAY, day_problem  # noqa: F401 - re-exported: the model's day range

MONEY_PATTERN = r"^[0-9]{1,12}(\.[0-9]{1,2})?$"
_MONEY_RE = re.compile(MONEY_PATTERN)
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
PERCENT_PATTERN = r"^[0-9]{1,3}(\.[0-9]{1,4})?$"
_PERCENT_RE = re.compile(PERCENT_PATTERN)

# Generous for addresses and descriptions, small enough that a 10 MB string is refused.
MAX_TEXT = 10_000


def _parse_money(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str):
        raise PydanticCustomError(
            "money_type",
            'write amounts as quoted decimal strings, e.g. "1800.00" (got {got})',
            {"got": type(value).__name__},
        )
    if not _MONEY_RE.fullmatch(value):  # fullmatch: '$' alone lets a trailing newline in
        raise PydanticCustomError(
            "money_format",
            'not an amount: expected up to 12 digits, then optionally a dot and at most 2 decimals, '
            'e.g. "1800.00"',
        )
    return Decimal(value)


def _parse_positive_money(value: object) -> Decimal:
    amount = _parse_money(value)
    if amount <= 0:
        raise PydanticCustomError("money_positive", "the amount must be greater than zero")
    return amount


def _parse_percent(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str) or not _PERCENT_RE.fullmatch(value):
        raise PydanticCustomError(
            "percent_format", 'write a percentage as a quoted decimal string, e.g. "12.00"'
        )
    return Decimal(value)


def _parse_date(value: object) -> date:
    if isinstance(value, datetime):  # a date subclass: refuse it rather than compare it to dates
        raise PydanticCustomError("date_type", "expected a date (YYYY-MM-DD), not a date and time")
    if not isinstance(value, date):
        if not isinstance(value, str) or not _DATE_RE.fullmatch(value):
            raise PydanticCustomError("date_format", "not a date: expected YYYY-MM-DD")
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date_value", "no such day in the calendar ({value})", {"value": value})
    if problem := day_problem(value):
        raise PydanticCustomError("date_range", problem)
    return value


Money = Annotated[
    Decimal,
    BeforeValidator(_parse_money),
    WithJsonSchema({"type": "string", "pattern": MONEY_PATTERN,
                    "description": "amount in euros, decimal string with at most 2 decimals"}),
]
PositiveMoney = Annotated[
    Decimal,
    BeforeValidator(_parse_positive_money),
    WithJsonSchema({"type": "string", "pattern": MONEY_PATTERN, "not": {"pattern": r"^0+(\.0+)?$"},
                    "description": "amount in euros greater than zero, at most 2 decimals"}),
]
Percent = Annotated[
    Decimal,
    BeforeValidator(_parse_percent),
    WithJsonSchema({"type": "string", "pattern": PERCENT_PATTERN, "description": "percentage, e.g. \"12.00\""}),
]
Day = Annotated[
    date,
    BeforeValidator(_parse_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _DATE_RE.pattern}),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT, strip_whitespace=True)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
FilePath = Annotated[str, StringConstraints(min_length=1, max_length=1000),
                     Field(description="path relative to the case file's folder")]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$"),
                    Field(description="ISO 3166-1 alpha-2 country code")]
