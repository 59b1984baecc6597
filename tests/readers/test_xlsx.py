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
        (0.971, "0%", "97%"),  # what the cell shows (the stored 0.971 stays in Cell.value)
        (0.97123, "0.0%", "97,1%"),
        (99.5238095, "0.00", "99,52"),
        (99.5, "#,##0.00", "99,5"),
        (99.5238095, "0.0##", "99,524"),  # optional digits shown up to their count
        (0.985, "0.#%", "98,5%"),
        (0.6370, "0.00%", "63,7%"),
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


FORMULA_CASES = [
    ("=C2/D2", "0.0%", "97,1%"),
    ("=ROUND(C2/D2*100,1)", "General", "97,1"),
    ("=SUM(C2:C3)", "General", "53196"),
    ("=SUM($C$2:C3)-C3", "General", "51608"),
    ("=50%*C2", "General", "25804"),
    ("=-C3+2^2", "General", "-1584"),
    ("=MAX(C2:C3)/AVERAGE(C2,C3)", "0.00%", "194,03%"),
    ("=IFERROR(C3/D3,0)", "General", "0"),
    ("=C3/D3", "0%", ""),  # #DIV/0! stays empty, never 0
    ("=C2&B2", "General", ""),  # text operators are not computed
    ("=VLOOKUP(1,A2:C3,3)", "General", ""),  # unsupported function: empty, not a guess
    ("='Phụ lục 2'!C2*2", "General", "103216"),
]


@pytest.fixture(scope="module")
def formula_table(tmp_path_factory):
    """A workbook written by a script: formulas are stored without cached results."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục 2"
    sheet.append(["TT", "Nội dung", "Số lượng", "Tổng số"])
    sheet.append([1, "Giáo viên có máy tính", 51608, 53150])
    sheet.append([2, "Cơ sở giáo dục", 1588, 0])
    for index, (formula, number_format, _) in enumerate(FORMULA_CASES, start=1):
        sheet.cell(row=index, column=6, value=formula).number_format = number_format
    path = tmp_path_factory.mktemp("xlsx") / "formulas.xlsx"
    workbook.save(path)
    return read_document(path).tables()[0]


@pytest.mark.parametrize(("index", "expected"),
                         [(i, case[2]) for i, case in enumerate(FORMULA_CASES, start=1)])
def test_uncached_formulas_are_computed(formula_table, index, expected):
    cells = [c for row in formula_table.rows for c in row if c.location.cell_ref == f"F{index}"]
    if expected:
        assert [(c.text, c.value is None) for c in cells] == [(expected, False)]
    else:  # left empty: an empty row is dropped, an empty cell in a kept row has no value
        assert all(c.text == "" and c.value is None for c in cells)


def test_hidden_rows_columns_and_older_year_sheets_are_left_out_and_named(tmp_path):
    workbook = openpyxl.Workbook()
    old = workbook.active
    old.title = "PL2 năm 2024"
    old["A1"], old["B1"], old["C1"], old["D1"] = "Giáo viên có máy tính", 52000, 40000, 0.9  # last year's, alike
    old["A2"] = "(tạm tính)"
    new = workbook.create_sheet("PL2 năm 2025")
    new["A1"], new["B1"], new["C1"], new["D1"] = "Giáo viên có máy tính", 55000, 51608, 0.97123
    new["D1"].number_format = "0.0%"
    new["A2"], new["C2"] = "(tạm tính)", 1
    new.column_dimensions["B"].hidden = True  # the denominators
    new.row_dimensions[2].hidden = True
    other = workbook.create_sheet("Danh sách")
    other["A1"] = "Trường A"
    path = tmp_path / "years.xlsx"
    workbook.save(path)
    document = read_document(path)
    assert [t.location.sheet for t in document.tables()] == ["PL2 năm 2025", "Danh sách"]
    row = document.tables()[0].rows[0]
    assert [c.text for c in row] == ["Giáo viên có máy tính", "51608", "97,1%"]
    assert row[2].value == 0.97123  # the stored number stays for provenance
    assert len(document.tables()[0].rows) == 1
    assert document.source.notes == ["xlsx_older_year_sheet:PL2 năm 2024", "xlsx_hidden:PL2 năm 2025:rows=2:cols=B"]


def test_an_older_year_sheet_of_another_shape_stays(tmp_path):
    workbook = openpyxl.Workbook()
    appendix = workbook.active
    appendix.title = "PL2 2025"
    for row in range(1, 30):
        appendix.append([f"dòng {row}", row, 0.5])
    schools = workbook.create_sheet("Danh sách trường 2023")
    schools["A1"] = "Trường A"
    path = tmp_path / "shapes.xlsx"
    workbook.save(path)
    assert [t.location.sheet for t in read_document(path).tables()] == ["PL2 2025", "Danh sách trường 2023"]
