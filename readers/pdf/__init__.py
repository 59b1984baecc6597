"""PDF reports → the document model: pypdfium2 for every page, pdfplumber only where tables are.

Cost model (issue 2, item 8): pypdfium2 gives a page's text and line boxes in about a
millisecond, pdfplumber's layout + table finding costs ~60-90 ms a page.  So every page is
read with pypdfium2 (one Paragraph per visual line, with page, line number and bbox), and
pdfplumber runs only on pages that can hold a ruled table: their vector paths (table borders
are paths, classified by shape in :class:`Rulings`) make a grid, or they make at least a box
or a vertical rule while the text looks like the statistics appendix.  A page without such
paths cannot give pdfplumber's ``lines`` strategy a table, so 60 ms there would buy nothing.
Issue 11 item 6: a table page is no longer parsed a second time either.  The chars and the
ruling edges pdfplumber would see are rebuilt from pypdfium2 (:mod:`~readers.pdf.pdfium_tables`)
and pdfplumber's word grouping and ``find_tables`` run on them; pdfplumber parses a page
itself only where pdfium cannot describe it the same way (rotated page, form XObject, a font
not in the page's resources, ...), which is logged.

Borderless tables (a Word table with no borders is the python-docx default): when a page
has no grid but a row of column titles ("STT", "Nội dung", "Số lượng", "Tỉ lệ"), the table
is rebuilt from word positions (:func:`borderless_table`): columns from the titles and the
gutters the body leaves, rows from STT/number/padding cues.  pdfplumber's ``text`` strategy
was tried and cuts words apart on such pages.  If no title row is found, lines stay lines.

On a table page, text outside the tables comes from the same pdfplumber words, so lines and
tables share one coordinate system and are put in reading order by their top edge.  Cell
text is re-flowed: a line that wrapped only because the cell was too narrow is joined to the
previous one with a space, while real paragraph breaks (a bullet, or a previous line that
stopped short although the next word would have fitted) stay as "\n".  That keeps
"- Tổng số giáo viên có máy tính 51.608 đạt tỉ lệ: 97,1%" on one line for the extractor.

A table that runs over a page break is joined into one Table when the column boundaries
agree and only page numbers/footnotes lie between the parts; repeated header rows are
dropped and a row that Word split at the page break (its first cells empty, its text going
on in lower case, no numbers of its own) is merged back into its row.

Held-out layouts in ``tests/readers/heldout_pdf`` (built by its ``build.py``) drove: column
titles turned 90° read as words (:func:`rotated_words`), a two-column body read column by
column (:func:`column_order`), a borderless table whose header sits alone at the foot of a
page (its columns settled on the next page), and closing prose kept out of a borderless
table (:func:`_runs_across`).

Also handled: NFC (PDF text often comes decomposed), footnote reference marks (small raised
digits that would otherwise turn "25/01/2022³" into "25/01/20223"), a visual line spanning
two far-apart columns (letterhead halves) split in two, rotated pages, PDFs that encode
spaces as gaps, and owner-password PDFs.  Pages without a text layer (scans) are read by OCR
(:mod:`readers.pdf.ocr`); a PDF in which neither gives any text is refused with a reason.

One responsibility per module: :mod:`~readers.pdf.text` (the pypdfium2 text layer),
:mod:`~readers.pdf.tables` (table finding with pdfplumber), :mod:`~readers.pdf.borderless`
(tables without borders), :mod:`~readers.pdf.layout` (words, cells, reflow),
:mod:`~readers.pdf.joining` (tables across pages, reading order), :mod:`~readers.pdf.ocr`
(scanned pages).  This module only runs them in order; the names other code and tests use
are re-exported here.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2

from baocao.model import Document, Source
from readers import UnreadableDocument
from readers.pdf.borderless import BorderlessLayout, borderless_table, straddling
from readers.pdf.common import BBox, nfc
from readers.pdf.joining import _assemble, _pdfium_blocks, is_split_row, only_page_furniture
from readers.pdf.layout import (
    PageBlocks,
    RawCell,
    TablePart,
    Word,
    column_order,
    lowest_conf,
    reflow,
)
from readers.pdf.pages import read_page_texts
from readers.pdf.table_pages import _table_pages
from readers.pdf.tables import (
    _plumber_page_blocks,
    assign_words,
    rotated_words,
    words_page_blocks,
)
from readers.pdf.text import Line, PageText, Rulings, header_keys, needs_tables

__all__ = [
    "BBox", "BorderlessLayout", "Line", "PageBlocks", "PageText", "RawCell", "Rulings",
    "TablePart", "Word", "_assemble", "_plumber_page_blocks", "assign_words",
    "borderless_table", "column_order", "header_keys", "is_split_row", "lowest_conf", "needs_tables",
    "nfc", "only_page_furniture", "read_pdf", "reflow", "rotated_words", "straddling",
    "words_page_blocks",
]  # fmt: skip


def _open_pdfium(path: Path) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableDocument("tệp PDF được bảo vệ bằng mật khẩu") from exc
        raise UnreadableDocument(f"tệp PDF bị hỏng hoặc không đúng định dạng ({exc})") from exc


def read_pdf(path: Path, source: Source) -> Document:
    """Read every page with pypdfium2, then the table pages' tables, then join tables."""
    texts = read_page_texts(path, _open_pdfium)
    pages = [_pdfium_blocks(page) for page in texts]
    _table_pages(path, texts, pages)
    scanned = [page.number for page in texts if not page.lines]
    if scanned:
        from readers.pdf.ocr import ocr_pages

        for number, blocks in ocr_pages(path, scanned).items():
            pages[number - 1] = blocks
        if not any(page.items for page in pages):
            raise UnreadableDocument("tệp PDF không có lớp chữ và OCR không đọc được chữ nào "
                                     "(trang trắng hoặc ảnh quá mờ)")
    return Document(source=source, blocks=_assemble(pages), page_count=len(texts))
