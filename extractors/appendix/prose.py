"""Appendix written as prose or as a text dump of the table, after an appendix heading."""

from __future__ import annotations

from dataclasses import replace

from baocao.model import Cell, Document, Location, Paragraph, Table
from extractors.appendix.cells import has_data, is_header_row, is_numeric_cell, is_stt_cell
from extractors.appendix.found import Found
from extractors.appendix.patterns import (
    COLUMN_GAP_RE,
    HEADING_RE,
    MAX_HEADING_CHARS,
    MAX_SECTION_HEADING_CHARS,
    MAX_STATEMENT_CHARS,
    MIN_TABLE_MATCHES,
    NEXT_APPENDIX_RE,
    NEXT_SECTION_RE,
    NUMBERED_HEADING_RE,
    SECTION_HEADING_RE,
    SECTION_NUMBER_RE,
)
from extractors.appendix.tables import matched_codes, table_statements
from extractors.statements import read_statement, split_statements


def is_heading(paragraph: Paragraph) -> bool:
    if len(paragraph.text) <= MAX_HEADING_CHARS and HEADING_RE.match(paragraph.text):
        return True
    return section_number(paragraph) is not None


def section_number(paragraph: Paragraph) -> int | None:
    """The number of a report section that holds the figures ("II. SỐ LIỆU THỐNG KÊ" → 2)."""
    text = paragraph.text
    match = SECTION_HEADING_RE.match(text) if len(text) <= MAX_SECTION_HEADING_CHARS else None
    if match is None or has_data(text[match.end() :]):
        return None
    return number_value(match.group("number"))


