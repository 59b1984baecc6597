"""Per-line checks of Appendix 2 values against the template (family "values").

Each rule is a pure function of the extraction's indicator lines.  Missing is None,
never 0: a line "0 đạt tỉ lệ 0%" is filled; a line with "......" is not.
"""

from __future__ import annotations

import re
from collections import defaultdict

from baocao.model import Extraction, Flag, IndicatorValue
from checks.lines import PLACEHOLDER_NOTES, line_name, note_detail, note_key, part_notes, sentence_case
from checks.registry import format_number, make_flag
from checks.template import RATE_USUAL, UNIVERSITY_ONLY, template_codes, template_label, wants_rate, wants_value

_PLACEHOLDER_TEXT = re.compile(r"^[\s.…_\-–%:]*$")
# The template's value blank: a run of dots/ellipses right before "đạt", "tỉ lệ" or the
# end ("......đạt tỉ lệ", "…. , đạt"), not an ellipsis inside a label ("(máy tính, …)").
_VALUE_PLACEHOLDER = re.compile(r"(?:(?<!\.)\.{3,}|(?<!…)…)[\s.…]*+,?\s*+(?:đạt\b|t[iỉỷ]\s*l[eệ]|$)", re.IGNORECASE)
_RATE_PLACEHOLDER = re.compile(r"(?:(?<!\.)\.{2,}+|…)\s*+%")


def rate_out_of_range(extraction: Extraction) -> list[Flag]:
    """A percentage must lie in [0, 100]; outside it a digit or a column was misread."""
    flags = []
    for line in extraction.indicators:
        if line.rate is None or 0 <= line.rate <= 100:
            continue
        flags.append(
            make_flag(
                "rate_out_of_range",
                f"Tỉ lệ {format_number(line.rate)}% của {line_name(line)} nằm ngoài khoảng "
                "0–100%.",
                indicator=line.code,
                evidence={"rate": line.rate, "rate_raw": line.rate_raw, "raw": line.raw},
                location=line.location,
            )
        )
    return flags


def _stated_total(line: IndicatorValue) -> int | None:
    """The whole of a "part/whole" value ("163/163 thủ tục"), from the extractor's note."""
    for note in line.notes:
        if note_key(note) == "value_of_total" and (detail := note_detail(note)):
            digits = re.sub(r"\D", "", detail)
            return int(digits) if digits else None
    return None


def _zero_at_positive_rate(line: IndicatorValue) -> Flag | None:
    if line.value != 0 or line.rate is None or line.rate <= 0:
        return None
    return make_flag(
        "value_rate_inconsistent",
        f"{sentence_case(line_name(line))} ghi số lượng 0 nhưng tỉ lệ {format_number(line.rate)}%; "
        "một trong hai bị ghi sai hoặc đặt nhầm cột.",
        indicator=line.code,
        evidence={"value": line.value, "rate": line.rate, "raw": line.raw},
        location=line.location,
    )


def _ratio_against_rate(line: IndicatorValue) -> Flag | None:
    whole = _stated_total(line)
    if whole is None or whole <= 0 or line.value is None or line.rate is None:
        return None
    computed = line.value * 100 / whole
    if abs(computed - line.rate) <= 0.5 + 0.05:  # the rate's rounding, written as a whole number
        return None
    return make_flag(
        "value_rate_inconsistent",
        f"{sentence_case(line_name(line))} ghi {format_number(line.value)}/{format_number(whole)} "
        f"(= {format_number(round(computed, 2))}%) nhưng tỉ lệ ghi {format_number(line.rate)}%.",
        indicator=line.code,
        evidence={"value": line.value, "whole": whole, "rate": line.rate, "rate_computed": round(computed, 2),
                  "raw": line.raw},
        location=line.location,
    )


def value_rate_inconsistent(extraction: Extraction) -> list[Flag]:
    """A line's count and rate contradict each other.

    A count of 0 cannot be a positive share ("0 đạt tỉ lệ 35%"), and "163/170 ... đạt
    100%" computes to 95,9%.  A positive count at "0%" is left alone: 0% may be a
    rounded 0,3%.
    """
    flags = []
    for line in extraction.indicators:
        flag = _zero_at_positive_rate(line) or _ratio_against_rate(line)
        if flag is not None:
            flags.append(flag)
    return flags


