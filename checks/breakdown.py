"""Part-whole breakdowns in the body that do not add up (body_breakdown_mismatch).

Reports write "có 1.588 cơ sở giáo dục, gồm 1.404 cơ sở công lập (88,41%) và 205 cơ sở
tư thục (11,59%)" or "64.300 người (57.498 công lập (89,42%) và 6.802 tư thục
(10,58%))".  We only check what is clearly a partition: "gồm/bao gồm", or a parenthesis
whose parts are joined by "và", all carry a percentage, or are three or more comma
separated parts.  "trong đó" lists (subsets, possibly overlapping) and hedged totals
("hơn 1.600") are left alone: a false alarm costs a reviewer more than a miss here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from baocao.model import Document, Extraction, Flag
from checks.body_text import COUNT, RATE, BodyText, build_body, is_approximate, parse_count, parse_rate
from checks.registry import format_number, make_flag

_TOTAL = re.compile(
    rf"(?P<total>{COUNT})(?P<noun>(?:\s+[^\W\d][\w/]*){{0,7}}?)\s*[,:]?\s*"
    r"(?P<conn>bao\s+gồm|gồm\s+có|gồm|\()",
    re.IGNORECASE,
)
# "Trong tổng số 1.180 cơ sở giáo dục, có 420 cơ sở mầm non (35,6%) và 760 ... (64,4%)": "có"
# may list subsets, so such a list is a partition only when its shares add up to 100 %.
_TOTAL_THEN_CO = re.compile(
    rf"tổng\s+số\s+(?P<total>{COUNT})(?P<noun>(?:\s+[^\W\d][\w/]*){{0,7}}?)\s*,\s*(?:trong\s+đó\s+)?"
    r"(?P<conn>có)(?=\s+\d)",
    re.IGNORECASE,
)
_NOT_A_TOTAL = re.compile(r"(?:năm|ngày|tháng|số|giai đoạn|khóa|lần|mức độ|thứ)\s*$", re.IGNORECASE)
# A part's share of the total: "(88,41%)" or "chiếm/đạt (tỉ lệ) 88,41%" — not any "%"
# in the part ("(tăng 5% so với 2022)" is no share of the total).
_PERCENT = re.compile(
    rf"\(\s*(?P<p>{RATE})\s*%\s*\)|(?:chiếm|đạt|bằng|tỉ\s*lệ|tỷ\s*lệ)\s*(?:tỉ\s*lệ|tỷ\s*lệ)?\s*:?\s*(?P<q>{RATE})\s*%",
    re.IGNORECASE,
)
_COUNT_RE = re.compile(COUNT)
# "," splits parts, but not the decimal comma in "88,41".
_SPLIT = re.compile(r"(?<!\s)\s*+(?:(?<!\d),|,(?!\d)|;|\bvà\b)\s*+", re.IGNORECASE)  # linear on long blanks
RATE_SLACK = 0.05  # percentage points allowed beyond the stated rate's rounding


@dataclass
class Part:
    value: int
    label: str
    rate: float | None
    rate_decimals: int


@dataclass
class Breakdown:
    total: int
    noun: str
    parts: list[Part]
    start: int
    end: int
    partition: bool


def _group_end(text: str, start: int, conn: str) -> int:
    """End of the parts: the matching ')' or the end of the clause."""
    if conn == "(":
        depth = 1
        for index in range(start, min(len(text), start + 400)):
            depth += {"(": 1, ")": -1}.get(text[index], 0)
            if depth == 0:
                return index
        return -1
    match = re.search(r"[;]|\.(?=\s)|\.$", text[start : start + 400])
    return start + match.start() if match else min(len(text), start + 400)


def _split_top_level(segment: str) -> tuple[list[str], list[str]]:
    """Split on ',', ';', 'và' outside parentheses; also return the separators used."""
    pieces, separators, last = [], [], 0
    for match in _SPLIT.finditer(segment):
        if segment[: match.start()].count("(") != segment[: match.start()].count(")"):
            continue
        pieces.append(segment[last : match.start()])
        separators.append(match.group(0).strip().lower())
        last = match.end()
    pieces.append(segment[last:])
    return _join_continuations(pieces, separators)


def _join_continuations(pieces: list[str], separators: list[str]) -> tuple[list[str], list[str]]:
    """Glue a number-less piece after ',' back onto the part before it.

    In "gồm 510 trường mầm non và 792 trường phổ thông, trung tâm GDTX" the last comma lists
    the kinds of one part; without this the breakdown would look unparseable and be skipped.
    """
    joined, kept = [pieces[0]], []
    for separator, piece in zip(separators, pieces[1:], strict=True):
        if separator == "," and not re.search(r"\d", _PERCENT.sub(" ", piece)) and re.search(r"\d", joined[-1]):
            joined[-1] = f"{joined[-1]}, {piece}"
            continue
        kept.append(separator)
        joined.append(piece)
    return joined, kept


def _parse_part(piece: str) -> Part | None:
    rate_match = _PERCENT.search(piece)
    without_rate = _PERCENT.sub(" ", piece) if rate_match else piece
    counts = _COUNT_RE.findall(without_rate)
    label = re.sub(r"[\d.,:()]+", " ", without_rate).strip()
    if len(counts) != 1 or not re.search(r"[^\W\d_]", label):
        return None
    rate_text = (rate_match.group("p") or rate_match.group("q")) if rate_match else None
    decimals = len(re.split(r"[.,]", rate_text)[1]) if rate_text and re.search(r"[.,]", rate_text) else 0
    return Part(parse_count(counts[0]), " ".join(label.split()), parse_rate(rate_text) if rate_text else None, decimals)


_SUBSET = re.compile(r"^\s*(?:trong\s+đó|riêng|ngoài\s+ra)\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:hơn|trên|gần|khoảng|xấp\s+xỉ|ước|dưới|chưa\s+đến)\s+\d", re.IGNORECASE)


def _is_partition(conn: str, segment: str, parts: list[Part], separators: list[str]) -> bool:
    """Whether the parts claim to make up the whole (else they are a list of subsets)."""
    if _SUBSET.match(segment):
        return False  # "(trong đó 300 trường đạt chuẩn, 200 trường ...)": subsets
    if conn == "có":
        rates = [p.rate for p in parts]
        return all(r is not None for r in rates) and abs(sum(rates) - 100) <= 1  # type: ignore[arg-type]
    if conn != "(":
        return True  # "gồm", "bao gồm"
    return (
        separators[-1] == "và"
        or all(p.rate is not None for p in parts)
        or (len(parts) >= 3 and set(separators) == {","})
    )


def find_breakdowns(body: BodyText) -> list[Breakdown]:
    found = []
    matches = sorted([*_TOTAL.finditer(body.text), *_TOTAL_THEN_CO.finditer(body.text)], key=lambda m: m.start())
    for match in matches:
        start = match.start("total")
        by_co = match.re is _TOTAL_THEN_CO  # its "tổng số" is part of the match, not a date or ordinal
        if (not by_co and _NOT_A_TOTAL.search(body.text[max(0, start - 12) : start])) or is_approximate(
            body.text, start
        ):
            continue
        conn = match.group("conn").lower()
        end = _group_end(body.text, match.end(), conn)
        if end <= match.end():
            continue
        segment = body.text[match.end() : end]
        if _HEDGE.search(segment):
            continue  # "gồm khoảng 500 ... và hơn 300 ...": nothing exact to add up
        pieces, separators = _split_top_level(_SUBSET.sub("", segment).lstrip(" :"))
        parsed = [_parse_part(piece) for piece in pieces]
        parts = [p for p in parsed if p is not None]
        if len(parts) < 2 or len(parts) != len(parsed):
            continue
        partition = _is_partition(conn, segment, parts, separators)
        total = parse_count(match.group("total"))
        found.append(Breakdown(total, match.group("noun").strip(), parts, start, end, partition))
    return found


def _rate_problems(breakdown: Breakdown) -> list[dict]:
    problems = []
    for part in breakdown.parts:
        if part.rate is None or breakdown.total <= 0:
            continue
        computed = part.value * 100 / breakdown.total
        if abs(computed - part.rate) > 0.5 * 10**-part.rate_decimals + RATE_SLACK:
            problems.append({"value": part.value, "rate_stated": part.rate, "rate_computed": round(computed, 2)})
    return problems


def _message(breakdown: Breakdown, parts_sum: int, rate_problems: list[dict]) -> str:
    noun = f" {breakdown.noun}" if breakdown.noun else ""
    addends = " + ".join(format_number(p.value) for p in breakdown.parts)
    sentences = []
    if parts_sum != breakdown.total:
        sentences.append(
            f"Phần lời nêu tổng {format_number(breakdown.total)}{noun} nhưng các phần cộng lại "
            f"{addends} = {format_number(parts_sum)} (lệch {format_number(parts_sum - breakdown.total)})."
        )
    for problem in rate_problems:
        sentences.append(
            f"Tỉ lệ ghi {format_number(problem['rate_stated'])}% cho {format_number(problem['value'])} "
            f"nhưng {format_number(problem['value'])} ÷ {format_number(breakdown.total)} = "
            f"{format_number(problem['rate_computed'])}%."
        )
    return " ".join(sentences)


def related_indicators(extraction: Extraction | None, total: int) -> list[str]:
    """Appendix lines whose count is the breakdown's total (1.588 cơ sở → 8a, 8d)."""
    if extraction is None:
        return []
    return sorted({x.code for x in extraction.indicators if x.code and x.value == total})


