#!/usr/bin/env python
"""Build the "traps" and "merged" sample reports with their gold files.

* ``traps_gialai.docx`` / ``.pdf`` (kind ``traps``): a 5-column appendix whose item cells
  are merged down and hold the Ministry's full wording ("… máy tính …/ đường truyền
  Internet/ phần mềm …") beside one row per sub-line; a column-number row "(1) (2) … (5)"
  under the header; thousands grouped by U+00A0, U+202F, U+2009 and a dot; rates typed
  "98.87 %" (decimal dot) or "97,1" in the "Tỉ lệ (%)" column.
* ``traps_years.docx`` (kind ``traps``): the appendix with "Năm 2024 | Năm 2025" column
  groups, each over "Số lượng | Tỉ lệ (%)": the current year is the answer.
* ``merged_two_reports.pdf`` (Hải Phòng + Cần Thơ) and ``merged_three_reports.pdf`` (Lâm
  Đồng + Cần Thơ + Thanh Hóa), kind ``merged``: sample PDFs joined with qpdf, as an office
  forwards them; ``merged_nghean_quangtri.docx``: one DOCX's body pasted
  after the other's behind a page break.  Their gold lists each part's gold (``parts``).

Values come from a seeded generator and the gold is written from the same values, so the
two cannot drift.  Needs ``samples/reports`` (scripts/build_samples.py) for the merged
files, LibreOffice for the PDF and qpdf.  Deterministic: rebuilding changes no byte.
"""

from __future__ import annotations

import importlib.util
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "samples" / "reports"
GOLD = ROOT / "samples" / "gold"
GROUPINGS = ("\u00a0", "\u202f", "\u2009", ".")
MERGED = {
    "merged_two_reports.pdf": ("haiphong_report", "cantho_merged"),
    "merged_three_reports.pdf": ("lamdong_prose", "cantho_merged", "thanhhoa_long"),
}


