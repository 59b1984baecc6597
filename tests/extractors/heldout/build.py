"""Build the held-out DOCX/XLSX/PDF files next to this script (committed, each < 100 KB).

Run ``python tests/extractors/heldout/build.py`` (PDFs need LibreOffice).  The gold for
each file is ``FILE_GOLD`` below, written by hand from the texts put into the files.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import docx
import openpyxl
from docx.shared import Pt

HERE = Path(__file__).parent

# Hand-written gold: file name -> {code: (value, rate)}; codes not listed must be absent or null.
FILE_GOLD: dict[str, dict[str, tuple[int | None, float | None]]] = {
    "merged_header.docx": {
        "1a": (8123, 99.2), "1b": (None, None), "1c": (8050, 98.3), "2a": (96500, 51.4), "2c": (90100, 48.0),
        "3a": (3, None), "3b": (2, None), "3c": (70500, 37.5), "9a": (92, 100.0), "9b": (2875, 91.6),
    },
    "merged_header.pdf": {
        "1a": (8123, 99.2), "1b": (None, None), "1c": (8050, 98.3), "2a": (96500, 51.4), "2c": (90100, 48.0),
        "3a": (3, None), "3b": (2, None), "3c": (70500, 37.5), "9a": (92, 100.0), "9b": (2875, 91.6),
    },
    "text_numbers.xlsx": {
        "1a": (15230, 97.4), "1c": (15002, 95.9), "2a": (210345, 44.1), "2c": (200110, 41.9),
        "3a": (5, None), "5a": (None, 8.5), "5b": (None, 12.0), "8b": (468000, 99.5), "9b": (5120, 88.2),
    },
    "long_template.pdf": {
        "1a": (23456, 98.9), "1b": (312, 100.0), "1c": (23010, 97.0), "1d": (300, 96.2),
        "2a": (402113, 55.3), "2b": (5120, 91.0), "2c": (398000, 54.7), "2d": (5011, 89.1),
        "3a": (7, None), "3b": (4, None), "3c": (380000, 52.2), "4a": (1, 100.0),
        "5a": (None, 6.5), "5b": (None, 11.2), "6a": (240, 35.0), "7a": (0, 0.0),
        "8a": (1120, 100.0), "8b": (410000, 99.8), "8c": (24000, 99.9), "8d": (1050, 93.8),
        "8e": (2100, 80.0), "9a": (101, 100.0), "9b": (6012, 92.4), "9c": (350000, 96.0), "9d": (4200, 93.0),
    },
    "nested_frame.docx": {
        "1a": (6210, 99.0), "1c": (6100, 97.3), "2a": (70420, 38.6), "2c": (69000, 37.8), "3a": (2, None),
        "8e": (980, 64.0), "9a": (77, 100.0), "9b": (1902, 85.1),
    },
    "five_col_long.pdf": {
        "1a": (31002, 99.4), "1b": (None, None), "1c": (30877, 99.0), "1d": (None, None),
        "2a": (512300, 60.2), "2b": (None, None), "2c": (498760, 58.6), "2d": (None, None),
        "3a": (6, None), "3b": (3, None), "3c": (455000, 53.4), "4a": (None, None),
        "5a": (None, 7.5), "5b": (None, 13.0), "6a": (None, None), "7a": (None, None),
        "8a": (1433, 100.0), "8b": (851000, 99.9), "8c": (31500, 100.0), "8d": (1390, 97.0),
        "8e": (2650, 88.3), "9a": (110, 100.0), "9b": (8012, 94.1), "9c": (600000, 97.0), "9d": (5100, 95.0),
    },
    "years.xlsx": {
        "1a": (9050, 98.1), "1c": (9001, 97.6), "2a": (121000, 47.0), "3a": (5, None), "9b": (3210, 90.2),
    },
    "tracked_changes.docx": {"1a": (12345, 98.5), "1c": (12000, 95.8), "2a": (150234, 45.2)},
    "vmerged_sections.pdf": {
        "1a": (4410, 98.0), "1b": (95, 100.0), "1c": (4380, 97.3), "1d": (93, 97.9),
        "2a": (52010, 41.2), "2b": (1200, 80.0), "2c": (50500, 40.0), "2d": (1150, 76.7),
        "8a": (402, 100.0), "8b": (126000, 99.8), "8c": (4500, 100.0), "8d": (380, 94.5), "8e": (760, 55.0),
        "9a": (71, 100.0), "9b": (1650, 83.3), "9c": (70000, 90.0), "9d": (1800, 88.0),
    },
}


def _merge_header(table) -> None:
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 1).merge(table.cell(1, 1))
    table.cell(0, 2).merge(table.cell(0, 3))


def build_merged_header_docx(path: Path) -> Path:
    """Two-row merged header, ALL-CAPS section rows, one row per sub-line, school list after."""
    document = docx.Document()
    for text in (
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH GIA LAI",
        "Năm học 2024-2025 toàn tỉnh có 7.900 giáo viên có máy tính, đạt 97%; 80.000 học sinh có máy tính.",
        "Số liệu chi tiết tại Phụ lục 2 kèm theo báo cáo này.",
        "Phụ lục 2",
        "BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ GIAI ĐOẠN 2022-2025",
    ):
        document.add_paragraph(text)
    rows = [
        ("STT", "Nội dung triển khai", "Kết quả", ""),
        ("", "", "Số lượng", "Tỉ lệ (%)"),
        ("I", "TIẾP CẬN GIÁO DỤC TRỰC TUYẾN", "", ""),
        ("1.1", "Giáo viên có máy tính", "8.123", "99,2"),
        ("1.2", "Giảng viên có máy tính", "Không có", "-"),
        ("1.3", "Giáo viên có đường truyền Internet", "8.050", "98,3"),
        ("2.1", "Học sinh có máy tính", "96.500", "51,4"),
        ("2.2", "Học sinh có đường truyền Internet", "90.100", "48"),
        ("II", "MÔI TRƯỜNG GIÁO DỤC TRỰC TUYẾN", "", ""),
        ("3.1", "Số nền tảng dạy và học trực tuyến (VNPT E-learning, OLM, Zoom)", "3", ""),
        ("3.2", "Số nền tảng là sản phẩm trong nước", "2", ""),
        ("3.3", "Số học sinh tham gia sử dụng nền tảng", "70.500", "37,5"),
        ("IV", "DỊCH VỤ CÔNG TRỰC TUYẾN", "", ""),
        ("9.1", "Số TTHC đủ điều kiện cung cấp DVC trực tuyến mức độ 3, 4", "92", "100"),
        ("9.2", "Số hồ sơ giải quyết trực tuyến mức độ 3, 4", "2.875", "91,6"),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    _merge_header(table)
    table.cell(0, 2).text = "Kết quả"
    document.add_paragraph("Danh sách trường điển hình")
    schools = document.add_table(rows=3, cols=4)
    schools.style = "Table Grid"
    for r, row in enumerate([
        ("STT", "Tên trường", "Số giáo viên có máy tính", "Tỉ lệ học sinh có máy tính"),
        ("1", "THPT Pleiku", "64", "100%"),
        ("2", "THCS Nguyễn Du", "41", "88%"),
    ]):
        for c, text in enumerate(row):
            schools.cell(r, c).text = text
    document.save(path)
    return path


def build_text_numbers_xlsx(path: Path) -> Path:
    """Letterhead rows, merged "Kết quả" header, counts typed as text, mixed rate formats."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Phu luc 2"
    sheet["A1"] = "UBND TỈNH LÀO CAI"
    sheet["A2"] = "BIỂU SỐ LIỆU THỐNG KÊ (Kèm theo Báo cáo số 123/BC-SGDĐT)"
    sheet.merge_cells("A2:E2")
    sheet.append([])
    sheet.append(["STT", "Nội dung", "Kết quả", None, "Ghi chú"])
    sheet.append([None, None, "Số lượng", "Tỉ lệ (%)", None])
    sheet.merge_cells("C4:D4")
    sheet.merge_cells("A4:A5")
    sheet.merge_cells("B4:B5")
    data = [
        (1, "Tổng số giáo viên có máy tính", "15.230", 0.974, "%"),
        (2, "Tổng số giáo viên có đường truyền Internet", "15,002", 95.9, None),
        (3, "Tổng số học sinh có máy tính", 210345, "44,1", None),
        (4, "Tổng số học sinh có đường truyền Internet", "200110", "41,9%", None),
        (5, "Số nền tảng dạy và học trực tuyến", 5, None, None),
        (6, "Tỉ trọng nội dung trực tuyến bậc tiểu học", None, 0.085, "%"),
        (7, "Tỉ trọng nội dung trực tuyến bậc trung học", None, 12, None),
        (8, "Số lượng người học được quản lý bằng hồ sơ số", "468.000", "99,5", None),
        (9, "Số lượng hồ sơ giải quyết trực tuyến toàn trình", 5120, 0.882, "%"),
    ]
    for stt, label, count, rate, fmt in data:
        sheet.append([stt, label, count, rate, "Số liệu từ CSDL ngành"])
        if fmt:
            sheet.cell(row=sheet.max_row, column=4).number_format = "0.0%"
    sheet2 = book.create_sheet("Danh sach truong")
    sheet2.append(["STT", "Tên trường", "Số học sinh có máy tính", "Tỉ lệ"])
    sheet2.append([1, "THPT Lào Cai 1", 1200, 0.9])
    book.save(path)
    return path


