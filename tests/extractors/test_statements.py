"""Reading one appendix line: real lines from the Hải Phòng report and common variants."""

import pytest

from extractors.statements import read_statement, split_statements

# (line as written, label starts with, value, rate, notes that must be present)
LINES = [
    ("- Tổng số giáo viên có máy tính 51.608 đạt tỉ lệ: 97,1%", "Tổng số giáo viên có máy tính", 51608, 97.1, []),
    ("- Tổng số giảng viên có máy tính: 3.907 đạt tỉ lệ: 100%", "Tổng số giảng viên", 3907, 100.0, []),
    ("- Tổng số học sinh có máy tính: 362.942 đạt tỉ lệ: 32.86 %", "Tổng số học sinh", 362942, 32.86, []),
    ("- Tổng số sinh viên có máy tính: 69511  đạt tỉ lệ: 81,9 %", "Tổng số sinh viên", 69511, 81.9, []),
    (
        "- Tổng số học sinh có đường truyền Internet: đạt 362942 tỉ lệ: 100 %",
        "Tổng số học sinh có đường truyền Internet",
        362942,
        100.0,
        ["value_after_rate_marker"],
    ),
    (
        "- Tổng số sinh viên có đường truyền Internet: ................................69511 đạt tỉ lệ: 100 %",
        "Tổng số sinh viên có đường truyền Internet",
        69511,
        100.0,
        [],
    ),
    ("- Số nền tảng là sản phẩm trong nước: 4 .......", "Số nền tảng là sản phẩm trong nước", 4, None, []),
    ("- Số lượng học sinh/ sinh viên tham gia sử dụng nền tảng, đạt tỉ lệ: 100 %", "Số lượng học sinh", None, 100.0, []),
    ("Tổng số cơ sở giáo dục đại học đã cung cấp:0 đạt 0 tỉ lệ: 0%", "Tổng số cơ sở giáo dục đại học", 0, 0.0, []),
    ("- Tỉ trọng nội dung triển khai dưới hình thức trực tuyến ở bậc tiểu học chiếm 3%", "Tỉ trọng", None, 3.0, []),
    (
        "Tổng số người học lấy bằng đại học thứ hai có thời lượng đào tạo trực tuyến >=50%:0 đạt tỉ lệ: 0 %",
        "Tổng số người học lấy bằng đại học thứ hai",
        0,
        0.0,
        [],
    ),
    ("- Số lượng các cơ sở giáo dục đào tạo quản lý hồ sơ số: 1588,đạt tỉ lệ: 100%", "Số lượng các cơ sở", 1588, 100.0, []),
    ("Số lượng hồ sơ công việc tại cấp Phòng:150, đạt tỉ lệ: 100.%", "Số lượng hồ sơ công việc", 150, 100.0, []),
    (
        "- Số lượng thủ tục hành chính đủ điều kiện được triển khai dịch vụ công trực tuyến mức độ 4 "
        "(hoặc mức độ 3 nếu không phát sinh thanh toán): 163 đạt tỉ lệ: 100%",
        "Số lượng thủ tục hành chính",
        163,
        100.0,
        [],
    ),
    ("- Số lượng hồ sơ giải quyết trực tuyến mức độ 3 và 4: 6987, đạt tỉ lệ: 99.3%", "Số lượng hồ sơ", 6987, 99.3, []),
    ("- Số lượng (ước tính) người học, phụ huynh hài lòng đạt tỉ lệ: 90%", "Số lượng (ước tính)", None, 90.0, []),
    ("- Số lượng người học được quản lý bằng hồ sơ số: 1.002.912 đạt tỉ lệ: 100%", "Số lượng người học", 1002912, 100.0, []),
    ("- Tổng số học sinh có máy tính: 412,380, đạt tỉ lệ: 95,2%", "Tổng số học sinh", 412380, 95.2, []),
    ("GV có máy tính: 51.608 (97,1%)", "GV có máy tính", 51608, 97.1, []),
    ("Tổng số giáo viên có máy tính (tính đến 30/9/2025): 51.608, đạt 97,1%", "Tổng số giáo viên", 51608, 97.1, []),
    # Held-out habits (tests/extractors/heldout): typed into the dots, no diacritics, footnote marks,
    # units on both sides of a slash, rate first with the count in parentheses, a list of names.
    ("- Tổng số giáo viên có đường truyền Internet: ....12.000....đạt tỉ lệ: ..95,8..%", "Tổng số giáo viên", 12000, 95.8, []),
    ("- Tong so giao vien co may tinh: 12.345 dat ti le: 98,5%", "Tong so giao vien co may tinh", 12345, 98.5, []),
    ("- Tổng số giáo viên có máy tính: 12.345², đạt tỉ lệ: 98,5%", "Tổng số giáo viên", 12345, 98.5, ["footnote_mark"]),
    ("- Tổng số giáo viên có máy tính: gần 100%", "Tổng số giáo viên", None, 100.0, []),
    ("Giáo viên có Internet: 12.000 người/12.530 người, đạt 95,8%", "Giáo viên có Internet", 12000, 95.8,
     ["value_of_total:12.530"]),
    ("12.345/98,5%", "", 12345, 98.5, []),
    ("- Tổng số giáo viên có máy tính: 98,5% (12.345 giáo viên)", "Tổng số giáo viên", 12345, 98.5,
     ["value_in_parentheses"]),
    ("- Số nền tảng: 3, gồm: VioEdu, OLM, Zoom", "Số nền tảng", 3, None, ["value_before_list"]),
    ("Đạt 97,3% (4.410/4.532 giáo viên)", "", 4410, 97.3, ["value_of_total:4.532", "value_in_parentheses"]),
]


