"""Every legal fact the example documents print, taken from docgen itself.

The generator keeps no copy of the law: working days and the Book XIX window come from
``docgen.law.deadlines``, the XIX.4 scale from ``docgen.law.be`` and the ``be.b2c_lump_sum``
table, rates, margins and fixed indemnities from the dated tables of ``docgen/data`` (through
``docgen.law.parameters``), and the figures of the signed payment plan from docgen's own
statement. A document that quotes the law therefore says what docgen computes, and a change
in a table shows up as a ``--check`` difference instead of a silent contradiction.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from num2words import num2words

import docgen
from docgen.law.be import lump_sum
from docgen.law.deadlines import be_consumer_window
from docgen.law.parameters import parameter

from .common import Case, num


__all__ = ["B2BTerms", "PlanFigures", "ReminderTerms", "UnconfirmedValue", "b2b_terms", "be_b2c_reminder_terms",
           "be_consumer_window", "bracket_formula_nl", "in_words", "late_rate_text", "lump_sum", "lump_sum_bracket",
           "lump_sum_scale", "lump_sum_scale_nl", "ordinal_nl", "plan_figures", "rate_text", "semester_fr",
           "table_value", "whole_number"]


class UnconfirmedValue(RuntimeError):
    """A document would quote a value that docgen's tables mark as unconfirmed."""


def table_value(table: str, day: date):
    """The value of docgen's dated table ``table`` on ``day`` (a Decimal, an int or a scale).

    The examples are dated in the past: an unconfirmed value there means a table changed
    under them, so it is refused rather than printed into a committed document."""
    entry = parameter(table).at(day)
    if entry.unconfirmed:
        raise UnconfirmedValue(f"{table} on {day} is unconfirmed in docgen/data: an example must not quote it")
    return entry.value


def rate_text(table: str, day: date) -> str:
    """A rate as the table states it, French decimal comma: 14.50 -> '14,50', 11.5 -> '11,5'."""
    return str(table_value(table, day)).replace(".", ",")


def whole_number(value) -> str:
    """40.00 -> '40'; the tables hold amounts in cents, documents print whole euros as such."""
    value = Decimal(value)
    if value != value.to_integral_value():
        raise ValueError(f"{value} is not a whole number")
    return str(int(value))


def in_words(value, lang: str = "fr") -> str:
    """40 -> 'quarante' (contracts spell the figures of the law out in words)."""
    return num2words(int(whole_number(value)), lang=lang)


def ordinal_nl(value) -> str:
    """3 -> 'derde'."""
    return num2words(int(value), lang="nl", to="ordinal")


def semester_fr(day: date) -> str:
    """The half-year a semestrial rate belongs to: 'premier semestre 2024'."""
    return f"{'premier' if day.month <= 6 else 'second'} semestre {day.year}"


def _euros_nl(amount) -> str:
    """Dutch amount without needless cents: 20.00 -> '€ 20', 150.01 -> '€ 150,01', 2000 -> '€ 2.000'."""
    amount = Decimal(amount)
    text = num(amount, "nl")
    return f"€ {text[:-3] if amount == amount.to_integral_value() else text}"


@dataclass(frozen=True)
class Bracket:
    up_to: Decimal | None
    fixed: Decimal
    percent: Decimal
    over: Decimal


def lump_sum_scale(day: date) -> tuple[list[Bracket], Decimal]:
    """The Book XIX lump-sum brackets and cap in force on ``day`` (table be.b2c_lump_sum)."""
    scale = table_value("be.b2c_lump_sum", day)
    brackets = [Bracket(None if b["up_to"] is None else Decimal(b["up_to"]), Decimal(b["fixed"]),
                        Decimal(b["percent"]), Decimal(b["over"])) for b in scale["brackets"]]
    return brackets, Decimal(scale["cap"])


def lump_sum_bracket(balance: Decimal, day: date) -> Bracket:
    """The bracket of the scale that ``docgen.law.be.lump_sum`` applies to ``balance``."""
    brackets, _ = lump_sum_scale(day)
    return next(b for b in brackets if b.up_to is None or balance <= b.up_to)


