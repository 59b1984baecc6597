"""Bounds of the number normaliser: absurdly long numbers are notes, never exceptions,
and reading any text stays linear (property tests with Hypothesis)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers.numbers import MAX_DIGITS, iter_number_tokens, parse_count, parse_rate

LONG = [
    "9" * 16,
    "9" * 310,  # overflowed float()
    "9" * 4400,  # over Python's int-string limit
    "1." * 3000 + "1",
    "1.234.567.890.123.456.789",
    "......" + "9" * 400 + "%",
]


@pytest.mark.parametrize("text", LONG, ids=lambda t: f"{len(t)}chars")
@pytest.mark.parametrize("parse", [parse_count, parse_rate])
def test_numbers_longer_than_a_statistic_are_notes_not_values(parse, text):
    reading = parse(text)
    assert reading.value is None
    assert "too_many_digits" in reading.notes
    assert reading.raw == text


def test_fifteen_digits_still_read():
    assert parse_count("123.456.789.012.345").value == 123_456_789_012_345
    assert MAX_DIGITS == 15


# Characters that build numbers, separators and the template's blanks.
_NUMBERISH = st.text(alphabet="0123456789.,%…_· \u00a0-xX/:đạtKhông", max_size=400)


@settings(max_examples=300, deadline=None)
@given(_NUMBERISH)
def test_parse_never_raises(text):
    for parse in (parse_count, parse_rate):
        reading = parse(text)
        assert reading.raw == text
        assert reading.value is None or isinstance(reading.value, int | float)
    list(iter_number_tokens(text))


@pytest.mark.slow  # 25 examples of 100,000-character inputs
@settings(max_examples=25, deadline=None)
@given(st.sampled_from(list("7.,…_· %-/:a")), st.sampled_from(list("7.,…_· %-/:a!")))
def test_parse_is_linear_on_long_runs(unit, tail):
    """A 100,000-character run of one character (a quadratic regex takes minutes)."""
    text = unit * 100_000 + tail
    start = time.perf_counter()
    parse_count(text)
    parse_rate(text)
    list(iter_number_tokens(text))
    assert time.perf_counter() - start < 1.0
