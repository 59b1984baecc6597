"""The blank Ministry template (seed 000, Phụ lục 2) as DOCX."""

from __future__ import annotations

import random
from pathlib import Path

from sample_builders.docx_helpers import add_para, new_document, save_docx
from sample_builders.haiphong import add_three_col_appendix
from sample_builders.template import ITEM_TITLES, LINES, SECTIONS, TEMPLATE_CODES
from sample_builders.values import _sentence

# ---------------------------------------------------------------------------
# The blank Ministry template (seed 000, Phụ lục 2) as DOCX
# ---------------------------------------------------------------------------


def template_rows() -> list[tuple]:
    rows: list[tuple] = []
    for roman, title, items in SECTIONS:
        rows.append(("section", roman, title))
        for item in items:
            lines = []
            for line in (ln for ln in LINES if ln.item == item):
                lines.append(_sentence(line.wordings[0], "", "", line.measures, random.Random(0)))
            lines = [s.replace("- Số nền tảng: ......", "- Số nền tảng: ...... (nêu rõ tên)") for s in lines]
            prefix = ["Nếu có,"] if item in (3, 4, 6, 7, 8) else []
            rows.append(("item", f"{item}.", ITEM_TITLES[item], prefix + lines))
    return rows


def build_template(out_dir: Path) -> Path:
    doc = new_document()
    add_para(doc, "Phụ lục 2", bold=True, align="center")
    add_para(
        doc,
        "BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ GIAI ĐOẠN 2022-2025 THỰC HIỆN QUYẾT ĐỊNH 131/QĐ-TTg ngày "
        "25/01/2022 CỦA THỦ TƯỚNG CHÍNH PHỦ",
        bold=True,
        align="center",
    )
    add_para(doc, "(Dành cho các tỉnh, thành phố trực thuộc Trung ương)", italic=True, align="center")
    add_para(
        doc,
        "(Kèm theo công văn số        /BGDĐT-KHCNTT ngày     tháng 10 năm 2025 của Bộ Giáo dục và Đào tạo)",
        italic=True,
        align="center",
    )
    add_three_col_appendix(
        doc,
        template_rows(),
        None,
        "Kết quả (số liệu) thống kê toàn tỉnh/thành phố trực thuộc Trung ương thời điểm hiện tại",
    )
    path = out_dir / "ministry_template_blank.docx"
    save_docx(doc, path)
    return path


TEMPLATE_GOLD = {
    "province": None,
    "indicators": {code: {"value": None, "rate": None} for code in TEMPLATE_CODES},
    "extra_lines": [],
    "layout": "three_col",
}