def _samples_module():
    spec = importlib.util.spec_from_file_location("build_samples", ROOT / "scripts" / "build_samples.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules.setdefault("build_samples", module)
    spec.loader.exec_module(module)
    return module


def _catalog() -> list:
    sys.path.insert(0, str(ROOT))
    from gazetteer.indicators import catalog

    return list(catalog())


def generate(seed: int) -> dict[str, tuple[int | None, float | None]]:
    """Plausible figures per code: counts where the line wants one, rates with two decimals."""
    rng = random.Random(seed)
    values = {}
    for indicator in _catalog():
        count = rng.randint(1200, 2_400_000) if indicator.wants_count else None
        if indicator.code in ("3a", "3b"):
            count = rng.randint(2, 9)
        rate = round(rng.uniform(35, 99.99), 2) if indicator.wants_rate else None
        values[indicator.code] = (count, rate)
    return values


def fmt_count(value: int, grouping: str) -> str:
    return f"{value:,}".replace(",", grouping)


def fmt_rate(rate: float, index: int) -> str:
    """Alternate "98.87 %" (decimal dot, spaced sign) and "97,13" (the column says %)."""
    return f"{rate:.2f} %" if index % 2 == 0 else f"{rate:.2f}".replace(".", ",")


def _merge_down(table, column: int, first: int, last: int, text: str, sb) -> None:
    merged = table.cell(first, column).merge(table.cell(last, column))
    sb.set_cell_text(merged, text, size=11)


def build_traps_docx(path: Path, values: dict, sb) -> None:
    doc = sb.new_document(font_size=13)
    sb.add_header_block(doc, "UBND TỈNH GIA LAI", "1875/BC-SGDĐT", "Gia Lai", "ngày 14 tháng 11 năm 2025")
    sb.add_title(doc, "tỉnh Gia Lai")
    sb.add_para(doc, "Thực hiện Văn bản số 6541/BGDĐT-KHCNTT ngày 16/10/2025 của Bộ Giáo dục và Đào tạo, Sở Giáo dục "
                     "và Đào tạo tỉnh Gia Lai báo cáo như sau:")  # fmt: skip
    sb.add_para(doc, "- Tên cơ quan báo cáo: Sở GDĐT tỉnh Gia Lai")
    sb.add_para(doc, "Số liệu chi tiết tại Phụ lục 2 kèm theo./.")
    sb.page_break(doc)
    sb.add_para(doc, "Phụ lục 2", bold=True, align="center")
    sb.add_para(doc, "BIỂU SỐ LIỆU THỐNG KÊ", bold=True, align="center")
    catalog = _catalog()
    rows = 2 + len(catalog)
    table = doc.add_table(rows=rows, cols=5)
    table.style = "Table Grid"
    for col, title in enumerate(("STT", "Nội dung", "Chỉ tiêu", "Số lượng", "Tỉ lệ (%)")):
        sb.set_cell_text(table.cell(0, col), title, bold=True, align="center", size=11)
        sb.set_cell_text(table.cell(1, col), f"({col + 1})", align="center", size=11)
    row = 2
    for section in sorted({i.section for i in catalog}):
        lines = [i for i in catalog if i.section == section]
        first, last = row, row + len(lines) - 1
        for offset, indicator in enumerate(lines):
            count, rate = values[indicator.code]
            index = row + offset
            sb.set_cell_text(table.cell(index, 2), indicator.label, size=11)
            grouping = GROUPINGS[index % len(GROUPINGS)]
            sb.set_cell_text(table.cell(index, 3), fmt_count(count, grouping) if count is not None else "", size=11)
            sb.set_cell_text(table.cell(index, 4), fmt_rate(rate, index) if rate is not None else "", size=11)
        if last > first:
            _merge_down(table, 0, first, last, str(section), sb)
            _merge_down(table, 1, first, last, sb.ITEM_TITLES[section], sb)
        else:
            sb.set_cell_text(table.cell(first, 0), str(section), size=11)
            sb.set_cell_text(table.cell(first, 1), sb.ITEM_TITLES[section], size=11)
        row = last + 1
    sb.set_widths(table, [1.0, 5.0, 5.2, 2.6, 2.2])
    sb.save_docx(doc, path)


def build_years_docx(path: Path, values: dict, earlier: dict, sb) -> None:
    doc = sb.new_document(font_size=13)
    sb.add_header_block(doc, "UBND TỈNH ĐIỆN BIÊN", "902/BC-SGDĐT", "Điện Biên", "ngày 12 tháng 11 năm 2025")
    sb.add_title(doc, "tỉnh Điện Biên")
    sb.add_para(doc, "- Tên cơ quan báo cáo: Sở GDĐT tỉnh Điện Biên")
    sb.add_para(doc, "Phụ lục 2", bold=True, align="center")
    catalog = _catalog()
    table = doc.add_table(rows=2 + len(catalog), cols=6)
    table.style = "Table Grid"
    for col in (0, 1):
        merged = table.cell(0, col).merge(table.cell(1, col))
        sb.set_cell_text(merged, ("STT", "Nội dung")[col], bold=True, align="center", size=11)
    for col, year in ((2, "Năm 2024"), (4, "Năm 2025")):
        merged = table.cell(0, col).merge(table.cell(0, col + 1))
        sb.set_cell_text(merged, year, bold=True, align="center", size=11)
        sb.set_cell_text(table.cell(1, col), "Số lượng", bold=True, align="center", size=11)
        sb.set_cell_text(table.cell(1, col + 1), "Tỉ lệ (%)", bold=True, align="center", size=11)
    for offset, indicator in enumerate(catalog):
        index = 2 + offset
        sb.set_cell_text(table.cell(index, 0), str(offset + 1), size=11)
        sb.set_cell_text(table.cell(index, 1), indicator.label, size=11)
        for col, figures in ((2, earlier), (4, values)):
            count, rate = figures[indicator.code]
            sb.set_cell_text(table.cell(index, col), fmt_count(count, ".") if count is not None else "", size=11)
            sb.set_cell_text(table.cell(index, col + 1), f"{rate:.2f}".replace(".", ",") if rate is not None else "",
                             size=11)  # fmt: skip
    sb.save_docx(doc, path)


def gold(province: str, values: dict, layout: str) -> dict:
    return {
        "kind": "traps",
        "province": province,
        "indicators": {code: {"value": count, "rate": rate} for code, (count, rate) in values.items()},
        "extra_lines": [],
        "layout": layout,
    }


def build_merged(out_dir: Path) -> list[Path]:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        raise RuntimeError("qpdf is needed to join the sample PDFs")
    built = []
    for name, stems in MERGED.items():
        target = out_dir / name
        sources = [str(REPORTS / f"{stem}.pdf") for stem in stems]
        subprocess.run([qpdf, "--empty", "--deterministic-id", "--pages", *sources, "--", str(target)],
                       check=True, capture_output=True, timeout=120)  # fmt: skip
        parts = [json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8")) for stem in stems]
        write_gold(GOLD / f"{target.stem}.json", {"kind": "merged", "parts": parts})
        built.append(target)
    return built


MERGED_DOCX = {"merged_nghean_quangtri.docx": ("nghean_5col", "quangtri_remarks")}


def build_merged_docx(out_dir: Path, sb) -> list[Path]:
    import copy

    import docx
    from docx.enum.text import WD_BREAK

    built = []
    for name, stems in MERGED_DOCX.items():
        merged = docx.Document(REPORTS / f"{stems[0]}.docx")
        section = merged.element.body[-1]  # the body's sectPr stays last
        for stem in stems[1:]:
            merged.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            for element in docx.Document(REPORTS / f"{stem}.docx").element.body:
                if not element.tag.endswith("sectPr"):
                    section.addprevious(copy.deepcopy(element))
        target = out_dir / name
        sb.save_docx(merged, target)
        parts = [json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8")) for stem in stems]
        write_gold(GOLD / f"{target.stem}.json", {"kind": "merged", "parts": parts})
        built.append(target)
    return built


def write_gold(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def build_all(with_pdf: bool = True) -> list[Path]:
    sb = _samples_module()
    traps = REPORTS / "traps_gialai.docx"
    values = generate(131)
    build_traps_docx(traps, values, sb)
    write_gold(GOLD / "traps_gialai.json", gold("Gia Lai", values, "five_col_merged_wording"))
    years = REPORTS / "traps_years.docx"
    current, earlier = generate(2025), generate(2024)
    build_years_docx(years, current, earlier, sb)
    write_gold(GOLD / "traps_years.json", gold("Điện Biên", current, "year_groups"))
    built = [traps, years, *build_merged_docx(REPORTS, sb)]
    if with_pdf:
        built += sb.convert_to_pdf([traps], REPORTS)
        built += build_merged(REPORTS)
    return built


if __name__ == "__main__":
    for built_path in build_all(with_pdf="--no-pdf" not in sys.argv):
        print(built_path.relative_to(ROOT))
