"""Split appendix text into statements and read one statement's count and rate.

A "statement" is one template line as a report writes it, e.g.
``- Tổng số giáo viên có máy tính 51.608 đạt tỉ lệ: 97,1%``.  Reports put several in
one table cell, wrap them over lines, leave the template's dots unfilled, or put the
number in odd places (``Internet:\\n đạt 362942 tỉ lệ: 100 %``).  Everything here is a
pure function of strings so it can be tested with a table of real lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from normalizers.numbers import ParsedNumber, parse_count, parse_rate

# A number as written in a report: 1.002.912 | 412,380 | 97,1 | 32.86 | 69511.
# Not inside words (K12, viên10) and not part of dates (25/01/2022) or ranges (2022-2025).
NUMBER = (
    r"(?<![\p{L}\p{N}/,\-])(?<!\d\.)"  # never the tail of "12.530" after a unit ("người/12.530")
    r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 1.002.912 | 1.234,5
    r"|\d{1,3}(?:,\d{3})+(?![.,]?\d)"  # 412,380
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![.,]?\d)"  # 1 002 912
    r"|\d+(?:[.,]\d+)?)"  # 69511 | 97,1 | 32.86
    r"(?![\p{L}/\-]|\d)"
)
_NUMBER_RE = regex.compile(NUMBER)
# A rate: a number or a placeholder followed by "%"; ">=50%" in a label is a condition.
# After a "/" too: "12.345/98,5%" is a count and its rate in one "Số lượng/Tỉ lệ" cell.
_RATE_RE = regex.compile(
    r"(?<![><≥≤]\s?)(?<![><≥≤]=\s?)(?P<num>" + NUMBER.replace(r"\p{N}/,", r"\p{N},", 1)
    + r"[.,]?[.…_]*+|(?<![.…_])[.…_]{2,}+)\s*+%"  # possessive, from a run's start: linear
)  # "42,3...%": a value typed into the template's "...%" keeps some dots
# Words before a rate that make it a bound or estimate: "gần 100%", "trên 90%".
_APPROX_RE = regex.compile(
    r"(?<!\p{L})(?:gần|khoảng|trên|hơn|dưới|xấp\s*xỉ|ước\s*đạt|gan|khoang|tren|hon|duoi|xap\s*xi)\s*[~≈]?\s*$"
    r"|[~≈>≥<≤]\s*$",
    regex.I,
)
# Footnote marks typed as superscripts ("giảng viên¹", "12.345²") are never part of a figure.
_SUPERSCRIPT_RE = regex.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+")
# Words that start the "rate" half of a statement ("đạt tỉ lệ", "chiếm").
# Diacritic-free spellings ("dat ti le") come from reports typed without an input method.
_MARKER_RE = regex.compile(
    r"(?<!\p{L})(?:đạt|đat|dat|(?:tỉ|tỷ|ti|ty)\s*(?:lệ|le)|chiếm|chiem)(?!\p{L})", regex.I
)
_PLACEHOLDER_RE = regex.compile(r"[.…_]{3,}|…+")
_PHONE_DATE_RE = regex.compile(
    r"(?<!\d)(?:0\d{2,3}[.\s]\d{3}[.\s]\d{3,4}|0\d{9,10}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}/\d{4})(?!\d)"
)
# "12.345/12.530", also with units: "12.000 người/12.530 người".  Possessive: only a part
# ending at the run's last digit can be followed by "/", so giving digits back never
# helps (and made a 200,000-character "1,1,1,…" line quadratic).
_RATIO_RE = regex.compile(
    r"(?<![\p{N}/.,])(?P<part>\d[\d.,]*+(?<=\d)|\d)\s*+(?:\p{L}+\s*+){0,2}/\s*(?P<whole>\d[\d.,]*\d)(?![\p{N}/])"
)
_RATE_WORD_RE = regex.compile(r"(?<!\p{L})(?:(?:tỉ|tỷ|ti|ty)\s*(?:lệ|le)|chiếm|chiem)(?!\p{L})", regex.I)
# Numbers that belong to a label, never a figure: "mức độ 3 và 4", "năm 2025", "lớp 10".
_LABEL_NUMBER_RE = regex.compile(
    r"(?:(?<!\p{L})(?:mức\s+độ|cấp\s+độ|năm\s+học|năm|lớp|khối|giai\s+đoạn|quý|học\s+kỳ|thông\s+tư|văn\s+bằng"
    r"|bằng|cách\s+mạng\s+công\s+nghiệp)\s*(?:\d+(?:[.\-–/]\d+)?)(?:\s*(?:,|và|hoặc|-|–)\s*\d+(?:[.\-–/]\d+)?)*"
    r"|(?:[><≥≤]=?|=[><])\s*\d+(?:[.,]\d+)?\s*%?)",  # a condition such as ">=50%" is part of the label
    regex.I,
)
_NOT_APPLICABLE_RE = regex.compile(
    r"^(?:không(?:\s+có)?|không\s+phát\s+sinh|chưa\s+(?:có|triển\s+khai)|x|-|kxđ|n/?a)$", regex.I
)
# A count in parentheses with its unit, inside a label cell: "(3.100 người)", "(36.000 em)".
_COUNTED_PARENS_RE = regex.compile(
    r"\(\s*(?P<num>" + NUMBER + r")\s+(?:người|em|học\s+sinh|giáo\s+viên|gv|hs|hồ\s+sơ|thủ\s+tục|tthc|nền\s+tảng"
    r"|cơ\s+sở|trường|lớp)(?!\p{L})[^()]*\)",
    regex.I,
)
_URL_RE = regex.compile(r"(?:https?://|www\.)\S+", regex.I)
_PARENS_RE = regex.compile(r"\([^()]*\)")
_BULLET_RE = regex.compile(r"^\s*(?:[-–—+•*▪●◦]|\d{1,2}(?:\.\d{1,2})*[.)](?!\d)|[a-zđ]\)|[IVX]{1,4}[.)]?\s)\s*")
_INLINE_SPLIT_RE = regex.compile(
    r"(?<=[%\d;.)])\s+[-–+•]\s+(?=\p{Lu})|(?<!\s)\s*+;\s++(?=\p{L})|(?<=%\s?\)?)\s*,\s+(?=\p{L})"
    r"|[;,]\s+(?=(?i:trong\s+đó)\s)"
)
# "...: 02 (OLM, Zoom); số nền tảng trong nước: 01": a new template line starts; a bare
# "Số lượng:" / "Tỉ lệ:" is the same line's other field.
_NEW_LINE_OPENER_RE = regex.compile(r"\s*(?i:(?:tổng\s+)?số\s+(?!lượng\s*:)\p{L})")
_CHANGE_WORDS_RE = regex.compile(r"\s*+(?i:tăng|giảm|so\s+với|cao\s+hơn|thấp\s+hơn|vượt|trong\s+đó)")
_TRONG_DO_RE = regex.compile(r"(?i:trong\s+đó)\s")
_NUMBERED_RE = regex.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4})[.)]\s")
_OPENER_RE = regex.compile(r"^\s*(?:Tổng\s+số|Số\s+lượng|Số\s|Tỉ\s+trọng|Tỷ\s+trọng|Tỉ\s+lệ|Tỷ\s+lệ)")
_LEADING_NOISE = regex.compile(r"^\s*(?:[-–—+•*▪●◦]\s*)+")
_FOOTNOTE_LINE = regex.compile(r"^\s*\d{1,2}\s+\p{Lu}")
_IF_ANY = regex.compile(r"^\s*nếu\s+có\s*[,:.]?\s*$", regex.I)


@dataclass
class Statement:
    """Text of one template line plus where each of its lines came from."""

    lines: list[str]
    line_indexes: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(part.strip() for part in self.lines if part.strip())


@dataclass
class Reading:
    label: str
    value: ParsedNumber | None
    rate: ParsedNumber | None
    notes: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return self.value is not None or self.rate is not None


def _is_complete(text: str) -> bool:
    """A statement that already holds its answer (a rate, or a value after a colon)."""
    if "%" in text:
        return True
    tail = text.rsplit(":", 1)[1] if ":" in text else ""
    answered = bool(_NOT_APPLICABLE_RE.match(tail.strip(" .;,")))  # "Số nền tảng: chưa có."
    return bool(_NUMBER_RE.search(tail) or _PLACEHOLDER_RE.search(tail)) or answered


def _starts_new(line: str, current: Statement | None) -> bool:
    if current is None:
        return True
    if _BULLET_RE.match(line):
        return True
    text = current.text
    if _NUMBERED_RE.match(text) and _OPENER_RE.match(line) and not _is_complete(text):
        return True  # "4. Cung cấp ... trực tuyến" heading, then "Tổng số cơ sở ...: 0"
    if text.count("(") > text.count(")"):
        return False
    if _is_rate_tail(line) or line.lstrip().startswith(("(", "%")):
        return False  # "Đạt tỉ lệ: 97,1%" on its own line still belongs to the line above
    first = line.lstrip()[:1]
    return bool(first) and first.isupper() and _is_complete(text)


def _is_rate_tail(line: str) -> bool:
    """"Đạt tỉ lệ: 97,1%" continues a line; "Tỉ lệ người học hài lòng: 92%" is a line of its own."""
    if not _MARKER_RE.match(line.lstrip()):
        return False
    words = regex.findall(r"\p{L}{2,}", _MARKER_RE.sub(" ", line))
    return len(words) < 3


def _split_inline_bullets(line: str) -> list[str]:
    """"...: 51.608 đạt tỉ lệ: 97,1% - Tổng số giảng viên ...": one line, two statements.

    Prose runs lines on with ";" ("...: 12.345, đạt tỉ lệ 98,5%; tổng số giáo viên có
    ..."), which splits after a rate or before a new "Số .../Tổng số ..." once the left
    part has its figure, so "Số lượng: 12.345; Tỉ lệ: 98,5%" stays one.  A list of rates
    ("Tỉ trọng ...: tiểu học 5%, trung học 9,5%") splits at the comma and each part keeps
    the shared words before the colon.
    """
    parts: list[str] = []
    start = 0
    for match in _INLINE_SPLIT_RE.finditer(line):
        left = line[start : match.start()]
        right = line[match.end() :]
        separator = match.group(0).strip()[:1]
        if separator in ";," and left.count("(") > left.count(")"):
            continue
        if _TRONG_DO_RE.match(right):  # "Số nền tảng: 3, ...; trong đó sản phẩm trong nước: 2"
            split = bool(_number_spans(left))
        elif separator == ";":
            split = "%" in left or (bool(_NEW_LINE_OPENER_RE.match(right)) and _is_complete(left))
        elif separator == ",":
            split = _own_rate_follows(right)
        else:
            split = _is_complete(left)
        if not split:
            continue
        parts.append(left)
        start = match.end() if separator in ";," else match.start() + 1
    parts.append(line[start:])
    return _share_prefix(parts) if len(parts) > 1 else parts


def _own_rate_follows(right: str) -> bool:
    """"..., trung học 9,5%": the next part is another rate, not "tăng 2% so với 2022"."""
    segment = regex.split(r";|,\s", right, maxsplit=1)[0]  # "9,5%": a decimal comma has no space
    return "%" in segment and not _CHANGE_WORDS_RE.match(right)


def _share_prefix(parts: list[str]) -> list[str]:
    """Give "trung học 9,5%" the words before the first part's colon ("Tỉ trọng ...:")."""
    head = parts[0]
    if ":" not in head:
        return parts
    prefix = head.split(":", 1)[0]
    shared = [head]
    for part in parts[1:]:
        own_label = part.split("%", 1)[0]
        needs = ":" not in own_label and not _NEW_LINE_OPENER_RE.match(part) and not _TRONG_DO_RE.match(part)
        shared.append(f"{prefix}: {part.strip()}" if needs and "%" in part else part)
    return shared


def split_statements(lines: list[str]) -> list[Statement]:
    """Group physical lines (cell paragraphs, PDF/text lines) into statements."""
    statements: list[Statement] = []
    current: Statement | None = None
    pieces = [
        (index, part, number > 0)
        for index, line in enumerate(lines)
        for number, part in enumerate(_split_inline_bullets(line))
    ]
    for index, line, split_off in pieces:
        if not line.strip() or _IF_ANY.match(line):
            continue
        if _FOOTNOTE_LINE.match(line) and (current is None or _is_complete(current.text)):
            current = None  # a footnote ("10 Giảng viên tại ...") is never a statement
            continue
        if split_off or _starts_new(line, current):
            current = Statement(lines=[], line_indexes=[])
            statements.append(current)
        assert current is not None
        current.lines.append(line)
        current.line_indexes.append(index)
    return statements


def _mask(text: str, pattern: regex.Pattern) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _number_spans(text: str) -> list[regex.Match]:
    return list(_NUMBER_RE.finditer(_mask(_mask(text, _PHONE_DATE_RE), _LABEL_NUMBER_RE)))


def _raw_with_leaders(text: str, match: regex.Match) -> str:
    """The token plus the template's dot leaders before it ("......69511").

    A separator after the token ("1588,đạt", "6987, đạt") is sentence punctuation and
    stays out of the number.
    """
    start = match.start()
    while start > 0 and text[start - 1] in ".…":
        start -= 1
    return text[start : match.end()]


def read_statement(text: str) -> Reading:
    """Read label, count and rate from one statement's text."""
    text = _mask(" ".join(text.split()), _URL_RE)
    notes: list[str] = []
    if _SUPERSCRIPT_RE.search(text):
        text = _SUPERSCRIPT_RE.sub("", text)
        notes.append("footnote_mark")
    rate: ParsedNumber | None = None
    rate_matches = list(_RATE_RE.finditer(text))
    work = text
    if rate_matches:
        first = rate_matches[0]
        rate = parse_rate(first.group(0))
        if _APPROX_RE.search(text[: first.start()]) and "approximate" not in rate.notes:
            rate = ParsedNumber(rate.value, rate.raw, (*rate.notes, "approximate"))
        if len(rate_matches) > 1:
            notes.append("several_rates")
        before = regex.sub(r"/\s*$", lambda m: " " * len(m.group(0)), text[: first.start()])
        work = before + " " * (first.end() - first.start()) + text[first.end() :]
    marker = _MARKER_RE.search(work)
    label_stop = len(work)
    if marker and _titled_by_rate(work, marker):  # "Tỉ lệ người học hài lòng: 92%": the marker is the label's
        label_stop = work.index(":", marker.end())
        marker = _MARKER_RE.search(work, label_stop)
    # Without "đạt", the count is before the first rate: "36.000 (41%), tăng 3,5% so với ..." is not 3,5.
    pre = work[: marker.start()] if marker else work[: rate_matches[0].start()] if rate_matches else work
    zone_start = pre.rfind(":") + 1 if ":" in pre else 0
    zone = pre[zone_start:]
    names = [n.strip() for group in _PARENS_RE.findall(zone) for n in group[1:-1].split(",") if n.strip()]
    zone_masked = _mask(zone, _PARENS_RE)
    spans = _number_spans(zone_masked)
    value: ParsedNumber | None = None
    label_end = len(pre)
    chosen = (spans[-1] if marker or rate_matches else spans[0]) if spans else None
    if chosen is not None and _is_enumeration(zone_masked, chosen) and zone_start == 0:
        spans = spans[1:]
        chosen = (spans[-1] if marker or rate_matches else spans[0]) if spans else None
    placeholder = _PLACEHOLDER_RE.search(zone_masked)
    ratio = _RATIO_RE.search(_mask(zone_masked, _PHONE_DATE_RE))
    if ratio is not None:
        value = parse_count(ratio.group("part"))
        notes.append(f"value_of_total:{ratio.group('whole')}")
        label_end = zone_start + ratio.start()
    elif chosen is not None:
        value = parse_count(_raw_with_leaders(zone_masked, chosen))
        label_end = zone_start + chosen.start()
    elif placeholder:
        value = parse_count(placeholder.group(0))
        label_end = zone_start + placeholder.start()
    elif _NOT_APPLICABLE_RE.match(zone_masked.strip(" :,.;")) and zone_start:
        value = parse_count(zone_masked.strip(" :,.;"))
        label_end = zone_start
    elif (earlier := _value_before_last_colon(pre, zone_start)) is not None:
        value, label_end = earlier  # "Số nền tảng: 3, gồm: VioEdu, OLM, Zoom"
        notes.append("value_before_list")
    elif rate is not None and (inner := _count_in_parentheses(work, rate_matches[0].end(), notes)) is not None:
        value = inner  # "98,5% (12.345 giáo viên)": the count follows its rate
        notes.append("value_in_parentheses")
    elif marker:
        after = _mask(work[marker.end() :], _MARKER_RE)
        late = _number_spans(after)
        if late and rate is not None:
            value = parse_count(_raw_with_leaders(after, late[0]))
            notes.append("value_after_rate_marker")
    if rate is None and marker is not None:
        rate = _rate_after_marker(work, marker, notes)
    label = _clean_label(text[: min(label_end, label_stop)])
    after = pre[zone_start + chosen.end() :] if chosen is not None else ""
    # A unit ("6 nền tảng", "12.345 giáo viên") is not a label: a label has 3 words or more.
    if not label and value is not None and ratio is None and regex.match(r"\s*(?:\p{L}+\s+){2,}\p{L}", after):
        label = _clean_label(after.rstrip(" (")) # "- 3.100 giáo viên có máy tính (đạt 97%)"
        notes.append("value_before_label")
    if value is None and (counted := _COUNTED_PARENS_RE.search(text)) is not None:
        value = parse_count(counted.group("num"))  # "Giáo viên có máy tính (3.100 người)"
        notes.append("value_in_parentheses")
        label = _clean_label(text[: counted.start()]) if label == _clean_label(text) else label
    return Reading(label=label, value=value, rate=rate, notes=notes, names=names)


def _titled_by_rate(work: str, marker: regex.Match) -> bool:
    """A line that opens with "Tỉ lệ <who>...:" names a rate line; "Đạt tỉ lệ: 97%" does not."""
    if _LEADING_NOISE.sub("", work[: marker.start()]).strip() or ":" not in work[marker.end() :]:
        return False
    title = _MARKER_RE.sub(" ", work[marker.end() : work.index(":", marker.end())])
    return len(regex.findall(r"\p{L}{2,}", title)) >= 2


def _value_before_last_colon(pre: str, zone_start: int) -> tuple[ParsedNumber, int] | None:
    """The figure after the first colon when a later colon opens a list of names."""
    if zone_start == 0:
        return None
    first_colon = pre.find(":")
    segment = pre[first_colon + 1 : zone_start - 1]
    spans = _number_spans(_mask(segment, _PARENS_RE))
    if first_colon < 0 or not spans:
        return None
    return parse_count(spans[0].group(0)), first_colon + 1 + spans[0].start()


def _count_in_parentheses(work: str, start: int, notes: list[str]) -> ParsedNumber | None:
    """The count after its rate: "98,5% (12.345 GV)", or a part of a whole "(4.410/4.532 GV)"."""
    group = _PARENS_RE.search(work, start)
    inner = group.group(0)[1:-1] if group else ""
    ratio = _RATIO_RE.search(_mask(inner, _PHONE_DATE_RE))
    if ratio is not None:
        notes.append(f"value_of_total:{ratio.group('whole')}")
        return parse_count(ratio.group("part"))
    spans = _number_spans(inner)
    return parse_count(spans[0].group(0)) if spans else None


def _is_enumeration(zone: str, match: regex.Match) -> bool:
    """"1. Tổng số ..." / "2) ..." — a list number opening the line, not a value."""
    return not zone[: match.start()].strip() and bool(regex.match(r"[.)]\s*\p{L}", zone[match.end() :]))


def _rate_after_marker(work: str, marker: regex.Match, notes: list[str]) -> ParsedNumber | None:
    """"đạt tỉ lệ: 97,1" with the "%" forgotten: the number after a rate word."""
    rate_word = _RATE_WORD_RE.search(work, marker.start())
    if rate_word is None:
        return None
    spans = _number_spans(work[rate_word.end() :])
    if not spans:
        return None
    notes.append("rate_without_percent_sign")
    return parse_rate(spans[0].group(0))


def _clean_label(label: str) -> str:
    label = _BULLET_RE.sub("", _LEADING_NOISE.sub("", label), count=1)
    label = _PLACEHOLDER_RE.sub(" ", label)
    label = " ".join(label.split())
    return label.strip(" :,;.-–")
