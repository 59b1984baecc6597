"""Appendix 2 ("Biểu số liệu thống kê") extraction from the document model.

Reports lay the appendix out in many ways: the Ministry's 3-column table with all
sub-lines inside one cell, 4-5 column tables with separate "Số lượng"/"Tỉ lệ"
columns, one row per sub-line under vertically merged headings, Excel sheets, or
plain paragraphs.  Rather than one parser per layout, every layout is reduced to
*statements* (a label with a count and/or a rate, plus its location) and each
statement is matched to the indicator catalog in ``gazetteer/indicators.toml``.

Only tables that clearly are the appendix (several catalog lines matched) and
paragraphs after an appendix heading are read, so body sentences such as "có 6987
hồ sơ ... đạt 99,3%" are not mistaken for appendix values (the checks compare them).
When a qualifying table sits under a "Phụ lục"/"Biểu số liệu" heading, qualifying
tables before the heading (figures by school level in the body) are dropped; a later
table with the same header row is the appendix continued after a page break.

Notes this module (and ``statements``) put on an ``IndicatorValue`` besides the
normalizer's (``dot_leader``, ``english_grouping``, ``rate_approximate``...):

- ``empty``: the template line is there with no figure (value and rate null).
- ``rate_column_guessed``: no column titles; a second figure <= 100 taken as the rate.
- ``several_figures``: more than two figures and no column titles (a breakdown by
  level or year?); the first is kept as the count. Worth a flag.
- ``value_of_total:<whole>``: "12.345/12.530" or a "Tổng số" column beside "Số đạt";
  the part is the value, the whole is kept here.
- ``area_total_column``: columns per commune/unit beside a "Toàn huyện"/"Tổng cộng"
  column; only the total column is read.
- ``value_before_label`` (statements): "- 3.100 giáo viên có máy tính (đạt 97%)".
- ``value_in_parentheses``: also a count with its unit inside a label, "(3.100 người)".
- ``ambiguous_label:1b``: also "giáo viên/giảng viên" copied unchosen (read as 1a).
- ``negative`` (``rate_negative``): a figure cell typed "-12": kept negative for the checks.
- ``not_applicable``: also a row whose figure columns say "KAD", "Không áp dụng", "N/A".
- ``rate_from_remarks``: no rate column; "Đạt 97%" in the "Ghi chú" column taken as the rate.
- ``latest_year_column``: year columns ("Năm 2022 ... Năm 2025"); the latest one is read.
- ``rate_fraction_scaled``: a rate column of 0..1 fractions without a % format
  (0.985 → 98.5). Worth a flag: a column of genuinely tiny rates would be misread.
- ``halves_merged``: count and rate of one line came from two rows/lines and were joined.
- ``footnote_mark``: superscript footnote digits ("12.345²") were dropped.
- ``rate_without_percent_sign``, ``value_after_rate_marker``, ``several_rates``,
  ``duplicate_code:<code>``, ``ambiguous_label:<codes>``: see the code below.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import regex

from baocao.model import Cell, Document, IndicatorValue, Location, Paragraph, Table
from extractors.statements import NUMBER, Reading, read_statement, split_statements
from gazetteer.indicators import Indicator, Match, by_code, fold, match_label
from normalizers.numbers import ParsedNumber, parse_count, parse_rate

MIN_TABLE_MATCHES = 3  # a body table ("Số lượng máy tính" per level) matches 0-1 lines
# Columns that never hold the line's label: remarks, sources, units ("ĐVT": "nền tảng").
_UNIT_TITLES = ("don vi tinh", "dvt", "don vi", "don vi tinh dvt")
_SIDE_COLUMN_TITLES = ("ghi chu", "nguon", "minh chung", "don vi tinh", "dvt", "don vi", "don vi tinh dvt")
HEADER_SCAN_ROWS = 8  # sheets put a letterhead and title above the header row
MAX_STATEMENT_CHARS = 400  # template lines are under ~250 characters; longer is prose
MAX_EMPTY_LABEL_CHARS = 150  # longer label rows are section headings, not template lines

# A heading that opens an appendix: "Phụ lục 2", "PHỤ LỤC:", "BIỂU SỐ LIỆU THỐNG KÊ ...".
# Only short paragraphs that start with it: body sentences also mention "Phụ lục 2".
_HEADING_RE = regex.compile(r"^\s*(?:phụ\s+lục|biểu\s+số\s+liệu|biểu\s+thống\s+kê)", regex.I)
_NEXT_APPENDIX_RE = regex.compile(r"^\s*phụ\s+lục\b", regex.I)
# A long report's own section for the figures: "II. SỐ LIỆU THỐNG KÊ THEO BIỂU MẪU", "Phần 3. Số
# liệu thống kê". Numbered and short, so a sentence "Số liệu thống kê cho thấy..." never opens one;
# such a region ends at the next heading numbered the same way ("III. KIẾN NGHỊ").
_SECTION_HEADING_RE = regex.compile(
    r"^\s*(?:phần\s+)?(?P<number>[IVX]{1,4}|\d{1,2})\s*[.):\-–]\s*"
    r"(?:các\s+)?(?:số\s+liệu\s+thống\s+kê|biểu\s+số\s+liệu|phụ\s+lục|kết\s+quả\s+thống\s+kê)",
    regex.I,
)
MAX_SECTION_HEADING_CHARS = 90
MAX_HEADING_CHARS = 160
_BLANK_LINE_RE = regex.compile(r"^[-–+•*]\s*\p{L}")
_RATE_WORDS_RE = regex.compile(r"(?:đạt|tỉ\s*lệ|tỷ\s*lệ)\s*:?\s*%?\s*$", regex.I)
_NUMBERED_HEADING_RE = regex.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4})[.)]\s")
# A figure cell may open with a bound or estimate ("khoảng 1.500", "trên 95", "~ 90%"):
# the normalizer keeps the figure with an ``approximate`` note.
_APPROX_PREFIX = r"(?:(?i:khoảng|gần|trên|dưới|hơn|ước\s+tính|ước|xấp\s+xỉ)\s+|[~≈]\s*)?"
_NUMERIC_CELL_RE = regex.compile(
    r"^\s*" + _APPROX_PREFIX + r"(?:" + NUMBER + r"|[.…_]{2,}[\d.,]*)\s*[.,]?\s*%?\s*$"
)
_STT_RE = regex.compile(r"^\s*(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})?|[a-zđ])\s*[.)]?\s*$")
# "Năm 2025", "2024", "Năm học 2024-2025", "Tính đến 31/10/2025": a column per period.
_YEAR_HEADER_RE = regex.compile(
    r"^\s*(?:năm(?:\s+học)?\s+|tính\s+đến\s+(?:\S+\s+)?)?(?:20\d\d\s*[-–]\s*)?(20\d\d)\s*$", regex.I
)
_SUB_LINE_RE = regex.compile(r"^\s*(?:[-–+•*]|(?i:trong\s+đó)|[a-zđ]\)|\p{Ll})")
_YEAR_RE = regex.compile(r"(?<!\d)20\d\d(?!\d)")  # "Tỉ lệ 2025 (%)" is a column title, not a rate
_GROUPED_RE = regex.compile(r"\d[.,]\d{3}(?!\d)")
# "Toàn huyện", "Toàn tỉnh", "Tổng cộng", "Cộng", "Toàn ngành": the whole area's column.
_AREA_TOTAL_RE = regex.compile(
    r"^ (?:toan (?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|nganh|don vi)|tong cong|cong|tong|chung)"
    r"(?: toan (?:tinh|huyen|xa|nganh))? $"
)
# "Kế hoạch năm 2025", "Chỉ tiêu KH", "Mục tiêu": the target beside "Thực hiện", never the result.
_PLAN_TITLE_RE = regex.compile(r"^ (?:ke hoach|chi tieu ke hoach|chi tieu kh|muc tieu|kh)(?: |$)")
_LEVEL_ROW_RE = regex.compile(
    r"^ (?:trong do )?(?:cap |khoi |bac |hoc sinh |hs )?(?:mam non|nha tre|mau giao|tieu hoc|th|thcs|thpt|gdtx"
    r"|trung hoc co so|trung hoc pho thong|giao duc thuong xuyen|gdnn gdtx|truc thuoc so|cong lap|ngoai cong lap)"
    r"(?: \d+)? $"
)
_FOOTNOTE_REF_RE = regex.compile(r"\s*(?:\(\*{1,3}\)|\[\d{1,2}\]|\*{1,3})\s*$")
# A figure cell answered without a figure: "KAD", "Không áp dụng", "N/A", "--", "x".
_NO_FIGURE_RE = regex.compile(
    r"^\s*(?:-+|–|—|x|kad|kxđ|kxd|n/?a|k/?c|(?:không|chưa)(?:\s+\p{L}+){0,3})\s*\.?\s*$", regex.I
)
_NEGATIVE_RE = regex.compile(r"^\s*[-−](?=\d)")
# A remark that is only a rate: "Đạt 97%", "Tỉ lệ: 95,4%", "(41%)".
_REMARK_RATE_RE = regex.compile(
    r"^\s*\(?\s*(?:(?:đạt|tỉ\s*lệ|tỷ\s*lệ)\s*:?\s*)?(?P<rate>" + NUMBER + r"\s*%)\s*\)?\s*\.?\s*$", regex.I
)
_MEASURE_WORDS = ("so luong", "sl", "so lieu", "ket qua", "gia tri", "tong so", "so")
_NON_PART_TITLES = ("stt", "tt", "noi dung", "chi tieu", "ghi chu", "don vi", "dvt", "nguon", "minh chung")
_NAME_HINTS = ("nêu rõ tên", "nếu có", "ghi rõ")


@dataclass
class Found:
    """A statement read from the document, before catalog matching."""

    reading: Reading
    raw: str
    location: Location
    contexts: tuple[str, ...] = ()  # nearest heading first, for lines that need them
    from_table: bool = True
    notes: list[str] = field(default_factory=list)

    def match(self) -> Match:
        return match_label(self.reading.label, *self.contexts)

    @property
    def label(self) -> str:
        """The line's own words, or its heading when the line is only a figure."""
        if self.reading.label:
            return self.reading.label
        return next((" ".join(c.split()) for c in self.contexts if c and c.strip()), "")


