"""DOCX reader: document order, merged cells once, nested tables, header/footer/footnotes."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from baocao.model import Paragraph, Table
from readers import UnreadableDocument, read_document

VALUE_LINES = [
    "- Tổng số giáo viên có máy tính 51.608 đạt tỉ lệ: 97,1%",
    "- Tổng số giảng viên có máy tính: 3.907 đạt tỉ lệ: 100%",
]
FOOTNOTES_XML = (
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t>Giảng viên tại các cơ sở giáo dục đại học.</w:t>'
    "</w:r></w:p></w:footnote></w:footnotes>"
)


def _add_footnotes(document) -> None:
    """python-docx cannot write footnotes; add the part the way Word stores it."""
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        FOOTNOTES_XML.encode(),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)


def _fill(cell, lines: list[str]) -> None:
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory) -> Path:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG"
    document.sections[0].footer.paragraphs[0].text = "Trang 1"
    document.add_paragraph("Kính gửi: Bộ Giáo dục và Đào tạo")
    document.add_paragraph(unicodedata.normalize("NFD", "Phụ lục 2: Biểu số liệu thống kê"))
    document.add_paragraph("")  # empty paragraphs are skipped but still counted
    table = document.add_table(rows=4, cols=3)
    header = table.cell(0, 1).merge(table.cell(0, 2))  # horizontal merge (gridSpan)
    table.cell(0, 0).text = "TT"
    header.text = "Nội dung và kết quả"
    group = table.cell(1, 0).merge(table.cell(2, 0))  # vertical merge (vMerge)
    group.text = "I"
    table.cell(1, 1).text = "Số lượng nhà giáo có máy tính"
    _fill(table.cell(1, 2), VALUE_LINES)
    table.cell(2, 1).text = "Người học có máy tính"
    table.cell(2, 2).text = "- Tổng số học sinh có máy tính: 362.942 đạt tỉ lệ: 32.86 %"
    nested = table.cell(3, 2).add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "Số lượng"
    nested.cell(0, 1).text = "1588"
    document.add_paragraph("Mục tiêu một", style="List Number")
    document.add_paragraph("Mục tiêu hai", style="List Number")
    document.add_paragraph("Nơi nhận:")
    _add_footnotes(document)
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def doc(report_docx):
    return read_document(report_docx)


def _table(doc) -> Table:
    return doc.tables()[0]


def test_blocks_follow_document_order(doc):
    kinds = [(b.kind, b.location.part) for b in doc.blocks]
    assert kinds[0] == ("paragraph", "header")
    body = [b for b in doc.blocks if b.location.part == "body"]
    assert [b.kind for b in body] == ["paragraph", "paragraph", "table", "paragraph", "paragraph",
                                      "paragraph"]
    assert body[0].text == "Kính gửi: Bộ Giáo dục và Đào tạo"
    assert body[-1].text == "Nơi nhận:"
    assert kinds[-1] == ("paragraph", "footer")


def test_text_is_nfc(doc):
    heading = doc.paragraphs()[2]
    assert heading.text == "Phụ lục 2: Biểu số liệu thống kê"
    assert unicodedata.is_normalized("NFC", heading.text)


@pytest.mark.parametrize(
    ("text", "paragraph_index"),
    [("Kính gửi: Bộ Giáo dục và Đào tạo", 0), ("Phụ lục 2: Biểu số liệu thống kê", 1),
     ("1. Mục tiêu một", 3), ("2. Mục tiêu hai", 4), ("Nơi nhận:", 5)],
)
def test_paragraph_locations_and_list_numbers(doc, text, paragraph_index):
    body = {p.text: p.location for p in doc.paragraphs() if p.location.part == "body"}
    assert body[text].paragraph == paragraph_index


@pytest.mark.parametrize(
    ("text", "row", "col", "col_span", "row_span"),
    [
        ("TT", 0, 0, 1, 1),
        ("Nội dung và kết quả", 0, 1, 2, 1),
        ("I", 1, 0, 1, 2),
        ("Số lượng nhà giáo có máy tính", 1, 1, 1, 1),
        ("\n".join(VALUE_LINES), 1, 2, 1, 1),
        ("Người học có máy tính", 2, 1, 1, 1),
    ],
)
def test_merged_cells_appear_once_with_spans(doc, text, row, col, col_span, row_span):
    cells = [c for r in _table(doc).rows for c in r if c.text == text]
    assert len(cells) == 1
    cell = cells[0]
    assert (cell.col, cell.col_span, cell.row_span) == (col, col_span, row_span)
    assert (cell.location.table, cell.location.row, cell.location.cell) == (0, row, col)
    assert cell.location.part == "body"


def test_rows_have_no_duplicate_cells(doc):
    rows = _table(doc).rows
    assert [len(r) for r in rows] == [2, 3, 2, 3]  # merged-away cells are not emitted


def test_nested_table(doc):
    host = next(c for c in _table(doc).rows[3] if c.nested_tables)
    nested = host.nested_tables[0]
    assert [c.text for c in nested.rows[0]] == ["Số lượng", "1588"]
    assert nested.rows[0][1].location.nested_in == host.location
    texts = [text for text, _ in doc.iter_text()]
    assert "1588" in texts


def test_footnotes_without_separators(doc):
    notes = [b for b in doc.blocks if b.location.part == "footnote"]
    assert [n.text for n in notes] == ["Giảng viên tại các cơ sở giáo dục đại học."]
    assert isinstance(notes[0], Paragraph)


def test_header_and_footer_text(doc):
    parts = {b.location.part: b.text for b in doc.paragraphs() if b.location.part != "body"}
    assert parts["header"] == "SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG"
    assert parts["footer"] == "Trang 1"


def test_empty_docx_is_unreadable(tmp_path):
    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(UnreadableDocument, match="không có nội dung"):
        read_document(path)
