"""Count/rate column layout: "STT | Nội dung | Số lượng | Tỉ lệ (%)" and its variants.

The header rows tell which column holds the count, the rate, the remarks, the
whole ("Tổng số"), earlier years or communes beside the area total; each data row
becomes one line (one per column group in a matrix).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from baocao.model import Cell, Table
from extractors.appendix.cells import (
    at_most_100,
    first,
    has_data,
    inherited_context,
    is_count_header,
    is_header_row,
    is_numeric_cell,
    is_rate_header,
    row_has_figures,
)
from extractors.appendix.found import Found
from extractors.appendix.patterns import (
    AREA_TOTAL_RE,
    FOOTNOTE_REF_RE,
    HEADER_SCAN_ROWS,
    MAX_LABEL_CHARS,
    MAX_YEAR_TITLE_CHARS,
    NEGATIVE_RE,
    NON_PART_TITLES,
    PERCENT_TITLE_RE,
    PLAN_TITLE_RE,
    REMARK_RATE_RE,
    SIDE_COLUMN_TITLES,
    UNIT_TITLES,
    YEAR_HEADER_RE,
    YEAR_RE,
)
from extractors.appendix.spreadsheet import read_native
from extractors.statements import Reading, read_statement
from gazetteer.indicators import fold, match_label
from normalizers.numbers import ParsedNumber, parse_count, parse_rate


@dataclass
class Columns:
    count: set[int] = field(default_factory=set)
    rate: set[int] = field(default_factory=set)
    remarks: set[int] = field(default_factory=set)  # "Ghi chú" columns, never a label
    total: set[int] = field(default_factory=set)  # "Tổng số" beside "Số đạt": the denominator
    earlier_years: set[int] = field(default_factory=set)  # "Năm 2022".."Năm 2024" beside "Năm 2025"
    area_parts: set[int] = field(default_factory=set)  # "Xã A | Xã B" beside a "Toàn huyện" column
    fractions: set[int] = field(default_factory=set)  # rate columns holding 0.985 for 98,5%
    units: set[int] = field(default_factory=set)  # "Đơn vị tính": "%" there makes the figure a rate
    groups: dict[int, str] = field(default_factory=dict)  # matrix: column -> "Giáo viên" spanning it
    header_rows: int = 0


def header_columns(table: Table) -> Columns:
    """Find "Số lượng" / "Tỉ lệ" columns in the header rows at the top, if any.

    Header rows are the leading rows with no numbers whose cells are short titles
    ("STT", "Nội dung", "Số lượng", "Tỉ lệ (%)"); the first data row ends them.
    """
    columns = Columns()
    in_header = False
    for index, row in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        if not is_header_row(row):
            if in_header or row_has_figures(row):
                break
            continue  # a title row above the header ("UBND TỈNH ...", "BIỂU SỐ LIỆU ...")
        in_header = True
        count_cols = {c.col for c in row if is_count_header(c.text)}
        rate_cols = {c.col for c in row if is_rate_header(c.text)}
        columns.rate |= rate_cols - count_cols  # "Số lượng/Tỉ lệ": both, decided per cell by "%"
        columns.count |= count_cols - rate_cols
        columns.remarks |= {c.col for c in row if fold(c.text).strip() in SIDE_COLUMN_TITLES}
        columns.remarks |= {c.col for c in row if PLAN_TITLE_RE.match(fold(c.text))}
        columns.units |= {c.col for c in row if fold(c.text).strip() in UNIT_TITLES}
        columns.total |= {c.col for c in row if is_total_header(c.text)}
        year_columns(row, columns)
        area_columns(row, columns)
        column_groups(row, columns)
        columns.header_rows = index + 1
    columns.groups = {col: g for col, g in columns.groups.items() if col not in columns.earlier_years}
    if len(set(columns.groups.values())) < 2:
        columns.groups = {}
    if columns.count - columns.total:
        columns.count -= columns.total
    else:
        columns.total = set()  # a lone "Tổng số" column is the count itself
    return columns


def column_groups(row: list[Cell], columns: Columns) -> None:
    """Header cells spanning several figure columns that name who is counted ("Giáo viên").

    A spanning "Kết quả" over "Số lượng | Tỉ lệ" is a title, not a group.
    """
    for cell in row:
        if cell.col_span >= 2 and not (is_count_header(cell.text) or is_rate_header(cell.text)):
            for col in range(cell.col, cell.col + cell.col_span):
                columns.groups[col] = cell.text


def year_columns(row: list[Cell], columns: Columns) -> None:
    """A time series ("Năm 2022 | ... | Năm 2025"): the template asks for the latest figure."""
    cells = {c.col: c for c in row}
    years = {c.col: int(m.group(1)) for c in row if (m := YEAR_HEADER_RE.match(c.text))}
    if len(years) < 2:
        titled_year_columns(row, columns)
        return
    latest = max(years, key=lambda col: (years[col], col))
    if cells[latest].col_span < 2:
        columns.count.add(latest)  # a spanning "Năm 2025" has its own "Số lượng | Tỉ lệ" below
    for col in set(years) - {latest}:
        columns.earlier_years |= set(range(col, col + max(cells[col].col_span, 1)))


def titled_year_columns(row: list[Cell], columns: Columns) -> None:
    """Years inside the titles: "Số lượng năm 2024 | Tỉ lệ năm 2024 (%) | Số lượng năm 2025 | ...",
    "Thực hiện 2024 | Thực hiện 2025", "2024 | 2025 (ước)": columns of earlier years are skipped."""
    titled = {c.col: year for c in row if (year := title_year(c.text)) is not None}
    if len(set(titled.values())) < 2:
        return
    latest = max(titled.values())
    for cell in row:
        if cell.col not in titled:
            continue
        if titled[cell.col] < latest:
            columns.earlier_years |= set(range(cell.col, cell.col + max(cell.col_span, 1)))
        elif cell.col_span < 2 and not (is_count_header(cell.text) or is_rate_header(cell.text)):
            columns.count.add(cell.col)


def title_year(text: str) -> int | None:
    """The (latest) year a short column title names; plan/target and remark columns name none."""
    folded = fold(text)
    if len(text) > MAX_YEAR_TITLE_CHARS or PLAN_TITLE_RE.match(folded) or folded.strip() in SIDE_COLUMN_TITLES:
        return None
    years = [int(y) for y in YEAR_RE.findall(text)]
    return max(years) if years else None


def area_columns(row: list[Cell], columns: Columns) -> None:
    """Figures per commune/district/school beside a "Toàn huyện"/"Tổng cộng" column.

    A report compiled from lower units keeps each unit's column; the template asks
    for the whole area's figure, so only the total column is read and the parts are
    skipped (note ``area_total_column``).
    """
    titles = {c.col: fold(c.text) for c in row if c.text.strip()}
    totals = [col for col, text in titles.items() if AREA_TOTAL_RE.match(text)]
    if len(totals) != 1:
        return
    parts = {
        col
        for col, text in titles.items()
        if col != totals[0] and not any(f" {t} " in text for t in NON_PART_TITLES)
        and not is_rate_header(text) and not is_count_header(text)
    }
    if len(parts) >= 2:
        columns.count.add(totals[0])
        columns.area_parts |= parts


def is_total_header(text: str) -> bool:
    """"Tổng số" / "Tổng số GV" as a column title: the whole, next to a "Số đạt" column."""
    folded = fold(text)
    return len(folded) < 30 and folded.startswith(" tong so ") and " dat " not in folded


def columnar_row(
    texts: list[Cell],
    numeric: list[Cell],
    columns: Columns,
    context_by_col: dict[float, str],
    row_cells: tuple[Cell, ...] | list[Cell] = (),
) -> list[Found]:
    """One line per row; in a matrix (column groups "Giáo viên" | "Học sinh") one per group."""
    groups = list(dict.fromkeys(columns.groups[c.col] for c in numeric if c.col in columns.groups))
    if len(groups) < 2:
        return columnar_line(texts, numeric, columns, context_by_col, row_cells)
    found = []
    for group in groups:
        subset = [c for c in numeric if columns.groups.get(c.col) == group]
        found.extend(columnar_line(texts, subset, columns, context_by_col, row_cells, group=group))
    return found


def columnar_line(
    texts: list[Cell],
    numeric: list[Cell],
    columns: Columns,
    context_by_col: dict[float, str],
    row_cells: tuple[Cell, ...] | list[Cell] = (),
    group: str = "",
) -> list[Found]:
    label_cells = [c for c in texts if not has_data(c.text)] or texts
    label_cell = best_label_cell(texts) or label_cells[-1]
    others = [c.text for c in reversed(label_cells) if c is not label_cell]
    contexts = (*others, inherited_context(label_cell, context_by_col))
    value_cell, rate_cell, notes = assign_roles(numeric, columns)
    if value_cell is not None and rate_cell is None and (
        unit_is_percent(row_cells, columns) or (label_is_rate(label_cell.text) and at_most_100(value_cell))
    ):
        value_cell, rate_cell = None, value_cell  # | Tỉ lệ GV có máy tính | % | 98,5 |
    if columns.earlier_years:
        notes.append("latest_year_column")
    if columns.area_parts:
        notes.append("area_total_column")
    inline = [read_statement(" ".join(c.text.split())) for c in texts]
    label_reading = read_statement(" ".join(label_cell.text.split()))
    value = read_cell(value_cell, is_rate=False) if value_cell else first(r.value for r in inline)
    if rate_cell:
        rate = read_cell(rate_cell, is_rate=True, fraction=rate_cell.col in columns.fractions)
    else:
        rate = first(r.rate for r in inline) or rate_in_remarks(row_cells, columns, notes)
    label = label_reading.label or " ".join(label_cell.text.split())
    reading = Reading(
        label=f"{' '.join(group.split())} {label}" if group else label,
        value=value,
        rate=rate,
        notes=[n for r in inline for n in r.notes] + notes,
        names=label_reading.names,
    )
    raw = " | ".join(c.text.replace("\n", " ") for c in sorted([*texts, *numeric], key=lambda c: c.col))
    location = numeric[0].location if group and numeric else label_cell.location
    return [Found(reading, f"{group}: {raw}" if group else raw, location, contexts)]


def best_label_cell(texts: list[Cell]) -> Cell | None:
    """The cell that names the line best; a short unit cell ("nền tảng") loses to a label.

    An item's wording merged down beside its sub-lines ("Số lượng nhà giáo ... máy tính/
    đường truyền Internet/ phần mềm ...") names every sub-line at once: it is their heading,
    never the label, whenever a sub-line cell of the row names a line itself.
    """
    scored = []
    for cell in texts:
        match = match_label(cell.text)
        if match.indicator is not None:
            scored.append((match.score, len(cell.text), cell))
    own = [item for item in scored if not is_item_wording(item[2])]
    return max(own or scored, key=lambda item: (item[0], item[1]))[2] if scored else None


def is_item_wording(cell: Cell) -> bool:
    """A heading cell: merged down over several rows, or the Ministry's long item wording."""
    return cell.row_span > 1 or len(" ".join(cell.text.split())) > MAX_LABEL_CHARS


