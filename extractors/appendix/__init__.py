"""Appendix 2 ("Biểu số liệu thống kê") extraction from the document model.

Entry point: :func:`read_appendix` (``extract_indicators`` is the same function).
Layout families live one per module: ``ministry`` (3-column, sub-lines in one cell),
``columns`` (count/rate columns), ``subrows`` (a row per sub-line under merged
headings), ``spreadsheet`` (transposed sheets, native numbers), ``prose`` (paragraphs
and text dumps); ``tables`` sends each row to the right one, ``output`` matches the
statements to the catalog, ``patterns`` holds every regex and threshold.

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

from baocao.model import Document, IndicatorValue, Paragraph, Table
from extractors.appendix.found import Found
from extractors.appendix.output import catalog_label, to_values
from extractors.appendix.patterns import MAX_HEADING_CHARS, MIN_TABLE_MATCHES
from extractors.appendix.prose import is_heading, prose_statements
from extractors.appendix.spreadsheet import transposed
from extractors.appendix.tables import header_key, is_register, matched_codes, table_statements, with_nested

__all__ = ["catalog_label", "extract_indicators", "read_appendix"]


def read_appendix(document: Document) -> list[IndicatorValue]:
    """The Appendix 2 lines of a document, one value per template code (plus unmatched lines)."""
    accepted: list[tuple[bool, list[Found]]] = []  # (after an appendix heading, statements)
    appendix_headers: set[tuple[str, ...]] = set()
    after_heading = False
    continuing = False  # inside an appendix whose first table was accepted: section tables follow
    for block in document.blocks:
        if isinstance(block, Paragraph) and (is_heading(block) or len(block.text) > MAX_HEADING_CHARS):
            after_heading = after_heading or is_heading(block)
            continuing = False  # a new appendix, or body prose: the next table must qualify alone
        if not isinstance(block, Table):
            continue
        for table in with_nested(block):
            if is_register(table):
                continue
            found = table_statements(table)
            codes = matched_codes(found)
            if codes < MIN_TABLE_MATCHES and (wide := transposed(table)) is not None:
                found = table_statements(wide)
                codes = matched_codes(found)
            header = header_key(table)
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
    prose_found = prose_statements(document)
    return to_values(table_found, prose_found)


extract_indicators = read_appendix
