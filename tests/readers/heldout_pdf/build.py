"""Build held-out PDF reports in layouts our samples lack, with their gold (``gold.json``).

Run ``python tests/readers/heldout_pdf/build.py`` (needs LibreOffice and poppler-utils).
Two families: DOCX tables in other Word styles converted by LibreOffice (rules only, no
borders, thick outer border, shaded header, very narrow columns, tables starting at the foot
of a page and running two more pages with and without a repeated header, a merged section
cell over a page break, landscape, two-column body) and PDFs drawn with reportlab the way
other PDF makers do (text drawn word by word, cells drawn as rectangles, rotated header
text, every glyph positioned on its own, a decomposed (NFD) text layer, a scan without
text).  Values come from a seeded generator so every file has its own numbers.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

LABELS = {
    "1a": "Tổng số giáo viên có máy tính",
    "1b": "Tổng số giảng viên có máy tính",
    "1c": "Tổng số giáo viên có đường truyền Internet",
    "1d": "Tổng số giảng viên có đường truyền Internet",
    "2a": "Tổng số học sinh có máy tính",
    "2b": "Tổng số sinh viên có máy tính",
    "2c": "Tổng số học sinh có đường truyền Internet",
    "2d": "Tổng số sinh viên có đường truyền Internet",
    "3a": "Số nền tảng dạy và học trực tuyến (VioEdu, OLM, K12Online)",
    "3b": "Số nền tảng là sản phẩm trong nước",
    "3c": "Số lượng học sinh/sinh viên tham gia sử dụng nền tảng",
    "4a": "Tổng số cơ sở giáo dục đại học đã cung cấp chương trình đào tạo (cấp bằng) theo hình thức từ xa, trực tuyến",
    "5a": "Tỉ trọng nội dung triển khai dưới hình thức trực tuyến ở bậc tiểu học",
    "5b": "Tỉ trọng nội dung triển khai dưới hình thức trực tuyến ở bậc trung học",
    "6a": "Tổng số lớp học trực tuyến trong các cơ sở giáo dục đại học đã triển khai",
    "7a": "Tổng số người học lấy bằng đại học thứ hai có thời lượng đào tạo trực tuyến >=50%",
    "8a": "Tổng số cơ sở giáo dục (mầm non, phổ thông và thường xuyên) đã triển khai hệ thống quản trị, "
          "quản lý dựa trên dữ liệu và công nghệ số",
    "8b": "Số lượng người học được quản lý bằng hồ sơ số với định danh thống nhất",
    "8c": "Số lượng nhà giáo được quản lý bằng hồ sơ số với định danh thống nhất",
    "8d": "Số lượng các cơ sở giáo dục đào tạo quản lý hồ sơ số đối với cơ sở vật chất, thiết bị và các nguồn lực khác",
    "8e": "Số lượng hồ sơ công việc tại cấp Sở được vận hành dựa trên dữ liệu và công nghệ số",
    "9a": "Số lượng thủ tục hành chính đủ điều kiện được triển khai dịch vụ công trực tuyến toàn trình",
    "9b": "Số lượng hồ sơ giải quyết trực tuyến mức độ toàn trình",
    "9c": "Số lượng (ước tính) người học, phụ huynh hài lòng về chất lượng dịch vụ trực tuyến",
    "9d": "Số lượng (ước tính) tổ chức, cá nhân hài lòng về chất lượng dịch vụ công trực tuyến",
}
SECTIONS = {
    "1": "I. NHÀ GIÁO ĐƯỢC TRANG BỊ MÁY TÍNH, ĐƯỜNG TRUYỀN INTERNET",
    "2": "II. NGƯỜI HỌC ĐƯỢC TRANG BỊ MÁY TÍNH, ĐƯỜNG TRUYỀN INTERNET",
    "3": "III. NỀN TẢNG DẠY VÀ HỌC TRỰC TUYẾN",
    "4": "IV. ĐÀO TẠO TỪ XA, TRỰC TUYẾN",
    "5": "V. TỈ TRỌNG NỘI DUNG TRỰC TUYẾN",
    "6": "VI. LỚP HỌC TRỰC TUYẾN",
    "7": "VII. VĂN BẰNG THỨ HAI",
    "8": "VIII. QUẢN TRỊ DỰA TRÊN DỮ LIỆU",
    "9": "IX. DỊCH VỤ CÔNG TRỰC TUYẾN",
}
COUNT_ONLY = {"3a", "3b"}
RATE_ONLY = {"5a", "5b"}
PROVINCES = ["Gia Lai", "Lào Cai", "Nghệ An", "Đồng Tháp", "Quảng Ngãi", "Cà Mau", "Thái Nguyên", "Vĩnh Long",
             "An Giang", "Tây Ninh", "Khánh Hòa", "Hưng Yên", "Lạng Sơn", "Sơn La", "Điện Biên",
             "Quảng Trị", "Cao Bằng", "Tuyên Quang", "Lâm Đồng", "Đắk Lắk", "Phú Thọ", "Lai Châu"]
BODY = ("Thực hiện Công văn số 6541/BGDĐT-KHCNTT ngày 20/10/2025 của Bộ Giáo dục và Đào tạo về việc báo cáo "
        "tổng kết thực hiện Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ, Sở Giáo dục và Đào "
        "tạo báo cáo kết quả triển khai như sau. Công tác chuyển đổi số được quan tâm chỉ đạo, các cơ sở giáo dục "
        "đã ứng dụng công nghệ thông tin trong dạy học, quản lý và cung cấp dịch vụ công trực tuyến.")


def make_values(seed: int) -> dict[str, tuple[int | None, float | None]]:
    """One report's figures: realistic magnitudes, a few codes left unreported."""
    rng = random.Random(seed)
    scale = {"1": 30000, "2": 400000, "3c": 300000, "4a": 3, "6a": 300, "7a": 90, "8a": 1200, "8b": 400000,
             "8c": 30000, "8d": 1100, "8e": 2500, "9a": 110, "9b": 7000, "9c": 300000, "9d": 5000}
    gold: dict[str, tuple[int | None, float | None]] = {}
    for code in LABELS:
        rate = round(rng.uniform(30, 100), rng.choice([0, 1, 1, 2]))
        base = scale.get(code, scale.get(code[0], 1000))
        value = rng.randint(base // 3, base)
        if code in COUNT_ONLY:
            gold[code] = (rng.randint(1, 9), None)
        elif code in RATE_ONLY:
            gold[code] = (None, round(rng.uniform(2, 20), 1))
        elif code[0] in ["1", "2"] and code[1] in "bd" and rng.random() < 0.4:
            gold[code] = (None, None)  # no university in the province
        else:
            gold[code] = (value, float(rate))
    return gold


def vn_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def vn_rate(rate: float) -> str:
    text = f"{rate:g}"
    return text.replace(".", ",")


def cells_for(code: str, gold) -> tuple[str, str]:
    value, rate = gold[code]
    count = "" if value is None else vn_int(value)
    if value is None and rate is None:
        count = "Không có"
    return count, ("" if rate is None else vn_rate(rate))


def template_text(code: str, gold) -> str:
    """The three-column template's sub-line wording: '- label: 1.234 đạt tỉ lệ: 97,1%'."""
    value, rate = gold[code]
    label = LABELS[code]
    if value is None and rate is None:
        return f"- {label}: ......, đạt tỉ lệ: ...%"
    if value is None:
        return f"- {label}: {vn_rate(rate)}%"
    if rate is None:
        return f"- {label}: {vn_int(value)}"
    return f"- {label}: {vn_int(value)} đạt tỉ lệ: {vn_rate(rate)}%"


# ---------------------------------------------------------------------------
# DOCX → LibreOffice PDF
# ---------------------------------------------------------------------------


def _borders(element, tag: str, spec: dict[str, tuple[str, int]]) -> None:
    """Write w:tblBorders / w:tcBorders: side -> (val, size in 1/8 pt)."""
    borders = OxmlElement(tag)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        val, size = spec.get(side, ("nil", 0))
        node = OxmlElement(f"w:{side}")
        node.set(qn("w:val"), val)
        if val != "nil":
            node.set(qn("w:sz"), str(size))
            node.set(qn("w:color"), "000000")
        borders.append(node)
    element.append(borders)


BORDER_STYLES = {
    "grid": {s: ("single", 4) for s in ("top", "left", "bottom", "right", "insideH", "insideV")},
    "hrules": {"top": ("single", 8), "bottom": ("single", 8), "insideH": ("single", 4)},
    "none": {},
    "outer_thick": {s: ("single", 18) for s in ("top", "left", "bottom", "right")},
}


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    node = OxmlElement("w:tblHeader")
    node.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(node)


def _set_columns(section, count: int) -> None:
    """Replace the section's w:cols (python-docx copies the previous section's)."""
    for old in section._sectPr.findall(qn("w:cols")):
        section._sectPr.remove(old)
    cols = OxmlElement("w:cols")
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), "567")
    section._sectPr.append(cols)


