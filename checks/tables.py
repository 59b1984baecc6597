"""Totals rows of the body's own tables (family "body", code body_breakdown_mismatch).

Reports put small tables in the body ("STT | Cấp | Số lượng máy tính ... | Tổng số |
42.567").  A "Tổng số"/"Cộng" row must equal the sum of the rows above it, column by
column.  Conservative: only count columns, only when every row between the header and
the total has a number in that column and no subtotal row sits in between, and never
the appendix table itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from baocao.model import Cell, Document, Extraction, Flag, Table
from checks.registry import format_number, make_flag
from normalizers.numbers import parse_count
from normalizers.text import TOTAL_LABEL_RE

_NOT_A_SUM = re.compile(r"t[ỉỷ]\s*l[ệe]|%|bình\s+quân|trung\s+bình|\bnăm\b|\bS?TT\b", re.IGNORECASE)
MAX_HEADER_ROWS = 3  # numbers must run from just below the header down to the total


@dataclass
class ColumnTotal:
    table: Table
    column: int
    header: str
    total_cell: Cell
    total: int
    parts: list[int]


def _count(cell: Cell | None) -> int | None:
    """A whole count in a cell ("42.567", "3836"); None for text, rates, dates."""
    if cell is None or "%" in cell.text:
        return None
    parsed = parse_count(cell.text)
    if parsed.value is None or any(n in parsed.notes for n in ("extra_text", "approximate")):
        return None
    return int(parsed.value)


def _cell_at(row: list[Cell], column: int) -> Cell | None:
    return next((c for c in row if c.col <= column < c.col + c.col_span), None)


def _is_total_row(row: list[Cell]) -> bool:
    return any(TOTAL_LABEL_RE.match(c.text) for c in row)


def _column_total(table: Table, total_index: int, cell: Cell) -> ColumnTotal | None:
    total = _count(cell)
    if total is None:
        return None
    parts: list[int] = []
    index = total_index - 1
    while index >= 0:
        row = table.rows[index]
        if _is_total_row(row):
            return None  # a subtotal above: which rows it sums is not ours to guess
        value = _count(_cell_at(row, cell.col))
        if value is None:
            break
        parts.append(value)
        index -= 1
    if len(parts) < 2 or index >= MAX_HEADER_ROWS or (index < 0 and parts):
        return None  # not a clean "header, numbers, total" column
    header = _cell_at(table.rows[index], cell.col)
    if header is None or not header.text.strip() or _NOT_A_SUM.search(header.text):
        return None  # no header (a gap row), or rates, averages, years, ordinals
    return ColumnTotal(table, cell.col, header.text.strip() if header else "", cell, total, parts[::-1])


def find_column_totals(table: Table) -> list[ColumnTotal]:
    found = []
    for index, row in enumerate(table.rows):
        if not _is_total_row(row):
            continue
        for cell in row:
            if TOTAL_LABEL_RE.match(cell.text):
                continue
            column_total = _column_total(table, index, cell)
            if column_total is not None:
                found.append(column_total)
    return found


def _appendix_tables(extraction: Extraction) -> set[tuple[int | None, int | None]]:
    return {(x.location.part, x.location.table) for x in extraction.indicators if x.location.table is not None}


def _flag(found: ColumnTotal) -> Flag:
    parts_sum = sum(found.parts)
    column = f" cột \"{found.header}\"" if found.header else ""
    return make_flag(
        "body_breakdown_mismatch",
        f"Bảng trong phần lời,{column}: dòng tổng ghi {format_number(found.total)} nhưng "
        f"{len(found.parts)} dòng phía trên cộng lại {format_number(parts_sum)} "
        f"(lệch {format_number(parts_sum - found.total)}).",
        evidence={
            "kind": "table",
            "column": found.header,
            "total": found.total,
            "parts": [{"value": v} for v in found.parts],
            "parts_sum": parts_sum,
            "difference": parts_sum - found.total,
        },
        location=found.total_cell.location,
    )


def table_total_mismatch(document: Document | None, extraction: Extraction) -> list[Flag]:
    if document is None:
        return []
    skip = _appendix_tables(extraction)
    flags = []
    for table in document.tables():
        if (table.location.part, table.location.table) in skip:
            continue
        for found in find_column_totals(table):
            if sum(found.parts) != found.total:
                flags.append(_flag(found))
    return flags
