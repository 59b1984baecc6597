"""A number in the body that contradicts the appendix line it speaks about.

Deliberately conservative (false alarms bury reviewers):
- only indicators whose body wording is distinctive (institutions / learners / teachers
  with digital records, administrative procedures, online dossiers, satisfaction);
- the number must sit right beside its subject ("6987 hồ sơ ... trực tuyến",
  "TTHC ... lên 163 (100%)", "Tổng số cán bộ, giáo viên ... là 64.300") and the same or
  previous sentence must speak of the indicator's topic (hồ sơ số, định danh, CSDL ...);
- hedged numbers ("hơn 1.600", "trên 90%") and figures dated to one year ("Năm 2023,
  ...") are skipped;
- a body count agrees when it equals the appendix count or the total the appendix line
  implies (count ÷ rate), since reports quote either;
- one flag per indicator, and none when any body mention agrees with the appendix (the
  others are then about another year or scope).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from baocao.model import Document, Extraction, Flag, IndicatorValue
from checks.body_text import COUNT, RATE, BodyText, build_body, is_approximate, parse_count, parse_rate
from checks.population import implied_total, rate_decimals, with_included
from checks.registry import format_number, make_flag

N = rf"(?P<n>{COUNT})"
R = rf"(?P<r>{RATE})\s*%"
RATE_TAIL = rf"(?:[^.;\d]{{0,30}}?(?:đạt|chiếm|bằng|\()\s*(?:tỉ\s*lệ|tỷ\s*lệ)?\s*:?\s*{R})?"
DIGITAL_RECORDS = r"hồ\s+sơ\s+số|hồ\s+sơ\s+điện\s+tử|định\s+danh|cơ\s+sở\s+dữ\s+liệu|CSDL|dữ\s+liệu"
ONLINE_SERVICE = r"trực\s+tuyến|mức\s+độ\s+[34]|toàn\s+trình|dịch\s+vụ\s+công"
# A clause about training, events or support speaks of participants, not of the
# indicator's population ("bồi dưỡng cho 2587 giáo viên", "hỗ trợ cho 3.274 học sinh").
UNRELATED_CLAUSE = re.compile(
    r"bồi\s+dưỡng|tập\s+huấn|hội\s+(?:nghị|thảo|thi)|tham\s+(?:dự|gia)|cuộc\s+thi|hỗ\s+trợ|tài\s+trợ|"
    r"trang\s+bị|khảo\s+sát",
    re.IGNORECASE,
)
# A clause dated to one year ("Năm 2023, Sở tiếp nhận 5.000 hồ sơ") is a yearly figure,
# not the cumulative one the appendix asks for ("Từ năm 2020 đến nay" is cumulative).
# A school year "năm học 2024-2025" is one year too (the appendix is "thời điểm hiện tại").
ONE_YEAR = re.compile(
    r"\bnăm\s+học\s+20\d\d\s*[-–]\s*20\d\d\b|\bnăm\s+(?:học\s+)?20\d\d(?!\s*(?:-|–|đến))", re.IGNORECASE
)
CUMULATIVE = re.compile(r"đến\s+nay|tính\s+đến|lũy\s+kế|giai\s+đoạn|hiện\s+nay|hiện\s+tại", re.IGNORECASE)
COUNT_TOLERANCE = 0.01  # relative, for a body count against an appendix implied total


# "1.200 cơ sở giáo dục mầm non", "926.515 học sinh công lập": a part of the indicator's
# population, not the whole.
NOT_A_SUBSET = (
    r"(?!\s*(?:cấp\s+|bậc\s+|khối\s+|trường\s+)?(?:đại\s+học|GDĐH|nghề|mầm\s+non|tiểu\s+học|THCS|THPT|trung\s+học|"
    r"phổ\s+thông|thường\s+xuyên|GDTX|công\s+lập|tư\s+thục|ngoài\s+công\s+lập|dân\s+tộc|nữ|khuyết\s+tật|"
    r"lớp\s+\d|vùng))"
)


@dataclass(frozen=True)
class BodyPattern:
    code: str
    pattern: re.Pattern[str]
    context: re.Pattern[str]
    keywords: tuple[str, ...]  # lowercase words the pattern needs: a cheap sentence prefilter


_KEYWORDS = {
    "1a": ("máy tính",),
    "1c": ("internet",),
    "2a": ("máy tính",),
    "2c": ("internet",),
    "8a": ("cơ sở giáo dục", "csgd"),
    "8b": ("hs", "học sinh", "người học"),
    "8c": ("nhà giáo", "giáo viên"),
    "9a": ("tthc", "thủ tục hành chính"),
    "9b": ("hồ sơ",),
    "9c": ("hài lòng",),
    "9d": ("hài lòng",),
}


def _p(code: str, pattern: str, context: str) -> BodyPattern:
    return BodyPattern(
        code, re.compile(pattern, re.IGNORECASE), re.compile(context, re.IGNORECASE), _KEYWORDS[code]
    )


# "18.404 giáo viên có máy tính, đạt tỉ lệ 98,1%": the template's own wording, repeated in
# the body; "có" right after the noun keeps out subsets ("giáo viên tiểu học có ...").
HAS_COMPUTER = r"(?:đã\s+)?có\s+máy\s+tính"
HAS_INTERNET = r"(?:đã\s+)?có\s+(?:đường\s+truyền\s+|kết\s+nối\s+)?(?:mạng\s+)?Internet"
TEACHERS = r"(?:giáo\s+viên|GV)"
PUPILS = r"(?:học\s+sinh|HS)"

PATTERNS: tuple[BodyPattern, ...] = (
    _p("1a", rf"{N}\s+{TEACHERS}\s+{HAS_COMPUTER}{RATE_TAIL}", r"máy\s+tính"),
    _p("1c", rf"{N}\s+{TEACHERS}\s+{HAS_INTERNET}{RATE_TAIL}", r"internet"),
    _p("2a", rf"{N}\s+{PUPILS}\s+{HAS_COMPUTER}{RATE_TAIL}", r"máy\s+tính"),
    _p("2c", rf"{N}\s+{PUPILS}\s+{HAS_INTERNET}{RATE_TAIL}", r"internet"),
    _p("8a", rf"{N}\s+(?:cơ\s+sở\s+giáo\s+dục|CSGD){NOT_A_SUBSET}", DIGITAL_RECORDS),
    _p("8a", rf"tổng\s+số\s+(?:cơ\s+sở\s+giáo\s+dục|CSGD)[^.;\d]{{0,60}}?(?:là|:)\s*{N}{RATE_TAIL}",
       DIGITAL_RECORDS),
    _p("8b", rf"{N}\s+(?:HS|học\s+sinh|người\s+học)\b{NOT_A_SUBSET}", DIGITAL_RECORDS),
    # teachers only: "cán bộ, giáo viên, nhân viên" is all staff, not 8c's "nhà giáo"
    _p("8c", rf"{N}\s+(?:nhà\s+giáo|giáo\s+viên)\b(?!\s*,?\s*(?:và\s+)?(?:nhân\s+viên|cán\s+bộ)){NOT_A_SUBSET}",
       DIGITAL_RECORDS),
    _p("8c", rf"tổng\s+số\s+(?:nhà\s+giáo|giáo\s+viên)\s*(?:là|:)\s*{N}", DIGITAL_RECORDS),
    _p("9a", rf"(?:TTHC|thủ\s+tục\s+hành\s+chính)[^.;]{{0,80}}?\b(?:lên|là|đạt|có|gồm|:)\s*{N}"
       rf"(?!\s*(?:hồ\s+sơ|lượt))(?:\s*(?:TTHC|thủ\s+tục)?\s*\(\s*{R}\s*\))?", ONLINE_SERVICE),
    _p("9a", rf"{N}\s+(?:TTHC|thủ\s+tục\s+hành\s+chính){RATE_TAIL}", ONLINE_SERVICE),
    _p("9b", rf"{N}\s+hồ\s+sơ(?:\s+(?:TTHC|thủ\s+tục\s+hành\s+chính))?[^.;\d]{{0,80}}?trực\s+tuyến"
       rf"{RATE_TAIL}", ONLINE_SERVICE),
    _p("9c", rf"{R}\s*(?:người\s+học|phụ\s+huynh|cha\s+mẹ\s+học\s+sinh)[^.;\d]{{0,60}}?hài\s+lòng",
       r"hài\s+lòng"),
    _p("9d", rf"{R}\s*(?:tổ\s+chức|người\s+dân)[^.;\d]{{0,60}}?hài\s+lòng", r"hài\s+lòng"),
)


@dataclass
class Mention:
    code: str
    value: int | None
    rate: float | None
    rate_decimals: int
    start: int
    end: int


def _candidate_spans(body: BodyText, lowered: str, keywords: tuple[str, ...]) -> list[tuple[int, int]]:
    """Sentences holding one of the keywords (regexes over 30 000 characters are slow)."""
    if len(lowered) != len(body.text):
        return [(0, len(body.text))]
    edges = [0, *body.breaks, len(body.text)]
    sentences: set[int] = set()
    for word in keywords:
        index = lowered.find(word)
        while index >= 0:
            sentences.add(bisect.bisect_right(edges, index) - 1)
            index = lowered.find(word, index + len(word))
    spans: list[tuple[int, int]] = []
    for sentence in sorted(sentences):
        start, end = edges[sentence], edges[min(sentence + 1, len(edges) - 1)]
        if spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _matches(body: BodyText, lowered: str, spec: BodyPattern):
    for start, end in _candidate_spans(body, lowered, spec.keywords):
        yield from spec.pattern.finditer(body.text, start, end)


def _sentence_start(text: str, clause_start: int) -> int:
    """Start of the whole sentence: a year stated before a ';' still dates the clauses after it."""
    return max(text.rfind(". ", 0, clause_start) + 1, text.rfind("\n", 0, clause_start) + 1, 0)


def _one_year(text: str) -> bool:
    return bool(ONE_YEAR.search(text)) and not CUMULATIVE.search(text)


def find_mentions(body: BodyText) -> list[Mention]:
    mentions = []
    lowered = body.text.lower()
    for spec in PATTERNS:
        for match in _matches(body, lowered, spec):
            groups = match.groupdict()
            anchor = match.start("n") if groups.get("n") else match.start("r")
            if is_approximate(body.text, anchor):
                continue
            clause_start, clause_end = body.sentence_bounds(anchor)
            clause = body.text[clause_start:clause_end]
            if spec.code.startswith("8") and UNRELATED_CLAUSE.search(clause):
                continue
            if _one_year(body.text[_sentence_start(body.text, clause_start) : clause_end]):
                continue
            window = body.text[body.previous_sentence_start(match.start()) : body.sentence_bounds(match.end())[1]]
            if not spec.context.search(window):
                continue
            rate_text = groups.get("r")
            decimals = len(re.split(r"[.,]", rate_text)[1]) if rate_text and re.search(r"[.,]", rate_text) else 0
            mentions.append(
                Mention(
                    spec.code,
                    parse_count(groups["n"]) if groups.get("n") else None,
                    parse_rate(rate_text) if rate_text else None,
                    decimals,
                    match.start(),
                    match.end(),
                )
            )
    return mentions


def _count_agrees(mention: Mention, line: IndicatorValue, extraction: Extraction | None = None) -> bool:
    if mention.value is None or line.value is None:
        return True
    if mention.value == line.value:
        return True
    total = implied_total(line)
    if total is None:
        return False
    if extraction is not None:
        # "tổng số giáo viên là 15.020" against 8c = teachers + lecturers: also the total less
        # the population 8c/8b may include (the same allowance as the population check).
        total = with_included(extraction, total)
    return any(
        low * (1 - COUNT_TOLERANCE) <= mention.value <= high * (1 + COUNT_TOLERANCE)
        for low, high in total.ranges
    )


def _rate_agrees(mention: Mention, line: IndicatorValue) -> bool:
    if mention.rate is None or line.rate is None:
        return True
    slack = 0.5 * 10**-mention.rate_decimals + 0.5 * 10 ** -rate_decimals(line) + 0.01
    return abs(mention.rate - line.rate) <= slack


def agrees(mention: Mention, line: IndicatorValue, extraction: Extraction | None = None) -> bool:
    return _count_agrees(mention, line, extraction) and _rate_agrees(mention, line)


def _describe_body(mention: Mention) -> str:
    parts = []
    if mention.value is not None:
        parts.append(format_number(mention.value))
    if mention.rate is not None:
        parts.append(f"{format_number(mention.rate)}%")
    return " / ".join(parts)


def _describe_line(line: IndicatorValue) -> str:
    text = f"{format_number(line.value)} đạt {format_number(line.rate)}%"
    total = implied_total(line)
    if total is not None and abs(total.point - float(line.value or 0)) >= 0.5:
        text += f" (tổng suy ra ≈ {format_number(round(total.point))})"
    return text


def _flag(body: BodyText, mention: Mention, line: IndicatorValue, count: int) -> Flag:
    total = implied_total(line)
    return make_flag(
        "body_appendix_mismatch",
        f"Phần lời ghi {_describe_body(mention)} (\"{body.snippet(mention.start, mention.end, 0)}\") "
        f"nhưng dòng {line.code} của Phụ lục 2 ghi {_describe_line(line)}.",
        indicator=line.code,
        evidence={
            "body_value": mention.value,
            "body_rate": mention.rate,
            "appendix_value": line.value,
            "appendix_rate": line.rate,
            "appendix_implied_total": round(total.point) if total else None,
            "body_text": body.snippet(mention.start, mention.end),
            "body_mentions": count,
        },
        location=body.location_at(mention.start),
    )


def body_appendix_mismatch(document: Document | None, extraction: Extraction) -> list[Flag]:
    if document is None or not extraction.indicators:
        return []
    body = build_body(document, extraction)
    lines = {}
    for line in extraction.indicators:
        if line.code and line.code not in lines:
            lines[line.code] = line
    by_code: dict[str, list[Mention]] = {}
    for mention in find_mentions(body):
        if mention.code in lines:
            by_code.setdefault(mention.code, []).append(mention)
    flags = []
    for code, mentions in by_code.items():
        line = lines[code]
        if any(agrees(m, line, extraction) for m in mentions):
            continue
        flags.append(_flag(body, mentions[0], line, len(mentions)))
    return flags
