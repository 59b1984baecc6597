"""Hand-built extractions and documents for the checks' tests.

Until (and independently of) the appendix extractor, tests describe a report's
Appendix 2 as a small table of (code, value, rate, raw) and a body as a list of lines.
"""

from __future__ import annotations

from baocao.model import Document, Extraction, IndicatorValue, Location, Paragraph, Source
from checks.registry import format_number

SOURCE = Source(path="test.txt", sha256="0" * 64, format="txt")


def _vietnamese_raw(label: str, value: float | None, rate: float | None) -> str:
    """The line as a report writes it: "chỉ tiêu 1a: 51.608 đạt tỉ lệ: 97,1%"."""
    value_text = format_number(value) if value is not None else "......"
    rate_text = format_number(rate) if rate is not None else "..."
    return f"{label}: {value_text} đạt tỉ lệ: {rate_text}%"


def line(
    code: str | None,
    value: float | None = None,
    rate: float | None = None,
    raw: str = "",
    *,
    notes: tuple[str, ...] = (),
    value_raw: str | None = None,
    rate_raw: str | None = None,
    label: str | None = None,
    at: int = 0,
) -> IndicatorValue:
    return IndicatorValue(
        code=code,
        label=label if label is not None else f"chỉ tiêu {code}",
        value=value,
        rate=rate,
        raw=raw or _vietnamese_raw(label or f"chỉ tiêu {code}", value, rate),
        location=Location(line=1000 + at),
        notes=list(notes),
        value_raw=value_raw,
        rate_raw=rate_raw,
    )


# A consistent report of a mid-sized province: teachers ≈ 20.000, pupils ≈ 400.000,
# students ≈ 10.000, lecturers 800.  Every line filled, every total agrees.
CLEAN_ROWS: tuple[tuple[str, float | None, float | None], ...] = (
    ("1a", 19_600, 98.0),
    ("1b", 800, 100.0),
    ("1c", 20_000, 100.0),
    ("1d", 800, 100.0),
    ("2a", 120_000, 30.0),
    ("2b", 9_000, 90.0),
    ("2c", 360_000, 90.0),
    ("2d", 10_000, 100.0),
    ("3a", 5, None),
    ("3b", 3, None),
    ("3c", 380_000, 95.0),
    ("4a", 0, 0.0),
    ("5a", None, 3.0),
    ("5b", None, 7.0),
    ("6a", 1_200, 40.0),
    ("7a", 0, 0.0),
    ("8a", 700, 100.0),
    ("8b", 400_000, 100.0),
    ("8c", 20_000, 100.0),
    ("8d", 690, 98.6),
    ("8e", 300, 100.0),
    ("9a", 120, 100.0),
    ("9b", 5_000, 98.5),
    ("9c", 80_000, 90.0),
    ("9d", 900, 92.0),
)


def clean_extraction(province: str = "Tỉnh Mẫu", **overrides: tuple[float | None, float | None]) -> Extraction:
    """The clean report, with some lines' (value, rate) replaced by keyword code_=(v, r)."""
    lines = []
    for index, (code, value, rate) in enumerate(CLEAN_ROWS):
        value, rate = overrides.get(f"c{code}", (value, rate))
        lines.append(line(code, value, rate, at=index))
    return Extraction(source=Source(f"{province}.txt", "0" * 64, "txt"), province=province, indicators=lines)


def extraction(*lines: IndicatorValue, province: str | None = "Tỉnh Mẫu") -> Extraction:
    return Extraction(source=SOURCE, province=province, indicators=list(lines))


def document(*texts: str) -> Document:
    """A text document: one paragraph per line, numbered like the text reader does."""
    blocks = [Paragraph(text=t, location=Location(line=n)) for n, t in enumerate(texts, start=1)]
    return Document(source=SOURCE, blocks=blocks)


CLEAN_BODY: tuple[str, ...] = (
    "II. KẾT QUẢ THỰC HIỆN ĐỀ ÁN",
    "Ngành giáo dục đã triển khai cơ sở dữ liệu ngành. Đến nay, có 700 cơ sở giáo",
    "dục, gồm 630 cơ sở công lập (90%) và 70 cơ sở tư thục (10%). Tổng số cán bộ,",
    "giáo viên là 20.000 người (18.000 công lập (90%) và 2.000 tư thục (10%)); có",
    "400.000 học sinh có mã định danh trên cơ sở dữ liệu ngành.",
    "Nâng tổng số TTHC mức độ 3,4 lên 120 (100%); đã tiếp nhận 5000 hồ sơ giải quyết",
    "trực tuyến đạt 98,5%. Giai đoạn 2020-2025 có 1.200 sáng kiến (600 cấp cơ sở; 100",
    "cấp tỉnh). Bồi dưỡng cho 2.821 người (98,84%) là cán bộ quản lý.",
    "Phụ lục",
    "BIỂU SỐ LIỆU THỐNG KÊ",
    "- Tổng số cơ sở giáo dục đã triển khai: 650 đạt tỉ lệ: 100%",
)


