"""Text layer: every page read with pypdfium2 (visual lines with boxes, ruling paths by shape),
and the page tests that decide where tables are looked for.
"""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from normalizers.text import TOTAL_LABEL_RE
from readers.pdf.common import APPENDIX_KEYWORDS, RATE_WORDS, BBox, nfc


@dataclass
class Line:
    text: str
    bbox: BBox | None
    spaced: bool = True  # the raw text had whitespace before it (pdfium lines only)
    conf: float | None = None  # OCR: lowest word confidence (0-100); None for a text layer
    repairs: tuple[str, ...] = ()  # OCR figure slips repaired (normalizers.ocr)


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
        counts = [0, 0, 0]  # horizontal, vertical, boxes
        cls._count(page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, counts, 0)
        return cls(*counts)

    @classmethod
    def _count(cls, parent, count_objects, get_object, counts: list[int], level: int) -> bool:
        """Count path shapes depth-first (forms up to 3 levels down, raw pdfium calls: the
        pypdfium2 object wrappers cost more than the pages' text); True once a grid."""
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        for index in range(count_objects(parent)):
            obj = get_object(parent, index)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH and pdfium_c.FPDFPageObj_GetBounds(
                    obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right),
                    ctypes.byref(top)):
                width, height = right.value - left.value, top.value - bottom.value
                if width >= 20 and height >= 10:
                    counts[2] += 1
                elif width >= 20:
                    counts[0] += 1
                elif height >= 10:
                    counts[1] += 1
                if cls(*counts).grid():
                    return True  # enough to decide; a vector chart can hold thousands of paths
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < 3 and cls._count(
                    obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject,
                    counts, level + 1):
                return True
        return False

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
    if len(rects) == 1:  # nearly every line: one run of text, nothing to split or join
        return [Line(clean, frame.to_display(rects[0]), spaced)]
    boxes = sorted((frame.to_display(r) for r in rects), key=lambda b: b[0])
    groups = _split_at_gaps(boxes, lambda b: b)
    if len(groups) == 1:
        return [Line(clean, _union(boxes), spaced)]
    pieces: list[list[str]] = [[] for _ in groups]
    rights = [group[-1][2] + 1 for group in groups]  # increasing: groups are apart by a gap
    last = len(groups) - 1
    for char, middle in zip(text, _char_middles(textpage, start, len(text), frame), strict=True):
        pieces[min(bisect_left(rights, middle), last)].append(char)  # the first group reaching it
    lines = []
    for group, chars in zip(groups, pieces, strict=True):
        piece = nfc("".join(chars))
        if piece:
            lines.append(Line(piece, _union(group)))
    return lines or [Line(clean, _union(boxes))]


def _char_middles(textpage, start: int, count: int, frame: _PageFrame) -> list[float]:
    """The displayed horizontal middle of each char: what ``textpage.get_charbox`` gives,
    through raw pdfium calls into four reused doubles.  A table row is one pdfium line
    whose cells are split char by char; the wrapper's allocations were most of a
    table-heavy page's reading time."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    get_box, raw, x0 = pdfium_c.FPDFText_GetCharBox, textpage.raw, frame.x0
    middles: list[float] = []
    for index in range(start, start + count):
        if not get_box(raw, index, *refs):  # yes, left right bottom top
            textpage.get_charbox(index)  # raises pypdfium2's error, as before
        if frame.rotation:
            box = frame.to_display((left.value, bottom.value, right.value, top.value))
            middles.append((box[0] + box[2]) / 2)
        else:
            middles.append(((left.value - x0) + (right.value - x0)) / 2)
    return middles


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
    return not page.rulings.grid() and has_title_row(page)


def has_title_row(page: PageText) -> bool:
    """A visual row of an appendix table's column titles ("STT", "Nội dung", "Số lượng", "Tỉ lệ")."""
    plain = page.plain().lower()
    if not any(key in plain for key in VALUE_KEYS):
        return False  # a title row needs a value column title; most pages have none
    bands: list[tuple[float, set[str]]] = []  # (middle y, keys) of visual rows
    for line in sorted((ln for ln in page.lines if ln.bbox), key=lambda ln: ln.bbox[1]):
        middle, height = (line.bbox[1] + line.bbox[3]) / 2, line.bbox[3] - line.bbox[1]
        keys = header_keys(line.text)
        if bands and abs(middle - bands[-1][0]) <= 0.5 * height:
            bands[-1][1].update(keys)
        else:
            bands.append((middle, keys))
    return any(_looks_like_header(keys) for _, keys in bands)


