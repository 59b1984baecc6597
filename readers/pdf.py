"""PDF reports → the document model: pypdfium2 for every page, pdfplumber only where tables are.

Cost model (issue 2, item 8): pypdfium2 gives a page's text and line boxes in about a
millisecond, pdfplumber's layout + table finding costs ~60-90 ms a page.  So every page is
read with pypdfium2 (one Paragraph per visual line, with page, line number and bbox), and
pdfplumber runs only on pages that can hold a ruled table: their vector paths (table borders
are paths, classified by shape in :class:`Rulings`) make a grid, or they make at least a box
or a vertical rule while the text looks like the statistics appendix.  A page without such
paths cannot give pdfplumber's ``lines`` strategy a table, so 60 ms there would buy nothing.

Borderless tables (a Word table with no borders is the python-docx default): when a page
has no grid but a row of column titles ("STT", "Nội dung", "Số lượng", "Tỉ lệ"), the table
is rebuilt from word positions (:func:`borderless_table`): columns from the titles and the
gutters the body leaves, rows from STT/number/padding cues.  pdfplumber's ``text`` strategy
was tried and cuts words apart on such pages.  If no title row is found, lines stay lines.

On a table page, text outside the tables comes from the same pdfplumber words, so lines and
tables share one coordinate system and are put in reading order by their top edge.  Cell
text is re-flowed: a line that wrapped only because the cell was too narrow is joined to the
previous one with a space, while real paragraph breaks (a bullet, or a previous line that
stopped short although the next word would have fitted) stay as "\\n".  That keeps
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
spaces as gaps, and owner-password PDFs.  A PDF with no text layer (a scan) is refused with a
reason, since OCR is out of scope here.
"""

from __future__ import annotations

import bisect
import ctypes
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c

from baocao.model import Cell, Document, Location, Paragraph, Source, Table
from readers import UnreadableDocument

log = logging.getLogger(__name__)

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (PDF points, top-based)

# Words that put a page on pdfplumber's list even with few ruling paths (appendix pages).
APPENDIX_KEYWORDS = (
    "phụ lục",
    "biểu số liệu",
    "biểu mẫu",
    "số liệu thống kê",
    "nội dung triển khai",
    "kết quả (số liệu)",
    "có máy tính",
    "đường truyền internet",
    "hồ sơ số",
    "dịch vụ công trực tuyến",
)
RATE_WORDS = ("đạt tỉ lệ", "đạt tỷ lệ", "tỉ lệ:", "tỷ lệ:")
COL_TOLERANCE = 4.0  # points: column boundaries this close are the same boundary
CELL_PADDING = 6.0  # Word/LibreOffice default cell margins are ~5.4-5.8 pt
# Some PDF printers emit no space characters, only a positioning gap of ~0.2 em (2.6 pt at
# 13 pt); pdfplumber's default 3 pt would glue "51.608đạttỉlệ" together.  Glyphs inside a
# word abut (gap ~0), so 1.5 pt separates words without splitting them.
WORD_GAP = 1.5
GLUE_GAP = 0.8  # points: a real space is >= ~2.5 pt wide at report font sizes
NO_BREAK_BEFORE = ".,:;!?%)]}…"
BULLET_RE = re.compile(r"^(?:[-+•·–—*▪●○]|\d{1,2}[.)]\s|[a-zđ][.)]\s|[IVX]{1,4}[.)]?\s)")
PAGE_NUMBER_RE = re.compile(r"(?:trang\s*+)?[-–]?\s*+\d{1,4}\s*+[-–]?(?:\s*+/\s*+\d{1,4})?", re.I)
FOOTNOTE_RE = re.compile(r"\d{1,3}\s*\D|[*†]")  # "10 Giảng viên tại ...", "* Ghi chú"
NUMBER_ONLY_RE = re.compile(r"[\d.,%\s]+")


# Symbol/Wingdings bullets come out as Private Use Area code points; zero-width and soft
# hyphen characters are invisible.  "\u200b" also marks blanked footnote marks (see below).
# pdfium reports some hyphens as U+FFFE (its "hyphen" marker): "131/QĐ\ufffeTTg" must read
# "131/QĐ-TTg" or the citation is lost.
_CLEAN = str.maketrans({
    "\ufffe": "-", "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
    "\ufb04": "ffl", "\uf0b7": "-", "\uf0a7": "-", "\uf076": "-", "\uf0d8": "-", "\uf0fc": "-",
    "\uf02d": "-", "\u00a0": " ", "\u00ad": None, "\u200b": None, "\ufeff": None,
})


