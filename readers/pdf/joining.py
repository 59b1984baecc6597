"""Joining tables across pages and assembling the document's blocks in reading order.
"""

from __future__ import annotations

from baocao.model import Cell, Location, Paragraph, Table
from readers.pdf.common import BULLET_RE, COL_TOLERANCE, FOOTNOTE_RE, PAGE_NUMBER_RE
from readers.pdf.layout import PageBlocks, RawCell, TablePart, _cluster, _index_of, _is_number
from readers.pdf.text import Line, PageText


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
            location = Location(page=raw.page, bbox=raw.bbox, table=index, row=row_index, cell=col,
                                confidence=raw.conf, ocr_repairs=raw.repairs or None)
            row.append(Cell(text=raw.text, location=location, col=col, row_span=raw.row_span,
                            col_span=span))
        rows.append(row)
    return Table(rows=rows, location=Location(page=part.page, bbox=part.bbox, table=index))


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
                loc = Location(page=page.number, bbox=item.bbox, line=line_no,
                               confidence=item.conf, ocr_repairs=item.repairs or None)
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
    tables_done = 0  # counted as they come: a count over ``out`` per table was quadratic
    for block in blocks:
        if isinstance(block, TablePart):
            out.append(_finish_table(block, tables_done))
            tables_done += 1
        else:
            out.append(block)
    return out
