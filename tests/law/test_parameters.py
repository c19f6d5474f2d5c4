"""The legal parameter tables: shape, sources, internal consistency and reference values."""
from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from importlib.resources import files

import pytest
import yaml

from docgen.errors import LegalDataError, StaleRateTableError
from docgen.law.parameters import UNITS, DatedValue, Parameter, all_parameters, parameter, parse_table

TABLES = all_parameters()
SEMESTER_TABLES = ["fr.legal_rate.natural_person", "fr.legal_rate.other", "fr.late_payment_rate",
                   "be.late_payment_rate"]
YEARLY_TABLES = ["be.legal_rate"]
EXPECTED = set(SEMESTER_TABLES + YEARLY_TABLES) | {
    "ecb.mro", "fr.b2b_recovery_indemnity", "be.b2b_recovery_indemnity", "fr.late_payment_rate_margin",
    "be.late_payment_rate_margin", "fr.contractual_rate_floor_multiplier", "fr.max_payment_term_days",
    "be.max_payment_term_days", "be.b2c_reminder_period_days", "be.b2c_reminder_start_working_days",
    "be.b2c_lump_sum", "be.undisputed_b2b_accessories_cap_percent", "fr.prescription_years.b2b",
    "fr.prescription_years.b2c", "be.prescription_years.general", "be.prescription_years.consumer_goods",
    "be.prescription_interruption_years", "docgen.formal_notice_days", "docgen.prescription_warning_days"}


def semester_starts(first: date, last: date) -> list[date]:
    return [d for y in range(first.year, last.year + 1) for d in (date(y, 1, 1), date(y, 7, 1))
            if first <= d <= last]


