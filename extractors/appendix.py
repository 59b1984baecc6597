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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

from baocao.model import Cell, Document, IndicatorValue, Location, Paragraph, Table
from extractors.statements import NUMBER, Reading, read_statement, split_statements
from gazetteer.indicators import Indicator, by_code, fold, match_label
from normalizers.numbers import ParsedNumber, parse_count, parse_rate

MIN_TABLE_MATCHES = 3  # a body table ("Số lượng máy tính" per level) matches 0-1 lines
MAX_STATEMENT_CHARS = 400  # template lines are under ~250 characters; longer is prose

# A heading that opens an appendix: "Phụ lục 2", "PHỤ LỤC:", "BIỂU SỐ LIỆU THỐNG KÊ ...".
# Only short paragraphs that start with it: body sentences also mention "Phụ lục 2".
_HEADING_RE = regex.compile(r"^\s*(?:phụ\s+lục|biểu\s+số\s+liệu|biểu\s+thống\s+kê)", regex.I)
_NEXT_APPENDIX_RE = regex.compile(r"^\s*phụ\s+lục\b", regex.I)
MAX_HEADING_CHARS = 160
_NUMERIC_CELL_RE = regex.compile(
    r"^\s*(?:" + NUMBER + r"|[.…_]{2,}[\d.,]*)\s*[.,]?\s*%?\s*$"
)
_STT_RE = regex.compile(r"^\s*(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})?|[a-zđ])\s*[.)]?\s*$")
_NAME_HINTS = ("nêu rõ tên", "nếu có", "ghi rõ")


@dataclass
class Found:
    """A statement read from the document, before catalog matching."""

    reading: Reading
    raw: str
    location: Location
    context: str = ""
    from_table: bool = True
    notes: list[str] = field(default_factory=list)


def extract_indicators(document: Document) -> list[IndicatorValue]:
    table_found: list[Found] = []
    for block in document.blocks:
        if isinstance(block, Table):
            found = _table_statements(block)
            if _matched_codes(found) >= MIN_TABLE_MATCHES:
                table_found.extend(found)
    prose_found = _prose_statements(document)
    return _to_values(table_found, prose_found)


def _matched_codes(found: list[Found]) -> int:
    codes = set()
    for item in found:
        match = match_label(item.reading.label, item.context)
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
    header_rows: int = 0


def _header_columns(table: Table) -> _Columns:
    """Find "Số lượng" / "Tỉ lệ" columns in the header rows at the top, if any.

    Header rows are the leading rows with no numbers whose cells are short titles
    ("STT", "Nội dung", "Số lượng", "Tỉ lệ (%)"); the first data row ends them.
    """
    columns = _Columns()
    for index, row in enumerate(table.rows[:3]):
        if not _is_header_row(row):
            break
        rate_cols = {c.col for c in row if _is_rate_header(c.text)}
        columns.rate |= rate_cols
        columns.count |= {c.col for c in row if _is_count_header(c.text)} - rate_cols
        columns.header_rows = index + 1
    return columns


def _is_header_row(row: list[Cell]) -> bool:
    texts = [fold(c.text) for c in row if c.text.strip()]
    if not texts or any(_is_numeric_cell(c) for c in row if not _is_stt_cell(c, 0)):
        return False
    titles = (" stt ", " tt ", " noi dung ", " chi tieu ", " ti le ", " so luong ", " ket qua ", " don vi ")
    return any(any(t in text for t in titles) for text in texts) and not any(_has_data(c.text) for c in row)


def _is_rate_header(text: str) -> bool:
    folded = fold(text)
    return len(folded) < 40 and (" ti le " in folded or folded.strip() in {"%", "ti le %"})


def _is_count_header(text: str) -> bool:
    folded = fold(text)
    return len(folded) < 40 and any(
        f" {w} " in folded for w in ("so luong", "so lieu", "gia tri", "tong so", "ket qua")
    )


def _is_numeric_cell(cell: Cell) -> bool:
    if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
        return True
    return bool(cell.text.strip()) and bool(_NUMERIC_CELL_RE.match(cell.text))


def _is_stt_cell(cell: Cell, position: int) -> bool:
    return position == 0 and len(cell.text.strip()) <= 6 and bool(_STT_RE.match(cell.text))


def _table_statements(table: Table) -> list[Found]:
    columns = _header_columns(table)
    found: list[Found] = []
    context_by_col: dict[int, str] = {}
    for row in table.rows[columns.header_rows :]:
        cells = sorted(row, key=lambda c: c.col)
        body = [c for i, c in enumerate(cells) if not _is_stt_cell(c, i) and c.text.strip()]
        numeric = [c for c in body if _is_numeric_cell(c)]
        texts = [c for c in body if not _is_numeric_cell(c)]
        if numeric and texts:
            found.extend(_columnar_row(texts, numeric, columns, context_by_col))
        else:
            found.extend(_inline_row(texts, context_by_col))
        for cell in texts:
            if not _has_data(cell.text):
                context_by_col[cell.col] = cell.text
    return found


