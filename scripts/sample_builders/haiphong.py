# ruff: noqa: E501  -- verbatim template/seed lines stay whole so they can be grepped against the seeds
"""The Hải Phòng report (seed 001) as a Word document: body reflowed, appendix copied verbatim."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.table import Table as DocxTable

from sample_builders.docx_helpers import (
    Footnotes,
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
from sample_builders.template import SEEDS

# ---------------------------------------------------------------------------
# The Hải Phòng report (seed 001) as a Word document
# ---------------------------------------------------------------------------

# Footnote markers in the seed's body, glued to the preceding word by the PDF dump.
HP_BODY_MARKERS = [
    ("thông minh1.", "thông minh[^1]."),
    ("văn bản2", "văn bản[^2]"),
    ("30/12/2022 3;", "30/12/2022[^3];"),
    ('GDĐT"4.', 'GDĐT"[^4].'),
    ("tuyến5,", "tuyến[^5],"),
    ("máy tính6,", "máy tính[^6],"),
    ("Hải Phòng”7", "Hải Phòng”[^7]"),
    ("thành phố8,", "thành phố[^8],"),
    ("giáo dục9.", "giáo dục[^9]."),
]

HP_COMPUTERS_TABLE = [
    ("STT", "Cấp", "Số lượng máy tính"),
    ("1", "Mầm non", "3836"),
    ("2", "Tiểu học", "13865"),
    ("3", "Trung học cơ sở", "13470"),
    ("4", "Trung học phổ thông", "6671"),
    ("5", "Giáo dục Thường xuyên", "1098"),
    ("6", "Giáo dục Đại học", "3627"),
    ("", "Tổng số", "42.567"),
]

# The appendix exactly as the real report fills it (seed 001), oddities kept verbatim.
HP_APPENDIX: list[tuple] = [
    ("section", "I", "Tiếp cận giáo dục trực tuyến"),
    (
        "item",
        "1.",
        "Số lượng nhà giáo (giáo viên/ giảng viên[^10]) được trang bị (có) máy tính (máy tính để bàn, "
        "máy tính bảng, máy tính xách tay)/ đường truyền Internet/ phần mềm để tham gia các hoạt động dạy, học trực tuyến",
        [
            "- Tổng số giáo viên có máy tính 51.608 đạt tỉ lệ: 97,1%",
            "- Tổng số giảng viên có máy tính: 3.907 đạt tỉ lệ: 100%",
            "- Tổng số giáo viên có đường truyền Internet: 5300 đạt tỉ lệ: 100%",
            "- Tổng số giảng viên có đường truyền Internet: 3907 đạt tỉ lệ: 100 %",
        ],
    ),
    (
        "item",
        "2.",
        "Người học (học sinh/sinh viên[^11]) được trang bị (có) máy tính (máy tính để bàn, máy tính bảng, "
        "máy tính xách tay)/ đường truyền Internet/ phần mềm để tham gia các hoạt động dạy, học trực tuyến",
        [
            "- Tổng số học sinh có máy tính: 362.942 đạt tỉ lệ: 32.86 %",
            "- Tổng số sinh viên có máy tính: 69511  đạt tỉ lệ: 81,9 %",
            "- Tổng số học sinh có đường truyền Internet:\n đạt 362942 tỉ lệ: 100 %",
            "- Tổng số sinh viên có đường truyền Internet: ................................69511 đạt tỉ lệ: 100 %",
        ],
    ),
    ("section", "II", "Môi trường giáo dục trực tuyến"),
    (
        "item",
        "3.",
        "Triển khai nền tảng dạy và học trực tuyến",
        [
            "- Số nền tảng: 6 (Microsoft Teams, Zoom,  Google Meet, K12 Online, VNPT Eleanning Quizizz, Azota)",
            "- Số nền tảng là sản phẩm trong nước: 4 .......",
            "- Số lượng học sinh/ sinh viên tham gia sử dụng nền tảng, đạt tỉ lệ: 100 %",
        ],
    ),
    (
        "item",
        "4.",
        "Cung cấp các chương trình đào tạo (cấp bằng) theo hình thức từ xa, trực tuyến",
        [
            "Tổng số cơ sở giáo dục đại học đã cung cấp:0 đạt 0 tỉ lệ: 0%",
        ],
    ),
    ("section", "III", "Quy mô hoạt động giáo dục trực tuyến"),
    (
        "item",
        "5.",
        "Tỉ trọng nội dung chương trình giáo dục phổ thông được triển khai dưới hình thức trực tuyến",
        [
            "- Tỉ trọng nội dung triển khai dưới hình thức trực tuyến ở bậc tiểu học chiếm 3%",
            "- Tỉ trọng nội dung triển khai dưới hình thức trực tuyến ở bậc trung học chiếm 7%",
        ],
    ),
    (
        "item",
        "6.",
        "Triển khai học trực tuyến trong các cơ sở giáo dục đại học trực thuộc[^12]",
        [
            "Tổng số lớp học trực tuyến trong các cơ sở giáo dục đại học đã triển khai: 1727 đạt tỉ lệ: 35%",
        ],
    ),
    (
        "item",
        "7.",
        "Triển khai đào tạo người học lấy văn bằng đại học thứ hai tại các cơ sở giáo dục đại học trực "
        "thuộc (trong đó, thời lượng đào tạo bằng hình thức trực tuyến >=50%)",
        [
            "Tổng số người học lấy bằng đại học thứ hai có thời lượng đào tạo trực tuyến >=50%:0 đạt tỉ lệ: 0 %",
        ],
    ),
    ("section", "IV", "Quản lý, quản trị"),
    (
        "item",
        "8.",
        "Triển khai hệ thống quản trị, quản lý dựa trên dữ liệu và công nghệ số",
        [
            "- Tổng số cơ sở giáo dục đã triển khai: 1588 đạt tỉ lệ: 100%",
            "- Số lượng người học được quản lý bằng hồ sơ số với định danh thống nhất: 1.002.912 đạt tỉ lệ: 100%",
            "- Số lượng nhà giáo được quản lý bằng hồ sơ số với định danh thống nhất: 64.300 đạt tỉ lệ: 100%",
            "- Số lượng các cơ sở giáo dục đào tạo quản lý hồ sơ số đối với cơ sở vật chất, thiết bị và các nguồn lực "
            "khác phục vụ giáo dục, đào tạo và nghiên cứu: 1588,đạt tỉ lệ: 100%",
            "- Số lượng hồ sơ công việc tại cấp Sở được vận hành dựa trên dữ liệu và công nghệ số: 470, đạt tỉ lệ: 100%",
            "Số lượng hồ sơ công việc tại cấp Phòng được vận hành dựa trên dữ liệu và công nghệ số:150, đạt tỉ lệ: 100.%",
        ],
    ),
    ("section", "V", "Dịch vụ hỗ trợ người học, người dân"),
    (
        "item",
        "9.",
        "Triển khai dịch vụ hỗ trợ người học, người dân",
        [
            "- Số lượng thủ tục hành chính đủ điều kiện được triển khai dịch vụ công trực tuyến mức độ 4 (hoặc mức độ 3 "
            "nếu không phát sinh thanh toán): 163 đạt tỉ lệ: 100%",
            "- Số lượng hồ sơ giải quyết trực tuyến mức độ 3 và 4: 6987, đạt tỉ lệ: 99.3%",
            "- Số lượng (ước tính) người học, phụ huynh hài lòng về chất lượng dịch vụ trực tuyến của các cơ sở giáo dục "
            "đạt tỉ lệ: 90%",
            "- Số lượng (ước tính) tổ chức, cá nhân hài lòng về chất lượng dịch vụ công trực tuyến của các cơ quan quản "
            "lý giáo dục đạt tỉ lệ: 90%",
        ],
    ),
]

HP_APPENDIX_FOOTNOTES = {
    10: "Giảng viên tại các cơ sở giáo dục đại học trực thuộc (các trường đại học, cao đẳng sư phạm địa phương).",
    11: "Sinh viên tại các cơ sở giáo dục đại học trực thuộc (các trường đại học, cao đẳng sư phạm địa phương).",
    12: "Cơ sở giáo dục đại học do địa phương trực tiếp quản lý",
}

# Written by hand from seed 001, line by line (see samples/gold/README.md).
HAIPHONG_GOLD = {
    "province": "Hải Phòng",
    "indicators": {
        "1a": {"value": 51608, "rate": 97.1},
        "1b": {"value": 3907, "rate": 100.0},
        "1c": {"value": 5300, "rate": 100.0},
        "1d": {"value": 3907, "rate": 100.0},
        "2a": {"value": 362942, "rate": 32.86},
        "2b": {"value": 69511, "rate": 81.9},
        "2c": {"value": 362942, "rate": 100.0},
        "2d": {"value": 69511, "rate": 100.0},
        "3a": {"value": 6, "rate": None},
        "3b": {"value": 4, "rate": None},
        "3c": {"value": None, "rate": 100.0},
        "4a": {"value": 0, "rate": 0.0},
        "5a": {"value": None, "rate": 3.0},
        "5b": {"value": None, "rate": 7.0},
        "6a": {"value": 1727, "rate": 35.0},
        "7a": {"value": 0, "rate": 0.0},
        "8a": {"value": 1588, "rate": 100.0},
        "8b": {"value": 1002912, "rate": 100.0},
        "8c": {"value": 64300, "rate": 100.0},
        "8d": {"value": 1588, "rate": 100.0},
        "8e": {"value": 470, "rate": 100.0},
        "9a": {"value": 163, "rate": 100.0},
        "9b": {"value": 6987, "rate": 99.3},
        "9c": {"value": None, "rate": 90.0},
        "9d": {"value": None, "rate": 90.0},
    },
    "extra_lines": ["Số lượng hồ sơ công việc tại cấp Phòng được vận hành dựa trên dữ liệu và công nghệ số"],
    "layout": "three_col",
}

_SENTENCE_END = re.compile(r"[.:;!?…]\s*[”\"]?$")
_NEW_BLOCK = re.compile(r"^(?:[-*+•]\s|[IVX]+\.\s|\d+\.\s|[a-zđ]\)\s|Nơi nhận)")
_FOOTNOTE_START = re.compile(r"^(\d{1,2}) (\S.*)$")
_URL_ONLY = re.compile(r"^https?://\S+$")
SHORT_LINE = 58  # a body line this short ends its paragraph (the dump's lines are ~75-85 chars)


@dataclass
class SeedBody:
    paragraphs: list[str]  # "<<TABLE>>" marks where the computers table goes
    footnotes: dict[int, list[str]]


def parse_haiphong_seed(text: str) -> SeedBody:
    """Reflow the PDF text dump of seed 001 into paragraphs and footnotes.

    The dump puts every line on its own, a page start begins with one space, a footnote area
    starts with a long run of spaces, and footnotes start with their number.
    """
    body_lines: list[str] = []
    footnotes: dict[int, list[str]] = {}
    current: int | None = None
    in_notes = False
    raw_lines = text.split("Phụ lục:")[0].splitlines()
    skipping_table = False
    for raw in raw_lines:
        if raw.strip() == "" and len(raw) >= 20:
            in_notes = True
            continue
        line = raw.strip()
        if not line:
            continue
        if raw.startswith(" ") and not raw.startswith("  "):
            in_notes = False
        if in_notes:
            match = _FOOTNOTE_START.match(line)
            number = int(match.group(1)) if match else None
            if number is not None and (current is None or current < number <= current + 2):
                current = number
                footnotes[current] = [match.group(2)]
            elif current is not None:
                footnotes[current].append(line)
            continue
        if line.startswith("STT Cấp Số lượng máy tính"):
            skipping_table = True
            body_lines.append("<<TABLE>>")
            continue
        if skipping_table:
            skipping_table = not line.startswith("Tổng số 42.567")
            continue
        if _URL_ONLY.match(line):
            continue
        body_lines.append(line)
    return SeedBody(reflow(body_lines), {n: [join_lines(lines)] for n, lines in footnotes.items()})


def join_lines(lines: list[str]) -> str:
    out = ""
    for line in lines:
        if not out:
            out = line
        elif re.search(r"\S-$", out):  # "131/QĐ-" + "TTg", "E-" + "learning"
            out += line
        else:
            out += " " + line
    return re.sub(r"\s+", " ", out).strip()


def reflow(lines: list[str]) -> list[str]:
    """Join wrapped lines back into paragraphs."""
    paragraphs: list[list[str]] = []
    for line in lines:
        if line == "<<TABLE>>":
            paragraphs.append([line])
            paragraphs.append([])
            continue
        previous = paragraphs[-1] if paragraphs else None
        starts_new = (
            previous is None
            or not previous
            or previous == ["<<TABLE>>"]
            or _SENTENCE_END.search(previous[-1])
            or len(previous[-1]) < SHORT_LINE
            or _NEW_BLOCK.match(line)
        )
        if starts_new and previous == []:
            previous.append(line)
        elif starts_new:
            paragraphs.append([line])
        else:
            previous.append(line)
    return [join_lines(p) for p in paragraphs if p]


def mark_body_footnotes(paragraphs: list[str]) -> list[str]:
    text = "\n".join(paragraphs)
    for before, after in HP_BODY_MARKERS:
        if before not in text:
            raise ValueError(f"footnote marker not found in seed 001: {before!r}")
        text = text.replace(before, after, 1)
    return text.split("\n")


def add_three_col_appendix(doc: DocxDocument, rows: list[tuple], footnotes: Footnotes | None, header: str) -> None:
    """The template's 3-column table: TT | Nội dung triển khai | Kết quả; sub-lines as paragraphs."""
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0]
    for cell, text in zip(head.cells, ["TT", "Nội dung triển khai", header], strict=True):
        set_cell_text(cell, text, bold=True, align="center", size=13)
    repeat_header(head)
    for row in rows:
        cells = table.add_row().cells
        if row[0] == "section":
            set_cell_text(cells[0], row[1], bold=True, align="center", size=13)
            merged = cells[1].merge(cells[2])
            set_cell_text(merged, row[2], bold=True, size=13)
        else:
            _, number, title, lines = row
            set_cell_text(cells[0], number, align="center", size=13)
            set_cell_text(cells[1], title, size=13, footnotes=footnotes)
            set_cell_text(cells[2], "\n\n".join(lines), size=13)
    set_widths(table, [1.3, 6.2, 8.5])


