"""Draw small, realistic report PDFs with reportlab for the reader tests (and timing runs).

The table is laid out the way Word does it: words are wrapped greedily to the cell width
(so soft wraps are real), a bullet starts a new paragraph, borders are stroked lines, a row
that does not fit is split at the page break and the header row is repeated on the next page.

Vietnamese needs a TrueType font with the full Latin Extended Additional range; reportlab's
bundled Vera has none, so we look for common system fonts.  ``FALLBACK_PDF`` is a copy made
by this module, used when a machine has no such font.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FALLBACK_PDF = Path(__file__).parent / "fixtures" / "appendix_split_table.pdf"
FALLBACK_BORDERLESS_PDF = Path(__file__).parent / "fixtures" / "appendix_borderless.pdf"
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
)
MARK_RE = re.compile(r"\^(\d+)")
FONT = "VN"
SIZE = 11
LEADING = 14
PAD = 5.5
MARGIN_TOP = 60
MARGIN_BOTTOM = 70
PAGE_W, PAGE_H = A4


def find_font() -> str | None:
    """Register and return the path of a font that has 'ạ', 'ữ', 'ơ' (None when absent)."""
    for candidate in FONT_CANDIDATES:
        if not Path(candidate).is_file():
            continue
        font = TTFont(FONT, candidate)
        if all(ord(ch) in font.face.charToGlyph for ch in "ạữơĐđ"):
            pdfmetrics.registerFont(font)
            return candidate
    return None


def wrap(text: str, width: float) -> list[str]:
    """Greedy word wrap per paragraph ("\\n" = hard break), as a word processor does."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            trial = f"{current} {word}" if current else word
            if current and pdfmetrics.stringWidth(trial, FONT, SIZE) > width:
                lines.append(current)
                current = word
            else:
                current = trial
        lines.append(current)
    return lines


@dataclass
class Row:
    cells: list[tuple[str, int]]  # (text, column span)


def draw_marked(canvas: Canvas, x: float, y: float, line: str) -> None:
    """Draw a line where "^10" is a raised, smaller footnote reference mark (as Word does)."""
    text = canvas.beginText(x, y)
    for i, piece in enumerate(MARK_RE.split(line)):
        if i % 2:
            text.setFont(FONT, SIZE * 0.6)
            text.setRise(SIZE * 0.4)
        else:
            text.setFont(FONT, SIZE)
            text.setRise(0)
        text.textOut(piece)
    canvas.drawText(text)


