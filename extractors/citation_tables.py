"""Registers and tracking sheets of documents, read row by row (issue 14).

A sổ văn bản đến/đi, a tracking workbook or a list of documents in a report is a table
whose header names its columns: "Số, ký hiệu", "Ngày tháng", "Tên loại và trích yếu nội
dung", "Cơ quan ban hành" / "Tác giả" / "Nơi gửi".  The number, date and issuer of one
row form one citation although they stand in different cells, and the number needs no
type word nor a known code: the column says what it is ("175/QĐ-SYT", "12/GM-SYT", also
"175" beside a "Ký hiệu" column holding "QĐ-SYT").

The header words decide the columns, never the position: "Số đến" and "Ngày đến" (the
register's own arrival number and date), "STT", "Hạn xử lý", "Người nhận" are not the
document's.  Dates are day first (d/m/y, as Vietnamese write them) unless the column says
otherwise: its header ("Ngày (mm/dd/yyyy)") or its own values (a "11/28/2017" is only
possible month first); such a citation is noted ``month_first_column``.  A date cell that
holds a real spreadsheet date is taken as is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from baocao.model import Document, Table
from extractors.citation_grammar import DATE_AFTER_RE, DATE_RE, SymbolParts, parse_symbol, parts_of, symbol_re
from extractors.citation_stream import Cells, Span, TextStream
from normalizers.dates import parse_date
from normalizers.text import strip_diacritics

__all__ = ["RegisterRow", "Registers", "read_registers"]

_HEADER_ROWS = 12  # a header stands within the first rows of its table (titles above it)
_NOT_THE_DOCUMENTS = (
    "so den", "ngay den", "ngay nhan", "so tt", "stt", "thu tu", "so luong", "so trang", "so ban", "so to",
    "han ", "hieu luc", "ngay chuyen", "ngay hoan", "ky nhan", "nguoi nhan", "don vi nhan", "noi nhan",
    "ghi chu", "nguoi ky", "ngay tra", "ngay xu ly", "van ban den", "so vb den",
)  # fmt: skip
_MONTH_FIRST_WORDS = ("mm/dd", "mm-dd", "thang/ngay", "thang ngay nam", "m/d/y")
_DAY_FIRST_WORDS = ("dd/mm", "dd-mm", "ngay/thang", "d/m/y")


@dataclass
class RegisterRow:
    """One row of a register: what the finder turns into a citation."""

    offset: int  # start of the ký hiệu in the number cell (where the finder would read it too)
    end: int  # end of the number cell's ký hiệu
    parts: SymbolParts
    date: str | None
    raw: str
    type_text: str | None  # the row's type column or the summary's first words
    issuer_span: Span | None
    notes: list[str] = field(default_factory=list)


@dataclass
class Registers:
    """The rows read, and the cells of the register's own numbering ("Số đến"): never citations."""

    rows: list[RegisterRow] = field(default_factory=list)
    own_cells: set[int] = field(default_factory=set)  # starts of those cells


# The register's own numbering: its arrival number ("Số đến: 1520/VP") is not a cited document.
_OWN_NUMBER_HEADERS = ("so den", "van ban den", "so vb den", "stt", "so tt", "so thu tu")


@dataclass
class _Columns:
    roles: dict[int, str]  # column -> symbol | number | code | date | summary | issuer | type
    headers: dict[int, str]  # column -> folded header text

    def own_numbering(self) -> set[int]:
        return {c for c, h in self.headers.items() if any(h.startswith(w) or f" {w}" in h for w in _OWN_NUMBER_HEADERS)}

    def column(self, role: str) -> int | None:
        return next((c for c, r in self.roles.items() if r == role), None)


def _fold(text: str) -> str:
    return " ".join(regex.sub(r"[^\p{L}\p{N}/]+", " ", strip_diacritics(text)).split())


def _role(header: str) -> str | None:
    """What a column holds, from its folded header words."""
    if any(word in f" {header} " or header.startswith(word.strip()) for word in _NOT_THE_DOCUMENTS):
        return None
    if header in ("so", "so vb"):
        return "number"
    if header == "ky hieu":
        return "code"
    if "ky hieu" in header or "so hieu" in header or "so van ban" in header or header.startswith("so vb"):
        return "symbol"
    if "trich yeu" in header or "noi dung" in header or "ten van ban" in header or "tieu de" in header:
        return "summary"
    if "loai van ban" in header or header.startswith("ten loai") or header == "loai":
        return "type"
    if header.startswith("ngay") or " ngay" in f" {header}":
        return "date"
    issuer_words = ("co quan", "tac gia", "noi gui", "don vi ban hanh", "noi ban hanh", "don vi gui", "cap ban hanh")
    if any(word in header for word in issuer_words):
        return "issuer"
    return None


def _columns(rows: list[list[Span]], text: str) -> tuple[int, _Columns] | None:
    """(index of the header row, its columns) when the table is a list of documents."""
    previous: dict[int, str] = {}
    for index, row in enumerate(rows[:_HEADER_ROWS]):
        headers = {span.column: _fold(text[span.start : span.end]) for span in row}
        roles = {column: role for column, header in headers.items() if (role := _role(header))}
        for column, header in previous.items():  # a two-row header: "Trích yếu" merged down
            if column not in headers and (role := _role(header)):
                roles[column], headers[column] = role, header
        kinds = set(roles.values())
        numbered = "symbol" in kinds or "number" in kinds
        if numbered and kinds & {"date", "summary", "issuer"} and all(len(h) <= 80 for h in headers.values()):
            return index, _Columns(roles, headers)
        previous = headers
    return None


