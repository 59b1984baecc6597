"""Table finding on a page: pdfplumber's ruled tables on the pages the text layer picked, words
assigned to cells; the same layout step (``words_page_blocks``) serves OCR.
"""

from __future__ import annotations

import bisect
import logging
from pathlib import Path

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
from readers.pdf.pdfium_tables import (
    FontBook,
    PdfiumUnsupported,
    find_tables,
    page_chars,
    page_edges,
    page_space,
)
from readers.pdf.text import Line, PageText, _split_at_gaps, _union

log = logging.getLogger(__name__)

_BAND = 20.0  # points: cells are indexed by the horizontal bands of this height they cover


def _cell_bands(table) -> dict[int, list[tuple[float, int, tuple]]]:
    """Band number → (area, cell index, bbox) of the cells reaching into that band."""
    bands: dict[int, list[tuple[float, int, tuple]]] = {}
    for c_index, bbox in enumerate(table.cells):
        area = (bbox[2] - bbox[0]) * (bbox[3] - bbox[1])
        for band in range(int(bbox[1] // _BAND), int(bbox[3] // _BAND) + 1):
            bands.setdefault(band, []).append((area, c_index, bbox))
    return bands


def assign_words(tables: list, words: list[Word]) -> tuple[dict[tuple[int, int], list[Word]],
                                                            list[Word]]:
    """Each word goes to the smallest cell holding its centre (the first such cell on a tie),
    or stays outside the tables (also when it falls in a table's box but in no cell, e.g. an
    open outer border).  Cells are looked up by horizontal band, not all tried per word."""
    in_cells: dict[tuple[int, int], list[Word]] = {}
    outside: list[Word] = []
    indexes = [_cell_bands(table) for table in tables]
    for word in words:
        center = word.center
        band = int(center[1] // _BAND)
        best: tuple[float, int, int] | None = None
        for t_index, table in enumerate(tables):
            if not _contains(table.bbox, center):
                continue
            for area, c_index, bbox in indexes[t_index].get(band, ()):
                if _contains(bbox, center) and (best is None or (area, t_index, c_index) < best):
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


def words_from_chars(chars: list[dict]) -> list[Word]:
    """Upright words as pdfplumber's ``extract_words`` groups them (the project's settings),
    plus turned text read as whole words; ``chars`` are pdfplumber char dicts, from
    pdfplumber itself or rebuilt from pdfium (:mod:`readers.pdf.pdfium_tables`)."""
    from pdfplumber.utils.text import WordExtractor

    upright = [c for c in chars if c.get("upright", True)]
    turned = [c for c in chars if not c.get("upright", True)]
    extractor = WordExtractor(keep_blank_chars=False, use_text_flow=False,
                              x_tolerance=WORD_GAP, extra_attrs=["size"])
    words = [
        Word(nfc(w["text"]), w["x0"], w["top"], w["x1"], w["bottom"], float(w.get("size", 0)))
        for w in extractor.extract_words(upright)
    ]
    return blank_note_marks(words + rotated_words(turned))


def _plumber_page_blocks(page, number: int, carried: BorderlessLayout | None = None
                         ) -> tuple[PageBlocks, BorderlessLayout | None]:
    tables = [t for t in page.find_tables() if len(t.cells) > 1]
    return words_page_blocks(words_from_chars(page.chars), tables, number, float(page.height),
                             carried)


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


def _pdfium_page_blocks(pdf, fonts: FontBook, text: PageText,
                        carried: BorderlessLayout | None) -> tuple[PageBlocks, BorderlessLayout | None]:
    """A table page from pypdfium2 alone: pdfplumber's word and table algorithms on the chars
    and edges :mod:`readers.pdf.pdfium_tables` rebuilds (raises where it cannot)."""
    page = pdf[text.number - 1]
    try:
        space = page_space(page)
        textpage = page.get_textpage()
        try:
            chars = page_chars(textpage, fonts.page_fonts(text.number - 1), space)
        finally:
            textpage.close()
        tables = find_tables(page_edges(page, space), space.width, space.height)
    finally:
        page.close()
    if not tables and text.rulings.grid():
        # pdfium's paths made no table although the page looked ruled: let pdfplumber's
        # own reading of the page decide
        raise PdfiumUnsupported("ruled page without a table from pdfium's paths")
    return words_page_blocks(words_from_chars(chars), tables, text.number, space.height, carried)


def pdfplumber_open(path: Path):
    import pdfplumber

    return pdfplumber.open(str(path))
