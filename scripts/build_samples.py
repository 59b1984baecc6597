# ruff: noqa: E501  -- verbatim template/seed lines stay whole so they can be grepped against the seeds
"""Build the sample reports the project ships and tests on, with their gold files.

Run ``python scripts/build_samples.py`` from anywhere: it reads only files inside the repo
(``samples/seeds/``) and rewrites ``samples/reports/`` and ``samples/gold/``.

Why a script and not hand-made files: the samples must be reproducible from a fresh clone,
and the variants' gold files are written from the very values the generator used, so a
gold file can never drift from its document.  The Hải Phòng report is the exception: its
appendix is copied verbatim from the real report (seed 001, mistakes included) and its gold
file is written by hand (``HAIPHONG_GOLD`` below, read line by line from the seed).

The generator functions (``make_variant``, ``write_docx_report``, ``write_xlsx_report``,
``convert_to_pdf``) are also used by ``bench/benchmark.py`` to make a larger corpus.

Output is byte-stable for DOCX/XLSX (fixed zip timestamps and core properties); PDFs get
their creation date and document ID pinned so a rebuild does not churn git.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from openpyxl.styles import Alignment, Font

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "samples" / "seeds"
REPORTS = REPO / "samples" / "reports"
GOLD = REPO / "samples" / "gold"

FIXED_TIME = datetime(2025, 11, 14, 8, 0, 0, tzinfo=UTC)
ZIP_TIME = (2025, 11, 14, 8, 0, 0)
BODY_FONT = "Times New Roman"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------
# The Appendix 2 template (seed 000): sections, items, lines with stable codes
# ---------------------------------------------------------------------------

SECTIONS: list[tuple[str, str, list[int]]] = [
    ("I", "Tiếp cận giáo dục trực tuyến", [1, 2]),
    ("II", "Môi trường giáo dục trực tuyến", [3, 4]),
    ("III", "Quy mô hoạt động giáo dục trực tuyến", [5, 6, 7]),
    ("IV", "Quản lý, quản trị", [8]),
    ("V", "Dịch vụ hỗ trợ người học, người dân", [9]),
]

ITEM_TITLES: dict[int, str] = {
    1: "Số lượng nhà giáo (giáo viên/ giảng viên) được trang bị (có) máy tính (máy tính để "
    "bàn, máy tính bảng, máy tính xách tay)/ đường truyền Internet/ phần mềm để tham gia "
    "các hoạt động dạy, học trực tuyến",
    2: "Người học (học sinh/sinh viên) được trang bị (có) máy tính (máy tính để bàn, máy "
    "tính bảng, máy tính xách tay)/ đường truyền Internet/ phần mềm để tham gia các hoạt "
    "động dạy, học trực tuyến",
    3: "Triển khai nền tảng dạy và học trực tuyến",
    4: "Cung cấp các chương trình đào tạo (cấp bằng) theo hình thức từ xa, trực tuyến",
    5: "Tỉ trọng nội dung chương trình giáo dục phổ thông được triển khai dưới hình thức trực tuyến",
    6: "Triển khai học trực tuyến trong các cơ sở giáo dục đại học",
    7: "Triển khai đào tạo người học lấy văn bằng đại học, cao đẳng thứ hai tại các cơ sở "
    "giáo dục đại học trực thuộc (trong đó, thời lượng đào tạo bằng hình thức trực tuyến "
    ">=50%)",
    8: "Triển khai hệ thống quản trị, quản lý dựa trên dữ liệu và công nghệ số",
    9: "Triển khai dịch vụ hỗ trợ người học, người dân",
}

ITEM_SHORT_TITLES: dict[int, str] = {
    1: "Nhà giáo có máy tính, Internet",
    2: "Người học có máy tính, Internet",
    3: "Nền tảng dạy và học trực tuyến",
    4: "Đào tạo từ xa, trực tuyến (cấp bằng)",
    5: "Tỉ trọng nội dung GDPT trực tuyến",
    6: "Học trực tuyến tại cơ sở GDĐH",
    7: "Văn bằng đại học thứ hai",
    8: "Quản trị dựa trên dữ liệu",
    9: "Dịch vụ hỗ trợ người học, người dân",
}


@dataclass(frozen=True)
class TemplateLine:
    """One line of the template: ``wordings`` are (template, without "Tổng số", abbreviated)."""

    code: str
    item: int
    measures: str  # "count+rate" | "count" | "rate"
    wordings: tuple[str, str, str]


LINES: list[TemplateLine] = [
    TemplateLine(
        "1a", 1, "count+rate", ("Tổng số giáo viên có máy tính", "Số giáo viên có máy tính", "GV có máy tính")
    ),
    TemplateLine(
        "1b", 1, "count+rate", ("Tổng số giảng viên có máy tính", "Giảng viên có máy tính", "Giảng viên có máy tính")
    ),
    TemplateLine(
        "1c",
        1,
        "count+rate",
        ("Tổng số giáo viên có đường truyền Internet", "Số giáo viên có kết nối Internet", "GV có kết nối Internet"),
    ),
    TemplateLine(
        "1d",
        1,
        "count+rate",
        (
            "Tổng số giảng viên có đường truyền Internet",
            "Giảng viên có đường truyền Internet",
            "Giảng viên có Internet",
        ),
    ),
    TemplateLine("2a", 2, "count+rate", ("Tổng số học sinh có máy tính", "Số học sinh có máy tính", "HS có máy tính")),
    TemplateLine(
        "2b", 2, "count+rate", ("Tổng số sinh viên có máy tính", "Số sinh viên có máy tính", "SV có máy tính")
    ),
    TemplateLine(
        "2c",
        2,
        "count+rate",
        ("Tổng số học sinh có đường truyền Internet", "Học sinh có đường truyền Internet", "HS có kết nối Internet"),
    ),
    TemplateLine(
        "2d",
        2,
        "count+rate",
        ("Tổng số sinh viên có đường truyền Internet", "Sinh viên có đường truyền Internet", "SV có kết nối Internet"),
    ),
    TemplateLine("3a", 3, "count", ("Số nền tảng", "Số nền tảng dạy học trực tuyến", "Số nền tảng DH trực tuyến")),
    TemplateLine(
        "3b",
        3,
        "count",
        ("Số nền tảng là sản phẩm trong nước", "Nền tảng là sản phẩm trong nước", "Nền tảng trong nước"),
    ),
    TemplateLine(
        "3c",
        3,
        "count+rate",
        (
            "Số lượng học sinh/ sinh viên tham gia sử dụng nền tảng",
            "Học sinh, sinh viên tham gia sử dụng nền tảng",
            "HS/SV sử dụng nền tảng",
        ),
    ),
    TemplateLine(
        "4a",
        4,
        "count+rate",
        (
            "Tổng số cơ sở giáo dục đại học đã cung cấp chương trình đào tạo (cấp bằng) theo hình thức từ xa, trực tuyến",
            "Cơ sở giáo dục đại học cung cấp chương trình đào tạo từ xa, trực tuyến",
            "CSGDĐH có chương trình đào tạo từ xa, trực tuyến",
        ),
    ),
    TemplateLine(
        "5a",
        5,
        "rate",
        (
            "Tỉ trọng nội dung triển khai dưới hình thức trực tuyến ở bậc tiểu học",
            "Tỉ trọng nội dung trực tuyến bậc tiểu học",
            "Tỉ trọng ND trực tuyến - Tiểu học",
        ),
    ),
    TemplateLine(
        "5b",
        5,
        "rate",
        (
            "Tỉ trọng nội dung triển khai dưới hình thức trực tuyến ở bậc trung học",
            "Tỉ trọng nội dung trực tuyến bậc trung học",
            "Tỉ trọng ND trực tuyến - Trung học",
        ),
    ),
    TemplateLine(
        "6a",
        6,
        "count+rate",
        (
            "Tổng số lớp học trực tuyến trong các cơ sở giáo dục đại học đã triển khai",
            "Số lớp học trực tuyến trong các cơ sở giáo dục đại học",
            "Lớp học trực tuyến (GDĐH)",
        ),
    ),
    TemplateLine(
        "7a",
        7,
        "count+rate",
        (
            "Tổng số người học lấy bằng đại học thứ hai có thời lượng đào tạo trực tuyến >=50%",
            "Số người học lấy bằng đại học thứ hai có thời lượng trực tuyến >=50%",
            "Người học văn bằng 2 (trực tuyến >=50%)",
        ),
    ),
    TemplateLine(
        "8a",
        8,
        "count+rate",
        (
            "Tổng số cơ sở giáo dục (mầm non, phổ thông và thường xuyên) đã triển khai hệ thống quản trị, quản lý dựa trên dữ liệu và công nghệ số",
            "Số cơ sở giáo dục đã triển khai hệ thống quản trị, quản lý dựa trên dữ liệu",
            "CSGD triển khai quản trị dựa trên dữ liệu",
        ),
    ),
    TemplateLine(
        "8b",
        8,
        "count+rate",
        (
            "Số lượng người học được quản lý bằng hồ sơ số với định danh thống nhất",
            "Người học được quản lý bằng hồ sơ số với định danh thống nhất",
            "Người học có hồ sơ số, định danh thống nhất",
        ),
    ),
    TemplateLine(
        "8c",
        8,
        "count+rate",
        (
            "Số lượng nhà giáo được quản lý bằng hồ sơ số với định danh thống nhất",
            "Nhà giáo được quản lý bằng hồ sơ số với định danh thống nhất",
            "Nhà giáo có hồ sơ số, định danh thống nhất",
        ),
    ),
    TemplateLine(
        "8d",
        8,
        "count+rate",
        (
            "Số lượng các cơ sở giáo dục đào tạo quản lý hồ sơ số đối với cơ sở vật chất, thiết bị và các nguồn lực khác phục vụ giáo dục, đào tạo và nghiên cứu",
            "Cơ sở giáo dục quản lý hồ sơ số đối với cơ sở vật chất, thiết bị",
            "CSGD quản lý hồ sơ số CSVC, thiết bị",
        ),
    ),
    TemplateLine(
        "8e",
        8,
        "count+rate",
        (
            "Số lượng hồ sơ công việc tại cấp Sở được vận hành dựa trên dữ liệu và công nghệ số",
            "Hồ sơ công việc tại cấp Sở vận hành dựa trên dữ liệu và công nghệ số",
            "Hồ sơ công việc cấp Sở xử lý trên môi trường số",
        ),
    ),
    TemplateLine(
        "9a",
        9,
        "count+rate",
        (
            "Số lượng thủ tục hành chính đủ điều kiện được triển khai dịch vụ công trực tuyến toàn trình",
            "Số lượng thủ tục hành chính đủ điều kiện được triển khai dịch vụ công trực tuyến mức độ 3 và 4",
            "TTHC đủ điều kiện DVCTT mức độ 3, 4",
        ),
    ),
    TemplateLine(
        "9b",
        9,
        "count+rate",
        (
            "Số lượng hồ sơ giải quyết trực tuyến mức độ toàn trình",
            "Số lượng hồ sơ giải quyết trực tuyến mức độ 3 và 4",
            "Hồ sơ TTHC giải quyết trực tuyến",
        ),
    ),
    TemplateLine(
        "9c",
        9,
        "count+rate",
        (
            "Số lượng (ước tính) người học, phụ huynh hài lòng về chất lượng dịch vụ trực tuyến của các cơ sở giáo dục và đào tạo",
            "Người học, phụ huynh hài lòng về chất lượng dịch vụ trực tuyến của các cơ sở giáo dục",
            "Người học, phụ huynh hài lòng về DV trực tuyến",
        ),
    ),
    TemplateLine(
        "9d",
        9,
        "count+rate",
        (
            "Số lượng (ước tính) tổ chức, cá nhân hài lòng về chất lượng dịch vụ công trực tuyến của các cơ quan quản lý giáo dục",
            "Tổ chức, cá nhân hài lòng về chất lượng dịch vụ công trực tuyến",
            "Tổ chức, cá nhân hài lòng về DVC trực tuyến",
        ),
    ),
]

TEMPLATE_CODES: list[str] = [line.code for line in LINES]
PLATFORMS_FOREIGN = ["Microsoft Teams", "Zoom", "Google Meet", "Google Classroom", "Quizizz", "Kahoot"]
PLATFORMS_DOMESTIC = ["K12Online", "VNPT E-Learning", "Azota", "OLM", "vnEdu LMS", "Viettel Study", "MobiEdu"]


# ---------------------------------------------------------------------------
# Values: generated per province from a seeded RNG, kept mutually consistent
# ---------------------------------------------------------------------------


@dataclass
class Reading:
    """What a report states for one line: a count and/or a rate in percent (None = not given)."""

    value: int | None
    rate: float | None
    names: list[str] = field(default_factory=list)


def _rate(rng: random.Random, lo: float, hi: float, full_chance: float = 0.0) -> float:
    if rng.random() < full_chance:
        return 100.0
    return round(rng.uniform(lo, hi), 1)


def _share(rng: random.Random, total: int, lo: float, hi: float, full_chance: float = 0.0) -> Reading:
    rate = _rate(rng, lo, hi, full_chance)
    return Reading(round(total * rate / 100), rate)


def generate_values(rng: random.Random, has_university: bool = True) -> dict[str, Reading]:
    """Plausible Appendix 2 figures for one province: counts never exceed their population."""
    teachers = rng.randint(14_000, 62_000)
    pupils = rng.randint(180_000, 1_100_000)
    institutions = rng.randint(450, 1_800)
    values: dict[str, Reading] = {
        "1a": _share(rng, teachers, 86, 99.9, 0.2),
        "1c": _share(rng, teachers, 93, 99.9, 0.5),
        "2a": _share(rng, pupils, 22, 88),
        "2c": _share(rng, pupils, 62, 99.5, 0.2),
    }
    if has_university:
        lecturers = rng.randint(300, 3_200)
        students = rng.randint(3_000, 65_000)
        universities = rng.randint(1, 5)
        online_unis = rng.randint(0, universities)
        values |= {
            "1b": _share(rng, lecturers, 95, 100, 0.6),
            "1d": _share(rng, lecturers, 97, 100, 0.7),
            "2b": _share(rng, students, 60, 98),
            "2d": _share(rng, students, 85, 100, 0.4),
            "4a": Reading(online_unis, round(100 * online_unis / universities, 1)),
            "6a": Reading(rng.randint(80, 2_500), _rate(rng, 8, 60)),
            "7a": Reading(rng.randint(0, 180), _rate(rng, 0.5, 30)),
        }
    else:
        values |= {code: Reading(None, None) for code in ("1b", "1d", "2b", "2d", "4a", "6a", "7a")}
    platforms = rng.randint(3, 8)
    domestic = rng.randint(1, min(platforms, len(PLATFORMS_DOMESTIC)))
    names = rng.sample(PLATFORMS_DOMESTIC, domestic) + rng.sample(PLATFORMS_FOREIGN, platforms - domestic)
    rng.shuffle(names)
    values["3a"] = Reading(platforms, None, names)
    values["3b"] = Reading(domestic, None)
    values["3c"] = _share(rng, pupils, 55, 99.5, 0.2)
    values["5a"] = Reading(None, _rate(rng, 1, 12))
    values["5b"] = Reading(None, _rate(rng, 2, 18))
    values["8a"] = _share(rng, institutions, 90, 100, 0.5)
    values["8b"] = _share(rng, pupils, 96, 100, 0.4)
    values["8c"] = _share(rng, teachers, 96, 100, 0.4)
    values["8d"] = _share(rng, institutions, 70, 100, 0.3)
    values["8e"] = Reading(rng.randint(250, 6_000), _rate(rng, 85, 100, 0.5))
    values["9a"] = _share(rng, rng.randint(95, 170), 90, 100, 0.5)
    values["9b"] = Reading(rng.randint(2_500, 65_000), _rate(rng, 88, 99.9))
    values["9c"] = Reading(None, _rate(rng, 80, 98))
    values["9d"] = Reading(None, _rate(rng, 80, 98))
    if rng.random() < 0.5:  # some provinces estimate the count too
        values["9c"] = _share(rng, pupils, 80, 98)
    return values


# ---------------------------------------------------------------------------
# Number formatting as reports write it
# ---------------------------------------------------------------------------


def fmt_count(value: int, style: str) -> str:
    """vi: 1.002.912 | en: 1,002,912 | plain: 1002912."""
    if style == "vi":
        return f"{value:,}".replace(",", ".")
    if style == "en":
        return f"{value:,}"
    return str(value)


def fmt_rate(rate: float, style: str, sign: str = "%") -> str:
    """vi: 97,1% | en: 97.1% | vi_sp: 97,1 % | en_sp: 97.1 %; ``sign=""`` for a Tỉ lệ column."""
    text = format(rate, "g")
    if style.startswith("vi"):
        text = text.replace(".", ",")
    if not sign:
        return text
    return f"{text} {sign}" if style.endswith("_sp") else f"{text}{sign}"


# ---------------------------------------------------------------------------
# An appendix as data: what every layout renders
# ---------------------------------------------------------------------------


@dataclass
class AppendixLine:
    code: str | None  # None: a line the report adds beyond the template
    label: str
    reading: Reading
    value_text: str  # "" when not given
    rate_text: str  # with its % sign as written; "" when not given
    sentence: str  # the whole sub-line as a 3-column/prose report writes it


@dataclass
class Variant:
    """A fictitious but plausible report of one province in one layout."""

    stem: str
    province: str  # canonical (current) name, what the gold expects
    unit: str  # "tỉnh Nghệ An" / "thành phố Cần Thơ" as the document says it
    layout: str  # three_col | five_col | merged_rows | prose | xlsx
    seed: str
    count_style: str = "vi"
    rate_style: str = "vi"
    wording: int = 0  # preferred wording index into TemplateLine.wordings
    has_university: bool = True
    extra_line: tuple[int, str, int, float | None] | None = None  # (item, label, value, rate)
    body_paragraphs: int = 6
    bullet: str = "- "  # how sub-lines are marked: "- ", "+ ", "• "
    ti_le: str = "tỉ lệ"  # "tỷ lệ" is as common in real reports
    former_province: str | None = None
    appendix_on_new_page: bool = True
    number: str = "215/BC-SGDĐT"
    date: tuple[int, int, int] = (12, 11, 2025)
    signer: str = "Nguyễn Văn An"
    values: dict[str, Reading] = field(default_factory=dict)
    lines: dict[int, list[AppendixLine]] = field(default_factory=dict)


def _sentence(label: str, value_text: str, rate_text: str, measures: str, rng: random.Random) -> str:
    if measures == "rate":
        return f"- {label} chiếm {rate_text or '.....%'}"
    if measures == "count":
        return f"- {label}: {value_text or '......'}"
    if not value_text and not rate_text:
        return f"- {label}: ......, đạt tỉ lệ: ...%"
    if not value_text:
        return f"- {label} đạt tỉ lệ: {rate_text}"
    pattern = rng.choice(["{l}: {v}, đạt tỉ lệ: {r}", "{l}: {v} đạt tỉ lệ {r}", "{l}: {v}, đạt {r}", "{l} {v} ({r})"])
    return "- " + pattern.format(l=label, v=value_text, r=rate_text)


def _house_style(sentence: str, variant: Variant) -> str:
    """The variant's own bullet and spelling of "tỉ lệ"."""
    if sentence.startswith("- "):
        sentence = variant.bullet + sentence[2:]
    return sentence.replace("tỉ lệ", variant.ti_le)


