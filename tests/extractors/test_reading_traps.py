"""Reading traps seen in real reports, table-driven on documents built with the test builders.

- long item wording in a merged cell never decides the code of the sub-line beside it;
- a column-number row "(1) (2) (3)…" under the header is not a line of values;
- thousands grouped by U+00A0, U+202F or U+2009 are one number;
- "98.87 %" in a "(%)" column is a decimal rate;
- "Năm 2024 | Năm 2025" column groups: the current year is read.
"""

from __future__ import annotations

import pytest

from baocao.model import Document, Source
from extractors.appendix import read_appendix
from tests.extractors.builders import cell, para, table

SOURCE = Source(path="x.docx", sha256="0" * 64, format="docx")
HEADER_5 = ["STT", "Nội dung", "Chỉ tiêu", "Số lượng", "Tỉ lệ (%)"]
TEACHERS = (
    "Số lượng nhà giáo (giáo viên/ giảng viên) được trang bị (có) máy tính (máy tính để bàn, máy tính bảng, "
    "máy tính xách tay)/ đường truyền Internet/ phần mềm để tham gia các hoạt động dạy, học trực tuyến"
)
LEARNERS = (
    "Người học (học sinh/sinh viên) được trang bị (có) máy tính (máy tính để bàn, máy tính bảng, máy tính xách "
    "tay)/ đường truyền Internet/ phần mềm để tham gia các hoạt động dạy, học trực tuyến"
)


def _values(*blocks) -> dict[str, tuple]:
    return {v.code: (v.value, v.rate) for v in read_appendix(Document(SOURCE, list(blocks))) if v.code}


def _merged_item_table(sub_lines: list[tuple[str, str, str]], wording: str, first_row: int = 1) -> list[list]:
    """STT and item wording merged down beside one row per sub-line (what Word gives once)."""
    span = len(sub_lines)
    rows = []
    for offset, (label, count, rate) in enumerate(sub_lines):
        r = first_row + offset
        row = [cell(label, 0, r, 2), cell(count, 0, r, 3), cell(rate, 0, r, 4)]
        if offset == 0:
            row = [cell("1", 0, r, 0, row_span=span), cell(wording, 0, r, 1, row_span=span), *row]
        rows.append(row)
    return rows


TEACHER_LINES = [("Tổng số giáo viên có máy tính", "12.345", "98,5"), ("Tổng số giảng viên có máy tính", "210", "100"),
                 ("Tổng số giáo viên có đường truyền Internet", "12.000", "95,8"),
                 ("Tổng số giảng viên có đường truyền Internet", "205", "97,6")]  # fmt: skip
LEARNER_LINES = [("Tổng số học sinh có máy tính", "150.000", "60,1"), ("Tổng số sinh viên có máy tính", "8.000", "90"),
                 ("Tổng số học sinh có đường truyền Internet", "170.000", "68,2"),
                 ("Tổng số sinh viên có đường truyền Internet", "8.500", "95,5")]  # fmt: skip
SHORT_TEACHER_LINES = [("Giáo viên có máy tính", "12.345", "98,5"), ("Giáo viên có Internet", "12.000", "95,8")]


def _merged_document(teacher_lines, learner_lines) -> Document:
    rows = [[cell(t, 0, 0, i) for i, t in enumerate(HEADER_5)]]
    rows += _merged_item_table(teacher_lines, TEACHERS, 1)
    learners = _merged_item_table(learner_lines, LEARNERS, 1 + len(teacher_lines))
    learners[0][0] = cell("2", 0, 1 + len(teacher_lines), 0, row_span=len(learner_lines))
    rows += learners
    return table(rows)


MERGED_CASES = [
    ("full lines", TEACHER_LINES, LEARNER_LINES,
     {"1a": (12345, 98.5), "1b": (210, 100.0), "1c": (12000, 95.8), "1d": (205, 97.6),
      "2a": (150000, 60.1), "2b": (8000, 90.0), "2c": (170000, 68.2), "2d": (8500, 95.5)}),
    ("short lines", SHORT_TEACHER_LINES, [("Học sinh có máy tính", "150.000", "60,1"),
                                          ("Học sinh có Internet", "170.000", "68,2")],
     {"1a": (12345, 98.5), "1c": (12000, 95.8), "2a": (150000, 60.1), "2c": (170000, 68.2)}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "teachers", "learners", "expected"), MERGED_CASES, ids=[c[0] for c in MERGED_CASES])
def test_item_wording_in_a_merged_cell_never_decides_the_sub_line_code(name, teachers, learners, expected) -> None:
    got = _values(para("Phụ lục 2", 0), _merged_document(teachers, learners))
    assert {code: got.get(code) for code in expected} == expected


COLUMN_NUMBERS = [["(1)", "(2)", "(3)", "(4)", "(5)"], ["1", "2", "3", "4", "5"], ["A", "B", "1", "2", "3"],
                  ["(1)", "(2)", "(3)", "(4)", "(5)=(4)/(3)"]]  # fmt: skip