# Seed 001 (Hải Phòng) Appendix 2 as the appendix extractor should read it: the raw text
# and the notes the number normalizer/extractor attach.  Used where the real extractor
# has not landed; the end-to-end test reads the seed itself.
HAIPHONG_ROWS: tuple[tuple, ...] = (
    ("1a", 51608, 97.1, "- Tổng số giáo viên có máy tính 51.608 đạt tỉ lệ: 97,1%", (), "51.608", "97,1%"),
    ("1b", 3907, 100.0, "- Tổng số giảng viên có máy tính: 3.907 đạt tỉ lệ: 100%", (), "3.907", "100%"),
    ("1c", 5300, 100.0, "- Tổng số giáo viên có đường truyền Internet: 5300 đạt tỉ lệ: 100%", (), "5300", "100%"),
    ("1d", 3907, 100.0, "- Tổng số giảng viên có đường truyền Internet: 3907 đạt tỉ lệ: 100 %", (), "3907", "100 %"),
    ("2a", 362942, 32.86, "- Tổng số học sinh có máy tính: 362.942 đạt tỉ lệ: 32.86 %", ("rate_decimal_dot",),
     "362.942", "32.86 %"),
    ("2b", 69511, 81.9, "- Tổng số sinh viên có máy tính: 69511 đạt tỉ lệ: 81,9 %", (), "69511", "81,9 %"),
    ("2c", 362942, 100.0, "- Tổng số học sinh có đường truyền Internet: đạt 362942 tỉ lệ: 100 %",
     ("value_after_rate_marker",), "362942", "100 %"),
    ("2d", 69511, 100.0, "- Tổng số sinh viên có đường truyền Internet: ....69511 đạt tỉ lệ: 100 %",
     ("dot_leader",), "....69511", "100 %"),
    ("3a", 6, None, "- Số nền tảng: 6 (Microsoft Teams, Zoom, Google Meet, K12 Online, ...)", (), "6", None),
    ("3b", 4, None, "- Số nền tảng là sản phẩm trong nước: 4 .......", (), "4", None),
    ("3c", None, 100.0, "- Số lượng học sinh/ sinh viên tham gia sử dụng nền tảng, đạt tỉ lệ: 100 %", (), None,
     "100 %"),
    ("4a", 0, 0.0, "Tổng số cơ sở giáo dục đại học đã cung cấp:0 đạt 0 tỉ lệ: 0%", (), "0", "0%"),
    ("5a", None, 3.0, "- Tỉ trọng ... ở bậc tiểu học chiếm 3%", (), None, "3%"),
    ("5b", None, 7.0, "- Tỉ trọng ... ở bậc trung học chiếm 7%", (), None, "7%"),
    ("6a", 1727, 35.0, "Tổng số lớp học trực tuyến ...: 1727 đạt tỉ lệ: 35%", (), "1727", "35%"),
    ("7a", 0, 0.0, "Tổng số người học lấy bằng đại học thứ hai ...:0 đạt tỉ lệ: 0 %", (), "0", "0 %"),
    ("8a", 1588, 100.0, "- Tổng số cơ sở giáo dục đã triển khai: 1588 đạt tỉ lệ: 100%", (), "1588", "100%"),
    ("8b", 1002912, 100.0, "- Số lượng người học ...: 1.002.912 đạt tỉ lệ: 100%", (), "1.002.912", "100%"),
    ("8c", 64300, 100.0, "- Số lượng nhà giáo ...: 64.300 đạt tỉ lệ: 100%", (), "64.300", "100%"),
    ("8d", 1588, 100.0, "... nghiên cứu: 1588,đạt tỉ lệ: 100%", ("trailing_separator",), "1588,", "100%"),
    ("8e", 470, 100.0, "- Số lượng hồ sơ công việc tại cấp Sở ...: 470, đạt tỉ lệ: 100%", (), "470", "100%"),
    (None, 150, 100.0, "Số lượng hồ sơ công việc tại cấp Phòng ...:150, đạt tỉ lệ: 100.%",
     ("rate_trailing_separator",), "150", "100.%"),
    ("9a", 163, 100.0, "- Số lượng thủ tục hành chính ...: 163 đạt tỉ lệ: 100%", (), "163", "100%"),
    ("9b", 6987, 99.3, "- Số lượng hồ sơ giải quyết trực tuyến mức độ 3 và 4: 6987, đạt tỉ lệ: 99.3%",
     ("rate_decimal_dot",), "6987", "99.3%"),
    ("9c", None, 90.0, "- Số lượng (ước tính) người học, phụ huynh hài lòng về chất lượng dịch vụ trực tuyến đạt tỉ lệ: 90%", (), None, "90%"),
    ("9d", None, 90.0, "- Số lượng (ước tính) tổ chức, cá nhân hài lòng về dịch vụ công trực tuyến đạt tỉ lệ: 90%", (), None, "90%"),
)


def haiphong_extraction() -> Extraction:
    lines = []
    for index, (code, value, rate, raw, notes, value_raw, rate_raw) in enumerate(HAIPHONG_ROWS):
        label = raw.split(":")[0].lstrip("- ").strip()
        lines.append(
            line(code, value, rate, raw, notes=notes, value_raw=value_raw, rate_raw=rate_raw, label=label, at=index)
        )
    return Extraction(source=SOURCE, province="Hải Phòng", indicators=lines)
