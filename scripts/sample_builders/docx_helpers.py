# ruff: noqa: E501  -- verbatim template/seed lines stay whole so they can be grepped against the seeds
"""DOCX helpers shared by every Word sample: paragraphs, runs, footnotes, tables, byte-stable saving."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from sample_builders.template import BODY_FONT, FIXED_TIME, W_NS, ZIP_TIME, nfc

# ---------------------------------------------------------------------------
# DOCX helpers
# ---------------------------------------------------------------------------


def new_document(font_size: float = 14) -> DocxDocument:
    """A4 portrait with the margins of Decree 30/2020 (administrative documents)."""
    doc = new_docx()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = doc.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = Pt(font_size)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
    style.paragraph_format.space_after = Pt(3)
    props = doc.core_properties
    props.author = "Sở Giáo dục và Đào tạo"
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.last_modified_by = "Văn thư"
    props.revision = 1
    return doc


def add_para(
    container,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    align: str | None = None,
    size: float | None = None,
    indent: bool = False,
    footnotes: Footnotes | None = None,
) -> DocxParagraph:
    """Add a paragraph; ``[^N]`` in ``text`` becomes footnote reference N when ``footnotes``."""
    paragraph = container.add_paragraph()
    if align:
        paragraph.alignment = {
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    add_runs(paragraph, text, bold=bold, italic=italic, size=size, footnotes=footnotes)
    return paragraph


def add_runs(
    paragraph: DocxParagraph, text: str, *, bold=False, italic=False, size=None, footnotes: Footnotes | None = None
) -> None:
    for index, piece in enumerate(re.split(r"\[\^(\d+)\]", nfc(text))):
        if index % 2 == 1:
            if footnotes is not None:
                footnotes.reference(paragraph, int(piece))
            continue
        if not piece:
            continue
        run = paragraph.add_run(piece)
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)


class Footnotes:
    """Real Word footnotes (python-docx has no API for them): a footnotes part + references.

    Real reports keep long lists of legal citations in footnotes; readers must find them.
    """

    def __init__(self, doc: DocxDocument):
        self.doc = doc
        self.texts: dict[int, list[str]] = {}

    def add(self, number: int, paragraphs: list[str]) -> None:
        self.texts[number] = [nfc(p) for p in paragraphs]

    def reference(self, paragraph: DocxParagraph, number: int) -> None:
        run = paragraph.add_run()
        rpr = OxmlElement("w:rPr")
        vert = OxmlElement("w:vertAlign")
        vert.set(qn("w:val"), "superscript")
        rpr.append(vert)
        run._r.append(rpr)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(number))
        run._r.append(ref)

    def attach(self) -> None:
        if not self.texts:
            return
        notes = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
            "</w:r></w:p></w:footnote>",
        ]
        small = '<w:rPr><w:sz w:val="20"/></w:rPr>'
        for number, paragraphs in sorted(self.texts.items()):
            body = []
            for index, text in enumerate(paragraphs):
                mark = (
                    '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="20"/></w:rPr><w:footnoteRef/></w:r>'
                    if index == 0
                    else ""
                )
                body.append(
                    f'<w:p><w:pPr><w:jc w:val="both"/></w:pPr>{mark}<w:r>{small}'
                    f'<w:t xml:space="preserve">{" " if index == 0 else ""}{escape(text)}</w:t></w:r></w:p>'
                )
            notes.append(f'<w:footnote w:id="{number}">{"".join(body)}</w:footnote>')
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">{"".join(notes)}</w:footnotes>'
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)


def set_cell_text(
    cell,
    text: str,
    *,
    bold=False,
    italic=False,
    align: str | None = None,
    size: float | None = None,
    footnotes: Footnotes | None = None,
) -> None:
    """Fill a cell; each "\\n\\n"-separated chunk is its own paragraph, "\\n" a line break."""
    chunks = text.split("\n\n") if text else [""]
    first = cell.paragraphs[0]
    for index, chunk in enumerate(chunks):
        paragraph = first if index == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        if align:
            paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        add_runs(paragraph, chunk, bold=bold, italic=italic, size=size, footnotes=footnotes)


def repeat_header(row) -> None:
    """Mark a table row as a header repeated on each page (as Word users do)."""
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def set_widths(table: DocxTable, widths_cm: list[float]) -> None:
    """Cell widths and the grid (LibreOffice lays out by ``w:tblGrid``, Word by the cells)."""
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=False):
        col.set(qn("w:w"), str(round(width / 2.54 * 1440)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def add_header_block(doc: DocxDocument, authority: str, number: str, place: str, date_text: str) -> None:
    """The national-motto header: a borderless 2-column table, as in every Vietnamese report."""
    table = doc.add_table(rows=1, cols=2)
    set_widths(table, [6.5, 9.5])
    left, right = table.rows[0].cells
    set_cell_text(left, f"{authority}\n\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: {number}", align="center", size=13)
    for run in left.paragraphs[1].runs:
        run.bold = True
    set_cell_text(
        right,
        f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n{place}, {date_text}",
        bold=True,
        align="center",
        size=13,
    )
    for run in right.paragraphs[2].runs:
        run.bold, run.italic = None, True


def add_title(doc: DocxDocument, province_unit: str) -> None:
    add_para(doc, "BÁO CÁO", bold=True, align="center")
    add_para(
        doc,
        "Tổng kết thực hiện Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ phê duyệt "
        "Đề án “Tăng cường ứng dụng công nghệ thông tin và chuyển đổi số trong giáo dục và đào tạo "
        f"giai đoạn 2022-2025, định hướng đến năm 2030” trên địa bàn {province_unit}",
        bold=True,
        align="center",
    )
    add_para(doc, "Kính gửi: Bộ Giáo dục và Đào tạo.", align="center")


def page_break(doc: DocxDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def save_docx(doc: DocxDocument, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    pin_zip_times(path)


def pin_zip_times(path: Path) -> None:
    """Rewrite a zip (DOCX/XLSX) with fixed timestamps so rebuilds are byte-identical."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            if name == "docProps/core.xml":  # openpyxl stamps "modified" with the current time on save
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-11-14T08:00:00Z", data)
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)


