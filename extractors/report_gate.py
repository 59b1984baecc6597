"""Is this document a province's Appendix 2 report?  Content alone decides; the reason is Vietnamese.

A report here answers the Ministry's letter 6541/BGDĐT-KHCNTT on Decision 131/QĐ-TTg. It
counts only when it is *about* that (it names the decision, the letter or the project's
title) **and** carries a recognisable Appendix 2 (a "Phụ lục 2"/"Biểu số liệu thống kê"
heading, or enough template lines) with at least one figure. Everything else, a Sở Tư pháp
register of legal documents whose summaries quote template wording, an invitation to the
review conference, an enrolment report to the Ministry with a table of figures, the blank
template sent back, gets ``not_a_report`` and never reaches the exports as a province's
figures.

One exception keeps a bare appendix sent alone (no prose to name the decision): it is a
report under its own "Phụ lục 2" heading with a few filled lines, or with a third of the
template filled.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from baocao.model import Document, IndicatorValue
from extractors.appendix.patterns import APPENDIX_TITLE_RE

MIN_TEMPLATE_LINES = 3  # distinct template codes that make an appendix without a heading
MIN_UNTITLED_LINES = 8  # filled codes that make a bare appendix sheet a report without a topic
HEAD_LINES = 40
MAX_HEADING_CHARS = 160

TOPIC_RE = regex.compile(  # also typed without diacritics or with an en dash: "131/QD–TTg", "6541/BGDDT"
    r"131\s*/\s*Q[ĐD]\s*[-–]?\s*TTg|quy[eế]t\s+[đd][iị]nh\s+(?:s[oố]\s+)?131\b(?!\s*/)|Q[ĐD]\s*(?:s[oố]\s*)?131\b(?!\s*/)"
    r"|đề\s+án\s+131\b|6541\s*/\s*BGD\s*(?:&\s*)?[ĐD]T|(?:văn\s+bản|công\s+văn|CV)\s+(?:số\s+)?6541\b"
    r"|(?:công\s+nghệ\s+thông\s+tin|CNTT)\s+và\s+chuyển\s+đổi\s+số\s+trong\s+(?:giáo\s+dục|GD)",
    regex.I,
)
# A letter addressed DOWN to many units is guidance, a request or an invitation, not a report.
DOWNWARD_RE = regex.compile(
    r"kính\s+gửi\s*:?[^\n]{0,40}\b(?:các\s+(?:tỉnh|đơn\s+vị|phòng|trường|sở)|ủy\s+ban\s+nhân\s+dân\s+các"
    r"|giám\s+đốc\s+các|hiệu\s+trưởng\s+các)",
    regex.I,
)
INVITATION_RE = regex.compile(r"^\s*GIẤY\s+MỜI\b")


@dataclass(frozen=True)
class Verdict:
    is_report: bool
    reason: str


def judge_report(document: Document, indicators: list[IndicatorValue]) -> Verdict:
    """The gate: topic and a recognisable, filled Appendix 2, in that order of reasons."""
    filled = {i.code for i in indicators if i.code and (i.value is not None or i.rate is not None)}
    lines = {i.code for i in indicators if i.code}
    text = document.full_text()
    topic = TOPIC_RE.search(text)
    heading = _has_appendix_heading(document)
    head = "\n".join([line for line in text.splitlines() if line.strip()][:HEAD_LINES])
    if any(INVITATION_RE.match(line) for line in head.splitlines()):
        return Verdict(False, "giấy mời, không phải báo cáo Phụ lục 2")
    if DOWNWARD_RE.search(head) and len(filled) < MIN_UNTITLED_LINES:
        return Verdict(False, "văn bản gửi xuống các đơn vị (hướng dẫn/đề nghị/mời họp), không phải báo cáo")
    if not topic:
        if len(filled) >= MIN_UNTITLED_LINES or (heading and len(filled) >= MIN_TEMPLATE_LINES):
            return Verdict(True, f"có {len(filled)} dòng số liệu Phụ lục 2 (không nêu QĐ 131/QĐ-TTg)")
        return Verdict(False, _off_topic_reason(len(filled)))
    if not (heading or len(lines) >= MIN_TEMPLATE_LINES):
        return Verdict(False, "văn bản về QĐ 131/QĐ-TTg nhưng không có Phụ lục 2 (không có biểu số liệu)")
    if not filled:
        return Verdict(False, "mẫu Phụ lục 2 chưa điền số liệu")
    return Verdict(True, f"báo cáo QĐ 131/QĐ-TTg, có {len(filled)} dòng số liệu Phụ lục 2")


def _off_topic_reason(filled: int) -> str:
    base = "không nêu Quyết định 131/QĐ-TTg hay Văn bản 6541/BGDĐT-KHCNTT"
    if filled:
        return f"{base}; chỉ {filled} dòng giống Phụ lục 2, không đủ là một báo cáo"
    return f"{base} và không có số liệu Phụ lục 2"


def _has_appendix_heading(document: Document) -> bool:
    """A short paragraph or cell that opens with the appendix's title."""
    return any(len(text) <= MAX_HEADING_CHARS and APPENDIX_TITLE_RE.match(text) for text, _ in document.iter_text())