# A list of documents: its column titles (số/ký hiệu, trích yếu), or rows of ký hiệu
# ("131/QĐ-TTg", "12/2021/TT-BGDĐT") on a page that continues one without its titles.
REGISTER_KEYS = ("ký hiệu", "trích yếu")
_SYMBOL_LIKE_RE = re.compile(r"\b\d{1,5}/(?:\d{4}/)?[A-ZĐ][\w&]*-[A-ZĐ]")
_REGISTER_ROWS = 5
# An appendix's title, at the foot of the page before its table.
TITLE_KEYS = ("phụ lục", "biểu")
_TITLE_LINES = 5
FOLLOW_PAGES = 12  # the 25-line template fills at most ~8 pages, even in narrow columns


def table_anchor(page: PageText) -> bool:
    """The page's text says its tables matter: the statistics appendix (its words, its rates,
    its column titles), a list of documents, or a table with a total row (the body's
    breakdowns the checks add up; a cell's text is a line of its own here)."""
    plain = page.plain()
    text = " ".join(plain.lower().split())  # words wrapped in narrow cells ("có\nmáy tính")
    return (_appendix_text(text) or any(key in text for key in REGISTER_KEYS) or has_title_row(page)
            or len(_SYMBOL_LIKE_RE.findall(plain)) >= _REGISTER_ROWS
            or any(TOTAL_LABEL_RE.match(line.text) for line in page.lines))  # fmt: skip


def _appendix_text(text: str) -> bool:
    rates = sum(text.count(word) for word in RATE_WORDS)
    return any(k in text for k in APPENDIX_KEYWORDS) or rates >= 2 or text.count("%") >= 4


def _titles_a_table(page: PageText) -> bool:
    tail = "\n".join(line.text for line in page.lines[-_TITLE_LINES:]).lower()
    return any(key in tail for key in TITLE_KEYS)


def table_page_numbers(texts: list[PageText]) -> set[int]:
    """The pages whose tables are read (issue 11 item 6: only near the appendix).

    A table page costs ~25 ms (pdfplumber's word and table algorithms) against ~2 ms for
    its text: a 100-page report whose lists of schools or budget lines fill 30 pages would
    spend most of its time on tables nobody reads.  Of the pages that could hold a table
    (:func:`needs_tables`, :func:`borderless_candidate`), those are read whose text says
    the table matters (:func:`table_anchor`: the appendix's words, rates or column titles,
    a list of documents, a total row; or the page before ends with an appendix title), the one before
    (a table starting at its foot) and the ones after while they could hold a table, up to
    :data:`FOLLOW_PAGES` past the last anchor (a long appendix in narrow columns, whose
    rows may name no keyword).  Other tables keep their text lines, which the extractors
    read too.  When no page is an anchor, the text gives no clue (a legacy-encoded text
    layer, an unusual appendix): every candidate page is read, as before.
    """
    candidate = [needs_tables(page) or borderless_candidate(page) for page in texts]
    anchor = [
        candidate[index] and (table_anchor(page) or (index > 0 and _titles_a_table(texts[index - 1])))
        for index, page in enumerate(texts)
    ]
    if not any(anchor):
        return {page.number for page, wanted in zip(texts, candidate, strict=True) if wanted}
    wanted: set[int] = set()
    since_anchor: int | None = None  # candidate pages read since the last anchor, in this run
    for index, page in enumerate(texts):
        if anchor[index]:
            since_anchor = 0
            if index > 0 and candidate[index - 1]:
                wanted.add(texts[index - 1].number)
        elif candidate[index] and since_anchor is not None and since_anchor < FOLLOW_PAGES:
            since_anchor += 1
        else:
            since_anchor = None
            continue
        wanted.add(page.number)
    return wanted


def needs_tables(page: PageText) -> bool:
    """Whether pdfplumber's ~60 ms table pass is worth it on this page (see module docstring)."""
    if not page.lines or not page.rulings.any_2d():
        return False  # no borders that could make a cell: pdfplumber's lines strategy finds none
    if page.rulings.grid():
        return True
    return _appendix_text(page.plain().lower())
