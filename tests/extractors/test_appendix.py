"""Appendix 2 extraction over hand-built documents in the layouts reports use."""

from __future__ import annotations

import pytest

from baocao.model import Cell, Document, Location, Paragraph, Source, Table
from extractors.appendix import extract_indicators
from tests.extractors.builders import cell, para, table

SOURCE = Source(path="x.docx", sha256="0" * 64, format="docx")




def by_code(values):
    return {v.code: v for v in values if v.code}


MINISTRY_3_COLUMNS = table(
    [
        ["STT", "Nội dung triển khai", "Kết quả (số liệu) thống kê toàn tỉnh"],
        ["I", "Tiếp cận giáo dục trực tuyến", ""],
        [
            "1.",
            "Số lượng nhà giáo được trang bị máy tính/ đường truyền Internet",
            "- Tổng số giáo viên có máy tính 12.345 đạt tỉ lệ: 98,5%\n"
            "- Tổng số giảng viên có máy tính: 210 đạt tỉ lệ: 100%\n"
            "- Tổng số giáo viên có đường truyền Internet: 12.000\nđạt tỉ lệ: 95,8%",
        ],
        ["3.", "Triển khai nền tảng dạy và học trực tuyến", "Nếu có,\n- Số nền tảng: 3 (VioEdu, OLM, Zoom)"],
        ["9.", "Dịch vụ", "- Số lượng hồ sơ giải quyết trực tuyến mức độ toàn trình: 4.321, đạt tỉ lệ: 87,5%"],
    ]
)


def test_ministry_layout_with_sub_lines_in_one_cell():
    values = by_code(extract_indicators(Document(SOURCE, [MINISTRY_3_COLUMNS])))
    assert (values["1a"].value, values["1a"].rate) == (12345, 98.5)
    assert (values["1b"].value, values["1b"].rate) == (210, 100.0)
    assert (values["1c"].value, values["1c"].rate) == (12000, 95.8)
    assert values["3a"].value == 3 and values["3a"].names == ["VioEdu", "OLM", "Zoom"]
    assert (values["9b"].value, values["9b"].rate) == (4321, 87.5)
    assert values["1c"].location.to_dict() == {"table": 0, "row": 2, "cell": 2, "line": 3}


def test_five_columns_with_separate_count_and_rate():
    doc = Document(
        SOURCE,
        [
            table(
                [
                    ["STT", "Nội dung", "Chỉ tiêu", "Số lượng", "Tỉ lệ (%)"],
                    ["1", "Nhà giáo", "GV có máy tính", "8.765", "97,3"],
                    ["2", "Nhà giáo", "GV có kết nối Internet", "8.700", "96,6"],
                    ["3", "Người học", "HS có máy tính", "120.456", "45,2"],
                    ["4", "Dịch vụ công", "TTHC đủ điều kiện DVCTT mức độ 3, 4", "150", "100"],
                    ["5", "Khác", "Số phòng học thông minh", "87", ""],
                ]
            )
        ],
    )
    values = extract_indicators(doc)
    coded = by_code(values)
    assert (coded["1a"].value, coded["1a"].rate) == (8765, 97.3)
    assert (coded["1c"].value, coded["1c"].rate) == (8700, 96.6)
    assert (coded["2a"].value, coded["2a"].rate) == (120456, 45.2)
    assert (coded["9a"].value, coded["9a"].rate) == (150, 100.0)
    extra = [v for v in values if v.code is None]
    assert [(v.label, v.value) for v in extra] == [("Số phòng học thông minh", 87)]


def test_each_sub_line_in_its_own_row_under_a_merged_heading():
    heading = cell("Số lượng nhà giáo được trang bị máy tính", 0, 1, 1, row_span=2)
    doc = Document(
        SOURCE,
        [
            table(
                [
                    ["TT", "Nội dung", "Đối tượng", "Số lượng", "Tỉ lệ"],
                    [cell("1", 0, 1, 0, row_span=2), heading, cell("Giáo viên", 0, 1, 2),
                     cell("5.000", 0, 1, 3), cell("99%", 0, 1, 4)],
                    [cell("Giảng viên", 0, 2, 2), cell("300", 0, 2, 3), cell("100%", 0, 2, 4)],
                    ["2", "Học sinh có máy tính", "", "40.000", "41,5%"],
                ]
            )
        ],
    )
    coded = by_code(extract_indicators(doc))
    assert (coded["1a"].value, coded["1a"].rate) == (5000, 99.0)
    assert (coded["1b"].value, coded["1b"].rate) == (300, 100.0)
    assert (coded["2a"].value, coded["2a"].rate) == (40000, 41.5)


