"""Read numbers as Vietnamese reports write them, as a COUNT or as a RATE.

Vietnamese convention (and Babel's ``vi`` locale) groups thousands with "." and marks
decimals with ",": ``1.002.912`` is a count, ``97,1%`` a rate of 97.1.  Real reports
also write English style (``32.86 %``, ``412,380``), leave stray separators
(``100.%``, ``1588,``), keep the template's dot leaders (``......69511``) or leave the
template's placeholder unfilled (``......``, ``...%``).  The field decides: a count is
a whole number, a rate is a percentage.  Missing is ``None``, never 0.

Every reading keeps the text as written (``raw``) and a tuple of stable note codes
that the checks turn into flags:

``unfilled``            the template placeholder was left ("......", "...%", "…", "___");
                        value None
``empty``               nothing was written; value None
``not_applicable``      "-", "x", "KXĐ", "N/A", "Không", "Không phát sinh", "Chưa có":
                        explicitly no figure; value None
``unreadable``          not a number at all; value None
``dot_leader``          dot leaders around the number were dropped ("......69511")
``trailing_separator``  a lone "." or "," after the digits was dropped ("100.%", "1588,")
``decimal_dot``         "." read as the decimal mark (English style, "32.86 %")
``english_grouping``    "," read as the thousands separator (English style, "412,380")
``space_grouping``      spaces read as thousands separators ("1 002 912")
``ambiguous_separator`` one separator that reads both ways ("1.5" or "1,5" as a count,
                        "1.234" as a rate); the chosen reading is documented per field
``not_whole``           a count whose reading has a fraction ("3,5"); value None, because
                        a count cannot be fractional and guessing would invent data
``unexpected_percent``  a "%" after a count; the number is still read
``rate_over_100``       a rate above 100 percent; value kept, the checks decide severity
``rounded_as_shown``    a spreadsheet rate read as its number format shows it (0.97123 in a
                        "0.0%" cell is 97.1); the stored number stays on the document's cell
``approximate``         a bound or estimate ("khoảng 95%", "trên 90%", "~1.200"); value kept
``too_many_digits``     more than :data:`MAX_DIGITS` digits: no real statistic is that long
                        (a pasted identifier, a typing accident, a hostile file); value None
``extra_text``          words after the number were dropped ("1588,đạt", "51.608 người",
                        "6 (Teams, Zoom)"); a tail holding other digits is unreadable instead

Counts are ``int``; rates are ``float`` in percent (97.1 for "97,1%").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal

from normalizers.text import unify_lookalikes

__all__ = [
    "NUMBER_TOKEN",
    "NUMBER_RE",
    "ParsedNumber",
    "parse_count",
    "parse_rate",
    "is_placeholder",
    "looks_like_not_a_statistic",
    "iter_number_tokens",
]

_SPACES = "[ \u00a0\u202f\u2009]"
#: The longest number read as a value.  Vietnam's largest statistic in these reports
#: (pupils, ~23 million) has 8 digits; 15 keeps every float exact and bounds the work
#: (a 4,400-digit "count" would exceed Python's int-string limit, 310 digits overflow float).
MAX_DIGITS = 15

#: One number token as written: digits with "." / "," separators, an optional stray
#: trailing separator right before "%", an optional "%" (space before it allowed).
#: Not matched inside words ("K12", "COVID19"); "4.0" in "Cách mạng 4.0" does match.
NUMBER_TOKEN = (
    r"(?<![\w])\d+(?:[.,]\d+)*"
    r"(?:[.,]?" + _SPACES + r"?%|(?![\w]))"
)
NUMBER_RE = re.compile(NUMBER_TOKEN)


@dataclass(frozen=True)
class ParsedNumber:
    """A number as read from a report; ``value`` None means missing, never 0."""

    value: int | float | None
    raw: str
    notes: tuple[str, ...] = ()


# Possessive quantifiers and a lookahead instead of "[...]*[.][...]*": the same strings,
# linear time on a 200,000-dot cell (the backtracking form was quadratic).
_PLACEHOLDER_RE = re.compile(r"^(?=\s*+[.…_·])[\s.…_·]*+(?:%[\s.…_·]*+)?$")
# "-", "x", "N/A", "KXĐ", "Không", "Không phát sinh", "Chưa có số liệu"...: no figure.
_NOT_APPLICABLE_RE = re.compile(
    r"^(?:-+|–|—|x|kxđ|kxd|n/?a|k/?c|(?:không|khong|chưa|chua)(?:\s+\D*)?)$", re.IGNORECASE
)
# "khoảng 95%", "trên 90%", "~ 1.200", ">= 50%": a bound or estimate, not an exact figure.
_QUALIFIER_RE = re.compile(
    r"^(?:khoảng|gần|trên|dưới|hơn|ước tính|ước|xấp xỉ|tối thiểu|tối đa|~|≈|>=|<=|≥|≤|>|<)"
    r"\s*(?=[\d.…_])",
    re.IGNORECASE,
)
# A number, an optional "%", then words ("1588,đạt", "51.608 người", "6 (Teams, K12)").
_NUMBER_THEN_TEXT_RE = re.compile(
    r"^(?P<num>[\d.," + _SPACES[1:-1] + r"]*\d[.,]?)(?P<pct>\s*%)?(?P<rest>.*)$"
)
_PARENS_RE = re.compile(r"\([^()]*\)")
_LEADING_LEADER_RE = re.compile(r"^(?=[\s:]*+[.…_·])[\s.…_·:]*+(?=\d)")
_TRAILING_LEADER_RE = re.compile(r"(?<=\d)\s*(?:[.…_·]\s*){2,}(?=%|$)|(?<=\d)\s+[.…_·]+(?=%|$)")
_PERCENT_RE = re.compile(r"(?<!\s)\s*+%\s*+$")
_CORE_RE = re.compile(r"^\d+(?:[.,]\d+)*$")
_SPACE_GROUPED_RE = re.compile(r"^\d{1,3}(?:" + _SPACES + r"\d{3})+$")


def is_placeholder(text: str) -> bool:
    """True for an unfilled template slot: "......", "...%", "…..", "….", "___"."""
    return bool(_PLACEHOLDER_RE.match(unify_lookalikes(text).strip()))


def parse_count(text: str) -> ParsedNumber:
    """Read a whole-number statistic ("1.002.912", "412,380", "......69511", "0")."""
    return _parse(text, is_rate=False)


def parse_rate(text: str) -> ParsedNumber:
    """Read a percentage in percent ("97,1%" -> 97.1, "32.86 %" -> 32.86, "100.%" -> 100)."""
    return _parse(text, is_rate=True)


def _parse(text: str, *, is_rate: bool) -> ParsedNumber:
    raw = text
    s = unify_lookalikes(text).strip()
    if not s:
        return ParsedNumber(None, raw, ("empty",))
    if is_placeholder(s):
        return ParsedNumber(None, raw, ("unfilled",))
    if _NOT_APPLICABLE_RE.match(s.rstrip("%").strip()):
        return ParsedNumber(None, raw, ("not_applicable",))
    notes: list[str] = []
    s, had_percent = _strip_decorations(s, notes)
    if s is None:
        return ParsedNumber(None, raw, ("unreadable",))
    if had_percent and not is_rate:
        notes.append("unexpected_percent")
    if sum(ch.isdigit() for ch in s) > MAX_DIGITS:
        return ParsedNumber(None, raw, (*dict.fromkeys(notes), "too_many_digits"))
    value = _read_core(s, is_rate, notes)
    if value is not None and is_rate and value > 100:
        notes.append("rate_over_100")
    return ParsedNumber(value, raw, tuple(dict.fromkeys(notes)))


def _strip_decorations(s: str, notes: list[str]) -> tuple[str | None, bool]:
    """Drop dot leaders, the "%" and a stray trailing separator; None if junk remains."""
    qualifier = _QUALIFIER_RE.match(s)
    if qualifier:
        s = s[qualifier.end():]
        notes.append("approximate")
    lead = _LEADING_LEADER_RE.match(s)
    if lead:
        s = s[lead.end():]
        notes.append("dot_leader")
    s = _drop_trailing_text(s, notes)
    trail = _TRAILING_LEADER_RE.search(s)
    if trail:
        s = s[: trail.start()] + s[trail.end():]
        notes.append("dot_leader")
    had_percent = bool(_PERCENT_RE.search(s))
    s = _PERCENT_RE.sub("", s).strip()
    if s and s[-1] in ".," and s[:-1][-1:].isdigit():
        s = s[:-1]
        notes.append("trailing_separator")
    if _SPACE_GROUPED_RE.match(s):
        s = re.sub(_SPACES, "", s)
        notes.append("space_grouping")
    if not _CORE_RE.match(s):
        return None, had_percent
    return s, had_percent


def _drop_trailing_text(s: str, notes: list[str]) -> str:
    """Words after the number ("người", "đạt", "(Teams, Zoom, K12)") are dropped with a
    note; a tail holding another number ("(88,41%)") is left alone, so the reading is
    unreadable rather than silently skipping a figure."""
    m = _NUMBER_THEN_TEXT_RE.match(s)
    if not m or not m["rest"].strip() or NUMBER_RE.search(m["rest"]):
        return s
    rest = _PARENS_RE.sub("", m["rest"]).strip(" ,;:")
    if rest and not rest[0].isalpha():
        return s
    if not rest and not m["rest"].strip().startswith("("):
        return s
    notes.append("extra_text")
    return m["num"].rstrip() + (m["pct"] or "")


def _read_core(s: str, is_rate: bool, notes: list[str]) -> int | float | None:
    """Pick the reading of digits+separators that fits the field, noting any doubt."""
    if s.isdigit():
        return float(int(s)) if is_rate else int(s)
    value = _read_vietnamese(s)
    if value is not None and not _looks_english(s, is_rate):
        return _fit(value, is_rate, notes)
    return _read_non_vietnamese(s, is_rate, notes)


def _read_vietnamese(s: str) -> Decimal | None:
    """Babel's strict ``vi`` parse: "." groups by 3, "," is the decimal mark."""
    if s[0] == "0" and "." in s:  # Babel accepts "0.500" as 500; a count never starts so.
        return None
    try:
        return parse_decimal(s, locale="vi", strict=True)
    except NumberFormatError:
        return None