def nfc(text: str) -> str:
    """NFC, PUA bullets as "-", invisible characters dropped, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", text.translate(_CLEAN)).split())


# ---------------------------------------------------------------------------
# pypdfium2 pass: every page
# ---------------------------------------------------------------------------


@dataclass
class Line:
    text: str
    bbox: BBox | None
    spaced: bool = True  # the raw text had whitespace before it (pdfium lines only)


@dataclass(frozen=True)
class Rulings:
    """Vector paths of a page sorted by shape: what table borders are drawn with.

    ``boxes`` are 2-D paths (a rectangle, or a whole grid drawn as one path); a
    horizontal underline or footnote separator is one of ``horizontal``.
    """

    horizontal: int = 0
    vertical: int = 0
    boxes: int = 0

    @classmethod
    def of_page(cls, page) -> Rulings:
        horizontal = vertical = boxes = 0
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4):
            left, bottom, right, top = obj.get_bounds()
            width, height = right - left, top - bottom
            if width >= 20 and height >= 10:
                boxes += 1
            elif width >= 20:
                horizontal += 1
            elif height >= 10:
                vertical += 1
            if cls(horizontal, vertical, boxes).grid():
                break  # enough to decide; a vector chart can hold thousands of paths
        return cls(horizontal, vertical, boxes)

    def grid(self) -> bool:
        """Enough borders for a ruled table of at least two cells."""
        lines = self.horizontal + self.vertical
        return (self.horizontal >= 2 and self.vertical >= 2) or self.boxes >= 2 or (
            self.boxes >= 1 and lines >= 1)

    def any_2d(self) -> bool:
        return self.boxes >= 1 or self.vertical >= 1


@dataclass
class PageText:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]
    rulings: Rulings

    def plain(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class _PageFrame:
    """Maps pdfium's unrotated, bottom-up user space to the page as displayed (top-based),
    the coordinate system pdfplumber and the Location bbox use."""

    rotation: int
    x0: float
    y0: float
    width: float  # unrotated media box
    height: float

    def to_display(self, rect: tuple[float, float, float, float]) -> BBox:
        left, bottom, right, top = rect
        xs = (left - self.x0, right - self.x0)
        ys = (bottom - self.y0, top - self.y0)
        if self.rotation == 90:
            return (min(ys), min(xs), max(ys), max(xs))
        if self.rotation == 180:
            return (self.width - max(xs), min(ys), self.width - min(xs), max(ys))
        if self.rotation == 270:
            return (self.height - max(ys), self.width - max(xs), self.height - min(ys),
                    self.width - min(xs))
        return (min(xs), self.height - max(ys), max(xs), self.height - min(ys))


def _union(boxes: Iterable[BBox]) -> BBox:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


def column_gap(height: float) -> float:
    """A horizontal gap this wide inside one visual line separates two columns (the two
    halves of a letterhead, "Nơi nhận:" and the signature block), never two words."""
    return max(2.5 * height, 24.0)


def _split_at_gaps(items: list, box) -> list[list]:
    """Group items (sorted left to right) into runs separated by column-sized gaps."""
    groups: list[list] = []
    for item in items:
        if groups:
            last = box(groups[-1][-1])
            current = box(item)
            if current[0] - last[2] > column_gap(last[3] - last[1]):
                groups.append([item])
                continue
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _pdfium_lines(textpage, start: int, text: str, frame: _PageFrame) -> list[Line]:
    """One pdfium text line → one Line, or several when it spans columns far apart.

    ``text`` is the raw line (note marks blanked as U+200B) starting at char ``start``.
    """
    clean = nfc(text)
    spaced = text[:1].isspace()
    rects = [textpage.get_rect(i) for i in range(textpage.count_rects(start, len(text)))]
    if not rects:
        return [Line(clean, None, spaced)]
    boxes = sorted((frame.to_display(r) for r in rects), key=lambda b: b[0])
    groups = _split_at_gaps(boxes, lambda b: b)
    if len(groups) == 1:
        return [Line(clean, _union(boxes), spaced)]
    pieces: list[list[str]] = [[] for _ in groups]
    for offset, char in enumerate(text):
        box = frame.to_display(textpage.get_charbox(start + offset))
        middle = (box[0] + box[2]) / 2
        index = next((i for i, g in enumerate(groups) if middle <= g[-1][2] + 1), len(groups) - 1)
        pieces[index].append(char)
    lines = []
    for group, chars in zip(groups, pieces, strict=True):
        piece = nfc("".join(chars))
        if piece:
            lines.append(Line(piece, _union(group)))
    return lines or [Line(clean, _union(boxes))]


def _same_baseline(a: Line, b: Line) -> bool:
    """pdfium starts a new line after a raised footnote mark; such a piece continues ``a``."""
    if a.bbox is None or b.bbox is None:
        return False
    overlap = min(a.bbox[3], b.bbox[3]) - max(a.bbox[1], b.bbox[1])
    height = min(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1])
    gap = b.bbox[0] - a.bbox[2]
    return overlap >= 0.6 * height and -1.0 <= gap <= column_gap(height)


def _join_baseline_pieces(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        if out and _same_baseline(out[-1], line):
            last = out[-1]
            joiner = " " if line.spaced or line.bbox[0] - last.bbox[2] > 2.0 else ""
            out[-1] = Line(last.text + joiner + line.text, _union([last.bbox, line.bbox]),
                           last.spaced)
        else:
            out.append(line)
    return out


def _origin_y(textpage, index: int) -> float:
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, ctypes.byref(x), ctypes.byref(y))
    return y.value


def _is_raised_small(textpage, index: int, reference: int) -> bool:
    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
    ref_size = pdfium_c.FPDFText_GetFontSize(textpage.raw, reference)
    if not (0 < size < 0.8 * ref_size):
        return False
    return _origin_y(textpage, index) > _origin_y(textpage, reference) + 1.0


def note_mark_indexes(textpage, text: str, rotation: int) -> set[int]:
    """Char indexes of footnote reference marks (see :func:`blank_note_marks`).

    Only digit runs glued to a preceding character are examined, so this costs a few
    pdfium calls per page rather than one per character.  ``rotation`` other than 0 is
    skipped: "raised" is measured on the unrotated y axis.
    """
    marks: set[int] = set()
    if rotation:
        return marks
    for match in re.finditer(r"\d+", text):
        start, end = match.span()
        glued = start > 0 and not text[start - 1].isspace()
        if glued and _is_raised_small(textpage, start, start - 1):
            marks.update(range(start, end))
            continue
        # "2022" followed by a raised "3" reads as one run "20223": find the size change
        if end - start > 1 and _is_raised_small(textpage, end - 1, start):
            first_small = next(i for i in range(start + 1, end)
                               if _is_raised_small(textpage, i, start))
            marks.update(range(first_small, end))
    return marks


def _read_page_text(page, number: int) -> PageText:
    width, height = page.get_size()
    mx0, my0, mx1, my1 = page.get_mediabox()
    frame = _PageFrame(page.get_rotation() % 360, mx0, my0, mx1 - mx0, my1 - my0)
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range() if count > 0 else ""
        exact = len(text) == count  # offsets match char indexes (no surrogate pairs)
        if exact and (marks := note_mark_indexes(textpage, text, frame.rotation)):
            # blank marks in place (same length, so char indexes stay valid)
            text = "".join("\u200b" if i in marks else ch for i, ch in enumerate(text))
        lines: list[Line] = []
        for match in re.finditer(r"[^\r\n]+", text):
            if not match.group().replace("\u200b", "").strip():
                continue
            if exact:
                lines.extend(_pdfium_lines(textpage, match.start(), match.group(), frame))
            else:
                lines.append(Line(nfc(match.group()), None))
    finally:
        textpage.close()
    return PageText(number, width, height, _join_baseline_pieces(lines), Rulings.of_page(page))


HEADER_KEYS = ("stt", "tt", "nội dung", "chỉ tiêu", "số lượng", "số liệu", "tỉ lệ", "tỷ lệ",
               "kết quả", "ghi chú", "đơn vị")
VALUE_KEYS = ("số lượng", "số liệu", "tỉ lệ", "tỷ lệ", "kết quả")
_HEADER_RE = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in HEADER_KEYS) + r")(?!\w)")


def header_keys(text: str) -> set[str]:
    """Column-title words of an appendix table found in a line ("STT", "Số lượng", ...)."""
    return set(_HEADER_RE.findall(text.lower()))


def _looks_like_header(keys: set[str]) -> bool:
    return len(keys) >= 3 and any(k in keys for k in VALUE_KEYS)


def borderless_candidate(page: PageText) -> bool:
    """An appendix table drawn without borders: no grid, but a line of column titles."""
    if page.rulings.grid():
        return False
    bands: list[tuple[float, set[str]]] = []  # (middle y, keys) of visual rows
    for line in sorted((ln for ln in page.lines if ln.bbox), key=lambda ln: ln.bbox[1]):
        middle, height = (line.bbox[1] + line.bbox[3]) / 2, line.bbox[3] - line.bbox[1]
        keys = header_keys(line.text)
        if bands and abs(middle - bands[-1][0]) <= 0.5 * height:
            bands[-1][1].update(keys)
        else:
            bands.append((middle, keys))
    return any(_looks_like_header(keys) for _, keys in bands)


def needs_tables(page: PageText) -> bool:
    """Whether pdfplumber's ~60 ms table pass is worth it on this page (see module docstring)."""
    if not page.lines or not page.rulings.any_2d():
        return False  # no borders that could make a cell: pdfplumber's lines strategy finds none
    if page.rulings.grid():
        return True
    text = page.plain().lower()
    rates = sum(text.count(word) for word in RATE_WORDS)
    return any(k in text for k in APPENDIX_KEYWORDS) or rates >= 2 or text.count("%") >= 4