def build_lines(variant: Variant, rng: random.Random) -> dict[int, list[AppendixLine]]:
    """Choose a wording and number format per line, render the sentence, keep the reading."""
    items: dict[int, list[AppendixLine]] = {}
    for line in LINES:
        reading = variant.values[line.code]
        wording = variant.wording if rng.random() < 0.7 else rng.randrange(3)
        label = line.wordings[wording]
        count_style = variant.count_style if rng.random() < 0.8 else rng.choice(["vi", "plain"])
        value_text = fmt_count(reading.value, count_style) if reading.value is not None else ""
        rate_text = fmt_rate(reading.rate, variant.rate_style) if reading.rate is not None else ""
        if line.code == "3a" and reading.names:
            value_text = f"{value_text} ({', '.join(reading.names)})"
        sentence = _house_style(_sentence(label, value_text, rate_text, line.measures, rng), variant)
        items.setdefault(line.item, []).append(AppendixLine(line.code, label, reading, value_text, rate_text, sentence))
    if variant.extra_line:
        item, label, value, rate = variant.extra_line
        reading = Reading(value, rate)
        value_text = fmt_count(value, variant.count_style)
        rate_text = fmt_rate(rate, variant.rate_style) if rate is not None else ""
        sentence = _sentence(label, value_text, rate_text, "count+rate" if rate is not None else "count", rng)
        sentence = _house_style(sentence, variant)
        items[item].append(AppendixLine(None, label, reading, value_text, rate_text, sentence))
    return items


