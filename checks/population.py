"""Lines about the same population must imply the same total (family "population").

A line "51.608 giáo viên đạt 97,1%" says the province has 51.608 / 0,971 ≈ 53.150
teachers; "5300 giáo viên có Internet đạt 100%" says it has 5.300.  Both cannot be true.
The rate is rounded as written (97,1 means 97,05–97,15), so each line gives an
interval of possible totals; two lines contradict when their intervals stay apart by
more than :data:`RELATIVE_TOLERANCE` (:data:`RECORDS_TOLERANCE` for the records lines
of section 8), which absorbs lines counted on slightly different dates or scopes.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace

from baocao.model import Extraction, Flag, IndicatorValue
from checks.registry import format_number, make_flag
from checks.template import MAY_INCLUDE, Population, populations

RELATIVE_TOLERANCE = 0.05  # 5 % beyond rounding before two implied totals contradict
# Section 8 counts come from the records systems, whose scope is looser ("nhà giáo" may
# take in managers, "người học" adult learners): they contradict only beyond 15 %.
RECORDS_TOLERANCE = 0.15
RECORDS_CODES = frozenset({"8a", "8b", "8c", "8d"})


def pair_tolerance(a: str, b: str) -> float:
    return RECORDS_TOLERANCE if a in RECORDS_CODES or b in RECORDS_CODES else RELATIVE_TOLERANCE


@dataclass(frozen=True)
class ImpliedTotal:
    line: IndicatorValue
    point: float
    low: float
    high: float
    # Other readings of the same line, e.g. 8c ("nhà giáo") less the lecturers it may include
    alternatives: tuple[tuple[float, float], ...] = ()

    @property
    def code(self) -> str:
        return self.line.code or "?"

    @property
    def ranges(self) -> tuple[tuple[float, float], ...]:
        return ((self.low, self.high), *self.alternatives)


def rate_decimals(line: IndicatorValue) -> int:
    """How many decimals the rate was written with (from rate_raw, else the float)."""
    raw = (line.rate_raw or "").replace("%", "").strip()
    for sep in (",", "."):
        if sep in raw:
            return len(raw.rsplit(sep, 1)[1].strip())
    if raw:
        return 0
    assert line.rate is not None
    text = repr(float(line.rate))
    return 0 if text.endswith(".0") else len(text.split(".")[1])


def implied_total(line: IndicatorValue) -> ImpliedTotal | None:
    """count ÷ rate × 100 with the interval the rate's rounding allows; None if undefined."""
    if line.value is None or line.rate is None or not 0 < line.rate <= 100 or line.value <= 0:
        return None
    half = 0.5 * 10 ** -rate_decimals(line)
    low_rate = max(line.rate - half, line.rate / 2)
    high_rate = min(line.rate + half, 100.0)
    scale = float(line.value) * 100
    return ImpliedTotal(line, scale / line.rate, scale / high_rate, scale / low_rate)


def totals_agree(a: ImpliedTotal, b: ImpliedTotal, tolerance: float | None = None) -> bool:
    """Whether some reading of a and some reading of b overlap (with the tolerance)."""
    if tolerance is None:
        tolerance = pair_tolerance(a.code, b.code)
    return any(
        a_low <= b_high * (1 + tolerance) and b_low <= a_high * (1 + tolerance)
        for a_low, a_high in a.ranges
        for b_low, b_high in b.ranges
    )


def _first_per_code(extraction: Extraction, codes: tuple[str, ...]) -> list[ImpliedTotal]:
    totals = []
    for code in codes:
        line = next((x for x in extraction.indicators if x.code == code), None)
        total = implied_total(line) if line else None
        if total is not None:
            totals.append(total)
    return totals


def with_included(extraction: Extraction, total: ImpliedTotal) -> ImpliedTotal:
    """8c counts "nhà giáo" (teachers and lecturers), 8b "người học" (pupils and students):
    also accept the line's total less the included population's."""
    included_key = MAY_INCLUDE.get(total.code)
    included = next((p for p in populations() if p.key == included_key), None)
    others = _first_per_code(extraction, included.codes) if included else []
    if not others:
        return total
    other = others[0]
    alternative = (max(total.low - other.high, 0.0), max(total.high - other.low, 0.0))
    return replace(total, alternatives=(alternative,))


def _explain(total: ImpliedTotal) -> str:
    line = total.line
    sign = "=" if abs(total.point - float(line.value or 0)) < 0.5 else "≈"
    return (
        f"{total.code}: {format_number(line.value)} ÷ {format_number(line.rate)}% "
        f"{sign} {format_number(round(total.point))}"
    )


def check_population(extraction: Extraction, population: Population) -> Flag | None:
    totals = [with_included(extraction, t) for t in _first_per_code(extraction, population.codes)]
    disagreeing = sorted(
        {t.code for a in totals for b in totals if not totals_agree(a, b) for t in (a, b)}
    )
    if not disagreeing:
        return None
    median = statistics.median(t.point for t in totals)
    suspect = max(totals, key=lambda t: abs(t.point - median))
    return make_flag(
        "population_inconsistent",
        f"Các dòng về {population.name} suy ra tổng số {population.name} khác nhau: "
        + "; ".join(_explain(t) for t in totals)
        + f". Dòng {suspect.code} lệch nhiều nhất; ít nhất một số lượng hoặc tỉ lệ bị ghi sai.",
        indicators=disagreeing,
        evidence={
            "population": population.key,
            "lines": [
                {
                    "code": t.code,
                    "value": t.line.value,
                    "rate": t.line.rate,
                    "implied_total": round(t.point),
                    "implied_range": [round(t.low), round(t.high)],
                    **({"range_without_included": [round(x) for x in t.alternatives[0]]} if t.alternatives else {}),
                }
                for t in totals
            ],
            "suspect": suspect.code,
            "tolerance": RELATIVE_TOLERANCE,
            "records_tolerance": RECORDS_TOLERANCE,
        },
        location=suspect.line.location,
    )


def population_inconsistent(extraction: Extraction) -> list[Flag]:
    """One flag per population whose lines imply contradicting totals."""
    flags = []
    for population in populations():
        flag = check_population(extraction, population)
        if flag is not None:
            flags.append(flag)
    return flags