def extract_indicators(document: Document) -> list[IndicatorValue]:
    accepted: list[tuple[bool, list[Found]]] = []  # (after an appendix heading, statements)
    appendix_headers: set[tuple[str, ...]] = set()
    after_heading = False
    continuing = False  # inside an appendix whose first table was accepted: section tables follow
    for block in document.blocks:
        if isinstance(block, Paragraph) and (_is_heading(block) or len(block.text) > MAX_HEADING_CHARS):
            after_heading = after_heading or _is_heading(block)
            continuing = False  # a new appendix, or body prose: the next table must qualify alone
        if not isinstance(block, Table):
            continue
        for table in _with_nested(block):
            found = _table_statements(table)
            codes = _matched_codes(found)
            if codes < MIN_TABLE_MATCHES and (wide := _transposed(table)) is not None:
                found = _table_statements(wide)
                codes = _matched_codes(found)
            header = _header_key(table)
            continued = codes and (continuing or (header is not None and header in appendix_headers))
            if codes >= MIN_TABLE_MATCHES or continued:
                accepted.append((after_heading, found))  # the appendix, or its part after a page break
                continuing = after_heading
                if header is not None:
                    appendix_headers.add(header)
                break  # a frame's nested tables are its own text again
    # A body table (figures by school level) also names catalog lines; under a "Phụ lục"
    # heading is where the appendix is, so tables before it are dropped when one follows it.
    if any(after for after, _ in accepted):
        accepted = [(after, found) for after, found in accepted if after]
    table_found = [item for _, found in accepted for item in found]
    prose_found = _prose_statements(document)
    return _to_values(table_found, prose_found)


