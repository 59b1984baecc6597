"""Row-per-sub-line layout: "- Giáo viên" rows under a vertically merged item heading."""

from __future__ import annotations

from baocao.model import Cell
from extractors.appendix.cells import has_data, inherited_context, is_level_row, is_total_row
from extractors.appendix.columns import Columns
from extractors.appendix.found import Found
from extractors.appendix.patterns import MAX_EMPTY_LABEL_CHARS, NO_FIGURE_RE, SUB_LINE_RE
from extractors.statements import Reading, read_statement
from gazetteer.indicators import match_label


def with_parent(texts: list[Cell], context_by_col: dict[float, str], parent_by_col: dict[int, str]):
    """A sub-row ("- Giáo viên", "- Trong đó: có máy tính") reads with the row above it.

    | Số nhà giáo có máy tính |        |      |
    | - Giáo viên             | 12.345 | 98,5 |   -> 1a, with the parent as its context
    The parent is keyed just left of the cell's column, so it is the nearest context.
    """
    if not texts or texts[0].col not in parent_by_col:
        return context_by_col
    if is_level_row(texts[0].text) and not level_names_the_line(texts[0].text, parent_by_col[texts[0].col]):
        return context_by_col
    if not (SUB_LINE_RE.match(texts[0].text) or is_total_row(texts[0].text)):
        return context_by_col
    return {**context_by_col, texts[0].col - 0.5: parent_by_col[texts[0].col]}


def level_names_the_line(text: str, parent: str) -> bool:
    """"- Bậc tiểu học" under "Tỉ trọng nội dung trực tuyến" is line 5a itself; "Tiểu học"
    under "Học sinh có máy tính" is only a part of 2a (the parent matches alone)."""
    alone = match_label(parent)
    with_level = match_label(text, parent)
    if with_level.indicator is None:
        return False
    return alone.indicator is None or bool(alone.ambiguous_with) or alone.indicator.code != with_level.indicator.code


def figure_cells_empty(cells: list[Cell], columns: Columns) -> bool:
    """A row of a table with "Số lượng"/"Tỉ lệ" columns where both are left empty."""
    figure_cols = columns.count | columns.rate
    if not figure_cols:
        return False
    return not any(c.text.strip() and not NO_FIGURE_RE.match(c.text) for c in cells if c.col in figure_cols)


def empty_columnar_row(
    texts: list[Cell], context_by_col: dict[float, str], note: str = "empty", raw: str = ""
) -> list[Found]:
    """The template line is there but nothing was reported: kept as missing (null)."""
    label_cell = texts[-1]
    label = " ".join(label_cell.text.split())
    if len(label) > MAX_EMPTY_LABEL_CHARS or has_data(label):
        return []
    reading = Reading(label=read_statement(label).label or label, value=None, rate=None)
    contexts = (inherited_context(label_cell, context_by_col),)
    return [Found(reading, raw or label, label_cell.location, contexts, notes=[note])]
