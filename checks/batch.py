"""Checks across provinces: ``check_batch(extractions)`` (family "batch").

``rate_outlier_across_provinces``: for one indicator, a province whose rate lies far
from the other provinces' rates.  Robust statistics (median and MAD) so one wild value
does not hide itself by inflating the spread; rates crowd at 100 %, which makes the MAD
0, so we fall back to the mean absolute deviation and always require a minimum gap in
percentage points.  Counts are not compared: they scale with province size.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from baocao.model import Extraction, Flag, IndicatorValue
from checks.registry import format_number, make_flag

MIN_PROVINCES = 5  # fewer rates than this say nothing about "the others' range"
ROBUST_Z = 3.5  # Iglewicz-Hoaglin cut-off for the modified z-score
MIN_GAP_POINTS = 15.0  # never flag a rate closer than this to the median
MAD_SCALE = 1.4826  # MAD → standard deviation for normal data
MEAN_AD_SCALE = 1.2533  # mean absolute deviation → standard deviation


@dataclass(frozen=True)
class RatePoint:
    extraction: Extraction
    line: IndicatorValue

    @property
    def rate(self) -> float:
        assert self.line.rate is not None
        return self.line.rate

    @property
    def who(self) -> str:
        return self.extraction.province or self.extraction.source.path


def _nothing_to_rate(line: IndicatorValue) -> bool:
    """"0 đạt 0%" from a province without universities is no rate, not a low one."""
    return line.rate == 0 and not line.value


def _rates_by_code(extractions: list[Extraction]) -> dict[str, list[RatePoint]]:
    """One rate per (province or file) and code; the last report of a province wins."""
    latest: dict[tuple[str, str], RatePoint] = {}
    for extraction in extractions:
        for line in extraction.indicators:
            if line.code and line.rate is not None and 0 <= line.rate <= 100 and not _nothing_to_rate(line):
                point = RatePoint(extraction, line)
                latest.setdefault((line.code, point.who), point)
                latest[(line.code, point.who)] = point
    grouped: dict[str, list[RatePoint]] = {}
    for (code, _), point in latest.items():
        grouped.setdefault(code, []).append(point)
    return grouped


def robust_scale(values: list[float]) -> float:
    """A standard-deviation-like spread that ignores outliers (0 when all agree)."""
    median = statistics.median(values)
    deviations = [abs(v - median) for v in values]
    mad = statistics.median(deviations) * MAD_SCALE
    return mad if mad > 0 else statistics.fmean(deviations) * MEAN_AD_SCALE


def outliers(values: list[float]) -> list[int]:
    """Indexes of values far outside the others' range (empty below MIN_PROVINCES)."""
    if len(values) < MIN_PROVINCES:
        return []
    median = statistics.median(values)
    scale = robust_scale(values)
    if scale <= 0:
        return []
    return [
        i
        for i, v in enumerate(values)
        if abs(v - median) >= MIN_GAP_POINTS and abs(v - median) / scale > ROBUST_Z
    ]


def _flag(code: str, point: RatePoint, points: list[RatePoint]) -> Flag:
    rates = sorted(p.rate for p in points)
    median = statistics.median(rates)
    low, high = rates[len(rates) // 4], rates[(3 * len(rates)) // 4]
    return make_flag(
        "rate_outlier_across_provinces",
        f"{point.who}: tỉ lệ dòng {code} là {format_number(point.rate)}%, khác xa các tỉnh khác "
        f"(trung vị {format_number(median)}%, phần lớn trong khoảng {format_number(low)}–"
        f"{format_number(high)}%, {len(points)} tỉnh).",
        indicator=code,
        evidence={
            "province": point.extraction.province,
            "source": point.extraction.source.path,
            "sha256": point.extraction.source.sha256,
            "rate": point.rate,
            "median": median,
            "quartiles": [low, high],
            "robust_scale": round(robust_scale(rates), 3),
            "provinces": len(points),
        },
        location=point.line.location,
    )


def rate_outlier_across_provinces(extractions: list[Extraction]) -> list[Flag]:
    flags = []
    for code, points in sorted(_rates_by_code(extractions).items()):
        for index in outliers([p.rate for p in points]):
            flags.append(_flag(code, points[index], points))
    return flags


def check_batch(extractions: list[Extraction]) -> list[Flag]:
    """Cross-province flags; each names its province and source file in the evidence."""
    return rate_outlier_across_provinces(extractions)


def check_batch_by_source(extractions: list[Extraction]) -> dict[str, list[Flag]]:
    """The batch flags grouped by the sha256 of the report they belong to (for the store)."""
    grouped: dict[str, list[Flag]] = {}
    for flag in check_batch(extractions):
        grouped.setdefault(flag.evidence["sha256"], []).append(flag)
    return grouped
