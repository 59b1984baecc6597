#!/usr/bin/env python
"""Build ``samples/citations/``: documents that cite legal documents the way real files do,
each with its gold list ``<name>.citations.json`` (every mention in reading order as
``{"id", "date"}``), for tests/extractors/test_citations_samples.py and
``bench/citations_score.py`` (issue 14).

Written from the rules of Nghị định 30/2020/NĐ-CP and in the style of real administrative
files, not copied from any: seeded random rows, so the set is varied but rebuilding it
changes no byte.

* ``so-van-ban-den-<n>.xlsx``: incoming registers (sổ văn bản đến): arrival date and
  number, author, "Số, ký hiệu", "Ngày tháng", summary, recipient; columns in varying
  order and wording, real spreadsheet dates or text dates, one sheet month first;
* ``so-van-ban-den-tach-so.docx``: number and code in separate columns, two-row header;
* ``theo-doi-van-ban-<n>.xlsx``: tracking workbooks whose cells are prose ("Công văn số
  2170/STP-XDTHPL ngày 02/10/2025 của Sở Tư pháp") with the tolerances of real writing;
* ``ocr-<n>.txt``: text as OCR gives it from a scan: symbols broken across lines,
  keyword and number on different lines, lost marks ("Quyet djnh so 175/QD-SYT"),
  digit slips ("ngày 28 tháng 1l năm 2017");
* ``trang-van-ban-phap-luat.txt``: a legal page listing national documents (laws,
  decrees, decisions, circulars, party resolutions, consolidated texts);
* ``sach-<n>.txt``: clean texts with figures, dates, phone numbers and fractions and no
  wrong citation: no citation flag may be raised on them.

Run: ``python scripts/build_citation_samples.py`` (deterministic).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "samples" / "citations"
STAMP = dt.datetime(2025, 10, 20, 8, 0)


@dataclass(frozen=True)
class Body:
    name: str  # as an issuer column writes it
    code: str
    units: tuple[str, ...]


BODIES = (
    Body("Sở Y tế", "SYT", ("NVY", "VP", "TCCB", "KHTC")),
    Body("Sở Tư pháp", "STP", ("XDTHPL", "VP")),
    Body("Sở Tài chính", "STC", ("ĐTGS&QTVĐT", "QLNS")),
    Body("Sở Nội vụ", "SNV", ("XDCQ,CTTN&BĐG", "TCBC")),
    Body("UBND tỉnh", "UBND", ("VX", "KGVX", "TH")),
    Body("Sở Xây dựng", "SXD", ("VP",)),
    Body("Sở Công Thương", "SCT", ("VP",)),
    Body("Bộ Giáo dục và Đào tạo", "BGDĐT", ("KHCNTT", "GDPT")),
    Body("Sở GDĐT", "SGDĐT", ("VP", "GDTrH", "KHTC")),
    Body("Ban Quản lý các khu công nghiệp", "BQLKCN", ("QLDN",)),  # codes no gazetteer knows
    Body("Trung tâm Kiểm soát bệnh tật", "CDC", ("KHNV",)),
)
TYPES = (  # (code, word at the head of a summary)
    ("QĐ", "Quyết định"),
    ("KH", "Kế hoạch"),
    ("TB", "Thông báo"),
    ("GM", "Giấy mời"),
    ("TTr", "Tờ trình"),
    ("BC", "Báo cáo"),
    ("HD", "Hướng dẫn"),
    ("", "Công văn"),  # a letter: ISSUER-UNIT
)
TOPICS = (
    "triển khai chuyển đổi số năm học 2025-2026",
    "kiện toàn Ban Chỉ đạo",
    "báo cáo tình hình thực hiện nhiệm vụ quý III",
    "tổ chức hội nghị giao ban",
    "hướng dẫn sử dụng phần mềm quản lý văn bản",
    "phân bổ kinh phí",
)


@dataclass
class Mention:
    written: str  # the số/ký hiệu as the file writes it
    id: str  # what the extractor must give
    date: dt.date | None
    body: Body
    type_word: str


def _mention(rng: random.Random, year: int, style: str = "plain") -> Mention:
    body = rng.choice(BODIES)
    code, word = rng.choice(TYPES)
    number = str(rng.randint(1, 4999))
    unit = rng.choice(body.units)
    symbol = f"{body.code}-{unit}" if not code else f"{code}-{body.code}"
    if style == "tolerant":  # the habits of real writing, one per mention
        habit = rng.choice(("space_slash", "en_dash", "tr", "thousands", "trailing_year", "plain"))
        if habit == "space_slash":
            return _m(f"{number} /{symbol}", f"{number}/{symbol}", rng, year, body, word)
        if habit == "en_dash":
            return _m(f"{number}/{symbol.replace('-', '–', 1)}", f"{number}/{symbol}", rng, year, body, word)
        if habit == "tr":
            return _m(f"{number}/Tr-{body.code}", f"{number}/Tr-{body.code}", rng, year, body, "Tờ trình")
        if habit == "thousands":
            big = f"{rng.randint(1, 9)}.{rng.randint(0, 999):03d}"
            return _m(f"{big}/{symbol}", f"{big}/{symbol}", rng, year, body, word)
        if habit == "trailing_year":
            return _m(f"{number}/{symbol}/{year}", f"{number}/{symbol}/{year}", rng, year, body, word)
    return _m(f"{number}/{symbol}", f"{number}/{symbol}", rng, year, body, word)


def _m(written: str, expected: str, rng: random.Random, year: int, body: Body, word: str) -> Mention:
    date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 360))
    return Mention(written, expected, date, body, word)


def _gold(mentions: list[Mention]) -> list[dict]:
    return [{"id": m.id, "date": m.date.isoformat() if m.date else None} for m in mentions]


def _write_gold(name: str, mentions: list[Mention] | list[dict]) -> None:
    rows = _gold(mentions) if mentions and isinstance(mentions[0], Mention) else mentions
    path = OUT / f"{name}.citations.json"
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------
# Registers (XLSX, DOCX)
# ---------------------------------------------------------------------------

REGISTER_LAYOUTS = (
    # (header words per role, column order, date as: "excel" | "dmy" | "mdy")
    ({"arrival": "Ngày đến", "in_no": "Số đến", "author": "Tác giả", "symbol": "Số, ký hiệu",
      "date": "Ngày tháng", "summary": "Tên loại và trích yếu nội dung", "to": "Đơn vị hoặc người nhận"},
     ("arrival", "in_no", "author", "symbol", "date", "summary", "to"), "dmy"),
    ({"in_no": "Số đến", "symbol": "Số/ký hiệu văn bản", "date": "Ngày văn bản", "author": "Cơ quan ban hành",
      "summary": "Trích yếu", "arrival": "Ngày nhận"},
     ("in_no", "arrival", "symbol", "date", "author", "summary"), "excel"),
    ({"stt": "STT", "summary": "Trích yếu nội dung", "author": "Nơi gửi", "date": "Ngày ban hành (mm/dd/yyyy)",
      "symbol": "Số ký hiệu"},
     ("stt", "date", "symbol", "author", "summary"), "mdy"),
)  # fmt: skip


def _register_row(rng: random.Random, mention: Mention, index: int, date_as: str) -> dict[str, object]:
    arrival = mention.date + dt.timedelta(days=rng.randint(1, 6))
    if date_as == "excel":
        date: object = dt.datetime.combine(mention.date, dt.time())
    elif date_as == "mdy":
        date = mention.date.strftime("%m/%d/%Y")
    else:
        date = mention.date.strftime(rng.choice(("%d/%m/%Y", "%d/%m/%Y", "%-d/%-m/%Y", "%d.%m.%Y")))
    return {
        "arrival": arrival.strftime("%d/%m/%Y"),
        "in_no": str(1000 + index),
        "stt": str(index + 1),
        "author": mention.body.name,
        "symbol": mention.written,
        "date": date,
        "summary": f"{mention.type_word} về việc {rng.choice(TOPICS)}",
        "to": rng.choice(("Văn phòng", "Phòng GDTrH", "Lãnh đạo Sở")),
    }


def build_registers(rng: random.Random) -> None:
    import openpyxl

    for n, (words, order, date_as) in enumerate(REGISTER_LAYOUTS, 1):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "Sổ văn bản đến"
        sheet.append([f"SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM {2024 + n % 2}"])
        sheet.append([])
        sheet.append([words[role] for role in order])
        mentions = [_mention(rng, 2024 + n % 2, "tolerant" if n == 1 else "plain") for _ in range(40)]
        for index, mention in enumerate(mentions):
            row = _register_row(rng, mention, index, date_as)
            sheet.append([row[role] for role in order])
        for row in sheet.iter_rows(min_row=4):
            for cell in row:
                if isinstance(cell.value, dt.datetime):
                    cell.number_format = "dd/mm/yyyy"
        workbook.properties.created = workbook.properties.modified = STAMP
        workbook.save(OUT / f"so-van-ban-den-{n}.xlsx")
        _write_gold(f"so-van-ban-den-{n}", mentions)


def build_split_register(rng: random.Random) -> None:
    """DOCX register: "Văn bản" over "Số | Ký hiệu | Ngày tháng" (a two-row header)."""
    import docx

    document = docx.Document()
    document.core_properties.created = document.core_properties.modified = STAMP
    document.add_paragraph("SỞ Y TẾ — SỔ THEO DÕI VĂN BẢN ĐẾN")
    table = document.add_table(rows=2, cols=6)
    top = ("STT", "Văn bản", "", "", "Trích yếu", "Cơ quan ban hành")
    sub = ("", "Số", "Ký hiệu", "Ngày tháng", "", "")
    for i, (a, b) in enumerate(zip(top, sub, strict=True)):
        table.rows[0].cells[i].text = a
        table.rows[1].cells[i].text = b
    table.cell(0, 1).merge(table.cell(0, 3))
    table.rows[0].cells[1].text = "Văn bản"
    mentions = []
    for index in range(30):
        mention = _mention(rng, 2023)
        number, _, code = mention.written.partition("/")
        cells = table.add_row().cells
        for i, text in enumerate((str(index + 1), number, code, mention.date.strftime("%d/%m/%Y"),
                                  f"{mention.type_word} về việc {rng.choice(TOPICS)}", mention.body.name)):
            cells[i].text = text
        mentions.append(mention)
    document.save(OUT / "so-van-ban-den-tach-so.docx")
    _write_gold("so-van-ban-den-tach-so", mentions)


# ---------------------------------------------------------------------------
# Tracking workbooks: prose in cells
# ---------------------------------------------------------------------------

def _prose(rng: random.Random, mention: Mention) -> str:
    word = mention.type_word if mention.type_word != "Công văn" else rng.choice(("Công văn", "CV", "Văn bản"))
    so = "" if word == "CV" else " số"
    date = mention.date
    when = rng.choice((f"ngày {date:%d/%m/%Y}", f"ngày {date.day}/{date.month}/{date.year}",
                       f"ngày {date.day} tháng {date.month} năm {date.year}"))
    of = rng.choice(("", f" của {mention.body.name}"))
    return f"{word}{so} {mention.written} {when}{of}"


def build_tracking(rng: random.Random) -> None:
    import openpyxl

    for n in (1, 2):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "Theo dõi"
        sheet.append(["TT", "Nhiệm vụ", "Căn cứ / văn bản chỉ đạo", "Kết quả thực hiện", "Đơn vị chủ trì"])
        gold = []
        for index in range(35):
            first = _mention(rng, 2025, "tolerant")
            cells = [_prose(rng, first)]
            gold.append(first)
            if rng.random() < 0.4:
                second = _mention(rng, 2025, "tolerant")
                cells.append(_prose(rng, second))
                gold.append(second)
            result = f"Đã hoàn thành {rng.randint(60, 100)}% ({rng.randint(10, 90)}/{rng.randint(91, 120)} đơn vị)"
            sheet.append([str(index + 1), rng.choice(TOPICS).capitalize(), "; ".join(cells), result,
                          rng.choice(BODIES).name])
        workbook.properties.created = workbook.properties.modified = STAMP
        workbook.save(OUT / f"theo-doi-van-ban-{n}.xlsx")
        _write_gold(f"theo-doi-van-ban-{n}", gold)


# ---------------------------------------------------------------------------
# OCR'd text, a legal page, clean texts
# ---------------------------------------------------------------------------

def _unmark(text: str) -> str:
    import unicodedata

    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


_SLIPS: tuple[Callable[[str], str], ...] = (
    lambda s: s.replace("1", "l", 1),
    lambda s: s.replace("0", "O", 1),
    lambda s: s.replace("1", "I", 1),
)


def _ocr_line(rng: random.Random, mention: Mention) -> str:
    date = mention.date
    number, _, symbol = mention.written.partition("/")
    habit = rng.choice(("break_symbol", "break_keyword", "unmarked", "slip_date", "slip_number", "clean"))
    if habit == "break_symbol":
        head, _, tail = symbol.partition("-")
        return f"Căn cứ {mention.type_word} số {number}/{head}-\n{tail} ngày {date:%d/%m/%Y} của {mention.body.name};"
    if habit == "break_keyword":
        when = f"ngày {date.day} tháng {date.month} năm {date.year}"
        return f"Thực hiện {mention.type_word}\nsố {mention.written} {when};"
    if habit == "unmarked" and not any(ch in mention.written for ch in "&,"):  # unknown unit codes stay unmarked
        return _unmark(f"Can cu {mention.type_word} so {mention.written} ngay {date:%d/%m/%Y};").replace("inh", "jnh")
    if habit == "slip_date":
        month = str(date.month)
        slipped = month.replace("1", "l", 1) if "1" in month else month
        return f"Theo {mention.type_word} số {mention.written} ngày {date.day} tháng {slipped} năm {date.year}."
    if habit == "slip_number" and any(d in number for d in "10"):
        slip = rng.choice(_SLIPS)
        return f"{mention.type_word} số {slip(number)}/{symbol} ngày {date:%d/%m/%Y}."
    return f"{mention.type_word} số {mention.written} ngày {date:%d/%m/%Y}."


def build_ocr(rng: random.Random) -> None:
    for n in (1, 2):
        lines, gold = ["ỦY BAN NHÂN DÂN TỈNH", "SỞ Y TẾ", "Số: 1520/SYT-VP"], []
        for _ in range(25):
            mention = _mention(rng, 2017 + n)
            lines.append(_ocr_line(rng, mention))
            lines.append(rng.choice(("Tổng số 1.204 hồ sơ, đạt 97,5%.", "Điện thoại: 0238.3844.123", "",
                                     "Tỷ lệ 51.608/53.147 giáo viên.", "Ngày 02/10/2025 họp giao ban.")))
            gold.append(mention)
        (OUT / f"ocr-{n}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        _write_gold(f"ocr-{n}", gold)


LEGAL_PAGE = [  # (as the page writes it, id, ISO date)
    ("Luật Giáo dục số 43/2019/QH14 ngày 14 tháng 6 năm 2019", "43/2019/QH14", "2019-06-14"),
    ("Luật Công nghệ thông tin số 67/2006/QH11 ngày 29 tháng 6 năm 2006", "67/2006/QH11", "2006-06-29"),
    ("Luật Giao dịch điện tử số 20/2023/QH15 ngày 22/6/2023", "20/2023/QH15", "2023-06-22"),
    ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư", "30/2020/NĐ-CP", "2020-03-05"),
    ("Nghị định số 13/2023/NĐ–CP ngày 17/4/2023", "13/2023/NĐ-CP", "2023-04-17"),
    ("Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ", "131/QĐ-TTg", "2022-01-25"),
    ("Quyết định số 749/QĐ.TTg ngày 03/6/2020", "749/QĐ.TTg", "2020-06-03"),
    ("Thông tư số 09/2021/TT-BGDĐT ngày 30/3/2021", "09/2021/TT-BGDĐT", "2021-03-30"),
    ("Văn bản hợp nhất số 07/VBHN-BGDĐT ngày 22/12/2023 của Bộ Giáo dục và Đào tạo", "07/VBHN-BGDĐT", "2023-12-22"),
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị", "57-NQ/TW", "2024-12-22"),
    ("Chỉ thị số 05/CT-TTg ngày 23/02/2024", "05/CT-TTg", "2024-02-23"),
    ("Nghị quyết số 15/NQ-HĐ ngày 12/3/2024 của Hội đồng trường", "15/NQ-HĐ", "2024-03-12"),
    ("Quyết định số 1.234/QĐ-UBND ngày 02/7/2024", "1.234/QĐ-UBND", "2024-07-02"),
    ("Tờ trình số 52/Tr-SCT ngày 11/9/2025 của Sở Công Thương", "52/Tr-SCT", "2025-09-11"),
    ("CV 4729/SXD ngày 3/10/2025", "4729/SXD", "2025-10-03"),
    ("Công văn số 935 /STC-ĐTGS&QTVĐT ngày 12/8/2025", "935/STC-ĐTGS&QTVĐT", "2025-08-12"),
    ("Văn bản số 259/SNV-XDCQ,CTTN&BĐG ngày 20/8/2025", "259/SNV-XDCQ,CTTN&BĐG", "2025-08-20"),
]


def build_legal_page() -> None:
    lines = ["DANH MỤC VĂN BẢN QUY PHẠM PHÁP LUẬT VÀ VĂN BẢN CHỈ ĐẠO LIÊN QUAN", ""]
    lines += [f"{i}. {written};" for i, (written, _, _) in enumerate(LEGAL_PAGE, 1)]
    (OUT / "trang-van-ban-phap-luat.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _write_gold("trang-van-ban-phap-luat", [{"id": i, "date": d} for _, i, d in LEGAL_PAGE])


CLEAN = [
    "Toàn tỉnh có 51.608/53.147 giáo viên (97,1%) sử dụng thành thạo phần mềm; 3/4 số trường đã kết nối.",
    "Hội nghị ngày 02/10/2025 tại Hội trường A, điện thoại 0236.3822.123, fax 0236 3822 124.",
    "Tiêu chuẩn ISO 9001:2015 được áp dụng; phiên bản 4.0 của phần mềm đã cập nhật ngày 15/9/2025.",
    "Thực hiện Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ và Thông tư số "
    "09/2021/TT-BGDĐT ngày 30/3/2021 của Bộ Giáo dục và Đào tạo.",
    "Căn cứ Kế hoạch số 953/KH-BGDĐT ngày 10/7/2025; Công văn số 2170/STP-XDTHPL ngày 02/10/2025 của Sở Tư pháp.",
    "Tổng số hồ sơ 1.204, đạt tỷ lệ 12/15 chỉ tiêu; năm học 2024-2025 có 1.250 lớp.",
]


def build_clean() -> None:
    (OUT / "sach-1.txt").write_text("\n".join(CLEAN) + "\n", encoding="utf-8")
    _write_gold("sach-1", [
        {"id": "131/QĐ-TTg", "date": "2022-01-25"}, {"id": "09/2021/TT-BGDĐT", "date": "2021-03-30"},
        {"id": "953/KH-BGDĐT", "date": "2025-07-10"}, {"id": "2170/STP-XDTHPL", "date": "2025-10-02"},
    ])


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(14)
    build_registers(rng)
    build_split_register(rng)
    build_tracking(rng)
    build_ocr(rng)
    build_legal_page()
    build_clean()
    print(f"wrote {len(list(OUT.glob('*.citations.json')))} samples to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
