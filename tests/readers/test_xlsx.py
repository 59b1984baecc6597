"""XLSX reader: Vietnamese display text, percent cells, merged ranges, empty rows/columns."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from readers import UnreadableDocument, read_document
from readers.xlsx import display_text


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        (0.971, "0.0%", "97,1%"),
        (0.971, "0%", "97,1%"),  # the stored figure, not Excel's rounding of it
        (0.3286, "0.00%", "32,86%"),
        (1, "0%", "100%"),
        (0.0, "0%", "0%"),
        (51608, "General", "51608"),
        (51608, "#,##0", "51608"),  # never grouped: "51.608" vs "51,608" is ambiguous
        (1588.0, "General", "1588"),
        (97.1, "General", "97,1"),
        (97.1, '0.0"%"', "97,1%"),  # a quoted % is a literal: 97.1 is already percent
        (100, '0\\%', "100%"),
        (0.5, "[Red]0%", "50%"),
        (0.1 + 0.2, "General", "0,3"),
        ("  Tổng số giáo viên  ", "General", "Tổng số giáo viên"),
        (unicodedata.normalize("NFD", "Phụ lục"), "@", "Phụ lục"),
        ("dòng 1\r\ndòng 2", "General", "dòng 1\ndòng 2"),
        (dt.datetime(2025, 10, 16), "dd/mm/yyyy", "16/10/2025"),
        (None, "General", ""),
    ],
)
def test_display_text(value, number_format, expected):
    assert display_text(value, number_format) == expected


@pytest.fixture(scope="module")
def appendix_xlsx(tmp_path_factory) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục 2"
    sheet["A1"] = "BIỂU SỐ LIỆU THỐNG KÊ"
    sheet.merge_cells("A1:D1")
    # row 2 left empty on purpose; column E empty too
    sheet.append([])
    sheet["A3"], sheet["B3"], sheet["C3"], sheet["D3"] = "TT", "Nội dung", "Số lượng", "Tỉ lệ"
    sheet["F3"] = "Ghi chú"
    sheet["A4"], sheet["B4"], sheet["C4"], sheet["D4"] = 1, "Giáo viên có máy tính", 51608, 0.971
    sheet["D4"].number_format = "0.0%"
    sheet["A5"], sheet["B5"], sheet["C5"] = 2, "Cơ sở giáo dục đã triển khai", 1588.0
    sheet.merge_cells("C5:D5")
    hidden = workbook.create_sheet("Nháp")
    hidden["A1"] = 999999
    hidden.sheet_state = "hidden"
    path = tmp_path_factory.mktemp("xlsx") / "appendix.xlsx"
    workbook.save(path)
    return path


@pytest.fixture(scope="module")
def table(appendix_xlsx):
    document = read_document(appendix_xlsx)
    assert len(document.tables()) == 1  # the hidden scratch sheet is not read
    return document.tables()[0]


def test_empty_rows_and_columns_are_dropped(table):
    assert [[c.text for c in row] for row in table.rows] == [
        ["BIỂU SỐ LIỆU THỐNG KÊ", ""],
        ["TT", "Nội dung", "Số lượng", "Tỉ lệ", "Ghi chú"],
        ["1", "Giáo viên có máy tính", "51608", "97,1%", ""],
        ["2", "Cơ sở giáo dục đã triển khai", "1588", ""],
    ]


@pytest.mark.parametrize(
    ("row", "col", "cell_ref", "value", "number_format", "col_span"),
    [
        (0, 0, "A1", "BIỂU SỐ LIỆU THỐNG KÊ", "General", 4),
        (2, 3, "D4", 0.971, "0.0%", 1),
        (2, 2, "C4", 51608, "General", 1),
        (3, 2, "C5", 1588.0, "General", 2),
        (1, 4, "F3", "Ghi chú", "General", 1),
    ],
)
def test_cells_keep_value_format_and_location(table, row, col, cell_ref, value, number_format,
                                              col_span):
    cell = next(c for c in table.rows[row] if c.col == col)
    assert cell.value == value
    assert cell.number_format == number_format
    assert cell.col_span == col_span
    assert (cell.location.sheet, cell.location.cell_ref) == ("Phụ lục 2", cell_ref)
    assert (cell.location.row, cell.location.cell) == (row, col)


def test_empty_workbook_is_unreadable(tmp_path):
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(UnreadableDocument, match="không có dữ liệu"):
        read_document(path)
