"""Every pattern and threshold the appendix reader uses, named and compiled once.

The layout modules import from here so a reader of one layout sees the same
vocabulary as the others, and every regex is linear-time on its (short) input.
"""

from __future__ import annotations

import regex

from extractors.statements import NUMBER

MIN_TABLE_MATCHES = 3  # a body table ("Số lượng máy tính" per level) matches 0-1 lines


# Columns that never hold the line's label: remarks, sources, units ("ĐVT": "nền tảng").
UNIT_TITLES = ("don vi tinh", "dvt", "don vi", "don vi tinh dvt")


SIDE_COLUMN_TITLES = ("ghi chu", "nguon", "minh chung", "don vi tinh", "dvt", "don vi", "don vi tinh dvt")


HEADER_SCAN_ROWS = 8  # sheets put a letterhead and title above the header row


MAX_STATEMENT_CHARS = 400  # template lines are under ~250 characters; longer is prose


MAX_EMPTY_LABEL_CHARS = 150  # longer label rows are section headings, not template lines
# A sub-line's label is short; the Ministry's item wording ("... máy tính (máy tính để bàn, ...)/
# đường truyền Internet/ phần mềm ...") is longer and names several lines at once.
MAX_LABEL_CHARS = 110


# A heading that opens an appendix: "Phụ lục 2", "PHỤ LỤC:", "BIỂU SỐ LIỆU THỐNG KÊ ...".
# Only short paragraphs that start with it: body sentences also mention "Phụ lục 2".
HEADING_RE = regex.compile(r"^\s*(?:phụ\s+lục|biểu\s+số\s+liệu|biểu\s+thống\s+kê)", regex.I)


NEXT_APPENDIX_RE = regex.compile(r"^\s*phụ\s+lục\b", regex.I)


# A long report's own section for the figures: "II. SỐ LIỆU THỐNG KÊ THEO BIỂU MẪU", "Phần 3. Số
# liệu thống kê". Numbered and short, so a sentence "Số liệu thống kê cho thấy..." never opens one;
# such a region ends at the next heading numbered the same way ("III. KIẾN NGHỊ").
SECTION_HEADING_RE = regex.compile(
    r"^\s*(?:phần\s+)?(?P<number>[IVX]{1,4}|\d{1,2})\s*[.):\-–]\s*"
    r"(?:các\s+)?(?:số\s+liệu\s+thống\s+kê|biểu\s+số\s+liệu|phụ\s+lục|kết\s+quả\s+thống\s+kê)",
    regex.I,
)


MAX_SECTION_HEADING_CHARS = 90


MAX_HEADING_CHARS = 160


BLANK_LINE_RE = regex.compile(r"^[-–+•*]\s*\p{L}")


RATE_WORDS_RE = regex.compile(r"(?:đạt|tỉ\s*lệ|tỷ\s*lệ)\s*:?\s*%?\s*$", regex.I)


NUMBERED_HEADING_RE = regex.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4})[.)]\s")


# A figure cell may open with a bound or estimate ("khoảng 1.500", "trên 95", "~ 90%"):
# the normalizer keeps the figure with an ``approximate`` note.
APPROX_PREFIX = r"(?:(?i:khoảng|gần|trên|dưới|hơn|ước\s+tính|ước|xấp\s+xỉ)\s+|[~≈]\s*)?"


NUMERIC_CELL_RE = regex.compile(
    r"^\s*+" + APPROX_PREFIX + r"(?:" + NUMBER + r"|[.…_]{2,}+[\d.,]*+)\s*+[.,]?\s*+%?\s*+$"
)


STT_RE = regex.compile(r"^\s*(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})?|[a-zđ])\s*[.)]?\s*$")


# "Năm 2025", "2024", "Năm học 2024-2025", "Tính đến 31/10/2025": a column per period.
YEAR_HEADER_RE = regex.compile(
    r"^\s*(?:năm(?:\s+học)?\s+|tính\s+đến\s+(?:\S+\s+)?)?(?:20\d\d\s*[-–]\s*)?(20\d\d)\s*$", regex.I
)


SUB_LINE_RE = regex.compile(r"^\s*(?:[-–+•*]|(?i:trong\s+đó)|[a-zđ]\)|\p{Ll})")


YEAR_RE = regex.compile(r"(?<!\d)20\d\d(?!\d)")  # "Tỉ lệ 2025 (%)" is a column title, not a rate
MAX_YEAR_TITLE_CHARS = 60  # "Số lượng năm học 2024-2025": a column title; longer is a label


