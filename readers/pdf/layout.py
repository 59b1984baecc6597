"""Words, cells and table parts of one page, and the line/paragraph logic (reflow, reading
order of two-column bodies) shared by ruled, borderless and OCR tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from readers.pdf.common import BULLET_RE, COL_TOLERANCE, GLUE_GAP, NO_BREAK_BEFORE, NUMBER_ONLY_RE, BBox
from readers.pdf.text import Line, _union


@dataclass
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0  # font size; a smaller raised word glued to the previous is a note mark
    conf: float | None = None  # OCR word confidence (0-100); None for a text layer

    @property
    def center(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


@dataclass
class RawCell:
    bbox: BBox
    page: int
    text: str = ""
    row_span: int = 1
    conf: float | None = None  # OCR: lowest word confidence in the cell
    repairs: tuple[str, ...] = ()  # OCR figure slips repaired in the cell's text


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


def lowest_conf(words: list[Word]) -> float | None:
    confs = [w.conf for w in words if w.conf is not None]
    return min(confs) if confs else None


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


def _add_word_line(blocks: PageBlocks, line_words: list[Word]) -> None:
    if not _line_text(line_words):
        return  # only blanked footnote marks
    bbox = _union((w.x0, w.top, w.x1, w.bottom) for w in line_words)
    blocks.items.append((bbox[1], Line(_line_text(line_words), bbox, conf=lowest_conf(line_words))))


def _is_number(text: str) -> bool:
    return bool(NUMBER_ONLY_RE.fullmatch(text.strip()))