def _letterhead(document, province: str) -> None:
    for text in (f"UBND TỈNH {province.upper()}", "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                 "Số: 1234/BC-SGDĐT", "BÁO CÁO", "Tổng kết thực hiện Quyết định số 131/QĐ-TTg",
                 f"Tên cơ quan báo cáo: Sở Giáo dục và Đào tạo tỉnh {province}"):
        document.add_paragraph(text)


def build_docx(path: Path, gold, province: str, *, borders: str = "grid", shaded: bool = False,
               layout: str = "five", widths: tuple[float, ...] | None = None, lead: int = 2,
               repeat: bool = True, landscape: bool = False, two_col_body: bool = False,
               merged_sections: bool = False, font: float = 12, filler: int = 0) -> Path:
    """A report whose Phụ lục 2 is a Word table in the given style."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(font)
    document.styles["Normal"].font.name = "Times New Roman"
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    _letterhead(document, province)
    if two_col_body:  # a continuous break ends the letterhead; the body flows in 2 columns
        _set_columns(document.add_section(0), 2)
    for index in range(lead):
        document.add_paragraph(f"{index + 1}. {BODY}")
    if filler:  # a partial paragraph that pushes the table to the foot of the page
        document.add_paragraph(" ".join(BODY.split()[:filler]))
    if two_col_body:  # python-docx: the new (last) section is the one after the break
        _set_columns(document.add_section(0), 1)
    document.add_paragraph("Phụ lục 2")
    document.add_paragraph("BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ THỰC HIỆN ĐỀ ÁN")
    rows = _rows(gold, layout, merged_sections)
    ncols = len(rows[0])
    table = document.add_table(rows=len(rows), cols=ncols)
    _borders(table._tbl.tblPr, "w:tblBorders", BORDER_STYLES[borders])
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            lines = text.split("\n")
            cell.text = lines[0]
            for extra in lines[1:]:
                cell.add_paragraph(extra)
            if widths:
                cell.width = Cm(widths[c])
            if r == 0 and shaded:
                _shade(cell, "BFBFBF")
    if repeat:
        _repeat_header(table.rows[0])
    if merged_sections:
        _merge_sections(table, rows)
    if layout == "unit":
        for col in range(3):
            table.cell(0, col).merge(table.cell(1, col)).text = rows[0][col]
        table.cell(0, 3).merge(table.cell(0, 4)).text = "Kết quả"
    document.add_paragraph("Nơi nhận: - Như trên; - Lưu: VT.")
    document.add_paragraph("GIÁM ĐỐC")
    document.save(path)
    return path


def _rows(gold, layout: str, merged_sections: bool) -> list[list[str]]:
    if layout == "three":
        rows = [["STT", "Nội dung triển khai", "Kết quả (số liệu)"]]
        for number, title in SECTIONS.items():
            codes = [c for c in LABELS if c[0] == number]
            rows.append([f"{number}.", title.split(". ", 1)[1].capitalize(),
                         "\n".join(template_text(c, gold) for c in codes)])
        return rows
    if layout == "unit":  # two header rows, "Kết quả" merged over the figures, a unit column
        rows = [["STT", "Nội dung", "Đơn vị tính", "Kết quả", ""], ["", "", "", "Số lượng", "Tỉ lệ (%)"]]
        for number, title in SECTIONS.items():
            rows.append([title.split(". ")[0], title.split(". ", 1)[1], "", "", ""])
            for i, code in enumerate(c for c in LABELS if c[0] == number):
                unit = "%" if code in RATE_ONLY else ("Nền tảng" if code in COUNT_ONLY else "Người/Đơn vị")
                rows.append([f"{number}.{i + 1}", LABELS[code], unit, *cells_for(code, gold)])
        return rows
    rows = [["STT", "Nội dung", "Số lượng", "Tỉ lệ (%)"]]
    for number, title in SECTIONS.items():
        if not merged_sections:
            rows.append([title.split(". ")[0], title.split(". ", 1)[1], "", ""])
        for i, code in enumerate(c for c in LABELS if c[0] == number):
            stt = title.split(". ")[0] if merged_sections else f"{number}.{i + 1}"
            rows.append([stt, LABELS[code], *cells_for(code, gold)])
    return rows


def _merge_sections(table, rows) -> None:
    """Merge each section's STT cell down over its rows (a merged cell across page breaks)."""
    start = 1
    while start < len(rows):
        end = start
        while end + 1 < len(rows) and rows[end + 1][0] == rows[start][0]:
            end += 1
        if end > start:
            merged = table.cell(start, 0).merge(table.cell(end, 0))
            merged.text = rows[start][0]
        start = end + 1


