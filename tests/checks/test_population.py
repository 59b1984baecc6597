"""population_inconsistent: implied totals (count ÷ rate) of lines about the same people."""

from __future__ import annotations

import pytest

from checks.population import implied_total, population_inconsistent, rate_decimals
from tests.checks.factories import extraction, line


@pytest.mark.parametrize(
    ("value", "rate", "rate_raw", "point", "low", "high"),
    [
        (51608, 97.1, "97,1%", 53149, 53122, 53177),  # 97,1 means 97,05..97,15
        (5300, 100.0, "100%", 5300, 5300, 5327),  # 100 may be a rounded 99,5
        (362942, 32.86, "32.86 %", 1104510, 1104342, 1104678),
    ],
)
def test_implied_total_interval(value, rate, rate_raw, point, low, high):
    total = implied_total(line("1a", value, rate, rate_raw=rate_raw))
    assert total is not None
    assert (round(total.point), round(total.low), round(total.high)) == (point, low, high)


@pytest.mark.parametrize(
    ("value", "rate"),
    [(None, 97.1), (51608, None), (0, 0.0), (10, 0.0), (10, 120.0)],
)
def test_implied_total_undefined(value, rate):
    assert implied_total(line("1a", value, rate)) is None


@pytest.mark.parametrize(("rate_raw", "rate", "decimals"), [("97,1%", 97.1, 1), ("32.86 %", 32.86, 2),
                                                            ("100 %", 100.0, 0), (None, 81.9, 1), (None, 100.0, 0)])
def test_rate_decimals(rate_raw, rate, decimals):
    assert rate_decimals(line("2b", 1, rate, rate_raw=rate_raw)) == decimals


SEED_TEACHERS = (line("1a", 51608, 97.1, rate_raw="97,1%"), line("1c", 5300, 100.0, at=1),
                 line("8c", 64300, 100.0, at=2))
SEED_PUPILS = (line("2a", 362942, 32.86, rate_raw="32.86 %"), line("2c", 362942, 100.0, at=1),
               line("8b", 1002912, 100.0, at=2))
SEED_STUDENTS = (line("2b", 69511, 81.9, rate_raw="81,9 %"), line("2d", 69511, 100.0, at=1))


@pytest.mark.parametrize(
    ("lines", "indicators", "suspect"),
    [
        (SEED_TEACHERS, ["1a", "1c", "8c"], "1c"),
        (SEED_PUPILS, ["2a", "2c", "8b"], "2c"),
        (SEED_STUDENTS, ["2b", "2d"], "2b"),
        # two lines only, one typo'd rate
        ((line("1b", 800, 100.0), line("1d", 800, 80.0, at=1)), ["1b", "1d"], "1b"),
    ],
)
def test_seed_contradictions_are_flagged(lines, indicators, suspect):
    flags = population_inconsistent(extraction(*lines))
    assert len(flags) == 1
    flag = flags[0]
    assert (flag.code, flag.indicators, flag.evidence["suspect"]) == ("population_inconsistent", indicators, suspect)
    assert flag.location == next(x.location for x in lines if x.code == suspect)
    totals = {x["code"]: x["implied_total"] for x in flag.evidence["lines"]}
    assert set(totals) == {x.code for x in lines}


def test_message_explains_the_implied_totals():
    message = population_inconsistent(extraction(*SEED_TEACHERS))[0].message
    assert "51.608 ÷ 97,1% ≈ 53.149" in message
    assert "5.300 ÷ 100% = 5.300" in message
    assert "giáo viên" in message


@pytest.mark.parametrize(
    "lines",
    [
        # consistent: 19.600 at 98% and 20.000 at 100% both mean 20.000 teachers
        (line("1a", 19600, 98.0), line("1c", 20000, 100.0, at=1), line("8c", 20000, 100.0, at=2)),
        # rounding only: 97,1% of 53.150 is 51.608,6
        (line("1a", 51608, 97.1), line("1c", 53150, 100.0, at=1)),
        # within tolerance (records counted on another date)
        (line("2a", 300000, 75.0), line("2c", 410000, 100.0, at=1)),
        # records lines have a looser scope: 8c with managers is 10 % above the teachers
        (line("1a", 20000, 100.0), line("8c", 22000, 100.0, at=1)),
        # one line only: nothing to compare
        (line("2b", 69511, 81.9),),
        # missing rates or values never contradict anything
        (line("2a", 362942, None), line("2c", None, 100.0, at=1), line("8b", 1002912, 100.0, at=2)),
        # zeros (no universities) are not a population
        (line("2b", 0, 0.0), line("2d", 0, 0.0, at=1)),
    ],
)
def test_consistent_or_incomparable_lines_raise_nothing(lines):
    assert population_inconsistent(extraction(*lines)) == []


@pytest.mark.parametrize(
    ("lines", "flagged"),
    [
        # 8c "nhà giáo" = 20.000 teachers + 2.000 lecturers; 8b "người học" = pupils + students
        ((line("1a", 20000, 100.0), line("1b", 2000, 100.0, at=1), line("8c", 22000, 100.0, at=2)), False),
        ((line("2c", 400000, 100.0), line("2d", 40000, 100.0, at=1), line("8b", 440000, 100.0, at=2)), False),
        # ... or without them
        ((line("1a", 20000, 100.0), line("1b", 2000, 100.0, at=1), line("8c", 20000, 100.0, at=2)), False),
        # neither reading fits
        ((line("1a", 20000, 100.0), line("1b", 2000, 100.0, at=1), line("8c", 30000, 100.0, at=2)), True),
        # without a lecturers line, 8c must match the teachers (within the records' 15 %)
        ((line("1a", 20000, 100.0), line("8c", 24000, 100.0, at=2)), True),
    ],
)
def test_records_lines_may_include_lecturers_or_students(lines, flagged):
    assert bool(population_inconsistent(extraction(*lines))) == flagged


def test_lines_of_different_populations_are_not_compared():
    # 5.300 teachers and 362.942 pupils both at 100%: different people
    assert population_inconsistent(extraction(line("1c", 5300, 100.0), line("2c", 362942, 100.0, at=1))) == []