def _has_data(text: str) -> bool:
    return any(read_statement(s.text).has_data for s in split_statements(text.split("\n")))


def _context_for(cell: Cell, context_by_col: dict[int, str]) -> str:
    return " ".join(text for col, text in sorted(context_by_col.items()) if col < cell.col)


def _inline_row(texts: list[Cell], context_by_col: dict[int, str]) -> list[Found]:
    found: list[Found] = []
    row_context = ""
    for cell in texts:
        lines = cell.text.split("\n")
        for statement in split_statements(lines):
            reading = read_statement(statement.text)
            if not reading.has_data:
                row_context = f"{row_context} {statement.text}".strip()
                continue
            context = f"{_context_for(cell, context_by_col)} {row_context}".strip()
            location = cell.location.with_line(statement.line_indexes[0] + 1) if len(lines) > 1 else cell.location
            found.append(Found(reading, statement.text, location, context))
    return found


def _columnar_row(
    texts: list[Cell], numeric: list[Cell], columns: _Columns, context_by_col: dict[int, str]
) -> list[Found]:
    label_cell = texts[-1]
    context = " ".join(c.text for c in texts[:-1]) or _context_for(label_cell, context_by_col)
    value_cell, rate_cell = _assign_roles(numeric, columns)
    value = _read_cell(value_cell, is_rate=False) if value_cell else None
    rate = _read_cell(rate_cell, is_rate=True) if rate_cell else None
    label = " ".join(label_cell.text.split())
    reading = read_statement(label)
    reading = Reading(
        label=reading.label or label,
        value=value if value is not None else reading.value,
        rate=rate if rate is not None else reading.rate,
        notes=reading.notes,
        names=reading.names,
    )
    raw = " | ".join(c.text.replace("\n", " ") for c in [label_cell, *numeric])
    return [Found(reading, raw, label_cell.location, context)]


def _assign_roles(numeric: list[Cell], columns: _Columns) -> tuple[Cell | None, Cell | None]:
    value_cell = rate_cell = None
    for cell in numeric:
        is_rate = (
            cell.col in columns.rate
            or "%" in cell.text
            or "%" in (cell.number_format or "")
        ) and cell.col not in columns.count
        if is_rate and rate_cell is None:
            rate_cell = cell
        elif not is_rate and value_cell is None:
            value_cell = cell
    return value_cell, rate_cell


def _read_cell(cell: Cell, *, is_rate: bool) -> ParsedNumber:
    native = cell.value
    if isinstance(native, int | float) and not isinstance(native, bool):
        return _read_native(native, cell, is_rate=is_rate)
    text = " ".join(cell.text.split())
    return parse_rate(text) if is_rate else parse_count(text)


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
    return len(paragraph.text) <= MAX_HEADING_CHARS and bool(_HEADING_RE.match(paragraph.text))


def _appendix_regions(paragraphs: list[Paragraph]) -> list[tuple[int, int]]:
    """Each appendix heading opens a region that runs to the next "Phụ lục" heading."""
    starts = [i for i, p in enumerate(paragraphs) if _is_heading(p)]
    regions = []
    for start in starts:
        end = len(paragraphs)
        for j in range(start + 1, len(paragraphs)):
            if _is_heading(paragraphs[j]) and _NEXT_APPENDIX_RE.match(paragraphs[j].text):
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
    found: list[Found] = []
    context = ""
    for statement in split_statements(lines):
        reading = read_statement(statement.text)
        if not reading.has_data or len(statement.text) > MAX_STATEMENT_CHARS:
            context = statement.text[:MAX_STATEMENT_CHARS]
            continue
        location = locations[statement.line_indexes[0]]
        found.append(Found(reading, statement.text, location, context, from_table=False))
    return found


# ---------------------------------------------------------------------------
# Matching and output
# ---------------------------------------------------------------------------


def _to_values(table_found: list[Found], prose_found: list[Found]) -> list[IndicatorValue]:
    values: list[IndicatorValue] = []
    seen: set[str] = set()
    for item in table_found:
        values.append(_to_value(item, seen))
    for item in prose_found:
        match = match_label(item.reading.label, item.context)
        code = match.indicator.code if match.indicator else None
        if table_found and (code is None or code in seen):
            continue  # a text rendering of a table already read
        values.append(_to_value(item, seen))
    return values


def _to_value(item: Found, seen: set[str]) -> IndicatorValue:
    reading = item.reading
    match = match_label(reading.label, item.context)
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
        label=reading.label,
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