def _has_placeholder_note(line: IndicatorValue, part: str) -> bool:
    return any(word in key for key in part_notes(line, part) for word in PLACEHOLDER_NOTES)


def _part_is_placeholder(line: IndicatorValue, part: str) -> bool:
    """Whether the template's blank was left for this part (not merely absent)."""
    if _has_placeholder_note(line, part):
        return True
    raw_part = line.value_raw if part == "value" else line.rate_raw
    if raw_part is not None and raw_part.strip():
        return bool(_PLACEHOLDER_TEXT.match(raw_part))
    if part == "rate":
        return bool(_RATE_PLACEHOLDER.search(line.raw or ""))
    return bool(_VALUE_PLACEHOLDER.search(line.raw or ""))


# A part whose number was written but could not be read is a parse problem
# (parse_unsure, from the notes), not a missing figure.
_UNREAD_NOTES = frozenset({"unreadable", "not_whole", "too_many_digits"})


def _missing_parts(line: IndicatorValue) -> list[str]:
    assert line.code is not None
    parts = []
    if wants_value(line.code) and line.value is None and not _UNREAD_NOTES & set(part_notes(line, "value")):
        parts.append("value")
    if wants_rate(line.code) and line.rate is None and not _UNREAD_NOTES & set(part_notes(line, "rate")):
        parts.append("rate")
    return parts


def _not_applicable(line: IndicatorValue, parts: list[str]) -> bool:
    """The report wrote "-", "x", "không" on purpose: no figure, not a forgotten one.

    "Không có, đạt tỉ lệ: ....%": with no count there is no rate to give, so a template
    placeholder left in the rate is not a second thing missing.
    """
    if all("not_applicable" in part_notes(line, part) for part in parts):
        return True
    return "value" in parts and "not_applicable" in part_notes(line, "value") and all(
        part == "value" or _part_is_placeholder(line, part) for part in parts
    )


_PART_NAMES = {"value": "số lượng", "rate": "tỉ lệ"}


def _unfilled_or_missing(line: IndicatorValue) -> Flag | None:
    """One flag per line: value_unfilled when the blank was left, else value_or_rate_missing."""
    missing = _missing_parts(line)
    if not missing:
        return None
    expected = [p for p in ("value", "rate") if (wants_value if p == "value" else wants_rate)(line.code)]
    placeholders = [p for p in missing if _part_is_placeholder(line, p)]
    names = " và ".join(_PART_NAMES[p] for p in missing)
    evidence = {"missing": missing, "value": line.value, "rate": line.rate, "raw": line.raw}
    if _not_applicable(line, missing):
        return make_flag(
            "value_unfilled",
            f"{sentence_case(line_name(line))} ghi là không có/không áp dụng ({names}).",
            severity="info",
            indicator=line.code,
            evidence={**evidence, "not_applicable": True},
            location=line.location,
        )
    if placeholders or len(missing) == len(expected):
        university = line.code in UNIVERSITY_ONLY and len(missing) == len(expected)
        return make_flag(
            "value_unfilled",
            f"{sentence_case(line_name(line))} chưa điền {names}"
            + (" (còn chỗ trống của mẫu)" if placeholders else "")
            + ("; dòng chỉ áp dụng khi địa phương có cơ sở GDĐH trực thuộc." if university else "."),
            severity="info" if university else None,
            indicator=line.code,
            evidence={**evidence, "placeholder": placeholders},
            location=line.location,
        )
    present = "tỉ lệ" if missing == ["value"] else "số lượng"
    estimate = missing == ["value"] and line.code in RATE_USUAL
    return make_flag(
        "value_or_rate_missing",
        f"{sentence_case(line_name(line))} có {present} nhưng thiếu {names}; biểu mẫu yêu cầu cả hai"
        + (" (dòng ước tính, các địa phương thường chỉ ghi tỉ lệ)." if estimate else "."),
        severity="info" if estimate else None,
        indicator=line.code,
        evidence=evidence,
        location=line.location,
    )


BLANK_APPENDIX_SHARE = 0.8  # this share of the template's lines unfilled: one flag, not 25


def _blank_appendix(extraction: Extraction, unfilled: list[Flag]) -> Flag:
    codes = [f.indicator for f in unfilled if f.indicator]
    return make_flag(
        "value_unfilled",
        f"Phụ lục 2 hầu như chưa điền: {len(codes)}/{len(template_codes())} dòng của biểu mẫu còn trống "
        "(có thể địa phương gửi nhầm mẫu trắng). Cần đề nghị địa phương gửi lại số liệu.",
        indicators=codes,
        evidence={"unfilled": codes, "lines": len(extraction.indicators)},
        location=unfilled[0].location,
    )


