# ruff: noqa: E501  -- verbatim template/seed lines stay whole so they can be grepped against the seeds
"""The Appendix 2 template (seed 000) and the constants every sample family shares."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "samples" / "seeds"
REPORTS = REPO / "samples" / "reports"
GOLD = REPO / "samples" / "gold"

FIXED_TIME = datetime(2025, 11, 14, 8, 0, 0, tzinfo=UTC)
ZIP_TIME = (2025, 11, 14, 8, 0, 0)
BODY_FONT = "Times New Roman"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------
# The Appendix 2 template (seed 000): sections, items, lines with stable codes
# ---------------------------------------------------------------------------

SECTIONS: list[tuple[str, str, list[int]]] = [
    ("I", "Tiếp cận giáo dục trực tuyến", [1, 2]),
    ("II", "Môi trường giáo dục trực tuyến", [3, 4]),
    ("III", "Quy mô hoạt động giáo dục trực tuyến", [5, 6, 7]),
    ("IV", "Quản lý, quản trị", [8]),
    ("V", "Dịch vụ hỗ trợ người học, người dân", [9]),
]

ITEM_TITLES: dict[int, str] = {
    1: "Số lượng nhà giáo (giáo viên/ giảng viên) được trang bị (có) máy tính (máy tính để "
    "bàn, máy tính bảng, máy tính xách tay)/ đường truyền Internet/ phần mềm để tham gia "
    "các hoạt động dạy, học trực tuyến",
    2: "Người học (học sinh/sinh viên) được trang bị (có) máy tính (máy tính để bàn, máy "
    "tính bảng, máy tính xách tay)/ đường truyền Internet/ phần mềm để tham gia các hoạt "
    "động dạy, học trực tuyến",
    3: "Triển khai nền tảng dạy và học trực tuyến",
    4: "Cung cấp các chương trình đào tạo (cấp bằng) theo hình thức từ xa, trực tuyến",
    5: "Tỉ trọng nội dung chương trình giáo dục phổ thông được triển khai dưới hình thức trực tuyến",
    6: "Triển khai học trực tuyến trong các cơ sở giáo dục đại học",
    7: "Triển khai đào tạo người học lấy văn bằng đại học, cao đẳng thứ hai tại các cơ sở "
    "giáo dục đại học trực thuộc (trong đó, thời lượng đào tạo bằng hình thức trực tuyến "
    ">=50%)",
    8: "Triển khai hệ thống quản trị, quản lý dựa trên dữ liệu và công nghệ số",
    9: "Triển khai dịch vụ hỗ trợ người học, người dân",
}

ITEM_SHORT_TITLES: dict[int, str] = {
    1: "Nhà giáo có máy tính, Internet",
    2: "Người học có máy tính, Internet",
    3: "Nền tảng dạy và học trực tuyến",
    4: "Đào tạo từ xa, trực tuyến (cấp bằng)",
    5: "Tỉ trọng nội dung GDPT trực tuyến",
    6: "Học trực tuyến tại cơ sở GDĐH",
    7: "Văn bằng đại học thứ hai",
    8: "Quản trị dựa trên dữ liệu",
    9: "Dịch vụ hỗ trợ người học, người dân",
}


@dataclass(frozen=True)
class TemplateLine:
    """One line of the template: ``wordings`` are (template, without "Tổng số", abbreviated)."""

    code: str
    item: int
    measures: str  # "count+rate" | "count" | "rate"
    wordings: tuple[str, str, str]


LINES: list[TemplateLine] = [
    TemplateLine(
        "1a", 1, "count+rate", ("Tổng số giáo viên có máy tính", "Số giáo viên có máy tính", "GV có máy tính")
    ),
    TemplateLine(
        "1b", 1, "count+rate", ("Tổng số giảng viên có máy tính", "Giảng viên có máy tính", "Giảng viên có máy tính")
    ),
    TemplateLine(
        "1c",
        1,
        "count+rate",
        ("Tổng số giáo viên có đường truyền Internet", "Số giáo viên có kết nối Internet", "GV có kết nối Internet"),
    ),
    TemplateLine(
        "1d",
        1,
        "count+rate",
        (
            "Tổng số giảng viên có đường truyền Internet",
            "Giảng viên có đường truyền Internet",
            "Giảng viên có Internet",
        ),
    ),
    TemplateLine("2a", 2, "count+rate", ("Tổng số học sinh có máy tính", "Số học sinh có máy tính", "HS có máy tính")),
    TemplateLine(
        "2b", 2, "count+rate", ("Tổng số sinh viên có máy tính", "Số sinh viên có máy tính", "SV có máy tính")
    ),
    TemplateLine(
        "2c",
        2,
        "count+rate",
        ("Tổng số học sinh có đường truyền Internet", "Học sinh có đường truyền Internet", "HS có kết nối Internet"),
    ),
    TemplateLine(
        "2d",
        2,
        "count+rate",
        ("Tổng số sinh viên có đường truyền Internet", "Sinh viên có đường truyền Internet", "SV có kết nối Internet"),
    ),
    TemplateLine("3a", 3, "count", ("Số nền tảng", "Số nền tảng dạy học trực tuyến", "Số nền tảng DH trực tuyến")),
    TemplateLine(
        "3b",
        3,
        "count",
        ("Số nền tảng là sản phẩm trong nước", "Nền tảng là sản phẩm trong nước", "Nền tảng trong nước"),
    ),
    TemplateLine(
        "3c",
        3,
        "count+rate",
        (
            "Số lượng học sinh/ sinh viên tham gia sử dụng nền tảng",
            "Học sinh, sinh viên tham gia sử dụng nền tảng",
            "HS/SV sử dụng nền tảng",
        ),
    ),
    TemplateLine(
        "4a",
        4,
        "count+rate",
        (
            "Tổng số cơ sở giáo dục đại học đã cung cấp chương trình đào tạo (cấp bằng) theo hình thức từ xa, trực tuyến",
            "Cơ sở giáo dục đại học cung cấp chương trình đào tạo từ xa, trực tuyến",
            "CSGDĐH có chương trình đào tạo từ xa, trực tuyến",
        ),
    ),
    TemplateLine(
        "5a",
        5,
        "rate",
        (
            "Tỉ trọng nội dung triển khai dưới hình thức trực tuyến ở bậc tiểu học",
            "Tỉ trọng nội dung trực tuyến bậc tiểu học",
            "Tỉ trọng ND trực tuyến - Tiểu học",
        ),
    ),
    TemplateLine(
        "5b",
        5,
        "rate",
        (
            "Tỉ trọng nội dung triển khai dưới hình thức trực tuyến ở bậc trung học",
            "Tỉ trọng nội dung trực tuyến bậc trung học",
            "Tỉ trọng ND trực tuyến - Trung học",
        ),
    ),
    TemplateLine(
        "6a",
        6,
        "count+rate",
        (
            "Tổng số lớp học trực tuyến trong các cơ sở giáo dục đại học đã triển khai",
            "Số lớp học trực tuyến trong các cơ sở giáo dục đại học",
            "Lớp học trực tuyến (GDĐH)",
        ),
    ),
    TemplateLine(
        "7a",
        7,
        "count+rate",
        (
            "Tổng số người học lấy bằng đại học thứ hai có thời lượng đào tạo trực tuyến >=50%",
            "Số người học lấy bằng đại học thứ hai có thời lượng trực tuyến >=50%",
            "Người học văn bằng 2 (trực tuyến >=50%)",
        ),
    ),
    TemplateLine(
        "8a",
        8,
        "count+rate",
        (
            "Tổng số cơ sở giáo dục (mầm non, phổ thông và thường xuyên) đã triển khai hệ thống quản trị, quản lý dựa trên dữ liệu và công nghệ số",
            "Số cơ sở giáo dục đã triển khai hệ thống quản trị, quản lý dựa trên dữ liệu",
            "CSGD triển khai quản trị dựa trên dữ liệu",
        ),
    ),
    TemplateLine(
        "8b",
        8,
        "count+rate",
        (
            "Số lượng người học được quản lý bằng hồ sơ số với định danh thống nhất",
            "Người học được quản lý bằng hồ sơ số với định danh thống nhất",
            "Người học có hồ sơ số, định danh thống nhất",
        ),
    ),
    TemplateLine(
        "8c",
        8,
        "count+rate",
        (
            "Số lượng nhà giáo được quản lý bằng hồ sơ số với định danh thống nhất",
            "Nhà giáo được quản lý bằng hồ sơ số với định danh thống nhất",
            "Nhà giáo có hồ sơ số, định danh thống nhất",
        ),
    ),
    TemplateLine(
        "8d",
        8,
        "count+rate",
        (
            "Số lượng các cơ sở giáo dục đào tạo quản lý hồ sơ số đối với cơ sở vật chất, thiết bị và các nguồn lực khác phục vụ giáo dục, đào tạo và nghiên cứu",
            "Cơ sở giáo dục quản lý hồ sơ số đối với cơ sở vật chất, thiết bị",
            "CSGD quản lý hồ sơ số CSVC, thiết bị",
        ),
    ),
    TemplateLine(
        "8e",
        8,
        "count+rate",
        (
            "Số lượng hồ sơ công việc tại cấp Sở được vận hành dựa trên dữ liệu và công nghệ số",
            "Hồ sơ công việc tại cấp Sở vận hành dựa trên dữ liệu và công nghệ số",
            "Hồ sơ công việc cấp Sở xử lý trên môi trường số",
        ),
    ),
    TemplateLine(
        "9a",
        9,
        "count+rate",
        (
            "Số lượng thủ tục hành chính đủ điều kiện được triển khai dịch vụ công trực tuyến toàn trình",
            "Số lượng thủ tục hành chính đủ điều kiện được triển khai dịch vụ công trực tuyến mức độ 3 và 4",
            "TTHC đủ điều kiện DVCTT mức độ 3, 4",
        ),
    ),
    TemplateLine(
        "9b",
        9,
        "count+rate",
        (
            "Số lượng hồ sơ giải quyết trực tuyến mức độ toàn trình",
            "Số lượng hồ sơ giải quyết trực tuyến mức độ 3 và 4",
            "Hồ sơ TTHC giải quyết trực tuyến",
        ),
    ),
    TemplateLine(
        "9c",
        9,
        "count+rate",
        (
            "Số lượng (ước tính) người học, phụ huynh hài lòng về chất lượng dịch vụ trực tuyến của các cơ sở giáo dục và đào tạo",
            "Người học, phụ huynh hài lòng về chất lượng dịch vụ trực tuyến của các cơ sở giáo dục",
            "Người học, phụ huynh hài lòng về DV trực tuyến",
        ),
    ),
    TemplateLine(
        "9d",
        9,
        "count+rate",
        (
            "Số lượng (ước tính) tổ chức, cá nhân hài lòng về chất lượng dịch vụ công trực tuyến của các cơ quan quản lý giáo dục",
            "Tổ chức, cá nhân hài lòng về chất lượng dịch vụ công trực tuyến",
            "Tổ chức, cá nhân hài lòng về DVC trực tuyến",
        ),
    ),
]

TEMPLATE_CODES: list[str] = [line.code for line in LINES]
PLATFORMS_FOREIGN = ["Microsoft Teams", "Zoom", "Google Meet", "Google Classroom", "Quizizz", "Kahoot"]
PLATFORMS_DOMESTIC = ["K12Online", "VNPT E-Learning", "Azota", "OLM", "vnEdu LMS", "Viettel Study", "MobiEdu"]


