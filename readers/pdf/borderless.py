"""Borderless tables: columns from the title row and the gutters below it, rows from
STT/number/padding cues.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from readers.pdf.common import PAGE_NUMBER_RE, nfc
from readers.pdf.layout import (
    RawCell,
    TablePart,
    Word,
    _cluster,
    _group_lines,
    _is_number,
    _line_text,
    lowest_conf,
    reflow,
)
from readers.pdf.text import VALUE_KEYS, _looks_like_header, header_keys


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
                    text="\n".join(nfc(t) for t in text.split("\n")), row_span=span,
                    conf=lowest_conf([w for piece in block for w in piece])))
        for row in rows:
            row.sort(key=lambda c: c.bbox[0])
        return [row for row in rows if row]
