"""Generated variants as Word documents: body text and the appendix layout families."""

from __future__ import annotations

import random
from pathlib import Path

from docx.document import Document as DocxDocument

from sample_builders.docx_helpers import (
    add_header_block,
    add_para,
    add_title,
    new_document,
    page_break,
    repeat_header,
    save_docx,
    set_cell_text,
    set_widths,
)
from sample_builders.haiphong import add_three_col_appendix
from sample_builders.template import ITEM_SHORT_TITLES, ITEM_TITLES, SECTIONS
from sample_builders.values import AppendixLine, Variant, fmt_count, fmt_rate

# ---------------------------------------------------------------------------
# Generated variants: body text and the appendix layouts
# ---------------------------------------------------------------------------

FILLER = [
    "Sở GDĐT đã tham mưu UBND {unit} ban hành Kế hoạch số {n1}/KH-UBND ngày {d1} về chuyển đổi số ngành "
    "giáo dục giai đoạn 2022-2025; ban hành Kế hoạch số {n2}/KH-SGDĐT ngày {d2} về ứng dụng công nghệ thông "
    "tin và chuyển đổi số năm học 2024-2025, giao chỉ tiêu cụ thể cho từng cơ sở giáo dục.",
    "Thực hiện Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022 của Bộ GDĐT ban hành Bộ chỉ số đánh giá mức độ "
    "chuyển đổi số của cơ sở giáo dục phổ thông và giáo dục thường xuyên, {pct}% cơ sở giáo dục trên địa bàn "
    "đã tự đánh giá trên hệ thống; toàn ngành hiện có {rooms} phòng tin học với khoảng {pcs} máy tính phục vụ dạy học.",
    "Ngành đã triển khai Đề án 06/CP theo Kế hoạch số {n3}/KH-UBND ngày {d3} của UBND {unit}; phối hợp Công an "
    "tỉnh làm sạch dữ liệu, xác thực mã định danh cá nhân cho học sinh, giáo viên; đến nay dữ liệu ngành đã kết "
    "nối với Cơ sở dữ liệu quốc gia về dân cư.",
    "Công tác bồi dưỡng kỹ năng số được quan tâm: năm học 2024-2025 đã tổ chức {courses} lớp tập huấn cho hơn "
    "{trainees} lượt cán bộ quản lý, giáo viên về khai thác học liệu số, ứng dụng trí tuệ nhân tạo trong dạy học "
    "theo Văn bản số {n4}/BGDĐT-GDPT ngày {d4} của Bộ GDĐT.",
    "Về dịch vụ công trực tuyến, Sở đã rà soát, công bố danh mục thủ tục hành chính theo Quyết định số "
    "{n5}/QĐ-UBND ngày {d5} của Chủ tịch UBND {unit}; tỉ lệ hồ sơ giải quyết đúng hạn đạt trên {pct2}%; "
    "thanh toán trực tuyến phí, lệ phí được triển khai đồng bộ.",
    "Hạ tầng mạng được đầu tư từ nhiều nguồn: ngân sách nhà nước, xã hội hóa với tổng kinh phí khoảng {money} "
    "tỷ đồng; {pct3}% trường học có đường truyền Internet cáp quang, nhiều trường được trang bị phòng học "
    "thông minh, phòng STEM.",
    "Ngày {d6}, Sở GDĐT phối hợp với Viettel {prov} ký kết thỏa thuận hợp tác chuyển đổi số giai đoạn "
    "2025-2030; triển khai sổ điểm điện tử, học bạ số theo Thông tư số 09/2021/TT-BGDĐT ngày 30/3/2021 tại "
    "{schools} trường phổ thông.",
    "Khó khăn, hạn chế: kinh phí đầu tư thiết bị còn hạn chế, nhiều máy tính đã sử dụng trên 7 năm; một bộ phận "
    "giáo viên lớn tuổi còn lúng túng khi sử dụng các nền tảng số; đường truyền ở các xã vùng sâu, vùng xa chưa "
    "ổn định, ảnh hưởng đến việc tổ chức dạy học trực tuyến.",
    "Trong thời gian tới, ngành tiếp tục thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về "
    "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia; Nghị quyết số 71/NQ-CP "
    "ngày 01/4/2025 của Chính phủ; ưu tiên nguồn lực cho hạ tầng số và học liệu số.",
]