GROUPED_RE = regex.compile(r"\d[.,]\d{3}(?!\d)")


# "Toàn huyện", "Toàn tỉnh", "Tổng cộng", "Cộng", "Toàn ngành": the whole area's column.
AREA_TOTAL_RE = regex.compile(
    r"^ (?:toan (?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|nganh|don vi)|tong cong|cong|tong|chung)"
    r"(?: toan (?:tinh|huyen|xa|nganh))? $"
)


# "Kế hoạch năm 2025", "Chỉ tiêu KH", "Mục tiêu": the target beside "Thực hiện", never the result.
PLAN_TITLE_RE = regex.compile(r"^ (?:ke hoach|chi tieu ke hoach|chi tieu kh|muc tieu|kh)(?: |$)")


LEVEL_ROW_RE = regex.compile(
    r"^ (?:trong do )?(?:cap |khoi |bac |hoc sinh |hs )?(?:mam non|nha tre|mau giao|tieu hoc|th|thcs|thpt|gdtx"
    r"|trung hoc co so|trung hoc pho thong|giao duc thuong xuyen|gdnn gdtx|truc thuoc so|cong lap|ngoai cong lap)"
    r"(?: \d+)? $"
)


FOOTNOTE_REF_RE = regex.compile(r"(?<!\s)\s*+(?:\(\*{1,3}\)|\[\d{1,2}\]|\*{1,3})\s*+$")


# A figure cell answered without a figure: "KAD", "Không áp dụng", "N/A", "--", "x".
NO_FIGURE_RE = regex.compile(
    r"^\s*(?:-+|–|—|x|kad|kxđ|kxd|n/?a|k/?c|(?:không|chưa)(?:\s+\p{L}+){0,3})\s*\.?\s*$", regex.I
)


NEGATIVE_RE = regex.compile(r"^\s*[-−](?=\d)")


# A remark that is only a rate: "Đạt 97%", "Tỉ lệ: 95,4%", "(41%)".
REMARK_RATE_RE = regex.compile(
    r"^\s*\(?\s*(?:(?:đạt|tỉ\s*lệ|tỷ\s*lệ)\s*:?\s*)?(?P<rate>" + NUMBER + r"\s*%)\s*\)?\s*\.?\s*$", regex.I
)


MEASURE_WORDS = ("so luong", "sl", "so lieu", "ket qua", "gia tri", "tong so", "so")


NON_PART_TITLES = ("stt", "tt", "noi dung", "chi tieu", "ghi chu", "don vi", "dvt", "nguon", "minh chung")


NAME_HINTS = ("nêu rõ tên", "nếu có", "ghi rõ")


# Columns of a text dump (PDF to text, a table pasted as plain text): two or more spaces or a tab.
COLUMN_GAP_RE = regex.compile(r"\t+|[ \u00a0]{2,}")

# A row titled "... (%)": its lone figure is a rate.
PERCENT_TITLE_RE = regex.compile(r"\(\s*%\s*\)\s*$")
# "III. KIẾN NGHỊ": a numbered heading that may close a numbered figures section.
NEXT_SECTION_RE = regex.compile(r"^\s*(?:phần\s+)?([IVX]{1,4}|\d{1,2})[.)]\s+\p{Lu}", regex.I)
SECTION_NUMBER_RE = regex.compile(r"^\s*(?:phần\s+)?([IVX]{1,4}|\d{1,2})", regex.I)
# Column titles of a register of legal documents (a Sở Tư pháp tracking sheet, a list of
# documents issued): "Số, ký hiệu văn bản | Ngày ban hành | Trích yếu nội dung". Its summaries
# repeat template wording, so such a table is never read as the appendix.
REGISTER_TITLE_RE = regex.compile(  # on folded text: " so ky hieu van ban "
    r"^ (?:so (?:va )?ky hieu|ky hieu|so hieu|trich yeu|ngay (?:thang )?ban hanh|co quan ban hanh|tinh trang hieu luc"
    r"|hieu luc|nguoi ky|ngay ky|ngay van ban|ngay hieu luc|ten van ban|loai van ban|co quan soan thao) "
)
MIN_REGISTER_TITLES = 2
# The appendix's own title, for telling a report from other documents and a second report's
# appendix from the first's: "Phụ lục 2", "PHỤ LỤC II", "Phụ lục số 02", "Biểu số liệu thống kê".
APPENDIX_TITLE_RE = regex.compile(
    r"^\s*(?:phụ\s+lục\s+(?:số\s+)?(?:0?2|II)\b|biểu\s+(?:số\s+liệu|thống\s+kê)\b)", regex.I
)