_LONG_LINES = [
    ("1.", "Số lượng nhà giáo được trang bị máy tính/ đường truyền Internet",
     "- Tổng số giáo viên có máy tính: 23.456 đạt tỉ lệ: 98,9%\n- Tổng số giảng viên có máy tính: 312 đạt tỉ lệ: 100%\n"
     "- Tổng số giáo viên có đường truyền Internet: 23.010 đạt tỉ lệ: 97%\n"
     "- Tổng số giảng viên có đường truyền Internet: 300 đạt tỉ lệ: 96,2%"),
    ("2.", "Người học được trang bị máy tính/ đường truyền Internet",
     "- Tổng số học sinh có máy tính: 402.113, đạt tỉ lệ: 55,3%\n- Tổng số sinh viên có máy tính: 5.120, đạt tỉ lệ: 91%\n"
     "- Tổng số học sinh có đường truyền Internet: 398.000, đạt tỉ lệ: 54,7%\n"
     "- Tổng số sinh viên có đường truyền Internet: 5.011, đạt tỉ lệ: 89,1%"),
    ("3.", "Triển khai nền tảng dạy và học trực tuyến",
     "- Số nền tảng: 7 (VioEdu, OLM, K12Online, VNPT E-learning, Zoom, MS Teams, Google Meet)\n"
     "- Số nền tảng là sản phẩm trong nước: 4\n"
     "- Số lượng học sinh/ sinh viên tham gia sử dụng nền tảng: 380.000, đạt tỉ lệ: 52,2%"),
    ("4.", "Cung cấp các chương trình đào tạo (cấp bằng) theo hình thức từ xa, trực tuyến",
     "- Tổng số cơ sở giáo dục đại học đã cung cấp chương trình đào tạo (cấp bằng) theo hình thức từ xa, "
     "trực tuyến: 1, đạt tỉ lệ: 100%"),
    ("5.", "Tỉ trọng nội dung chương trình được triển khai dưới hình thức trực tuyến",
     "- Bậc tiểu học: 6,5%\n- Bậc trung học: 11,2%"),
    ("6.", "Tổ chức lớp học trực tuyến", "- Tổng số lớp học trực tuyến trong các cơ sở giáo dục đại học: 240, "
     "đạt tỉ lệ: 35%"),
    ("7.", "Đào tạo văn bằng thứ hai", "- Tổng số người học lấy bằng đại học thứ hai có thời lượng đào tạo trực "
     "tuyến >=50%: 0, đạt tỉ lệ: 0%"),
    ("8.", "Quản trị dựa trên dữ liệu",
     "- Tổng số cơ sở giáo dục (mầm non, phổ thông và thường xuyên) đã triển khai hệ thống quản trị, quản lý dựa "
     "trên dữ liệu và công nghệ số: 1.120, đạt tỉ lệ: 100%\n"
     "- Số lượng người học được quản lý bằng hồ sơ số với định danh thống nhất: 410.000, đạt tỉ lệ: 99,8%\n"
     "- Số lượng nhà giáo được quản lý bằng hồ sơ số với định danh thống nhất: 24.000, đạt tỉ lệ: 99,9%\n"
     "- Số lượng các cơ sở giáo dục đào tạo quản lý hồ sơ số đối với cơ sở vật chất, thiết bị và các nguồn lực "
     "khác: 1.050, đạt tỉ lệ: 93,8%\n"
     "- Số lượng hồ sơ công việc tại cấp Sở được vận hành dựa trên dữ liệu và công nghệ số: 2.100, đạt tỉ lệ: 80%"),
    ("9.", "Dịch vụ công trực tuyến",
     "- Số lượng thủ tục hành chính đủ điều kiện được triển khai dịch vụ công trực tuyến toàn trình: 101, "
     "đạt tỉ lệ: 100%\n- Số lượng hồ sơ giải quyết trực tuyến mức độ toàn trình: 6.012, đạt tỉ lệ: 92,4%\n"
     "- Số lượng (ước tính) người học, phụ huynh hài lòng về chất lượng dịch vụ trực tuyến: 350.000, đạt tỉ lệ: 96%\n"
     "- Số lượng (ước tính) tổ chức, cá nhân hài lòng về chất lượng dịch vụ công trực tuyến: 4.200, "
     "đạt tỉ lệ: 93%"),
]