def make_variant(variant: Variant) -> Variant:
    """Fill ``values`` and ``lines`` from the variant's seed (deterministic)."""
    rng = random.Random(variant.seed)
    variant.values = generate_values(rng, variant.has_university)
    variant.lines = build_lines(variant, rng)
    return variant


def gold_of(variant: Variant) -> dict:
    """The gold file of a generated variant, from the values the generator used."""
    indicators = {}
    for code in TEMPLATE_CODES:
        reading = variant.values[code]
        indicators[code] = {"value": reading.value, "rate": reading.rate}
    extra = [ln.label for lines in variant.lines.values() for ln in lines if ln.code is None]
    gold = {"province": variant.province, "indicators": indicators, "extra_lines": extra}
    if variant.former_province:
        gold["former_province"] = variant.former_province
    gold["layout"] = variant.layout
    return gold


# ---------------------------------------------------------------------------
# DOCX helpers
# ---------------------------------------------------------------------------


def new_document(font_size: float = 14) -> DocxDocument:
    """A4 portrait with the margins of Decree 30/2020 (administrative documents)."""
    doc = new_docx()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = doc.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = Pt(font_size)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
    style.paragraph_format.space_after = Pt(3)
    props = doc.core_properties
    props.author = "Sở Giáo dục và Đào tạo"
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.last_modified_by = "Văn thư"
    props.revision = 1
    return doc


