"""number_format_unusual, parse_unsure and line_duplicated from the readers' notes."""

from __future__ import annotations

import pytest

from checks.lines import note_key, note_part
from checks.notes import classify_note, note_flags
from tests.checks.factories import extraction, line


@pytest.mark.parametrize(
    ("note", "flag_code", "severity"),
    [
        ("rate_decimal_dot", "number_format_unusual", "info"),
        ("decimal_dot", "number_format_unusual", "info"),
        ("english_grouping", "number_format_unusual", "info"),
        ("rate_trailing_separator", "number_format_unusual", "info"),
        ("trailing_separator", "number_format_unusual", "info"),
        ("dot_leader", "number_format_unusual", "info"),
        ("space_grouping", "number_format_unusual", "info"),
        ("ambiguous_separator", "number_format_unusual", "warning"),
        ("rate_ambiguous_separator", "number_format_unusual", "warning"),
        ("unexpected_percent", "number_format_unusual", "warning"),
        ("rate_without_percent_sign", "number_format_unusual", "info"),
        ("value_after_rate_marker", "parse_unsure", "warning"),
        ("several_rates", "parse_unsure", "warning"),
        ("ambiguous_label:1a,1c", "parse_unsure", "warning"),
        ("unreadable", "parse_unsure", "warning"),
        ("not_whole", "parse_unsure", "warning"),
        ("duplicate_code:8e", "line_duplicated", "warning"),
        ("approximate", "parse_unsure", "info"),
        ("rate_approximate", "parse_unsure", "info"),
        ("rate_column_guessed", "parse_unsure", "info"),
        # unknown codes still land somewhere sensible
        ("rate_weird_decimal_mark", "number_format_unusual", "info"),
        ("value_guessed_from_position", "parse_unsure", "warning"),
        ("something_new", "parse_unsure", "info"),
    ],
)
def test_classify_note(note, flag_code, severity):
    kind = classify_note(note)
    assert kind is not None
    assert (kind.flag_code, kind.severity) == (flag_code, severity)


@pytest.mark.parametrize(
    "note", ["unfilled", "rate_unfilled", "empty", "not_applicable", "rate_over_100", "extra_text", "value_of_total:170"]
)
def test_notes_other_rules_handle_are_not_doubled(note):
    assert classify_note(note) is None


@pytest.mark.parametrize(
    ("note", "key", "part"),
    [
        ("rate_decimal_dot", "decimal_dot", "rate"),
        ("decimal_dot", "decimal_dot", "value"),
        ("unfilled", "unfilled", "value"),
        ("value_after_rate_marker", "value_after_rate_marker", None),
        ("duplicate_code:8e", "duplicate_code", None),
    ],
)
def test_note_key_and_part(note, key, part):
    assert (note_key(note), note_part(note)) == (key, part)


def test_decimal_dot_rate_is_flagged_with_what_was_written():
    item = line("2a", 362942, 32.86, "- Tổng số học sinh có máy tính: 362.942 đạt tỉ lệ: 32.86 %",
                notes=("rate_decimal_dot",), rate_raw="32.86 %")
    flags = note_flags(extraction(item))
    assert [(f.code, f.indicator, f.severity) for f in flags] == [("number_format_unusual", "2a", "info")]
    assert "32.86 %" in flags[0].message
    assert flags[0].evidence["note"] == "rate_decimal_dot"


def test_value_after_rate_marker_is_parse_unsure():
    item = line("2c", 362942, 100.0, "Internet: đạt 362942 tỉ lệ: 100 %", notes=("value_after_rate_marker",))
    flags = note_flags(extraction(item))
    assert [(f.code, f.severity) for f in flags] == [("parse_unsure", "warning")]
    assert "362942" in flags[0].evidence["raw"]


