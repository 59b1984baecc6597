"""Checks on held-out reports: nothing but information on clean ones, one flag per planted problem.

The reports (``tests/checks/heldout_reports.py``) are consistent by construction, in
three layouts and with habits real Sở have (8c counting lecturers too, 'Không có' for
lines about universities, rounded rates in the body, breakdowns with percentages).  Each
faulty copy plants exactly one problem of a kind issue 5 lists; the checks must raise it
once, with the right code and a Vietnamese message that names the numbers.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from flows.pipeline import extract_from_document
from tests.checks.heldout_reports import LABELS, PROVINCES, Figures, Province, clean_reports, faulty, vn

PROBLEM = ("error", "warning")


def _problems(flags):
    return [f for f in flags if f.severity in PROBLEM and not f.code.startswith("citation")]


@pytest.mark.parametrize(("name", "document"), clean_reports(), ids=[p.name for p, _ in PROVINCES])
def test_clean_report_raises_nothing_but_information(name, document):
    extraction = extract_from_document(document)
    assert len([i for i in extraction.indicators if i.code]) >= 19
    assert [(f.code, f.indicator or f.indicators, f.message) for f in _problems(extraction.flags)] == []


def _set(code: str, value: str | None = "keep", rate: str | None = "keep") -> Callable[[Figures, Province], None]:
    def change(f: Figures, p: Province) -> None:
        old_value, old_rate = f.cells[code]
        f.cells[code] = (old_value if value == "keep" else value, old_rate if rate == "keep" else rate)

    return change


def _body(old: str, new: str) -> Callable[[Figures, Province], None]:
    def change(f: Figures, p: Province) -> None:
        hits = [i for i, line in enumerate(f.body) if old in line]
        assert hits, old
        f.body[hits[0]] = f.body[hits[0]].replace(old, new)

    return change


def _drop(code: str) -> Callable[[Figures, Province], None]:
    def change(f: Figures, p: Province) -> None:
        del f.cells[code]

    return change


def _extra(label: str, value: str, rate: str) -> Callable[[Figures, Province], None]:
    def change(f: Figures, p: Province) -> None:
        f.extra.append((label, value, rate))

    return change


def _typed(code: str, text: str) -> Callable[[Figures, Province], None]:
    def change(f: Figures, p: Province) -> None:
        f.typed[code] = text

    return change


def _odd_place(code: str) -> Callable[[Figures, Province], None]:
    """'Internet: đạt 207.277 tỉ lệ: 78,1%': the count typed after 'đạt' (seed 001)."""

    def change(f: Figures, p: Province) -> None:
        value, rate = f.cells[code]
        f.typed[code] = f"- {LABELS[code]}: đạt {value} tỉ lệ: {rate} %"

    return change


def _both(*changes: Callable[[Figures, Province], None]) -> Callable[[Figures, Province], None]:
    def change(f: Figures, p: Province) -> None:
        for one in changes:
            one(f, p)

    return change


# (province index, planted change, expected code, expected indicator(s) mentioned, numbers in message)
FAULTS = [
    pytest.param(0, _both(_set("1c", "5.300", "100"), _body("13.575 giáo viên có đường truyền Internet, đạt 95,4%",
                                                             "5.300 giáo viên có đường truyền Internet, đạt 100%")), "population_inconsistent", "1c", ["5.300"],
                 id="population_teachers_internet_5300_at_100"),
    pytest.param(1, _set("9b", rate="193,4"), "rate_out_of_range", "9b", ["193,4"], id="rate_over_100"),
    pytest.param(2, _body("và 792 trường", "và 812 trường"), "body_breakdown_mismatch", None,
                 ["1.302", "812"], id="breakdown_not_adding_up"),
    pytest.param(3, _body("18.404 giáo viên có máy tính", "18.044 giáo viên có máy tính"),
                 "body_appendix_mismatch", "1a", ["18.044"], id="body_contradicts_appendix"),
    pytest.param(4, _set("2a", rate="45.20"), "number_format_unusual", "2a", ["45.20"], id="decimal_dot_rate"),
    pytest.param(5, _set("9c", None, None), "value_unfilled", "9c", [], id="placeholder_left"),
    pytest.param(6, _drop("8d"), "line_missing", "8d", [], id="line_missing"),
    pytest.param(7, _set("1c", rate=None), "value_or_rate_missing", "1c", [], id="value_without_rate"),
    pytest.param(8, _extra("Số lượng hồ sơ công việc tại cấp Phòng được vận hành dựa trên dữ liệu",
                           "1.230", "85"), "line_outside_template", None, ["cấp Phòng"], id="line_outside_template"),
    pytest.param(0, _odd_place("2c"), "parse_unsure", "2c", [], id="value_after_dat"),
    # the same kinds in the other layouts
    pytest.param(8, _set("8b", "254.300", "100"), "population_inconsistent", "8b", ["254.300"],
                 id="prose_population_pupils_records"),
    pytest.param(4, _set("8d", rate="188,7"), "rate_out_of_range", "8d", ["188,7"], id="columns_rate_over_100"),
    pytest.param(1, _set("9a", "....", "...."), "value_unfilled", "9a", [], id="columns_placeholder_left"),
    pytest.param(5, _drop("3b"), "line_missing", "3b", [], id="template_line_missing"),
    pytest.param(6, _typed("9b", "- Số lượng hồ sơ giải quyết trực tuyến mức độ toàn trình: đạt tỉ lệ 93,4%"), "value_or_rate_missing", "9b", [], id="prose_rate_without_value"),
    pytest.param(6, _body("tổng số giáo viên là 17.405", "tổng số giáo viên là 19.405"), "body_appendix_mismatch",
                 "8c", ["19.405"], id="prose_body_teacher_total"),
    pytest.param(5, _body("giải quyết 4.141 hồ sơ", "giải quyết 3.141 hồ sơ"), "body_appendix_mismatch",
                 "9b", ["3.141"], id="template_body_online_dossiers"),
    pytest.param(9, _set("2c", value="27.249"), "population_inconsistent", "2c", ["27.249"],
                 id="template_digit_dropped_integer_rates"),
    pytest.param(10, _body("(35,6%)", "(53,6%)"), "body_breakdown_mismatch", None, ["53,6"],
                 id="prose_breakdown_share_wrong"),
    pytest.param(7, _set("2c", value="263,986"), "number_format_unusual", "2c", ["263,986"],
                 id="columns_english_grouping"),
]


@pytest.mark.parametrize(("index", "change", "code", "indicator", "numbers"), FAULTS)
def test_planted_problem_is_flagged_once(index, change, code, indicator, numbers):
    extraction = extract_from_document(faulty(index, change))
    hits = [f for f in extraction.flags if f.code == code]
    assert len(hits) == 1, [(f.code, f.message) for f in extraction.flags]
    flag = hits[0]
    if indicator:
        assert indicator == flag.indicator or indicator in (flag.indicators or [])
    for number in numbers:
        assert number in flag.message, flag.message
    # nothing else a reviewer must look at besides the planted problem
    others = [(f.code, f.message) for f in _problems(extraction.flags) if f is not flag]
    assert others == []


def test_vn_number_text():
    assert (vn(53150), vn(97.14, 1), vn(6.5, 2)) == ("53.150", "97,1", "6,50")
