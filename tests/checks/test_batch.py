"""check_batch: a province's rate far outside the other provinces' range."""

from __future__ import annotations

import pytest

from checks.batch import MIN_PROVINCES, check_batch, check_batch_by_source, outliers
from tests.checks.factories import clean_extraction


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([30, 32, 28, 35, 31, 29, 90], [6]),  # one wild value
        ([95, 98, 100, 97, 99, 96, 20], [6]),  # far below a tight cluster
        ([100, 100, 100, 100, 100, 40], [5]),  # everyone at 100 (MAD 0) but one
        ([100, 100, 100, 100, 100, 95], []),  # close to the others: not worth a flag
        ([10, 30, 50, 70, 90, 20, 60], []),  # widely spread: nobody is "far"
        ([30, 32, 90, 31], []),  # too few provinces to speak of a range
        ([100, 100, 100, 100, 100], []),  # all equal
    ],
)
def test_outliers(values, expected):
    assert outliers([float(v) for v in values]) == expected


def _batch(rates_2a: list[float]):
    batch = []
    for index, rate in enumerate(rates_2a):
        value = round(rate * 4000)
        batch.append(clean_extraction(province=f"Tỉnh {index}", c2a=(value, rate)))
    return batch


def test_check_batch_names_the_province_and_the_range():
    batch = _batch([30.0, 32.0, 28.0, 35.0, 31.0, 29.0, 90.0])
    flags = check_batch(batch)
    assert [(f.code, f.indicator, f.evidence["province"]) for f in flags] == [
        ("rate_outlier_across_provinces", "2a", "Tỉnh 6")
    ]
    flag = flags[0]
    assert flag.evidence["median"] == 31.0 and flag.evidence["provinces"] == 7
    assert flag.evidence["source"] == "Tỉnh 6.txt"
    assert "Tỉnh 6" in flag.message and "90%" in flag.message and "31%" in flag.message


def test_identical_clean_reports_raise_nothing():
    assert check_batch([clean_extraction(province=f"Tỉnh {i}") for i in range(8)]) == []


def test_too_few_provinces_raise_nothing():
    assert check_batch(_batch([30.0, 90.0, 31.0][: MIN_PROVINCES - 1])) == []


def test_a_province_reported_twice_counts_once():
    # the same wild province sent 4 times must not become "the others' range"
    batch = _batch([30.0, 32.0, 28.0, 35.0, 31.0]) + _batch([90.0])[:1] * 4
    for extraction in batch[5:]:
        extraction.province = "Tỉnh X"
    flags = check_batch(batch)
    assert [f.evidence["province"] for f in flags] == ["Tỉnh X"]


def test_check_batch_by_source_groups_flags_by_report():
    batch = _batch([30.0, 32.0, 28.0, 35.0, 31.0, 29.0, 90.0])
    batch[6].source.sha256 = "f" * 64
    grouped = check_batch_by_source(batch)
    assert list(grouped) == ["f" * 64]
    assert [f.indicator for f in grouped["f" * 64]] == ["2a"]


def test_provinces_without_the_population_are_not_outliers():
    # most provinces run no university ("0 đạt 0%"); the few that do report ~100%
    batch = [clean_extraction(province=f"Tỉnh {i}", c1b=(0, 0.0)) for i in range(30)]
    batch += [clean_extraction(province=f"Đại học {i}", c1b=(800, 100.0 - i)) for i in range(4)]
    assert [f for f in check_batch(batch) if f.indicator == "1b"] == []