def _transposed(table: Table) -> Table | None:
    """A sheet with one column per indicator and one row per unit, read as a line per column.

    | Đơn vị | Giáo viên có máy tính | Tỉ lệ GV có máy tính (%) | ... |
    | Huyện A | 400 | 97,6 | ... |
    | Tổng cộng | 1.180 | 98,3 | ... |   -> the total row (or the only row) is the report's
    """
    for index, header in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        titled = [c for c in header if match_label(c.text).indicator is not None]
        if len(titled) < MIN_TABLE_MATCHES:
            continue
        data = [row for row in table.rows[index + 1 :] if _row_has_figures(row)]
        totals = [row for row in data if any(_is_total_row(c.text) for c in row if not _is_numeric_cell(c))]
        chosen = totals[-1] if totals else (data[0] if len(data) == 1 else None)
        if chosen is None:
            return None
        by_col = {c.col: c for c in chosen}
        rows = [[Cell("Nội dung", table.location, col=0), Cell("Kết quả", table.location, col=1)]]
        for title in header:
            figure = by_col.get(title.col)
            if figure is not None and _is_numeric_cell(figure):
                rows.append([Cell(title.text, title.location, col=0), replace(figure, col=1)])
        return Table(rows=rows, location=table.location)
    return None


def _with_nested(table: Table) -> list[Table]:
    """The table, then the tables nested in its cells (an appendix pasted into a frame)."""
    tables = [table]
    for row in table.rows:
        for cell in row:
            for nested in cell.nested_tables:
                tables.extend(_with_nested(nested))
    return tables


def _header_key(table: Table) -> tuple[str, ...] | None:
    """The folded header row, to know a continuation of the appendix by its repeated header."""
    if not table.rows or not _is_header_row(table.rows[0]):
        return None
    return tuple(fold(c.text) for c in sorted(table.rows[0], key=lambda c: c.col))


def _matched_codes(found: list[Found]) -> int:
    codes = set()
    for item in found:
        match = item.match()
        if match.indicator is not None:
            codes.add(match.indicator.code)
    return len(codes)


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


@dataclass
class _Columns:
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


def _header_columns(table: Table) -> _Columns:
    """Find "Số lượng" / "Tỉ lệ" columns in the header rows at the top, if any.

    Header rows are the leading rows with no numbers whose cells are short titles
    ("STT", "Nội dung", "Số lượng", "Tỉ lệ (%)"); the first data row ends them.
    """
    columns = _Columns()
    in_header = False
    for index, row in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        if not _is_header_row(row):
            if in_header or _row_has_figures(row):
                break
            continue  # a title row above the header ("UBND TỈNH ...", "BIỂU SỐ LIỆU ...")
        in_header = True
        count_cols = {c.col for c in row if _is_count_header(c.text)}
        rate_cols = {c.col for c in row if _is_rate_header(c.text)}
        columns.rate |= rate_cols - count_cols  # "Số lượng/Tỉ lệ": both, decided per cell by "%"
        columns.count |= count_cols - rate_cols
        columns.remarks |= {c.col for c in row if fold(c.text).strip() in _SIDE_COLUMN_TITLES}
        columns.remarks |= {c.col for c in row if _PLAN_TITLE_RE.match(fold(c.text))}
        columns.units |= {c.col for c in row if fold(c.text).strip() in _UNIT_TITLES}
        columns.total |= {c.col for c in row if _is_total_header(c.text)}
        _year_columns(row, columns)
        _area_columns(row, columns)
        _column_groups(row, columns)
        columns.header_rows = index + 1
    columns.groups = {col: g for col, g in columns.groups.items() if col not in columns.earlier_years}
    if len(set(columns.groups.values())) < 2:
        columns.groups = {}
    if columns.count - columns.total:
        columns.count -= columns.total
    else:
        columns.total = set()  # a lone "Tổng số" column is the count itself
    return columns


def _column_groups(row: list[Cell], columns: _Columns) -> None:
    """Header cells spanning several figure columns that name who is counted ("Giáo viên").

    A spanning "Kết quả" over "Số lượng | Tỉ lệ" is a title, not a group.
    """
    for cell in row:
        if cell.col_span >= 2 and not (_is_count_header(cell.text) or _is_rate_header(cell.text)):
            for col in range(cell.col, cell.col + cell.col_span):
                columns.groups[col] = cell.text


def _year_columns(row: list[Cell], columns: _Columns) -> None:
    """A time series ("Năm 2022 | ... | Năm 2025"): the template asks for the latest figure."""
    cells = {c.col: c for c in row}
    years = {c.col: int(m.group(1)) for c in row if (m := _YEAR_HEADER_RE.match(c.text))}
    if len(years) < 2:
        return
    latest = max(years, key=lambda col: (years[col], col))
    if cells[latest].col_span < 2:
        columns.count.add(latest)  # a spanning "Năm 2025" has its own "Số lượng | Tỉ lệ" below
    for col in set(years) - {latest}:
        columns.earlier_years |= set(range(col, col + max(cells[col].col_span, 1)))


def _area_columns(row: list[Cell], columns: _Columns) -> None:
    """Figures per commune/district/school beside a "Toàn huyện"/"Tổng cộng" column.

    A report compiled from lower units keeps each unit's column; the template asks
    for the whole area's figure, so only the total column is read and the parts are
    skipped (note ``area_total_column``).
    """
    titles = {c.col: fold(c.text) for c in row if c.text.strip()}
    totals = [col for col, text in titles.items() if _AREA_TOTAL_RE.match(text)]
    if len(totals) != 1:
        return
    parts = {
        col
        for col, text in titles.items()
        if col != totals[0] and not any(f" {t} " in text for t in _NON_PART_TITLES)
        and not _is_rate_header(text) and not _is_count_header(text)
    }
    if len(parts) >= 2:
        columns.count.add(totals[0])
        columns.area_parts |= parts


def _is_total_header(text: str) -> bool:
    """"Tổng số" / "Tổng số GV" as a column title: the whole, next to a "Số đạt" column."""
    folded = fold(text)
    return len(folded) < 30 and folded.startswith(" tong so ") and " dat " not in folded


def _row_has_figures(row: list[Cell]) -> bool:
    return any(_is_numeric_cell(c) for i, c in enumerate(row) if not _is_stt_cell(c, i))