def test_spreadsheet_percent_cells_are_read_as_percent():
    rows = [
        [cell("STT", 0, 0, 0), cell("Nội dung", 0, 0, 1), cell("Số lượng", 0, 0, 2), cell("Tỉ lệ", 0, 0, 3)],
        [cell("1", 0, 1, 0), cell("Tổng số giáo viên có máy tính", 0, 1, 1),
         cell("51608", 0, 1, 2, value=51608), cell("97,1%", 0, 1, 3, value=0.971, number_format="0.0%")],
        [cell("2", 0, 2, 0), cell("Tổng số học sinh có máy tính", 0, 2, 1),
         cell("362942", 0, 2, 2, value=362942.0), cell("32,86%", 0, 2, 3, value=0.3286, number_format="0.00%")],
        [cell("3", 0, 3, 0), cell("Số nền tảng", 0, 3, 1), cell("6", 0, 3, 2, value=6), cell("", 0, 3, 3)],
    ]
    coded = by_code(extract_indicators(Document(SOURCE, [Table(rows=rows, location=Location(table=0))])))
    assert coded["1a"].value == 51608 and coded["1a"].rate == pytest.approx(97.1)
    assert coded["2a"].value == 362942 and coded["2a"].rate == pytest.approx(32.86)
    assert coded["3a"].value == 6 and coded["3a"].rate is None


def test_appendix_written_as_paragraphs_and_body_sentences_ignored():
    body = [
        para("Từ năm 2020 đến nay đã tiếp nhận 7036 hồ sơ, trong đó có 6987 hồ sơ tiếp nhận qua "
             "dịch vụ công trực tuyến đạt 99,3%.", 0),
        para("PHỤ LỤC 2", 1),
        para("BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ GIAI ĐOẠN 2022-2025", 2),
        para("1. Tổng số giáo viên có máy tính: 9.876, đạt tỉ lệ 99,1%.", 3),
        para("2. Tổng số học sinh có đường truyền Internet: 150.000, đạt tỉ lệ 80%.", 4),
        para("3. Số lượng hồ sơ giải quyết trực tuyến mức độ toàn trình: 5.432, đạt tỉ lệ: 91,2%", 5),
        para("4. Tỉ trọng nội dung triển khai trực tuyến ở bậc tiểu học chiếm 5%", 6),
    ]
    values = extract_indicators(Document(SOURCE, body))
    coded = by_code(values)
    assert set(coded) == {"1a", "2c", "9b", "5a"}
    assert (coded["9b"].value, coded["9b"].rate) == (5432, 91.2)  # not the body's 6987
    assert coded["5a"].rate == 5.0 and coded["5a"].value is None
    assert coded["1a"].location.to_dict() == {"paragraph": 3}


def test_body_tables_are_not_the_appendix():
    computers = table([["STT", "Cấp", "Số lượng máy tính"], ["1", "Mầm non", "3836"], ["", "Tổng số", "42.567"]])
    assert extract_indicators(Document(SOURCE, [computers])) == []


def test_blank_template_gives_missing_values_never_zero():
    template = table(
        [
            ["STT", "Nội dung triển khai", "Kết quả"],
            ["1.", "Số lượng nhà giáo",
             "- Tổng số giáo viên có máy tính: ......đạt tỉ lệ: ...%\n"
             "- Tổng số giảng viên có máy tính: ......đạt tỉ lệ: ...%\n"
             "- Tổng số giáo viên có đường truyền Internet: ......đạt\ntỉ lệ: ...%"],
        ]
    )
    values = extract_indicators(Document(SOURCE, [template]))
    assert [v.code for v in values] == ["1a", "1b", "1c"]
    for value in values:
        assert value.value is None and value.rate is None
        assert "unfilled" in value.notes


