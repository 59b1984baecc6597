"""DOCX reader: document order, merged cells once, nested tables, header/footer/footnotes."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn

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


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
RAW_BODY = [
    # tracked changes: the deleted "3.907" is gone, the inserted "4.100" is read
    f'<w:p {W}><w:r><w:t xml:space="preserve">Giảng viên: </w:t></w:r>'
    '<w:r><w:rPr><w:vanish/></w:rPr><w:t>(ẩn: ghi số liệu vào đây) </w:t></w:r>'
    '<w:del w:id="1" w:author="a"><w:r><w:delText>3.907</w:delText></w:r></w:del>'
    '<w:ins w:id="2" w:author="a"><w:r><w:t>4.100</w:t></w:r></w:ins></w:p>',
    # a content control around a paragraph, a field with its cached result, a hyperlink
    f'<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Trong điều khiển</w:t></w:r></w:p>'
    "</w:sdtContent></w:sdt>",
    f'<w:p {W}><w:r><w:t xml:space="preserve">Trang </w:t></w:r><w:fldSimple w:instr="PAGE">'
    "<w:r><w:t>7</w:t></w:r></w:fldSimple><w:r><w:tab/><w:t>hết</w:t><w:br/>"
    "<w:t>dòng mới</w:t></w:r></w:p>",
    # a text box (Word writes it twice: DrawingML choice + VML fallback) → read once
    f'<w:p {W} {MC} {WPS}><w:r><w:t>Neo</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
    "<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Trong hộp</w:t></w:r></w:p>"
    "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
    "<w:p><w:r><w:t>Trong hộp</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r></w:p>",
    # symbol-font characters: a bullet and "≥" as Word stores them
    f'<w:p {W}><w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:t xml:space="preserve"> thời lượng '
    '</w:t><w:sym w:font="Symbol" w:char="F0B3"/><w:t>50%</w:t></w:r></w:p>',
    # a row that starts one grid column in (gridBefore) and a legacy horizontal merge
    f'<w:tbl {W}><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
    "<w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:hMerge w:val=\"restart\"/>"
    "</w:tcPr><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>"
    "</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr><w:tc><w:p><w:r><w:t>C</w:t></w:r></w:p>"
    "</w:tc><w:tc><w:p><w:r><w:t>D</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
]


@pytest.fixture(scope="module")
def raw_doc(tmp_path_factory):
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    for xml in RAW_BODY:
        body.insert(len(body) - 1, parse_xml(xml))  # before the final sectPr
    path = tmp_path_factory.mktemp("docx") / "word_features.docx"
    document.save(str(path))
    return read_document(path)


def test_word_features_text(raw_doc):
    texts = [p.text for p in raw_doc.paragraphs()]
    assert texts == ["Giảng viên: 4.100", "Trong điều khiển", "Trang 7\thết\ndòng mới", "Neo",
                     "Trong hộp", "- thời lượng ≥50%"]
    box = raw_doc.paragraphs()[-2]
    assert box.style == "textbox" and box.location.paragraph == 3


def test_grid_before_and_legacy_horizontal_merge(raw_doc):
    table = raw_doc.tables()[0]
    assert [[(c.text, c.col, c.col_span) for c in row] for row in table.rows] == [
        [("A", 0, 1), ("B", 1, 2)],
        [("C", 1, 1), ("D", 2, 1)],
    ]


def test_malformed_numbering_does_not_lose_the_text(tmp_path):
    document = docx.Document()
    document.add_paragraph("Mục tiêu một", style="List Number")
    numbering = document.part.numbering_part.element
    for lvl in numbering.iter(qn("w:lvl")):
        lvl.set(qn("w:ilvl"), "x")  # not a number: a broken producer
    path = tmp_path / "broken_numbering.docx"
    document.save(str(path))
    assert [p.text for p in read_document(path).paragraphs()] == ["Mục tiêu một"]
