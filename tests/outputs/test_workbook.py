"""The workbook as an analyst opens it: real numbers for 34 units × 25 lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from gazetteer.indicators import template_codes
from gazetteer.provinces import units
from outputs.workbook import APPENDIX, FIRST_DATA_COLUMN, HEADER_ROWS, STATUS_SHEET, write_export
from store.db import open_engine
from tests.outputs.helpers import copy_store, correct_one_value

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def book(sample_store: Path, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    out = tmp_path_factory.mktemp("wb") / "phu-luc-2.xlsx"
    write_export(open_engine(sample_store), out)
    return load_workbook(out)


def _columns(sheet) -> dict[str, int]:  # noqa: ANN001
    """Unit name → its count column (the rate column is the next one)."""
    return {sheet.cell(2, c).value: c for c in range(FIRST_DATA_COLUMN, sheet.max_column + 1, 2)}


def test_sheets_have_vietnamese_headers(book) -> None:  # noqa: ANN001
    assert book.sheetnames == [APPENDIX, STATUS_SHEET, "Số liệu", "Văn bản trích dẫn", "Cảnh báo"]
    machine = {"province", "indicator", "value", "rate", "status", "source", "sha256", "received_at"}
    for sheet in book.worksheets[1:]:
        assert not machine & {c.value for c in sheet[1]}, sheet.title


def test_appendix_is_34_units_by_25_lines_of_numbers(book) -> None:  # noqa: ANN001
    sheet = book[APPENDIX]
    columns = _columns(sheet)
    assert list(columns) == ["Cả nước", *units()] and len(columns) == 35
    codes = [sheet.cell(r, 1).value for r in range(HEADER_ROWS + 1, sheet.max_row + 1)]
    assert codes == template_codes() and len(codes) == 25
    assert sheet.cell(HEADER_ROWS + 1, 2).value == "Tổng số giáo viên có máy tính"
    numbers = 0
    for row in range(HEADER_ROWS + 1, sheet.max_row + 1):
        for column in range(FIRST_DATA_COLUMN, sheet.max_column + 1):
            cell = sheet.cell(row, column)
            assert cell.value is None or type(cell.value) in (int, float), (cell.coordinate, cell.value)
            if cell.value is not None and (column - FIRST_DATA_COLUMN) % 2:
                assert cell.number_format in ("0", "0.0", "0.00"), cell.coordinate
                numbers += 1
            elif cell.value is not None:
                assert cell.number_format.startswith("#,##0"), cell.coordinate
    assert numbers > 100  # the sample provinces and the generated ones
    haiphong = columns["Hải Phòng"]
    assert sheet.cell(HEADER_ROWS + 1, haiphong).value == 51608
    assert sheet.cell(HEADER_ROWS + 1, haiphong + 1).value == pytest.approx(97.1)
    assert sheet.cell(HEADER_ROWS + 1, haiphong + 1).number_format == "0.0"
    reported = [c for name, c in columns.items() if name != "Cả nước" and sheet.cell(HEADER_ROWS + 1, c).value]
    silent = [c for name, c in columns.items() if name != "Cả nước" and c not in reported]
    assert silent and all(sheet.cell(r, c).value is None for c in silent for r in range(4, 29))


def test_national_counts_are_column_sums_and_rates_recomputed(book) -> None:  # noqa: ANN001
    sheet = book[APPENDIX]
    for row in range(HEADER_ROWS + 1, sheet.max_row + 1):
        values = [sheet.cell(row, c).value for c in range(FIRST_DATA_COLUMN + 2, sheet.max_column + 1, 2)]
        present = [v for v in values if v is not None]
        assert sheet.cell(row, FIRST_DATA_COLUMN).value == (sum(present) if present else None)
        rate = sheet.cell(row, FIRST_DATA_COLUMN + 1)
        assert rate.comment is not None and rate.comment.text  # says how (or why empty)
    # 1a: every reporting unit gave count and rate: sum(counts) / sum(count / rate)
    counts = [sheet.cell(4, c).value for c in range(FIRST_DATA_COLUMN + 2, sheet.max_column + 1, 2)]
    rates = [sheet.cell(4, c + 1).value for c in range(FIRST_DATA_COLUMN + 2, sheet.max_column + 1, 2)]
    pairs = [(n, r) for n, r in zip(counts, rates, strict=True) if n is not None]
    expected = 100 * sum(n for n, _ in pairs) / sum(n * 100 / r for n, r in pairs)
    assert sheet.cell(4, FIRST_DATA_COLUMN + 1).value == pytest.approx(expected, abs=0.01)


def test_flagged_cells_are_coloured_with_the_message(book) -> None:  # noqa: ANN001
    sheet = book[APPENDIX]
    commented = [c for row in sheet.iter_rows(min_row=4, min_col=FIRST_DATA_COLUMN + 2) for c in row
                 if c.comment and ("cảnh báo #" in c.comment.text or "lỗi #" in c.comment.text)]
    assert commented
    assert all(c.fill.fgColor.rgb.endswith(("FFE699", "F8CBAD")) for c in commented)
    assert any("rate_out_of_range" in c.comment.text for c in commented)  # the generated 112,5%


def test_layout_for_printing(book) -> None:  # noqa: ANN001
    sheet = book[APPENDIX]
    assert sheet.freeze_panes == "E4"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$1:$3"
    assert sheet.column_dimensions["B"].width >= 40


def test_submission_sheet_names_every_unit(book) -> None:  # noqa: ANN001
    rows = list(book[STATUS_SHEET].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == list(units())
    by_name = {r[1]: r for r in rows}
    assert by_name["Hải Phòng"][2] == "Đã nộp" and by_name["Hải Phòng"][5] == 1  # resubmitted once
    assert "bản sửa" in by_name["Hải Phòng"][3]
    assert by_name["Lâm Đồng"][6] == "1877/BC-SGDĐT" and by_name["Lâm Đồng"][7] == "2025-11-13"
    assert sum(r[2] == "Chưa nộp" for r in rows) == 34 - sum(r[2] == "Đã nộp" for r in rows) > 0


def test_a_review_correction_reaches_the_workbook(sample_store: Path, tmp_path: Path) -> None:
    store = copy_store(sample_store, tmp_path / "store")
    province, code = correct_one_value(store, 4242)
    write_export(open_engine(store), tmp_path / "x.xlsx")
    sheet = load_workbook(tmp_path / "x.xlsx")[APPENDIX]
    row = HEADER_ROWS + 1 + template_codes().index(code)
    cell = sheet.cell(row, _columns(sheet)[province])
    assert cell.value == 4242
    assert "đã sửa khi rà soát" in cell.comment.text
