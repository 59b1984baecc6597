"""Shared by every PDF strategy: text clean-up (NFC, bullets, invisible marks), boxes and the
constants of page layout.
"""

from __future__ import annotations

import logging
import re
import unicodedata

from normalizers.text import RunTranslation

log = logging.getLogger(__name__)


BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (PDF points, top-based)


# Words that put a page on pdfplumber's list even with few ruling paths (appendix pages).
APPENDIX_KEYWORDS = (
    "phụ lục",
    "biểu số liệu",
    "biểu mẫu",
    "số liệu thống kê",
    "nội dung triển khai",
    "kết quả (số liệu)",
    "có máy tính",
    "đường truyền internet",
    "hồ sơ số",
    "dịch vụ công trực tuyến",
)


RATE_WORDS = ("đạt tỉ lệ", "đạt tỷ lệ", "tỉ lệ:", "tỷ lệ:")


COL_TOLERANCE = 4.0  # points: column boundaries this close are the same boundary


CELL_PADDING = 6.0  # Word/LibreOffice default cell margins are ~5.4-5.8 pt


# Some PDF printers emit no space characters, only a positioning gap of ~0.2 em (2.6 pt at
# 13 pt); pdfplumber's default 3 pt would glue "51.608đạttỉlệ" together.  Glyphs inside a
# word abut (gap ~0), so 1.5 pt separates words without splitting them.
WORD_GAP = 1.5


GLUE_GAP = 0.8  # points: a real space is >= ~2.5 pt wide at report font sizes


NO_BREAK_BEFORE = ".,:;!?%)]}…"


BULLET_RE = re.compile(r"^(?:[-+•·–—*▪●○]|\d{1,2}[.)]\s|[a-zđ][.)]\s|[IVX]{1,4}[.)]?\s)")


PAGE_NUMBER_RE = re.compile(r"(?:trang\s*+)?[-–]?\s*+\d{1,4}\s*+[-–]?(?:\s*+/\s*+\d{1,4})?", re.I)  # linear


FOOTNOTE_RE = re.compile(r"\d{1,3}\s*\D|[*†]")  # "10 Giảng viên tại ...", "* Ghi chú"


NUMBER_ONLY_RE = re.compile(r"[\d.,%\s]+")


# Symbol/Wingdings bullets come out as Private Use Area code points; zero-width and soft
# hyphen characters are invisible.  "\u200b" also marks blanked footnote marks (see below).
# pdfium reports some hyphens as U+FFFE (its "hyphen" marker): "131/QĐ\ufffeTTg" must read
# "131/QĐ-TTg" or the citation is lost.
_CLEAN = str.maketrans({
    "\ufffe": "-", "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
    "\ufb04": "ffl", "\uf0b7": "-", "\uf0a7": "-", "\uf076": "-", "\uf0d8": "-", "\uf0fc": "-",
    "\uf02d": "-", "\u00a0": " ", "\u00ad": None, "\u200b": None, "\ufeff": None,
})


_clean = RunTranslation(_CLEAN)  # only the runs that need it: this runs on every line of every page


def nfc(text: str) -> str:
    """NFC, PUA bullets as "-", invisible characters dropped, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", _clean(text)).split())
