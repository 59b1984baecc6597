"""Table finding on a page: pdfplumber's ruled tables on the pages the text layer picked, words
assigned to cells; the same layout step (``words_page_blocks``) serves OCR.
"""

from __future__ import annotations

import bisect
import logging
from pathlib import Path

import pdfplumber

from readers.pdf.borderless import BorderlessLayout, borderless_table
from readers.pdf.common import CELL_PADDING, WORD_GAP, nfc
from readers.pdf.layout import (
    PageBlocks,
    RawCell,
    TablePart,
    Word,
    _add_word_line,
    _cluster,
    _contains,
    _group_lines,
    _index_of,
    _line_text,
    column_order,
    lowest_conf,
    reflow,
)
from readers.pdf.text import Line, PageText, _split_at_gaps, _union, borderless_candidate, needs_tables

log = logging.getLogger(__name__)

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
        cell.conf = lowest_conf(words_by_cell.get(i, []))
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
    tables = [t for t in page.find_tables() if len(t.cells) > 1]
    return words_page_blocks(_page_words(page), tables, number, float(page.height), carried)


def words_page_blocks(words: list[Word], tables: list, number: int, height: float,
                      carried: BorderlessLayout | None = None
                      ) -> tuple[PageBlocks, BorderlessLayout | None]:
    """A page's blocks from its words and ruled tables (objects with ``cells`` and ``bbox``):
    the one layout step shared by the text layer (pdfplumber) and OCR."""
    blocks = PageBlocks(number)
    if not tables:
        part, outside, layout = borderless_table(words, number, height, carried)
        if part is not None:
            blocks.items.append((part.bbox[1], part))
            for line_words in _group_lines(outside):
                _add_word_line(blocks, line_words)
            blocks.items.sort(key=lambda item: item[0])
            return blocks, layout
    in_cells, outside = assign_words(tables, words)
    for t_index, table in enumerate(tables):
        words_by_cell = {c: ws for (t, c), ws in in_cells.items() if t == t_index}
        part = _build_part(table, words_by_cell, number, height)
        blocks.items.append((part.bbox[1], part))
    rows = [_split_at_gaps(visual_line, lambda w: (w.x0, w.top, w.x1, w.bottom))
            for visual_line in _group_lines(outside)]
    for key, line_words in column_order(rows):
        if _line_text(line_words):
            blocks.items.append((key, Line(_line_text(line_words), _union(
                (w.x0, w.top, w.x1, w.bottom) for w in line_words), conf=lowest_conf(line_words))))
    blocks.items.sort(key=lambda item: item[0])
    return blocks, None


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
