"""Property tests: what we format as Vietnamese numbers reads back as the same number,
and the citation finder never raises and stays linear on any text."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from checks.registry import format_number
from extractors.citations import extract_citations_text
from normalizers.numbers import parse_count, parse_rate
from outputs.neutral import vn_number, vn_rate

COUNTS = st.integers(min_value=0, max_value=10**15 - 1)
RATES = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=150, deadline=None)
@given(COUNTS)
def test_counts_round_trip_through_every_formatter(value: int) -> None:
    for text in (vn_number(value), format_number(value), f"{value:,}".replace(",", ".")):
        reading = parse_count(text)
        assert reading.value == value, (text, reading)


@settings(max_examples=150, deadline=None)
@given(RATES)
def test_rates_round_trip(value) -> None:  # noqa: ANN001 - a Decimal
    rate = float(value)
    for text in (vn_rate(rate, 2), format_number(rate) + "%", f"{rate:.2f}".replace(".", ",") + " %"):
        reading = parse_rate(text)
        assert reading.value is not None and abs(reading.value - rate) < 0.005, (text, reading)


CITATION_TEXT = st.lists(
    st.sampled_from(list("0123456789/-.,; QĐTTgBGDĐKHUBNDCVngàyháêsố\n") + ["số ", "ngày ", "/QĐ-TTg", "Quyết định "]),
    max_size=300,
).map("".join)


@settings(max_examples=100, deadline=None)
@given(CITATION_TEXT)
def test_citation_finder_never_raises(text: str) -> None:
    for citation in extract_citations_text(text):
        assert citation.raw


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(["1", "/", "-", "số ", "QĐ-", "ngày 1/", "Quyết định số 1", "/QĐ-TTg "]))
def test_citation_finder_is_linear_on_long_runs(unit: str) -> None:
    text = unit * (100_000 // len(unit))
    started = time.perf_counter()
    extract_citations_text(text)
    assert time.perf_counter() - started < 5.0
