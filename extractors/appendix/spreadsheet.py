"""Spreadsheet layouts: one column per indicator (transposed sheets) and native numbers."""

from __future__ import annotations

from dataclasses import replace

from baocao.model import Cell, Table
from extractors.appendix.cells import is_numeric_cell, is_total_row, row_has_figures
from extractors.appendix.patterns import HEADER_SCAN_ROWS, MIN_TABLE_MATCHES
from gazetteer.indicators import match_label
from normalizers.numbers import ParsedNumber, parse_rate


def transposed(table: Table) -> Table | None:
    """A sheet with one column per indicator and one row per unit, read as a line per column.

    | Đơn vị | Giáo viên có máy tính | Tỉ lệ GV có máy tính (%) | ... |
    | Huyện A | 400 | 97,6 | ... |
    | Tổng cộng | 1.180 | 98,3 | ... |   -> the total row (or the only row) is the report's
    """
    for index, header in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        titled = [c for c in header if match_label(c.text).indicator is not None]
        if len(titled) < MIN_TABLE_MATCHES:
            continue
        data = [row for row in table.rows[index + 1 :] if row_has_figures(row)]
        totals = [row for row in data if any(is_total_row(c.text) for c in row if not is_numeric_cell(c))]
        chosen = totals[-1] if totals else (data[0] if len(data) == 1 else None)
        if chosen is None:
            return None
        by_col = {c.col: c for c in chosen}
        rows = [[Cell("Nội dung", table.location, col=0), Cell("Kết quả", table.location, col=1)]]
        for title in header:
            figure = by_col.get(title.col)
            if figure is not None and is_numeric_cell(figure):
                rows.append([Cell(title.text, title.location, col=0), replace(figure, col=1)])
        return Table(rows=rows, location=table.location)
    return None


def read_native(native: float, cell: Cell, *, is_rate: bool) -> ParsedNumber:
    """Spreadsheet numbers: a percent-formatted 0.971 is 97.1 percent; a rate is what the cell
    shows (an unrounded 0.97123 in a "0.0%" cell is 97.1, noted ``rounded_as_shown``; the
    stored number stays on the document's cell)."""
    raw = cell.text or str(native)
    if is_rate:
        percent = "%" in (cell.number_format or "")
        rate = round(float(native) * 100, 6) if percent else float(native)
        notes: tuple[str, ...] = ()
        shown = parse_rate(cell.text).value if cell.text else None
        if shown is not None and abs(shown - rate) > 1e-9:  # the format rounds: the report is what it shows
            rate, notes = float(shown), ("rounded_as_shown",)
        notes += ("rate_over_100",) if rate > 100 else ()
        return ParsedNumber(value=rate, raw=raw, notes=notes)
    if float(native).is_integer():
        return ParsedNumber(value=int(native), raw=raw)
    return ParsedNumber(value=None, raw=raw, notes=("not_whole",))
