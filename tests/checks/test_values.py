"""Per-line rules against the template: true positives and false positives, table-driven."""

from __future__ import annotations

import pytest

from checks.values import (
    line_duplicated,
    line_missing,
    line_outside_template,
    rate_out_of_range,
    value_rate_inconsistent,
    value_unfilled_or_missing,
)
from tests.checks.factories import CLEAN_ROWS, extraction, line


def codes(flags):
    return [(f.code, f.indicator) for f in flags]


@pytest.mark.parametrize(
    ("rate", "flagged"),
    [
        (100.5, True),
        (1002.0, True),  # a count typed into the rate column
        (-3.0, True),
        (100.0, False),
        (0.0, False),
        (97.1, False),
        (None, False),
    ],
)
def test_rate_out_of_range(rate, flagged):
    flags = rate_out_of_range(extraction(line("1a", 500, rate)))
    assert codes(flags) == ([("rate_out_of_range", "1a")] if flagged else [])
    if flagged:
        assert flags[0].severity == "error"
        assert flags[0].evidence["rate"] == rate


@pytest.mark.parametrize(
    ("value", "rate", "flagged"),
    [(0, 35.0, True), (0, 100.0, True), (0, 0.0, False), (5, 0.0, False), (0, None, False), (None, 35.0, False),
     (1727, 35.0, False)],
)
def test_value_rate_inconsistent(value, rate, flagged):
    flags = value_rate_inconsistent(extraction(line("6a", value, rate)))
    assert codes(flags) == ([("value_rate_inconsistent", "6a")] if flagged else [])


@pytest.mark.parametrize(
    ("value", "note", "rate", "flagged"),
    [
        (163, "value_of_total:170", 100.0, True),  # 163/170 = 95,9%
        (163, "value_of_total:163", 100.0, False),
        (163, "value_of_total:170", 95.9, False),
        (163, "value_of_total:170", 96.0, False),  # rounded to a whole percent
        (163, "value_of_total:1.700", 9.6, False),
        (163, "value_of_total:170", None, False),
    ],
)
def test_part_of_whole_against_the_rate(value, note, rate, flagged):
    flags = value_rate_inconsistent(extraction(line("9a", value, rate, notes=(note,))))
    assert codes(flags) == ([("value_rate_inconsistent", "9a")] if flagged else [])
    if flagged:
        assert flags[0].evidence["whole"] == 170 and flags[0].evidence["rate_computed"] == 95.88


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # the template's blanks left as they were
        (line("1a", None, None, "- Tổng số giáo viên có máy tính: ......đạt tỉ lệ: ...%"), "value_unfilled"),
        (line("8c", None, None, "định danh thống nhất: …. , đạt tỉ lệ: ….%"), "value_unfilled"),
        # the normalizer's notes say so
        (line("9b", 6987, None, "hồ sơ: 6987 đạt tỉ lệ", notes=("rate_unfilled",)), "value_unfilled"),
        (line("9b", None, 99.3, "hồ sơ: đạt 99,3%", notes=("unfilled",)), "value_unfilled"),
        # only the rate's blank left ("...%")
        (line("2b", 69511, None, "sinh viên có máy tính: 69511, đạt tỉ lệ: ...%"), "value_unfilled"),
        # nothing written and no placeholder: still nothing filled
        (line("6a", None, None, "Tổng số lớp học trực tuyến"), "value_unfilled"),
        # one half written, the other simply absent
        (line("3c", None, 100.0, "nền tảng, đạt tỉ lệ: 100 %"), "value_or_rate_missing"),
        (line("9c", None, 90.0, "người học, phụ huynh hài lòng (máy tính, …) đạt tỉ lệ: 90%"), "value_or_rate_missing"),
        (line("9b", None, 99.3, "hồ sơ giải quyết trực tuyến, đạt tỉ lệ: 99,3%"), "value_or_rate_missing"),
        (line("1a", 51608, None, "giáo viên có máy tính: 51.608"), "value_or_rate_missing"),
        # complete lines and lines the template asks only one half of
        (line("1a", 51608, 97.1, "giáo viên có máy tính 51.608 đạt tỉ lệ: 97,1%"), None),
        (line("4a", 0, 0.0, "đã cung cấp:0 đạt 0 tỉ lệ: 0%"), None),  # 0 is a value, not a blank
        (line("3a", 6, None, "Số nền tảng: 6 (Zoom, ...)"), None),
        (line("3b", 4, None, "Số nền tảng là sản phẩm trong nước: 4 ......."), None),
        (line("5a", None, 3.0, "ở bậc tiểu học chiếm 3%"), None),
        # a number that was written but unreadable is parse_unsure's, not "missing"
        (line("1a", None, 97.1, "giáo viên: 51.608,5 đạt 97,1%", notes=("not_whole",)), None),
        # a line outside the template is never "unfilled"
        (line(None, None, None, "Ghi chú"), None),
    ],
)
def test_value_unfilled_or_missing(item, expected):
    flags = value_unfilled_or_missing(extraction(item))
    assert [f.code for f in flags] == ([expected] if expected else [])
    if expected:
        assert flags[0].indicator == item.code
        assert flags[0].location == item.location


@pytest.mark.parametrize(("code", "severity"), [("2b", "info"), ("6a", "info"), ("2a", "warning"), ("8c", "warning")])
def test_unfilled_university_lines_are_information_only(code, severity):
    flags = value_unfilled_or_missing(extraction(line(code, None, None, "......, đạt tỉ lệ: ...%")))
    assert [(f.code, f.severity) for f in flags] == [("value_unfilled", severity)]


