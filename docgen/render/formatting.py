"""Locale formatting of amounts, rates and dates (babel), the only place that does it.

French: ``1 234,56 €`` (narrow no-break space for thousands); Dutch (Belgium): ``€ 1.234,56``;
dates ``1er mars 2024`` / ``1 maart 2024``.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from ..law.money import cents

LOCALES = {"fr": "fr_FR", "nl": "nl_BE"}


def money(amount: Decimal, language: str = "fr") -> str:
    return format_currency(cents(amount), "EUR", locale=LOCALES[language])


def rate(percent: Decimal, language: str = "fr") -> str:
    return format_decimal(percent, format="#,##0.00##", locale=LOCALES[language]) + "\u00a0%"


def number(value: Decimal | int, language: str = "fr") -> str:
    """A plain number as the language writes it (« 10 », « 2,5 »)."""
    return format_decimal(value, locale=LOCALES[language])


def long_date(day: date, language: str = "fr") -> str:
    text = format_date(day, "d MMMM y", locale=LOCALES[language])
    if language == "fr" and day.day == 1:
        text = "1er" + text[1:]
    return text


def short_date(day: date, language: str = "fr") -> str:
    return day.strftime("%d/%m/%Y")