@pytest.mark.parametrize(("line", "label", "value", "rate", "notes"), LINES)
def test_read_statement(line, label, value, rate, notes):
    reading = read_statement(line)
    assert reading.label.startswith(label)
    assert (reading.value.value if reading.value else None) == value
    assert (reading.rate.value if reading.rate else None) == rate
    for note in notes:
        assert note in reading.notes


@pytest.mark.parametrize(
    "line",
    [
        "- Tổng số giáo viên có máy tính: ......đạt tỉ lệ: ...%",
        "- Tổng số giảng viên có đường truyền Internet: ......đạt tỉ lệ: ...%",
        "- Số lượng hồ sơ giải quyết trực tuyến mức độ toàn trình: …., đạt tỉ lệ: ….%",
    ],
)
def test_unfilled_placeholders_are_missing_not_zero(line):
    reading = read_statement(line)
    assert reading.value is not None and reading.value.value is None
    assert "unfilled" in reading.value.notes
    assert reading.rate is None or reading.rate.value is None


def test_platform_names_are_kept():
    reading = read_statement("- Số nền tảng: 6 (Microsoft Teams, Zoom,  Google Meet, K12 Online, Azota)")
    assert reading.value.value == 6
    assert reading.names == ["Microsoft Teams", "Zoom", "Google Meet", "K12 Online", "Azota"]


def test_numbers_inside_words_dates_and_urls_are_not_values():
    assert read_statement("Truy cập https://csdl.moet.gov.vn/2025 ngày 25/01/2022").value is None
    assert read_statement("Trường K12 Online").value is None


def test_split_joins_wrapped_lines_and_separates_bullets():
    lines = [
        "- Tổng số giáo viên có máy tính 51.608 đạt tỉ lệ: ",
        "97,1%",
        "- Tổng số học sinh có đường truyền ",
        "Internet:",
        " đạt 362942 tỉ lệ: 100 %",
        "Số lượng hồ sơ công việc tại cấp Phòng được vận ",
        "hành dựa trên dữ liệu và công nghệ số:150, đạt tỉ lệ: ",
        "100.%",
    ]
    statements = [s.text for s in split_statements(lines)]
    assert len(statements) == 3
    assert statements[0].endswith("97,1%")
    assert "Internet: đạt 362942" in statements[1]
    assert statements[2].startswith("Số lượng hồ sơ công việc tại cấp Phòng")


def test_split_drops_footnotes_and_if_any_lines():
    lines = [
        "Nếu có,",
        "- Số nền tảng: 6 (Microsoft Teams, Zoom, Google",
        "Meet, Azota)",
        "10 Giảng viên tại các cơ sở giáo dục đại học trực thuộc.",
    ]
    statements = [s.text for s in split_statements(lines)]
    assert statements == ["- Số nền tảng: 6 (Microsoft Teams, Zoom, Google Meet, Azota)"]


