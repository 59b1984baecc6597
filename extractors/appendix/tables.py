"""One table to statements: each row goes to the layout reader that fits it."""

from __future__ import annotations

from baocao.model import Table
from extractors.appendix.cells import has_data, is_header_row, is_level_row, is_numeric_cell, is_stt_cell, is_total_row
from extractors.appendix.columns import columnar_row, fraction_columns, header_columns
from extractors.appendix.found import Found
from extractors.appendix.ministry import inline_row
from extractors.appendix.patterns import HEADER_SCAN_ROWS, MIN_REGISTER_TITLES, REGISTER_TITLE_RE, SUB_LINE_RE
from extractors.appendix.subrows import empty_columnar_row, figure_cells_empty, with_parent
from extractors.statements import read_statement
from gazetteer.indicators import fold


def with_nested(table: Table) -> list[Table]:
    """The table, then the tables nested in its cells (an appendix pasted into a frame)."""
    tables = [table]
    for row in table.rows:
        for cell in row:
            for nested in cell.nested_tables:
                tables.extend(with_nested(nested))
    return tables


def is_register(table: Table) -> bool:
    """A list of legal documents (Số, ký hiệu | Ngày ban hành | Trích yếu), not an appendix.

    Its summaries quote template wording ("hồ sơ số", "dịch vụ công trực tuyến toàn trình")
    beside a copies column of 1s: read as lines they made a province's "8a=1, 9a=1".
    """
    for row in table.rows[:HEADER_SCAN_ROWS]:
        titles = {fold(c.text) for c in row if len(c.text) < 60 and REGISTER_TITLE_RE.match(fold(c.text))}
        if len(titles) >= MIN_REGISTER_TITLES:
            return True
    return False


def header_key(table: Table) -> tuple[str, ...] | None:
    """The folded header row, to know a continuation of the appendix by its repeated header."""
    if not table.rows or not is_header_row(table.rows[0]):
        return None
    return tuple(fold(c.text) for c in sorted(table.rows[0], key=lambda c: c.col))


def matched_codes(found: list[Found]) -> int:
    codes = set()
    for item in found:
        match = item.match()
        if match.indicator is not None:
            codes.add(match.indicator.code)
    return len(codes)


def table_statements(table: Table) -> list[Found]:
    columns = header_columns(table)
    columns.fractions = fraction_columns(table, columns)
    found: list[Found] = []
    context_by_col: dict[float, str] = {}
    parent_by_col: dict[int, str] = {}  # last line in each column that was not a sub-line
    skipped = columns.remarks | columns.earlier_years | columns.area_parts
    for row in table.rows[columns.header_rows :]:
        cells = sorted(row, key=lambda c: c.col)
        body = [c for i, c in enumerate(cells) if not is_stt_cell(c, i) and c.text.strip() and c.col not in skipped]
        numeric = [c for c in body if is_numeric_cell(c)]
        texts = [c for c in body if not is_numeric_cell(c)]
        row_context = with_parent(texts, context_by_col, parent_by_col)
        if numeric and texts:
            found.extend(columnar_row(texts, numeric, columns, row_context, cells))
        elif texts and figure_cells_empty(cells, columns):
            figure_cols = columns.count | columns.rate
            labels = [c for c in texts if c.col not in figure_cols] or texts
            answered = len(labels) < len(texts)  # "KAD", "Không áp dụng", "N/A" in the figure columns
            raw = " | ".join(" ".join(c.text.split()) for c in texts)
            found.extend(empty_columnar_row(labels, row_context, "not_applicable" if answered else "empty", raw))
        else:
            found.extend(inline_row(texts, row_context))
        for cell in texts:
            if not has_data(cell.text):
                context_by_col[cell.col] = cell.text
            if not (SUB_LINE_RE.match(cell.text) or is_level_row(cell.text) or is_total_row(cell.text)):
                parent_by_col[cell.col] = read_statement(" ".join(cell.text.split())).label or cell.text
    return found
