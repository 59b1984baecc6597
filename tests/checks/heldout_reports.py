"""Clean held-out reports in other provinces' styles, and faulty copies with one planted problem.

Each clean report is built from a province's populations (teachers, lecturers, pupils,
students, institutions) so its numbers are consistent the way a real Sở's are: counts ≤
totals, rates rounded as a clerk rounds them (97,1% of 53.150), the same totals behind
1a/1c/8c and 2a/2c/8b, body sentences that repeat the appendix, breakdowns that add up.
A faulty copy changes exactly one thing, so a check must raise exactly one flag for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from baocao.model import Cell, Document, Location, Paragraph, Source, Table


def vn(number: float, decimals: int = 0) -> str:
    """Vietnamese number text: 53.150 and 97,1."""
    if decimals == 0:
        return f"{int(round(number)):,}".replace(",", ".")
    text = f"{number:.{decimals}f}"
    return text.replace(".", ",")


@dataclass(frozen=True)
class Province:
    name: str
    teachers: int
    lecturers: int  # 0 when the province runs no university/college
    pupils: int
    students: int
    institutions: int  # mầm non + phổ thông + GDTX
    preschools: int
    tthc: int
    decimals: int = 1  # how the Sở rounds its rates
    quirks: frozenset[str] = frozenset()  # habits of this Sở that are not mistakes


# (code, label as in the template, population attribute or fixed denominator, share of it)
LINES: tuple[tuple[str, str, str, float], ...] = (
    ("1a", "Tổng số giáo viên có máy tính", "teachers", 0.981),
    ("1b", "Tổng số giảng viên có máy tính", "lecturers", 1.0),
    ("1c", "Tổng số giáo viên có đường truyền Internet", "teachers", 0.954),
    ("1d", "Tổng số giảng viên có đường truyền Internet", "lecturers", 1.0),
    ("2a", "Tổng số học sinh có máy tính", "pupils", 0.452),
    ("2b", "Tổng số sinh viên có máy tính", "students", 0.873),
    ("2c", "Tổng số học sinh có đường truyền Internet", "pupils", 0.781),
    ("2d", "Tổng số sinh viên có đường truyền Internet", "students", 0.968),
    ("3a", "Số nền tảng", "", 0),
    ("3b", "Số nền tảng là sản phẩm trong nước", "", 0),
    ("3c", "Số lượng học sinh/ sinh viên tham gia sử dụng nền tảng", "pupils", 0.624),
    ("4a", "Tổng số cơ sở giáo dục đại học đã cung cấp chương trình đào tạo (cấp bằng) theo hình "
     "thức từ xa, trực tuyến", "", 0),
    ("5a", "Tỉ trọng nội dung triển khai dưới hình thức trực tuyến ở bậc tiểu học chiếm", "", 0),
    ("5b", "Tỉ trọng nội dung triển khai dưới hình thức trực tuyến ở bậc trung học chiếm", "", 0),
    ("6a", "Tổng số lớp học trực tuyến trong các cơ sở giáo dục đại học đã triển khai", "", 0),
    ("7a", "Tổng số người học lấy bằng đại học thứ hai có thời lượng đào tạo trực tuyến >=50%", "", 0),
    ("8a", "Tổng số cơ sở giáo dục (mầm non, phổ thông và thường xuyên) đã triển khai hệ thống "
     "quản trị, quản lý dựa trên dữ liệu và công nghệ số", "institutions", 0.962),
    ("8b", "Số lượng người học được quản lý bằng hồ sơ số với định danh thống nhất", "pupils", 1.0),
    ("8c", "Số lượng nhà giáo được quản lý bằng hồ sơ số với định danh thống nhất", "teachers", 1.0),
    ("8d", "Số lượng các cơ sở giáo dục đào tạo quản lý hồ sơ số đối với cơ sở vật chất, thiết bị "
     "và các nguồn lực khác phục vụ giáo dục, đào tạo và nghiên cứu", "institutions", 0.887),
    ("8e", "Số lượng hồ sơ công việc tại cấp Sở được vận hành dựa trên dữ liệu và công nghệ số", "", 0),
    ("9a", "Số lượng thủ tục hành chính đủ điều kiện được triển khai dịch vụ công trực tuyến toàn "
     "trình", "tthc", 1.0),
    ("9b", "Số lượng hồ sơ giải quyết trực tuyến mức độ toàn trình", "", 0),
    ("9c", "Số lượng (ước tính) người học, phụ huynh hài lòng về chất lượng dịch vụ trực tuyến của "
     "các cơ sở giáo dục và đào tạo", "", 0),
    ("9d", "Số lượng (ước tính) tổ chức, cá nhân hài lòng về chất lượng dịch vụ công trực tuyến "
     "của các cơ quan quản lý giáo dục", "", 0),
)
LABELS = {code: label for code, label, _, _ in LINES}


@dataclass
class Figures:
    """The appendix of one report as text: code -> (value text or None, rate text or None)."""

    cells: dict[str, tuple[str | None, str | None]]
    body: list[str]
    extra: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # outside template
    typed: dict[str, str] = field(default_factory=dict)  # code -> the line as typed, overriding cells


def figures(p: Province) -> Figures:
    """A consistent appendix and body for province ``p``."""
    cells: dict[str, tuple[str | None, str | None]] = {}
    counts: dict[str, int] = {}
    for code, _label, attr, share in LINES:
        if not attr:
            continue
        total = getattr(p, attr)
        if total == 0:
            cells[code] = ("0", "0") if code in ("1b", "1d", "2b", "2d") else (None, None)
            counts[code] = 0
            continue
        count = round(total * share)
        counts[code] = count
        cells[code] = (vn(count), vn(100 * count / total, p.decimals))
    cells["3a"] = (f"{3 + p.teachers % 3} (VnEdu, K12Online, OLM, Zoom)" if p.teachers % 2 else "4", None)
    cells["3b"] = ("2", None)
    cells["4a"] = ("0", "0") if p.lecturers == 0 else ("1", "50")
    cells["5a"] = (None, vn(6.5, 1))
    cells["5b"] = (None, vn(11.2, 1))
    cells["6a"] = ("0", "0") if p.lecturers == 0 else (vn(p.lecturers // 3), vn(100 * (p.lecturers // 3) / (p.lecturers * 1.2), 1))
    cells["7a"] = ("0", "0")
    files = 2400 + p.teachers % 500
    cells["8e"] = (vn(files), vn(100 * round(files * 0.9) / files, 0))
    cells["8e"] = (vn(round(files * 0.9)), "90")
    cells["9b"] = (vn(p.tthc * 41), vn(93.4, 1))
    happy = round(p.pupils * 0.8)
    cells["9c"] = (vn(happy), "95")
    cells["9d"] = (vn(round(happy / 60)), "92")
    _apply_quirks(p, cells, counts)
    schools = p.institutions - p.preschools
    body = [
        "BÁO CÁO Tổng kết thực hiện Đề án theo Quyết định số 131/QĐ-TTg của Thủ tướng Chính phủ",
        f"Sở Giáo dục và Đào tạo {p.name} báo cáo kết quả triển khai như sau:",
        f"Toàn tỉnh hiện có {vn(p.institutions)} cơ sở giáo dục, gồm {vn(p.preschools)} trường mầm non "
        f"và {vn(schools)} trường phổ thông, trung tâm GDTX.",
        f"Về trang thiết bị, {vn(counts['1a'])} giáo viên có máy tính, đạt tỉ lệ {cells['1a'][1]}%; "
        f"{vn(counts['1c'])} giáo viên có đường truyền Internet, đạt {cells['1c'][1]}%.",
        f"Số học sinh có máy tính là {vn(counts['2a'])} em, đạt tỉ lệ {cells['2a'][1]}%.",
        f"Có {vn(counts['8a'])}/{vn(p.institutions)} cơ sở giáo dục đã triển khai hệ thống quản trị dựa "
        f"trên dữ liệu (đạt {cells['8a'][1]}%).",
        f"100% học sinh ({vn(p.pupils)} em) và 100% giáo viên được quản lý bằng hồ sơ số trên CSDL ngành.",
        "Khó khăn: hạ tầng mạng ở vùng sâu, vùng xa còn hạn chế; kinh phí đầu tư thiết bị còn thấp.",
    ]
    body.extend(_quirk_body(p, cells, counts))
    return Figures(cells, body)


def _apply_quirks(p: Province, cells: dict, counts: dict[str, int]) -> None:
    """Legitimate variations: wider scopes, words for 'none', other rounding."""
    if "8c_with_lecturers" in p.quirks:  # 'nhà giáo' = teachers + lecturers
        cells["8c"] = (vn(p.teachers + p.lecturers), "100")
    if "3c_with_students" in p.quirks:  # platform users are pupils and students
        count = round((p.pupils + p.students) * 0.61)
        cells["3c"] = (vn(count), vn(100 * count / (p.pupils + p.students), p.decimals))
    if "none_in_words" in p.quirks and p.lecturers == 0:
        for code in ("1b", "1d", "2b", "2d", "4a", "6a"):
            cells[code] = ("Không có", None) if code != "4a" else ("Không", None)
    if "8b_with_students" in p.quirks:
        cells["8b"] = (vn(p.pupils + p.students), "100")


def _quirk_body(p: Province, cells: dict, counts: dict[str, int]) -> list[str]:
    lines = []
    if "body_rounded" in p.quirks:
        rate = float(cells["1c"][1].replace(",", "."))
        lines.append(f"Gần {vn(rate, 0)}% giáo viên có đường truyền Internet phục vụ dạy học trực tuyến.")
    if "breakdown_pct" in p.quirks:
        schools = p.institutions - p.preschools
        lines.append(
            f"Trong tổng số {vn(p.institutions)} cơ sở giáo dục, có {vn(p.preschools)} cơ sở mầm non "
            f"({vn(100 * p.preschools / p.institutions, 1)}%) và {vn(schools)} cơ sở phổ thông, GDTX "
            f"({vn(100 * schools / p.institutions, 1)}%)."
        )
    if "pupil_levels" in p.quirks:
        primary = round(p.pupils * 0.47)
        lower = round(p.pupils * 0.33)
        upper = p.pupils - primary - lower
        lines.append(
            f"Tổng số học sinh phổ thông là {vn(p.pupils)} em, gồm {vn(primary)} học sinh tiểu học, "
            f"{vn(lower)} học sinh THCS và {vn(upper)} học sinh THPT."
        )
    if "records_sentences" in p.quirks:
        lines.append(
            f"Ngành đã hoàn thành cơ sở dữ liệu ngành: tổng số giáo viên là {vn(p.teachers)}, 100% giáo viên "
            f"được quản lý bằng hồ sơ số với định danh thống nhất; đã cấp mã định danh cho {vn(p.pupils)} học sinh."
        )
        lines.append(
            f"Từ năm 2022 đến nay, Sở đã tiếp nhận và giải quyết {cells['9b'][0]} hồ sơ trực tuyến toàn trình. "
            f"Năm 2024, Sở tiếp nhận {vn(p.tthc * 13)} hồ sơ trực tuyến."
        )
    if "teacher_hours" in p.quirks:
        lines.append(
            f"Năm học 2024-2025, có 3 đợt tập huấn cho {vn(round(p.teachers * 0.4))} lượt giáo viên, "
            "mỗi đợt 2 ngày; 12 chuyên đề trực tuyến được xây dựng."
        )
    return lines


# --- layouts -------------------------------------------------------------------------


def _cell(text: str, table: int, row: int, col: int) -> Cell:
    return Cell(text=text, location=Location(table=table, row=row, cell=col), col=col)


def _table(rows: list[list[str]], index: int) -> Table:
    return Table(
        rows=[[_cell(t, index, r, c) for c, t in enumerate(row)] for r, row in enumerate(rows)],
        location=Location(table=index),
    )


def _paras(lines: list[str], start: int = 0) -> list[Paragraph]:
    return [Paragraph(text=t, location=Location(paragraph=start + i)) for i, t in enumerate(lines)]


def _template_text(code: str, value: str | None, rate: str | None) -> str:
    """One '- label: value, đạt tỉ lệ: rate%' line as the template shows it."""
    label = LABELS[code]
    if code in ("5a", "5b"):
        return f"- {label} {rate if rate is not None else '.....'} %"
    if code in ("3a", "3b"):
        return f"- {label}: {value if value is not None else '......'}"
    v = value if value is not None else "......"
    r = rate if rate is not None else "...."
    return f"- {label}: {v}, đạt tỉ lệ: {r}%"


SECTIONS = (
    ("I", "Tiếp cận giáo dục trực tuyến", [
        ("1.", "Số lượng nhà giáo được trang bị (có) máy tính/ đường truyền Internet", ["1a", "1b", "1c", "1d"]),
        ("2.", "Người học (học sinh/sinh viên) được trang bị (có) máy tính/ đường truyền Internet",
         ["2a", "2b", "2c", "2d"]),
    ]),
    ("II", "Môi trường giáo dục trực tuyến", [
        ("3.", "Triển khai nền tảng dạy và học trực tuyến", ["3a", "3b", "3c"]),
        ("4.", "Cung cấp các chương trình đào tạo (cấp bằng) theo hình thức từ xa, trực tuyến", ["4a"]),
    ]),
    ("III", "Quy mô hoạt động giáo dục trực tuyến", [
        ("5.", "Tỉ trọng nội dung chương trình giáo dục phổ thông được triển khai dưới hình thức trực tuyến",
         ["5a", "5b"]),
        ("6.", "Triển khai học trực tuyến trong các cơ sở giáo dục đại học", ["6a"]),
        ("7.", "Triển khai đào tạo người học lấy văn bằng đại học, cao đẳng thứ hai", ["7a"]),
    ]),
    ("IV", "Quản lý, quản trị", [
        ("8.", "Triển khai hệ thống quản trị, quản lý dựa trên dữ liệu và công nghệ số",
         ["8a", "8b", "8c", "8d", "8e"]),
    ]),
    ("V", "Dịch vụ hỗ trợ người học, người dân", [
        ("9.", "Triển khai dịch vụ hỗ trợ người học, người dân", ["9a", "9b", "9c", "9d"]),
    ]),
)
HEADER = ["STT", "Nội dung triển khai",
          "Kết quả (số liệu) thống kê toàn tỉnh/thành phố trực thuộc Trung ương thời điểm hiện tại"]


def template_table(f: Figures) -> list[list[str]]:
    """The Ministry's 3-column table, every sub-line typed into the result cell."""
    rows = [HEADER]
    for roman, title, items in SECTIONS:
        rows.append([roman, title, ""])
        for number, label, codes in items:
            text = "\n".join(f.typed.get(c) or _template_text(c, *f.cells[c]) for c in codes if c in f.cells)
            if number == "8." and f.extra:
                text += "\n" + "\n".join(_template_text_extra(*e) for e in f.extra)
            rows.append([number, label, text])
    return rows


