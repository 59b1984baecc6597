"""Several reports in one file: split at each new letterhead + "BÁO CÁO" title or appendix restart."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from baocao.model import Document, Location, Paragraph, Source
from extractors.parts import split_reports
from flows.pipeline import extract_parts
from tests.extractors.builders import table

ROOT = Path(__file__).resolve().parents[2]
SOURCE = Source(path="gop.pdf", sha256="0" * 64, format="pdf")
BODY = ("Thực hiện Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ và Văn bản số 6541/BGDĐT-KHCNTT "
        "ngày 16/10/2025 của Bộ Giáo dục và Đào tạo, Sở báo cáo kết quả triển khai Đề án như sau. ") * 4  # fmt: skip
APPENDIX = [["STT", "Nội dung", "Số lượng", "Tỉ lệ (%)"], ["1", "Tổng số giáo viên có máy tính", "{a}", "98,5"],
            ["2", "Tổng số học sinh có máy tính", "150.000", "60,1"], ["3", "Số nền tảng dạy học trực tuyến", "3", ""],
            ["4", "Số lượng hồ sơ giải quyết trực tuyến mức độ toàn trình", "4.321", "87,5"],
            ["5", "Tổng số giáo viên có đường truyền Internet", "12.000", "95,8"]]  # fmt: skip


class Pages:
    """Blocks with page numbers, as a PDF reader gives them."""

    def __init__(self) -> None:
        self.blocks: list = []
        self.page = 1

    def line(self, text: str) -> Pages:
        self.blocks.append(Paragraph(text, Location(page=self.page, paragraph=len(self.blocks))))
        return self

    def grid(self, rows: list[list[str]]) -> Pages:
        built = table(rows, index=len(self.blocks))
        built.location = Location(page=self.page, table=len(self.blocks))
        self.blocks.append(built)
        return self

    def new_page(self) -> Pages:
        self.page += 1
        return self

    def report(self, unit: str, place: str, a: str = "12.345", *, appendix: bool = True, closing: bool = True) -> Pages:
        self.line(f"UBND {unit.upper()}").line("SỞ GIÁO DỤC VÀ ĐÀO TẠO").line("Số: 12/BC-SGDĐT")
        self.line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").line("Độc lập - Tự do - Hạnh phúc")
        self.line(f"{place}, ngày 10 tháng 11 năm 2025").line("BÁO CÁO").line("Tổng kết thực hiện Quyết định 131/QĐ-TTg")
        self.line(f"Tên cơ quan báo cáo: Sở GDĐT {unit}").line(BODY)
        if closing:
            self.line(f"Trên đây là báo cáo của Sở Giáo dục và Đào tạo {unit}./.").line("Nơi nhận:")
        if appendix:
            self.new_page().line("Phụ lục 2").grid([[c.format(a=a) for c in row] for row in APPENDIX])
        return self.new_page()

    def document(self) -> Document:
        return Document(SOURCE, self.blocks, page_count=self.page - 1)


def _split(pages: Pages) -> list[tuple[str | None, tuple[int, int] | None]]:
    return [(e.province, e.source.pages) for e in extract_parts(pages.document())]


CASES = [
    ("two reports", Pages().report("tỉnh Nghệ An", "Nghệ An").report("thành phố Cần Thơ", "Cần Thơ"),
     [("Nghệ An", (1, 2)), ("Cần Thơ", (3, 4))]),
    ("three reports", Pages().report("tỉnh Nghệ An", "Nghệ An").report("thành phố Cần Thơ", "Cần Thơ")
     .report("tỉnh Lào Cai", "Lào Cai", closing=False), [("Nghệ An", (1, 2)), ("Cần Thơ", (3, 4)), ("Lào Cai", (5, 6))]),
    ("one report", Pages().report("tỉnh Nghệ An", "Nghệ An"), [("Nghệ An", None)]),
    ("quoted title inside the body", Pages().report("tỉnh Nghệ An", "Nghệ An", appendix=False, closing=False)
     .line("BÁO CÁO").line("“BÁO CÁO TỔNG KẾT NĂM HỌC 2023-2024” đã nêu các kết quả sau:").line(BODY)
     .line("Kết quả được tổng hợp tại Phụ lục 2./.").new_page().line("Phụ lục 2")
     .grid([[c.format(a="12.345") for c in row] for row in APPENDIX]).new_page(), [("Nghệ An", None)]),
    ("appendix page repeating the letterhead", Pages().report("tỉnh Nghệ An", "Nghệ An", appendix=False)
     .line("UBND TỈNH NGHỆ AN").line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").line("Phụ lục 2")
     .grid([[c.format(a="12.345") for c in row] for row in APPENDIX]).new_page(), [("Nghệ An", None)]),
    ("a cover letter before the report", Pages().line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
     .line("Kính gửi: Bộ GDĐT. Sở gửi kèm báo cáo.").new_page().report("tỉnh Nghệ An", "Nghệ An"), [("Nghệ An", None)]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "pages", "expected"), CASES, ids=[c[0] for c in CASES])
def test_split_reports(name: str, pages: Pages, expected: list) -> None:
    assert _split(pages) == expected


def test_appendix_restart_without_letterhead_is_a_new_part() -> None:
    pages = Pages().report("tỉnh Nghệ An", "Nghệ An")
    pages.line("Phụ lục 2").line("Tên cơ quan báo cáo: Sở GDĐT tỉnh Lào Cai")
    pages.grid([[c.format(a="9.999") for c in row] for row in APPENDIX]).new_page()
    parts = extract_parts(pages.document())
    assert [(p.province, p.source.part) for p in parts] == [("Nghệ An", 1), ("Lào Cai", 2)]
    assert [next(i.value for i in p.indicators if i.code == "1a") for p in parts] == [12345, 9999]


def test_letterhead_table_of_a_docx_starts_a_part() -> None:
    letterhead = [["UBND TỈNH LÀO CAI\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 7/BC-SGDĐT",
                   "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLào Cai, ngày 3 tháng 11 năm 2025"]]
    pages = Pages().report("tỉnh Nghệ An", "Nghệ An").grid(letterhead).line("BÁO CÁO").line(BODY)
    pages.line("Tên cơ quan báo cáo: Sở GDĐT tỉnh Lào Cai").line("Phụ lục 2")
    pages.grid([[c.format(a="7.777") for c in row] for row in APPENDIX])
    assert [p.province for p in extract_parts(pages.document())] == ["Nghệ An", "Lào Cai"]


def test_single_report_is_returned_as_is() -> None:
    document = Pages().report("tỉnh Nghệ An", "Nghệ An").document()
    assert split_reports(document) == [document]
    assert document.source.part is None


@pytest.mark.slow  # the CLI on two PDFs, a child process each
@pytest.mark.parametrize(
    ("name", "provinces"),
    [("merged_two_reports.pdf", ["Hải Phòng", "Cần Thơ"]),
     ("merged_three_reports.pdf", ["Lâm Đồng", "Cần Thơ", "Thanh Hóa"])],
)  # fmt: skip
def test_extract_prints_one_line_per_report(name: str, provinces: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "baocao", "extract", str(ROOT / "samples" / "reports" / name)],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["province"] for line in lines] == provinces
    assert [line["source"]["part"] for line in lines] == list(range(1, len(provinces) + 1))
    pages = [line["source"]["pages"] for line in lines]
    assert pages[0][0] == 1 and all(a[1] + 1 == b[0] for a, b in zip(pages, pages[1:], strict=False))
    assert all(len([i for i in line["indicators"] if i["code"]]) == 25 for line in lines)


def test_appendix_with_its_own_titled_letterhead_stays_with_its_report() -> None:
    """"BÁO CÁO SỐ LIỆU" over the appendix of the same province is not a second report."""
    pages = Pages().report("tỉnh Nghệ An", "Nghệ An", appendix=False)
    pages.line("UBND TỈNH NGHỆ AN").line("SỞ GIÁO DỤC VÀ ĐÀO TẠO").line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    pages.line("Nghệ An, ngày 10 tháng 11 năm 2025").line("BÁO CÁO SỐ LIỆU THỐNG KÊ").line(BODY)
    pages.line("Tên cơ quan báo cáo: Sở GDĐT tỉnh Nghệ An").line("Phụ lục 2")
    pages.grid([[c.format(a="12.345") for c in row] for row in APPENDIX]).new_page()
    assert _split(pages) == [("Nghệ An", None)]


def test_title_with_its_subject_in_one_paragraph_and_a_broken_motto() -> None:
    """A DOCX title "BÁO CÁO⏎Tổng kết …" in one paragraph; PDF text "CỘNG HÒA XÃ HỘI CHỦ" / "NGHĨA VIỆT NAM"."""
    pages = Pages().report("tỉnh Nghệ An", "Nghệ An")
    pages.line("UBND TỈNH LÀO CAI").line("CỘNG HÒA XÃ HỘI CHỦ").line("NGHĨA VIỆT NAM")
    pages.line("BÁO CÁO\nTổng kết thực hiện Quyết định số 131/QĐ-TTg").line(BODY)
    pages.line("Tên cơ quan báo cáo: Sở GDĐT tỉnh Lào Cai").line("Phụ lục 2")
    pages.grid([[c.format(a="7.777") for c in row] for row in APPENDIX]).new_page()
    assert [p for p, _ in _split(pages)] == ["Nghệ An", "Lào Cai"]


def test_letterhead_read_without_diacritics_still_starts_a_part() -> None:
    """OCR or an old font loses the marks: "CONG HOA XA HOI CHU NGHIA VIET NAM", "BAO CAO"."""
    pages = Pages().report("tỉnh Nghệ An", "Nghệ An")
    pages.line("UBND TINH LAO CAI").line("CONG HOA XA HOI CHU NGHIA VIET NAM").line("BAO CAO").line(BODY)
    pages.line("Tên cơ quan báo cáo: Sở GDĐT tỉnh Lào Cai").line("Phụ lục 2")
    pages.grid([[c.format(a="7.777") for c in row] for row in APPENDIX]).new_page()
    assert [p for p, _ in _split(pages)] == ["Nghệ An", "Lào Cai"]