@pytest.mark.parametrize(
    ("raw", "value_raw", "rate_raw", "expected_note"),
    [
        ("hồ sơ: 6987, đạt tỉ lệ: 99.3%", "6987", "99.3%", "rate_decimal_dot"),
        ("cấp Phòng:150, đạt tỉ lệ: 100.%", "150", "100.%", "rate_trailing_separator"),
        ("học sinh có máy tính: 412,380 đạt tỉ lệ: 90%", "412,380", "90%", "value_english_grouping"),
        # no raw parts: read the line itself
        ("hồ sơ: 6987, đạt tỉ lệ: 99.3%", None, None, "rate_decimal_dot"),
    ],
)
def test_formats_seen_in_the_raw_text_without_notes(raw, value_raw, rate_raw, expected_note):
    value = 412380 if "412" in raw else 6987
    item = line("9b", value, 99.3, raw, value_raw=value_raw, rate_raw=rate_raw)
    flags = note_flags(extraction(item))
    assert [f.evidence["note"] for f in flags] == [expected_note]


@pytest.mark.parametrize(
    ("raw", "value_raw", "rate_raw"),
    [
        ("giáo viên có máy tính 51.608 đạt tỉ lệ: 97,1%", "51.608", "97,1%"),
        ("người học: 1.002.912 đạt tỉ lệ: 100%", "1.002.912", "100%"),
        ("TTHC mức độ 3,4: 163 đạt tỉ lệ: 100 %", "163", "100 %"),
        ("cơ sở giáo dục đã triển khai: 1588 đạt tỉ lệ: 100%", "1588", "100%"),
    ],
)
def test_ordinary_vietnamese_numbers_raise_nothing(raw, value_raw, rate_raw):
    item = line("8a", 1, 100.0, raw, value_raw=value_raw, rate_raw=rate_raw)
    assert note_flags(extraction(item)) == []


def test_a_format_note_is_not_doubled_by_the_raw_fallback():
    item = line("9b", 6987, 99.3, "6987, đạt tỉ lệ: 99.3%", notes=("rate_decimal_dot",), rate_raw="99.3%")
    assert len(note_flags(extraction(item))) == 1


@pytest.mark.parametrize(("second", "flagged"), [((470, 100.0), False), ((150, 100.0), True)])
def test_duplicate_code_note(second, flagged):
    first = line("8e", 470, 100.0)
    dup = line(None, *second, notes=("duplicate_code:8e",), at=1)
    flags = note_flags(extraction(first, dup))
    assert [(f.code, f.indicator) for f in flags] == ([("line_duplicated", "8e")] if flagged else [])


def test_a_report_written_english_style_throughout_gets_one_flag_per_format():
    rows = [("1a", 46785, 96.9), ("1c", 46544, 96.4), ("2a", 300000, 68.8), ("8b", 731871, 97.4)]
    lines = [
        line(code, value, rate, f"{value:,}, đạt tỉ lệ: {rate}%", notes=("english_grouping", "rate_decimal_dot"),
             value_raw=f"{value:,}", rate_raw=f"{rate}%", at=i)
        for i, (code, value, rate) in enumerate(rows)
    ]
    flags = note_flags(extraction(*lines))
    assert sorted(f.evidence["note"] for f in flags) == ["decimal_dot", "english_grouping"]
    for flag in flags:
        assert flag.code == "number_format_unusual" and flag.severity == "info"
        assert flag.indicators == ["1a", "1c", "2a", "8b"]
        assert "4 số liệu" in flag.message
    grouping = next(f for f in flags if f.evidence["note"] == "english_grouping")
    assert '1a: "46,785"' in grouping.message


def test_ambiguous_formats_stay_one_flag_per_line():
    lines = [line(code, 1, 1.5, notes=("rate_ambiguous_separator",), rate_raw="1.5", at=i)
             for i, code in enumerate(["5a", "5b", "6a"])]
    flags = note_flags(extraction(*lines))
    assert [(f.indicator, f.severity) for f in flags] == [("5a", "warning"), ("5b", "warning"), ("6a", "warning")]