def build_haiphong(out_dir: Path) -> Path:
    seed = parse_haiphong_seed((SEEDS / "001_haiphong_report.txt").read_text(encoding="utf-8"))
    doc = new_document()
    notes = Footnotes(doc)
    for number, paragraphs in seed.footnotes.items():
        notes.add(number, paragraphs)
    notes.add(5, [""])  # the real report's footnote 5 is empty (nothing under its rule in seed 001)
    for number, text in HP_APPENDIX_FOOTNOTES.items():
        notes.add(number, [text])
    add_header_block(doc, "UBND THÀNH PHỐ HẢI PHÒNG", "        /BC-SGDĐT", "Hải Phòng", "ngày      tháng 11 năm 2025")
    add_title(doc, "thành phố Hải Phòng")
    for paragraph in mark_body_footnotes(seed.paragraphs):
        if paragraph == "<<TABLE>>":
            add_simple_table(doc, HP_COMPUTERS_TABLE, [1.5, 7, 5])
            continue
        heading = bool(re.match(r"^[IVX]+\.\s", paragraph)) and paragraph.upper() == paragraph
        add_para(doc, paragraph, bold=heading, indent=not heading, align="justify", footnotes=notes)
    page_break(doc)
    add_para(doc, "Phụ lục:", bold=True)
    add_para(
        doc,
        "BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ SAU TỔNG KẾT THỰC HIỆN QUYẾT ĐỊNH 131/QĐ-TTg ngày 25/01/2022 "
        "CỦA THỦ TƯỚNG CHÍNH PHỦ",
        bold=True,
        align="center",
    )
    add_para(
        doc,
        "(Kèm theo công văn số             /SGDĐT-VP ngày        tháng 11 năm 2025 của Sở Giáo dục và Đào tạo)",
        italic=True,
        align="center",
    )
    add_three_col_appendix(
        doc,
        HP_APPENDIX,
        notes,
        "Kết quả (số liệu) thống kê toàn tỉnh/thành phố trực thuộc Trung ương thời điểm hiện tại",
    )
    notes.attach()
    path = out_dir / "haiphong_report.docx"
    save_docx(doc, path)
    return path


def add_simple_table(doc: DocxDocument, rows: Iterable[tuple[str, ...]], widths: list[float]) -> DocxTable:
    rows = list(rows)
    table = doc.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, values in enumerate(rows):
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            set_cell_text(cell, text, bold=index == 0, size=13)
    set_widths(table, widths)
    return table