def value_unfilled_or_missing(extraction: Extraction) -> list[Flag]:
    """value_unfilled and value_or_rate_missing (one flag per template line at most).

    An appendix left (almost) entirely blank is one flag: the reviewer's decision is the
    same for every line (ask the province to send its figures).
    """
    flags = []
    for line in extraction.indicators:
        if line.code is None:
            continue
        flag = _unfilled_or_missing(line)
        if flag is not None:
            flags.append(flag)
    unfilled = [f for f in flags if f.code == "value_unfilled" and not f.evidence.get("not_applicable")]
    if len(unfilled) >= BLANK_APPENDIX_SHARE * len(template_codes()):
        return [_blank_appendix(extraction, unfilled)] + [f for f in flags if f not in unfilled]
    return flags


def line_missing(extraction: Extraction) -> list[Flag]:
    """Template lines absent from the report; no appendix at all is a single flag.

    Lines missing from the same template item (8a-8e, 9a-9d ...) make one flag: a report
    that leaves out a whole item is one thing for the reviewer to ask about, not five.
    """
    found = {line.code for line in extraction.indicators if line.code}
    if not extraction.indicators:
        return [
            make_flag(
                "appendix_missing",
                "Không tìm thấy số liệu Phụ lục 2 (Biểu số liệu thống kê) trong báo cáo.",
                evidence={"expected": len(template_codes())},
            )
        ]
    groups: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for code in template_codes():
        if code not in found:
            groups[(code.rstrip("abcdefgh"), code in UNIVERSITY_ONLY)].append(code)
    return [_missing_flag(codes, university, len(found)) for (_, university), codes in groups.items()]


def _missing_flag(codes: list[str], university: bool, found: int) -> Flag:
    named = ", ".join(f"{code} ({template_label(code)})" for code in codes)
    lines = f"dòng {named}" if len(codes) == 1 else f"{len(codes)} dòng {named}"
    return make_flag(
        "line_missing",
        f"Không tìm thấy {lines} của biểu mẫu trong báo cáo"
        + (" (dòng chỉ áp dụng khi địa phương có cơ sở GDĐH trực thuộc)." if university else "."),
        severity="info" if university else None,
        indicator=codes[0] if len(codes) == 1 else None,
        indicators=codes if len(codes) > 1 else None,
        evidence={"codes": codes, "code": codes[0], "found": found, "university_only": university},
    )


def line_outside_template(extraction: Extraction) -> list[Flag]:
    """Lines the report adds beyond the template (kept, never summed)."""
    flags = []
    for line in extraction.indicators:
        if line.code is not None or any(note_key(n) == "duplicate_code" for n in line.notes):
            continue  # a duplicate of a template line is line_duplicated's business
        flags.append(
            make_flag(
                "line_outside_template",
                f"{sentence_case(line_name(line))} không thuộc biểu mẫu Phụ lục 2; số liệu được giữ "
                "lại để tham khảo.",
                evidence={"label": line.label, "value": line.value, "rate": line.rate},
                location=line.location,
            )
        )
    return flags


def _describe(line: IndicatorValue) -> str:
    return f"{format_number(line.value)} / {format_number(line.rate)}%"


def line_duplicated(extraction: Extraction) -> list[Flag]:
    """Two lines read as the same code with different numbers: one was mis-matched."""
    by_code: dict[str, list[IndicatorValue]] = defaultdict(list)
    for line in extraction.indicators:
        if line.code:
            by_code[line.code].append(line)
    flags = []
    for code, lines in by_code.items():
        readings = {(line.value, line.rate) for line in lines}
        if len(lines) < 2 or len(readings) < 2:
            continue
        flags.append(
            make_flag(
                "line_duplicated",
                f"Chỉ tiêu {code} xuất hiện {len(lines)} lần với số liệu khác nhau: "
                + "; ".join(_describe(line) for line in lines)
                + ".",
                indicator=code,
                evidence={"readings": [{"value": x.value, "rate": x.rate, "raw": x.raw} for x in lines]},
                location=lines[1].location,
            )
        )
    return flags