@pytest.mark.parametrize(("code", "severity"), [("9c", "info"), ("9d", "info"), ("9b", "warning"), ("3c", "warning")])
def test_rate_only_satisfaction_estimates_are_information(code, severity):
    flags = value_unfilled_or_missing(extraction(line(code, None, 90.0, "... hài lòng, đạt tỉ lệ: 90%")))
    assert [(f.code, f.severity) for f in flags] == [("value_or_rate_missing", severity)]


def test_not_applicable_is_information_only():
    item = line("1b", None, None, "giảng viên có máy tính: -", notes=("not_applicable", "rate_not_applicable"))
    flags = value_unfilled_or_missing(extraction(item))
    assert [(f.code, f.severity) for f in flags] == [("value_unfilled", "info")]


def test_value_unfilled_message_names_the_missing_parts():
    flag = value_unfilled_or_missing(extraction(line("2b", 69511, None, "69511, đạt tỉ lệ: ...%")))[0]
    assert "tỉ lệ" in flag.message and "chỗ trống" in flag.message
    assert flag.evidence["missing"] == ["rate"]


def test_line_missing_lists_absent_template_lines():
    present = [line(code, 1, 1.0) for code, *_ in CLEAN_ROWS if code not in {"1d", "9d"}]
    flags = line_missing(extraction(*present))
    assert codes(flags) == [("line_missing", "1d"), ("line_missing", "9d")]
    # 1d (giảng viên) only applies to provinces running a university: information only
    assert [f.severity for f in flags] == ["info", "warning"]


def test_line_missing_complete_report_is_silent():
    assert line_missing(extraction(*[line(code, 1, 1.0) for code, *_ in CLEAN_ROWS])) == []


def test_no_appendix_at_all_is_one_flag_not_25():
    flags = line_missing(extraction())
    assert [f.code for f in flags] == ["appendix_missing"]


@pytest.mark.parametrize(
    ("item", "flagged"),
    [
        (line(None, 150, 100.0, label="Số lượng hồ sơ công việc tại cấp Phòng"), True),
        (line("8e", 470, 100.0), False),
        # a repeated template line is line_duplicated's business, not "outside the template"
        (line(None, 470, 100.0, notes=("duplicate_code:8e",)), False),
    ],
)
def test_line_outside_template(item, flagged):
    flags = line_outside_template(extraction(item))
    assert [(f.code, f.severity) for f in flags] == ([("line_outside_template", "info")] if flagged else [])


@pytest.mark.parametrize(
    ("second", "flagged"),
    [((470, 100.0), False), ((407, 100.0), True), ((470, 90.0), True)],
)
def test_line_duplicated_same_code(second, flagged):
    flags = line_duplicated(extraction(line("8e", 470, 100.0), line("8e", *second, at=1)))
    assert codes(flags) == ([("line_duplicated", "8e")] if flagged else [])


def test_a_blank_appendix_is_one_flag():
    lines = [line(code, None, None, "......, đạt tỉ lệ: ...%", at=i) for i, (code, *_) in enumerate(CLEAN_ROWS)]
    flags = value_unfilled_or_missing(extraction(*lines))
    assert [(f.code, f.severity) for f in flags] == [("value_unfilled", "warning")]
    assert flags[0].indicators == [code for code, *_ in CLEAN_ROWS]
    assert "25/25" in flags[0].message


def test_a_few_unfilled_lines_stay_one_flag_each():
    lines = [line(code, None, None, "......", at=i) for i, code in enumerate(["1a", "2a", "8c"])]
    lines += [line(code, 1, 1.0, at=10 + i) for i, (code, *_) in enumerate(CLEAN_ROWS[3:])]
    flags = value_unfilled_or_missing(extraction(*lines))
    assert [f.indicator for f in flags] == ["1a", "2a", "8c"]


@pytest.mark.parametrize(
    ("absent", "expected"),
    [
        (["8a", "8b", "8c", "8d", "8e"], [("line_missing", ("8a", "8b", "8c", "8d", "8e"))]),
        (["5a", "5b", "9d"], [("line_missing", ("5a", "5b")), ("line_missing", ("9d",))]),
        (["3c"], [("line_missing", ("3c",))]),
    ],
)
def test_line_missing_groups_the_lines_of_one_template_item(absent, expected):
    """A whole item left out (all of 8) is one thing to ask the province about, not five."""
    flags = line_missing(extraction(*[line(code, 1, 1.0) for code, *_ in CLEAN_ROWS if code not in absent]))
    assert [(f.code, tuple(f.indicators or [f.indicator])) for f in flags] == expected
    assert all(code in flag.message for flag in flags for code in (flag.indicators or [flag.indicator]))


@pytest.mark.parametrize(
    ("code", "raw", "notes", "not_applicable"),
    [
        ("1b", "giảng viên có máy tính: Không có, đạt tỉ lệ: ....%", ("not_applicable", "rate_unfilled"), True),
        ("6a", "lớp học trực tuyến: Không, đạt tỉ lệ: …%", ("not_applicable", "rate_unfilled"), True),
        ("2a", "học sinh có máy tính: ......, đạt tỉ lệ: ...%", ("value_unfilled", "rate_unfilled"), False),
    ],
)
def test_none_in_words_with_the_rate_placeholder_left_is_not_applicable(code, raw, notes, not_applicable):
    """'Không có, đạt tỉ lệ: ....%': no count means no rate; the message must not say 'chưa điền'."""
    flag = value_unfilled_or_missing(extraction(line(code, None, None, raw, notes=notes)))[0]
    assert bool(flag.evidence.get("not_applicable")) is not_applicable
    assert ("không có" in flag.message) is not_applicable
