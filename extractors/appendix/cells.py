"""What a cell or a line is: a figure, an STT number, a header title, a level row.

Shared by every table layout; pure predicates on the document model's cells.
"""

from __future__ import annotations

from functools import lru_cache

from baocao.model import Cell, Location
from extractors.appendix.patterns import (
    AREA_TOTAL_RE,
    FOOTNOTE_REF_RE,
    GROUPED_RE,
    LEVEL_ROW_RE,
    NEGATIVE_RE,
    NUMERIC_CELL_RE,
    STT_RE,
    YEAR_RE,
)
from extractors.statements import read_statement, split_statements
from gazetteer.indicators import fold
from normalizers.numbers import parse_rate


def row_has_figures(row: list[Cell]) -> bool:
    return any(is_numeric_cell(c) for i, c in enumerate(row) if not is_stt_cell(c, i))


def is_header_row(row: list[Cell]) -> bool:
    texts = [fold(c.text) for c in row if c.text.strip()]
    if not texts or any(is_numeric_cell(c) for c in row if not is_stt_cell(c, 0)):
        return False
    titles = (" stt ", " tt ", " noi dung ", " chi tieu ", " ti le ", " so luong ", " ket qua ", " don vi ")
    short_titles = [text for text in texts if len(text) < 50 and any(t in text for t in titles)]
    return bool(short_titles) and not any(has_data(YEAR_RE.sub(" ", c.text)) for c in row)


def is_rate_header(text: str) -> bool:
    folded = fold(text)
    return len(folded) < 40 and (" ti le " in folded or folded.strip() in {"%", "ti le %", "tl", "tl %"})


def is_count_header(text: str) -> bool:
    folded = fold(text)
    if folded.startswith(" ti le ") and " so luong " not in folded:
        return False  # "Tỉ lệ (%) so với tổng số" is a rate column
    return len(folded) < 40 and any(
        f" {w} " in folded for w in ("so luong", "so lieu", "gia tri", "tong so", "ket qua", "so dat", "so co", "sl")
    )


def is_numeric_cell(cell: Cell) -> bool:
    if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
        return True
    text = NEGATIVE_RE.sub("", FOOTNOTE_REF_RE.sub("", cell.text))
    return bool(cell.text.strip()) and bool(NUMERIC_CELL_RE.match(text))


def is_stt_cell(cell: Cell, position: int) -> bool:
    return position == 0 and len(cell.text.strip()) <= 6 and bool(STT_RE.match(cell.text))


def is_level_row(text: str) -> bool:
    """A breakdown row by school level ("Tiểu học", "- THCS"): a part, never the line itself."""
    return bool(LEVEL_ROW_RE.match(fold(text)))


def is_total_row(text: str) -> bool:
    """"Cộng", "Tổng cộng" under level rows: the parent line's own figure."""
    return bool(AREA_TOTAL_RE.match(fold(text)))


@lru_cache(maxsize=4096)  # asked for every cell, for headers, context and rows alike
def has_data(text: str) -> bool:
    return any(read_statement(s.text).has_data for s in split_statements(text.split("\n")))


def has_figures(text: str) -> bool:
    """Some line gives a real number (not just the template's unfilled dots)."""
    for statement in split_statements(text.split("\n")):
        reading = read_statement(statement.text)
        if any(n is not None and n.value is not None for n in (reading.value, reading.rate)):
            return True
    return False


def inherited_context(cell: Cell, context_by_col: dict[float, str]) -> str:
    """Headings of earlier columns carried down from rows above (vertical merges)."""
    return " ".join(text for col, text in sorted(context_by_col.items()) if col < cell.col)


def cell_location(cell: Cell, lines: list[str], line_index: int) -> Location:
    return cell.location.with_line(line_index + 1) if len(lines) > 1 else cell.location


def first(items):
    return next((item for item in items if item is not None), None)


def at_most_100(cell: Cell) -> bool:
    if cell.value is None and GROUPED_RE.search(cell.text):
        return False  # "4.000" is a count written with a thousands dot, not 4 %
    reading = parse_rate(cell.text) if cell.value is None else None
    value = cell.value if cell.value is not None else (reading.value if reading else None)
    return isinstance(value, int | float) and 0 <= value <= 100