def _date(rng: random.Random, year: int) -> str:
    return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}"


def filler_paragraph(index: int, variant: Variant, rng: random.Random) -> str:
    template = FILLER[index % len(FILLER)]
    return template.format(
        unit=variant.unit,
        prov=variant.province,
        n1=rng.randint(20, 320),
        n2=rng.randint(10, 3000),
        n3=rng.randint(20, 320),
        n4=rng.randint(1000, 6000),
        n5=rng.randint(100, 2900),
        d1=_date(rng, 2022),
        d2=_date(rng, 2024),
        d3=_date(rng, 2023),
        d4=_date(rng, 2024),
        d5=_date(rng, 2025),
        d6=_date(rng, 2025),
        pct=rng.randint(90, 100),
        pct2=rng.randint(95, 99),
        pct3=rng.randint(85, 100),
        rooms=rng.randint(300, 1600),
        pcs=f"{rng.randint(8, 45)}.{rng.randint(100, 999)}",
        courses=rng.randint(12, 90),
        trainees=f"{rng.randint(3, 30)}.{rng.randint(100, 999)}",
        money=f"{rng.randint(40, 400)},{rng.randint(1, 9)}",
        schools=rng.randint(300, 1500),
    )


def add_variant_body(doc: DocxDocument, variant: Variant, rng: random.Random) -> None:
    add_para(
        doc,
        (
            "Thực hiện Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án “Tăng cường "
            "ứng dụng công nghệ thông tin và chuyển đổi số trong giáo dục và đào tạo giai đoạn 2022-2025, định hướng "
            "đến năm 2030”; Văn bản số 6541/BGDĐT-KHCNTT ngày 16/10/2025 của Bộ Giáo dục và Đào tạo về việc báo cáo "
            f"tổng kết thực hiện Quyết định số 131/QĐ-TTg, Sở Giáo dục và Đào tạo {variant.unit} báo cáo như sau:"
        ),
        indent=True,
        align="justify",
    )
    add_para(doc, "I. THÔNG TIN CHUNG", bold=True)
    add_para(doc, f"- Tên cơ quan báo cáo: Sở GDĐT {variant.unit}", indent=True)
    phone = f"09{rng.randint(10, 99)}.{rng.randint(100, 999)}.{rng.randint(100, 999)}"
    add_para(doc, f"- Họ và tên người lập báo cáo: {variant.signer}; điện thoại di động: {phone}", indent=True)
    add_para(doc, "II. KẾT QUẢ THỰC HIỆN ĐỀ ÁN", bold=True)
    for index in range(variant.body_paragraphs):
        add_para(doc, filler_paragraph(index, variant, rng), indent=True, align="justify")
    add_para(doc, "III. KIẾN NGHỊ, ĐỀ XUẤT", bold=True)
    add_para(
        doc,
        "Đề nghị Bộ GDĐT tiếp tục hỗ trợ các địa phương về học liệu số dùng chung và bồi dưỡng kỹ năng "
        "số cho giáo viên. Số liệu thống kê chi tiết tại Phụ lục kèm theo./.",
        indent=True,
        align="justify",
    )
    add_para(doc, "Nơi nhận:", bold=True, italic=True, size=12)
    for line in [
        "- Bộ GDĐT (để b/c);",
        f"- UBND {variant.unit} (để b/c);",
        "- Giám đốc, các PGĐ Sở;",
        "- Lưu: VT, KHTC.",
    ]:
        add_para(doc, line, size=11)
    add_para(doc, "GIÁM ĐỐC", bold=True, align="right")
    add_para(doc, variant.signer, bold=True, align="right")


def appendix_heading(doc: DocxDocument, variant: Variant) -> None:
    add_para(doc, "Phụ lục 2", bold=True, align="center")
    add_para(
        doc,
        "BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ GIAI ĐOẠN 2022-2025 THỰC HIỆN QUYẾT ĐỊNH 131/QĐ-TTg "
        "ngày 25/01/2022 CỦA THỦ TƯỚNG CHÍNH PHỦ",
        bold=True,
        align="center",
    )
    day, month, year = variant.date
    add_para(
        doc,
        f"(Kèm theo Báo cáo số {variant.number} ngày {day}/{month}/{year} của Sở GDĐT {variant.unit})",
        italic=True,
        align="center",
    )


