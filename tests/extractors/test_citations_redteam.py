"""Forms found by red-teaming held-out texts (issue 3): each once broke the extractor."""

from __future__ import annotations

import pytest

from baocao.model import Cell, Document, Location, Paragraph, Source, Table
from extractors.citations import extract_citations, extract_citations_text
from extractors.report_meta import read_report_meta


def ids_dates(text: str) -> list[tuple[str, str | None]]:
    return [(c.id, c.date) for c in extract_citations_text(text)]


FORMS = [
    ("Kế hoạch số 215/KH-UBND ngày 14/9/22 của UBND tỉnh", [("215/KH-UBND", "2022-09-14")]),
    ("Công văn số 1620/SGDĐT-VP ngày 3.8.23 về học bạ số", [("1620/SGDĐT-VP", "2023-08-03")]),
    ("Thông tư số 09/2021/TT-BGDĐT ngày 30-03-2021 quy định", [("09/2021/TT-BGDĐT", "2021-03-30")]),
    ("Nghị quyết số 57-NQ/TW ban hành ngày 22/12/2024", [("57-NQ/TW", "2024-12-22")]),
    ("Quyết định số 3120/QĐ-SGDĐT được ban hành ngày 05/9/2023", [("3120/QĐ-SGDĐT", "2023-09-05")]),
    ("Quyết định số 3120/QĐ-SGDĐT ký ngày 05/9/2023", [("3120/QĐ-SGDĐT", "2023-09-05")]),
    ("Quyết định số 749/QĐ-Ttg ngày 03/6/2020", [("749/QĐ-TTg", "2020-06-03")]),
    ("Quyết định số 411/qđ-ttg ngày 31/3/2022", [("411/QĐ-TTg", "2022-03-31")]),
    ("QĐ131/QĐ-TTg ngày 25/01/2022;", [("131/QĐ-TTg", "2022-01-25")]),
    ("Thực hiện Quyết định số 131/QĐ-TTg¹, Sở tham mưu", [("131/QĐ-TTg", None)]),
    ("Kế hoạch số 78/KH-UBND ngày 9/9/2025² của UBND tỉnh", [("78/KH-UBND", "2025-09-09")]),
    ("Thông tư số 42/2021/TT-\u200dBGDĐT ngày 30/12/2021", [("42/2021/TT-BGDĐT", "2021-12-30")]),
    ("Quyết định số\u00a0942/QĐ-TTg ngày\u00a015/6/2021", [("942/QĐ-TTg", "2021-06-15")]),
    ("Quyết định số 131/Q\u00d0-TTg ngày 25/01/2022", [("131/QĐ-TTg", "2022-01-25")]),
    ("Thông báo kết luận số 45/TB-VPCP ngày 10/02/2025", [("45/TB-VPCP", "2025-02-10")]),
    ("Thông tư liên tịch số 12/2016/TTLT-BGDĐT-BTC ngày 15/4/2016", [("12/2016/TTLT-BGDĐT-BTC", "2016-04-15")]),
    (
        "Quyết định số 1234/QĐ-UBND ngày 5/6/2024 sửa đổi Quyết định số 567/QĐ-UBND ngày 1/2/2023",
        [("1234/QĐ-UBND", "2024-06-05"), ("567/QĐ-UBND", "2023-02-01")],
    ),
    (
        "các Quyết định số 131/QĐ-TTg, 749/QĐ-TTg và 942/QĐ-TTg của Thủ tướng",
        [("131/QĐ-TTg", None), ("749/QĐ-TTg", None), ("942/QĐ-TTg", None)],
    ),
    (
        "các Kế hoạch: số 12/KH-UBND ngày 3/2/2023, số 45/KH-UBND ngày 4/4/2024",
        [("12/KH-UBND", "2023-02-03"), ("45/KH-UBND", "2024-04-04")],
    ),
    ("Luật Giao dịch điện tử năm 2023 (Luật số 20/2023/QH15 ngày 22/6/2023)", [("20/2023/QH15", "2023-06-22")]),
    ("Quyết định số 15a/QĐ-UBND ngày 2/3/2024", [("15a/QĐ-UBND", "2024-03-02")]),
    ("Thông tư số 09 /2021/TT-BGDĐT ngày 30/3/2021", [("09/2021/TT-BGDĐT", "2021-03-30")]),
    (
        "các Quyết định số 131, 749 và 942/QĐ-TTg của Thủ tướng",
        [("131/QĐ-TTg", None), ("749/QĐ-TTg", None), ("942/QĐ-TTg", None)],
    ),
    ("các Thông tư số 09, 42/2021/TT-BGDĐT", [("09/2021/TT-BGDĐT", None), ("42/2021/TT-BGDĐT", None)]),
    (
        "Quyết định số 131/QĐ-TTg ngày 25/01/2022, 749/QĐ-TTg ngày 03/6/2020",
        [("131/QĐ-TTg", "2022-01-25"), ("749/QĐ-TTg", "2020-06-03")],
    ),
    ("Quyết định số 131/QĐ – TTg ngày 25 /01/ 2022", [("131/QĐ-TTg", "2022-01-25")]),
    ("Quyết định số: 131/QĐ-TTg, ngày: 25/01/2022", [("131/QĐ-TTg", "2022-01-25")]),
    # Typed without diacritics (e-mail bodies), or with a wrong tone mark.
    ("Quyet dinh so 131/QD-TTg ngay 25/01/2022 cua Thu tuong", [("131/QĐ-TTg", "2022-01-25")]),
    ("Cong van so 12/UBND ngay 3/4/2024", [("12/UBND", "2024-04-03")]),
    ("Ke hoach so 12/KH-UBND ngay 05 thang 3 nam 2024", [("12/KH-UBND", "2024-03-05")]),
    ("Quyết định số 131/QĐ-TTg ngảy 25/01/2022", [("131/QĐ-TTg", "2022-01-25")]),
    # Tables pasted as text: a tab-separated row, a Markdown row with the date column first.
    ("5\t125/UBND\t05/01/2024\tCông văn về hạ tầng mạng", [("125/UBND", "2024-01-05")]),
    ("| 25/01/2022 | 131/QĐ-TTg | Thủ tướng Chính phủ | Phê duyệt Đề án 2022-2025 |", [("131/QĐ-TTg", "2022-01-25")]),
    (
        "| 24/01/2025 | 02/2025/TT-BGDĐT | Sửa đổi Thông tư số 09/2021/TT-BGDĐT ngày 30/3/2021 |",
        [("02/2025/TT-BGDĐT", "2025-01-24"), ("09/2021/TT-BGDĐT", "2021-03-30")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), FORMS, ids=[f[0][:40] for f in FORMS])
def test_forms(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert ids_dates(text) == expected


NOT_CITATIONS = [
    "Luật Giáo dục 2019 và Nghị quyết 57",  # no ký hiệu
    "Học sinh lớp 10/12 đạt điểm trung bình 8/10; 163/170 thủ tục; 1/3 số trường",
    "Đường dây nóng: 024.3825.1234, 0912-345-678; ISO/IEC 27001:2022; tổng đài 24/7",
    "Cổng: https://hanoi.edu.vn/van-ban/2024/5/KH-SGDDT.html; Zalo OA: 1234/5678",
    "File: BC_131_QD-TTg_2025.xlsx, link /file/d/131QD-TTg/view?id=2022/01/25",
    "(Kèm theo Quyết định số       /QĐ-SGDĐT ngày    /    /2025 của Giám đốc Sở GDĐT)",
    "báo cáo đột xuất theo Công văn số    /SGDĐT-VP.",
    "băng thông 1/10 Gbps; mã chương trình 2025/CĐS-01; 3,5 triệu lượt; phiên bản 2.0",
    "| 1 | 163/TTHC | 12/15 |",  # an unknown code alone in a cell
    "số liệu ngày 10/12/22 gửi lúc 14h30",  # a short-year date with no ký hiệu
    "số liệu tháng 12 /2021/KH chưa đủ",  # a spaced year without a type word
    "Báo cáo năm học 2023, 2024 và 12 trường",
    "Tong so 12/TTHC; so dien thoai 0912.345.678; ngay 25/01/2022 da hop",
]


@pytest.mark.parametrize("text", NOT_CITATIONS)
def test_not_citations(text: str) -> None:
    assert ids_dates(text) == []


def _cell(text: str, row: int, col: int) -> Cell:
    return Cell(text=text, location=Location(table=0, row=row, cell=col), col=col)


def _document(blocks: list) -> Document:
    return Document(source=Source(path="t.docx", sha256="", format="docx"), blocks=blocks)


def test_docx_table_with_the_date_column_first_never_takes_the_next_rows_date() -> None:
    table = Table(
        rows=[
            [_cell("Ngày ban hành", 0, 0), _cell("Số, ký hiệu", 0, 1)],
            [_cell("25/01/2022", 1, 0), _cell("131/QĐ-TTg", 1, 1)],
            [_cell("30/12/2022", 2, 0), _cell("4725/QĐ-BGDĐT", 2, 1)],
            [_cell("", 3, 0), _cell("125/UBND", 3, 1)],
        ],
        location=Location(table=0),
    )
    found = extract_citations(_document([table]))
    assert [(c.id, c.date) for c in found] == [
        ("131/QĐ-TTg", "2022-01-25"),
        ("4725/QĐ-BGDĐT", "2022-12-30"),
        ("125/UBND", None),
    ]


def test_row_date_only_when_one_undated_ky_hieu_and_one_free_date() -> None:
    table = Table(
        rows=[
            [_cell("131/QĐ-TTg", 0, 0), _cell("749/QĐ-TTg", 0, 1), _cell("25/01/2022", 0, 2)],
            [_cell("Căn cứ Quyết định số 942/QĐ-TTg", 1, 0), _cell("15/6/2021", 1, 1)],
        ],
        location=Location(table=0),
    )
    found = extract_citations(_document([table]))
    # Row 0: the date cell follows 749 directly; 131 gets no date (none is left free).
    # Row 1: the date follows the mention in the next cell of the same row.
    assert [(c.id, c.date) for c in found] == [
        ("131/QĐ-TTg", None),
        ("749/QĐ-TTg", "2022-01-25"),
        ("942/QĐ-TTg", "2021-06-15"),
    ]


@pytest.mark.parametrize(
    ("lines", "report_date"),
    [
        (["+ Quyết định số 131/QĐ-TTg, ngày 25 tháng 01 năm 2022;"], None),
        (["Hà Nội , ngày 20 tháng 11 năm 2025"], "2025-11-20"),
        (["Số: 12/BC-SGDĐT", "TP. Hồ Chí Minh, ngày 3/11/2025"], "2025-11-03"),
        (["Ha Noi, ngay 20 thang 11 nam 2025"], "2025-11-20"),
    ],
)
def test_report_date_line_needs_a_place_before_the_comma(lines: list[str], report_date: str | None) -> None:
    blocks = [Paragraph(text=line, location=Location(line=n)) for n, line in enumerate(lines, 1)]
    assert read_report_meta(_document(blocks)).report_date == report_date


def test_real_docx_citation_tables(tmp_path) -> None:  # noqa: ANN001 - pytest fixture
    import docx

    from readers import read_document

    document = docx.Document()
    document.add_paragraph("Số: 3377/BC-SGDĐT")
    document.add_paragraph("Căn cứ Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ;")
    rows = [
        ["STT", "Ngày ban hành", "Số, ký hiệu", "Trích yếu"],
        ["1", "25/01/2022", "131/QĐ-TTg", "Phê duyệt Đề án"],
        ["2", "30/12/2022", "4725/QĐ-BGDĐT", "Bộ chỉ số, kèm Công văn"],
        ["3", "05/01/2024", "125/UBND", "Hạ tầng mạng"],
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "vanban.docx"
    document.save(path)
    found = extract_citations(read_document(path))
    assert [(c.id, c.date) for c in found] == [
        ("131/QĐ-TTg", "2022-01-25"),
        ("131/QĐ-TTg", "2022-01-25"),
        ("4725/QĐ-BGDĐT", "2022-12-30"),
        ("125/UBND", "2024-01-05"),
    ]
    assert found[3].location.row == 3 and found[3].location.cell == 2


def test_type_word_of_the_row_above_is_not_taken() -> None:
    table = Table(
        rows=[
            [_cell("1", 0, 0), _cell("Ghi chú: kèm Công văn", 0, 1)],
            [_cell("09/2021/TT-BGDĐT", 1, 0), _cell("30/03/2021", 1, 1)],
        ],
        location=Location(table=0),
    )
    [citation] = extract_citations(_document([table]))
    assert (citation.id, citation.date, citation.type) == ("09/2021/TT-BGDĐT", "2021-03-30", "Thông tư")
    assert citation.location == Location(table=0, row=1, cell=0)


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("Ke hoach so 12/KH-UBND ngay 05 thang 3 nam 2024 cua UBND tinh Nghe An", "Ủy ban nhân dân tỉnh Nghệ An"),
        ("Kế hoạch số 12/KH-UBND cua UBND thanh pho Hai Phong", "Ủy ban nhân dân thành phố Hải Phòng"),
        ("Kế hoạch số 120/KH-UBND ngày 12/5/2022 của UBND tỉnh Hà Giang", "Ủy ban nhân dân tỉnh Hà Giang"),
        ("Quyet dinh so 131/QD-TTg ngay 25/01/2022", "Thủ tướng Chính phủ"),
    ],
)
def test_issuer_named_without_diacritics_or_as_a_former_province(text: str, issuer: str) -> None:
    [citation] = extract_citations_text(text)
    assert citation.issuer == issuer