@pytest.mark.parametrize(
    ("note", "flag_code", "severity"),
    [
        ("rate_fraction_scaled", "parse_unsure", "warning"),
        ("several_figures", "parse_unsure", "warning"),
        ("latest_year_column", "parse_unsure", "info"),
        ("halves_merged", "parse_unsure", "info"),
        ("footnote_mark", "parse_unsure", "info"),
        ("value_before_list", "parse_unsure", "info"),
        ("value_in_parentheses", "parse_unsure", "info"),
    ],
)
def test_appendix_reading_notes_are_classified(note, flag_code, severity):
    kind = classify_note(note)
    assert (kind.flag_code, kind.severity) == (flag_code, severity)


@pytest.mark.parametrize(
    ("label", "value", "severity"),
    [
        ("Tiểu học", 30_000, "info"),
        ("Trong đó: THCS", 28_000, "info"),
        ("Công lập", 80_000, "info"),
        ("Học sinh có máy tính (THPT)", 9_000, "info"),
        ("Giáo viên có máy tính (khối trực thuộc Sở)", 820, "info"),
        ("Học sinh có máy tính (ước tính)", 36_000, "warning"),
        ("Học sinh có máy tính", 36_000, "warning"),  # a rival reading: the reviewer must choose
        ("Tiểu học", 90_000, "warning"),  # a 'part' larger than the whole is no part
    ],
)
def test_a_level_sub_row_is_a_part_not_a_rival_reading(label, value, severity):
    first = line("2a", 85_000, 44.0)
    sub = line(None, value, 40.0, label=label, notes=("duplicate_code:2a",), at=1)
    flags = note_flags(extraction(first, sub))
    assert [(f.code, f.severity) for f in flags] == [("line_duplicated", severity)]


@pytest.mark.parametrize(("note", "flagged"), [("ambiguous_label:3c", False), ("ambiguous_label:3c,2d", True)])
def test_a_label_ambiguous_only_with_its_own_code_is_not_unsure(note, flagged):
    flags = note_flags(extraction(line("3c", 380_000, 95.0, notes=(note,))))
    assert [f.code for f in flags] == (["parse_unsure"] if flagged else [])


@pytest.mark.parametrize(
    ("note", "severity"),
    [("value_before_label", "info"), ("value_in_parentheses", "info"), ("value_after_rate_marker", "warning")],
)
def test_count_before_the_label_is_ordinary_word_order(note, severity):
    """'- 3.100 giáo viên có máy tính (đạt 97%)' is how sentences run; 'đạt 362942 tỉ lệ' is odd."""
    kind = classify_note(note)
    assert kind is not None and (kind.flag_code, kind.severity) == ("parse_unsure", severity)


@pytest.mark.parametrize(
    ("notes_per_line", "expected"),
    [
        # a sheet typing every rate as a fraction: one flag listing the lines
        ({"1a": "rate_fraction_scaled", "1c": "rate_fraction_scaled", "2a": "rate_fraction_scaled"},
         [("parse_unsure", ("1a", "1c", "2a"))]),
        ({"1a": "ambiguous_label:1b", "1c": "ambiguous_label:1d"}, [("parse_unsure", ("1a", "1c"))]),
        # one odd line stays its own flag; different reasons are not merged
        ({"2c": "value_after_rate_marker", "1a": "rate_fraction_scaled"},
         [("parse_unsure", ("2c",)), ("parse_unsure", ("1a",))]),
    ],
)
def test_a_layout_habit_is_one_flag_for_the_report(notes_per_line, expected):
    lines = [line(code, 100, 50.0, notes=(note,), at=i) for i, (code, note) in enumerate(notes_per_line.items())]
    flags = note_flags(extraction(*lines))
    assert sorted((f.code, tuple(f.indicators or [f.indicator])) for f in flags) == sorted(expected)
    assert all(f.severity == "warning" for f in flags)


@pytest.mark.parametrize(
    ("note", "severity"),
    [("value_negative", "warning"), ("rate_from_remarks", "warning"), ("area_total_column", "info")],
)
def test_round_two_reading_notes_are_classified(note, severity):
    kind = classify_note(note)
    assert (kind.flag_code, kind.severity) == ("parse_unsure", severity)