def three_col_rows(variant: Variant) -> list[tuple]:
    rows: list[tuple] = []
    for roman, title, items in SECTIONS:
        rows.append(("section", roman, title))
        for item in items:
            rows.append(("item", f"{item}.", ITEM_TITLES[item], [ln.sentence for ln in variant.lines[item]]))
    return rows


def add_five_col_appendix(doc: DocxDocument, variant: Variant) -> None:
    """STT | Nội dung | Chỉ tiêu | Số lượng | Tỉ lệ (%): one row per indicator, rates without %."""
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ["STT", "Nội dung", "Chỉ tiêu", "Số lượng", f"{variant.ti_le.capitalize()} (%)"],
        strict=True,
    ):
        set_cell_text(cell, text, bold=True, align="center", size=12)
    repeat_header(table.rows[0])
    for roman, title, items in SECTIONS:
        cells = table.add_row().cells
        set_cell_text(cells[0], roman, bold=True, align="center", size=12)
        set_cell_text(cells[1].merge(cells[4]), title.upper(), bold=True, size=12)
        for item in items:
            for index, line in enumerate(variant.lines[item]):
                cells = table.add_row().cells
                set_cell_text(cells[0], f"{item}.{index + 1}", align="center", size=12)
                set_cell_text(cells[1], ITEM_SHORT_TITLES[item] if index == 0 else "", size=12)
                label = line.label + (f" ({', '.join(line.reading.names)})" if line.reading.names else "")
                set_cell_text(cells[2], label, size=12)
                set_cell_text(
                    cells[3],
                    fmt_count(line.reading.value, variant.count_style) if line.reading.value is not None else "",
                    align="right",
                    size=12,
                )
                rate = line.reading.rate
                set_cell_text(
                    cells[4],
                    fmt_rate(rate, variant.rate_style, sign="") if rate is not None else "",
                    align="right",
                    size=12,
                )
    set_widths(table, [1.2, 3.6, 6.4, 2.6, 2.2])


def add_merged_rows_appendix(doc: DocxDocument, variant: Variant) -> None:
    """STT | Nội dung triển khai | Chỉ tiêu | Kết quả, STT and Nội dung merged down the item's rows."""
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    headers = ["STT", "Nội dung triển khai", "Chỉ tiêu thống kê", "Kết quả thực hiện"]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        set_cell_text(cell, text, bold=True, align="center", size=12)
    for roman, title, items in SECTIONS:
        cells = table.add_row().cells
        set_cell_text(cells[0], roman, bold=True, align="center", size=12)
        set_cell_text(cells[1].merge(cells[3]), title, bold=True, size=12)
        for item in items:
            lines = variant.lines[item]
            first = len(table.rows)
            for line in lines:
                cells = table.add_row().cells
                set_cell_text(cells[2], line.label, size=12)
                set_cell_text(cells[3], _result_text(line), size=12)
            top, bottom = table.rows[first].cells, table.rows[len(table.rows) - 1].cells
            set_cell_text(top[0].merge(bottom[0]) if len(lines) > 1 else top[0], str(item), align="center", size=12)
            set_cell_text(top[1].merge(bottom[1]) if len(lines) > 1 else top[1], ITEM_TITLES[item], size=12)
    set_widths(table, [1.2, 5.0, 5.8, 4.0])


def _result_text(line: AppendixLine) -> str:
    value, rate = line.value_text, line.rate_text
    if value and rate:
        return f"{value}; đạt {rate}"
    return value or (f"đạt {rate}" if rate else "")


UNITS = {
    "1a": "giáo viên", "1b": "giảng viên", "1c": "giáo viên", "1d": "giảng viên",
    "2a": "học sinh", "2b": "sinh viên", "2c": "học sinh", "2d": "sinh viên",
    "3a": "nền tảng", "3b": "nền tảng", "3c": "học sinh", "4a": "cơ sở", "5a": "%", "5b": "%",
    "6a": "lớp", "7a": "người", "8a": "cơ sở", "8b": "học sinh", "8c": "nhà giáo", "8d": "cơ sở",
    "8e": "hồ sơ", "9a": "thủ tục", "9b": "hồ sơ", "9c": "người", "9d": "lượt",
}  # fmt: skip
REMARKS = ["Số liệu đến 30/9/2025", "Năm học 2024-2025", "Nguồn: CSDL ngành", "Theo báo cáo của các đơn vị", ""]