def test_numbered_heading_is_separated_from_its_figure():
    lines = [
        "4. Cung cấp các chương trình đào tạo (cấp bằng) theo hình thức từ xa, trực",
        "tuyến",
        "Tổng số cơ sở giáo dục đại học đã cung cấp:0 đạt 0",
        "tỉ lệ: 0%",
    ]
    statements = [s.text for s in split_statements(lines)]
    assert len(statements) == 2
    assert statements[1].startswith("Tổng số cơ sở giáo dục đại học")


def test_statements_run_together_on_one_line_are_split():
    line = (
        "- Tổng số giáo viên có máy tính: 51.608 đạt tỉ lệ: 97,1% - Tổng số giảng viên có máy tính: 3.907 "
        "đạt tỉ lệ: 100% - Tổng số giáo viên có đường truyền Internet: 5300 đạt tỉ lệ: 100%"
    )
    statements = [read_statement(s.text) for s in split_statements([line])]
    assert [(r.value.value, r.rate.value) for r in statements] == [(51608, 97.1), (3907, 100.0), (5300, 100.0)]


@pytest.mark.parametrize("answer", ["Không", "Không có", "không phát sinh", "Chưa triển khai", "x"])
def test_explicit_no_figure_is_kept_as_not_applicable(answer):
    reading = read_statement(f"- Tổng số giảng viên có máy tính: {answer}")
    assert reading.label == "Tổng số giảng viên có máy tính"
    assert reading.value.value is None and "not_applicable" in reading.value.notes


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["1.1. Tổng số GV có máy tính: 1, đạt 50%", "1.2. Tổng số GV có Internet: 2, đạt 60%"], 2),
        (["Tổng số GV có máy tính: 12.345, đạt tỉ lệ 98,5%; tổng số GV có Internet: 12.000, đạt tỉ lệ 95,8%."], 2),
        (["Số lượng: 12.345; Tỉ lệ: 98,5%"], 1),  # one line's count and rate, not two lines
        (["- Số nền tảng: 3 (VioEdu; OLM); trong đó sản phẩm trong nước: 2"], 2),
        (["Số nền tảng: 02 (OLM, Zoom); số nền tảng trong nước: 01."], 2),
        (["Tỉ trọng nội dung trực tuyến: tiểu học 5%, trung học 9,5%."], 2),
        (["GV có máy tính: 12.345, đạt 98,5%, tăng 2% so với năm 2022"], 1),  # a change, not a line
    ],
)
def test_held_out_line_splitting(lines, expected):
    assert len(split_statements(lines)) == expected


def test_a_list_of_rates_keeps_the_shared_words():
    texts = [s.text for s in split_statements(["Tỉ trọng nội dung trực tuyến: tiểu học 5%, trung học 9,5%."])]
    assert texts[1].startswith("Tỉ trọng nội dung trực tuyến: trung học")
    assert read_statement(texts[1]).rate.value == 9.5


@pytest.mark.parametrize(
    ("line", "label", "value", "rate"),
    [
        # the count written before the label in prose
        ("- 3.100 giáo viên có máy tính (đạt 97%);", "giáo viên có máy tính", 3100, 97.0),
        # a unit after a figure is not a label
        ("6 nền tảng", "", 6, None),
        # a count in parentheses with its unit inside a label cell
        ("Giáo viên có máy tính (3.100 người)", "Giáo viên có máy tính", 3100, None),
        # a line titled by its rate
        ("Tỉ lệ người học, phụ huynh hài lòng về dịch vụ trực tuyến: 92,5%.",
         "Tỉ lệ người học, phụ huynh hài lòng về dịch vụ trực tuyến", None, 92.5),
        ("Đạt tỉ lệ: 97,1%", "", None, 97.1),
    ],
)
def test_labels_around_figures(line, label, value, rate):
    reading = read_statement(line)
    assert (reading.label, reading.value.value if reading.value else None) == (label, value)
    assert (reading.rate.value if reading.rate else None) == rate


def test_not_applicable_answer_closes_a_line_and_a_rate_title_opens_one():
    lines = ["Số nền tảng dạy học trực tuyến: chưa có.", "Tỉ lệ người học, phụ huynh hài lòng: 92,5%.",
             "Học sinh có máy tính: 3.000", "đạt tỉ lệ: 41%"]
    assert [len(s.lines) for s in split_statements(lines)] == [1, 1, 2]


def test_count_is_before_the_first_rate_when_a_change_follows():
    reading = read_statement("- Số học sinh có máy tính: 36.000 (41%), tăng 3,5% so với năm học trước.")
    assert (reading.value.value, reading.rate.value) == (36000, 41.0)
