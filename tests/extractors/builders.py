"""Tiny builders for hand-made documents in extractor tests (tables of plain strings)."""

from __future__ import annotations

from baocao.model import Cell, Location, Paragraph, Table


def cell(text: str, table: int, row: int, col: int, **kw) -> Cell:
    return Cell(text=text, location=Location(table=table, row=row, cell=col), col=col, **kw)


def table(rows: list[list[str | Cell]], index: int = 0) -> Table:
    built = []
    for r, row in enumerate(rows):
        built.append([c if isinstance(c, Cell) else cell(c, index, r, i) for i, c in enumerate(row)])
    return Table(rows=built, location=Location(table=index))


def para(text: str, index: int) -> Paragraph:
    return Paragraph(text=text, location=Location(paragraph=index))