def _result_with_unit(line: AppendixLine) -> str:
    """ "51.608 giáo viên, đạt 97,1%": the unit after the count, as many reports write it."""
    unit = UNITS.get(line.code or "", "")
    value, rate = line.value_text, line.rate_text
    if line.code == "3a" and line.reading.names:
        value = f"{fmt_count(line.reading.value, 'plain')} {unit} ({', '.join(line.reading.names)})"
    elif value:
        value = f"{value} {unit}".strip()
    if value and rate:
        return f"{value}, đạt {rate}"
    if rate:
        return rate if line.reading.value is None and line.code in ("5a", "5b") else f"đạt {rate}"
    return value or "Không có số liệu"


def add_remarks_appendix(doc: DocxDocument, variant: Variant) -> None:
    """TT | Nội dung | Kết quả | Ghi chú, one row per line, split into two Word tables.

    The remarks column carries dates and school years (not statistics); the split (a
    "(tiếp theo)" paragraph and a second table with its own header) happens when people
    paste an appendix together from two files.
    """
    rng = random.Random(variant.seed + "/remarks")
    table = None
    for roman, title, items in SECTIONS:
        if table is None or roman == "IV":
            if table is not None:
                add_para(doc, "Phụ lục 2 (tiếp theo)", italic=True, align="right", size=12)
            table = doc.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, ["TT", "Nội dung", "Kết quả", "Ghi chú"], strict=True):
                set_cell_text(cell, text, bold=True, align="center", size=12)
        cells = table.add_row().cells
        set_cell_text(cells[0], roman, bold=True, align="center", size=12)
        set_cell_text(cells[1].merge(cells[3]), title, bold=True, size=12)
        for item in items:
            cells = table.add_row().cells
            set_cell_text(cells[0], str(item), bold=True, align="center", size=12)
            set_cell_text(cells[1].merge(cells[3]), ITEM_TITLES[item], bold=True, size=12)
            for line in variant.lines[item]:
                cells = table.add_row().cells
                set_cell_text(cells[0], variant.bullet.strip(), align="center", size=12)
                set_cell_text(cells[1], line.label, size=12)
                set_cell_text(cells[2], _result_with_unit(line), size=12)
                set_cell_text(cells[3], rng.choice(REMARKS), italic=True, size=11)
        set_widths(table, [1.0, 7.5, 4.5, 3.0])


def add_prose_appendix(doc: DocxDocument, variant: Variant) -> None:
    """The appendix written as plain paragraphs: section, item, then its sub-lines."""
    for roman, title, items in SECTIONS:
        add_para(doc, f"{roman}. {title.upper()}", bold=True)
        for item in items:
            add_para(doc, f"{item}. {ITEM_TITLES[item]}", bold=True, italic=True, align="justify")
            for line in variant.lines[item]:
                add_para(doc, line.sentence + ";", indent=True, align="justify")


def write_docx_report(variant: Variant, path: Path, header_province: str | None = None) -> Path:
    """One generated report as DOCX (layouts three_col, five_col, merged_rows, prose)."""
    rng = random.Random(variant.seed + "/body")
    doc = new_document()
    authority = header_province or variant.province
    kind = "THÀNH PHỐ" if variant.unit.startswith("thành phố") else "TỈNH"
    day, month, year = variant.date
    add_header_block(
        doc, f"UBND {kind} {authority.upper()}", variant.number, authority, f"ngày {day} tháng {month} năm {year}"
    )
    add_title(doc, variant.unit)
    add_variant_body(doc, variant, rng)
    if variant.appendix_on_new_page:
        page_break(doc)
    appendix_heading(doc, variant)
    if variant.layout == "three_col":
        add_three_col_appendix(
            doc, three_col_rows(variant), None, "Kết quả (số liệu) thống kê toàn tỉnh thời điểm hiện tại"
        )
    elif variant.layout == "five_col":
        add_five_col_appendix(doc, variant)
    elif variant.layout == "merged_rows":
        add_merged_rows_appendix(doc, variant)
    elif variant.layout == "prose":
        add_prose_appendix(doc, variant)
    elif variant.layout == "remarks":
        add_remarks_appendix(doc, variant)
    else:
        raise ValueError(f"not a DOCX layout: {variant.layout}")
    save_docx(doc, path)
    return path