def _is_header_row(row: list[Cell]) -> bool:
    texts = [fold(c.text) for c in row if c.text.strip()]
    if not texts or any(_is_numeric_cell(c) for c in row if not _is_stt_cell(c, 0)):
        return False
    titles = (" stt ", " tt ", " noi dung ", " chi tieu ", " ti le ", " so luong ", " ket qua ", " don vi ")
    short_titles = [text for text in texts if len(text) < 50 and any(t in text for t in titles)]
    return bool(short_titles) and not any(_has_data(_YEAR_RE.sub(" ", c.text)) for c in row)


def _is_rate_header(text: str) -> bool:
    folded = fold(text)
    return len(folded) < 40 and (" ti le " in folded or folded.strip() in {"%", "ti le %", "tl", "tl %"})


def _is_count_header(text: str) -> bool:
    folded = fold(text)
    if folded.startswith(" ti le ") and " so luong " not in folded:
        return False  # "Tỉ lệ (%) so với tổng số" is a rate column
    return len(folded) < 40 and any(
        f" {w} " in folded for w in ("so luong", "so lieu", "gia tri", "tong so", "ket qua", "so dat", "so co", "sl")
    )


def _is_numeric_cell(cell: Cell) -> bool:
    if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
        return True
    text = _NEGATIVE_RE.sub("", _FOOTNOTE_REF_RE.sub("", cell.text))
    return bool(cell.text.strip()) and bool(_NUMERIC_CELL_RE.match(text))


def _is_stt_cell(cell: Cell, position: int) -> bool:
    return position == 0 and len(cell.text.strip()) <= 6 and bool(_STT_RE.match(cell.text))


def _table_statements(table: Table) -> list[Found]:
    columns = _header_columns(table)
    columns.fractions = _fraction_columns(table, columns)
    found: list[Found] = []
    context_by_col: dict[float, str] = {}
    parent_by_col: dict[int, str] = {}  # last line in each column that was not a sub-line
    skipped = columns.remarks | columns.earlier_years | columns.area_parts
    for row in table.rows[columns.header_rows :]:
        cells = sorted(row, key=lambda c: c.col)
        body = [c for i, c in enumerate(cells) if not _is_stt_cell(c, i) and c.text.strip() and c.col not in skipped]
        numeric = [c for c in body if _is_numeric_cell(c)]
        texts = [c for c in body if not _is_numeric_cell(c)]
        row_context = _with_parent(texts, context_by_col, parent_by_col)
        if numeric and texts:
            found.extend(_columnar_row(texts, numeric, columns, row_context, cells))
        elif texts and _figure_cells_empty(cells, columns):
            figure_cols = columns.count | columns.rate
            labels = [c for c in texts if c.col not in figure_cols] or texts
            answered = len(labels) < len(texts)  # "KAD", "Không áp dụng", "N/A" in the figure columns
            raw = " | ".join(" ".join(c.text.split()) for c in texts)
            found.extend(_empty_columnar_row(labels, row_context, "not_applicable" if answered else "empty", raw))
        else:
            found.extend(_inline_row(texts, row_context))
        for cell in texts:
            if not _has_data(cell.text):
                context_by_col[cell.col] = cell.text
            if not (_SUB_LINE_RE.match(cell.text) or _is_level_row(cell.text) or _is_total_row(cell.text)):
                parent_by_col[cell.col] = read_statement(" ".join(cell.text.split())).label or cell.text
    return found


def _with_parent(texts: list[Cell], context_by_col: dict[float, str], parent_by_col: dict[int, str]):
    """A sub-row ("- Giáo viên", "- Trong đó: có máy tính") reads with the row above it.

    | Số nhà giáo có máy tính |        |      |
    | - Giáo viên             | 12.345 | 98,5 |   -> 1a, with the parent as its context
    The parent is keyed just left of the cell's column, so it is the nearest context.
    """
    if not texts or texts[0].col not in parent_by_col:
        return context_by_col
    if _is_level_row(texts[0].text) and not _level_names_the_line(texts[0].text, parent_by_col[texts[0].col]):
        return context_by_col
    if not (_SUB_LINE_RE.match(texts[0].text) or _is_total_row(texts[0].text)):
        return context_by_col
    return {**context_by_col, texts[0].col - 0.5: parent_by_col[texts[0].col]}


def _level_names_the_line(text: str, parent: str) -> bool:
    """"- Bậc tiểu học" under "Tỉ trọng nội dung trực tuyến" is line 5a itself; "Tiểu học"
    under "Học sinh có máy tính" is only a part of 2a (the parent matches alone)."""
    alone = match_label(parent)
    with_level = match_label(text, parent)
    if with_level.indicator is None:
        return False
    return alone.indicator is None or bool(alone.ambiguous_with) or alone.indicator.code != with_level.indicator.code


def _is_level_row(text: str) -> bool:
    """A breakdown row by school level ("Tiểu học", "- THCS"): a part, never the line itself."""
    return bool(_LEVEL_ROW_RE.match(fold(text)))


def _is_total_row(text: str) -> bool:
    """"Cộng", "Tổng cộng" under level rows: the parent line's own figure."""
    return bool(_AREA_TOTAL_RE.match(fold(text)))


def _figure_cells_empty(cells: list[Cell], columns: _Columns) -> bool:
    """A row of a table with "Số lượng"/"Tỉ lệ" columns where both are left empty."""
    figure_cols = columns.count | columns.rate
    if not figure_cols:
        return False
    return not any(c.text.strip() and not _NO_FIGURE_RE.match(c.text) for c in cells if c.col in figure_cols)


def _empty_columnar_row(
    texts: list[Cell], context_by_col: dict[float, str], note: str = "empty", raw: str = ""
) -> list[Found]:
    """The template line is there but nothing was reported: kept as missing (null)."""
    label_cell = texts[-1]
    label = " ".join(label_cell.text.split())
    if len(label) > MAX_EMPTY_LABEL_CHARS or _has_data(label):
        return []
    reading = Reading(label=read_statement(label).label or label, value=None, rate=None)
    contexts = (_inherited_context(label_cell, context_by_col),)
    return [Found(reading, raw or label, label_cell.location, contexts, notes=[note])]


@lru_cache(maxsize=4096)  # asked for every cell, for headers, context and rows alike
def _has_data(text: str) -> bool:
    return any(read_statement(s.text).has_data for s in split_statements(text.split("\n")))


