"""Cell values of an imported spreadsheet: headers, text, French-style amounts and dates."""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_CENT = Decimal("0.01")
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_1990 = (date(1990, 1, 1) - _EXCEL_EPOCH).days
_SERIAL_2100 = (date(2100, 12, 31) - _EXCEL_EPOCH).days


def normalize_header(text: Any) -> str:
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\u00a0", " ").strip()


def parse_amount(value: Any) -> Decimal | None:
    """An amount of money (two decimals at most) from a cell; None when empty.

    Accepts ``1234.56``, ``1234,56``, ``1 234,56``, ``1.234,56``, ``1,234.56``, ``€ 12``; refuses
    negative amounts and the ambiguous ``1.234`` / ``1,234`` (thousands or decimals?).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not an amount")
    if isinstance(value, int):
        number = _bounded(Decimal(value), value)
    elif isinstance(value, float):
        number = _bounded(Decimal(repr(value)), value)
        rounded = number.quantize(_CENT, rounding=ROUND_HALF_UP)
        if abs(number - rounded) > Decimal("0.000001"):
            raise ValueError(f"the amount {value!r} has more than two decimals")
        number = rounded
    else:
        raw = str(value)
        text = _SPACES.sub("", raw).replace("€", "").replace("EUR", "").replace("eur", "")
        negative = text.startswith("-") or text.endswith("-") or (text.startswith("(") and text.endswith(")"))
        text = text.strip("+-()")
        if negative:
            raise ValueError(f"negative amount {raw.strip()!r}")
        if not text or not re.fullmatch(r"[0-9.,]+", text):
            raise ValueError(f"{raw.strip()!r} is not an amount")
        number = _bounded(Decimal(_decimal_text(text, raw.strip())), raw.strip())
    if number.as_tuple().exponent < -2 and number != number.quantize(_CENT):
        raise ValueError(f"the amount {cell_text(value)!r} has more than two decimals")
    return number.quantize(_CENT)


# The case file's limit (docgen.model.types.MONEY_PATTERN): 12 digits before the decimal point.
_MAX_AMOUNT = Decimal(10) ** 12


def _bounded(number: Decimal, shown: Any) -> Decimal:
    """``number`` if it is an amount a case file can hold; ValueError (the row is reported) if
    not: infinite, not a number, or so large that rounding it to cents would fail."""
    if not number.is_finite():
        raise ValueError(f"{cell_text(shown)[:40]!r} is not an amount")
    if abs(number) >= _MAX_AMOUNT:
        text = cell_text(shown)
        raise ValueError(f"the amount {text if len(text) <= 20 else text[:17] + '...'!r} is too large (at most 12 digits "
                         "before the decimal point)")
    return number


def _decimal_text(text: str, raw: str) -> str:
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_sep = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal_sep == "." else "."
        whole, _, frac = text.rpartition(decimal_sep)
        if decimal_sep in whole or not _grouped(whole, thousands) or not frac:
            raise ValueError(f"{raw!r} is not an amount")
        return whole.replace(thousands, "") + "." + frac
    sep = "." if dots else "," if commas else ""
    if not sep:
        return text
    count = text.count(sep)
    whole, _, frac = text.rpartition(sep)
    if count > 1:
        if not _grouped(text, sep):
            raise ValueError(f"{raw!r} is not an amount")
        return text.replace(sep, "")
    if len(frac) == 3 and whole and len(whole) <= 3:
        raise ValueError(f"the amount {raw!r} is ambiguous (thousands or decimals?): write 1234 or 1234,00")
    if not frac or len(frac) > 2 or not whole:
        raise ValueError(f"{raw!r} is not an amount with at most two decimals")
    return whole + "." + frac


def _grouped(text: str, sep: str) -> bool:
    groups = text.split(sep)
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]) and all(g.isdigit() for g in groups)


_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_DATE_YMD = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$")


def parse_date(value: Any) -> date | None:
    """A date from a cell; day first for ``02/03/2024`` (2 March). None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A spreadsheet serial day number. Checked before any arithmetic: a huge serial (Excel's
        # last day is 2958465, 31/12/9999), inf or NaN would overflow or fail in timedelta.
        if isinstance(value, float) and not value.is_integer():
            raise ValueError(f"{value!r} is not a date")
        if not _SERIAL_1990 <= value <= _SERIAL_2100:
            raise ValueError(f"{cell_text(value)[:20]!r} is not a date between 1990 and 2100")
        return _EXCEL_EPOCH + timedelta(days=int(value))
    text = str(value).strip().split(" ")[0].split("T")[0]
    try:
        if m := _DATE_YMD.match(text):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DATE_DMY.match(text):
            year = int(m.group(3))
            year += 2000 if year < 100 else 0
            return date(year, int(m.group(2)), int(m.group(1)))
    except ValueError:
        raise ValueError(f"{str(value).strip()!r} is not a valid date") from None
    raise ValueError(f"{str(value).strip()!r} is not a date (expected DD/MM/YYYY or YYYY-MM-DD)")
