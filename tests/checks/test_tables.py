"""Totals rows of the body's tables (body_breakdown_mismatch, kind "table")."""

from __future__ import annotations

import pytest

from baocao.model import Cell, Document, Location, Table
from checks.tables import find_column_totals, table_total_mismatch
from tests.checks.factories import SOURCE, extraction, line


def table(rows: list[list[str]], index: int = 1) -> Table:
    cells = [
        [Cell(text=text, location=Location(table=index, row=r, cell=c), col=c) for c, text in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    return Table(rows=cells, location=Location(part="body", table=index))


SEED_COMPUTERS = [
    ["STT", "Cấp", "Số lượng máy tính"],
    ["1", "Mầm non", "3836"],
    ["2", "Tiểu học", "13865"],
    ["3", "Trung học cơ sở", "13470"],
    ["4", "Trung học phổ thông", "6671"],
    ["5", "Giáo dục Thường xuyên", "1098"],
    ["6", "Giáo dục Đại học", "3627"],
    ["", "Tổng số", "42.567"],
]


def run(*tables: Table, appendix=()):
    return table_total_mismatch(Document(source=SOURCE, blocks=list(tables)), extraction(*appendix))


def test_seed_table_adds_up():
    assert run(table(SEED_COMPUTERS)) == []
    found = find_column_totals(table(SEED_COMPUTERS))
    assert [(f.header, f.total, len(f.parts)) for f in found] == [("Số lượng máy tính", 42567, 6)]


@pytest.mark.parametrize(
    ("rows", "difference"),
    [
        ([*SEED_COMPUTERS[:-1], ["", "Tổng số", "42.667"]], -100),
        ([["Cấp", "Trường", "Học sinh"], ["Tiểu học", "300", "120.000"], ["THCS", "200", "90.000"],
          ["Cộng", "500", "200.000"]], 10000),
    ],
)
def test_totals_that_do_not_add_up(rows, difference):
    flags = run(table(rows))
    assert [f.code for f in flags] == ["body_breakdown_mismatch"]
    assert flags[0].evidence["difference"] == difference and flags[0].evidence["kind"] == "table"
    assert flags[0].location.row == len(rows) - 1


@pytest.mark.parametrize(
    "rows",
    [
        # a rate column is not summed
        [["Cấp", "Tỉ lệ (%)"], ["Tiểu học", "95"], ["THCS", "97"], ["Tổng", "96"]],
        # subtotals in between: which rows the total sums is unclear
        [["Cấp", "Số trường"], ["Công lập", "300"], ["Cộng", "300"], ["Tư thục", "50"], ["Tổng cộng", "350"]],
        # a gap (a section row without a number) in the middle
        [["Cấp", "Số trường"], ["Mầm non", "100"], ["Phổ thông", ""], ["Tiểu học", "150"], ["THCS", "90"],
         ["Tổng số", "1000"]],
        # no total row at all
        [["Cấp", "Số trường"], ["Mầm non", "100"], ["Tiểu học", "150"]],
    ],
)
def test_tables_that_are_not_simple_sums_raise_nothing(rows):
    assert run(table(rows)) == []


def test_the_appendix_table_is_not_checked_here():
    rows = [*SEED_COMPUTERS[:-1], ["", "Tổng số", "1"]]
    appendix_line = line("1a", 1, 1.0)
    appendix_line.location = Location(part="body", table=1, row=2, cell=2)
    assert run(table(rows), appendix=(appendix_line,)) == []