def test_line_outside_template_keeps_its_label():
    doc = Document(SOURCE, [table([
        ["TT", "Nội dung", "Kết quả"],
        ["8.", "Quản trị",
         "- Tổng số cơ sở giáo dục đã triển khai: 1588 đạt tỉ lệ: 100%\n"
         "- Số lượng hồ sơ công việc tại cấp Sở được vận hành dựa trên dữ liệu: 470, đạt tỉ lệ: 100%\n"
         "Số lượng hồ sơ công việc tại cấp Phòng được vận hành dựa trên dữ liệu:150, đạt tỉ lệ: 100.%\n"
         "- Số lượng nhà giáo được quản lý bằng hồ sơ số: 64.300 đạt tỉ lệ: 100%"],
    ])])
    values = extract_indicators(doc)
    assert [v.code for v in values] == ["8a", "8e", None, "8c"]
    assert values[2].value == 150 and values[2].rate == 100.0
    assert "cấp Phòng" in values[2].label


def test_label_cell_beside_a_cell_of_bare_figures_is_read_line_by_line():
    doc = Document(SOURCE, [table([
        ["STT", "Nội dung", "Kết quả"],
        ["1", "- Giáo viên có máy tính\n- Giáo viên có Internet\n- Học sinh có máy tính",
         "51.608 (97,1%)\n53.000 (99,7%)\n362.942 (32,9%)"],
    ])])
    coded = by_code(extract_indicators(doc))
    assert (coded["1a"].value, coded["1a"].rate) == (51608, 97.1)
    assert (coded["1c"].value, coded["1c"].rate) == (53000, 99.7)
    assert (coded["2a"].value, coded["2a"].rate) == (362942, 32.9)


def test_figure_only_cell_takes_its_label_from_the_row():
    doc = Document(SOURCE, [table([
        ["TT", "Chỉ tiêu", "Kết quả thực hiện"],
        ["1", "Tổng số giáo viên có máy tính", "51.608, đạt tỉ lệ 97,1%"],
        ["2", "Tổng số học sinh có đường truyền Internet", "362.942/1.104.500 học sinh, đạt 32,86%"],
        ["3", "TTHC đủ điều kiện DVCTT mức độ 3, 4", "163\nĐạt tỉ lệ: 100%"],
        ["4", "Số lượng hồ sơ giải quyết trực tuyến mức độ 3 và 4", "6.987 hồ sơ (99,3%)"],
    ])])
    coded = by_code(extract_indicators(doc))
    assert (coded["1a"].label, coded["1a"].value, coded["1a"].rate) == ("Tổng số giáo viên có máy tính", 51608, 97.1)
    assert (coded["2c"].value, coded["2c"].rate) == (362942, 32.86)
    assert "value_of_total:1.104.500" in coded["2c"].notes
    assert (coded["9a"].value, coded["9a"].rate) == (163, 100.0)
    assert (coded["9b"].value, coded["9b"].rate) == (6987, 99.3)


def test_headerless_sheet_and_remarks_column():
    doc = Document(SOURCE, [table([
        ["STT", "Nội dung", "Số lượng", "Tỉ lệ", "Ghi chú"],
        ["1", "Giáo viên có máy tính", "9.000", "90", "Số liệu năm học 2024-2025"],
        ["2", "Giáo viên có Internet", "9.500", "95", ""],
        ["3", "Học sinh có máy tính", "70.000", "35", "Ước tính"],
    ]), table([
        ["Sinh viên có máy tính", "2.000", "80"],
        ["Sinh viên có Internet", "2.400", "96"],
        ["Số nền tảng là sản phẩm trong nước", "3", ""],
    ], index=1)])
    values = extract_indicators(doc)
    coded = by_code(values)
    assert (coded["1a"].value, coded["1a"].rate) == (9000, 90.0)
    assert (coded["2a"].value, coded["2a"].rate) == (70000, 35.0)
    assert (coded["2b"].value, coded["2b"].rate) == (2000, 80.0)
    assert "rate_column_guessed" in coded["2b"].notes
    assert (coded["3b"].value, coded["3b"].rate) == (3, None)
    assert all(v.code for v in values)


def test_sheet_with_title_rows_and_template_lines_left_empty():
    doc = Document(SOURCE, [table([
        ["UBND TỈNH TUYÊN QUANG", "", "", ""],
        ["BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ GIAI ĐOẠN 2022-2025", "", "", ""],
        ["STT", "Nội dung", "Số lượng", "Tỉ lệ"],
        ["1", "Số lượng nhà giáo (giáo viên/ giảng viên) được trang bị (có) máy tính (máy tính để bàn, máy tính bảng, máy tính xách tay)/ đường truyền Internet/ phần mềm để tham gia các hoạt động dạy, học trực tuyến", "", ""],
        ["-", "Tổng số giáo viên có máy tính", "23112", "87,8%"],
        ["-", "Tổng số giảng viên có máy tính", "", ""],
        ["-", "Tổng số giáo viên có đường truyền Internet", "25.138", "95,5%"],
        ["-", "Người học văn bằng 2 (trực tuyến >=50%)", "", ""],
    ])])
    values = extract_indicators(doc)
    assert [(v.code, v.value, v.rate) for v in values] == [
        ("1a", 23112, 87.8), ("1b", None, None), ("1c", 25138, 95.5), ("7a", None, None)
    ]
    assert "empty" in values[1].notes