def leaves(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from leaves(v)
    else:
        yield value


def test_every_expected_table_exists():
    assert EXPECTED <= set(TABLES)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_table_shape(name):
    table = TABLES[name]
    assert table.unit in UNITS
    starts = [v.start for v in table.values]
    assert all(a < b for a, b in zip(starts, starts[1:])), "start dates must strictly increase"
    for v in table.values:
        assert v.source.strip(), f"{name} {v.start}: no source"
        if table.unit in ("percent", "eur"):
            assert type(v.value) is Decimal
        elif table.unit == "brackets":
            assert all(x is None or type(x) is Decimal for x in leaves(v.value))
        else:
            assert type(v.value) is int
    if table.last_value_still_valid_on is not None:
        assert table.last_value_still_valid_on >= starts[-1]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_raw_file_has_no_yaml_float(name):
    # A float in the file would be parsed (and rejected) by the loader; this checks the text itself.
    raw = yaml.safe_load((files("docgen") / "data" / f"{name}.yaml").read_text(encoding="utf-8"))
    assert not any(isinstance(x, float) for x in leaves(raw))


@pytest.mark.parametrize("name", SEMESTER_TABLES)
def test_semester_tables_have_no_gap(name):
    table = TABLES[name]
    starts = [v.start for v in table.values]
    assert starts == semester_starts(starts[0], table.last_value_still_valid_on)
    assert table.last_value_still_valid_on.month in (6, 12)


@pytest.mark.parametrize("name", YEARLY_TABLES)
def test_yearly_tables_have_one_value_per_year(name):
    table = TABLES[name]
    last = table.last_value_still_valid_on
    assert (last.month, last.day) == (12, 31)
    assert [v.start for v in table.values] == [date(y, 1, 1) for y in range(table.values[0].start.year,
                                                                            last.year + 1)]


def test_statutory_constants_never_go_stale():
    for name in EXPECTED - set(SEMESTER_TABLES + YEARLY_TABLES) - {"ecb.mro"}:
        assert TABLES[name].last_value_still_valid_on is None, name
        TABLES[name].at(date(2100, 1, 1))


def test_product_rules_say_they_are_not_law():
    for name in ("docgen.formal_notice_days", "docgen.prescription_warning_days"):
        assert "product rule, not law" in TABLES[name].values[0].source
    assert TABLES["docgen.formal_notice_days"].at(date(2025, 1, 1)).value == 8
    assert TABLES["docgen.prescription_warning_days"].at(date(2025, 1, 1)).value == 90


@pytest.mark.parametrize("entry", TABLES["fr.late_payment_rate"].values, ids=lambda v: str(v.start))
def test_fr_late_payment_rate_is_ecb_plus_margin(entry):
    ecb = parameter("ecb.mro").at(entry.start).value
    margin = parameter("fr.late_payment_rate_margin").at(entry.start).value
    assert entry.value == ecb + margin


def round_up_half(rate: Decimal) -> Decimal:
    return (rate * 2).to_integral_value(rounding=ROUND_CEILING) / 2


# Semesters whose published Belgian rate differs from ECB + 8 rounded up, with the reason.
# None so far: every published value from 2013/2 matches the formula.
BE_KNOWN_DIFFERENCES: dict[date, str] = {}


def _be_cases():
    for entry in TABLES["be.late_payment_rate"].values:
        if entry.start < date(2013, 7, 1):
            continue   # 2013/1 mixes pre- and post-16 Mar 2013 contracts (see the note in the table)
        reason = BE_KNOWN_DIFFERENCES.get(entry.start)
        marks = [pytest.mark.skip(reason=reason)] if reason else []
        yield pytest.param(entry, marks=marks, id=str(entry.start))


@pytest.mark.parametrize("entry", list(_be_cases()))
def test_be_late_payment_rate_is_ecb_plus_8_rounded_up(entry):
    ecb = parameter("ecb.mro").at(entry.start).value
    margin = parameter("be.late_payment_rate_margin").at(entry.start).value
    assert entry.value == round_up_half(ecb + margin)


def test_fr_2023_s2_floor_matches_the_published_value():
    assert 3 * parameter("fr.legal_rate.other").at(date(2023, 7, 1)).value == Decimal("12.66")
    assert parameter("fr.contractual_rate_floor_multiplier").at(date(2023, 7, 1)).value == 3


@pytest.mark.parametrize("name, day, expected", [
    ("fr.late_payment_rate", date(2024, 7, 1), "14.25"),
    ("fr.late_payment_rate", date(2024, 12, 31), "14.25"),
    ("fr.late_payment_rate", date(2025, 1, 1), "13.15"),
    ("fr.late_payment_rate", date(2025, 7, 1), "12.15"),
    ("fr.late_payment_rate", date(2026, 3, 1), "12.15"),
    ("fr.legal_rate.other", date(2025, 3, 1), "3.71"),
    ("fr.legal_rate.natural_person", date(2026, 1, 1), "6.67"),
    ("fr.legal_rate.other", date(2026, 6, 30), "2.62"),
    ("be.late_payment_rate", date(2025, 9, 1), "10.5"),
    ("be.legal_rate", date(2026, 5, 1), "4.50"),
    ("ecb.mro", date(2012, 1, 1), "1.00"),
    ("ecb.mro", date(2012, 7, 10), "1.00"),
    ("ecb.mro", date(2012, 7, 11), "0.75"),
    ("fr.b2b_recovery_indemnity", date(2025, 1, 1), "40"),
    ("be.b2b_recovery_indemnity", date(2025, 1, 1), "40"),
])
def test_reference_values(name, day, expected):
    assert parameter(name).at(day).value == Decimal(expected)


@pytest.mark.parametrize("name, start", [
    ("fr.legal_rate.natural_person", date(2026, 7, 1)), ("fr.legal_rate.other", date(2026, 7, 1)),
    ("ecb.mro", date(2026, 6, 17)), ("fr.late_payment_rate", date(2026, 7, 1)),
    ("fr.late_payment_rate", date(2012, 1, 1)), ("fr.late_payment_rate", date(2012, 7, 1)),
    ("be.late_payment_rate", date(2026, 7, 1)), ("be.prescription_years.consumer_goods", date(2012, 1, 1)),
])
def test_unconfirmed_values_are_flagged(name, start):
    entry = parameter(name).at(start)
    assert entry.start == start and entry.unconfirmed


def test_confirmed_values_are_not_flagged():
    for name, day in [("fr.late_payment_rate", date(2026, 1, 1)), ("ecb.mro", date(2026, 6, 16)),
                      ("be.legal_rate", date(2026, 1, 1)), ("fr.late_payment_rate", date(2025, 7, 1))]:
        assert not parameter(name).at(day).unconfirmed


def test_be_2013_first_semester_keeps_the_older_contracts_value_in_a_note():
    entry = parameter("be.late_payment_rate").at(date(2013, 1, 1))
    assert entry.value == Decimal("9.0") and "8 %" in entry.note


def test_worked_example_15_1():
    """10,000 due 15 Nov 2024, as of 15 Aug 2025: 179.59 + 652.10 + 153.12 = 984.81."""
    pieces = parameter("fr.late_payment_rate").periods(date(2024, 11, 16), date(2025, 8, 15))
    lines = [(Decimal(10000) * v.value / 100 * ((last - first).days + 1) / 365).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP) for first, last, v in pieces]
    assert lines == [Decimal("179.59"), Decimal("652.10"), Decimal("153.12")]