# ---------------------------------------------------------------------------
# pdfplumber pass: table pages
# ---------------------------------------------------------------------------


@dataclass
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0  # font size; a smaller raised word glued to the previous is a note mark

    @property
    def center(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


@dataclass
class RawCell:
    bbox: BBox
    page: int
    text: str = ""
    row_span: int = 1


@dataclass
class TablePart:
    """One table as found on one page; parts of a cross-page table are joined later."""

    page: int
    page_height: float
    bbox: BBox
    rows: list[list[RawCell]]
    is_last: bool = False  # last table on its page (set once the page is assembled)
    borderless: bool = False  # rebuilt from text positions: columns vary a little by page
    # A borderless part's column bounds: its cells alone may not show every column (a page
    # holding only the tails of one column's cells).
    columns: list[float] | None = None

    def boundaries(self) -> list[float]:
        if self.columns:
            return list(self.columns)
        xs = _cluster(c.bbox[0] for row in self.rows for c in row)
        return xs + [self.bbox[2]]


@dataclass
class PageBlocks:
    number: int
    items: list[tuple[float, Line | TablePart]] = field(default_factory=list)  # (top, item)


def _cluster(values: Iterable[float], tolerance: float = COL_TOLERANCE) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out


def _index_of(xs: list[float], value: float) -> int:
    return min(range(len(xs)), key=lambda i: abs(xs[i] - value))


def _contains(bbox: BBox, point: tuple[float, float]) -> bool:
    x, y = point
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _group_lines(words: list[Word]) -> list[list[Word]]:
    """Words → visual lines: same line while the word's middle is inside the line's band."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        middle = word.center[1]
        if lines and lines[-1][0].top - 1 <= middle <= max(w.bottom for w in lines[-1]) + 1:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _line_text(words: list[Word]) -> str:
    """Words joined by a space, except pieces split only by a font-size change (no gap)."""
    out = [words[0].text]
    for previous, word in zip(words, words[1:], strict=False):
        out.append(word.text if word.x0 - previous.x1 < GLUE_GAP else " " + word.text)
    return " ".join("".join(out).split())


def _unbreakable_width(line: list[Word]) -> float:
    """Width of the line's first unbreakable chunk: line breaking never breaks before
    closing punctuation, so "Internet: ......69511" moves to a new line as one piece."""
    end = line[0].x1
    for word in line[1:]:
        if word.text[:1] not in tuple(NO_BREAK_BEFORE):
            break
        end = word.x1
    return end - line[0].x0


def reflow(lines: list[list[Word]], right_limit: float) -> str:
    """Join soft-wrapped lines of a cell with a space, keep paragraph breaks as "\\n"."""
    out: list[str] = []
    for index, line in enumerate(lines):
        text = _line_text(line)
        if index == 0:
            out.append(text)
            continue
        previous = lines[index - 1]
        first = line[0]
        space = 0.25 * (first.bottom - first.top)
        would_fit = previous[-1].x1 + space + _unbreakable_width(line) <= right_limit - 1
        if BULLET_RE.match(text) or would_fit:
            out.append("\n" + text)
        else:
            out.append(" " + text)
    return "".join(out)


def assign_words(tables: list, words: list[Word]) -> tuple[dict[tuple[int, int], list[Word]],
                                                            list[Word]]:
    """Each word goes to the smallest cell holding its centre, or stays outside the tables
    (also when it falls in a table's box but in no cell, e.g. an open outer border)."""
    in_cells: dict[tuple[int, int], list[Word]] = {}
    outside: list[Word] = []
    for word in words:
        best: tuple[float, int, int] | None = None
        for t_index, table in enumerate(tables):
            if not _contains(table.bbox, word.center):
                continue
            for c_index, bbox in enumerate(table.cells):
                if _contains(bbox, word.center):
                    area = (bbox[2] - bbox[0]) * (bbox[3] - bbox[1])
                    if best is None or area < best[0]:
                        best = (area, t_index, c_index)
        if best is None:
            outside.append(word)
        else:
            in_cells.setdefault(best[1:], []).append(word)
    return in_cells, outside


def _build_part(table, words_by_cell: dict[int, list[Word]], page: int,
                page_height: float) -> TablePart:
    cells = [RawCell(bbox=tuple(bbox), page=page) for bbox in table.cells]
    tops = _cluster(c.bbox[1] for c in cells)
    cell_lines = {i: _group_lines(words_by_cell.get(i, [])) for i in range(len(cells))}
    limits: dict[tuple[float, float], float] = {}  # per column (x0, x1): widest line end
    for i, cell in enumerate(cells):
        key = (round(cell.bbox[0]), round(cell.bbox[2]))
        ends = [line[-1].x1 for line in cell_lines[i]]
        limits[key] = max([limits.get(key, 0.0), *ends])
    rows: list[list[RawCell]] = [[] for _ in tops]
    for i, cell in enumerate(cells):
        key = (round(cell.bbox[0]), round(cell.bbox[2]))
        limit = max(limits[key], cell.bbox[2] - CELL_PADDING)
        cell.text = "\n".join(nfc(line) for line in reflow(cell_lines[i], limit).split("\n"))
        row = _index_of(tops, cell.bbox[1])
        cell.row_span = max(1, sum(1 for t in tops if cell.bbox[1] - 1 <= t < cell.bbox[3] - 1))
        rows[row].append(cell)
    for row in rows:
        row.sort(key=lambda c: c.bbox[0])
    return TablePart(page=page, page_height=page_height, bbox=tuple(table.bbox), rows=rows)


def blank_note_marks(words: list[Word]) -> list[Word]:
    """Blank out footnote reference marks: small raised digits glued to the word before.

    Word shows a footnote reference as a superscript number right after a word
    ("giảng viên10)"); the PDF text would otherwise read it as part of the word, or worse,
    of a number ("51.608" + "2").  The DOCX reader never sees these marks either.  The mark
    keeps its box (with empty text) so that "viên" and ")" around it stay glued.
    """
    by_end = sorted(words, key=lambda w: w.x1)
    ends = [w.x1 for w in by_end]
    for word in words:
        if not word.text[:1].isdigit():
            continue
        lo = bisect.bisect_left(ends, word.x0 - 1.5)
        hi = bisect.bisect_right(ends, word.x0 + 0.5)
        if any(
            word.size < 0.8 * prev.size and prev.top < word.bottom < prev.bottom - 1.0
            for prev in by_end[lo:hi]
        ):
            word.text = ""
    return words


def rotated_words(chars: list[dict]) -> list[Word]:
    """Text turned 90° (column titles written upwards in narrow header cells) as words.

    pdfplumber cuts such text into one word per glyph, and "Tỉ lệ (%)" would come out as
    ")%(ệlỉT" spread over lines.  Glyphs of one vertical run share their x band; they are
    read bottom-to-top (or top-to-bottom, by the text matrix) and a gap of a quarter of the
    glyph height (the font size of turned text is its width here) is a space.
    """
    runs: dict[tuple[int, bool], list[dict]] = {}
    for char in chars:
        upwards = char["matrix"][1] > 0
        runs.setdefault((round(char["x0"]), upwards), []).append(char)
    words: list[Word] = []
    for (_, upwards), run in runs.items():
        run.sort(key=lambda c: -c["bottom"] if upwards else c["top"])
        size = max(c["x1"] - c["x0"] for c in run)
        pieces: list[list[dict]] = [[run[0]]]
        for previous, char in zip(run, run[1:], strict=False):
            gap = previous["top"] - char["bottom"] if upwards else char["top"] - previous["bottom"]
            if gap > size:
                pieces.append([char])
            else:
                if gap > 0.25 * size:
                    pieces[-1].append({**char, "text": " " + char["text"]})
                else:
                    pieces[-1].append(char)
        for piece in pieces:
            text = nfc("".join(c["text"] for c in piece))
            if text:
                words.append(Word(text, min(c["x0"] for c in piece), min(c["top"] for c in piece),
                                  max(c["x1"] for c in piece), max(c["bottom"] for c in piece), size))
    return words


def _page_words(page) -> list[Word]:
    """Upright words from pdfplumber plus turned text read as whole words."""
    turned = [c for c in page.chars if not c.get("upright", True)]
    if turned:
        page = page.filter(lambda obj: obj.get("object_type") != "char" or obj.get("upright", True))
    words = [
        Word(nfc(w["text"]), w["x0"], w["top"], w["x1"], w["bottom"], float(w.get("size", 0)))
        for w in page.extract_words(keep_blank_chars=False, use_text_flow=False,
                                    x_tolerance=WORD_GAP, extra_attrs=["size"])
    ]
    return blank_note_marks(words + rotated_words(turned))


def _plumber_page_blocks(page, number: int, carried: BorderlessLayout | None = None
                         ) -> tuple[PageBlocks, BorderlessLayout | None]:
    words = _page_words(page)
    tables = [t for t in page.find_tables() if len(t.cells) > 1]
    blocks = PageBlocks(number)
    if not tables:
        part, outside, layout = borderless_table(words, number, float(page.height), carried)
        if part is not None:
            blocks.items.append((part.bbox[1], part))
            for line_words in _group_lines(outside):
                _add_word_line(blocks, line_words)
            blocks.items.sort(key=lambda item: item[0])
            return blocks, layout
    in_cells, outside = assign_words(tables, words)
    for t_index, table in enumerate(tables):
        words_by_cell = {c: ws for (t, c), ws in in_cells.items() if t == t_index}
        part = _build_part(table, words_by_cell, number, float(page.height))
        blocks.items.append((part.bbox[1], part))
    rows = [_split_at_gaps(visual_line, lambda w: (w.x0, w.top, w.x1, w.bottom))
            for visual_line in _group_lines(outside)]
    for key, line_words in column_order(rows):
        if _line_text(line_words):
            blocks.items.append((key, Line(_line_text(line_words), _union(
                (w.x0, w.top, w.x1, w.bottom) for w in line_words))))
    blocks.items.sort(key=lambda item: item[0])
    return blocks, None


def _gutter_of(row: list[list[Word]]) -> tuple[float, float] | None:
    if len(row) != 2:
        return None
    return max(w.x1 for w in row[0]), min(w.x0 for w in row[1])


def column_order(rows: list[list[list[Word]]]) -> list[tuple[float, list[Word]]]:
    """Sort keys for text lines, reading a two-column body column by column.

    A page laid out in two newspaper columns shows, row after row, a left piece and a right
    piece split by the same gutter; read by position, "Công văn số 6541/BGDĐT-" would be
    followed by the other column's line instead of "KHCNTT ...".  A run of at least three
    such rows (single pieces wholly on one side of the gutter may sit among them: a short
    last line) is read left column first: right pieces get keys after the run's last row.
    Letterhead halves and the signature block read the same way, as pdfium's order does.
    """
    out: list[tuple[float, list[Word]]] = []
    index = 0
    while index < len(rows):
        end, gutter = index, _gutter_of(rows[index])
        if gutter is not None:
            while end + 1 < len(rows) and _fits_gutter(rows[end + 1], gutter):
                end += 1
                gutter = _gutter_of(rows[end]) and _narrow(gutter, _gutter_of(rows[end])) or gutter
        end = _trim_tail(rows, index, end)
        run = rows[index:end + 1]
        if sum(1 for row in run if len(row) == 2) >= 3:
            left = [p for row in run for p in row if max(w.x1 for w in p) <= gutter[1]]
            right = [p for row in run for p in row if max(w.x1 for w in p) > gutter[1]]
            last = max(w.top for p in run[-1] for w in p)
            out += [(min(w.top for w in p), p) for p in left]
            out += [(last + 0.001 * (i + 1), p) for i, p in enumerate(right)]
        else:
            out += [(min(w.top for w in p), p) for row in run for p in row]
        index = end + 1
    return out


def _trim_tail(rows: list[list[list[Word]]], start: int, end: int) -> int:
    """A run's one-piece rows after its last two-piece row stay in it only at the line
    pitch (the longer column's last lines); after a paragraph gap the page is back to one
    column ("Phụ lục 2" under a two-column body)."""
    last_pair = max((i for i in range(start, end + 1) if len(rows[i]) == 2), default=start)
    for i in range(last_pair + 1, end + 1):
        above = max(w.bottom for p in rows[i - 1] for w in p)
        top = min(w.top for p in rows[i] for w in p)
        height = max(w.bottom - w.top for p in rows[i] for w in p)
        if top - above > 0.6 * height:
            return i - 1
    return end


def _narrow(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return max(a[0], b[0]), min(a[1], b[1])


def _fits_gutter(row: list[list[Word]], gutter: tuple[float, float]) -> bool:
    """The row leaves the gutter free: two pieces around it, or one piece on one side."""
    own = _gutter_of(row)
    if own is not None:
        narrowed = _narrow(gutter, own)
        return narrowed[1] - narrowed[0] >= 6.0
    if len(row) != 1:
        return False
    piece = row[0]
    return max(w.x1 for w in piece) <= gutter[1] and (
        max(w.x1 for w in piece) <= gutter[0] + 1 or min(w.x0 for w in piece) >= gutter[1] - 1)


# ---------------------------------------------------------------------------
# Borderless tables: columns from the title row and the gutters below it
# ---------------------------------------------------------------------------


def _header_groups(line: list[Word]) -> list[list[Word]]:
    """Title cells of a header line: words separated by a wide gap go to different cells."""
    groups: list[list[Word]] = [[line[0]]]
    for previous, word in zip(line, line[1:], strict=False):
        height = word.bottom - word.top
        if word.x0 - previous.x1 > max(8.0, 1.2 * height):
            groups.append([word])
        else:
            groups[-1].append(word)
    return groups


def _size(line: list[Word]) -> float:
    sizes = sorted(w.size for w in line)
    return sizes[len(sizes) // 2]


def _body_lines(lines: list[list[Word]], start: int, previous_bottom: float,
                size: float) -> list[list[Word]]:
    """Lines under the header until a gap much taller than a line (signature block) or a
    line in a clearly smaller font (the page's footnotes)."""
    body: list[list[Word]] = []
    for line in lines[start:]:
        top = min(w.top for w in line)
        height = max(w.bottom - w.top for w in line)
        if top - previous_bottom > 3.0 * height or (size and _size(line) < 0.88 * size):
            break
        body.append(line)
        previous_bottom = max(w.bottom for w in line)
    return body


def _gutter(body: list[list[Word]], left: float, right: float) -> float | None:
    """Middle of the widest x-run in (left, right) that (almost) no body word covers."""
    if right - left < 2:
        return None
    counts = [0] * (int(right - left) + 1)
    for line in body:
        for word in line:
            lo, hi = max(int(word.x0 - left), 0), min(int(word.x1 - left), len(counts) - 1)
            for x in range(lo, hi + 1):
                counts[x] += 1
    allowed = int(0.1 * len(body))  # a spanning section title may cross a gutter
    best: tuple[int, int] | None = None
    run_start = None
    for x, count in enumerate([*counts, allowed + 1]):
        if count <= allowed and run_start is None:
            run_start = x
        elif count > allowed and run_start is not None:
            if best is None or x - run_start > best[1] - best[0]:
                best = (run_start, x)
            run_start = None
    return left + (best[0] + best[1]) / 2 if best else None


def _column_bounds(groups: list[list[Word]], body: list[list[Word]]) -> list[float]:
    centers = [(g[0].x0 + g[-1].x1) / 2 for g in groups]
    bounds = [min([groups[0][0].x0, *(w.x0 for line in body for w in line)]) - 1]
    for i in range(len(groups) - 1):
        gutter = _gutter(body, centers[i], centers[i + 1])
        bounds.append(gutter if gutter is not None else (groups[i][-1].x1 + groups[i + 1][0].x0) / 2)
    bounds.append(max([groups[-1][-1].x1, *(w.x1 for line in body for w in line)]) + 1)
    return bounds


STT_RE = re.compile(r"^(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})*)\.?$|^[a-zđ]\)$")


@dataclass
class BorderlessLayout:
    """Columns of a borderless table, handed to the next page for a headerless continuation."""

    bounds: list[float]
    value_cols: set[int]
    size: float
    # Title centres when the bounds are only a guess: a header (and at most one row) at the
    # foot of a page leaves too few body lines to find the gutters; the next page finds them.
    provisional: list[float] | None = None


def borderless_table(words: list[Word], page: int, page_height: float,
                     carried: BorderlessLayout | None = None
                     ) -> tuple[TablePart | None, list[Word], BorderlessLayout | None]:
    """Rebuild an appendix table that has no ruling lines, or give up (None).

    The header line (>= 3 column titles such as "STT", "Nội dung", "Số lượng", "Tỉ lệ") gives
    the columns; boundaries sit in the gutters the body text leaves between them.  Rows
    start where the first column has an STT, where a value column has a number of its own,
    or where a column's text jumps by more than a line's leading (cell padding); a column's
    lines that run on at the leading across such starts are one merged cell (row_span).
    A page without a header continues the previous page's table (``carried`` columns)
    from its first lines, when that table ran to the bottom of its page.
    """
    lines = _group_lines([w for w in words if w.text])
    header_at = next((i for i, line in enumerate(lines)
                      if _looks_like_header(header_keys(_line_text(line)))), None)
    if header_at is not None:
        head = [lines[header_at]]
        size = _size(lines[header_at])
        groups = _header_groups(head[0])
        if header_at + 1 < len(lines) and _sub_header(lines[header_at + 1], head[0]):
            head.append(lines[header_at + 1])
            groups = _split_titles(groups, _header_groups(head[1]))
        body = _body_lines(lines, header_at + len(head), max(w.bottom for w in head[-1]), size)
        last_bottom = max(w.bottom for w in (body[-1] if body else head[0]))
        at_foot = last_bottom >= 0.75 * page_height
        if len(groups) < 3 or len(body) < (0 if at_foot else 2):
            return None, words, None
        cut = _table_end(body, _column_bounds(groups, body))
        if len(cut) < len(body):  # gutters again without the closing prose's words
            body = cut
        layout = BorderlessLayout(
            _column_bounds(groups, body),
            {i for i, g in enumerate(groups)
             if any(k in VALUE_KEYS for k in header_keys(_line_text(g)))},
            size, [(g[0].x0 + g[-1].x1) / 2 for g in groups] if len(body) < 2 else None)
        if carried is not None and len(carried.bounds) == len(layout.bounds):
            layout = _settled(carried, body)  # a repeated header: the previous page had more rows
    elif carried is not None and lines:
        first = next((i for i, line in enumerate(lines)
                      if not PAGE_NUMBER_RE.fullmatch(_line_text(line))), None)
        if first is None:
            return None, words, None
        head = []
        body = _body_lines(lines, first, min(w.top for w in lines[first]), carried.size)
        layout = _settled(carried, body)
        body = _table_end(body, layout.bounds)
        inner = layout.bounds[1:-1]
        if (straddling(body, layout.bounds) > 0.1 * len(body)
                or sum(_runs_across(line, inner) for line in body) > 0.2 * len(body)):
            return None, words, None  # words run across the columns: prose, not the table
    else:
        return None, words, None
    table_lines = [*head, *body]
    columns = _split_columns(table_lines, layout.bounds)
    grid = _BorderlessGrid(columns, layout.value_cols, _leading(columns, table_lines))
    used = {id(w) for line in table_lines for w in line}
    top = min(w.top for w in table_lines[0])
    bottom = max(w.bottom for w in table_lines[-1])
    part = TablePart(page=page, page_height=page_height, rows=grid.rows(layout.bounds, page),
                     bbox=(layout.bounds[0], top, layout.bounds[-1], bottom), borderless=True,
                     columns=list(layout.bounds))
    rest = [w for w in words if id(w) not in used]
    text_below = any(not PAGE_NUMBER_RE.fullmatch(_line_text(line))
                     for line in _group_lines([w for w in rest if w.text and w.top > bottom]))
    carries = bottom >= 0.6 * page_height and not text_below  # "Nơi nhận" under it: ended
    return part, rest, layout if carries else None


def _table_end(body: list[list[Word]], bounds: list[float]) -> list[list[Word]]:
    """The table ends at the first line running across the columns after which no numbered
    row follows: the closing prose ("Nơi nhận: ...", "GIÁM ĐỐC") comes at the usual
    paragraph spacing, so only its width tells it from the table.  A section title that
    spans the columns is followed by numbered rows and stays."""
    inner = bounds[1:-1]
    numbered = [bool(STT_RE.match(line[0].text)) and line[0].x1 <= bounds[1] for line in body]
    for index, line in enumerate(body[1:], start=1):
        if _runs_across(line, inner) and not any(numbered[index:]):
            return body[:index]
    return body


def _sub_header(line: list[Word], header: list[Word]) -> bool:
    """A second title row right under the first ("Kết quả" over "Số lượng | Tỉ lệ (%)"):
    column titles only, no figures, within two line heights."""
    text = _line_text(line)
    height = max(w.bottom - w.top for w in header)
    gap = min(w.top for w in line) - max(w.bottom for w in header)
    return (gap < 2 * height and bool(header_keys(text) & set(VALUE_KEYS))
            and not any(ch.isdigit() for ch in text))


def _split_titles(groups: list[list[Word]], subs: list[list[Word]]) -> list[list[Word]]:
    """Replace a title that spans sub-titles by those sub-titles (the finer columns)."""
    centers = [(g[0].x0 + g[-1].x1) / 2 for g in groups]
    out: list[list[Word]] = []
    for i, group in enumerate(groups):
        left = (centers[i - 1] + centers[i]) / 2 if i else float("-inf")
        right = (centers[i] + centers[i + 1]) / 2 if i + 1 < len(groups) else float("inf")
        inside = [s for s in subs if left < (s[0].x0 + s[-1].x1) / 2 < right]
        out.extend(inside if len(inside) >= 2 else [group])
    return out


def _settled(carried: BorderlessLayout, body: list[list[Word]]) -> BorderlessLayout:
    """Carried columns, with gutters found from this page's rows when they were a guess."""
    if carried.provisional is None or len(body) < 2:
        return carried
    centers = carried.provisional
    bounds = [min(w.x0 for line in body for w in line) - 1]
    for left, right in zip(centers, centers[1:], strict=False):
        gutter = _gutter(body, left, right)
        bounds.append(gutter if gutter is not None else (left + right) / 2)
    bounds.append(max(w.x1 for line in body for w in line) + 1)
    return BorderlessLayout(bounds, carried.value_cols, carried.size)


def straddling(body: list[list[Word]], bounds: list[float]) -> int:
    """Words that sit across an inner column boundary (prose does, table cells do not)."""
    inner = bounds[1:-1]
    return sum(1 for line in body for w in line if any(w.x0 < b < w.x1 for b in inner))


def _runs_across(line: list[Word], inner: list[float]) -> bool:
    """The line runs over a column boundary: a word sits across it, or two words on either
    side of it are only a word space apart (cells keep ~10 pt of padding between them)."""
    if any(w.x0 < b < w.x1 for w in line for b in inner):
        return True
    for left, right in zip(line, line[1:], strict=False):
        space = 0.5 * (right.bottom - right.top)
        if right.x0 - left.x1 < space and any(left.x1 <= b <= right.x0 for b in inner):
            return True
    return False


def _split_columns(table_lines: list[list[Word]], bounds: list[float]) -> list[list[list[Word]]]:
    """Per column, its pieces of each visual line, top to bottom."""
    columns: list[list[list[Word]]] = [[] for _ in range(len(bounds) - 1)]
    for line in table_lines:
        pieces: dict[int, list[Word]] = {}
        for word in line:
            col = bisect.bisect_right(bounds, word.center[0]) - 1
            pieces.setdefault(max(0, min(len(columns) - 1, col)), []).append(word)
        for col, piece in pieces.items():
            columns[col].append(piece)
    return columns


def _top(piece: list[Word]) -> float:
    return min(w.top for w in piece)


def _leading(columns: list[list[list[Word]]], table_lines: list[list[Word]]) -> float:
    """Distance between wrapped lines of one cell: the smaller gaps inside a column."""
    heights = sorted(max(w.bottom - w.top for w in line) for line in table_lines)
    ceiling = 1.3 * heights[len(heights) // 2]
    gaps = sorted(_top(b) - _top(a) for col in columns for a, b in zip(col, col[1:], strict=False)
                  if _top(b) - _top(a) > 0.5 * heights[0])
    return min(gaps[len(gaps) // 4], ceiling) if gaps else ceiling


class _BorderlessGrid:
    def __init__(self, columns: list[list[list[Word]]], value_cols: set[int], leading: float):
        self.columns, self.value_cols, self.leading = columns, value_cols, leading
        self.starts = _cluster((t for col, pieces in enumerate(columns)
                                for i, t in enumerate(map(_top, pieces))
                                if i == 0 or self._opens_row(col, pieces, i)),
                               tolerance=0.3 * leading)

    def _jump(self, pieces: list[list[Word]], i: int) -> bool:
        return _top(pieces[i]) - _top(pieces[i - 1]) > 1.12 * self.leading

    def _opens_row(self, col: int, pieces: list[list[Word]], i: int) -> bool:
        text = _line_text(pieces[i])
        if col == 0 and STT_RE.match(pieces[i][0].text):
            return True
        if col in self.value_cols and _is_number(text) and _is_number(_line_text(pieces[i - 1])):
            return True
        return self._jump(pieces, i)

    def _at_start(self, top: float) -> bool:
        return any(abs(top - s) <= 0.15 * self.leading for s in self.starts)

    def _blocks(self, col: int) -> list[list[list[Word]]]:
        blocks: list[list[list[Word]]] = []
        pieces = self.columns[col]
        for i, piece in enumerate(pieces):
            if i == 0 or self._opens_row(col, pieces, i) or self._at_start(_top(piece)):
                blocks.append([piece])
            else:
                blocks[-1].append(piece)
        return blocks

    def rows(self, bounds: list[float], page: int) -> list[list[RawCell]]:
        tolerance = 0.3 * self.leading
        rows: list[list[RawCell]] = [[] for _ in self.starts]
        for col in range(len(self.columns)):
            for block in self._blocks(col):
                top = _top(block[0])
                bottom = max(w.bottom for w in block[-1])
                row = max(0, bisect.bisect_right(self.starts, top + tolerance) - 1)
                span = max(1, sum(1 for s in self.starts if top - tolerance <= s < bottom))
                text = reflow(block, bounds[col + 1] - 2)
                rows[row].append(RawCell(
                    bbox=(bounds[col], top, bounds[col + 1], bottom), page=page,
                    text="\n".join(nfc(t) for t in text.split("\n")), row_span=span))
        for row in rows:
            row.sort(key=lambda c: c.bbox[0])
        return [row for row in rows if row]


def _add_word_line(blocks: PageBlocks, line_words: list[Word]) -> None:
    if not _line_text(line_words):
        return  # only blanked footnote marks
    bbox = _union((w.x0, w.top, w.x1, w.bottom) for w in line_words)
    blocks.items.append((bbox[1], Line(_line_text(line_words), bbox)))


# ---------------------------------------------------------------------------
# Joining tables across pages
# ---------------------------------------------------------------------------


def _columns_compatible(a: TablePart, b: TablePart) -> bool:
    if a.borderless and b.borderless:  # gutters are estimated per page: compare column counts
        return len(a.boundaries()) == len(b.boundaries()) or not b.rows or not a.rows
    if abs(a.bbox[0] - b.bbox[0]) > COL_TOLERANCE or abs(a.bbox[2] - b.bbox[2]) > COL_TOLERANCE:
        return False
    xa, xb = a.boundaries(), b.boundaries()
    near = lambda x, xs: any(abs(x - y) <= COL_TOLERANCE for y in xs)  # noqa: E731
    return all(near(x, xa) for x in xb) or all(near(x, xb) for x in xa)


def _row_texts(row: list[RawCell]) -> list[str]:
    return [" ".join(c.text.split()) for c in row]


def _continues(head: TablePart, tail: TablePart, nxt: TablePart) -> bool:
    """``nxt`` (first table of its page) continues the table whose last page part is ``tail``.

    Evidence: compatible column boundaries on consecutive pages, and either the header row
    is repeated or the table ran to the bottom of its page and ``nxt`` starts at the top.
    """
    if nxt.page - tail.page != 1 or not _columns_compatible(tail, nxt):
        return False
    repeated_header = _repeated_header_rows(head, nxt) > 0
    reaches_bottom = tail.bbox[3] >= 0.6 * tail.page_height
    starts_at_top = nxt.bbox[1] <= 0.4 * nxt.page_height
    return repeated_header or (reaches_bottom and starts_at_top)


def _is_number(text: str) -> bool:
    return bool(NUMBER_ONLY_RE.fullmatch(text.strip()))


def _overlap(a: RawCell, b: RawCell) -> float:
    return min(a.bbox[2], b.bbox[2]) - max(a.bbox[0], b.bbox[0])


def is_split_row(row: list[RawCell], previous: list[RawCell], columns: list[float]) -> bool:
    """The top row of a continuation page is the rest of a row Word split at the break.

    ``columns`` are the table's column left edges (plus its right edge).  Signs: its first
    (STT) cell is empty and its text continues a sentence (lower case or punctuation first)
    or it has no label at all (nothing in the first two columns).  A row with its own short
    number where the row above also has one is a new sub-line row (5-column layouts).
    """
    filled = [c for c in row if c.text.strip()]
    if not filled:
        return True
    if filled[0].bbox[0] <= columns[0] + COL_TOLERANCE:
        return False  # the first column has text: a new numbered row
    for cell in filled:
        above = [p for p in previous if _overlap(p, cell) > 0]
        if _is_number(cell.text) and any(_is_number(p.text) for p in above):
            return False
    first_char = filled[0].text.strip()[0]
    label_missing = len(columns) >= 4 and filled[0].bbox[0] >= columns[2] - COL_TOLERANCE
    return (first_char.islower() or first_char in "(),.;:%" or label_missing
            or _caps_title_goes_on(filled, previous) or _label_tail(filled, columns))


def _label_tail(filled: list[RawCell], columns: list[float]) -> bool:
    """Only a few words in the label column, no figure, no bullet: the end of the label
    above ("... có đường truyền | Internet"), even when it starts with a capital."""
    if len(filled) != 1 or len(columns) < 4:
        return False
    cell, text = filled[0], filled[0].text.strip()
    in_label = columns[1] - COL_TOLERANCE <= cell.bbox[0] and cell.bbox[2] <= columns[2] + COL_TOLERANCE
    return (in_label and "\n" not in text and len(text.split()) <= 4
            and not any(ch.isdigit() for ch in text) and not BULLET_RE.match(text))


def _caps_title_goes_on(filled: list[RawCell], previous: list[RawCell]) -> bool:
    """An ALL-CAPS section title ("NHÀ GIÁO | ĐƯỢC TRANG BỊ ...") split at the break: the
    row above has no figures and its last text is capitals, and so is this one."""
    texts = [c.text for c in previous if c.text.strip()]
    if len(filled) != 1 or not texts or any(_is_number(t) for t in texts[1:]):
        return False
    return texts[-1].isupper() and filled[0].text.isupper() and not any(ch.isdigit() for ch in filled[0].text)


def _merge_row_into(target: list[RawCell], row: list[RawCell]) -> None:
    for cell in row:
        if not cell.text.strip():
            continue
        overlaps = [c for c in target if c.bbox[0] < cell.bbox[2] and cell.bbox[0] < c.bbox[2]]
        if not overlaps:
            target.append(cell)
            continue
        host = max(overlaps, key=lambda c: _overlap(c, cell))
        joiner = "\n" if BULLET_RE.match(cell.text) or not host.text else " "
        host.text = f"{host.text}{joiner}{cell.text}" if host.text else cell.text
    target.sort(key=lambda c: c.bbox[0])


def _repeated_header_rows(head: TablePart, nxt: TablePart) -> int:
    """How many leading rows of ``nxt`` repeat the head's header (Word repeats 1-3 rows)."""
    count = 0
    while (count < min(3, len(head.rows), len(nxt.rows))
           and _row_texts(nxt.rows[count]) == _row_texts(head.rows[count])):
        count += 1
    return count


def _join(head: TablePart, nxt: TablePart) -> None:
    rows = list(nxt.rows)[_repeated_header_rows(head, nxt):]
    if rows and head.rows and is_split_row(rows[0], head.rows[-1], head.boundaries()):
        _merge_row_into(head.rows[-1], rows[0])
        rows = rows[1:]
    head.rows.extend(rows)


def _finish_table(part: TablePart, index: int) -> Table:
    xs = _cluster(c.bbox[0] for row in part.rows for c in row)
    rows: list[list[Cell]] = []
    for row_index, raw_row in enumerate(part.rows):
        row = []
        for raw in raw_row:
            col = _index_of(xs, raw.bbox[0])
            span = max(1, sum(1 for x in xs if raw.bbox[0] - 1 <= x < raw.bbox[2] - COL_TOLERANCE))
            location = Location(page=raw.page, bbox=raw.bbox, table=index, row=row_index, cell=col)
            row.append(Cell(text=raw.text, location=location, col=col, row_span=raw.row_span,
                            col_span=span))
        rows.append(row)
    return Table(rows=rows, location=Location(page=part.page, bbox=part.bbox, table=index))


# ---------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------


def _pdfium_blocks(page: PageText) -> PageBlocks:
    blocks = PageBlocks(page.number)
    for line in page.lines:
        blocks.items.append((line.bbox[1] if line.bbox else 0.0, line))
    # pdfium's content order is kept: sorting by position interleaves the two halves of a
    # letterhead and misplaces lines whose box is stretched by an odd glyph.
    return blocks


def only_page_furniture(between: list[tuple[int, Line]], tail_page: int) -> bool:
    """Text between two table parts that does not end the table: page numbers anywhere,
    footnotes under the first part.  A heading above the second part ("Phụ lục 3", "Biểu
    2") means a new table starts, even when its columns look the same."""
    in_notes = False
    for page, line in between:
        text = line.text.strip()
        if PAGE_NUMBER_RE.fullmatch(text):
            continue
        if page == tail_page and (in_notes or FOOTNOTE_RE.match(text)):
            in_notes = True  # a footnote's wrapped lines follow it
            continue
        return False
    return True


def _assemble(pages: list[PageBlocks]) -> list[Paragraph | Table]:
    blocks: list[Paragraph | TablePart] = []
    head: TablePart | None = None  # the table being built (maybe over several pages)
    tail: TablePart | None = None  # its part on the latest page
    between: list[tuple[int, Line]] = []  # text since ``tail``: (page, line)
    for page in pages:
        tables = [item for _, item in page.items if isinstance(item, TablePart)]
        line_no = 0
        for _, item in page.items:
            if isinstance(item, Line):
                line_no += 1
                loc = Location(page=page.number, bbox=item.bbox, line=line_no)
                blocks.append(Paragraph(text=item.text, location=loc))
                between.append((page.number, item))
                continue
            if (head and tail and tail.is_last and item is tables[0]
                    and only_page_furniture(between, tail.page) and _continues(head, tail, item)):
                _join(head, item)
            else:
                head = item
                blocks.append(item)
            tail = item
            between = []
        for index, table in enumerate(tables):
            table.is_last = index == len(tables) - 1
    out: list[Paragraph | Table] = []
    for block in blocks:
        if isinstance(block, TablePart):
            out.append(_finish_table(block, sum(isinstance(b, Table) for b in out)))
        else:
            out.append(block)
    return out


def _open_pdfium(path: Path) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableDocument("tệp PDF được bảo vệ bằng mật khẩu") from exc
        raise UnreadableDocument(f"tệp PDF bị hỏng hoặc không đúng định dạng ({exc})") from exc


def _read_closing(page, number: int) -> PageText:
    try:
        return _read_page_text(page, number)
    finally:
        page.close()


def _table_pages(path: Path, texts: list[PageText], pages: list[PageBlocks]) -> None:
    """Replace the blocks of table pages with pdfplumber's reading, in place.

    pdfminer (under pdfplumber) trips over some PDFs that pdfium reads fine; a failing page
    keeps its pypdfium2 lines instead of costing the whole document.
    """
    wanted = {page.number for page in texts if needs_tables(page) or borderless_candidate(page)}
    if not wanted:
        return
    try:
        plumber = pdfplumber.open(str(path))
    except Exception as exc:  # noqa: BLE001 - text lines are still a usable reading
        log.warning("pdfplumber cannot open %s (%s): tables read as text lines", path, exc)
        return
    with plumber:
        carried: BorderlessLayout | None = None
        for number in range(1, len(texts) + 1):
            if number not in wanted and carried is None:
                continue
            try:
                page_blocks, carried = _plumber_page_blocks(plumber.pages[number - 1], number,
                                                            carried)
            except Exception as exc:  # noqa: BLE001 - see docstring
                log.warning("pdfplumber failed on %s page %d (%s)", path, number, exc)
                carried = None
                continue
            if any(isinstance(item, TablePart) for _, item in page_blocks.items):
                pages[number - 1] = page_blocks


def read_pdf(path: Path, source: Source) -> Document:
    """Read every page with pypdfium2, re-read table pages with pdfplumber, join tables."""
    pdf = _open_pdfium(path)
    try:
        texts = [_read_closing(pdf[i], i + 1) for i in range(len(pdf))]
    finally:
        pdf.close()
    if not any(page.lines for page in texts):
        raise UnreadableDocument("tệp PDF không có lớp chữ (có thể là bản scan), cần OCR trước")
    pages = [_pdfium_blocks(page) for page in texts]
    _table_pages(path, texts, pages)
    return Document(source=source, blocks=_assemble(pages), page_count=len(texts))