def test_heading_cell_beside_sub_line_cells_uses_the_nearest_label():
    heading = cell("Số lượng nhà giáo (giáo viên/ giảng viên) được trang bị máy tính/ đường truyền Internet", 0, 1, 1, row_span=2)
    doc = Document(SOURCE, [table([
        ["STT", "Nội dung triển khai", "Chỉ tiêu thống kê", "Kết quả thực hiện"],
        [cell("1", 0, 1, 0, row_span=2), heading, cell("Tổng số giáo viên có máy tính", 0, 1, 2), cell("50.438; đạt 90,6 %", 0, 1, 3)],
        [cell("Giảng viên có máy tính", 0, 2, 2), cell("903; đạt 100 %", 0, 2, 3)],
        ["2", "Người học (học sinh/sinh viên) được trang bị máy tính", "Tổng số học sinh có máy tính", "215.693; đạt 22,3 %"],
    ])])
    values = extract_indicators(doc)
    assert [(v.code, v.label, v.value, v.rate) for v in values] == [
        ("1a", "Tổng số giáo viên có máy tính", 50438, 90.6),
        ("1b", "Giảng viên có máy tính", 903, 100.0),
        ("2a", "Tổng số học sinh có máy tính", 215693, 22.3),
    ]


def _values(document: Document) -> dict[str, tuple]:
    return {v.code: (v.value, v.rate) for v in extract_indicators(document) if v.code}


def test_space_aligned_text_dump_is_read_as_a_table():
    lines = [
        "PHỤ LỤC 2",
        "STT   Nội dung                              Số lượng     Tỉ lệ (%)",
        "1     Giáo viên có máy tính                 2.001        91,5",
        "2     Số nền tảng                           4",
        "3     Học sinh có máy tính                  30.300       33",
    ]
    document = Document(Source(path="x.txt", sha256="0" * 64, format="txt"),
                        [Paragraph(text=t, location=Location(line=i + 1)) for i, t in enumerate(lines)])
    assert _values(document) == {"1a": (2001, 91.5), "3a": (4, None), "2a": (30300, 33.0)}


@pytest.mark.parametrize(
    ("titles", "row", "expected"),
    [
        # per-commune columns beside the whole area's: only the total is the report's figure
        (["STT", "Chỉ tiêu", "Xã A", "Xã B", "Toàn huyện"], ["1", "Giáo viên có máy tính", "10", "20", "30"],
         (30, None)),
        # a target column before the result
        (["STT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Tỉ lệ (%)"], ["1", "Giáo viên có máy tính", "50", "45", "90"],
         (45, 90.0)),
    ],
)
def test_side_figure_columns_are_skipped(titles, row, expected):
    rows = [titles, row, ["2", "Học sinh có máy tính", *["7"] * (len(titles) - 2)],
            ["3", "Số nền tảng", *["2"] * (len(titles) - 2)]]
    cells = [[Cell(text=t, location=Location(table=0, row=r, cell=c), col=c) for c, t in enumerate(line)]
             for r, line in enumerate(rows)]
    assert _values(Document(SOURCE, [Table(rows=cells, location=Location(table=0))]))["1a"] == expected


def _prose(lines: list[str]) -> Document:
    return Document(SOURCE, [Paragraph(text=t, location=Location(paragraph=i)) for i, t in enumerate(lines)])


LINES_3 = ["1. Giáo viên có máy tính: 2.750, đạt 99,3%.", "2. Học sinh có máy tính: 31.800, đạt 38,5%.",
           "3. Số nền tảng dạy và học trực tuyến: 03."]