def _has_figures(text: str) -> bool:
    """Some line gives a real number (not just the template's unfilled dots)."""
    for statement in split_statements(text.split("\n")):
        reading = read_statement(statement.text)
        if any(n is not None and n.value is not None for n in (reading.value, reading.rate)):
            return True
    return False


def _inherited_context(cell: Cell, context_by_col: dict[float, str]) -> str:
    """Headings of earlier columns carried down from rows above (vertical merges)."""
    return " ".join(text for col, text in sorted(context_by_col.items()) if col < cell.col)


def _cell_location(cell: Cell, lines: list[str], line_index: int) -> Location:
    return cell.location.with_line(line_index + 1) if len(lines) > 1 else cell.location


def _inline_row(texts: list[Cell], context_by_col: dict[float, str]) -> list[Found]:
    zipped = _zip_labels_with_figures(texts, context_by_col)
    if zipped:
        return zipped
    found: list[Found] = []
    row_labels: list[str] = []  # texts of earlier cells in this row that hold no figure
    for cell in texts:
        lines = cell.text.split("\n")
        inherited = _inherited_context(cell, context_by_col)
        cell_heading = ""
        for statement in split_statements(lines):
            reading = read_statement(statement.text)
            location = _cell_location(cell, lines, statement.line_indexes[0])
            contexts = (cell_heading, *reversed(row_labels), inherited)
            if reading.has_data:
                found.append(Found(reading, statement.text, location, contexts))
            elif _is_blank_line(statement.text):
                found.append(Found(reading, statement.text, location, contexts, notes=["empty"]))
            else:
                cell_heading = statement.text
        if not _has_data(cell.text):
            row_labels.append(cell.text)
    return found


def _is_blank_line(text: str) -> bool:
    """"- Tổng số giảng viên có máy tính:" left empty: a template line with no figure."""
    stripped = text.strip()
    return bool(_BLANK_LINE_RE.match(stripped)) and (stripped.endswith(":") or bool(_RATE_WORDS_RE.search(stripped)))


def _zip_labels_with_figures(texts: list[Cell], context_by_col: dict[float, str]) -> list[Found]:
    """A label cell with N sub-lines beside a cell with N bare figures, line by line.

    | - GV có máy tính     | 51.608 (97,1%) |
    | - GV có Internet     | 53.000 (99,7%) |   (both in one row, one line each)
    """
    for index, label_cell in enumerate(texts[:-1]):
        if _has_figures(label_cell.text):
            continue  # labels still holding the template's "......đạt tỉ lệ: ...%" are fine
        figure_cell = texts[index + 1]
        aligned = _zip_aligned_lines(label_cell, figure_cell, _inherited_context(label_cell, context_by_col))
        if aligned:
            return aligned
        labels = split_statements(label_cell.text.split("\n"))
        if len(labels) < 2:
            continue
        lines = figure_cell.text.split("\n")
        figures = [line for line in lines if line.strip()]
        readings = [read_statement(line) for line in figures]
        if len(figures) != len(labels) or not all(r.has_data and _unlabelled(r) for r in readings):
            continue
        inherited = _inherited_context(label_cell, context_by_col)
        found = []
        for statement, reading, figure in zip(labels, readings, figures, strict=True):
            reading.label = read_statement(statement.text).label
            location = _cell_location(label_cell, label_cell.text.split("\n"), statement.line_indexes[0])
            found.append(Found(reading, f"{statement.text} | {figure}", location, (inherited,)))
        return found
    return []


def _unlabelled(reading: Reading) -> bool:
    """A figure line that names no line: bare, or only "Số lượng: 3.100; tỉ lệ: 97%"."""
    return not reading.label or fold(reading.label).strip() in _MEASURE_WORDS


def _zip_aligned_lines(label_cell: Cell, figure_cell: Cell, inherited: str) -> list[Found]:
    """Figures typed on the same line as their label; a label line with no figure is a heading.

    | Nhà giáo có máy tính/Internet: |                |
    | - Giáo viên có máy tính        | 12.345 (98,5%) |
    """
    label_lines = label_cell.text.split("\n")
    figure_lines = figure_cell.text.split("\n")
    if len(label_lines) != len(figure_lines) or not any(not f.strip() for f in figure_lines):
        return []  # without a blank figure line the statement-count zip below does the job
    lines = list(zip(label_lines, figure_lines, strict=True))
    figure_at = {i: (figure, read_statement(figure)) for i, (_, figure) in enumerate(lines) if figure.strip()}
    usable = all(lines[i][0].strip() and r.has_data and _unlabelled(r) for i, (_, r) in figure_at.items())
    if len(figure_at) < 2 or not usable:
        return []
    found = []
    heading = ""
    for i, label in enumerate(label_lines):
        if i not in figure_at:
            heading = label.strip() or heading
            continue
        figure, reading = figure_at[i]
        reading.label = read_statement(label).label
        location = label_cell.location.with_line(i + 1)
        found.append(Found(reading, f"{label} | {figure}", location, (heading, inherited)))
    return found


def _columnar_row(
    texts: list[Cell],
    numeric: list[Cell],
    columns: _Columns,
    context_by_col: dict[float, str],
    row_cells: tuple[Cell, ...] | list[Cell] = (),
) -> list[Found]:
    """One line per row; in a matrix (column groups "Giáo viên" | "Học sinh") one per group."""
    groups = list(dict.fromkeys(columns.groups[c.col] for c in numeric if c.col in columns.groups))
    if len(groups) < 2:
        return _columnar_line(texts, numeric, columns, context_by_col, row_cells)
    found = []
    for group in groups:
        subset = [c for c in numeric if columns.groups.get(c.col) == group]
        found.extend(_columnar_line(texts, subset, columns, context_by_col, row_cells, group=group))
    return found