def bracket_formula_nl(bracket: Bracket) -> str:
    """'€ 65 + 5 % van het openstaande bedrag boven € 500' (or '€ 20' for a flat bracket)."""
    if not bracket.percent:
        return _euros_nl(bracket.fixed)
    return (f"{_euros_nl(bracket.fixed)} + {whole_number(bracket.percent)} % van het openstaande bedrag "
            f"boven {_euros_nl(bracket.over)}")


def lump_sum_scale_nl(day: date) -> str:
    """The XIX.4 scale in the words of a Dutch general-terms clause (spaces, not NBSP: the
    caller decides where the non-breaking spaces go)."""
    brackets, cap = lump_sum_scale(day)
    parts = []
    previous = Decimal("0")
    for b in brackets:
        if not b.percent:
            parts.append(f"van {_euros_nl(b.fixed)} als het openstaande saldo ten hoogste "
                         f"{_euros_nl(b.up_to)} bedraagt")
        elif b.up_to is not None:
            parts.append(f"van {_euros_nl(b.fixed)} vermeerderd met {whole_number(b.percent)} % van het saldo "
                         f"tussen {_euros_nl(previous + Decimal('0.01'))} en {_euros_nl(b.up_to)}")
        else:
            parts.append(f"van {_euros_nl(b.fixed)} vermeerderd met {whole_number(b.percent)} % van het saldo "
                         f"boven {_euros_nl(b.over)}")
        previous = b.up_to if b.up_to is not None else previous
    text = ", ".join(parts[:-1]) + f", of {parts[-1]}" if len(parts) > 1 else parts[0]
    return f"{text}, met een maximum van {_euros_nl(cap)}"


@dataclass(frozen=True)
class PlanFigures:
    principal: dict[str, Decimal]     # per invoice number, after imputation (interest first)
    interest: Decimal                 # interest still owed on the day
    lump_sum: Decimal                 # the XIX.4 lump sum owed on the day
    total_principal: Decimal


def plan_figures(case: Case, on: date) -> PlanFigures:
    """What the creditor claimed when the plan was signed on ``on``: docgen's own statement
    of the case file as of that day (so the signed plan and ``docgen statement`` agree)."""
    statement = docgen.statement(docgen.load_case(case.directory / "case.yaml"), on)
    return PlanFigures(principal={b.invoice: b.outstanding for b in statement.invoices},
                       interest=statement.interest_outstanding,
                       lump_sum=statement.indemnities_total - statement.indemnities_paid,
                       total_principal=statement.outstanding_principal)


@dataclass(frozen=True)
class B2BTerms:
    """What a business-to-business document says about late payment on a given day."""
    margin: str            # points over the ECB rate: "10" (FR), "8" (BE)
    margin_words: str      # "dix", "huit"
    indemnity: str         # fixed recovery indemnity per invoice, whole euros: "40"
    indemnity_words: str   # "quarante"


_B2B_TABLES = {"FR": ("fr.late_payment_rate_margin", "fr.b2b_recovery_indemnity"),
               "BE": ("be.late_payment_rate_margin", "be.b2b_recovery_indemnity")}


def b2b_terms(country: str, day: date) -> B2BTerms:
    """FR: C. com. L441-10 II and D441-5; BE: loi du 2 août 2002, art. 5 and 6."""
    margin_table, indemnity_table = _B2B_TABLES[country]
    margin, indemnity = table_value(margin_table, day), table_value(indemnity_table, day)
    return B2BTerms(whole_number(margin), in_words(margin), whole_number(indemnity), in_words(indemnity))


def late_rate_text(country: str, day: date) -> str:
    """The statutory B2B late-payment rate of ``day``'s half-year: '14,50' (FR 2024 S1)."""
    return rate_text(f"{country.lower()}.late_payment_rate", day)


@dataclass(frozen=True)
class ReminderTerms:
    """Book XIX (CDE XIX.2): the free first reminder's period, as a document words it."""
    days: int              # calendar days of the period: 14
    start_ordinal: str     # on which working day after posting it starts: "derde"


def be_b2c_reminder_terms(day: date) -> ReminderTerms:
    return ReminderTerms(table_value("be.b2c_reminder_period_days", day),
                         ordinal_nl(table_value("be.b2c_reminder_start_working_days", day)))