def _looks_english(s: str, is_rate: bool) -> bool:
    """Cases Babel reads the Vietnamese way but the field says otherwise.

    Count "412,380": a Vietnamese decimal for Babel, but a count is whole, so it is
    English thousands grouping.  Rate "1.234": Vietnamese thousands (1234 %) is not a
    plausible percentage, so the decimal-dot reading wins, noted as ambiguous.
    """
    if is_rate:
        return bool(re.fullmatch(r"\d{1,3}\.\d{3}", s))
    return s[0] != "0" and bool(re.fullmatch(r"\d{1,3}(?:,\d{3})+", s))


def _read_non_vietnamese(s: str, is_rate: bool, notes: list[str]) -> int | float | None:
    """Readings beyond Babel: English grouping and the decimal dot."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):  # "412,380", "1,234.5"
        notes.append("english_grouping")
        if "." in s:
            notes.append("decimal_dot")
        return _fit(Decimal(s.replace(",", "")), is_rate, notes)
    if re.fullmatch(r"\d+\.\d+", s):  # "32.86", "99.3", "1.5", "0.500", rate "1.234"
        whole, frac = s.split(".")
        if is_rate:
            notes.append("decimal_dot")
            if len(frac) == 3 and len(whole) <= 3 and whole[0] != "0":
                notes.append("ambiguous_separator")
        else:  # not a Vietnamese thousands group ("1.5"): a count cannot be read safely
            notes.append("ambiguous_separator")
        return _fit(Decimal(s), is_rate, notes)
    notes.append("unreadable")
    return None


def _fit(value: Decimal, is_rate: bool, notes: list[str]) -> int | float | None:
    """Rates become float percent; counts must be whole (else None + ``not_whole``)."""
    if is_rate:
        return float(value)
    if value != value.to_integral_value():
        notes.append("not_whole")
        return None
    return int(value)


# --- things that look like numbers but are not statistics -------------------------

_PHONE_RE = re.compile(r"^(?:\+?84[\s.\-]?|\(?0)\d{2,4}\)?(?:[\s.\-]?\d{2,4}){1,3}$")
_DATE_RE = re.compile(
    r"^(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4}|\d{2})$"
)
_MONTH_YEAR_RE = re.compile(r"^(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})$")
_YEAR_RANGE_RE = re.compile(r"^(?P<a>(?:19|20)\d{2})\s*[-–—]\s*(?P<b>(?:19|20)\d{2})$")


def looks_like_not_a_statistic(text: str) -> str | None:
    """"phone", "date" or "year_range" when ``text`` is one, else None.

    Pass the whole span (e.g. "25/01/2022"), not just one digit group of it;
    :func:`iter_number_tokens` does this for a full line.
    """
    s = unify_lookalikes(text).strip().strip(",;:()").strip()
    digits = re.sub(r"\D", "", s)
    if _PHONE_RE.match(s) and _is_phone_digits(digits):
        return "phone"
    m = _DATE_RE.match(s)
    if (
        m
        and 1 <= int(m["d"]) <= 31
        and 1 <= int(m["m"]) <= 12
        and (m["sep"] != "." or len(m["y"]) == 4)
    ):
        return "date"
    m = _MONTH_YEAR_RE.match(s)
    if m and 1 <= int(m["m"]) <= 12:
        return "date"
    m = _YEAR_RANGE_RE.match(s)
    if m and int(m["a"]) <= int(m["b"]):
        return "year_range"
    return None


def _is_phone_digits(digits: str) -> bool:
    """Vietnamese numbers: 0 + 9 digits (mobile) or 0 + 10 (landline), or 84 + those."""
    if digits.startswith("84") and len(digits) in (11, 12):
        return True
    return digits.startswith("0") and len(digits) in (10, 11)


_SPAN_RE = re.compile(
    r"(?<![\w/])(?:\+?84|\(?0)\d{2,4}\)?(?:[\s.\-]?\d{2,4}){1,3}(?![\w/])"  # phone
    r"|(?<![\w/])\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}(?![\w/])"  # date
    r"|(?<![\w/])\d{1,2}/(?:19|20)\d{2}(?![\w/])"  # month/year
    r"|(?<![\w/])(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}(?![\w/])"  # year range
)


def iter_number_tokens(line: str) -> Iterator[re.Match[str]]:
    """Yield the :data:`NUMBER_RE` matches of ``line`` that are not inside a phone
    number, a date or a year range (those spans are skipped whole)."""
    blocked: list[tuple[int, int]] = [
        m.span() for m in _SPAN_RE.finditer(line) if looks_like_not_a_statistic(m.group())
    ]
    for m in NUMBER_RE.finditer(line):
        if any(a <= m.start() < b for a, b in blocked):
            continue
        yield m