def rate_in_remarks(cells: list[Cell] | tuple[Cell, ...], columns: Columns, notes: list[str]) -> ParsedNumber | None:
    """"Đạt 97%" typed in the "Ghi chú" column when the table has no rate column."""
    if columns.rate:
        return None
    for cell in cells:
        if cell.col in columns.remarks and REMARK_RATE_RE.match(cell.text):
            notes.append("rate_from_remarks")
            return parse_rate(REMARK_RATE_RE.match(cell.text).group("rate"))
    return None


def label_is_rate(text: str) -> bool:
    """A row titled "Tỉ lệ ..." or "... (%)": its lone figure is a rate, whatever the column says."""
    folded = fold(text)
    return folded.startswith((" ti le ", " ti trong ")) or bool(PERCENT_TITLE_RE.search(text))


def unit_is_percent(cells: list[Cell], columns: Columns) -> bool:
    return any(c.col in columns.units and c.text.strip() in ("%", "(%)") for c in cells)


def assign_roles(numeric: list[Cell], columns: Columns) -> tuple[Cell | None, Cell | None, list[str]]:
    """Which figure is the count and which the rate: by header, "%" sign or format.

    Without a header, a second plain figure of at most 100 after the count is taken
    as the rate, with a note so the guess is visible.
    """
    value_cell = rate_cell = None
    notes: list[str] = []
    for cell in numeric:
        if cell.col in columns.total:
            notes.append("value_of_total:" + " ".join(cell.text.split()))
            continue
        marked_rate = "%" in cell.text or "%" in (cell.number_format or "")
        # A typed "%" wins over a generic "Kết quả" column title; a format alone does not.
        is_rate = "%" in cell.text or ((cell.col in columns.rate or marked_rate) and cell.col not in columns.count)
        if is_rate and rate_cell is None:
            rate_cell = cell
        elif not is_rate and value_cell is None:
            value_cell = cell
        elif rate_cell is None and not (columns.rate or columns.count) and len(numeric) == 2 and at_most_100(cell):
            rate_cell = cell
            notes.append("rate_column_guessed")
    if len([c for c in numeric if c.col not in columns.total]) > 2 and not (columns.rate or columns.count):
        notes.append("several_figures")  # a breakdown (by level, by year) with no column titles
    return value_cell, rate_cell, notes