def number_value(number: str) -> int:
    """"12" → 12, "IV" → 4: section numbers are written either way."""
    if number.isdigit():
        return int(number)
    values = [{"I": 1, "V": 5, "X": 10}[ch] for ch in number.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def is_next_section(text: str, heading: str, number: int) -> bool:
    """"III. KIẾN NGHỊ" after "II. SỐ LIỆU THỐNG KÊ": same numbering style, the next number."""
    match = NEXT_SECTION_RE.match(text)
    if match is None or len(text) > MAX_HEADING_CHARS:
        return False
    start = SECTION_NUMBER_RE.match(heading)
    same_style = start is not None and start.group(1).isdigit() == match.group(1).isdigit()
    return same_style and number_value(match.group(1)) == number + 1


def appendix_regions(paragraphs: list[Paragraph]) -> list[tuple[int, int]]:
    """Each appendix heading opens a region that runs to the next "Phụ lục" heading.

    A numbered report section ("II. SỐ LIỆU THỐNG KÊ") ends at the next section numbered
    the same way too.
    """
    starts = [i for i, p in enumerate(paragraphs) if is_heading(p)]
    regions = []
    for start in starts:
        section = None if HEADING_RE.match(paragraphs[start].text) else section_number(paragraphs[start])
        end = len(paragraphs)
        for j in range(start + 1, len(paragraphs)):
            text = paragraphs[j].text
            if (is_heading(paragraphs[j]) and NEXT_APPENDIX_RE.match(text)) or (
                section is not None and is_next_section(text, paragraphs[start].text, section)
            ):
                end = j
                break
        regions.append((start + 1, end))
    return regions


def prose_statements(document: Document) -> list[Found]:
    paragraphs = [p for p in document.paragraphs() if p.location.part in (None, "body")]
    best: list[Found] = []
    best_codes = 0
    for start, end in appendix_regions(paragraphs):
        found = region_statements(paragraphs[start:end])
        codes = matched_codes(found)
        if codes >= MIN_TABLE_MATCHES and codes >= best_codes:  # ties: the later heading
            best, best_codes = found, codes
    return best


def region_statements(paragraphs: list[Paragraph]) -> list[Found]:
    lines: list[str] = []
    locations: list[Location] = []
    for paragraph in paragraphs:
        for offset, line in enumerate(paragraph.text.split("\n")):
            lines.append(line)
            has_many = "\n" in paragraph.text
            locations.append(paragraph.location.with_line(offset + 1) if has_many else paragraph.location)
    aligned = aligned_table(lines, locations)
    if aligned is not None:
        start, end, text_table = aligned
        found = table_statements(text_table)
        if matched_codes(found) >= MIN_TABLE_MATCHES:
            before = lines_statements(lines[:start], locations[:start])
            return before + found + lines_statements(lines[end:], locations[end:])
    return lines_statements(lines, locations)


def line_fields(line: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each column-separated field of a line."""
    spans, position = [], 0
    for gap in [*COLUMN_GAP_RE.finditer(line), None]:
        end = gap.start() if gap else len(line)
        if line[position:end].strip():
            spans.append((position, end, line[position:end].strip()))
        position = gap.end() if gap else len(line)
    return spans


def aligned_table(lines: list[str], locations: list[Location]) -> tuple[int, int, Table] | None:
    """A table typed as space-aligned or tab-separated columns: "STT   Nội dung   Số lượng   Tỉ lệ (%)".

    The header line gives the columns; each following line's fields go to the header
    column nearest their centre (or, with tabs, by position), so a line without a rate
    still puts its count under "Số lượng".  An indented line with one field is the label
    of the line above wrapped; the run ends at the first other line with fewer than two fields.
    """
    for index, line in enumerate(lines):
        header = line_fields(line)
        if len(header) < 3:
            continue
        header_cells = [text_cell(text, locations[index], col) for col, (_, _, text) in enumerate(header)]
        if not is_header_row(header_cells):
            continue
        centres = [(a + b) / 2 for a, b, _ in header]
        rows, end = [header_cells], index + 1
        while end < len(lines):
            fields = line_fields(lines[end])
            if len(fields) == 1 and len(rows) > 1 and lines[end][:1].isspace():
                append_wrapped(rows[-1], fields[0][2])
            elif len(fields) >= 2:
                rows.append(aligned_row(lines[end], fields, centres, locations[end]))
            else:
                break
            end += 1
        if len(rows) >= 3:
            return index, end, Table(rows=rows, location=locations[index])
    return None


def aligned_row(line: str, fields: list[tuple[int, int, str]], centres: list[float], location: Location) -> list[Cell]:
    cells = [text.strip() for text in line.split("\t")]
    while len(cells) > len(centres) and not cells[-1]:
        cells.pop()  # an HTML table's rows end with a tab
    if "\t" in line and len(cells) == len(centres):  # one tab per column: empty cells keep their place
        return [text_cell(text, location, col) for col, text in enumerate(cells) if text]
    row: dict[int, str] = {}
    for position, (a, b, text) in enumerate(fields):
        if "\t" in line:
            col = min(position, len(centres) - 1)  # tab stops do not line up by character count
        else:
            col = min(range(len(centres)), key=lambda c: abs(centres[c] - (a + b) / 2))
        row[col] = f"{row[col]} {text}" if col in row else text
    return [text_cell(text, location, col) for col, text in sorted(row.items())]


def append_wrapped(row: list[Cell], text: str) -> None:
    """The wrapped rest of a label joins the row's last text (non-figure) cell."""
    labels = [i for i, c in enumerate(row) if not is_numeric_cell(c) and not is_stt_cell(c, i)]
    if labels:
        target = row[labels[-1]]
        row[labels[-1]] = replace(target, text=f"{target.text} {text}")


def text_cell(text: str, location: Location, col: int) -> Cell:
    return Cell(text=text, location=location, col=col)


def lines_statements(lines: list[str], locations: list[Location]) -> list[Found]:
    found: list[Found] = []
    headings = ["", ""]  # nearest sub-heading, then the numbered heading above it
    for statement in split_statements(lines):
        reading = read_statement(statement.text)
        if not reading.has_data or len(statement.text) > MAX_STATEMENT_CHARS:
            heading = statement.text[:MAX_STATEMENT_CHARS]
            headings = [heading, headings[1]] if not NUMBERED_HEADING_RE.match(heading) else ["", heading]
            continue
        location = locations[statement.line_indexes[0]]
        found.append(Found(reading, statement.text, location, tuple(headings), from_table=False))
    return found