def build_long_template_docx(path: Path) -> Path:
    """The 3-column template in a large font so the table runs over several pages."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(15)
    document.add_paragraph("Phụ lục 2")
    document.add_paragraph("BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ GIAI ĐOẠN 2022-2025")
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for c, text in enumerate(("STT", "Nội dung triển khai", "Kết quả (số liệu) thống kê toàn tỉnh")):
        table.cell(0, c).text = text
    for stt, content, result in _LONG_LINES:
        row = table.add_row()
        row.cells[0].text = stt
        row.cells[1].text = content
        lines = result.split("\n")
        row.cells[2].text = lines[0]
        for line in lines[1:]:
            row.cells[2].add_paragraph(line)
    document.save(path)
    return path


def build_nested_frame_docx(path: Path) -> Path:
    """The appendix pasted inside a one-cell frame table, a phone number in the footer."""
    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = "Liên hệ: 0912.345.678 - Phòng KHTC, 20 trang"
    document.add_paragraph("Phụ lục 2")
    frame = document.add_table(rows=1, cols=1)
    frame.style = "Table Grid"
    outer = frame.cell(0, 0)
    outer.paragraphs[0].text = "BIỂU SỐ LIỆU THỐNG KÊ (kèm theo Báo cáo số 88/BC-SGDĐT)"
    rows = [
        ("TT", "Nội dung", "Kết quả (số liệu)"),
        ("1", "Nhà giáo", "- Tổng số giáo viên có máy tính: 6.210, đạt tỉ lệ: 99%\n"
                          "- Tổng số giáo viên có đường truyền Internet: 6.100, đạt tỉ lệ: 97,3%"),
        ("2", "Người học", "- Tổng số học sinh có máy tính: 70.420, đạt tỉ lệ: 38,6%\n"
                           "- Tổng số học sinh có đường truyền Internet: 69.000, đạt tỉ lệ: 37,8%"),
        ("3", "Nền tảng", "- Số nền tảng: 02 (VnEdu LMS, Microsoft Teams)"),
        ("8", "Quản trị", "- Số lượng hồ sơ công việc tại cấp Sở được vận hành dựa trên dữ liệu: 980, "
                          "đạt tỉ lệ: 64%"),
        ("9", "Dịch vụ công", "- Số lượng TTHC đủ điều kiện DVCTT toàn trình: 77, đạt tỉ lệ: 100%\n"
                              "- Số lượng hồ sơ giải quyết trực tuyến toàn trình: 1.902, đạt tỉ lệ: 85,1%"),
    ]
    inner = outer.add_table(rows=len(rows), cols=3)
    inner.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            lines = text.split("\n")
            target = inner.cell(r, c)
            target.text = lines[0]
            for line in lines[1:]:
                target.add_paragraph(line)
    document.save(path)
    return path


_FIVE_COL_ROWS = [
    ("1", "Giáo viên có máy tính", "Người", "31.002", "99,4"),
    ("2", "Giảng viên có máy tính", "Người", "", ""),
    ("3", "Giáo viên có đường truyền Internet", "Người", "30.877", "99"),
    ("4", "Giảng viên có đường truyền Internet", "Người", "", ""),
    ("5", "Học sinh có máy tính", "Người", "512.300", "60,2"),
    ("6", "Sinh viên có máy tính", "Người", "", ""),
    ("7", "Học sinh có đường truyền Internet", "Người", "498.760", "58,6"),
    ("8", "Sinh viên có đường truyền Internet", "Người", "", ""),
    ("9", "Số nền tảng dạy và học trực tuyến (OLM, VioEdu, K12Online, Zoom, MS Teams, Google Meet)", "Nền tảng",
     "6", ""),
    ("10", "Số nền tảng là sản phẩm trong nước", "Nền tảng", "3", ""),
    ("11", "Số lượng học sinh/sinh viên tham gia sử dụng nền tảng", "Người", "455.000", "53,4"),
    ("12", "Tổng số cơ sở giáo dục đại học đã cung cấp chương trình đào tạo từ xa, trực tuyến", "Cơ sở", "", ""),
    ("13", "Tỉ trọng nội dung triển khai dưới hình thức trực tuyến ở bậc tiểu học", "%", "", "7,5"),
    ("14", "Tỉ trọng nội dung triển khai dưới hình thức trực tuyến ở bậc trung học", "%", "", "13"),
    ("15", "Tổng số lớp học trực tuyến trong các cơ sở giáo dục đại học", "Lớp", "", ""),
    ("16", "Tổng số người học lấy bằng đại học thứ hai có thời lượng đào tạo trực tuyến >=50%", "Người", "", ""),
    ("17", "Tổng số cơ sở giáo dục (mầm non, phổ thông và thường xuyên) đã triển khai hệ thống quản trị, quản lý "
     "dựa trên dữ liệu và công nghệ số", "Cơ sở", "1.433", "100"),
    ("18", "Số lượng người học được quản lý bằng hồ sơ số với định danh thống nhất", "Người", "851.000", "99,9"),
    ("19", "Số lượng nhà giáo được quản lý bằng hồ sơ số với định danh thống nhất", "Người", "31.500", "100"),
    ("20", "Số lượng các cơ sở giáo dục đào tạo quản lý hồ sơ số đối với cơ sở vật chất, thiết bị và các nguồn "
     "lực khác", "Cơ sở", "1.390", "97"),
    ("21", "Số lượng hồ sơ công việc tại cấp Sở được vận hành dựa trên dữ liệu và công nghệ số", "Hồ sơ", "2.650",
     "88,3"),
    ("22", "Số lượng thủ tục hành chính đủ điều kiện được triển khai dịch vụ công trực tuyến toàn trình", "Thủ tục",
     "110", "100"),
    ("23", "Số lượng hồ sơ giải quyết trực tuyến mức độ toàn trình", "Hồ sơ", "8.012", "94,1"),
    ("24", "Số lượng (ước tính) người học, phụ huynh hài lòng về chất lượng dịch vụ trực tuyến", "Người",
     "600.000", "97"),
    ("25", "Số lượng (ước tính) tổ chức, cá nhân hài lòng về chất lượng dịch vụ công trực tuyến", "Tổ chức/cá nhân",
     "5.100", "95"),
]


def build_five_col_long_docx(path: Path) -> Path:
    """STT | Nội dung | ĐVT | Số lượng | Tỉ lệ (%) in a large font: the table crosses pages, header not repeated."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(17)
    document.add_paragraph("PHỤ LỤC 2. BIỂU SỐ LIỆU THỐNG KÊ")
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for c, text in enumerate(("STT", "Nội dung", "ĐVT", "Số lượng", "Tỉ lệ (%)")):
        table.cell(0, c).text = text
    for row in _FIVE_COL_ROWS:
        cells = table.add_row().cells
        for c, text in enumerate(row):
            cells[c].text = text
    document.save(path)
    return path