def _columnar_line(
    texts: list[Cell],
    numeric: list[Cell],
    columns: _Columns,
    context_by_col: dict[float, str],
    row_cells: tuple[Cell, ...] | list[Cell] = (),
    group: str = "",
) -> list[Found]:
    label_cells = [c for c in texts if not _has_data(c.text)] or texts
    label_cell = _best_label_cell(texts) or label_cells[-1]
    others = [c.text for c in reversed(label_cells) if c is not label_cell]
    contexts = (*others, _inherited_context(label_cell, context_by_col))
    value_cell, rate_cell, notes = _assign_roles(numeric, columns)
    if value_cell is not None and rate_cell is None and (
        _unit_is_percent(row_cells, columns) or (_label_is_rate(label_cell.text) and _at_most_100(value_cell))
    ):
        value_cell, rate_cell = None, value_cell  # | Tỉ lệ GV có máy tính | % | 98,5 |
    if columns.earlier_years:
        notes.append("latest_year_column")
    if columns.area_parts:
        notes.append("area_total_column")
    inline = [read_statement(" ".join(c.text.split())) for c in texts]
    label_reading = read_statement(" ".join(label_cell.text.split()))
    value = _read_cell(value_cell, is_rate=False) if value_cell else _first(r.value for r in inline)
    if rate_cell:
        rate = _read_cell(rate_cell, is_rate=True, fraction=rate_cell.col in columns.fractions)
    else:
        rate = _first(r.rate for r in inline) or _rate_in_remarks(row_cells, columns, notes)
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


def _best_label_cell(texts: list[Cell]) -> Cell | None:
    """The cell that names the line best; a short unit cell ("nền tảng") loses to a label."""
    scored = []
    for cell in texts:
        match = match_label(cell.text)
        if match.indicator is not None:
            scored.append((match.score, len(cell.text), cell))
    return max(scored, key=lambda item: (item[0], item[1]))[2] if scored else None


def _first(items):
    return next((item for item in items if item is not None), None)


def _rate_in_remarks(cells: list[Cell] | tuple[Cell, ...], columns: _Columns, notes: list[str]) -> ParsedNumber | None:
    """"Đạt 97%" typed in the "Ghi chú" column when the table has no rate column."""
    if columns.rate:
        return None
    for cell in cells:
        if cell.col in columns.remarks and _REMARK_RATE_RE.match(cell.text):
            notes.append("rate_from_remarks")
            return parse_rate(_REMARK_RATE_RE.match(cell.text).group("rate"))
    return None


def _label_is_rate(text: str) -> bool:
    """A row titled "Tỉ lệ ..." or "... (%)": its lone figure is a rate, whatever the column says."""
    folded = fold(text)
    return folded.startswith((" ti le ", " ti trong ")) or bool(regex.search(r"\(\s*%\s*\)\s*$", text))


def _unit_is_percent(cells: list[Cell], columns: _Columns) -> bool:
    return any(c.col in columns.units and c.text.strip() in ("%", "(%)") for c in cells)


def _assign_roles(numeric: list[Cell], columns: _Columns) -> tuple[Cell | None, Cell | None, list[str]]:
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
        elif rate_cell is None and not (columns.rate or columns.count) and len(numeric) == 2 and _at_most_100(cell):
            rate_cell = cell
            notes.append("rate_column_guessed")
    if len([c for c in numeric if c.col not in columns.total]) > 2 and not (columns.rate or columns.count):
        notes.append("several_figures")  # a breakdown (by level, by year) with no column titles
    return value_cell, rate_cell, notes


def _at_most_100(cell: Cell) -> bool:
    if cell.value is None and _GROUPED_RE.search(cell.text):
        return False  # "4.000" is a count written with a thousands dot, not 4 %
    reading = parse_rate(cell.text) if cell.value is None else None
    value = cell.value if cell.value is not None else (reading.value if reading else None)
    return isinstance(value, int | float) and 0 <= value <= 100


def _fraction_columns(table: Table, columns: _Columns) -> set[int]:
    """Rate columns where every figure is within 0..1 and some are fractions (0.985, 0.452).

    Spreadsheets pasted as values lose the % format: a "Tỉ lệ (%)" column of 0.985,
    0.958, 1 is 98,5 %, 95,8 %, 100 %; read as percent it would be under 1 % everywhere.
    """
    fractions = set()
    for col in columns.rate:
        rates = [_plain_rate(c) for row in table.rows[columns.header_rows :] for c in row if c.col == col]
        rates = [r for r in rates if r is not None]
        if len(rates) >= 2 and all(0 <= r <= 1 for r in rates) and any(0 < r < 1 for r in rates):
            fractions.add(col)
    return fractions


def _plain_rate(cell: Cell) -> float | None:
    """A rate cell's number as typed, unless a "%" (sign or format) already says how to read it."""
    if "%" in cell.text or "%" in (cell.number_format or ""):
        return None
    native = cell.value
    if isinstance(native, int | float) and not isinstance(native, bool):
        return float(native)
    return parse_rate(cell.text).value if _is_numeric_cell(cell) else None


def _read_cell(cell: Cell, *, is_rate: bool, fraction: bool = False) -> ParsedNumber:
    native = cell.value
    if isinstance(native, int | float) and not isinstance(native, bool):
        reading = _read_native(native, cell, is_rate=is_rate)
    else:
        text = " ".join(cell.text.split())
        if _NEGATIVE_RE.match(text):  # "-12": kept as written so the checks can flag it
            reading = _read_cell(replace(cell, text=_NEGATIVE_RE.sub("", text)), is_rate=is_rate, fraction=fraction)
            negated = -reading.value if reading.value is not None else None
            return ParsedNumber(negated, cell.text, (*reading.notes, "negative"))
        if _FOOTNOTE_REF_RE.search(text):  # "97(*)", "36.000[1]": a remark mark, not a digit
            text = _FOOTNOTE_REF_RE.sub("", text)
            reading = parse_rate(text) if is_rate else parse_count(text)
            reading = ParsedNumber(reading.value, cell.text, (*reading.notes, "footnote_mark"))
        else:
            reading = parse_rate(text) if is_rate else parse_count(text)
    if is_rate and fraction and reading.value is not None and "%" not in cell.text:
        return ParsedNumber(round(reading.value * 100, 6), reading.raw, (*reading.notes, "fraction_scaled"))
    return reading