def add_para(
    container,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    align: str | None = None,
    size: float | None = None,
    indent: bool = False,
    footnotes: Footnotes | None = None,
) -> DocxParagraph:
    """Add a paragraph; ``[^N]`` in ``text`` becomes footnote reference N when ``footnotes``."""
    paragraph = container.add_paragraph()
    if align:
        paragraph.alignment = {
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    add_runs(paragraph, text, bold=bold, italic=italic, size=size, footnotes=footnotes)
    return paragraph


def add_runs(
    paragraph: DocxParagraph, text: str, *, bold=False, italic=False, size=None, footnotes: Footnotes | None = None
) -> None:
    for index, piece in enumerate(re.split(r"\[\^(\d+)\]", nfc(text))):
        if index % 2 == 1:
            if footnotes is not None:
                footnotes.reference(paragraph, int(piece))
            continue
        if not piece:
            continue
        run = paragraph.add_run(piece)
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)


class Footnotes:
    """Real Word footnotes (python-docx has no API for them): a footnotes part + references.

    Real reports keep long lists of legal citations in footnotes; readers must find them.
    """

    def __init__(self, doc: DocxDocument):
        self.doc = doc
        self.texts: dict[int, list[str]] = {}

    def add(self, number: int, paragraphs: list[str]) -> None:
        self.texts[number] = [nfc(p) for p in paragraphs]

    def reference(self, paragraph: DocxParagraph, number: int) -> None:
        run = paragraph.add_run()
        rpr = OxmlElement("w:rPr")
        vert = OxmlElement("w:vertAlign")
        vert.set(qn("w:val"), "superscript")
        rpr.append(vert)
        run._r.append(rpr)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(number))
        run._r.append(ref)

    def attach(self) -> None:
        if not self.texts:
            return
        notes = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
            "</w:r></w:p></w:footnote>",
        ]
        small = '<w:rPr><w:sz w:val="20"/></w:rPr>'
        for number, paragraphs in sorted(self.texts.items()):
            body = []
            for index, text in enumerate(paragraphs):
                mark = (
                    '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="20"/></w:rPr><w:footnoteRef/></w:r>'
                    if index == 0
                    else ""
                )
                body.append(
                    f'<w:p><w:pPr><w:jc w:val="both"/></w:pPr>{mark}<w:r>{small}'
                    f'<w:t xml:space="preserve">{" " if index == 0 else ""}{escape(text)}</w:t></w:r></w:p>'
                )
            notes.append(f'<w:footnote w:id="{number}">{"".join(body)}</w:footnote>')
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">{"".join(notes)}</w:footnotes>'
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)