def to_pdf(docx_path: Path, out_dir: Path) -> Path:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(docx_path)],
                   check=True, capture_output=True, timeout=180)
    return out_dir / (docx_path.stem + ".pdf")


DOCX_VARIANTS = {
    "lo_hrules": dict(borders="hrules"),
    "lo_noborders": dict(borders="none"),
    "lo_outer_thick": dict(borders="outer_thick", layout="three"),
    "lo_shaded_header": dict(shaded=True),
    "lo_narrow_cols": dict(widths=(1.0, 3.2, 1.6, 1.3), font=12),
    "lo_bottom_start_repeat": dict(lead=8, filler=12, font=14, repeat=True),
    "lo_bottom_start_norepeat": dict(lead=8, filler=12, font=14, repeat=False, borders="hrules"),
    "lo_header_at_foot_noborders": dict(lead=8, filler=28, font=14, repeat=False, borders="none"),
    "lo_merged_sections": dict(lead=5, font=14, merged_sections=True),
    "lo_landscape": dict(landscape=True, layout="three"),
    "lo_two_col_body": dict(two_col_body=True, lead=4),
    "lo_template_narrow": dict(layout="three", widths=(1.0, 3.0, 5.5), lead=3, font=13),
    "lo_unit_column_grid": dict(layout="unit", lead=5, font=13),
    "lo_unit_column_hrules": dict(layout="unit", lead=5, font=13, borders="hrules", repeat=False),
    "lo_template_noborders": dict(layout="three", borders="none", lead=5, font=13, repeat=False),
    "lo_template_hrules_landscape": dict(layout="three", borders="hrules", landscape=True, lead=3, font=14),
    "lo_long_20_pages": dict(lead=75, font=13, borders="hrules"),  # the timing case of issue 2
}


def build_lo(tmp: Path, gold_all: dict) -> None:
    for index, (name, options) in enumerate(DOCX_VARIANTS.items()):
        gold = make_values(100 + index)
        province = PROVINCES[index]
        source = build_docx(tmp / f"{name}.docx", gold, province, **options)
        pdf = to_pdf(source, tmp)
        (HERE / f"{name}.pdf").write_bytes(pdf.read_bytes())
        gold_all[f"{name}.pdf"] = {"province": province, "indicators": gold}


def main() -> None:
    from drawn import build_drawn  # noqa: PLC0415 (script-only import, avoids a cycle)

    gold_all: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        build_lo(Path(tmp), gold_all)
        build_drawn(HERE, Path(tmp), gold_all)
    out = {name: {"province": g["province"],
                  "indicators": {c: {"value": v, "rate": r} for c, (v, r) in g["indicators"].items()}}
           for name, g in gold_all.items()}
    (HERE / "gold.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