def _read_native(native: float, cell: Cell, *, is_rate: bool) -> ParsedNumber:
    """Spreadsheet numbers: a percent-formatted 0.971 is 97.1 percent."""
    raw = cell.text or str(native)
    if is_rate:
        percent = "%" in (cell.number_format or "")
        rate = round(float(native) * 100, 6) if percent else float(native)
        notes = ("rate_over_100",) if rate > 100 else ()
        return ParsedNumber(value=rate, raw=raw, notes=notes)
    if float(native).is_integer():
        return ParsedNumber(value=int(native), raw=raw)
    return ParsedNumber(value=None, raw=raw, notes=("not_whole",))


# ---------------------------------------------------------------------------
# Paragraphs (appendix written as prose, or a text dump of the table)
# ---------------------------------------------------------------------------


def _is_heading(paragraph: Paragraph) -> bool:
    if len(paragraph.text) <= MAX_HEADING_CHARS and _HEADING_RE.match(paragraph.text):
        return True
    return _section_number(paragraph) is not None


def _section_number(paragraph: Paragraph) -> int | None:
    """The number of a report section that holds the figures ("II. SỐ LIỆU THỐNG KÊ" → 2)."""
    text = paragraph.text
    match = _SECTION_HEADING_RE.match(text) if len(text) <= MAX_SECTION_HEADING_CHARS else None
    if match is None or _has_data(text[match.end() :]):
        return None
    return _number_value(match.group("number"))