def max_lump_sum(balance: Decimal) -> Decimal:
    scale = parameter("be.b2c_lump_sum").at(date(2024, 1, 1)).value
    for b in scale["brackets"]:
        if b["up_to"] is None or balance <= b["up_to"]:
            amount = b["fixed"] + (balance - b["over"]) * b["percent"] / 100
            return min(amount, scale["cap"]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    raise AssertionError("no open-ended bracket")


@pytest.mark.parametrize("balance, expected", [
    ("80", "20"), ("150", "20"), ("150.01", "30.00"), ("215", "36.50"), ("500", "65"), ("500.01", "65.00"),
    ("1000", "90"), ("10000", "540"), ("39200", "2000"), ("100000", "2000")])
def test_be_lump_sum_scale_reference_15_2(balance, expected):
    assert max_lump_sum(Decimal(balance)) == Decimal(expected)


def test_stale_table_raises_with_guidance():
    with pytest.raises(StaleRateTableError) as caught:
        parameter("fr.late_payment_rate").at(date(2027, 1, 1))
    err = caught.value
    assert err.table == "fr.late_payment_rate" and err.last_valid == date(2026, 12, 31)
    assert "--assume-last-rate" in err.message and "2026-12-31" in err.message
    assert isinstance(err, LegalDataError)


def test_last_valid_day_itself_is_not_stale():
    assert parameter("fr.late_payment_rate").at(date(2026, 12, 31)).value == Decimal("12.40")
    assert parameter("ecb.mro").at(date(2026, 7, 1)).value == Decimal("2.40")
    with pytest.raises(StaleRateTableError):
        parameter("ecb.mro").at(date(2026, 7, 2))


def test_assume_last():
    entry = parameter("be.legal_rate").at(date(2030, 5, 1), assume_last=True)
    assert entry.start == date(2026, 1, 1) and entry.value == Decimal("4.50")


def test_before_first_value_is_a_legal_data_error_not_a_stale_one():
    with pytest.raises(LegalDataError) as caught:
        parameter("fr.legal_rate.other").at(date(2014, 12, 31))
    assert not isinstance(caught.value, StaleRateTableError)


def test_unknown_parameter():
    with pytest.raises(LegalDataError):
        parameter("fr.no_such_rate")


def test_periods_split_at_every_entry_and_cover_the_range():
    table = parameter("fr.late_payment_rate")
    pieces = table.periods(date(2016, 6, 15), date(2017, 8, 3))
    assert [(a, b, v.value) for a, b, v in pieces] == [
        (date(2016, 6, 15), date(2016, 6, 30), Decimal("10.05")),
        (date(2016, 7, 1), date(2016, 12, 31), Decimal("10.00")),
        (date(2017, 1, 1), date(2017, 6, 30), Decimal("10.00")),   # same number, own entry
        (date(2017, 7, 1), date(2017, 8, 3), Decimal("10.00"))]


def test_periods_single_day_and_empty_range():
    table = parameter("ecb.mro")
    assert table.periods(date(2012, 7, 11), date(2012, 7, 11)) == [
        (date(2012, 7, 11), date(2012, 7, 11), table.at(date(2012, 7, 11)))]
    assert table.periods(date(2020, 1, 2), date(2020, 1, 1)) == []


def test_periods_past_the_end_need_assume_last():
    table = parameter("be.late_payment_rate")
    with pytest.raises(StaleRateTableError):
        table.periods(date(2026, 11, 1), date(2027, 2, 1))
    pieces = table.periods(date(2026, 11, 1), date(2027, 2, 1), assume_last=True)
    assert [(a, b) for a, b, _ in pieces] == [(date(2026, 11, 1), date(2027, 2, 1))]
    assert pieces[0][2].unconfirmed


def test_version_is_a_stable_short_fingerprint():
    versions = {name: t.version() for name, t in TABLES.items()}
    assert all(len(v) == 12 and int(v, 16) >= 0 for v in versions.values())
    assert len(set(versions.values())) == len(versions)
    assert parameter("ecb.mro").version() == versions["ecb.mro"]


GOOD = """description: "x"
unit: percent
reference: "r"
last_value_still_valid_on: 2020-12-31
values:
  2020-01-01: {value: "1.50", source: "s"}
"""


def test_parse_table_reads_a_minimal_file():
    table = parse_table("t", GOOD.encode())
    assert isinstance(table, Parameter)
    assert table.values == (DatedValue(date(2020, 1, 1), Decimal("1.50"), "s"),)


@pytest.mark.parametrize("broken", [
    GOOD.replace('"1.50"', "1.50"),                                   # YAML float
    GOOD + '  2020-01-01: {value: "2", source: "s"}\n',               # duplicate start
    GOOD.replace('source: "s"', 'source: ""'),                        # empty source
    GOOD.replace("unit: percent", "unit: furlongs"),                  # unknown unit
    GOOD.replace("2020-01-01:", '"2020-01-01":'),                     # start not a date
    GOOD.replace("2020-12-31", "2019-12-31"),                         # valid-until before last start
    GOOD.replace("unit: percent", "unit: days"),                      # 1.50 days
    GOOD.replace('source: "s"}', 'source: "s", extra: 1}'),           # unknown key
])
def test_parse_table_rejects(broken):
    with pytest.raises(LegalDataError):
        parse_table("t", broken.encode())
