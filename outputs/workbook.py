"""The Excel workbook the Ministry opens: real numbers, all 34 units, Vietnamese headers.

"Phụ lục 2" has the 25 template lines down and, across, "Cả nước" then each unit in
the Ministry's order with a count column (int) and a rate column (float, "0"/"0.0"/
"0.00" as the province wrote it); nothing reported is an empty cell, never 0.  Open
warning/error flags colour their cells and ride along as comments; values a reviewer
corrected or rejected are marked.  Every text cell goes through ``neutralize``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from outputs.snapshot import Cell, ProvinceReport, Snapshot, build_snapshot, received_local
from store.db import session_scope
from store.export import ExportError, detailed_rows, neutralize
from store.export import write_export as write_machine_export
from store.schema import Citation, Document, Flag

APPENDIX = "Phụ lục 2"
STATUS_SHEET = "Tình hình nộp báo cáo"
HEADER_ROWS = 3  # title, unit names, "Số lượng | Tỉ lệ (%)"
FIRST_DATA_COLUMN = 3  # A = Mã, B = Chỉ tiêu, then Cả nước
LABEL_CHARS_PER_LINE = 52  # column B at width 48; rows are sized for wrapped labels (no autofit on open)
RATE_FORMATS = {0: "0", 1: "0.0", 2: "0.00"}
STATUS_VI = {"extracted": "trích xuất", "accepted": "đã chấp nhận", "corrected": "đã sửa khi rà soát",
             "rejected": "bị bác khi rà soát (đọc sai)"}  # fmt: skip
SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"}

_BOLD = Font(name="Times New Roman", bold=True)
_PLAIN = Font(name="Times New Roman")
_TITLE = Font(name="Times New Roman", bold=True, size=14)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_NATION_FILL = PatternFill("solid", fgColor="FFF2CC")
_FILLS = {"error": PatternFill("solid", fgColor="F8CBAD"), "warning": PatternFill("solid", fgColor="FFE699")}
_CORRECTED_FILL = PatternFill("solid", fgColor="C6E0B4")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_MIDDLE = Alignment(vertical="center")
_WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")


def write_export(engine: Engine, out: str | Path) -> int:
    """``baocao export``: the workbook for .xlsx, CSV/Parquet through the store's export."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        return write_machine_export(engine, out)
    with session_scope(engine) as session:
        count = write_workbook(session, out)
    return count


def write_workbook(session: Session, out: Path) -> int:
    """Write the workbook; return the number of long-format rows ("Số liệu")."""
    snapshot = build_snapshot(session)
    rows = detailed_rows(session)
    book = Workbook()
    appendix_sheet(book.active, snapshot)
    status_sheet(book.create_sheet(STATUS_SHEET), snapshot)
    long_sheet(book.create_sheet("Số liệu"), rows)
    _table_sheet(book.create_sheet("Văn bản trích dẫn"), _citation_table(session, snapshot))
    _table_sheet(book.create_sheet("Cảnh báo"), _flag_table(session, snapshot))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    book.save(tmp)
    tmp.replace(out)
    return len(rows)


# ---------------------------------------------------------------------------
# Phụ lục 2
# ---------------------------------------------------------------------------


