"""The ``xlsx_format`` samples of ``scripts/build_format_samples.py``: a workbook whose cells
show their figures through number formats, as a province's own spreadsheet does.

What is in it (each a trap for a reader that takes raw values or the first sheet):
rates stored unrounded (a formula's result) behind ``0.0%``/``0.00%`` (``"percent"``) or a
``0.0``/``0.00`` number in a "Tỉ lệ (%)" column (``"number"``), so only the displayed text
matches the report; counts in ``#,##0`` and one typed as text ("1.002.912"); a rate typed
as text ("97,1%"); a hidden column of denominators; a hidden helper row; last year's
appendix on a sheet before this year's (hidden in one sample, visible in the other); "Tỉ lệ"
before "Số lượng" in one sample; an instructions sheet first; merged title and section
cells; the report date as a real date cell.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

import openpyxl
from build_samples import FIXED_TIME, ITEM_TITLES, SECTIONS, Variant, fmt_count, fmt_rate, pin_zip_times
from openpyxl.styles import Alignment, Font

HEADERS = ["STT", "Nội dung", "Mẫu số", "Số lượng", "Tỉ lệ (%)"]
COLUMNS = {"percent": (4, 5), "number": (5, 4)}  # (count, rate) column: the "number" sample puts the rate first


def _rate_cell(rate: float, style: str, rng: random.Random) -> tuple[float, str]:
    """(stored value, number format) that displays ``rate`` exactly, stored unrounded."""
    decimals = 0 if rate == int(rate) else 1 if round(rate, 1) == rate else 2
    decimals = max(decimals, rng.choice([1, 2]) if decimals < 2 else 2)
    step = 10 ** -decimals
    jitter = 0.0 if rate in (0, 100) else rng.uniform(-0.4, 0.4) * step
    fmt = "0." + "0" * decimals
    if style == "percent":
        return round((rate + jitter) / 100, 12), fmt + "%"
    return round(rate + jitter, 10), fmt


def _sheet(wb, title: str, v: Variant, style: str, rng: random.Random, scale: float = 1.0) -> dict[str, float]:
    ws = wb.create_sheet(title)
    kind = "THÀNH PHỐ" if v.unit.startswith("thành phố") else "TỈNH"
    ws["A1"], ws["A2"] = f"UBND {kind} {v.province.upper()}", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    ws["A4"] = "PHỤ LỤC 2. BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ THỰC HIỆN QUYẾT ĐỊNH 131/QĐ-TTg"
    ws.merge_cells("A4:E4")
    day, month, year = v.date
    ws["A5"] = f"(Kèm theo Báo cáo số {v.number} của Sở GDĐT {v.unit})"
    ws.merge_cells("A5:E5")
    ws["A6"], ws["C6"] = "Ngày báo cáo:", datetime(year - (scale != 1.0), month, day)
    ws["C6"].number_format = "dd/mm/yyyy"
    count_col, rate_col = COLUMNS[style]
    headers = {**dict(enumerate(HEADERS[:3], start=1)), count_col: HEADERS[3], rate_col: HEADERS[4]}
    for col, text in headers.items():
        ws.cell(8, col, text).font = Font(bold=True)
    row, shown, text_done = 9, {}, {"count": False, "rate": False}
    for roman, section, items in SECTIONS:
        ws.cell(row, 1, roman).font = Font(bold=True)
        ws.cell(row, 2, section).font = Font(bold=True)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        row += 1
        for item in items:
            ws.cell(row, 1, item)
            ws.cell(row, 2, ITEM_TITLES[item]).alignment = Alignment(wrap_text=True)
            row += 1
            for line in v.lines[item]:
                row = _line(ws, row, line, style, rng, scale, shown, text_done)
            if item == 2:  # a helper row the province hid before sending
                ws.cell(row, 2, "(dòng tạm tính, không in)")
                ws.row_dimensions[row].hidden = True
                row += 1
    ws.column_dimensions["B"].width = 70
    ws.column_dimensions["C"].hidden = True
    return shown


def _line(ws, row: int, line, style: str, rng: random.Random, scale: float, shown: dict, text_done: dict) -> int:
    ws.cell(row, 1, "-")
    ws.cell(row, 2, line.label).alignment = Alignment(wrap_text=True)
    value, rate = line.reading.value, line.reading.rate
    if value is not None:
        value = int(value * scale)
        if value and rate:
            ws.cell(row, 3, round(value * 100 / rate)).number_format = "#,##0"  # the hidden denominator
        if not text_done["count"] and value >= 1000 and scale == 1.0:
            cell = ws.cell(row, COLUMNS[style][0], fmt_count(value, "vi"))  # typed as text
            cell.number_format = "@"
            text_done["count"] = True
        else:
            ws.cell(row, COLUMNS[style][0], value).number_format = "#,##0"
    if rate is not None:
        if not text_done["rate"] and 0 < rate < 100 and scale == 1.0:
            ws.cell(row, COLUMNS[style][1], fmt_rate(rate, "vi"))  # "97,1%" typed as text
            text_done["rate"] = True
        else:
            stored, number_format = _rate_cell(rate, style, rng)
            ws.cell(row, COLUMNS[style][1], stored).number_format = number_format
        if line.code:
            shown[line.code] = rate
    return row + 1


def write_formatted_xlsx(v: Variant, path: Path, style: str, rng: random.Random) -> dict[str, float]:
    """Write the workbook; returns code → the rate each cell displays (the gold's rate)."""
    wb = openpyxl.Workbook()
    wb.properties.creator = "Sở GDĐT"
    wb.properties.created = wb.properties.modified = FIXED_TIME.replace(tzinfo=None)
    guide = wb.active
    guide.title = "Hướng dẫn"
    for index, text in enumerate(["HƯỚNG DẪN ĐIỀN BIỂU", "1. Điền số liệu vào các cột Số lượng và Tỉ lệ.",
                                  "2. Tỉ lệ tính bằng phần trăm, làm tròn theo định dạng ô.",
                                  "3. Không sửa tên các chỉ tiêu."], start=1):  # fmt: skip
        guide.cell(index, 1, text)
    old = wb.worksheets.index(guide) + 1
    _sheet(wb, "PL2 năm 2024", v, style, random.Random(rng.random()), scale=0.9)
    if style == "percent":  # hidden last year; the other sample leaves it visible, before this year's
        wb.worksheets[old].sheet_state = "hidden"
    shown = _sheet(wb, "PL2 năm 2025", v, style, rng)
    wb.active = len(wb.worksheets) - 1
    wb.save(path)
    pin_zip_times(path)
    return shown
