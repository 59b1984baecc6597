"""Flags from how a line was read (family "notes"): number formats and unsure parses.

The number normalizer and the appendix extractor attach short note codes to each
``IndicatorValue.notes`` (e.g. "decimal_dot", "rate_decimal_dot",
"value_after_rate_marker", "duplicate_code:1a").  Known codes map through
:data:`KNOWN_NOTES`; an unknown code is classified by the words in it, so a renamed or
new note still lands in the right family, and one we cannot classify becomes an *info*
parse_unsure so it is never silently lost.  When a line
carries no format note at all we look at the raw text ourselves (``32.86 %``,
``412,380``, ``100.%``) so the rule does not depend on the normalizer's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from baocao.model import Extraction, Flag, IndicatorValue
from checks.lines import PLACEHOLDER_NOTES, line_name, note_detail, note_key, note_part, sentence_case
from checks.registry import Severity, format_number, make_flag


@dataclass(frozen=True)
class NoteKind:
    flag_code: str
    severity: Severity
    description: str  # Vietnamese


# The note codes documented in normalizers/numbers.py and attached by
# extractors/appendix.py, keyed without the "rate_"/"value_" prefix and ":detail" suffix.
KNOWN_NOTES: dict[str, NoteKind | None] = {
    "decimal_dot": NoteKind("number_format_unusual", "info", "dấu chấm dùng làm dấu thập phân"),
    "english_grouping": NoteKind("number_format_unusual", "info", "phân cách hàng nghìn kiểu tiếng Anh (dấu phẩy)"),
    "space_grouping": NoteKind("number_format_unusual", "info", "phân cách hàng nghìn bằng dấu cách"),
    "trailing_separator": NoteKind("number_format_unusual", "info", "dấu chấm/phẩy thừa sau số"),
    "dot_leader": NoteKind("number_format_unusual", "info", "số viết liền dãy dấu chấm của mẫu"),
    "ambiguous_separator": NoteKind(
        "number_format_unusual", "warning", "dấu phân cách có thể hiểu theo hai nghĩa (hàng nghìn hoặc thập phân)"
    ),
    "unexpected_percent": NoteKind("number_format_unusual", "warning", "số lượng lại có dấu %"),
    "without_percent_sign": NoteKind("number_format_unusual", "info", "tỉ lệ không có dấu %"),
    "value_after_rate_marker": NoteKind(
        "parse_unsure", "warning", "số lượng đặt sau chữ \"đạt\"/\"tỉ lệ\" thay vì trước"
    ),
    "several_rates": NoteKind("parse_unsure", "warning", "dòng có nhiều tỉ lệ, đã lấy một"),
    "ambiguous_label": NoteKind("parse_unsure", "warning", "nhãn dòng khớp với nhiều chỉ tiêu của mẫu"),
    "unreadable": NoteKind("parse_unsure", "warning", "không đọc được con số"),
    "not_whole": NoteKind("parse_unsure", "warning", "số lượng có phần thập phân nên không nhận"),
    "too_many_digits": NoteKind("parse_unsure", "warning", "con số dài bất thường (trên 15 chữ số) nên không nhận"),
    "duplicate_code": NoteKind("line_duplicated", "warning", "dòng lặp lại một chỉ tiêu đã có"),
    "approximate": NoteKind("parse_unsure", "info", 'số liệu ghi kèm "hơn/khoảng/gần" nên chỉ là ước lượng'),
    "column_guessed": NoteKind("parse_unsure", "info", "bảng không có tiêu đề cột, cột tỉ lệ được đoán"),
    "fraction_scaled": NoteKind(
        "parse_unsure", "warning", "tỉ lệ ghi dạng phân số (0,985) đã được nhân 100; hãy xác nhận"
    ),
    "several_figures": NoteKind("parse_unsure", "warning", "ô có nhiều con số, đã lấy một"),
    "latest_year_column": NoteKind("parse_unsure", "info", "bảng có nhiều cột năm, đã lấy năm gần nhất"),
    "halves_merged": NoteKind("parse_unsure", "info", "số lượng và tỉ lệ nằm ở hai dòng, đã ghép lại"),
    "footnote_mark": NoteKind("parse_unsure", "info", "đã bỏ dấu chú thích dính vào con số"),
    "before_list": NoteKind("parse_unsure", "info", "số lượng ghi trước danh sách tên"),
    "in_parentheses": NoteKind("parse_unsure", "info", "số lượng ghi trong ngoặc đơn sau tỉ lệ"),
    # "- 3.100 giáo viên có máy tính (đạt 97%)": an ordinary sentence order, read with confidence
    "before_label": NoteKind("parse_unsure", "info", "số lượng ghi trước tên chỉ tiêu"),
    "negative": NoteKind("parse_unsure", "warning", "số lượng âm"),
    "from_remarks": NoteKind("parse_unsure", "warning", "tỉ lệ lấy từ cột ghi chú"),
    "rounded_as_shown": NoteKind(
        "number_format_unusual", "info", "tỉ lệ lấy theo định dạng ô Excel (giá trị lưu chưa làm tròn)"
    ),
    "area_total_column": NoteKind("parse_unsure", "info", "lấy số ở cột tổng toàn địa bàn, bỏ các cột xã/huyện"),
    # handled by other rules: value_unfilled / value_or_rate_missing / rate_out_of_range
    "unfilled": None,
    "empty": None,
    "not_applicable": None,
    "over_100": None,
    "value_of_total": None,  # "163/163": value_rate_inconsistent compares it with the rate
    "extra_text": None,  # words after the number ("51.608 người", "6 (Teams, Zoom)")
}

# Fallback for codes not in KNOWN_NOTES: (words that must all appear, kind).
_FORMAT_PATTERNS: tuple[tuple[tuple[str, ...], NoteKind], ...] = (
    (("decimal",), NoteKind("number_format_unusual", "info", "dấu thập phân bất thường")),
    (("grouping",), NoteKind("number_format_unusual", "info", "phân cách hàng nghìn bất thường")),
    (("separator",), NoteKind("number_format_unusual", "info", "dấu phân cách bất thường")),
    (("percent",), NoteKind("number_format_unusual", "info", "dấu % bất thường")),
    (("format",), NoteKind("number_format_unusual", "info", "cách viết số bất thường")),
)
_PARSE_WORDS = ("after", "before", "unsure", "guess", "position", "swap", "several", "multiple", "ambiguous")
_UNKNOWN = NoteKind("parse_unsure", "info", "ghi chú khi đọc dòng")
_PARSE = NoteKind("parse_unsure", "warning", "số liệu nằm ở vị trí bất thường trong dòng")


def classify_note(note: str) -> NoteKind | None:
    """The flag a note code leads to; None for notes other rules handle (placeholders)."""
    key = note_key(note)
    if key in KNOWN_NOTES:
        return KNOWN_NOTES[key]
    if any(word in key for word in PLACEHOLDER_NOTES):
        return None
    for needed, kind in _FORMAT_PATTERNS:
        if all(word in key for word in needed):
            return kind
    if any(word in key for word in _PARSE_WORDS):
        return _PARSE
    return _UNKNOWN


# Raw-text fallbacks, used only when the line has no format note of its own.
_RATE_DECIMAL_DOT = re.compile(r"(?<![\d.,])\d{1,3}\.\d{1,2}\s*%")
_RATE_TRAILING = re.compile(r"\d[.,]\s*%")
_ENGLISH_GROUPING = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d.,]*\d)(?!\s*%)")


def _raw_format_notes(line: IndicatorValue) -> list[tuple[str, str]]:
    """(note, excerpt) pairs read straight from the written text."""
    found = []
    rate_text = line.rate_raw if line.rate_raw is not None else line.raw or ""
    value_text = line.value_raw if line.value_raw is not None else line.raw or ""
    if line.rate is not None:
        if match := _RATE_DECIMAL_DOT.search(rate_text):
            found.append(("rate_decimal_dot", match.group(0)))
        elif match := _RATE_TRAILING.search(rate_text):
            found.append(("rate_trailing_separator", match.group(0)))
    if line.value is not None and (match := _ENGLISH_GROUPING.search(value_text)):
        found.append(("value_english_grouping", match.group(0)))
    return found


# A sub-row under a template line that names a school level or sector ("Tiểu học", "Trong
# đó: THCS", "Công lập") is a part of the line's population, not a rival reading of it.
_PART_WORDS = (
    r"(?:cấp\s+|bậc\s+|khối\s+)?(?:mầm\s+non|nhà\s+trẻ|mẫu\s+giáo|tiểu\s+học|THCS|THPT|trung\s+học|GDTX|GDNN|"
    r"thường\s+xuyên|công\s+lập|tư\s+thục|ngoài\s+công\s+lập|dân\s+lập|trực\s+thuộc|khối\s+\w+)"
)
# ... or a template label narrowed in parentheses: "Giáo viên có máy tính (khối trực thuộc Sở)", "(THPT)".
_PART_LABEL = re.compile(
    rf"^\W*(?:trong\s+đó\b|riêng\b|{_PART_WORDS}\b)|\([^()]*\b{_PART_WORDS}\b[^()]*\)\s*$",
    re.IGNORECASE,
)


def _is_part_of(first: IndicatorValue | None, line: IndicatorValue) -> bool:
    """Whether ``line`` is a level/sector sub-row of ``first`` (its count no larger)."""
    if first is None or not _PART_LABEL.search(line.label or ""):
        return False
    return line.value is None or first.value is None or line.value <= first.value


def _duplicate_flag(extraction: Extraction, line: IndicatorValue, note: str) -> Flag | None:
    """A second line read as an indicator already seen; silent when it repeats the same numbers."""
    code = note_detail(note)
    first = next((x for x in extraction.indicators if code and x.code == code), None)
    if first is not None and (first.value, first.rate) == (line.value, line.rate):
        return None
    first_text = (
        f"{format_number(first.value)} / {format_number(first.rate)}%" if first is not None else "—"
    )
    part = _is_part_of(first, line)
    ending = (
        f"; đây là dòng chi tiết (một phần) của chỉ tiêu {code}, được giữ lại để tham khảo."
        if part
        else ". Cần chọn dòng đúng."
    )
    return make_flag(
        "line_duplicated",
        f"{sentence_case(line_name(line))} cũng được nhận là chỉ tiêu {code} nhưng ghi "
        f"{format_number(line.value)} / {format_number(line.rate)}%, khác dòng {code} đã đọc "
        f"({first_text}){ending}",
        severity="info" if part else None,
        indicator=code,
        evidence={
            "value": line.value,
            "rate": line.rate,
            "raw": line.raw,
            "first_value": first.value if first else None,
            "first_rate": first.rate if first else None,
            "first_raw": first.raw if first else None,
        },
        location=line.location,
    )


def _note_flag(line: IndicatorValue, note: str, kind: NoteKind, excerpt: str | None) -> Flag:
    written = f' "{excerpt.strip()}"' if excerpt else ""
    if kind.flag_code == "number_format_unusual":
        message = f"Số liệu{written} của {line_name(line)}: {kind.description}; hãy xác nhận cách đọc."
    else:
        message = (
            f"Cách đọc {line_name(line)} chưa chắc chắn ({kind.description}: {note}); "
            "hãy đối chiếu với văn bản gốc."
        )
    return make_flag(
        kind.flag_code,
        message,
        severity=kind.severity,
        indicator=line.code,
        evidence={
            "note": note,
            "value": line.value,
            "rate": line.rate,
            "value_raw": line.value_raw,
            "rate_raw": line.rate_raw,
            "raw": line.raw,
        },
        location=line.location,
    )


def _excerpt_for(line: IndicatorValue, note: str) -> str | None:
    part = note_part(note)
    if part == "rate":
        return line.rate_raw
    return line.value_raw if part == "value" else None


AGGREGATE_AT = 3  # this many lines with the same info-level format note make one flag


def _ambiguous_only_with_itself(line: IndicatorValue, note: str) -> bool:
    """'ambiguous_label:3c' on line 3c names no rival reading: nothing for a reviewer to decide."""
    if note_key(note) != "ambiguous_label":
        return False
    rivals = {code.strip() for code in (note_detail(note) or "").split(",") if code.strip()}
    return not (rivals - {line.code})


def _line_note_flags(extraction: Extraction, line: IndicatorValue) -> list[Flag]:
    flags = []
    has_format_note = False
    seen: set[tuple[str, str]] = set()
    for note in line.notes:
        kind = classify_note(note)
        if kind is None or (kind.flag_code, note) in seen or _ambiguous_only_with_itself(line, note):
            continue
        seen.add((kind.flag_code, note))
        has_format_note |= kind.flag_code == "number_format_unusual"
        if kind.flag_code == "line_duplicated":
            flag = _duplicate_flag(extraction, line, note)
        else:
            flag = _note_flag(line, note, kind, _excerpt_for(line, note))
        if flag is not None:
            flags.append(flag)
    if not has_format_note:
        for note, excerpt in _raw_format_notes(line):
            kind = classify_note(note)
            assert kind is not None
            flags.append(_note_flag(line, note, kind, excerpt))
    return flags


def _written(flag: Flag) -> str:
    evidence = flag.evidence or {}
    part = note_part(evidence.get("note", ""))
    text = evidence.get("rate_raw") if part == "rate" else evidence.get("value_raw")
    return " ".join(str(text or "").split())


def _aggregate(flags: list[Flag]) -> Flag:
    """One flag for a report that writes many numbers the same unusual way."""
    first = flags[0]
    key = note_key(first.evidence["note"])
    kind = classify_note(key) or _UNKNOWN
    examples = "; ".join(
        f"{f.indicator or '?'}: \"{_written(f)}\"" if _written(f) else str(f.indicator or "?") for f in flags[:6]
    )
    more = f" và {len(flags) - 6} dòng khác" if len(flags) > 6 else ""
    return make_flag(
        "number_format_unusual",
        f"Báo cáo viết {len(flags)} số liệu theo cách khác quy ước ({kind.description}): {examples}{more}. "
        "Hệ thống đã đọc theo cách này cho cả báo cáo; hãy xác nhận một lần.",
        severity="info",
        indicators=[f.indicator for f in flags if f.indicator],
        evidence={"note": key, "lines": [{"indicator": f.indicator, **(f.evidence or {})} for f in flags]},
        location=first.location,
    )


def _merge_repeated_formats(flags: list[Flag]) -> list[Flag]:
    """Info-level format flags sharing a note are merged when a report does it repeatedly."""
    groups: dict[str, list[Flag]] = {}
    for flag in flags:
        if flag.code == "number_format_unusual" and flag.severity == "info":
            groups.setdefault(note_key(flag.evidence["note"]), []).append(flag)
    merged = {id(f) for group in groups.values() if len(group) >= AGGREGATE_AT for f in group}
    out = [f for f in flags if id(f) not in merged]
    out += [_aggregate(group) for group in groups.values() if len(group) >= AGGREGATE_AT]
    return out


# Reading doubts that come from the report's layout, not from one line: a sheet that types
# every rate as a fraction, a table that writes "giáo viên/giảng viên" on every line.  The
# reviewer confirms the reading once for the report, so repeated ones make one flag.
HABIT_NOTES = frozenset({"fraction_scaled", "ambiguous_label"})
HABIT_AT = 2


def _aggregate_habit(flags: list[Flag]) -> Flag:
    key = note_key(flags[0].evidence["note"])
    kind = classify_note(key) or _PARSE
    codes = [f.indicator for f in flags if f.indicator]
    return make_flag(
        "parse_unsure",
        f"Cách đọc {len(flags)} dòng {', '.join(codes)} chưa chắc chắn vì cùng một lý do ({kind.description}); "
        "hãy đối chiếu với văn bản gốc và xác nhận một lần cho cả báo cáo.",
        severity=kind.severity,
        indicators=codes,
        evidence={"note": key, "lines": [{"indicator": f.indicator, **(f.evidence or {})} for f in flags]},
        location=flags[0].location,
    )


def _merge_layout_habits(flags: list[Flag]) -> list[Flag]:
    groups: dict[str, list[Flag]] = {}
    for flag in flags:
        key = note_key((flag.evidence or {}).get("note", ""))
        if flag.code == "parse_unsure" and key in HABIT_NOTES:
            groups.setdefault(key, []).append(flag)
    merged = [group for group in groups.values() if len(group) >= HABIT_AT]
    gone = {id(f) for group in merged for f in group}
    return [f for f in flags if id(f) not in gone] + [_aggregate_habit(group) for group in merged]


def note_flags(extraction: Extraction) -> list[Flag]:
    """number_format_unusual, parse_unsure and line_duplicated from each line's notes.

    A format note repeated on many lines (a report written English style throughout) is
    one flag listing the lines, so the reviewer confirms the reading once.
    """
    flags: list[Flag] = []
    for line in extraction.indicators:
        flags.extend(_line_note_flags(extraction, line))
    return _merge_layout_habits(_merge_repeated_formats(flags))