def _template_text_extra(label: str, value: str | None, rate: str | None) -> str:
    return f"- {label}: {value}, đạt tỉ lệ: {rate}%"


def column_table(f: Figures) -> list[list[str]]:
    """One row per line with its own count and rate columns (the 'Excel' style)."""
    rows = [["STT", "Chỉ tiêu", "Số lượng", "Tỉ lệ (%)"]]
    for roman, title, items in SECTIONS:
        rows.append([roman, title.upper(), "", ""])
        for number, _label, codes in items:
            for i, code in enumerate(codes):
                if code not in f.cells:
                    continue
                value, rate = f.cells[code]
                rows.append([f"{number.rstrip('.')}.{i + 1}", LABELS[code], value or "", rate or ""])
                if code == "8e":
                    rows.extend([f"{number.rstrip('.')}.x", e[0], e[1] or "", e[2] or ""] for e in f.extra)
    return rows


def prose_lines(f: Figures) -> list[str]:
    """The appendix typed as paragraphs under the template's headings (no table)."""
    lines = ["Phụ lục 2", "BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ GIAI ĐOẠN 2022-2025"]
    for roman, title, items in SECTIONS:
        lines.append(f"{roman}. {title}")
        for number, label, codes in items:
            lines.append(f"{number} {label}")
            lines.extend(f.typed.get(c) or _template_text(c, *f.cells[c]) for c in codes if c in f.cells)
            if number == "8.":
                lines.extend(_template_text_extra(*e) for e in f.extra)
    return lines