def _number_value(number: str) -> int:
    """"12" → 12, "IV" → 4: section numbers are written either way."""
    if number.isdigit():
        return int(number)
    values = [{"I": 1, "V": 5, "X": 10}[ch] for ch in number.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _is_next_section(text: str, heading: str, number: int) -> bool:
    """"III. KIẾN NGHỊ" after "II. SỐ LIỆU THỐNG KÊ": same numbering style, the next number."""
    match = regex.match(r"^\s*(?:phần\s+)?([IVX]{1,4}|\d{1,2})[.)]\s+\p{Lu}", text, regex.I)
    if match is None or len(text) > MAX_HEADING_CHARS:
        return False
    start = regex.match(r"^\s*(?:phần\s+)?([IVX]{1,4}|\d{1,2})", heading, regex.I)
    same_style = start is not None and start.group(1).isdigit() == match.group(1).isdigit()
    return same_style and _number_value(match.group(1)) == number + 1


def _appendix_regions(paragraphs: list[Paragraph]) -> list[tuple[int, int]]:
    """Each appendix heading opens a region that runs to the next "Phụ lục" heading.

    A numbered report section ("II. SỐ LIỆU THỐNG KÊ") ends at the next section numbered
    the same way too.
    """
    starts = [i for i, p in enumerate(paragraphs) if _is_heading(p)]
    regions = []
    for start in starts:
        section = None if _HEADING_RE.match(paragraphs[start].text) else _section_number(paragraphs[start])
        end = len(paragraphs)
        for j in range(start + 1, len(paragraphs)):
            text = paragraphs[j].text
            if (_is_heading(paragraphs[j]) and _NEXT_APPENDIX_RE.match(text)) or (
                section is not None and _is_next_section(text, paragraphs[start].text, section)
            ):
                end = j
                break
        regions.append((start + 1, end))
    return regions


def _prose_statements(document: Document) -> list[Found]:
    paragraphs = [p for p in document.paragraphs() if p.location.part in (None, "body")]
    best: list[Found] = []
    best_codes = 0
    for start, end in _appendix_regions(paragraphs):
        found = _region_statements(paragraphs[start:end])
        codes = _matched_codes(found)
        if codes >= MIN_TABLE_MATCHES and codes >= best_codes:  # ties: the later heading
            best, best_codes = found, codes
    return best


def _region_statements(paragraphs: list[Paragraph]) -> list[Found]:
    lines: list[str] = []
    locations: list[Location] = []
    for paragraph in paragraphs:
        for offset, line in enumerate(paragraph.text.split("\n")):
            lines.append(line)
            has_many = "\n" in paragraph.text
            locations.append(paragraph.location.with_line(offset + 1) if has_many else paragraph.location)
    aligned = _aligned_table(lines, locations)
    if aligned is not None:
        start, end, text_table = aligned
        found = _table_statements(text_table)
        if _matched_codes(found) >= MIN_TABLE_MATCHES:
            before = _lines_statements(lines[:start], locations[:start])
            return before + found + _lines_statements(lines[end:], locations[end:])
    return _lines_statements(lines, locations)


# Columns of a text dump (PDF to text, a table pasted as plain text): two or more spaces or a tab.
_COLUMN_GAP_RE = regex.compile(r"\t+|[ \u00a0]{2,}")


def _fields(line: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each column-separated field of a line."""
    spans, position = [], 0
    for gap in [*_COLUMN_GAP_RE.finditer(line), None]:
        end = gap.start() if gap else len(line)
        if line[position:end].strip():
            spans.append((position, end, line[position:end].strip()))
        position = gap.end() if gap else len(line)
    return spans


def _aligned_table(lines: list[str], locations: list[Location]) -> tuple[int, int, Table] | None:
    """A table typed as space-aligned or tab-separated columns: "STT   Nội dung   Số lượng   Tỉ lệ (%)".

    The header line gives the columns; each following line's fields go to the header
    column nearest their centre (or, with tabs, by position), so a line without a rate
    still puts its count under "Số lượng".  An indented line with one field is the label
    of the line above wrapped; the run ends at the first other line with fewer than two fields.
    """
    for index, line in enumerate(lines):
        header = _fields(line)
        if len(header) < 3:
            continue
        header_cells = [_text_cell(text, locations[index], col) for col, (_, _, text) in enumerate(header)]
        if not _is_header_row(header_cells):
            continue
        centres = [(a + b) / 2 for a, b, _ in header]
        rows, end = [header_cells], index + 1
        while end < len(lines):
            fields = _fields(lines[end])
            if len(fields) == 1 and len(rows) > 1 and lines[end][:1].isspace():
                _append_wrapped(rows[-1], fields[0][2])
            elif len(fields) >= 2:
                rows.append(_aligned_row(lines[end], fields, centres, locations[end]))
            else:
                break
            end += 1
        if len(rows) >= 3:
            return index, end, Table(rows=rows, location=locations[index])
    return None


def _aligned_row(line: str, fields: list[tuple[int, int, str]], centres: list[float], location: Location) -> list[Cell]:
    row: dict[int, str] = {}
    for position, (a, b, text) in enumerate(fields):
        if "\t" in line:
            col = min(position, len(centres) - 1)  # tab stops do not line up by character count
        else:
            col = min(range(len(centres)), key=lambda c: abs(centres[c] - (a + b) / 2))
        row[col] = f"{row[col]} {text}" if col in row else text
    return [_text_cell(text, location, col) for col, text in sorted(row.items())]


def _append_wrapped(row: list[Cell], text: str) -> None:
    """The wrapped rest of a label joins the row's last text (non-figure) cell."""
    labels = [i for i, c in enumerate(row) if not _is_numeric_cell(c) and not _is_stt_cell(c, i)]
    if labels:
        target = row[labels[-1]]
        row[labels[-1]] = replace(target, text=f"{target.text} {text}")


def _text_cell(text: str, location: Location, col: int) -> Cell:
    return Cell(text=text, location=location, col=col)


def _lines_statements(lines: list[str], locations: list[Location]) -> list[Found]:
    found: list[Found] = []
    headings = ["", ""]  # nearest sub-heading, then the numbered heading above it
    for statement in split_statements(lines):
        reading = read_statement(statement.text)
        if not reading.has_data or len(statement.text) > MAX_STATEMENT_CHARS:
            heading = statement.text[:MAX_STATEMENT_CHARS]
            headings = [heading, headings[1]] if not _NUMBERED_HEADING_RE.match(heading) else ["", heading]
            continue
        location = locations[statement.line_indexes[0]]
        found.append(Found(reading, statement.text, location, tuple(headings), from_table=False))
    return found


# ---------------------------------------------------------------------------
# Matching and output
# ---------------------------------------------------------------------------


def _to_values(table_found: list[Found], prose_found: list[Found]) -> list[IndicatorValue]:
    values: list[IndicatorValue] = []
    seen: set[str] = set()
    filled = {m.indicator.code for m in (i.match() for i in table_found if "empty" not in i.notes) if m.indicator}
    for item in table_found:
        if "empty" in item.notes and _empty_line_code(item, filled) is None:
            continue  # a heading row, or a line already reported elsewhere
        _append(values, _to_value(item, seen))
    for item in prose_found:
        match = item.match()
        code = match.indicator.code if match.indicator else None
        if table_found and (code is None or code in seen):
            continue  # a text rendering of a table already read
        _append(values, _to_value(item, seen))
    return values


def _append(values: list[IndicatorValue], value: IndicatorValue) -> None:
    """Add a line, or complete the earlier line of the same code with its missing half.

    Reports put "Số giáo viên có máy tính: 12.345" and "Tỉ lệ giáo viên có máy tính:
    98,5%" on two rows; the second is the rate of the first, not a duplicate.
    """
    code = _duplicate_of(value)
    earlier = next((v for v in values if code and v.code == code), None)
    if earlier is not None and _complements(earlier, value):
        if earlier.value is None:
            earlier.value, earlier.value_raw = value.value, value.value_raw
        else:
            earlier.rate, earlier.rate_raw = value.rate, value.rate_raw
        earlier.raw = f"{earlier.raw} / {value.raw}"
        earlier.notes = _dedupe([*earlier.notes, *(n for n in value.notes if not n.startswith("duplicate_code:")),
                                 "halves_merged"])
        return
    values.append(value)


def _duplicate_of(value: IndicatorValue) -> str | None:
    return next((n.split(":", 1)[1] for n in value.notes if n.startswith("duplicate_code:")), None)


def _complements(earlier: IndicatorValue, later: IndicatorValue) -> bool:
    """One line holds only the count and the other only the rate."""
    only_value = earlier.value is not None and earlier.rate is None and later.value is None and later.rate is not None
    only_rate = earlier.rate is not None and earlier.value is None and later.value is not None and later.rate is None
    return only_value or only_rate


def _empty_line_code(item: Found, filled: set[str]) -> str | None:
    match = match_label(item.reading.label)  # on its own words only: headings need context
    if match.indicator is None or match.indicator.code in filled:
        return None
    return match.indicator.code


def _to_value(item: Found, seen: set[str]) -> IndicatorValue:
    reading = item.reading
    match = item.match()
    indicator = match.indicator
    notes = list(item.notes) + list(reading.notes)
    code = indicator.code if indicator else None
    if code is not None and code in seen:
        notes.append(f"duplicate_code:{code}")
        code = None
    elif code is not None:
        seen.add(code)
        if match.ambiguous_with:
            notes.append("ambiguous_label:" + ",".join(match.ambiguous_with))
    value, rate = _fit_to_indicator(reading, indicator, notes)
    names = _platform_names(reading) if indicator and indicator.keeps_names else []
    return IndicatorValue(
        code=code,
        label=item.label,
        value=value.value if value else None,
        rate=rate.value if rate else None,
        raw=" ".join(item.raw.split()),
        location=item.location,
        notes=_dedupe(notes + list(value.notes if value else ()) + _rate_notes(rate)),
        value_raw=value.raw if value else None,
        rate_raw=rate.raw if rate else None,
        names=names,
    )


def _fit_to_indicator(
    reading: Reading, indicator: Indicator | None, notes: list[str]
) -> tuple[ParsedNumber | None, ParsedNumber | None]:
    """A rate-only line ("chiếm 3") read as a count is really a rate without "%"."""
    value, rate = reading.value, reading.rate
    if indicator is not None and not indicator.wants_count and rate is None and value is not None:
        notes.append("rate_without_percent_sign")
        return None, parse_rate(value.raw)
    return value, rate


def _rate_notes(rate: ParsedNumber | None) -> list[str]:
    return [f"rate_{n}" if not n.startswith("rate_") else n for n in rate.notes] if rate else []


def _platform_names(reading: Reading) -> list[str]:
    return [n for n in reading.names if not any(h in n.lower() for h in _NAME_HINTS)]


def _dedupe(items: list[Any]) -> list[Any]:
    return list(dict.fromkeys(items))


def catalog_label(code: str) -> str:
    return by_code()[code].label
