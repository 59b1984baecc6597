"""Every citation form of issue 14, twice: a case written from the rules (prose as a report
writes it) and a case in the style of a real register or tracking workbook (a row of
cells).  The expected id keeps what was written (Đ stays Đ), whitespace removed."""

from __future__ import annotations

import pytest

from baocao.model import Cell, Document, Location, Source, Table
from extractors.citations import extract_citations, extract_citations_text

# (form, prose from the rules, register/workbook row [cells], expected (id, date))
FORMS = [
    ("space before slash", "Công văn số 935 /STC-ĐTGS&QTVĐT ngày 12/8/2025 của Sở Tài chính",
     ["1", "935 /STC-ĐTGS&QTVĐT", "12/08/2025", "V/v thẩm định dự toán"], ("935/STC-ĐTGS&QTVĐT", "2025-08-12")),
    ("spaces around hyphen", "Quyết định số 131/QĐ - TTg ngày 25/01/2022",
     ["2", "131/QĐ - TTg", "25/01/2022", "Phê duyệt Đề án"], ("131/QĐ-TTg", "2022-01-25")),
    ("en dash", "Nghị quyết số 57–NQ/TW ngày 22/12/2024",
     ["3", "57–NQ/TW", "22/12/2024", "Về đột phá phát triển khoa học"], ("57-NQ/TW", "2024-12-22")),
    ("comma and ampersand in the body", "Văn bản số 259/SNV-XDCQ,CTTN&BĐG ngày 20/8/2025",
     ["4", "259/SNV-XDCQ,CTTN&BĐG", "20/08/2025", "V/v báo cáo"], ("259/SNV-XDCQ,CTTN&BĐG", "2025-08-20")),
    ("mixed case Tr", "Tờ trình số 52/Tr-SCT ngày 11/9/2025",
     ["5", "52/Tr-SCT", "11/09/2025", "Tờ trình đề nghị phê duyệt"], ("52/Tr-SCT", "2025-09-11")),
    ("mixed case Ttr", "Tờ trình số 14/Ttr-UBND ngày 3/4/2025",
     ["6", "14/Ttr-UBND", "03/04/2025", "Tờ trình về việc"], ("14/TTr-UBND", "2025-04-03")),
    ("mixed case TTG", "Quyết định số 749/QĐ-TTG ngày 03/6/2020",
     ["7", "749/QĐ-TTG", "03/06/2020", "Chương trình Chuyển đổi số"], ("749/QĐ-TTg", "2020-06-03")),
    ("trailing year", "Kế hoạch số 15/KH-UBND/2024 ngày 12/01/2024",
     ["8", "15/KH-UBND/2024", "12/01/2024", "Kế hoạch triển khai"], ("15/KH-UBND/2024", "2024-01-12")),
    ("party document", "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
     ["9", "57-NQ/TW", "22/12/2024", "Nghị quyết của Bộ Chính trị"], ("57-NQ/TW", "2024-12-22")),
    ("consolidated text", "Văn bản hợp nhất số 07/VBHN-BGDĐT ngày 22/12/2023",
     ["10", "07/VBHN-BGDĐT", "22/12/2023", "Văn bản hợp nhất Thông tư"], ("07/VBHN-BGDĐT", "2023-12-22")),
    ("law", "Luật Công nghệ thông tin số 67/2006/QH11 ngày 29/6/2006",
     ["11", "67/2006/QH11", "29/06/2006", "Luật Công nghệ thông tin"], ("67/2006/QH11", "2006-06-29")),
    ("thousands dot", "Quyết định số 1.234/QĐ-UBND ngày 02/7/2024",
     ["12", "1.234/QĐ-UBND", "02/07/2024", "Quyết định về việc"], ("1.234/QĐ-UBND", "2024-07-02")),
    ("dot as separator", "Quyết định số 131/QĐ.TTg ngày 25/01/2022",
     ["13", "131/QĐ.TTg", "25/01/2022", "Phê duyệt Đề án"], ("131/QĐ.TTg", "2022-01-25")),
    ("NQ-HĐ keeps its Đ", "Nghị quyết số 15/NQ-HĐ ngày 12/3/2024 của Hội đồng trường",
     ["14", "15/NQ-HĐ", "12/03/2024", "Nghị quyết Hội đồng trường"], ("15/NQ-HĐ", "2024-03-12")),
    ("CV abbreviation", "CV 4729/SXD ngày 3/10/2025 về việc",
     ["15", "CV 4729/SXD", "03/10/2025", "Công văn hướng dẫn"], ("4729/SXD", "2025-10-03")),
    ("QĐ abbreviation", "QĐ 12/UBND ngày 1/2/2024",
     ["16", "QĐ 12/UBND", "01/02/2024", "Quyết định"], ("12/UBND", "2024-02-01")),
    ("GM invitation", "Giấy mời số 12/GM-SYT ngày 2/2/2024 của Sở Y tế",
     ["17", "12/GM-SYT", "02/02/2024", "Giấy mời họp"], ("12/GM-SYT", "2024-02-02")),
    ("unknown codes kept", "Công văn số 88/BQLKCN-QLDN ngày 5/5/2025",
     ["18", "88/BQLKCN-QLDN", "05/05/2025", "V/v rà soát"], ("88/BQLKCN-QLDN", "2025-05-05")),
    ("sub-unit of a Sở", "Công văn số 2170/STP-XDTHPL ngày 02/10/2025 của Sở Tư pháp",
     ["19", "2170/STP-XDTHPL", "02/10/2025", "V/v góp ý dự thảo"], ("2170/STP-XDTHPL", "2025-10-02")),
    ("lost marks restored", "Quyet djnh so 175/QD-SYT ngay 28/11/2017",
     ["20", "175/QD-SYT", "28/11/2017", "Quyet dinh ve viec"], ("175/QĐ-SYT", "2017-11-28")),
    ("ministry code without marks", "Cong van so 20/BGDDT-GDPT ngay 3/1/2025",
     ["21", "20/BGDDT-GDPT", "03/01/2025", "Cong van"], ("20/BGDĐT-GDPT", "2025-01-03")),
    ("digit slip in a date", "Quyết định số 175/QĐ-SYT ngày 28 tháng 1l năm 2017",
     ["22", "175/QĐ-SYT", "28/1l/2017", "Quyết định"], ("175/QĐ-SYT", "2017-11-28")),
    ("digit slip in a number", "Quyết định số l75/QĐ-SYT ngày 28/11/2017",
     ["23", "l75/QĐ-SYT", "28/11/2017", "Quyết định"], ("175/QĐ-SYT", "2017-11-28")),
    ("date written with words", "Kế hoạch số 142/KH-UBND ngày 16 tháng 10 năm 2025",
     ["24", "142/KH-UBND", "ngày 16 tháng 10 năm 2025", "Kế hoạch"], ("142/KH-UBND", "2025-10-16")),
]  # fmt: skip

