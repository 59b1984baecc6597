"""XLSX appendices → one Table per visible sheet, typed values kept next to Vietnamese display text.

``data_only=True`` gives the cached result of formulas (a province often computes the rate
column as ``=B5/C5``).  ``Cell.text`` is the cell as its number format shows it, written the
way a Vietnamese reader sees it: decimal comma, no thousands grouping (so "51608" can never be
read as 51,608 vs 51.608), the format's decimals (an unrounded 0.97123 in a "0.0%" cell is
"97,1%", 99.5238 in "0.00" is "99,52": the report says what the province saw and sent);
``Cell.value`` keeps the stored number for provenance.  General shows up to 6 decimals.

Merged ranges give one Cell at their top-left with row/col spans counted in kept rows and
columns (fully empty rows and columns are dropped).  Hidden sheets (scratch work, lookup
lists, last year's appendix) are skipped unless every sheet is hidden; hidden rows and
columns (denominators, helper rows) are left out of the table too, and every hidden thing
skipped is named in ``Source.notes`` ("xlsx_hidden:…"), so nothing is dropped silently.
Of sheets named for a year ("PL2 2024", "PL2 2025") only the latest year's are read (last
year's appendix is not mixed in), noted "xlsx_older_year_sheet:…".
Formulas stored without a cached result (a workbook written by a script) are computed
when they are simple arithmetic, see :class:`Formulas`; anything else stays empty rather
than guessed.

openpyxl's read-only mode does not expose merged ranges, so small workbooks (every real
appendix) are opened normally; only very large files fall back to read-only without spans.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import unicodedata
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.formula.tokenizer import Token, Tokenizer
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries

from baocao.model import Cell, Document, Location, Source, Table
from readers import UnreadableDocument

READ_ONLY_ABOVE_BYTES = 8 * 1024 * 1024
_DECIMALS_RE = re.compile(r"\.([0#?]+)")  # digits after the point, required (0) or optional (#, ?)
_LITERALS_RE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # "text", \x escapes, [colour]/[locale]


def is_percent_format(number_format: str | None) -> bool:
    """A real % operator multiplies by 100; a quoted or escaped "%" is just a character,
    as in '0.0"%"' which a province uses after typing 97,1 into the cell."""
    return "%" in _LITERALS_RE.sub("", number_format or "")


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _trim_number(value: float, decimals: int) -> str:
    text = f"{_round_half_away(value, decimals):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace(".", ",")


def _format_decimals(number_format: str) -> int:
    match = _DECIMALS_RE.search(number_format)
    return len(match.group(1)) if match else 0


def _literal_percent(number_format: str) -> str:
    """Keep a quoted/escaped "%" of the format so '0.0"%"' shows 97,1 as "97,1%"."""
    literals = [lit for lit in _LITERALS_RE.findall(number_format) if not lit.startswith("[")]
    return "%" if any("%" in lit for lit in literals) else ""


def _fixed_decimals(number_format: str) -> int | None:
    """Decimals a format fixes ("0.0%" → 1, "#,##0" → 0); None for General (no placeholder)."""
    bare = _LITERALS_RE.sub("", number_format)
    if number_format.strip().lower() == "general" or not any(ch in bare for ch in "0#?"):
        return None
    return _format_decimals(bare)


def _number_text(value: float, fmt: str) -> str:
    """A number as its format shows it (decimals rounded), Vietnamese decimal comma, never
    grouped; General shows up to 6 decimals, as a cell wide enough would."""
    decimals = _fixed_decimals(fmt)
    if is_percent_format(fmt):
        return _trim_number(value * 100, 2 if decimals is None else decimals) + "%"
    suffix = _literal_percent(fmt)
    if decimals is None and float(value).is_integer():
        return str(int(value)) + suffix
    return _trim_number(float(value), 6 if decimals is None else decimals) + suffix


def display_text(value: Any, number_format: str | None) -> str:
    """The cell as a Vietnamese reader sees it (see module docstring for the choices)."""
    fmt = number_format or "General"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Đúng" if value else "Sai"
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, int | float):
        return _number_text(value, fmt)
    return unicodedata.normalize("NFC", str(value))


# ---------------------------------------------------------------------------
# Formulas without a cached value
# ---------------------------------------------------------------------------
# Excel stores each formula's last result next to it, and data_only=True reads that.  A
# workbook produced by a script (openpyxl, a province's own tool) has formulas but no
# results, so the rate column "=C5/D5" would read as empty.  We compute the simple
# arithmetic an appendix uses (+ - * / ^ %, SUM/AVERAGE/MIN/MAX/ROUND/ABS/IFERROR) with
# openpyxl's tokenizer and a whitelist walk of Python's AST.  Why not the `formulas` or
# `pycel` packages: they bring numpy/networkx-sized dependency trees for this one fallback.

_UNCACHED_FORMULA_RE = re.compile(rb"<f\b[^>]*?(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")
_INFIX = {"+": "+", "-": "-", "*": "*", "/": "/", "^": "**"}
_MAX_DEPTH = 30


class FormulaError(Exception):
    """The formula is outside what we compute, or errs like Excel would (#DIV/0!)."""


def has_uncached_formulas(path: Path) -> bool:
    """Cheap look into the sheet XML: is any formula stored without its result?"""
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist()
                  if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        return any(_UNCACHED_FORMULA_RE.search(archive.read(name)) for name in sheets)


def _round_half_away(value: float, digits: float = 0) -> float:
    quantum = Decimal(1).scaleb(-int(digits))
    return float(Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def _numbers(args: tuple) -> list[float]:
    flat: list[Any] = []
    for arg in args:
        flat.extend(arg if isinstance(arg, list) else [arg])
    return [v for v in flat if isinstance(v, int | float) and not isinstance(v, bool)]


_FUNCTIONS = {
    "SUM": lambda *a: sum(_numbers(a)),
    "AVERAGE": lambda *a: sum(_numbers(a)) / len(_numbers(a)) if _numbers(a) else _div0(),
    "MIN": lambda *a: min(_numbers(a), default=0),
    "MAX": lambda *a: max(_numbers(a), default=0),
    "ROUND": _round_half_away,
    "ABS": abs,
}


def _div0():
    raise FormulaError("#DIV/0!")


class Formulas:
    """Computes uncached formula cells from the data-only and the formula views of a book."""

    def __init__(self, values_book, formulas_book):
        self.values = {ws.title: ws for ws in values_book.worksheets}
        self.formulas = {ws.title: ws for ws in formulas_book.worksheets}
        self.cache: dict[tuple[str, str], Any] = {}

    def value(self, sheet: str, ref: str, depth: int = 0) -> Any:
        """The cell's value (computed when it is an uncached formula), None when unknown."""
        key = (sheet, ref)
        if key not in self.cache:
            self.cache[key] = None  # cycle guard
            try:
                self.cache[key] = self._compute(sheet, ref, depth)
            except (FormulaError, ArithmeticError, ValueError, TypeError, SyntaxError,
                    RecursionError, KeyError):
                self.cache[key] = None
        return self.cache[key]

    def _compute(self, sheet: str, ref: str, depth: int) -> Any:
        row, col = coordinate_to_tuple(ref)
        cached = _peek(self.values[sheet], row, col)
        formula = _peek(self.formulas[sheet], row, col)
        if cached is not None or not isinstance(formula, str) or not formula.startswith("="):
            return cached
        if depth > _MAX_DEPTH:
            raise FormulaError("too deep")
        expression, names = _translate(formula)
        tree = ast.parse(expression, mode="eval")
        return self._eval(tree.body, sheet, names, depth)

    def _operand(self, sheet: str, target: tuple[str | None, str], depth: int) -> Any:
        other, ref = target
        sheet = other or sheet
        if ":" in ref:
            ws = self.values[sheet]
            min_col, min_row, max_col, max_row = range_boundaries(ref)
            return [
                self.value(sheet, f"{get_column_letter(c)}{r}", depth + 1)
                for r in range(min_row or 1, min(max_row or ws.max_row, ws.max_row) + 1)
                for c in range(min_col or 1, min(max_col or ws.max_column, ws.max_column) + 1)
            ]
        value = self.value(sheet, ref, depth + 1)
        if value is None:
            return 0  # an empty cell counts as 0 in arithmetic, as in Excel
        if isinstance(value, str):
            raise FormulaError("#VALUE!")
        return value

    def _eval(self, node: ast.AST, sheet: str, names: dict, depth: int) -> Any:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return node.value
        if isinstance(node, ast.Name) and node.id in names:
            return self._operand(sheet, names[node.id], depth)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            operand = self._eval(node.operand, sheet, names, depth)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp):
            left = self._eval(node.left, sheet, names, depth)
            right = self._eval(node.right, sheet, names, depth)
            return _binary(node.op, left, right)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return self._call(node, sheet, names, depth)
        raise FormulaError(f"unsupported {type(node).__name__}")

    def _call(self, node: ast.Call, sheet: str, names: dict, depth: int) -> Any:
        name = node.func.id
        if name == "IFERROR" and len(node.args) == 2:
            try:
                return self._eval(node.args[0], sheet, names, depth)
            except (FormulaError, ArithmeticError):
                return self._eval(node.args[1], sheet, names, depth)
        if name not in _FUNCTIONS:
            raise FormulaError(f"unsupported function {name}")
        args = [self._eval(arg, sheet, names, depth) for arg in node.args]
        return _FUNCTIONS[name](*args)


def _peek(ws, row: int, col: int) -> Any:
    """A cell's value without creating cells outside the used area (ws.cell would)."""
    if row > ws.max_row or col > ws.max_column:
        return None
    return ws.cell(row=row, column=col).value


def _binary(op: ast.operator, left: Any, right: Any) -> float:
    if isinstance(left, list) or isinstance(right, list):
        raise FormulaError("range in arithmetic")
    if isinstance(op, ast.Add):
        return left + right
    if isinstance(op, ast.Sub):
        return left - right
    if isinstance(op, ast.Mult):
        return left * right
    if isinstance(op, ast.Div):
        return left / right if right else _div0()
    if isinstance(op, ast.Pow):
        return left**right
    raise FormulaError(f"unsupported operator {type(op).__name__}")


def _translate(formula: str) -> tuple[str, dict[str, tuple[str | None, str]]]:
    """Excel formula → a Python expression whose names stand for cell references."""
    parts: list[str] = []
    names: dict[str, tuple[str | None, str]] = {}
    for token in Tokenizer(formula).items:
        kind, sub, text = token.type, token.subtype, token.value
        if kind == Token.OPERAND and sub == Token.NUMBER:
            parts.append(text)
        elif kind == Token.OPERAND and sub == Token.RANGE:
            sheet, _, ref = text.replace("$", "").rpartition("!")
            name = f"ref{len(names)}"
            names[name] = (sheet.strip("'") or None, ref)
            parts.append(name)
        elif kind == Token.FUNC and sub == Token.OPEN:
            parts.append(text[:-1].upper().removeprefix("_XLFN.") + "(")
        elif kind in (Token.FUNC, Token.PAREN):
            parts.append("(" if sub == Token.OPEN else ")")
        elif kind == Token.SEP and sub == Token.ARG:
            parts.append(",")
        elif kind == Token.OP_IN and text in _INFIX:
            parts.append(_INFIX[text])
        elif kind == Token.OP_PRE:
            parts.append(text)
        elif kind == Token.OP_POST and text == "%":
            parts.append("/100")
        elif kind != Token.WSPACE:
            raise FormulaError(f"unsupported token {text!r}")
    return "".join(parts), names


def _merged_spans(ws) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    """Top-left (row, col) → (row_span, col_span), and the covered positions to skip."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    merged_cells = getattr(ws, "merged_cells", None)  # absent in read-only mode
    for merged in merged_cells.ranges if merged_cells is not None else []:
        spans[(merged.min_row, merged.min_col)] = (
            merged.max_row - merged.min_row + 1,
            merged.max_col - merged.min_col + 1,
        )
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if (r, c) != (merged.min_row, merged.min_col):
                    covered.add((r, c))
    return spans, covered


def _hidden_lines(ws) -> tuple[set[int], set[int]]:
    """Hidden row numbers and column numbers of a sheet (1-based)."""
    rows = {n for n, dim in getattr(ws, "row_dimensions", {}).items() if getattr(dim, "hidden", False)}
    cols: set[int] = set()
    for dim in getattr(ws, "column_dimensions", {}).values():
        if getattr(dim, "hidden", False) and dim.min and dim.max:
            cols.update(range(dim.min, min(dim.max, dim.min + 16384) + 1))
    return rows, cols


def _sheet_grid(ws, formulas: Formulas | None,
                converted: dict[str, int]) -> dict[tuple[int, int], tuple[Any, str | None]]:  # fmt: skip
    """Non-empty cells only: (row, col) → (value, number_format), 1-based like Excel.

    A formula without a cached result (a workbook written by a script, never opened in
    Excel) is computed by :class:`Formulas` when it is simple arithmetic.
    """
    grid: dict[tuple[int, int], tuple[Any, str | None]] = {}
    for row in ws.iter_rows():
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None and formulas is not None:
                value = formulas.value(ws.title, cell.coordinate)
            if isinstance(value, str) and value.strip():
                value = _legacy_font_text(cell, value, converted)
            if not _is_empty(value):
                grid[(cell.row, cell.column)] = (value, getattr(cell, "number_format", None))
    return grid


def _legacy_font_text(cell: Any, value: str, converted: dict[str, int]) -> str:
    """Text typed in a .VnTime (TCVN3) or VNI-Times cell font, converted to Unicode."""
    from normalizers.legacy_encodings import convert, font_encoding

    font = getattr(cell, "font", None)
    encoding, capitals = font_encoding(getattr(font, "name", None))
    if encoding is None:
        return value
    converted[encoding] = converted.get(encoding, 0) + len(value)
    return convert(value, encoding, capitals)


def _read_sheet(ws, table_index: int, formulas: Formulas | None = None,
                converted: dict[str, int] | None = None, notes: list[str] | None = None) -> Table | None:  # fmt: skip
    grid = _sheet_grid(ws, formulas, {} if converted is None else converted)
    hidden_rows, hidden_cols = _hidden_lines(ws)
    skipped = {key for key in grid if key[0] in hidden_rows or key[1] in hidden_cols}
    if skipped and notes is not None:
        rows = sorted({r for r, _ in skipped if r in hidden_rows})
        cols = sorted({get_column_letter(c) for _, c in skipped if c in hidden_cols})
        notes.append(f"xlsx_hidden:{ws.title}:rows={','.join(map(str, rows))}:cols={','.join(cols)}")
    for key in skipped:
        del grid[key]
    if not grid:
        return None
    spans, covered = _merged_spans(ws)
    used_rows = sorted({r for r, _ in grid})
    used_cols = sorted({c for _, c in grid})
    col_index = {c: i for i, c in enumerate(used_cols)}
    rows: list[list[Cell]] = []
    for row_number in used_rows:
        row: list[Cell] = []
        for col_number in used_cols:
            if (row_number, col_number) in covered:
                continue
            value, number_format = grid.get((row_number, col_number), (None, None))
            row_span, col_span = spans.get((row_number, col_number), (1, 1))
            col = col_index[col_number]
            location = Location(
                sheet=ws.title,
                cell_ref=f"{get_column_letter(col_number)}{row_number}",
                table=table_index,
                row=len(rows),
                cell=col,
            )
            row.append(
                Cell(
                    text=display_text(value, number_format),
                    location=location,
                    col=col,
                    row_span=_count_used(used_rows, row_number, row_span),
                    col_span=_count_used(used_cols, col_number, col_span),
                    value=value,
                    number_format=number_format,
                )
            )
        rows.append(row)
    return Table(rows=rows, location=Location(sheet=ws.title, table=table_index))


def _count_used(used: list[int], start: int, span: int) -> int:
    """A span counted in kept rows/columns (empty ones are dropped from the table)."""
    if span == 1:
        return 1
    return max(1, sum(1 for n in used if start <= n < start + span))


_SHEET_YEAR_RE = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def _latest_year_sheets(sheets: list) -> tuple[list, list]:
    """Sheets named for a year ("PL2 2024", "Năm 2025"): an older year's sheet laid out like a
    latest year's one is left out, so last year's appendix is never mixed in; sheets without
    a year, or holding something else ("Danh sách trường 2023"), stay."""
    years = {ws.title: [int(y) for y in _SHEET_YEAR_RE.findall(ws.title)] for ws in sheets}
    latest = max((max(found) for found in years.values() if found), default=None)
    if latest is None:
        return sheets, []
    current = [ws for ws in sheets if years[ws.title] and max(years[ws.title]) == latest]
    older = [ws for ws in sheets if years[ws.title] and max(years[ws.title]) < latest
             and any(_same_shape(ws, other) for other in current)]  # fmt: skip
    return [ws for ws in sheets if ws not in older], older


def _same_shape(a, b) -> bool:
    """Two sheets laid out alike (the same appendix, another year): rows and columns within 30%."""
    def close(x: int, y: int) -> bool:
        return abs(x - y) <= 0.3 * max(x, y, 1)

    return close(a.max_row or 0, b.max_row or 0) and close(a.max_column or 0, b.max_column or 0)


def read_xlsx(path: Path, source: Source) -> Document:
    """Visible sheets in workbook order, one Table each; empty sheets are skipped."""
    read_only = path.stat().st_size > READ_ONLY_ABOVE_BYTES
    workbook = openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    formulas = None
    if not read_only and has_uncached_formulas(path):
        formulas = Formulas(workbook, openpyxl.load_workbook(path, data_only=False))
    converted: dict[str, int] = {}  # legacy font encoding → characters converted
    notes: list[str] = []
    try:
        sheets = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
        notes += [f"xlsx_hidden_sheet:{ws.title}" for ws in workbook.worksheets if sheets and ws not in sheets]
        sheets, older = _latest_year_sheets(sheets)
        notes += [f"xlsx_older_year_sheet:{ws.title}" for ws in older]
        blocks = []
        for ws in sheets or workbook.worksheets:
            table = _read_sheet(ws, len(blocks), formulas, converted, notes)
            if table is not None:
                blocks.append(table)
    finally:
        workbook.close()
    if not blocks:
        raise UnreadableDocument("tệp Excel không có dữ liệu (mọi trang tính đều trống)")
    source.notes.extend(f"{enc}_converted:{count}" for enc, count in sorted(converted.items()))
    source.notes.extend(notes)
    return Document(source=source, blocks=blocks)
