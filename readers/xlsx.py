"""XLSX appendices → one Table per visible sheet, typed values kept next to Vietnamese display text.

``data_only=True`` gives the cached result of formulas (a province often computes the rate
column as ``=B5/C5``).  ``Cell.text`` is written the way a Vietnamese reader sees it: decimal
comma, no thousands grouping (so "51608" can never be read as 51,608 vs 51.608), and a
percent-formatted 0.971 as "97,1%".  For percent cells we show the stored value (up to two
decimals) rather than the rounding of the display format: 0.9713 in a "0%" cell is 97,13%,
because the Ministry wants the province's figure, not Excel's rounding of it.

openpyxl's read-only mode does not expose merged ranges, so small workbooks (every real
appendix) are opened normally; only very large files fall back to read-only without spans.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from baocao.model import Cell, Document, Location, Source, Table
from readers import UnreadableDocument

READ_ONLY_ABOVE_BYTES = 8 * 1024 * 1024
_DECIMALS_RE = re.compile(r"0\.(0+)")
_LITERALS_RE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # "text", \x escapes, [colour]/[locale]


def is_percent_format(number_format: str | None) -> bool:
    """A real % operator multiplies by 100; a quoted or escaped "%" is just a character,
    as in '0.0"%"' which a province uses after typing 97,1 into the cell."""
    return "%" in _LITERALS_RE.sub("", number_format or "")


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _trim_number(value: float, decimals: int) -> str:
    text = f"{round(value, decimals):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace(".", ",")


def _format_decimals(number_format: str) -> int:
    match = _DECIMALS_RE.search(number_format)
    return len(match.group(1)) if match else 0


def _literal_percent(number_format: str) -> str:
    """Keep a quoted/escaped "%" of the format so '0.0"%"' shows 97,1 as "97,1%"."""
    literals = [lit for lit in _LITERALS_RE.findall(number_format) if not lit.startswith("[")]
    return "%" if any("%" in lit for lit in literals) else ""


def display_text(value: Any, number_format: str | None) -> str:
    """The cell as a Vietnamese reader sees it (see module docstring for the choices)."""
    fmt = number_format or "General"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Đúng" if value else "Sai"
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, int):
        return f"{value * 100}%" if is_percent_format(fmt) else str(value) + _literal_percent(fmt)
    if isinstance(value, float):
        if is_percent_format(fmt):
            return _trim_number(value * 100, max(_format_decimals(fmt), 2)) + "%"
        suffix = _literal_percent(fmt)
        if value.is_integer():
            return str(int(value)) + suffix
        return _trim_number(value, max(_format_decimals(fmt), 6)) + suffix
    return unicodedata.normalize("NFC", str(value))


def _merged_spans(ws) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    """Top-left (row, col) → (row_span, col_span), and the covered positions to skip."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    merged_cells = getattr(ws, "merged_cells", None)  # absent in read-only mode
    for merged in merged_cells.ranges if merged_cells is not None else []:
        spans[(merged.min_row, merged.min_col)] = (
            merged.max_row - merged.min_row + 1,
            merged.max_col - merged.min_col + 1,
        )
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if (r, c) != (merged.min_row, merged.min_col):
                    covered.add((r, c))
    return spans, covered


def _sheet_grid(ws) -> dict[tuple[int, int], tuple[Any, str | None]]:
    """Non-empty cells only: (row, col) → (value, number_format), 1-based like Excel."""
    grid: dict[tuple[int, int], tuple[Any, str | None]] = {}
    for row in ws.iter_rows():
        for cell in row:
            value = getattr(cell, "value", None)
            if not _is_empty(value):
                grid[(cell.row, cell.column)] = (value, getattr(cell, "number_format", None))
    return grid


def _read_sheet(ws, table_index: int) -> Table | None:
    grid = _sheet_grid(ws)
    if not grid:
        return None
    spans, covered = _merged_spans(ws)
    used_rows = sorted({r for r, _ in grid})
    used_cols = sorted({c for _, c in grid})
    col_index = {c: i for i, c in enumerate(used_cols)}
    rows: list[list[Cell]] = []
    for row_number in used_rows:
        row: list[Cell] = []
        for col_number in used_cols:
            if (row_number, col_number) in covered:
                continue
            value, number_format = grid.get((row_number, col_number), (None, None))
            row_span, col_span = spans.get((row_number, col_number), (1, 1))
            col = col_index[col_number]
            location = Location(
                sheet=ws.title,
                cell_ref=f"{get_column_letter(col_number)}{row_number}",
                table=table_index,
                row=len(rows),
                cell=col,
            )
            row.append(
                Cell(
                    text=display_text(value, number_format),
                    location=location,
                    col=col,
                    row_span=_count_used(used_rows, row_number, row_span),
                    col_span=_count_used(used_cols, col_number, col_span),
                    value=value,
                    number_format=number_format,
                )
            )
        rows.append(row)
    return Table(rows=rows, location=Location(sheet=ws.title, table=table_index))


def _count_used(used: list[int], start: int, span: int) -> int:
    """A span counted in kept rows/columns (empty ones are dropped from the table)."""
    if span == 1:
        return 1
    return max(1, sum(1 for n in used if start <= n < start + span))


def read_xlsx(path: Path, source: Source) -> Document:
    """Visible sheets in workbook order, one Table each; empty sheets are skipped."""
    read_only = path.stat().st_size > READ_ONLY_ABOVE_BYTES
    workbook = openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    try:
        sheets = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
        blocks = []
        for ws in sheets or workbook.worksheets:
            table = _read_sheet(ws, len(blocks))
            if table is not None:
                blocks.append(table)
    finally:
        workbook.close()
    if not blocks:
        raise UnreadableDocument("tệp Excel không có dữ liệu (mọi trang tính đều trống)")
    return Document(source=source, blocks=blocks)