def appendix_sheet(sheet: Worksheet, snapshot: Snapshot) -> None:
    sheet.title = APPENDIX
    units = ["Cả nước", *(p.name for p in snapshot.provinces)]
    last_column = FIRST_DATA_COLUMN + 2 * len(units) - 1
    done = f"{len(snapshot.reporting)}/{len(snapshot.provinces)} tỉnh, thành phố đã báo cáo"
    sheet.cell(1, 1, f"PHỤ LỤC 2 — SỐ LIỆU THỐNG KÊ THỰC HIỆN QUYẾT ĐỊNH 131/QĐ-TTg ({done})").font = _TITLE
    _header(sheet, 2, 1, "Mã", merge_down=True)
    _header(sheet, 2, 2, "Chỉ tiêu", merge_down=True)
    for index, unit in enumerate(units):
        column = FIRST_DATA_COLUMN + 2 * index
        _header(sheet, 2, column, unit)
        sheet.merge_cells(start_row=2, start_column=column, end_row=2, end_column=column + 1)
        _header(sheet, 3, column, "Số lượng")
        _header(sheet, 3, column + 1, "Tỉ lệ (%)")
    for offset, line in enumerate(snapshot.lines):
        row = HEADER_ROWS + 1 + offset
        sheet.cell(row, 1, line.code).font = _BOLD
        label = sheet.cell(row, 2, neutralize(line.label))
        label.font, label.alignment = _PLAIN, Alignment(wrap_text=True, vertical="center")
        sheet.row_dimensions[row].height = 15 * max(1, -(-len(line.label) // LABEL_CHARS_PER_LINE))
        _national_cells(sheet, row, snapshot, line.code)
        for index, province in enumerate(snapshot.provinces, start=1):
            _province_cells(sheet, row, FIRST_DATA_COLUMN + 2 * index, province, line.code)
    _layout(sheet, last_column, HEADER_ROWS + len(snapshot.lines))


def _header(sheet: Worksheet, row: int, column: int, text: str, merge_down: bool = False) -> None:
    cell = sheet.cell(row, column, text)
    cell.font, cell.fill, cell.alignment, cell.border = _BOLD, _HEAD_FILL, _WRAP, _BOX
    if merge_down:
        sheet.merge_cells(start_row=row, start_column=column, end_row=row + 1, end_column=column)


def _national_cells(sheet: Worksheet, row: int, snapshot: Snapshot, code: str) -> None:
    national = snapshot.national[code]
    count = sheet.cell(row, FIRST_DATA_COLUMN, national.count)
    rate = sheet.cell(row, FIRST_DATA_COLUMN + 1, national.rate)
    count.number_format, rate.number_format = "#,##0", "0.00"
    for cell in (count, rate):
        cell.fill, cell.border, cell.font, cell.alignment = _NATION_FILL, _BOX, _BOLD, _MIDDLE
    rate.comment = _comment(national.note)
    if national.count is not None:
        count.comment = _comment(f"Tổng số lượng của {national.count_provinces} tỉnh, thành phố có số liệu.")


def _province_cells(sheet: Worksheet, row: int, column: int, province: ProvinceReport, code: str) -> None:
    data = province.cells.get(code) or Cell()
    count = sheet.cell(row, column, data.value)
    rate = sheet.cell(row, column + 1, data.rate)
    count.number_format = "#,##0" if isinstance(data.value, int) or data.value is None else "#,##0.00"
    rate.number_format = RATE_FORMATS.get(data.rate_decimals, "0.0")
    for cell in (count, rate):
        cell.border, cell.font, cell.alignment = _BOX, _PLAIN, _MIDDLE
    notes = _cell_notes(data)
    if notes:
        count.comment = rate.comment = _comment("\n".join(notes))
    fill = _cell_fill(data)
    if fill is not None:
        count.fill = rate.fill = fill


def _cell_notes(data: Cell) -> list[str]:
    notes = [f"[{SEVERITY_VI.get(f.severity, f.severity)} #{f.id} {f.code}] {f.message}" for f in data.flags
             if f.severity in _FILLS]  # fmt: skip
    if data.status in ("corrected", "rejected"):
        notes.insert(0, f"Giá trị {STATUS_VI[data.status]}" + (f"; báo cáo ghi: {data.raw}" if data.raw else ""))
    return [str(neutralize(note)) for note in notes]


def _cell_fill(data: Cell) -> PatternFill | None:
    severities = {f.severity for f in data.flags}
    if "error" in severities:
        return _FILLS["error"]
    if "warning" in severities:
        return _FILLS["warning"]
    if data.status in ("corrected", "rejected"):
        return _CORRECTED_FILL
    return None


def _comment(text: str) -> Comment:
    comment = Comment(text[:30000], "baocao")
    comment.width, comment.height = 320, 160
    return comment


def _layout(sheet: Worksheet, last_column: int, last_row: int) -> None:
    sheet.freeze_panes = sheet.cell(HEADER_ROWS + 1, FIRST_DATA_COLUMN + 2)  # labels + Cả nước stay
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 48
    for column in range(FIRST_DATA_COLUMN, last_column + 1):
        count_column = (column - FIRST_DATA_COLUMN) % 2 == 0
        sheet.column_dimensions[get_column_letter(column)].width = 11 if count_column else 8
    sheet.row_dimensions[2].height = 32
    sheet.print_title_rows = f"1:{HEADER_ROWS}"
    sheet.print_title_cols = "A:B"
    sheet.print_area = f"A1:{get_column_letter(last_column)}{last_row}"
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False


# ---------------------------------------------------------------------------
# Tình hình nộp báo cáo
# ---------------------------------------------------------------------------

STATUS_HEADERS = ["STT", "Tỉnh, thành phố", "Đã nộp báo cáo", "Tệp nguồn", "Ngày nhận", "Số lần nộp lại",
                  "Số, ký hiệu báo cáo", "Ngày báo cáo", "Lỗi chưa xử lý", "Cảnh báo chưa xử lý",
                  "Thông tin chưa xử lý"]  # fmt: skip


def status_sheet(sheet: Worksheet, snapshot: Snapshot) -> None:
    sheet.append(STATUS_HEADERS)
    for index, province in enumerate(snapshot.provinces, start=1):
        document = province.document
        severities = province.severity_counts()
        sheet.append([
            index, province.name, "Đã nộp" if document else "Chưa nộp",
            neutralize(document.source_path) if document else None,
            received_local(document.received_at) if document else None,
            max(province.submissions - 1, 0) if document else None,
            neutralize(document.own_number) if document else None,
            neutralize(document.report_date) if document else None,
            severities.get("error", 0) if document else None,
            severities.get("warning", 0) if document else None,
            severities.get("info", 0) if document else None,
        ])  # fmt: skip
        if not document:
            sheet.cell(sheet.max_row, 3).fill = _FILLS["warning"]
    for cell in sheet["E"][1:]:
        cell.number_format = "dd/mm/yyyy hh:mm"
    _style_table(sheet, [6, 22, 14, 60, 17, 10, 20, 13, 10, 10, 10])


def _style_table(sheet: Worksheet, widths: list[int]) -> None:
    for cell in sheet[1]:
        cell.font, cell.fill, cell.alignment, cell.border = _BOLD, _HEAD_FILL, _WRAP, _BOX
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C2" if sheet.max_column > 2 else "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


# ---------------------------------------------------------------------------
# Long format and the reference sheets (Vietnamese headers; machine names stay in CSV)
# ---------------------------------------------------------------------------

LONG_HEADERS = ["Tỉnh, thành phố", "Mã chỉ tiêu", "Số lượng", "Tỉ lệ (%)", "Trạng thái", "Tệp nguồn",
                "Mã SHA-256", "Thời điểm nhận"]  # fmt: skip


def long_sheet(sheet: Worksheet, rows: list[dict[str, Any]]) -> None:
    sheet.append(LONG_HEADERS)
    for row in rows:
        sheet.append([neutralize(v) for v in (
            row["province"], row["indicator"], row.get("value"), row.get("rate"),
            STATUS_VI.get(row.get("status") or "", row.get("status")), row.get("source"), row.get("sha256"),
            row.get("received_at"))])  # fmt: skip
    _style_table(sheet, [20, 10, 12, 10, 18, 60, 20, 24])


def _table_sheet(sheet: Worksheet, table: list[list[Any]]) -> None:
    for line in table:
        sheet.append([neutralize(value) for value in line])
    _style_table(sheet, [20] * len(table[0]))


def _latest_ids(snapshot: Snapshot) -> dict[int, str]:
    return {p.document.id: p.name for p in snapshot.provinces if p.document is not None}


def _citation_table(session: Session, snapshot: Snapshot) -> list[list[Any]]:
    table: list[list[Any]] = [["Tỉnh, thành phố", "Văn bản", "Loại văn bản", "Số", "Ký hiệu", "Cơ quan ban hành",
                               "Ngày ban hành", "Nguyên văn"]]  # fmt: skip
    ids = _latest_ids(snapshot)
    query = select(Citation).where(Citation.document_id.in_(ids)).order_by(Citation.document_id, Citation.position)
    for c in session.scalars(query):
        table.append([ids[c.document_id], c.citation_id, c.type, c.number, c.symbol, c.issuer, c.date, c.raw])
    return table


def _flag_table(session: Session, snapshot: Snapshot) -> list[list[Any]]:
    table: list[list[Any]] = [["Mã cảnh báo", "Tỉnh, thành phố", "Quy tắc", "Mức độ", "Chỉ tiêu", "Nội dung",
                               "Còn hiệu lực"]]  # fmt: skip
    ids = _latest_ids(snapshot)
    query = select(Flag, Document).join(Document).where(Flag.document_id.in_(ids)).order_by(Flag.id)
    for flag, _document in session.execute(query):
        indicator = flag.indicator or ", ".join(flag.indicators or [])
        table.append([flag.id, ids[flag.document_id], flag.code, SEVERITY_VI.get(flag.severity, flag.severity),  # type: ignore[index]
                      indicator or None, flag.message, "có" if flag.active else "không"])  # fmt: skip
    return table


__all__ = ["ExportError", "write_export", "write_workbook"]