@pytest.mark.parametrize(
    ("heading", "after", "expected"),
    [
        # a numbered section of the report holds the figures; the next section ends it
        ("II. SỐ LIỆU THỐNG KÊ", ["III. KIẾN NGHỊ", "Trang bị máy tính cho 1.200 giáo viên."], (2750, 99.3)),
        ("Phần 3. Số liệu thống kê theo biểu mẫu", ["4. Đề xuất", "Cấp máy tính cho 9 giáo viên"], (2750, 99.3)),
        # a sentence that starts with the words is not a heading
        ("Số liệu thống kê cho thấy việc chuyển đổi số đạt kết quả tốt.", [], None),
    ],
)
def test_numbered_statistics_section_is_read_like_an_appendix(heading, after, expected):
    values = _values(_prose(["I. KẾT QUẢ", heading, *LINES_3, *after]))
    assert values.get("1a") == expected
    if expected:
        assert values["2a"] == (31800, 38.5)


def test_level_rows_then_total_row_give_the_line_its_figure():
    rows = [["TT", "Nội dung", "Số lượng", "Tỉ lệ (%)"], ["1", "Giáo viên có máy tính", "61", "98"],
            ["2", "Học sinh có máy tính", "", ""], ["", "Tiểu học", "300", "40"], ["", "THCS", "280", "52"],
            ["", "Cộng", "580", "45"], ["3", "Số nền tảng", "3", ""]]
    cells = [[Cell(text=t, location=Location(table=0, row=r, cell=c), col=c) for c, t in enumerate(line)]
             for r, line in enumerate(rows)]
    values = _values(Document(SOURCE, [Table(rows=cells, location=Location(table=0))]))
    assert values["2a"] == (580, 45.0)


def _grid(rows: list[list[str]]) -> Table:
    cells = [[Cell(text=t, location=Location(table=0, row=r, cell=c), col=c) for c, t in enumerate(line)]
             for r, line in enumerate(rows)]
    return Table(rows=cells, location=Location(table=0))


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # one column per indicator, one row per district, the total row is the province's
        ([["Đơn vị", "Giáo viên có máy tính", "Tỉ lệ GV có máy tính (%)", "Học sinh có máy tính", "Số nền tảng"],
          ["Huyện A", "40", "97,6", "510", "2"], ["Huyện B", "38", "98,7", "500", "3"],
          ["Tổng cộng", "78", "98,1", "1.010", "4"]], (78, 98.1)),
        # the same with a single row of figures
        ([["Đơn vị", "Giáo viên có máy tính", "Tỉ lệ GV có máy tính (%)", "Học sinh có máy tính", "Số nền tảng"],
          ["Sở GDĐT", "78", "98,1", "1.010", "4"]], (78, 98.1)),
        # "Tỉ lệ (%) so với tổng số" titles a rate column, not a count-or-rate one
        ([["STT", "Nội dung", "Số lượng", "Tỉ lệ (%) so với tổng số"], ["1", "Giáo viên có máy tính", "78", "98,1"],
          ["2", "Học sinh có máy tính", "1.010", "40"], ["3", "Số nền tảng", "4", ""]], (78, 98.1)),
    ],
)
def test_wide_sheets_and_rate_titles(rows, expected):
    assert _values(Document(SOURCE, [_grid(rows)]))["1a"] == expected


def test_section_tables_after_the_first_appendix_table_are_read():
    first = _grid([["STT", "Nội dung", "Số lượng", "Tỉ lệ (%)"], ["1", "Giáo viên có máy tính", "39", "98"],
                   ["2", "Giáo viên có đường truyền Internet", "38", "96,7"], ["3", "Học sinh có máy tính", "470", "43"]])
    second = _grid([["1", "Số hồ sơ giải quyết trực tuyến toàn trình", "131", "84"]])
    body = "Trong năm, Sở đã chỉ đạo các đơn vị tăng cường ứng dụng công nghệ thông tin, " * 3
    appendix = [Paragraph(text="PHỤ LỤC 2", location=Location(paragraph=0)), first,
                Paragraph(text="III. DỊCH VỤ CÔNG", location=Location(paragraph=1)), second]
    assert _values(Document(SOURCE, appendix))["9b"] == (131, 84.0)
    # body prose between: the small table is the report's, not the appendix's
    after_body = [*appendix[:2], Paragraph(text=body, location=Location(paragraph=1)), second]
    assert "9b" not in _values(Document(SOURCE, after_body))