HEADER = ["STT", "Số, ký hiệu", "Ngày tháng", "Trích yếu"]


@pytest.mark.parametrize(("form", "prose", "row", "expected"), FORMS, ids=[f[0] for f in FORMS])
def test_form_in_prose(form: str, prose: str, row: list[str], expected: tuple[str, str]) -> None:
    found = extract_citations_text(prose)
    assert [(c.id, c.date) for c in found] == [expected], form


def _register(rows: list[list[str]]) -> Document:
    cells = [
        [Cell(text=t, location=Location(table=0, row=r, cell=c), col=c) for c, t in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    return Document(source=Source(path="so.docx", sha256="", format="docx"), blocks=[Table(cells, Location(table=0))])


@pytest.mark.parametrize(("form", "prose", "row", "expected"), FORMS, ids=[f[0] for f in FORMS])
def test_form_in_a_register_row(form: str, prose: str, row: list[str], expected: tuple[str, str]) -> None:
    found = extract_citations(_register([HEADER, row]))
    assert [(c.id, c.date) for c in found] == [expected], form
    assert found[0].location.row == 1 and found[0].location.cell == 1


# The forms that are not citations, in prose and in cells: no false positive.
NOT_CITATIONS = [
    "Ngày 02/10/2025 Sở tổ chức hội nghị",
    "đạt 51.608/53.147 giáo viên (97,1%)",
    "3/4 số trường; tỉ lệ 12/15 chỉ tiêu",
    "Điện thoại: 0236.3822.123; fax 0236/3822124",
    "ISO 9001:2015, phiên bản 4.0",
    "Đề án 06/CP về dân cư",
    "Lớp 10A1, phòng l01, năm học 2024-2025",
]


@pytest.mark.parametrize("text", NOT_CITATIONS)
def test_not_a_citation(text: str) -> None:
    assert extract_citations_text(text) == []
    assert extract_citations(_register([HEADER, ["1", text, "", ""]])) == []
