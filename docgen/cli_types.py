"""Parameter types, parsers and options shared by the click commands (imports click and stdlib only)."""
from __future__ import annotations

from datetime import date

import click

from .day_range import day_problem
from .errors import DocgenError
from .i18n import _


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):  # noqa: ANN001 - click signature
        if isinstance(value, date):
            return value
        try:
            day = date.fromisoformat(value)
        except (TypeError, ValueError):
            self.fail(_("{value!r} is not a date in the form YYYY-MM-DD").format(value=value), param, ctx)
        # The same range as the case file's dates: far-off days would overflow the legal arithmetic.
        if problem := day_problem(day):
            self.fail(problem, param, ctx)
        return day


ISO_DATE = IsoDate()


def parse_options(pairs: tuple[str, ...]) -> dict[str, str]:
    """``--option key=value`` pairs as a mapping."""
    options = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise DocgenError(f"--option expects key=value, got {pair!r}")
        options[key.strip()] = value.strip()
    return options


def as_of_option(required: bool = False):  # noqa: ANN201 - a click decorator
    return click.option("--as-of", "as_of", type=ISO_DATE, required=required,
                        help="The day the figures are computed for (default: today)." if not required
                        else "The day the figures are computed for.")