def set_cell_text(
    cell,
    text: str,
    *,
    bold=False,
    italic=False,
    align: str | None = None,
    size: float | None = None,
    footnotes: Footnotes | None = None,
) -> None:
    """Fill a cell; each "\\n\\n"-separated chunk is its own paragraph, "\\n" a line break."""
    chunks = text.split("\n\n") if text else [""]
    first = cell.paragraphs[0]
    for index, chunk in enumerate(chunks):
        paragraph = first if index == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        if align:
            paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        add_runs(paragraph, chunk, bold=bold, italic=italic, size=size, footnotes=footnotes)


def repeat_header(row) -> None:
    """Mark a table row as a header repeated on each page (as Word users do)."""
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def set_widths(table: DocxTable, widths_cm: list[float]) -> None:
    """Cell widths and the grid (LibreOffice lays out by ``w:tblGrid``, Word by the cells)."""
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=False):
        col.set(qn("w:w"), str(round(width / 2.54 * 1440)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def add_header_block(doc: DocxDocument, authority: str, number: str, place: str, date_text: str) -> None:
    """The national-motto header: a borderless 2-column table, as in every Vietnamese report."""
    table = doc.add_table(rows=1, cols=2)
    set_widths(table, [6.5, 9.5])
    left, right = table.rows[0].cells
    set_cell_text(left, f"{authority}\n\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: {number}", align="center", size=13)
    for run in left.paragraphs[1].runs:
        run.bold = True
    set_cell_text(
        right,
        f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n{place}, {date_text}",
        bold=True,
        align="center",
        size=13,
    )
    for run in right.paragraphs[2].runs:
        run.bold, run.italic = None, True


def add_title(doc: DocxDocument, province_unit: str) -> None:
    add_para(doc, "BÁO CÁO", bold=True, align="center")
    add_para(
        doc,
        "Tổng kết thực hiện Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ phê duyệt "
        "Đề án “Tăng cường ứng dụng công nghệ thông tin và chuyển đổi số trong giáo dục và đào tạo "
        f"giai đoạn 2022-2025, định hướng đến năm 2030” trên địa bàn {province_unit}",
        bold=True,
        align="center",
    )
    add_para(doc, "Kính gửi: Bộ Giáo dục và Đào tạo.", align="center")


def page_break(doc: DocxDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def save_docx(doc: DocxDocument, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    pin_zip_times(path)


def pin_zip_times(path: Path) -> None:
    """Rewrite a zip (DOCX/XLSX) with fixed timestamps so rebuilds are byte-identical."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            if name == "docProps/core.xml":  # openpyxl stamps "modified" with the current time on save
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-11-14T08:00:00Z", data)
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)


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


# ---------------------------------------------------------------------------
# PDF conversion (LibreOffice)
# ---------------------------------------------------------------------------


def convert_to_pdf(docx_paths: list[Path], out_dir: Path) -> list[Path]:
    """Convert DOCX files to PDF with one headless LibreOffice run (start-up dominates)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is needed to build the PDF samples")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, docx_paths),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
    pdfs = [out_dir / (p.stem + ".pdf") for p in docx_paths]
    for pdf in pdfs:
        pin_pdf_metadata(pdf)
    return pdfs


def pin_pdf_metadata(path: Path) -> None:
    """Same-length rewrite of creation date and document ID (xref offsets stay valid)."""
    data = path.read_bytes()
    data = re.sub(
        rb"/CreationDate\(D:[^)]*\)", lambda m: _same_len(m.group(0), b"/CreationDate(D:20251114080000"), data
    )
    data = re.sub(
        rb"/ID \[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]",
        lambda m: re.sub(rb"[0-9A-Fa-f](?=[0-9A-Fa-f]*>)", b"0", m.group(0)),
        data,
    )
    data = re.sub(
        rb"/DocChecksum /[0-9A-Fa-f]+", lambda m: re.sub(rb"[0-9A-Fa-f](?=[0-9A-Fa-f]*$)", b"0", m.group(0)), data
    )
    path.write_bytes(data)


def _same_len(original: bytes, prefix: bytes) -> bytes:
    body = original[: len(original) - 1]
    pinned = prefix[: len(body)] + body[len(prefix) :]
    return pinned + b")"


# ---------------------------------------------------------------------------
# The committed variants
# ---------------------------------------------------------------------------


def sample_variants() -> list[tuple[Variant, str, str | None]]:
    """(variant, output format, header province if different from the canonical one)."""
    return [
        (
            Variant(
                "nghean_5col",
                "Nghệ An",
                "tỉnh Nghệ An",
                "five_col",
                "nghean-2025",
                count_style="vi",
                rate_style="vi",
                wording=2,
                extra_line=(8, "Số phòng học thông minh đã đưa vào sử dụng", 412, None),
                number="3120/BC-SGDĐT",
                date=(10, 11, 2025),
                signer="Thái Văn Thành",
            ),
            "docx",
            None,
        ),
        (
            Variant(
                "lamdong_prose",
                "Lâm Đồng",
                "tỉnh Lâm Đồng",
                "prose",
                "lamdong-2025",
                bullet="+ ",
                count_style="en",
                rate_style="en",
                wording=1,
                number="1877/BC-SGDĐT",
                date=(13, 11, 2025),
                signer="Phạm Thị Hồng",
            ),
            "docx+pdf",
            None,
        ),
        (
            Variant(
                "cantho_merged",
                "Cần Thơ",
                "thành phố Cần Thơ",
                "merged_rows",
                "cantho-2025",
                count_style="vi",
                rate_style="vi_sp",
                wording=0,
                number="2456/BC-SGDĐT",
                date=(11, 11, 2025),
                signer="Trần Văn Hùng",
            ),
            "docx+pdf",
            None,
        ),
        (
            Variant(
                "tuyenquang_appendix",
                "Tuyên Quang",
                "tỉnh Tuyên Quang",
                "xlsx",
                "tuyenquang-2025",
                has_university=False,
                number="905/BC-SGDĐT",
                date=(14, 11, 2025),
            ),
            "xlsx",
            None,
        ),
        (
            Variant(
                "thanhhoa_long",
                "Thanh Hóa",
                "tỉnh Thanh Hóa",
                "five_col",
                "thanhhoa-2025",
                ti_le="tỷ lệ",
                count_style="plain",
                rate_style="en",
                wording=1,
                body_paragraphs=30,
                appendix_on_new_page=False,
                number="4102/BC-SGDĐT",
                date=(12, 11, 2025),
                signer="Lê Thị Mai",
            ),
            "pdf",
            None,
        ),
        (
            Variant(
                "binhdinh_former_name",
                "Gia Lai",
                "tỉnh Bình Định",
                "three_col",
                "binhdinh-2025",
                bullet="+ ",
                ti_le="tỷ lệ",
                count_style="vi",
                rate_style="en",
                wording=0,
                former_province="Bình Định",
                extra_line=(
                    8,
                    "Số lượng hồ sơ công việc tại cấp Phòng được vận hành dựa trên dữ liệu và công nghệ số",
                    1260,
                    96.5,
                ),
                number="1533/BC-SGDĐT",
                date=(7, 11, 2025),
                signer="Đào Đức Tuấn",
            ),
            "docx",
            "Bình Định",
        ),
        (
            Variant(
                "quangtri_remarks",
                "Quảng Trị",
                "tỉnh Quảng Trị",
                "remarks",
                "quangtri-2025",
                count_style="vi",
                rate_style="vi",
                wording=1,
                bullet="• ",
                number="2087/BC-SGDĐT",
                date=(11, 11, 2025),
                signer="Hoàng Văn Sơn",
            ),
            "docx",
            None,
        ),
        (
            Variant(
                "daklak_units",
                "Đắk Lắk",
                "tỉnh Đắk Lắk",
                "xlsx_units",
                "daklak-2025",
                wording=2,
                extra_line=(9, "Số lượng giao dịch thanh toán không dùng tiền mặt", 184250, 91.3),
                number="1650/BC-SGDĐT",
                date=(13, 11, 2025),
            ),
            "xlsx",
            None,
        ),
    ]


def write_gold(stem: str, gold: dict) -> None:
    GOLD.mkdir(parents=True, exist_ok=True)
    text = json.dumps(gold, ensure_ascii=False, indent=2) + "\n"
    # one indicator per line: a reviewer reads the gold like the appendix
    for code, reading in gold["indicators"].items():
        pretty = json.dumps({code: reading}, ensure_ascii=False, indent=2)[2:-2]
        compact = f'"{code}": ' + json.dumps(reading, ensure_ascii=False)
        text = text.replace(pretty.replace("\n", "\n  "), compact, 1)
    (GOLD / f"{stem}.json").write_text(text, encoding="utf-8")


def build_all(out_dir: Path = REPORTS, with_pdf: bool = True) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    built = [build_haiphong(out_dir), build_template(out_dir)]
    write_gold("haiphong_report", HAIPHONG_GOLD)
    write_gold("ministry_template_blank", TEMPLATE_GOLD)
    to_pdf = [built[0]]
    with tempfile.TemporaryDirectory(prefix="baocao-samples-") as tmp:
        for variant, fmt, header_province in sample_variants():
            make_variant(variant)
            write_gold(variant.stem, gold_of(variant))
            if fmt == "xlsx":
                writer = write_xlsx_units_report if variant.layout == "xlsx_units" else write_xlsx_report
                built.append(writer(variant, out_dir / f"{variant.stem}.xlsx"))
            elif fmt == "pdf":
                to_pdf.append(write_docx_report(variant, Path(tmp) / f"{variant.stem}.docx", header_province))
            else:
                built.append(write_docx_report(variant, out_dir / f"{variant.stem}.docx", header_province))
                if fmt == "docx+pdf":  # the same document both ways
                    to_pdf.append(built[-1])
        if with_pdf:
            built += convert_to_pdf(to_pdf, out_dir)
    return built


def iter_sizes(paths: Iterable[Path]) -> Iterator[str]:
    for path in paths:
        yield f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}  {path.stat().st_size // 1024} KB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice conversions")
    args = parser.parse_args(argv)
    built = build_all(with_pdf=not args.no_pdf)
    for line in iter_sizes(built):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