Layout = Callable[[Figures], Document]


def as_template_docx(f: Figures, name: str) -> Document:
    body = _paras(f.body)
    heading = _paras(["Phụ lục 2", "BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ GIAI ĐOẠN 2022-2025"], len(body))
    return Document(Source(f"{name}.docx", "0" * 64, "docx"), [*body, *heading, _table(template_table(f), 0)])


def as_column_xlsx_like(f: Figures, name: str) -> Document:
    body = _paras(f.body)
    return Document(Source(f"{name}.docx", "0" * 64, "docx"),
                    [*body, *_paras(["PHỤ LỤC 2. BIỂU SỐ LIỆU THỐNG KÊ"], len(body)), _table(column_table(f), 0)])


def as_prose(f: Figures, name: str) -> Document:
    return Document(Source(f"{name}.docx", "0" * 64, "docx"), _paras([*f.body, *prose_lines(f)]))


PROVINCES: tuple[tuple[Province, Callable[[Figures, str], Document]], ...] = (
    (Province("Lào Cai", 14_230, 0, 265_400, 0, 812, 301, 97,
              quirks=frozenset({"none_in_words", "breakdown_pct"})), as_template_docx),
    (Province("Gia Lai", 27_915, 412, 540_120, 6_350, 1_423, 498, 112, 2,
              frozenset({"8c_with_lecturers", "pupil_levels", "records_sentences"})), as_column_xlsx_like),
    (Province("Đồng Nai", 33_480, 0, 742_300, 0, 1_302, 510, 105,
              quirks=frozenset({"body_rounded", "teacher_hours"})), as_prose),
    (Province("Thái Nguyên", 18_760, 1_215, 301_950, 15_800, 901, 340, 88,
              quirks=frozenset({"3c_with_students", "8b_with_students"})), as_template_docx),
    (Province("An Giang", 29_140, 506, 612_870, 7_240, 1_566, 560, 120, 2,
              frozenset({"breakdown_pct", "body_rounded"})), as_column_xlsx_like),
    (Province("Huế", 15_020, 2_840, 245_600, 41_500, 610, 232, 101,
              quirks=frozenset({"8c_with_lecturers", "3c_with_students", "pupil_levels", "records_sentences"})), as_template_docx),
    (Province("Cà Mau", 17_405, 188, 321_770, 2_950, 877, 290, 93,
              quirks=frozenset({"teacher_hours", "breakdown_pct", "records_sentences"})), as_prose),
    (Province("Sơn La", 21_330, 0, 338_010, 0, 1_104, 455, 90, 2,
              frozenset({"none_in_words", "pupil_levels"})), as_column_xlsx_like),
    (Province("Hưng Yên", 24_880, 390, 452_300, 5_100, 1_050, 402, 99,
              quirks=frozenset({"8b_with_students", "body_rounded"})), as_prose),
    (Province("Quảng Ngãi", 19_870, 240, 348_900, 3_100, 960, 371, 96, 0,
              frozenset({"records_sentences", "body_rounded", "8b_with_students"})), as_template_docx),
    (Province("Vĩnh Long", 22_615, 0, 401_250, 0, 1_180, 420, 104, 1,
              frozenset({"none_in_words", "pupil_levels", "breakdown_pct", "records_sentences"})), as_prose),
)


def clean_reports() -> list[tuple[str, Document]]:
    return [(p.name, layout(figures(p), p.name)) for p, layout in PROVINCES]


def faulty(index: int, change: Callable[[Figures, Province], None]) -> Document:
    p, layout = PROVINCES[index]
    f = figures(p)
    change(f, p)
    return layout(f, p.name)


__all__ = ["PROVINCES", "Figures", "Province", "clean_reports", "faulty", "figures", "replace", "vn"]
