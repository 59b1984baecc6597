"""Appendix 2 as an Excel workbook (one sheet, and the per-unit layout)."""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

from sample_builders.docx_helpers import pin_zip_times
from sample_builders.template import FIXED_TIME, ITEM_TITLES, SECTIONS
from sample_builders.values import Variant, fmt_count, fmt_rate
from sample_builders.variants import UNITS

# ---------------------------------------------------------------------------
# XLSX appendix
# ---------------------------------------------------------------------------


def write_xlsx_report(variant: Variant, path: Path) -> Path:
    """Appendix sheet (STT | Nội dung | Số lượng | Tỉ lệ) with rates as fractions in % format.

    A second sheet holds something else with numbers (a per-commune list), as real files do.
    """
    wb = openpyxl.Workbook()
    wb.properties.creator = "Sở GDĐT"
    wb.properties.created = wb.properties.modified = FIXED_TIME.replace(tzinfo=None)
    ws = wb.active
    ws.title = "Phụ lục 2"
    ws["A1"] = f"UBND TỈNH {variant.province.upper()}"
    ws["A2"] = "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    ws["A4"] = "BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ GIAI ĐOẠN 2022-2025 THỰC HIỆN QUYẾT ĐỊNH 131/QĐ-TTg"
    ws.merge_cells("A4:D4")
    day, month, year = variant.date
    ws["A5"] = f"(Kèm theo Báo cáo số {variant.number} ngày {day}/{month}/{year} của Sở GDĐT {variant.unit})"
    ws.merge_cells("A5:D5")
    for ref in ("A1", "A2", "A4"):
        ws[ref].font = Font(bold=True)
    header_row = 7
    for col, text in enumerate(["STT", "Nội dung", "Số lượng", "Tỉ lệ"], start=1):
        ws.cell(header_row, col, text).font = Font(bold=True)
    row = header_row + 1
    rng = random.Random(variant.seed + "/xlsx")
    text_rate_done = text_count_done = False
    for roman, title, items in SECTIONS:
        ws.cell(row, 1, roman).font = Font(bold=True)
        ws.cell(row, 2, title).font = Font(bold=True)
        row += 1
        for item in items:
            ws.cell(row, 1, item)
            ws.cell(row, 2, ITEM_TITLES[item]).alignment = Alignment(wrap_text=True)
            row += 1
            for line in variant.lines[item]:
                ws.cell(row, 1, "-")
                ws.cell(row, 2, line.label).alignment = Alignment(wrap_text=True)
                value, rate = line.reading.value, line.reading.rate
                if value is not None:
                    if not text_count_done and value >= 10_000 and rng.random() < 0.5:
                        ws.cell(row, 3, fmt_count(value, "vi"))  # typed as text, as people do
                        text_count_done = True
                    else:
                        ws.cell(row, 3, value).number_format = "#,##0"
                if rate is not None:
                    if not text_rate_done and rate < 100 and rng.random() < 0.3:
                        ws.cell(row, 4, fmt_rate(rate, "vi"))  # "97,5%" typed as text
                        text_rate_done = True
                    else:
                        cell = ws.cell(row, 4, round(rate / 100, 6))
                        cell.number_format = "0.00%" if round(rate, 1) != rate else "0.0%"
                row += 1
    ws.column_dimensions["B"].width = 70
    ws.column_dimensions["C"].width = 14
    ws.column_dimensions["D"].width = 10
    other = wb.create_sheet("Danh sách CSGD")
    other.append(["STT", "Xã/phường", "Số trường", "Số phòng tin học", "Số máy tính"])
    for index in range(1, 16):
        other.append(
            [
                index,
                f"Xã {rng.choice(['Tân', 'Hòa', 'Phú', 'An', 'Bình'])} {rng.choice(['Lập', 'Thành', 'Lợi', 'Hưng'])}",
                rng.randint(3, 20),
                rng.randint(2, 30),
                rng.randint(40, 900),
            ]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    pin_zip_times(path)
    return path


def write_xlsx_units_report(variant: Variant, path: Path) -> Path:
    """A second Excel habit: cover sheet first, then TT | Chỉ tiêu | Đơn vị tính | Số lượng |
    Tỷ lệ (%) with rates typed as percent numbers (97.1, General format), merged section rows."""
    wb = openpyxl.Workbook()
    wb.properties.creator = "Phòng KHTC"
    wb.properties.created = wb.properties.modified = FIXED_TIME.replace(tzinfo=None)
    cover = wb.active
    cover.title = "Hướng dẫn"
    for line in [
        f"SỞ GIÁO DỤC VÀ ĐÀO TẠO {variant.unit.upper()}",
        "Hướng dẫn điền biểu số liệu Phụ lục 2 (Văn bản số 6541/BGDĐT-KHCNTT ngày 16/10/2025)",
        "1. Các đơn vị điền số liệu tại sheet Biểu 2, không thay đổi cấu trúc biểu.",
        "2. Tỷ lệ ghi theo phần trăm (ví dụ: 97,5), số lượng ghi số nguyên.",
        "3. Hạn gửi: 10/11/2025; liên hệ: 0262.3852.xxx.",
    ]:
        cover.append([line])
    ws = wb.create_sheet("Biểu 2")
    day, month, year = variant.date
    ws.append([f"UBND {variant.unit.upper()}"])
    ws.append(["SỞ GIÁO DỤC VÀ ĐÀO TẠO"])
    ws.append([])
    ws.append(["BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ THỰC HIỆN ĐỀ ÁN THEO QUYẾT ĐỊNH 131/QĐ-TTg"])
    ws.merge_cells("A4:E4")
    ws.append([f"(Kèm theo Báo cáo số {variant.number} ngày {day:02d}/{month:02d}/{year})"])
    ws.merge_cells("A5:E5")
    ws.append(["TT", "Chỉ tiêu", "Đơn vị tính", "Số lượng", "Tỷ lệ (%)"])
    for cell in ws[6]:
        cell.font = Font(bold=True)
    for roman, title, items in SECTIONS:
        ws.append([roman, title.upper()])
        ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=5)
        ws.cell(ws.max_row, 2).font = Font(bold=True)
        for item in items:
            for index, line in enumerate(variant.lines[item], start=1):
                value, rate = line.reading.value, line.reading.rate
                unit = "%" if line.code in ("5a", "5b") else UNITS.get(line.code or "", "")
                ws.append([f"{item}.{index}", line.label, unit, value, rate])
                if value is not None:
                    ws.cell(ws.max_row, 4).number_format = "#,##0"
                if rate is not None:
                    ws.cell(ws.max_row, 5).number_format = "0.0"
    ws.column_dimensions["B"].width = 70
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    pin_zip_times(path)
    return path


