#!/usr/bin/env python
"""Build ``samples/not_reports/``: documents that reach the Ministry's mailbox but are not
a province's Appendix 2 report, written in the style of real administrative files.

* ``so-tu-phap-danh-muc-van-ban.xlsx``: a Sở Tư pháp workbook tracking legal documents
  (Số/ký hiệu | Ngày ban hành | Trích yếu ...); its summaries name digital records, online
  public services and Decision 131, and some symbols look like "8a"/"9a" line codes.
* ``giay-moi-hoi-nghi-tong-ket-131.docx``: an invitation to the Decision 131 review
  conference (topic right, no appendix).
* ``cong-van-tuyen-sinh-lop-10.docx``: an unrelated official letter of a Sở GDĐT with a
  small table of figures (an enrolment report whose lines look like template lines).
* ``ke-hoach-ubnd-kon-tum-2022.docx``: a 2022 plan of "UBND tỉnh Kon Tum" implementing
  Decision 131 (a plan, not the report; it keeps its former province).

The output is deterministic (fixed document times) so rebuilding changes no byte.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "samples" / "not_reports"
STAMP = datetime(2025, 10, 20, 8, 0)

REGISTER_HEADER = ("STT", "Số, ký hiệu văn bản", "Ngày ban hành", "Trích yếu nội dung", "Cơ quan ban hành",
                   "Tình trạng hiệu lực", "Số lượng", "Ghi chú")  # fmt: skip
REGISTER_ROWS = [
    ("1", "08a/2025/QĐ-UBND", "15/01/2025",
     "Quy định về triển khai hệ thống quản trị, quản lý dựa trên dữ liệu và công nghệ số tại các cơ sở giáo dục "
     "trên địa bàn tỉnh", "UBND tỉnh", "Còn hiệu lực", "1", "8a"),
    ("2", "12/2025/QĐ-UBND", "03/03/2025",
     "Quy định quản lý hồ sơ số đối với cơ sở vật chất, thiết bị và các nguồn lực khác của cơ sở giáo dục",
     "UBND tỉnh", "Còn hiệu lực", "1", "8d: 1"),
    ("3", "25/2025/QĐ-UBND", "20/05/2025",
     "Công bố danh mục thủ tục hành chính đủ điều kiện được triển khai dịch vụ công trực tuyến toàn trình "
     "thuộc thẩm quyền giải quyết của Sở Giáo dục và Đào tạo", "Chủ tịch UBND tỉnh", "Còn hiệu lực", "1", "9a = 1"),
    ("4", "1520/QĐ-UBND", "18/07/2022",
     "Kế hoạch thực hiện Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án "
     "Tăng cường ứng dụng công nghệ thông tin và chuyển đổi số trong giáo dục và đào tạo", "UBND tỉnh",
     "Hết hiệu lực một phần", "1", ""),
    ("5", "30/2025/NQ-HĐND", "10/07/2025",
     "Quy định mức chi hỗ trợ học sinh có máy tính, thiết bị kết nối Internet phục vụ học trực tuyến",
     "HĐND tỉnh", "Còn hiệu lực", "1", "2a"),
    ("6", "41/2025/QĐ-UBND", "02/09/2025",
     "Quy định số lượng nhà giáo được quản lý bằng hồ sơ số với định danh thống nhất", "UBND tỉnh",
     "Chưa có hiệu lực", "1", "8c 1"),
]  # fmt: skip


def build_register(path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh mục 2025"
    sheet.append(["UBND TỈNH AN GIANG"])
    sheet.append(["SỞ TƯ PHÁP"])
    sheet.append(["DANH MỤC VĂN BẢN QUY PHẠM PHÁP LUẬT DO HĐND, UBND TỈNH BAN HÀNH NĂM 2025"])
    sheet.append([])
    sheet.append(list(REGISTER_HEADER))
    for row in REGISTER_ROWS:
        sheet.append(list(row))
    sheet.append([])
    sheet.append(["Tổng số văn bản theo dõi:", "", "", "6"])
    workbook.properties.created = workbook.properties.modified = STAMP
    workbook.save(path)
    pin_zip_times(path)


def _docx(paragraphs: list[str], table: list[tuple[str, ...]] | None = None):
    import docx

    document = docx.Document()
    for text in paragraphs[:-1]:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=0, cols=len(table[0]))
        for row in table:
            cells = grid.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
    document.add_paragraph(paragraphs[-1])
    document.core_properties.created = document.core_properties.modified = STAMP
    return document


INVITATION = [
    "BỘ GIÁO DỤC VÀ ĐÀO TẠO",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    "Số: 1187/GM-BGDĐT",
    "Hà Nội, ngày 14 tháng 11 năm 2025",
    "GIẤY MỜI",
    "Hội nghị tổng kết thực hiện Đề án Tăng cường ứng dụng công nghệ thông tin và chuyển đổi số trong giáo dục "
    "và đào tạo giai đoạn 2022-2025, định hướng đến năm 2030 (Quyết định số 131/QĐ-TTg ngày 25/01/2022)",
    "Kính gửi: Giám đốc các Sở Giáo dục và Đào tạo.",
    "Thực hiện Văn bản số 6541/BGDĐT-KHCNTT, Bộ Giáo dục và Đào tạo tổ chức Hội nghị tổng kết, trân trọng kính "
    "mời đại diện lãnh đạo Sở và 01 chuyên viên phụ trách công nghệ thông tin tham dự.",
    "Thời gian: 08 giờ 00, ngày 28 tháng 11 năm 2025 (thứ Sáu).",
    "Địa điểm: Hội trường tầng 2, Bộ Giáo dục và Đào tạo, số 35 Đại Cồ Việt, Hà Nội.",
    "Đề nghị các đơn vị chuẩn bị báo cáo tham luận (tối đa 10 phút), gửi về Cục Khoa học, Công nghệ và Thông tin "
    "trước ngày 25/11/2025. Trân trọng./.",
]

ENROLMENT = [
    "UBND TỈNH NINH BÌNH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO",
    "Số: 2034/BC-SGDĐT",
    "Ninh Bình, ngày 03 tháng 11 năm 2025",
    "BÁO CÁO",
    "Kết quả tuyển sinh vào lớp 10 THPT năm học 2025-2026",
    "Kính gửi: Bộ Giáo dục và Đào tạo.",
    "Căn cứ Thông tư số 30/2024/TT-BGDĐT ngày 30/12/2024 của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Quy chế "
    "tuyển sinh trung học cơ sở và tuyển sinh trung học phổ thông, Sở Giáo dục và Đào tạo báo cáo kết quả tuyển "
    "sinh như sau:",
    "Chỉ tiêu tuyển sinh và tỉ lệ học sinh đăng ký tuyển sinh trực tuyến năm học trước của các trường:",
    "Sở Giáo dục và Đào tạo Ninh Bình trân trọng báo cáo./.",
]
ENROLMENT_TABLE = [
    ("STT", "Trường", "Số lượng", "Tỉ lệ (%)"),
    ("1", "THPT Lương Văn Tụy - chỉ tiêu lớp 10", "540", ""),
    ("2", "Số học sinh có máy tính đăng ký tuyển sinh trực tuyến", "11.250", "96,4"),
    ("3", "Số lượng hồ sơ giải quyết trực tuyến mức độ toàn trình", "10.845", "92,7"),
    ("4", "Thủ tục hành chính tuyển sinh triển khai dịch vụ công trực tuyến toàn trình", "2", "100"),
    ("5", "THPT Kim Sơn A - chỉ tiêu lớp 10", "495", ""),
]

KONTUM_PLAN = [
    "ỦY BAN NHÂN DÂN TỈNH KON TUM",
    "Số: 2219/KH-UBND",
    "Kon Tum, ngày 12 tháng 7 năm 2022",
    "KẾ HOẠCH",
    "Thực hiện Đề án Tăng cường ứng dụng công nghệ thông tin và chuyển đổi số trong giáo dục và đào tạo giai "
    "đoạn 2022-2025, định hướng đến năm 2030 trên địa bàn tỉnh Kon Tum",
    "Căn cứ Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ; Ủy ban nhân dân tỉnh Kon Tum ban "
    "hành Kế hoạch thực hiện như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Phấn đấu đến năm 2025, 100% cơ sở giáo dục triển khai hệ thống quản trị dựa trên dữ liệu; 90% nhà giáo "
    "được quản lý bằng hồ sơ số.",
    "II. NHIỆM VỤ, GIẢI PHÁP",
    "Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ngành, UBND các huyện, thành phố triển khai. Kinh phí "
    "thực hiện từ ngân sách tỉnh và nguồn xã hội hóa./.",
]


def save_docx(document, path: Path) -> None:
    document.save(path)
    pin_zip_times(path)


def pin_zip_times(path: Path) -> None:
    """Rewrite a zip (DOCX/XLSX) with fixed member times so rebuilds are byte-identical."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            pinned = zipfile.ZipInfo(info.filename, date_time=(2025, 10, 20, 8, 0, 0))
            pinned.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(pinned, source.read(info))
    path.write_bytes(buffer.getvalue())


def build(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "so-tu-phap-danh-muc-van-ban.xlsx": None,
        "giay-moi-hoi-nghi-tong-ket-131.docx": _docx(INVITATION),
        "cong-van-tuyen-sinh-lop-10.docx": _docx(ENROLMENT, ENROLMENT_TABLE),
        "ke-hoach-ubnd-kon-tum-2022.docx": _docx(KONTUM_PLAN),
    }
    built = []
    for name, document in paths.items():
        path = out / name
        if document is None:
            build_register(path)
        else:
            save_docx(document, path)
        built.append(path)
    return built


if __name__ == "__main__":
    for built_path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(built_path.relative_to(ROOT) if built_path.is_relative_to(ROOT) else built_path)
