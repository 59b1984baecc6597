"""The Ministry's 3-column layout: all sub-lines of an item inside one cell.

| 1 | Nhà giáo ... | - Tổng số giáo viên có máy tính: 51.608 đạt tỉ lệ: 97,1% |
Each line of the cell is a statement; a label cell with N lines beside a cell with N
bare figures is zipped line by line.
"""

from __future__ import annotations

from baocao.model import Cell
from extractors.appendix.cells import cell_location, has_data, has_figures, inherited_context
from extractors.appendix.found import Found
from extractors.appendix.patterns import BLANK_LINE_RE, MEASURE_WORDS, RATE_WORDS_RE
from extractors.statements import Reading, read_statement, split_statements
from gazetteer.indicators import fold


def inline_row(texts: list[Cell], context_by_col: dict[float, str]) -> list[Found]:
    zipped = zip_labels_with_figures(texts, context_by_col)
    if zipped:
        return zipped
    found: list[Found] = []
    row_labels: list[str] = []  # texts of earlier cells in this row that hold no figure
    for cell in texts:
        lines = cell.text.split("\n")
        inherited = inherited_context(cell, context_by_col)
        cell_heading = ""
        for statement in split_statements(lines):
            reading = read_statement(statement.text)
            location = cell_location(cell, lines, statement.line_indexes[0])
            contexts = (cell_heading, *reversed(row_labels), inherited)
            if reading.has_data:
                found.append(Found(reading, statement.text, location, contexts))
            elif is_blank_line(statement.text):
                found.append(Found(reading, statement.text, location, contexts, notes=["empty"]))
            else:
                cell_heading = statement.text
        if not has_data(cell.text):
            row_labels.append(cell.text)
    return found


def is_blank_line(text: str) -> bool:
    """"- Tổng số giảng viên có máy tính:" left empty: a template line with no figure."""
    stripped = text.strip()
    return bool(BLANK_LINE_RE.match(stripped)) and (stripped.endswith(":") or bool(RATE_WORDS_RE.search(stripped)))


def zip_labels_with_figures(texts: list[Cell], context_by_col: dict[float, str]) -> list[Found]:
    """A label cell with N sub-lines beside a cell with N bare figures, line by line.

    | - GV có máy tính     | 51.608 (97,1%) |
    | - GV có Internet     | 53.000 (99,7%) |   (both in one row, one line each)
    """
    for index, label_cell in enumerate(texts[:-1]):
        if has_figures(label_cell.text):
            continue  # labels still holding the template's "......đạt tỉ lệ: ...%" are fine
        figure_cell = texts[index + 1]
        aligned = zip_aligned_lines(label_cell, figure_cell, inherited_context(label_cell, context_by_col))
        if aligned:
            return aligned
        labels = split_statements(label_cell.text.split("\n"))
        if len(labels) < 2:
            continue
        lines = figure_cell.text.split("\n")
        figures = [line for line in lines if line.strip()]
        readings = [read_statement(line) for line in figures]
        if len(figures) != len(labels) or not all(r.has_data and unlabelled(r) for r in readings):
            continue
        inherited = inherited_context(label_cell, context_by_col)
        found = []
        for statement, reading, figure in zip(labels, readings, figures, strict=True):
            reading.label = read_statement(statement.text).label
            location = cell_location(label_cell, label_cell.text.split("\n"), statement.line_indexes[0])
            found.append(Found(reading, f"{statement.text} | {figure}", location, (inherited,)))
        return found
    return []


def unlabelled(reading: Reading) -> bool:
    """A figure line that names no line: bare, or only "Số lượng: 3.100; tỉ lệ: 97%"."""
    return not reading.label or fold(reading.label).strip() in MEASURE_WORDS


def zip_aligned_lines(label_cell: Cell, figure_cell: Cell, inherited: str) -> list[Found]:
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
    usable = all(lines[i][0].strip() and r.has_data and unlabelled(r) for i, (_, r) in figure_at.items())
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
