"""Held-out PDFs drawn with reportlab the way non-Word PDF makers write them.

Each maker writes the same kind of report (letterhead, body, Phụ lục 2 as a 4-column table
running over pages) but puts text and borders on the page differently: ``mode`` picks
how words are drawn (one string per line, one per word, one per glyph as printer drivers
do, or decomposed NFD text) and how cells are bordered (stroked lines or filled
rectangles), and whether the header text is rotated.
"""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from build import BODY, LABELS, PROVINCES, SECTIONS, cells_for, make_values
from pdf_fixtures import FONT, find_font
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

SIZE = 11
LEADING = 13.5
PAD = 5
TOP, BOTTOM = 60, 60
PAGE_W, PAGE_H = A4


def _wrap(text: str, width: float, size: float = SIZE) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and pdfmetrics.stringWidth(trial, FONT, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + [current]


class Maker:
    """Draws lines of text and table rows in one maker's style, breaking pages."""

    def __init__(self, path: Path, mode: str, cells: str = "lines", rotated_header: bool = False,
                 turned_page: bool = False):
        self.canvas = Canvas(str(path), pagesize=A4)
        self.mode, self.cells, self.rotated = mode, cells, rotated_header
        self.turned = turned_page  # portrait MediaBox shown landscape by /Rotate 90
        self.split_rows = False
        self.height = PAGE_W if turned_page else PAGE_H
        self.page = 1
        self._start_page()

    def _start_page(self) -> None:
        self.y = self.height - TOP
        if self.turned:
            self.canvas.setPageRotation(90)
            self.canvas.transform(0, 1, -1, 0, PAGE_W, 0)  # draw in the displayed (landscape) frame

    def text(self, x: float, y: float, line: str, size: float = SIZE) -> None:
        canvas = self.canvas
        canvas.setFont(FONT, size)
        if self.mode == "nfd":
            canvas.drawString(x, y, unicodedata.normalize("NFD", line))
        elif self.mode == "words":
            for word in line.split(" "):
                canvas.drawString(x, y, word)
                x += pdfmetrics.stringWidth(word + " ", FONT, size)
        elif self.mode == "glyphs":  # each glyph placed alone, no space characters at all
            for ch in line:
                if ch != " ":
                    text = canvas.beginText(x, y)
                    text.setFont(FONT, size)
                    text.textOut(ch)
                    canvas.drawText(text)
                x += pdfmetrics.stringWidth(ch, FONT, size)
        else:
            canvas.drawString(x, y, line)

    def new_page(self) -> None:
        self.canvas.setFont(FONT, 9)
        self.canvas.drawCentredString(PAGE_W / 2, 30, str(self.page))
        self.canvas.showPage()
        self.page += 1
        self._start_page()

    def paragraph(self, text: str, x: float = 70, width: float = PAGE_W - 140) -> None:
        for line in _wrap(text, width):
            if self.y < BOTTOM + LEADING:
                self.new_page()
            self.text(x, self.y, line)
            self.y -= LEADING
        self.y -= 4

    def _border(self, x: float, top: float, width: float, height: float) -> None:
        canvas = self.canvas
        if self.cells == "none":
            return
        if self.cells == "rects":  # thin filled rectangles, as some exporters draw borders
            for rect in ((x, top - 0.5, width, 0.5), (x, top - height, width, 0.5),
                         (x, top - height, 0.5, height), (x + width - 0.5, top - height, 0.5, height)):
                canvas.rect(*rect, stroke=0, fill=1)
        else:
            canvas.rect(x, top - height, width, height, stroke=1, fill=0)

    def row(self, texts: list[str], widths: list[float], header: bool = False) -> None:
        x0 = 60
        if header and self.rotated:
            height = 70
            if self.y - height < BOTTOM:
                self.new_page()
            x = x0
            for text, width in zip(texts, widths, strict=True):
                self._border(x, self.y, width, height)
                if width < 80:  # narrow column titles written bottom-to-top
                    self.canvas.saveState()
                    self.canvas.translate(x + width / 2 + 3, self.y - height + PAD)
                    self.canvas.rotate(90)
                    self.text(0, 0, text, 10)
                    self.canvas.restoreState()
                else:
                    self.text(x + PAD, self.y - PAD - SIZE, text)
                x += width
            self.y -= height
            return
        wrapped = [_wrap(t, w - 2 * PAD) if t else [] for t, w in zip(texts, widths, strict=True)]
        height = max(len(lines) for lines in wrapped) * LEADING + 2 * PAD
        room = int((self.y - BOTTOM - 2 * PAD) // LEADING)
        if self.y - height < BOTTOM and self.split_rows and not header and room >= 1:
            self._cells([lines[:room] for lines in wrapped], widths, room * LEADING + 2 * PAD)
            self.new_page()
            self.row(self.header, widths, header=True)
            wrapped = [lines[room:] for lines in wrapped]  # the rest of the row, as Word splits it
            height = max(len(lines) for lines in wrapped) * LEADING + 2 * PAD
        elif self.y - height < BOTTOM:
            self.new_page()
            if not header:
                self.row(self.header, widths, header=True)
        self._cells(wrapped, widths, height)

    def _cells(self, wrapped: list[list[str]], widths: list[float], height: float) -> None:
        x = 60
        for lines, width in zip(wrapped, widths, strict=True):
            self._border(x, self.y, width, height)
            for i, line in enumerate(lines):
                self.text(x + PAD, self.y - PAD - SIZE - i * LEADING + 2, line)
            x += width
        self.y -= height

    def save(self) -> None:
        self.new_page()
        self.canvas.save()


def _one_column(code: str, gold) -> list[str]:
    """A single "Kết quả" column: "51.608 (97,1%)", as some provinces write it."""
    count, rate = cells_for(code, gold)
    if count and rate:
        return [f"{count} ({rate}%)"]
    return [count or (f"{rate}%" if rate else "")]


def draw_report(path: Path, gold, province: str, mode: str, cells: str = "lines",
                rotated_header: bool = False, lead: int = 3, turned_page: bool = False,
                split_rows: bool = False, label_width: float = 290,
                header: tuple[str, ...] = ("STT", "Nội dung", "Số lượng", "Tỉ lệ (%)")) -> None:
    maker = Maker(path, mode, cells, rotated_header, turned_page)
    maker.split_rows = split_rows
    for line in (f"UBND TỈNH {province.upper()}", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 2210/BC-SGDĐT", "BÁO CÁO",
                 f"Tên cơ quan báo cáo: Sở Giáo dục và Đào tạo tỉnh {province}"):
        maker.paragraph(line)
    for _ in range(lead):
        maker.paragraph(BODY)
    maker.paragraph("Phụ lục 2")
    maker.paragraph("BIỂU SỐ LIỆU THỐNG KÊ")
    widths = [40, label_width, 95, 55] if len(header) == 4 else [40, 320, 120]
    maker.header = list(header)
    maker.row(maker.header, widths, header=True)
    for number, title in SECTIONS.items():
        roman, words = title.split(". ", 1)
        maker.row([roman, words] + [""] * (len(header) - 2), widths)
        for i, code in enumerate(c for c in LABELS if c[0] == number):
            values = cells_for(code, gold) if len(header) == 4 else _one_column(code, gold)
            maker.row([f"{number}.{i + 1}", LABELS[code], *values], widths)
    maker.y -= 10
    maker.paragraph("Nơi nhận: - Như trên; - Lưu: VT.")
    maker.save()


DRAWN = {
    "rl_words_rects": dict(mode="words", cells="rects"),
    "rl_rotated_header": dict(mode="line", rotated_header=True),
    "rl_glyph_printer": dict(mode="glyphs"),
    "rl_nfd_text": dict(mode="nfd"),
    "rl_borderless_words": dict(mode="words", cells="none", header=("TT", "Chỉ tiêu", "Số lượng", "Tỷ lệ %")),
    "rl_split_rows": dict(mode="line", split_rows=True, label_width=110, lead=4),
    "rl_turned_pages": dict(mode="words", turned_page=True),
    "rl_one_result_column": dict(mode="line", header=("STT", "Nội dung", "Kết quả thực hiện")),
}


def build_scan(out: Path, source_pdf: Path, tmp: Path) -> None:
    """A scan: the pages of another report as grey images, no text layer."""
    subprocess.run(["pdftoppm", "-r", "50", "-gray", "-png", str(source_pdf), str(tmp / "scan")], check=True)
    canvas = Canvas(str(out), pagesize=A4)
    for image in sorted(tmp.glob("scan*.png")):
        canvas.drawImage(str(image), 0, 0, PAGE_W, PAGE_H)
        canvas.showPage()
    canvas.save()


def build_drawn(here: Path, tmp: Path, gold_all: dict) -> None:
    if find_font() is None:
        raise SystemExit("no TrueType font with Vietnamese glyphs")
    for index, (name, options) in enumerate(DRAWN.items()):
        gold = make_values(200 + index)
        province = PROVINCES[-1 - index]
        draw_report(here / f"{name}.pdf", gold, province, **options)
        gold_all[f"{name}.pdf"] = {"province": province, "indicators": gold}
    build_scan(here / "scan_no_text.pdf", here / "rl_words_rects.pdf", tmp)