def build_years_xlsx(path: Path) -> Path:
    """A time series by year; the latest year is the figure asked for."""
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Bia"
    cover["A1"] = "Báo cáo tổng kết Đề án 131: có 8.000 giáo viên có máy tính năm 2022"
    sheet = book.create_sheet("PL2")
    sheet.append(["STT", "Chỉ tiêu", "Năm 2022", "Năm 2023", "Năm 2024", "Năm 2025", "Tỉ lệ 2025 (%)"])
    data = [
        (1, "Giáo viên có máy tính", 8000, 8400, 8800, 9050, 98.1),
        (2, "Giáo viên có đường truyền Internet", 7900, 8300, 8700, 9001, 97.6),
        (3, "Học sinh có máy tính", 90000, 100000, 110000, 121000, 47),
        (4, "Số nền tảng dạy và học trực tuyến", 2, 3, 4, 5, None),
        (5, "Số lượng hồ sơ giải quyết trực tuyến toàn trình", 900, 1800, 2500, 3210, 90.2),
    ]
    for row in data:
        sheet.append(list(row))
    book.save(path)
    return path


def build_tracked_changes_docx(path: Path) -> Path:
    """Figures corrected with Track Changes on: the deleted old figure must not be read."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("Phụ lục 2")
    rows = [
        ("STT", "Nội dung", "Số lượng", "Tỉ lệ (%)"),
        ("1", "Tổng số giáo viên có máy tính", ("11.000", "12.345"), ("90,1", "98,5")),
        ("2", "Tổng số giáo viên có đường truyền Internet", "12.000", ("88", "95,8")),
        ("3", "Tổng số học sinh có máy tính", ("140.000", "150.234"), "45,2"),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            if isinstance(text, str):
                paragraph.text = text
                continue
            old_text, new_text = text
            attrs = 'w:id="{}" w:author="Chuyên viên" w:date="2025-11-10T08:00:00Z"'
            paragraph._p.append(parse_xml(
                f'<w:del {nsdecls("w")} {attrs.format(r * 10 + c)}><w:r><w:delText>{old_text}</w:delText></w:r></w:del>'
            ))
            paragraph._p.append(parse_xml(
                f'<w:ins {nsdecls("w")} {attrs.format(r * 10 + c + 100)}><w:r><w:t>{new_text}</w:t></w:r></w:ins>'
            ))
    document.save(path)
    return path


_VMERGED_SECTIONS = [
    ("1", "Nhà giáo được trang bị máy tính/ đường truyền Internet", [
        ("Giáo viên có máy tính", "4.410", "98"), ("Giảng viên có máy tính", "95", "100"),
        ("Giáo viên có đường truyền Internet", "4.380", "97,3"), ("Giảng viên có đường truyền Internet", "93", "97,9"),
    ]),
    ("2", "Người học được trang bị máy tính/ đường truyền Internet", [
        ("Học sinh có máy tính", "52.010", "41,2"), ("Sinh viên có máy tính", "1.200", "80"),
        ("Học sinh có đường truyền Internet", "50.500", "40"), ("Sinh viên có đường truyền Internet", "1.150", "76,7"),
    ]),
    ("8", "Quản trị dựa trên dữ liệu và hồ sơ số", [
        ("Cơ sở giáo dục đã triển khai hệ thống quản trị dựa trên dữ liệu", "402", "100"),
        ("Người học được quản lý bằng hồ sơ số", "126.000", "99,8"),
        ("Nhà giáo được quản lý bằng hồ sơ số", "4.500", "100"),
        ("Cơ sở giáo dục quản lý hồ sơ số cơ sở vật chất, thiết bị", "380", "94,5"),
        ("Hồ sơ công việc cấp Sở vận hành dựa trên dữ liệu", "760", "55"),
    ]),
    ("9", "Dịch vụ công trực tuyến", [
        ("Thủ tục hành chính đủ điều kiện DVCTT toàn trình", "71", "100"),
        ("Hồ sơ giải quyết trực tuyến toàn trình", "1.650", "83,3"),
        ("Người học, phụ huynh hài lòng (ước tính)", "70.000", "90"),
        ("Tổ chức, cá nhân hài lòng (ước tính)", "1.800", "88"),
    ]),
]


def build_vmerged_sections_docx(path: Path) -> Path:
    """STT and section title merged down over their sub-rows; big font so merges cross pages."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(18)
    document.add_paragraph("Phụ lục 2")
    document.add_paragraph("BIỂU SỐ LIỆU THỐNG KÊ")
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for c, text in enumerate(("TT", "Nội dung", "Chỉ tiêu", "Số lượng", "Tỉ lệ (%)")):
        table.cell(0, c).text = text
    for stt, section, lines in _VMERGED_SECTIONS:
        first = len(table.rows)
        for label, count, rate in lines:
            cells = table.add_row().cells
            cells[2].text, cells[3].text, cells[4].text = label, count, rate
        last = len(table.rows) - 1
        table.cell(first, 0).merge(table.cell(last, 0)).text = stt
        table.cell(first, 1).merge(table.cell(last, 1)).text = section
    document.save(path)
    return path


def to_pdf(docx_path: Path, pdf_name: str) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(docx_path)],
            check=True, capture_output=True, timeout=180,
        )
        target = HERE / pdf_name
        target.write_bytes((Path(tmp) / (docx_path.stem + ".pdf")).read_bytes())
    return target


def main() -> int:
    merged = build_merged_header_docx(HERE / "merged_header.docx")
    build_text_numbers_xlsx(HERE / "text_numbers.xlsx")
    build_nested_frame_docx(HERE / "nested_frame.docx")
    build_years_xlsx(HERE / "years.xlsx")
    build_tracked_changes_docx(HERE / "tracked_changes.docx")
    if "--no-pdf" not in sys.argv:
        to_pdf(merged, "merged_header.pdf")
        with tempfile.TemporaryDirectory() as tmp:
            to_pdf(build_long_template_docx(Path(tmp) / "long_template.docx"), "long_template.pdf")
            to_pdf(build_five_col_long_docx(Path(tmp) / "five_col_long.docx"), "five_col_long.pdf")
            to_pdf(build_vmerged_sections_docx(Path(tmp) / "vmerged_sections.docx"), "vmerged_sections.pdf")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
