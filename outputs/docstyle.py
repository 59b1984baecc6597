"""Vietnamese administrative document style (Nghị định 30/2020/NĐ-CP) for python-docx.

A4, margins 2 / 2 / 3 / 2 cm, Times New Roman 13 pt; the letterhead is a borderless
two-column table: issuing body and số/ký hiệu on the left, Quốc hiệu, tiêu ngữ and the
place-and-date line on the right.  Dates and numbers the Ministry fills in by hand stay
as dotted placeholders ("Số: …/BC-BGDĐT", "Hà Nội, ngày … tháng … năm …").
"""

from __future__ import annotations

from docx import Document as new_document
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table

FONT = "Times New Roman"
SIZE = Pt(13)
ISSUER = "BỘ GIÁO DỤC VÀ ĐÀO TẠO"
PLACE_DATE = "Hà Nội, ngày …… tháng …… năm ……"


def blank() -> Document:
    document = new_document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    for name in ("Normal", "Table Grid"):
        style = document.styles[name]
        style.font.name, style.font.size = FONT, SIZE
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
    document.styles["Normal"].paragraph_format.space_after = Pt(4)
    return document


def letterhead(document: Document, number: str, *, sub_issuer: str | None = None) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [6.0, 10.6])  # a little into the right margin, as printed letterheads do
    left, right = table.rows[0].cells
    _line(left.paragraphs[0], ISSUER, bold=sub_issuer is None, size=11.5)
    if sub_issuer:
        _line(left.add_paragraph(), sub_issuer, bold=True, size=12)
    _line(left.add_paragraph(), "―――――", size=10)
    _line(left.add_paragraph(), f"Số: {number}", size=12)
    _line(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=11.5)
    _line(right.add_paragraph(), "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
    _line(right.add_paragraph(), "―――――――――――――", size=10)
    _line(right.add_paragraph(), PLACE_DATE, italic=True, size=13)
    document.add_paragraph()


def _line(paragraph, text: str, *, bold: bool = False, italic: bool = False, size: float = 13) -> None:  # noqa: ANN001
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def centered(document: Document, text: str, *, bold: bool = False, italic: bool = False, size: int = 13) -> None:
    _line(document.add_paragraph(), text, bold=bold, italic=italic, size=size)


def heading(document: Document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(8)
    paragraph.add_run(text).bold = True


def body(document: Document, text: str, *, italic: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.add_run(text).italic = italic


def table(document: Document, header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
    grid = document.add_table(rows=1, cols=len(header))
    grid.style = document.styles["Table Grid"]
    for cell, text in zip(grid.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    _widths(grid, widths)
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = Pt(11)
    return grid


def _widths(grid: Table, widths: list[float]) -> None:
    """Fixed column widths on the grid and every cell (Word reads cells, LibreOffice the grid)."""
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Cm(width)
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def signature(document: Document, recipients: list[str], signer: str = "TL. BỘ TRƯỞNG") -> None:
    grid = document.add_table(rows=1, cols=2)
    _widths(grid, [8.0, 8.0])
    left, right = grid.rows[0].cells
    first = left.paragraphs[0]
    run = first.add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for name in recipients:
        left.add_paragraph().add_run(f"- {name};").font.size = Pt(11)
    _line(right.paragraphs[0], signer, bold=True)
    for _ in range(3):
        right.add_paragraph()
    _line(right.add_paragraph(), "(Đã ký)", italic=True)
