"""Registers, tracking workbooks, OCR'd text and legal pages (issue 14): the samples built by
scripts/build_citation_samples.py, scored as bench/citations_score.py scores them, and the
register rules one by one (header words decide the columns, d/m unless the column says
otherwise, the register's own arrival number and date are never the document's)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from baocao.model import Cell, Document, Extraction, Location, Source, Table
from checks.citations import check_citations
from extractors.citations import extract_citations, extract_citations_text
from readers import read_document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "citations"
sys.path.insert(0, str(ROOT / "bench"))

from citations_score import gold_files, score_file, total  # noqa: E402

FILES = gold_files(SAMPLES)


def test_the_samples_are_built() -> None:
    kinds = {p.name.split("-")[0] for p in FILES}
    assert {"so", "theo", "ocr", "trang", "sach"} <= kinds
    assert {p.suffix for p in FILES} >= {".xlsx", ".docx", ".txt"}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_sample_meets_the_targets(path: Path) -> None:
    score = score_file(path)
    assert score.precision >= 0.98 and score.recall >= 0.98, (score.precision, score.recall)
    assert score.date_accuracy >= 0.95, score.date_accuracy
    if not path.name.startswith("ocr-"):
        assert score.flags == 0, f"{path.name}: a clean sample raised {score.flags} citation flags"


def test_total_over_the_samples() -> None:
    overall = total([score_file(p) for p in FILES])
    assert overall.gold >= 300
    assert overall.precision >= 0.98 and overall.recall >= 0.98 and overall.date_accuracy >= 0.95


def test_ocr_repairs_are_noted_and_flagged() -> None:
    document = read_document(SAMPLES / "ocr-1.txt")
    citations = extract_citations(document)
    repaired = [c for c in citations if any(n.startswith("ocr_digit:") for n in c.notes)]
    restored = [c for c in citations if any(n.startswith("restored_marks:") for n in c.notes)]
    assert repaired and restored
    flags = check_citations(Extraction(source=document.source, province=None, citations=citations))
    flagged = {f.citation for f in flags if f.code == "citation_ocr_uncertain"}
    assert flagged == {c.id for c in repaired}  # marks restored alone are not a doubt


def test_low_ocr_confidence_is_flagged() -> None:
    location = Location(line=1, confidence=41.0)
    document = Document(
        source=Source(path="scan.pdf", sha256="", format="pdf"),
        blocks=[_paragraph("Căn cứ Quyết định số 131/QĐ-TTg ngày 25/01/2022", location)],
    )
    citations = extract_citations(document)
    flags = check_citations(Extraction(source=document.source, province=None, citations=citations))
    assert [f.code for f in flags] == ["citation_ocr_uncertain"]
    assert flags[0].evidence["confidence"] == 41.0


def _paragraph(text: str, location: Location):
    from baocao.model import Paragraph

    return Paragraph(text=text, location=location)


def _table(rows: list[list[object]]) -> Document:
    cells = []
    for r, row in enumerate(rows):
        line = []
        for c, value in enumerate(row):
            text = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value)
            ref = f"{'ABCDEFGH'[c]}{r + 1}"
            line.append(Cell(text=text, location=Location(sheet="Sổ", cell_ref=ref), col=c, value=value))
        cells.append(line)
    return Document(source=Source(path="so.xlsx", sha256="", format="xlsx"), blocks=[Table(cells, Location(sheet="Sổ"))])


def _ids_dates(document: Document) -> list[tuple[str, str | None]]:
    return [(c.id, c.date) for c in extract_citations(document)]


def test_arrival_number_and_date_are_not_the_documents() -> None:
    document = _table([
        ["Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu", "Ngày tháng", "Tên loại và trích yếu nội dung"],
        ["02/12/2017", "1520", "Sở Y tế", "175/QĐ-SYT", "28/11/2017", "Quyết định về việc kiện toàn"],
        ["03/12/2017", "1521", "Sở Y tế", "12/GM-SYT", "01/12/2017", "Giấy mời họp"],
    ])  # fmt: skip
    found = extract_citations(document)
    assert [(c.id, c.date, c.type) for c in found] == [
        ("175/QĐ-SYT", "2017-11-28", "Quyết định"),
        ("12/GM-SYT", "2017-12-01", "Giấy mời"),
    ]
    assert all(c.issuer and c.issuer.startswith("Sở Y tế") for c in found)


@pytest.mark.parametrize(
    ("header", "written", "expected"),
    [
        ("Ngày tháng", "05/03/2024", "2024-03-05"),  # Vietnamese order by default
        ("Ngày ban hành (mm/dd/yyyy)", "05/03/2024", "2024-05-03"),  # the column says month first
        ("Ngày văn bản (dd/mm/yyyy)", "05/03/2024", "2024-03-05"),
    ],
)
def test_date_order_follows_the_column(header: str, written: str, expected: str) -> None:
    document = _table([["Số ký hiệu", header, "Trích yếu"], ["12/KH-UBND", written, "Kế hoạch"]])
    assert _ids_dates(document) == [("12/KH-UBND", expected)]


def test_month_first_column_seen_from_its_values() -> None:
    document = _table([
        ["Số ký hiệu", "Ngày", "Trích yếu"],
        ["12/KH-UBND", "11/28/2017", "Kế hoạch"],
        ["13/KH-UBND", "12/01/2017", "Kế hoạch"],
    ])  # fmt: skip
    found = extract_citations(document)
    assert [(c.id, c.date) for c in found] == [("12/KH-UBND", "2017-11-28"), ("13/KH-UBND", "2017-12-01")]
    assert all("month_first_column" in c.notes for c in found)


def test_spreadsheet_dates_are_taken_as_they_are() -> None:
    document = _table([
        ["Số ký hiệu", "Ngày (mm/dd/yyyy)", "Trích yếu"],
        ["12/KH-UBND", dt.datetime(2024, 3, 5), "Kế hoạch"],
    ])  # fmt: skip
    assert _ids_dates(document) == [("12/KH-UBND", "2024-03-05")]


def test_number_and_code_in_separate_columns_under_a_two_row_header() -> None:
    document = _table([
        ["STT", "Văn bản", "", "", "Trích yếu"],
        ["", "Số", "Ký hiệu", "Ngày tháng", ""],
        ["1", "175", "QĐ-SYT", "28/11/2017", "Quyết định về việc"],
        ["2", "88", "SYT-NVY", "02/12/2017", "V/v báo cáo"],
    ])  # fmt: skip
    found = extract_citations(document)
    assert [(c.id, c.date, c.type) for c in found] == [
        ("175/QĐ-SYT", "2017-11-28", "Quyết định"),
        ("88/SYT-NVY", "2017-12-02", "Công văn"),
    ]


def test_a_summary_citing_another_document_is_kept_apart() -> None:
    document = _table([
        ["Số, ký hiệu", "Ngày tháng", "Trích yếu"],
        ["3105/UBND-VX", "30/11/2022", "V/v triển khai Quyết định số 131/QĐ-TTg ngày 25/01/2022"],
    ])  # fmt: skip
    assert _ids_dates(document) == [("3105/UBND-VX", "2022-11-30"), ("131/QĐ-TTg", "2022-01-25")]


def test_unknown_issuer_is_kept_as_written() -> None:
    document = _table([
        ["Số, ký hiệu", "Ngày tháng", "Cơ quan ban hành", "Trích yếu"],
        ["7/BQLKCN-QLDN", "05/05/2025", "Ban Quản lý các khu công nghiệp", "V/v rà soát"],
    ])  # fmt: skip
    (citation,) = extract_citations(document)
    assert citation.issuer == "Ban Quản lý các khu công nghiệp"
    assert "unknown_code:BQLKCN" in citation.notes


def test_a_table_without_a_number_column_is_not_a_register() -> None:
    document = _table([["Nội dung", "Ngày", "Ghi chú"], ["175/QĐ-SYT", "28/11/2017", ""]])
    # read as before: a known ký hiệu alone in a cell, with the row's date
    assert _ids_dates(document) == [("175/QĐ-SYT", "2017-11-28")]


def test_tab_separated_register_pasted_as_text() -> None:
    text = "Số, ký hiệu\tNgày tháng\tTrích yếu\n175/QĐ-SYT\t28/11/2017\tQuyết định\n12/GM-SYT\t1/12/2017\tGiấy mời"
    assert [(c.id, c.date) for c in extract_citations_text(text)] == [
        ("175/QĐ-SYT", "2017-11-28"),
        ("12/GM-SYT", "2017-12-01"),
    ]


def test_second_symbol_in_a_number_cell_is_kept() -> None:
    document = _table([
        ["Số, ký hiệu", "Ngày tháng", "Trích yếu"],
        ["175/QĐ-SYT; 176/QĐ-SYT", "28/11/2017", "Quyết định về việc"],
    ])  # fmt: skip
    assert [c.id for c in extract_citations(document)] == ["175/QĐ-SYT", "176/QĐ-SYT"]


def test_incoming_number_column_is_never_the_number() -> None:
    document = _table([
        ["Số văn bản đến", "Ngày nhận", "Số ký hiệu", "Ngày ban hành", "Nơi gửi"],
        ["1520/VP", "02/12/2017", "175/QĐ-SYT", "28/11/2017", "Sở Y tế"],
    ])  # fmt: skip
    assert _ids_dates(document)[-1] == ("175/QĐ-SYT", "2017-11-28")
    assert "1520/VP" not in [c.id for c in extract_citations(document)]


def test_header_under_a_long_title_block() -> None:
    title = [[f"Dòng tiêu đề {i}", "", ""] for i in range(9)]
    document = _table([*title, ["Số ký hiệu", "Ngày tháng", "Trích yếu"], ["175/QĐ-SYT", "11/28/2017", "Quyết định"]])
    assert _ids_dates(document) == [("175/QĐ-SYT", "2017-11-28")]