def _tables(cells: Cells) -> Iterator[list[list[Span]]]:
    """The stream's tables as rows of cells, in reading order."""
    tables: dict[tuple, dict[tuple, list[Span]]] = {}
    for span in cells.spans:
        tables.setdefault(span.table, {}).setdefault(span.row, []).append(span)
    for rows in tables.values():
        yield [sorted(row, key=lambda s: s.column) for row in rows.values()]


def _cell_values(document: Document) -> dict[int, object]:
    """id(location) -> the cell's typed value (a spreadsheet date), for cells that have one."""
    out: dict[int, object] = {}
    for block in document.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    if cell.value is not None and not isinstance(cell.value, str):
                        out[id(cell.location)] = cell.value
    return out


def _month_first(columns: _Columns, spans: list[Span], text: str) -> bool:
    """The date column is month first: its header says so, or a value is only possible so."""
    column = columns.column("date")
    header = columns.headers.get(column, "") if column is not None else ""
    if any(word in header for word in _MONTH_FIRST_WORDS):
        return True
    if any(word in header for word in _DAY_FIRST_WORDS):
        return False
    firsts, seconds = [], []
    for span in spans:
        for m in DATE_RE.finditer(text, span.start, span.end):
            if m.group("s"):
                firsts.append(int(m.group("d")))
                seconds.append(int(m.group("m")))
    return not any(f > 12 for f in firsts) and any(s > 12 for s in seconds)


def read_registers(stream: TextStream, cells: Cells, document: Document) -> Registers:
    """Every data row of every list-of-documents table whose number cell holds a ký hiệu."""
    text = stream.text
    values: dict[int, object] | None = None
    out = Registers()
    for rows in _tables(cells):
        found = _columns(rows, text)
        if found is None:
            continue
        if values is None:
            values = _cell_values(document)
        header_index, columns = found
        data = rows[header_index + 1 :]
        date_column = columns.column("date")
        dated = [span for row in data for span in row if span.column == date_column]
        month_first = _month_first(columns, dated, text)
        own = columns.own_numbering()
        for row in data:
            out.own_cells.update(span.start for span in row if span.column in own)
            register_row = _row(row, columns, stream, values, month_first)
            if register_row:
                out.rows.append(register_row)
    return out


def _row(
    row: list[Span], columns: _Columns, stream: TextStream, values: dict[int, object], month_first: bool
) -> RegisterRow | None:
    text = stream.text
    by_role: dict[str, Span] = {}
    for span in row:
        role = columns.roles.get(span.column)
        if role and role not in by_role:
            by_role[role] = span
    number = by_role.get("symbol") or by_role.get("number")
    if number is None:
        return None
    found = _symbol_in(number, by_role.get("code"), text)
    if found is None:
        return None
    parts, start, end = found
    notes: list[str] = []
    date = _date_after(text, end, number.end)
    if date is None and "date" in by_role:
        date = _date_cell(by_role["date"], stream, values, month_first, notes)
    pieces = [by_role[r] for r in ("symbol", "number", "code", "date", "issuer") if r in by_role]
    raw = " | ".join(" ".join(stream.original[s.start : s.end].split()) for s in pieces)
    type_span = by_role.get("type") or by_role.get("summary")
    type_text = None
    if type_span:
        type_text = " ".join(text[type_span.start : min(type_span.end, type_span.start + 80)].split())
    return RegisterRow(start, end, parts, date, raw, type_text, by_role.get("issuer"), notes)


# "Số: 175/QĐ-SYT", "QĐ 175/QĐ-SYT", "CV 4729/SXD", "175/QĐ-SYT", "175" (with the code in its own column).
_PREFIX_RE = regex.compile(r"\s*(?:\p{Lu}\p{L}{0,3}\.?[ \t]+)?(?:(?i:số|so)[ \t]*:?[ \t]*)?")
_NUMBER_ONLY_RE = regex.compile(r"\s*(?:(?i:số|so)\s*:?\s*)?(\d{1,3}(?:\.\d{3}){1,2}|\d{1,5}[a-zA-Z]?)\s*")


def _symbol_in(number: Span, code: Span | None, text: str) -> tuple[SymbolParts, int, int] | None:
    """The ký hiệu of the number cell (and the code cell beside it): parts, start and end."""
    prefix = _PREFIX_RE.match(text, number.start, number.end)
    for start in dict.fromkeys((prefix.end() if prefix else number.start, number.start)):
        m = symbol_re().match(text, start, number.end)
        if m:
            return parts_of(m), m.start(), m.end()
    bare = _NUMBER_ONLY_RE.fullmatch(text, number.start, number.end)
    if bare and code is not None:
        parts = parse_symbol(f"{bare.group(1)}/{' '.join(text[code.start : code.end].split())}")
        if parts:
            return parts, bare.start(1), number.end
    return None


def _date_after(text: str, end: int, cell_end: int) -> str | None:
    """A date written in the number cell after the ký hiệu ("175/QĐ-SYT\\n28/11/2017")."""
    m = DATE_AFTER_RE.match(text, end, cell_end)
    return parse_date(m.group("d"), m.group("m"), m.group("y")) if m else None


def _date_cell(
    span: Span, stream: TextStream, values: dict[int, object], month_first: bool, notes: list[str]
) -> str | None:
    value = values.get(id(stream.locations[_piece_index(stream, span.start)]))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    m = DATE_RE.search(stream.text, span.start, span.end)
    if not m:
        return None
    if month_first and m.group("s"):
        notes.append("month_first_column")
        return parse_date(m.group("m"), m.group("d"), m.group("y"))
    return parse_date(m.group("d"), m.group("m"), m.group("y"))


def _piece_index(stream: TextStream, offset: int) -> int:
    import bisect

    return max(bisect.bisect_right(stream.starts, offset) - 1, 0)
