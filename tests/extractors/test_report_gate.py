"""The not-a-report gate: topic (Decision 131 / letter 6541) and a filled Appendix 2, or not_a_report."""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao.model import Document, Source
from extractors.appendix import read_appendix
from extractors.report_gate import judge_report
from tests.cli import load_script
from tests.extractors.builders import para, table

SOURCE = Source(path="x.docx", sha256="0" * 64, format="docx")

TITLE = "BÁO CÁO Tổng kết thực hiện Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ"
APPENDIX = [
    ["STT", "Nội dung", "Số lượng", "Tỉ lệ (%)"],
    ["1", "Tổng số giáo viên có máy tính", "12.345", "98,5"],
    ["2", "Tổng số học sinh có máy tính", "150.000", "60,1"],
    ["3", "Số lượng hồ sơ giải quyết trực tuyến mức độ toàn trình", "4.321", "87,5"],
]
BLANK_APPENDIX = [row[:2] + ["", ""] for row in APPENDIX]
REGISTER = [
    ["STT", "Số, ký hiệu văn bản", "Ngày ban hành", "Trích yếu nội dung", "Số lượng"],
    ["1", "08a/2025/QĐ-UBND", "15/01/2025", "Quy định về triển khai hệ thống quản trị dựa trên dữ liệu và công nghệ số"
     " tại các cơ sở giáo dục", "1"],
    ["2", "12/2025/QĐ-UBND", "03/03/2025", "Quy định quản lý hồ sơ số đối với cơ sở vật chất, thiết bị của cơ sở giáo"
     " dục", "1"],
    ["3", "25/2025/QĐ-UBND", "20/05/2025", "Công bố danh mục thủ tục hành chính đủ điều kiện được triển khai dịch vụ"
     " công trực tuyến toàn trình", "1"],
    ["4", "1520/QĐ-UBND", "18/07/2022", "Kế hoạch thực hiện Quyết định số 131/QĐ-TTg", "1"],
]  # fmt: skip


def _doc(paragraphs: list[str], rows: list[list[str]] | None = None, heading: str | None = None) -> Document:
    blocks = [para(text, i) for i, text in enumerate(paragraphs)]
    if heading:
        blocks.append(para(heading, len(blocks)))
    if rows:
        blocks.append(table(rows))
    return Document(SOURCE, blocks)


CASES = [
    # (name, document, is_report, words of the reason)
    ("report", _doc([TITLE], APPENDIX, "Phụ lục 2"), True, "Phụ lục 2"),
    ("report without appendix heading", _doc([TITLE], APPENDIX), True, "3 dòng"),
    ("bare appendix under its heading", _doc([], APPENDIX, "PHỤ LỤC II. BIỂU SỐ LIỆU THỐNG KÊ"), True, "không nêu"),
    ("register of legal documents", _doc(["SỞ TƯ PHÁP", "DANH MỤC VĂN BẢN NĂM 2025"], REGISTER), False,
     "không có Phụ lục 2"),
    ("blank template", _doc([TITLE], BLANK_APPENDIX, "Phụ lục 2"), False, "chưa điền"),
    ("invitation", _doc(["GIẤY MỜI", "Hội nghị tổng kết Quyết định số 131/QĐ-TTg", "Kính gửi: Giám đốc các Sở GDĐT"]),
     False, "giấy mời"),
    ("guidance sent down", _doc(["Kính gửi: Các Sở Giáo dục và Đào tạo", TITLE], BLANK_APPENDIX, "Phụ lục 2"), False,
     "gửi xuống"),
    ("off-topic report with template-like lines", _doc(["BÁO CÁO kết quả tuyển sinh lớp 10"], APPENDIX), False,
     "không nêu Quyết định 131"),
    ("plan about 131 without appendix", _doc(["KẾ HOẠCH thực hiện Đề án 131", "Căn cứ Quyết định số 131/QĐ-TTg"]),
     False, "không có Phụ lục 2"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "document", "is_report", "reason_has"), CASES, ids=[c[0] for c in CASES])
def test_gate(name: str, document: Document, is_report: bool, reason_has: str) -> None:
    verdict = judge_report(document, read_appendix(document))
    assert verdict.is_report is is_report, verdict
    assert reason_has in verdict.reason


def test_register_table_is_never_read_as_the_appendix() -> None:
    document = _doc([TITLE], REGISTER, "Phụ lục 2")
    assert [v for v in read_appendix(document) if v.code] == []


def test_sample_non_reports_are_judged_not_a_report(tmp_path: Path) -> None:
    from flows.extract import extract_for_store

    built = load_script("build_not_reports").build(tmp_path)
    assert len(built) >= 4
    for path in built:
        result = extract_for_store(str(path))
        assert result["ok"] and result["is_report"] is False, (path.name, result["report_reason"])
        if "tu-phap" in path.name:  # the register's template-like summaries are not read at all
            assert not [i for i in result["extraction"]["indicators"] if i["code"]]


@pytest.mark.parametrize(
    ("text", "about"),
    [("Quyết định số 131/QĐ-TTg ngày 25/01/2022", True), ("131/QD–TTg", True), ("Quyet dinh 131", True),
     ("BC tổng kết QĐ 131", True), ("Văn bản số 6541/BGDĐT-KHCNTT", True), ("6541/BGDDT-KHCNTT", True),
     ("ứng dụng CNTT và chuyển đổi số trong GD&ĐT", True), ("Quyết định số 131/QĐ-UBND của tỉnh", False),
     ("Quyết định số 1310/QĐ-TTg", False), ("Kế hoạch chuyển đổi số năm 2025", False)],
)  # fmt: skip
def test_topic_is_decision_131_or_letter_6541(text: str, about: bool) -> None:
    from extractors.report_gate import TOPIC_RE

    assert bool(TOPIC_RE.search(text)) is about
