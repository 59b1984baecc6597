"""Readers convert TCVN3/VNI text (by font in DOCX/XLSX, by statistics in text) and say so."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml import parse_xml
from openpyxl.styles import Font

from normalizers.legacy_encodings import to_tcvn3, to_vni
from readers import read_document
from tests.readers.test_decoding import cp1258

REPORT_LINE = "Tổng số giáo viên có máy tính: 51.608, đạt tỉ lệ 97,1%"


@pytest.mark.parametrize(
    ("font", "typed", "expected", "note"),
    [
        (".VnTime", to_tcvn3(REPORT_LINE), REPORT_LINE, "tcvn3"),
        (".VnTimeH", to_tcvn3("báo cáo tổng hợp"), "BÁO CÁO TỔNG HỢP", "tcvn3"),
        ("VNI-Times", to_vni(REPORT_LINE), REPORT_LINE, "vni"),
        ("Times New Roman", REPORT_LINE, REPORT_LINE, None),
    ],
)
def test_docx_run_font(tmp_path: Path, font: str, typed: str, expected: str, note: str | None) -> None:
    document = docx.Document()
    document.add_paragraph().add_run(typed).font.name = font
    document.add_paragraph("Đoạn Unicode giữ nguyên")
    path = tmp_path / "a.docx"
    document.save(str(path))
    read = read_document(path)
    assert [p.text for p in read.paragraphs()] == [expected, "Đoạn Unicode giữ nguyên"]
    assert [n.split(":")[0] for n in read.source.notes] == ([f"{note}_converted"] if note else [])


def test_docx_font_from_the_normal_style_and_in_a_table(tmp_path: Path) -> None:
    document = docx.Document()
    document.styles["Normal"].font.name = ".VnTime"
    document.add_paragraph(to_tcvn3("Sở Giáo dục và Đào tạo Điện Biên"))
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = to_tcvn3("Số học sinh có thiết bị")
    table.cell(0, 1).text = "1.002.912"
    path = tmp_path / "style.docx"
    document.save(str(path))
    read = read_document(path)
    assert read.paragraphs()[0].text == "Sở Giáo dục và Đào tạo Điện Biên"
    assert [c.text for c in read.tables()[0].rows[0]] == ["Số học sinh có thiết bị", "1.002.912"]
    assert read.source.notes and read.source.notes[0].startswith("tcvn3_converted:")


@pytest.mark.parametrize(
    ("data", "expected", "note"),
    [
        (to_tcvn3(REPORT_LINE).encode("latin-1"), REPORT_LINE, "tcvn3"),  # a single-byte file
        (to_vni(REPORT_LINE).encode("cp1252"), REPORT_LINE, "vni"),
        (to_tcvn3(REPORT_LINE).encode("utf-8"), REPORT_LINE, "tcvn3"),  # pasted into UTF-8
        (REPORT_LINE.encode("utf-8"), REPORT_LINE, None),
        (cp1258(REPORT_LINE), REPORT_LINE, None),  # Windows Vietnamese code page
    ],
)
def test_text_by_statistics(tmp_path: Path, data: bytes, expected: str, note: str | None) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data + b"\n")
    read = read_document(path)
    assert read.paragraphs()[0].text == expected
    assert [n.split(":")[0] for n in read.source.notes] == ([f"{note}_converted"] if note else [])


def test_xlsx_cell_font(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"] = to_tcvn3("Tổng số giáo viên"), 51608
    sheet["A1"].font = Font(name=".VnTime")
    sheet["A2"] = to_vni("Đạt tỉ lệ")
    sheet["A2"].font = Font(name="VNI-Times")
    path = tmp_path / "a.xlsx"
    workbook.save(path)
    read = read_document(path)
    assert [c.text for c in read.tables()[0].rows[0]] == ["Tổng số giáo viên", "51608"]
    assert read.tables()[0].rows[1][0].text == "Đạt tỉ lệ"
    assert sorted(n.split(":")[0] for n in read.source.notes) == ["tcvn3_converted", "vni_converted"]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HIDDEN_STRUCTURE = [
    # a block content control still showing its placeholder: empty
    f'<w:sdt {W}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Nhập số liệu'
    "</w:t></w:r></w:p></w:sdtContent></w:sdt>",
    # an inline placeholder control beside a filled one
    f'<w:p {W}><w:r><w:t xml:space="preserve">Số trường: </w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/>'
    "</w:sdtPr><w:sdtContent><w:r><w:t>Bấm để nhập</w:t></w:r></w:sdtContent></w:sdt><w:sdt><w:sdtPr/>"
    "<w:sdtContent><w:r><w:t>1.588</w:t></w:r></w:sdtContent></w:sdt></w:p>",
    # a legacy form field: the instruction is not text, the result is
    f'<w:p {W}><w:r><w:t xml:space="preserve">Số giáo viên: </w:t></w:r><w:r><w:fldChar w:fldCharType="begin">'
    '<w:ffData><w:textInput/></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMTEXT </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>51.608</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    # content controls around a row and around a cell; a text box inside a cell
    f'<w:tbl {W} xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    "<w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:sdt><w:sdtContent><w:tr>"
    "<w:tc><w:p><w:r><w:t>Giáo viên</w:t></w:r></w:p></w:tc><w:sdt><w:sdtContent><w:tc><w:p><w:r>"
    "<w:t>51.608</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt>"
    "<w:tr><w:tc><w:p><w:r><w:t>Tỉ lệ</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:drawing><wps:txbx>"
    "<w:txbxContent><w:p><w:r><w:t>97,1%</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing>"
    "</w:r></w:p></w:tc></w:tr></w:tbl>",
]


@pytest.fixture(scope="module")
def hidden_doc(tmp_path_factory):
    document = docx.Document()
    body = document.element.body
    for xml in HIDDEN_STRUCTURE:
        body.insert(len(body) - 1, parse_xml(xml))
    path = tmp_path_factory.mktemp("docx") / "hidden.docx"
    document.save(str(path))
    return read_document(path)


def test_placeholders_are_empty_and_form_fields_read(hidden_doc) -> None:
    assert [p.text for p in hidden_doc.paragraphs()] == ["Số trường: 1.588", "Số giáo viên: 51.608"]


def test_controls_around_rows_and_cells_and_a_box_in_a_cell(hidden_doc) -> None:
    rows = [[c.text for c in row] for row in hidden_doc.tables()[0].rows]
    assert rows == [["Giáo viên", "51.608"], ["Tỉ lệ", "97,1%"]]
    assert hidden_doc.tables()[0].rows[1][1].location.row == 1


def test_undeclared_legacy_text_is_found_by_statistics(tmp_path: Path) -> None:
    """A font name we do not know ("VnTime" without the dot): the whole document's statistics
    decide; a paragraph already in Unicode Vietnamese is left alone."""
    document = docx.Document()
    for line in (REPORT_LINE, "Báo cáo kết quả thực hiện Quyết định 131", "Số lượng người học được quản lý"):
        document.add_paragraph().add_run(to_tcvn3(line)).font.name = "VnTime"
    document.add_paragraph("Đoạn Unicode: tỉ lệ 97,1%")
    path = tmp_path / "undeclared.docx"
    document.save(str(path))
    read = read_document(path)
    assert [p.text for p in read.paragraphs()] == [REPORT_LINE, "Báo cáo kết quả thực hiện Quyết định 131",
                                                   "Số lượng người học được quản lý", "Đoạn Unicode: tỉ lệ 97,1%"]  # fmt: skip
    assert read.source.notes[0].startswith("tcvn3_detected:")


def test_tcvn3_pdf_sample_is_converted() -> None:
    read = read_document(Path(__file__).resolve().parents[2] / "samples/reports/fmt_dienbien_tcvn3.pdf")
    assert read.source.notes[0].startswith("tcvn3_detected:")
    assert "Sở Giáo dục và Đào tạo" in read.full_text() or "sở giáo dục và đào tạo" in read.full_text()