class TableWriter:
    """Draws rows top-down, splitting a row over a page break like Word does."""

    def __init__(self, canvas: Canvas, x: float, widths: list[float], header: Row,
                 borders: bool = True, repeat_header: bool = True):
        self.canvas, self.x, self.widths, self.header = canvas, x, widths, header
        self.borders, self.repeat_header = borders, repeat_header
        self.y = PAGE_H - MARGIN_TOP

    def _cell_x(self, col: int, span: int) -> tuple[float, float]:
        x0 = self.x + sum(self.widths[:col])
        return x0, x0 + sum(self.widths[col : col + span])

    def _draw_row(self, row: Row, lines: list[list[str]], count: int) -> None:
        height = count * LEADING + 2 * PAD
        col = 0
        for (_, span), cell_lines in zip(row.cells, lines, strict=True):
            x0, x1 = self._cell_x(col, span)
            if self.borders:
                self.canvas.rect(x0, self.y - height, x1 - x0, height, stroke=1, fill=0)
            for i, line in enumerate(cell_lines[:count]):
                draw_marked(self.canvas, x0 + PAD, self.y - PAD - (i + 1) * LEADING + 3, line)
            col += span
        self.y -= height

    def _wrapped(self, row: Row) -> list[list[str]]:
        out, col = [], 0
        for text, span in row.cells:
            x0, x1 = self._cell_x(col, span)
            out.append(wrap(text, x1 - x0 - 2 * PAD) if text else [])
            col += span
        return out

    def new_page(self) -> None:
        self.canvas.setFont(FONT, 9)
        self.canvas.drawCentredString(PAGE_W / 2, 30, str(self.canvas.getPageNumber()))
        self.canvas.showPage()
        self.canvas.setFont(FONT, SIZE)
        self.y = PAGE_H - MARGIN_TOP

    def add(self, row: Row) -> None:
        lines = self._wrapped(row)
        while True:
            needed = max((len(c) for c in lines), default=0) or 1
            room = int((self.y - MARGIN_BOTTOM - 2 * PAD) // LEADING)
            if needed <= room:
                self._draw_row(row, lines, needed)
                return
            if room >= 2:  # split the row: first part here, the rest on the next page
                self._draw_row(row, lines, room)
                lines = [c[room:] for c in lines]
            self.new_page()
            if self.repeat_header:
                self.add_header()

    def add_header(self) -> None:
        lines = self._wrapped(self.header)
        self._draw_row(self.header, lines, max(len(c) for c in lines))


def text_lines(canvas: Canvas, lines: list[str], y: float) -> float:
    canvas.setFont(FONT, SIZE)
    for line in lines:
        canvas.drawString(70, y, line)
        y -= LEADING + 2
    return y


VALUE_CELL = (
    "- Tổng số giáo viên có máy tính: 51.608 đạt tỉ lệ: 97,1%\n"
    "- Tổng số giảng viên có máy tính: 3.907 đạt tỉ lệ: 100%\n"
    "- Tổng số giáo viên có đường truyền Internet: 5.300 đạt tỉ lệ: 100%"
)
HEADER = Row([("TT", 1), ("Nội dung triển khai", 1), ("Kết quả (số liệu) thống kê", 1)])
FILLER_ROW = Row([("1.{n}", 1), ("Nội dung số {n} của biểu", 1), ("- Chỉ tiêu {n}: {v} đạt tỉ lệ: 90%", 1)])
SPLIT_LABEL = (
    "Triển khai hệ thống quản trị, quản lý dựa trên dữ liệu và công nghệ số trong toàn bộ "
    "các cơ sở giáo dục thuộc phạm vi quản lý của sở, bao gồm các trường mầm non, tiểu học, "
    "trung học cơ sở, trung học phổ thông và các trung tâm giáo dục nghề nghiệp"
)
SPLIT_VALUE = (
    "- Tổng số cơ sở giáo dục đã triển khai: 1588 đạt tỉ lệ: 100%\n"
    "- Số lượng người học được quản lý bằng hồ sơ số với định danh thống nhất: 1.002.912 "
    "đạt tỉ lệ: 100%\n"
    "- Số lượng nhà giáo được quản lý bằng hồ sơ số: 64.300 đạt tỉ lệ: 100%"
)
# Written decomposed (NFD), as some PDF producers emit Vietnamese.
NFD_CELL = unicodedata.normalize("NFD", "Số lượng hồ sơ giải quyết trực tuyến: 6987, đạt tỉ lệ: 99,3%")


# A footnote mark right after a date: read naively it becomes "25/01/20223".
CITATION_WITH_MARK = "Thực hiện Quyết định số 131/QĐ-TTg ngày 25/01/2022^3 của Thủ tướng Chính phủ"
LETTERHEAD = (
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("THÀNH PHỐ HẢI PHÒNG", "Độc lập - Tự do - Hạnh phúc"),
)


def draw_letterhead(canvas: Canvas) -> None:
    """The two-column block that opens every official letter (a borderless Word table)."""
    canvas.setFont(FONT, SIZE)
    y = PAGE_H - MARGIN_TOP
    for left, right in LETTERHEAD:
        canvas.drawCentredString(160, y, left)
        canvas.drawCentredString(420, y, right)
        y -= LEADING + 2


def build_appendix_pdf(path: Path, filler_rows: int = 19) -> Path:
    """Page 1: prose only.  Page 2-3: 'Phụ lục 2' and a table that continues on page 3,
    with one row split at the page break and the header repeated; prose after the table."""
    canvas = Canvas(str(path), pagesize=A4)
    draw_letterhead(canvas)
    y = text_lines(canvas, ["Kính gửi: Bộ Giáo dục và Đào tạo"], PAGE_H - MARGIN_TOP - 60)
    draw_marked(canvas, 70, y, CITATION_WITH_MARK)
    canvas.showPage()
    y = text_lines(canvas, ["Phụ lục 2", "BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ"], PAGE_H - MARGIN_TOP)
    writer = TableWriter(canvas, 60, [40, 200, 235], HEADER)
    writer.y = y - 4
    writer.add_header()
    writer.add(Row([("I", 1), ("Tiếp cận giáo dục trực tuyến^1 (toàn tỉnh)", 2)]))
    writer.add(Row([("1.", 1), ("Số lượng nhà giáo được trang bị máy tính", 1), (VALUE_CELL, 1)]))
    for n in range(2, 2 + filler_rows):
        cells = [(t.format(n=n, v=1000 + n), s) for t, s in FILLER_ROW.cells]
        writer.add(Row(cells))
    writer.add(Row([("8.", 1), (SPLIT_LABEL, 1), (SPLIT_VALUE, 1)]))
    writer.add(Row([("9.", 1), ("Dịch vụ công trực tuyến", 1), (NFD_CELL, 1)]))
    text_lines(canvas, ["Nơi nhận:", "- Bộ GDĐT (để báo cáo);"], writer.y - 24)
    writer.new_page()
    canvas.save()
    return path


def build_long_report(path: Path, pages: int = 20) -> Path:
    """A ~``pages``-page report for timing: prose pages, then the appendix table."""
    canvas = Canvas(str(path), pagesize=A4)
    sentence = ("Sở Giáo dục và Đào tạo đã triển khai các giải pháp chuyển đổi số, "
                "tỉ lệ trường học có kết nối Internet đạt 100%, theo Kế hoạch số 12/KH-SGDĐT.")
    for _ in range(pages - 3):
        text_lines(canvas, wrap(sentence * 12, PAGE_W - 140)[:46], PAGE_H - MARGIN_TOP)
        canvas.showPage()
    y = text_lines(canvas, ["Phụ lục 2", "BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ"], PAGE_H - MARGIN_TOP)
    writer = TableWriter(canvas, 60, [40, 200, 235], HEADER)
    writer.y = y - 4
    writer.add_header()
    for n in range(1, 21):
        writer.add(Row([(f"{n}.", 1), (SPLIT_LABEL[: 40 + n * 3], 1), (VALUE_CELL, 1)]))
    writer.new_page()
    canvas.save()
    return path


FIVE_COL_HEADER = Row([("STT", 1), ("Nội dung", 1), ("Chỉ tiêu", 1), ("Số lượng", 1),
                       ("Tỉ lệ (%)", 1)])
# (STT, group label, [(indicator label, count, rate)]): the group label wraps over sub-rows
BORDERLESS_GROUPS = [
    ("1", "Nhà giáo được trang bị máy tính, đường truyền Internet",
     [("Giáo viên có máy tính", "51.608", "97,1"), ("Giảng viên có máy tính", "3.907", "100"),
      ("Giáo viên có đường truyền Internet", "5.300", "100")]),
    ("2", "Người học được trang bị máy tính",
     [("Học sinh có máy tính", "362.942", "32,86"), ("Sinh viên có máy tính", "69.511", "81,9")]),
] + [(str(n), f"Nội dung số {n}", [(f"Chỉ tiêu {n}.{k} của biểu", f"{n}0{k}", "90")
                                    for k in (1, 2)]) for n in range(3, 14)]


def build_borderless_pdf(path: Path) -> Path:
    """A 5-column appendix with no ruling lines at all, over two pages (header not repeated
    on page 2), with a small-font footnote under the table."""
    canvas = Canvas(str(path), pagesize=A4)
    y = text_lines(canvas, ["Phụ lục 2", "BIỂU SỐ LIỆU THỐNG KÊ"], PAGE_H - MARGIN_TOP)
    writer = TableWriter(canvas, 50, [35, 130, 170, 75, 65], FIVE_COL_HEADER, borders=False,
                         repeat_header=False)
    writer.y = y - 4
    writer.add_header()
    for stt, group, items in BORDERLESS_GROUPS:
        for index, (label, count, rate) in enumerate(items):
            first = index == 0
            writer.add(Row([(stt if first else "", 1), (group if first else "", 1), (label, 1),
                            (count, 1), (rate, 1)]))
    canvas.setFont(FONT, 8)
    canvas.drawString(60, 40, "1 Số liệu tính đến ngày 30/9/2025.")
    writer.new_page()
    canvas.save()
    return path
