"""Statements matched to the catalog and turned into indicator values (one per code)."""

from __future__ import annotations

from typing import Any

from baocao.model import IndicatorValue
from extractors.appendix.found import Found
from extractors.appendix.patterns import NAME_HINTS
from extractors.statements import Reading
from gazetteer.indicators import Indicator, by_code, match_label
from normalizers.numbers import ParsedNumber, parse_rate


def to_values(table_found: list[Found], prose_found: list[Found]) -> list[IndicatorValue]:
    values: list[IndicatorValue] = []
    seen: set[str] = set()
    filled = {m.indicator.code for m in (i.match() for i in table_found if "empty" not in i.notes) if m.indicator}
    for item in table_found:
        if "empty" in item.notes and empty_line_code(item, filled) is None:
            continue  # a heading row, or a line already reported elsewhere
        append(values, to_value(item, seen))
    for item in prose_found:
        match = item.match()
        code = match.indicator.code if match.indicator else None
        if table_found and (code is None or code in seen):
            continue  # a text rendering of a table already read
        append(values, to_value(item, seen))
    return values


def append(values: list[IndicatorValue], value: IndicatorValue) -> None:
    """Add a line, or complete the earlier line of the same code with its missing half.

    Reports put "Số giáo viên có máy tính: 12.345" and "Tỉ lệ giáo viên có máy tính:
    98,5%" on two rows; the second is the rate of the first, not a duplicate.
    """
    code = duplicate_of(value)
    earlier = next((v for v in values if code and v.code == code), None)
    if earlier is not None and complements(earlier, value):
        if earlier.value is None:
            earlier.value, earlier.value_raw = value.value, value.value_raw
        else:
            earlier.rate, earlier.rate_raw = value.rate, value.rate_raw
        earlier.raw = f"{earlier.raw} / {value.raw}"
        earlier.notes = dedupe([*earlier.notes, *(n for n in value.notes if not n.startswith("duplicate_code:")),
                                 "halves_merged"])
        return
    values.append(value)


def duplicate_of(value: IndicatorValue) -> str | None:
    return next((n.split(":", 1)[1] for n in value.notes if n.startswith("duplicate_code:")), None)


def complements(earlier: IndicatorValue, later: IndicatorValue) -> bool:
    """One line holds only the count and the other only the rate."""
    only_value = earlier.value is not None and earlier.rate is None and later.value is None and later.rate is not None
    only_rate = earlier.rate is not None and earlier.value is None and later.value is not None and later.rate is None
    return only_value or only_rate


def empty_line_code(item: Found, filled: set[str]) -> str | None:
    match = match_label(item.reading.label)  # on its own words only: headings need context
    if match.indicator is None or match.indicator.code in filled:
        return None
    return match.indicator.code


def to_value(item: Found, seen: set[str]) -> IndicatorValue:
    reading = item.reading
    match = item.match()
    indicator = match.indicator
    notes = list(item.notes) + list(reading.notes)
    code = indicator.code if indicator else None
    if code is not None and code in seen:
        notes.append(f"duplicate_code:{code}")
        code = None
    elif code is not None:
        seen.add(code)
        if match.ambiguous_with:
            notes.append("ambiguous_label:" + ",".join(match.ambiguous_with))
    value, rate = fit_to_indicator(reading, indicator, notes)
    names = platform_names(reading) if indicator and indicator.keeps_names else []
    return IndicatorValue(
        code=code,
        label=item.label,
        value=value.value if value else None,
        rate=rate.value if rate else None,
        raw=" ".join(item.raw.split()),
        location=item.location,
        notes=dedupe(notes + list(value.notes if value else ()) + rate_notes(rate)),
        value_raw=value.raw if value else None,
        rate_raw=rate.raw if rate else None,
        names=names,
    )


def fit_to_indicator(
    reading: Reading, indicator: Indicator | None, notes: list[str]
) -> tuple[ParsedNumber | None, ParsedNumber | None]:
    """A rate-only line ("chiếm 3") read as a count is really a rate without "%"."""
    value, rate = reading.value, reading.rate
    if indicator is not None and not indicator.wants_count and rate is None and value is not None:
        notes.append("rate_without_percent_sign")
        return None, parse_rate(value.raw)
    return value, rate


def rate_notes(rate: ParsedNumber | None) -> list[str]:
    return [f"rate_{n}" if not n.startswith("rate_") else n for n in rate.notes] if rate else []


def platform_names(reading: Reading) -> list[str]:
    return [n for n in reading.names if not any(h in n.lower() for h in NAME_HINTS)]


def dedupe(items: list[Any]) -> list[Any]:
    return list(dict.fromkeys(items))


def catalog_label(code: str) -> str:
    return by_code()[code].label