def test_year_groups_spanning_count_and_rate_read_the_latest_year():
    rows = [
        [Cell("STT", Location(table=0, row=0, cell=0), col=0, row_span=2),
         Cell("Nội dung", Location(table=0, row=0, cell=1), col=1, row_span=2),
         Cell("Năm 2024", Location(table=0, row=0, cell=2), col=2, col_span=2),
         Cell("Năm 2025", Location(table=0, row=0, cell=4), col=4, col_span=2)],
        [Cell(t, Location(table=0, row=1, cell=c), col=c) for c, t in ((2, "Số lượng"), (3, "Tỉ lệ (%)"),
                                                                        (4, "Số lượng"), (5, "Tỉ lệ (%)"))],
    ]
    for r, label in enumerate(("Giáo viên có máy tính", "Học sinh có máy tính", "Giáo viên có Internet"), start=2):
        rows.append([Cell(t, Location(table=0, row=r, cell=c), col=c)
                     for c, t in enumerate((str(r), label, "10", "50", "20", "60"))])
    assert _values(Document(SOURCE, [Table(rows=rows, location=Location(table=0))]))["1a"] == (20, 60.0)


def test_footnote_refs_in_figure_cells_and_named_figure_lines():
    refs = _grid([["STT", "Nội dung", "Số lượng", "Tỉ lệ (%)"], ["1", "Giáo viên có máy tính", "31(*)", "97(*)"],
                  ["2", "Học sinh có máy tính", "360[1]", "41"], ["3", "Số nền tảng", "03 (**)", ""]])
    assert _values(Document(SOURCE, [refs]))["1a"] == (31, 97.0)
    named = _grid([["STT", "Nội dung", "Kết quả"],
                   ["1", "- Giáo viên có máy tính\n- Giáo viên có Internet", "Số lượng: 31; tỉ lệ: 97%\nSố lượng: 30; tỉ lệ: 94%"],
                   ["2", "- Học sinh có máy tính", "Số lượng: 360; tỉ lệ: 41%"]])
    assert _values(Document(SOURCE, [named]))["1c"] == (30, 94.0)


@pytest.mark.parametrize(
    ("count", "rate", "expected", "note"),
    [
        ("-12", "97", (-12, 97.0), "negative"),  # kept as typed: the checks flag it
        ("31", "-5", (31, -5.0), "negative"),
        ("KAD", "KAD", (None, None), "not_applicable"),
        ("Không áp dụng", "--", (None, None), "not_applicable"),
    ],
)
def test_negative_and_no_figure_answers_in_figure_columns(count, rate, expected, note):
    table_ = _grid([["STT", "Nội dung", "Số lượng", "Tỉ lệ (%)"], ["1", "Giáo viên có máy tính", count, rate],
                    ["2", "Học sinh có máy tính", "360", "41"], ["3", "Số nền tảng", "3", ""]])
    values = {v.code: v for v in extract_indicators(Document(SOURCE, [table_])) if v.code}
    assert (values["1a"].value, values["1a"].rate) == expected
    assert any(n.endswith(note) for n in values["1a"].notes)  # a rate's note reads "rate_negative"


@pytest.mark.parametrize(
    "lines",
    [
        ["STT\tNội dung\tSố lượng\tTỉ lệ (%)", "1\tGiáo viên có máy tính\t31\t97", "2\tSố nền tảng\t3",
         "3\tHọc sinh có máy tính\t360\t41"],
        ["STT   Nội dung                       Số lượng    Tỉ lệ (%)",
         "1     Giáo viên có máy                31          97",
         "      tính",
         "2     Số nền tảng                     3",
         "3     Học sinh có máy tính            360         41"],
    ],
)
def test_tab_separated_and_wrapped_text_dumps(lines):
    document = _prose(["PHỤ LỤC 2", *lines])
    assert {k: v for k, v in _values(document).items() if k in ("1a", "3a", "2a")} == {
        "1a": (31, 97.0), "3a": (3, None), "2a": (360, 41.0)}


@pytest.mark.parametrize(
    ("remark", "expected"),
    [("Đạt 97%", 97.0), ("Tỉ lệ: 95,4%", 95.4), ("Tăng 5% so với năm 2024", None), ("Nguồn: CSDL ngành", None)],
)
def test_rate_typed_in_the_remarks_column(remark, expected):
    table_ = _grid([["STT", "Nội dung", "Kết quả", "Ghi chú"], ["1", "Giáo viên có máy tính", "31", remark],
                    ["2", "Học sinh có máy tính", "360", ""], ["3", "Số nền tảng", "3", ""]])
    assert _values(Document(SOURCE, [table_]))["1a"] == (31, expected)
