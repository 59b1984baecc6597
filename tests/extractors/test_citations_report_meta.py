"""The report's own number and date (extractors/report_meta.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao.model import Document, Location, Paragraph, Source
from extractors.report_meta import read_report_meta
from readers import read_document

SEEDS = Path(__file__).resolve().parents[2] / "samples" / "seeds"


def meta_of(text: str):
    blocks = [Paragraph(text=line, location=Location(line=n)) for n, line in enumerate(text.splitlines(), 1)]
    return read_report_meta(Document(source=Source(path="x.txt", sha256="", format="txt"), blocks=blocks))


HEADERS = [
    # (header text, own_number, report_date, report_month)
    ("Số: 2871/BC-SGDĐT\nNghệ An, ngày 18 tháng 11 năm 2025", "2871/BC-SGDĐT", "2025-11-18", "2025-11"),
    (" Số:           /BGDĐT-KHCNTT \nHà Nội, ngày       tháng 10 năm 2025 ", "/BGDĐT-KHCNTT", None, "2025-10"),
    ("Số:  3105 /SGDĐT-CNTT \nĐà Nẵng, ngày 14/11/2025", "3105/SGDĐT-CNTT", "2025-11-14", "2025-11"),
    (
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO   Số: 45/BC-SGDĐT   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc   Quảng Ninh, ngày 05 tháng 12 năm 2025",
        "45/BC-SGDĐT",
        "2025-12-05",
        "2025-12",
    ),
    ("Thực hiện Văn bản Số: 12/SGDĐT-VP ngày 1/2/2024", None, None, None),  # a citation, not the own field
    ("Kính gửi: Bộ GDĐT\nNội dung báo cáo", None, None, None),
    ("Hải Phòng, ngày 31 tháng 02 năm 2025", None, None, "2025-02"),  # no such day
    ("Số:……./BC-SGDĐT\nQuảng Ninh, ngày      /11/2025", "/BC-SGDĐT", None, "2025-11"),
    ("Số: 1.234/BC-SGDĐT", None, None, None),  # not a number field we can read; never guessed
]


@pytest.mark.parametrize(("text", "own_number", "report_date", "report_month"), HEADERS)
def test_headers(text: str, own_number: str | None, report_date: str | None, report_month: str | None) -> None:
    meta = meta_of(text)
    assert (meta.own_number, meta.report_date, meta.report_month) == (own_number, report_date, report_month)


def test_attached_header_gives_number_and_month_when_letterhead_is_missing() -> None:
    meta = read_report_meta(read_document(SEEDS / "001_haiphong_report.txt"))
    assert (meta.own_number, meta.report_date, meta.report_month) == ("/SGDĐT-VP", None, "2025-11")


def test_seed_000_unfilled_number_and_day() -> None:
    meta = read_report_meta(read_document(SEEDS / "000_ministry_letter_6541.txt"))
    assert (meta.own_number, meta.report_date, meta.report_month) == ("/BGDĐT-KHCNTT", None, "2025-10")
    assert meta.location == Location(line=8)


def test_templates_in_appendices_are_not_the_report_header() -> None:
    meta = read_report_meta(read_document(SEEDS / "002_quangninh_guidance.txt"))
    assert (meta.own_number, meta.report_date) == (None, None)