def check_breakdown(body: BodyText, breakdown: Breakdown, extraction: Extraction | None = None) -> Flag | None:
    parts_sum = sum(p.value for p in breakdown.parts)
    rate_problems = _rate_problems(breakdown)
    sum_wrong = breakdown.partition and parts_sum != breakdown.total
    if not sum_wrong and not rate_problems:
        return None
    related = related_indicators(extraction, breakdown.total)
    return make_flag(
        "body_breakdown_mismatch",
        _message(breakdown, parts_sum if sum_wrong else breakdown.total, rate_problems),
        indicator=related[0] if len(related) == 1 else None,
        indicators=related if len(related) > 1 else None,
        evidence={
            "total": breakdown.total,
            "parts": [{"value": p.value, "label": p.label, "rate": p.rate} for p in breakdown.parts],
            "parts_sum": parts_sum,
            "difference": parts_sum - breakdown.total,
            "rate_problems": rate_problems,
            "text": body.snippet(breakdown.start, breakdown.end + 1, margin=20),
        },
        location=body.location_at(breakdown.start),
    )


def body_breakdown_mismatch(document: Document | None, extraction: Extraction) -> list[Flag]:
    if document is None:
        return []
    body = build_body(document, extraction)
    flags = []
    for breakdown in find_breakdowns(body):
        flag = check_breakdown(body, breakdown, extraction)
        if flag is not None:
            flags.append(flag)
    return flags