@pytest.mark.parametrize("numbers", COLUMN_NUMBERS, ids=["parenthesised", "bare", "letters", "formula"])
def test_column_number_row_is_not_values(numbers: list[str]) -> None:
    rows = [HEADER_5, numbers, ["1", "Nhà giáo", "Giáo viên có máy tính", "12.345", "98,5"],
            ["2", "Người học", "Học sinh có máy tính", "150.000", "60,1"],
            ["3", "Nền tảng", "Số nền tảng dạy học trực tuyến", "3", ""]]  # fmt: skip
    values = read_appendix(Document(SOURCE, [table(rows)]))
    got = {v.code: (v.value, v.rate) for v in values if v.code}
    assert got["1a"] == (12345, 98.5) and got["2a"] == (150000, 60.1)
    assert not [v for v in values if v.raw and "(2)" in v.raw]
    assert all(v.value not in (2, 3, 4) or v.code == "3a" for v in values)


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", " "], ids=["nbsp", "narrow-nbsp", "thin", "space"])
@pytest.mark.parametrize("layout", ["columns", "inline"])
def test_thousands_grouped_by_spaces(space: str, layout: str) -> None:
    count = f"1{space}234{space}567"
    if layout == "columns":
        block = table([["STT", "Nội dung", "Số lượng", "Tỉ lệ (%)"], ["1", "Học sinh có máy tính", count, "60,1"],
                       ["2", "Giáo viên có máy tính", f"12{space}345", "98,5"], ["3", "Số nền tảng", "3", ""]])
    else:
        block = table([["STT", "Nội dung", "Kết quả"],
                       ["1", "Người học", f"- Tổng số học sinh có máy tính: {count}, đạt tỉ lệ: 60,1%\n"
                                          f"- Tổng số giáo viên có máy tính: 12{space}345 đạt tỉ lệ: 98,5%\n"
                                          "- Số nền tảng: 3"]])  # fmt: skip
    got = _values(block)
    assert got["2a"] == (1234567, 60.1)
    assert got["1a"] == (12345, 98.5)


@pytest.mark.parametrize(
    ("rate_text", "rate_title", "expected"),
    [("98.87 %", "Tỉ lệ (%)", 98.87), ("98.87", "(%)", 98.87), ("98,87", "Tỉ lệ (%)", 98.87),
     ("98.87%", "Tỉ lệ", 98.87), ("100.0 %", "(%)", 100.0), ("9.5 %", "Tỉ lệ (%)", 9.5)],
)  # fmt: skip
def test_decimal_dot_rate_in_a_percent_column(rate_text: str, rate_title: str, expected: float) -> None:
    block = table([["STT", "Nội dung", "Số lượng", rate_title], ["1", "Giáo viên có máy tính", "12.345", rate_text],
                   ["2", "Học sinh có máy tính", "150.000", "60,1"], ["3", "Số nền tảng", "3", ""]])  # fmt: skip
    assert _values(block)["1a"] == (12345, expected)


YEAR_HEADERS = [
    (["Năm 2024", "Năm 2025"], "2025"),
    (["Năm học 2023-2024", "Năm học 2024-2025"], "2024-2025"),
    (["Năm 2025", "Năm 2024"], "2025 first"),
]


@pytest.mark.parametrize(("years", "name"), YEAR_HEADERS, ids=[y[1] for y in YEAR_HEADERS])
def test_year_column_groups_take_the_current_year(years: list[str], name: str) -> None:
    latest_first = name.endswith("first")
    old, new = ("10", "50"), ("20", "60")
    first, second = (new, old) if latest_first else (old, new)
    rows = [
        [cell("STT", 0, 0, 0, row_span=2), cell("Nội dung", 0, 0, 1, row_span=2),
         cell(years[0], 0, 0, 2, col_span=2), cell(years[1], 0, 0, 4, col_span=2)],
        [cell("Số lượng", 0, 1, 2), cell("Tỉ lệ (%)", 0, 1, 3), cell("Số lượng", 0, 1, 4), cell("Tỉ lệ (%)", 0, 1, 5)],
    ]  # fmt: skip
    for r, label in enumerate(("Giáo viên có máy tính", "Học sinh có máy tính", "Giáo viên có Internet"), start=2):
        rows.append([cell(str(r - 1), 0, r, 0), cell(label, 0, r, 1), cell(first[0], 0, r, 2), cell(first[1], 0, r, 3),
                     cell(second[0], 0, r, 4), cell(second[1], 0, r, 5)])  # fmt: skip
    assert _values(table(rows))["1a"] == (20, 60.0)


TITLED_YEARS = [
    (["Số lượng năm 2024", "Tỉ lệ năm 2024 (%)", "Số lượng năm 2025", "Tỉ lệ năm 2025 (%)"], ["10", "50", "20", "60"],
     (20, 60.0)),
    (["Kết quả năm 2024", "Kết quả năm 2025"], ["10 (50%)", "20 (60%)"], (20, 60.0)),
    (["Thực hiện 2024", "Thực hiện 2025"], ["10", "20"], (20, None)),
    (["Năm 2025", "Năm 2024"], ["20", "10"], (20, None)),
    (["Số lượng", "Tỉ lệ (%)", "Ghi chú (so với 2024)"], ["20", "60", "tăng"], (20, 60.0)),
]  # fmt: skip


@pytest.mark.parametrize(("titles", "figures", "expected"), TITLED_YEARS, ids=[" | ".join(t[0]) for t in TITLED_YEARS])
def test_years_inside_column_titles_take_the_current_year(titles, figures, expected) -> None:
    labels = ("Giáo viên có máy tính", "Học sinh có máy tính", "Giáo viên có Internet")
    rows = [["STT", "Nội dung", *titles]] + [[str(i + 1), label, *figures] for i, label in enumerate(labels)]
    assert _values(table(rows))["1a"] == expected