def read_cell(cell: Cell, *, is_rate: bool, fraction: bool = False) -> ParsedNumber:
    native = cell.value
    if isinstance(native, int | float) and not isinstance(native, bool):
        reading = read_native(native, cell, is_rate=is_rate)
    else:
        text = " ".join(cell.text.split())
        if NEGATIVE_RE.match(text):  # "-12": kept as written so the checks can flag it
            reading = read_cell(replace(cell, text=NEGATIVE_RE.sub("", text)), is_rate=is_rate, fraction=fraction)
            negated = -reading.value if reading.value is not None else None
            return ParsedNumber(negated, cell.text, (*reading.notes, "negative"))
        if FOOTNOTE_REF_RE.search(text):  # "97(*)", "36.000[1]": a remark mark, not a digit
            text = FOOTNOTE_REF_RE.sub("", text)
            reading = parse_rate(text) if is_rate else parse_count(text)
            reading = ParsedNumber(reading.value, cell.text, (*reading.notes, "footnote_mark"))
        else:
            reading = parse_rate(text) if is_rate else parse_count(text)
    if is_rate and fraction and reading.value is not None and "%" not in cell.text:
        return ParsedNumber(round(reading.value * 100, 6), reading.raw, (*reading.notes, "fraction_scaled"))
    return reading


def fraction_columns(table: Table, columns: Columns) -> set[int]:
    """Rate columns where every figure is within 0..1 and some are fractions (0.985, 0.452).

    Spreadsheets pasted as values lose the % format: a "Tỉ lệ (%)" column of 0.985,
    0.958, 1 is 98,5 %, 95,8 %, 100 %; read as percent it would be under 1 % everywhere.
    """
    fractions = set()
    for col in columns.rate:
        rates = [plain_rate(c) for row in table.rows[columns.header_rows :] for c in row if c.col == col]
        rates = [r for r in rates if r is not None]
        if len(rates) >= 2 and all(0 <= r <= 1 for r in rates) and any(0 < r < 1 for r in rates):
            fractions.add(col)
    return fractions


def plain_rate(cell: Cell) -> float | None:
    """A rate cell's number as typed, unless a "%" (sign or format) already says how to read it."""
    if "%" in cell.text or "%" in (cell.number_format or ""):
        return None
    native = cell.value
    if isinstance(native, int | float) and not isinstance(native, bool):
        return float(native)
    return parse_rate(cell.text).value if is_numeric_cell(cell) else None
