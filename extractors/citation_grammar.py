"""The grammar of a số/ký hiệu (Nghị định 30/2020/NĐ-CP) and of dates, as writers really type them.

A ký hiệu is ``number / [year /] TYPE - ISSUER [- UNIT]`` for state bodies ("131/QĐ-TTg",
"09/2021/TT-BGDĐT", a letter "6541/BGDĐT-KHCNTT"), ``number-TYPE/ISSUER`` for Party bodies
("57-NQ/TW"), ``number/year/QHnn`` for laws ("56/2010/QH12") and ``number/VBHN-ISSUER`` for
consolidated texts.  Real writing adds tolerances, each read here and kept in the id as
written (whitespace removed):

* spaces around a separator ("935 /STC-ĐTGS&QTVĐT", "131/QĐ - TTg", "2858/SGDĐT- VP"), a
  line break after one ("142/KH-\\nUBND"), an en dash for the hyphen;
* ``&``, ``,`` and Vietnamese capitals inside the body part ("259/SNV-XDCQ,CTTN&BĐG");
* known codes in any case ("52/Tr-SCT", "131/QĐ-TTG", "Ttr"): their official case is used;
* a dot between two codes ("131/QĐ.TTg"), a trailing year ("15/KH-UBND/2024"), thousands
  dots in the number ("1.234/QĐ-UBND");
* lost marks restored only in known codes and only when the segment has none ("QD" -> "QĐ",
  "BGDDT" -> "BGDĐT"; "NQ-HĐ" never becomes "NQ-HD"); each restoration is noted.

:func:`gazetteer.legal.fold_id` is the separate key under which variants meet.  OCR slips
(l/I -> 1, O -> 0) are repaired by :func:`repair_slips` only inside numbers and dates, one
character for one character so offsets stay valid, and every repair is returned.

Every pattern is linear-time: bounded repeats, no nested unbounded quantifiers
(tests/extractors/test_citations_grammar.py runs them on 200,000-character lines).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

import regex

from gazetteer.legal import canonical_code, issuers_by_code, type_by_code, unit_codes
from normalizers.text import RunTranslation, strip_diacritics

__all__ = [
    "ONE_TO_ONE",
    "one_to_one",
    "DATE_RE",
    "DATE_AFTER_RE",
    "SEG",
    "LEFT",
    "SymbolParts",
    "parse_symbol",
    "parts_of",
    "symbol_re",
    "repair_slips",
    "is_known",
    "LETTER_TYPE",
]

# ---------------------------------------------------------------------------
# Lookalike characters
# ---------------------------------------------------------------------------

# One-to-one replacements only, so offsets in the matched text equal offsets in the original.
ONE_TO_ONE = str.maketrans(
    {
        "\u00d0": "\u0110",  # Ð (eth) -> Đ
        "\u00f0": "\u0111",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": " ",
        "\u200c": " ",
        "\u200d": " ",
        "\u2060": " ",
        "\ufeff": " ",
        # Superscript footnote marks glued to a ký hiệu or date ("131/QĐ-TTg¹", "2022²").
        "\u00b9": " ",
        "\u00b2": " ",
        "\u00b3": " ",
        **{chr(c): " " for c in range(0x2070, 0x207A)},
        "\u00ad": "-",  # soft hyphen: a visible hyphen where a PDF line broke a ký hiệu
        "\ufffe": "-",  # what pdfplumber gives for LibreOffice's hyphen glyph ("138/KH\ufffeUBND")
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2215": "/",  # division slash
        "\uff0f": "/",  # fullwidth solidus
    }
)


one_to_one = RunTranslation(ONE_TO_ONE)  # ``text.translate(ONE_TO_ONE)``, run by run


def is_known(segment: str) -> bool:
    """A type, issuer or unit code of the gazetteer."""
    return segment in type_by_code() or segment in issuers_by_code() or segment in unit_codes()


# ---------------------------------------------------------------------------
# The số/ký hiệu
# ---------------------------------------------------------------------------

# A code segment: two+ capitals/digits ("QĐ", "BGDĐT", "QH15", "TCD06", "GD&ĐT"), small letters
# only before a capital ("GDTrH") or as the last letter ("TTg", "CTr", "QĐi"), and glued footnote
# digits ("TTg1", stripped later).  "Ủy" (one capital) is a word, not a code.  The run is read
# possessively, its second capital checked by a bounded look-ahead: two overlapping stars
# made "1/AAA…Aab" (200,000 capitals failing at the end) quadratic.
SEG = (
    r"(?:(?=\p{Lu}[\p{N}&]{0,20}+\p{Lu})\p{Lu}(?:[\p{Lu}\p{N}]|&(?=\p{Lu})|\p{Ll}(?=\p{Lu}))*+"
    r"\p{Ll}?\p{N}{0,2}(?![\p{L}\p{N}]))"
)
_SEP = r"[/-]\s{0,12}"
# Not inside a word, number, date or URL; "số131/QĐ-TTg" (no space after "số") and a type
# abbreviation glued to the number ("QĐ131/QĐ-TTg", "CV2858/SGDĐT-VP") are fine.
LEFT = r"(?:(?<=\b(?:[sS][ốô]|QĐ|CV|KH|TT|NĐ|NQ|CT|HD|TB|GM))|(?<![\p{L}\p{N}/.,:_&\-]))"
# The number: "131", "15a" (a local suffix), "1.234" (thousands dots, kept as written).
_NUMBER = r"(?P<number>\d{1,3}(?:\.\d{3}){1,2}(?=[ \t]?/)|\d{1,5}(?:[a-zA-Z](?=[ \t]?/))?)"


@cache
def symbol_re() -> regex.Pattern[str]:
    """Number, optional year, segments, optional trailing year.

    Whitespace may follow a separator ("2858/SGDĐT- VP", a line break after "QĐ-"); before
    a separator ("131/QĐ - TTg", "935 /STC-ĐTGS") only when a known code or two code
    segments follow, so "... KH-UBND - Tăng cường" stays "KH-UBND".  Segments after the
    first may join codes with "," ("XDCQ,CTTN&BĐG"); a dot separates two codes only when
    the second is known ("131/QĐ.TTg").
    """
    codes = sorted({*type_by_code(), *issuers_by_code(), *unit_codes()}, key=len, reverse=True)
    known = "(?:" + "|".join(regex.escape(c) for c in codes) + r")(?![\p{L}\p{N}])"
    spaced = rf"[ \t]{{1,2}}[/-][ \t]{{0,2}}{known}"
    # A known code in any case is a segment too: writers type "131/QĐ-Ttg", "411/qđ-ttg", "52/Tr-SCT".
    seg = rf"(?:{SEG}|(?i:{known}))"
    body = rf"(?:{seg}(?:,{SEG}){{0,6}})"
    return regex.compile(
        LEFT + _NUMBER + r"(?:/(?P<year>(?:19|20)\d{2})|[ \t]/[ \t]?(?P<year>(?:19|20)\d{2})(?=/))?"
        rf"(?:(?P<sep>[/-])\s{{0,12}}|[ \t](?P<sep>[/-])[ \t]{{0,2}}(?={known}|{SEG}[/-]{SEG}))"
        rf"(?P<segs>{seg}(?:{_SEP}{body}|{spaced}|\.{known}){{0,8}})"
        r"(?:/(?P<tail_year>(?:19|20)\d{2})(?![\p{N}/]))?"
    )


LETTER_TYPE = "Công văn"


@dataclass(frozen=True)
class SymbolParts:
    """A ký hiệu split into its parts (see :func:`parse_symbol`)."""

    number: str
    year: int | None
    symbol: str  # after number and year: "QĐ-TTg", "NQ/TW"
    segments: tuple[str, ...]
    party_order: bool  # "57-NQ/TW" (number-TYPE/ISSUER) rather than "71/NQ-CP"
    type_code: str | None
    issuer_code: str | None
    year_last: bool = False  # "15/KH-UBND/2024": the year written after the codes
    repairs: tuple[str, ...] = ()  # lost marks restored: "QD→QĐ"

    @property
    def id(self) -> str:
        sep = "-" if self.party_order else "/"
        if self.year_last:
            return f"{self.number}{sep}{self.symbol}/{self.year}"
        year = f"/{self.year}" if self.year else ""
        return f"{self.number}{year}{sep}{self.symbol}"

    @property
    def code_type(self) -> str | None:
        """The type the ký hiệu itself says: its type code, or "Công văn" for a letter."""
        if self.type_code:
            return type_by_code()[self.type_code]
        if (self.year is None or self.year_last) and len(self.segments) >= 2:
            return LETTER_TYPE
        return None

    @property
    def known_codes(self) -> int:
        return sum(1 for s in self.segments if is_known(s))

    @cached_property
    def unknown_codes(self) -> tuple[str, ...]:
        """Segments no gazetteer knows ("SYT-NVY" before they were listed): kept, and noted."""
        pieces = [p for s in self.segments for p in ([s] if is_known(s) else regex.split(r"[,&]", s))]
        return tuple(p for p in pieces if p and not is_known(p) and not regex.fullmatch(r"QH\d{2}", p))

    def swapped_id(self) -> str | None:
        """The same ký hiệu in the other order: "71-NQ/CP" <-> "71/NQ-CP"."""
        if not (self.type_code and self.issuer_code) or self.year or len(self.segments) != 2:
            return None
        if self.party_order:
            return f"{self.number}/{self.type_code}-{self.issuer_code}"
        return f"{self.number}-{self.type_code}/{self.issuer_code}"


def _clean_segment(segment: str, is_last: bool) -> str:
    """Official spelling of a segment; glued footnote digits dropped ("BGDĐT3" -> "BGDĐT")."""
    code = canonical_code(segment)
    if code != segment or is_known(code):
        return code
    stripped = segment.rstrip("0123456789")
    if is_last and stripped != segment:
        known = canonical_code(stripped)
        if is_known(known):
            return known
    return segment


def parse_symbol(text: str) -> SymbolParts | None:
    """Split a written số/ký hiệu ("131/QĐ-\\nTTg", "2858/SGDĐT- VP") into its parts."""
    m = symbol_re().match(one_to_one(text).strip())
    return parts_of(m) if m else None


def parts_of(m: regex.Match[str]) -> SymbolParts:
    """The parts of a :func:`symbol_re` match."""
    year, tail_year = m.group("year"), m.group("tail_year")
    parts = _parts(m.group("number"), year or tail_year, m.group("sep"), m.group("segs"))
    if tail_year and not year:
        from dataclasses import replace

        parts = replace(parts, year_last=True, party_order=m.group("sep") == "-")
    return parts


@cache
def _has_marks(text: str) -> bool:
    return strip_diacritics(text) != text.lower()


@lru_cache(maxsize=4096)  # a report cites the same ký hiệu again and again
def _parts(number: str, year: str | None, sep: str, segs_text: str) -> SymbolParts:
    pieces = regex.split(r"\s*([/.-])\s*", "".join(segs_text.split()))
    raw_segments = pieces[0::2]
    seps = pieces[1::2]
    segments = [_clean_segment(s, i == len(raw_segments) - 1) for i, s in enumerate(raw_segments)]
    repairs = tuple(
        f"{raw}→{seg}"
        for raw, seg in zip(raw_segments, segments, strict=True)
        if not _has_marks(raw) and _has_marks(seg)
    )
    symbol = segments[0] + "".join(s + seg for s, seg in zip(seps, segments[1:], strict=True))
    type_code = segments[0] if segments[0] in type_by_code() else None
    rest = segments[1:] if type_code else segments
    issuer_code = next((s for s in rest if s in issuers_by_code()), None) if rest else None
    if rest and issuer_code is None and (type_code or rest[0] not in type_by_code()):
        issuer_code = rest[0]  # after the type code comes the body, known or not ("NQ-HĐ", "QĐ-SYT")
    return SymbolParts(
        number=number,
        year=int(year) if year else None,
        symbol=symbol,
        segments=tuple(segments),
        party_order=sep == "-" and not year,
        type_code=type_code,
        issuer_code=issuer_code,
        repairs=repairs,
    )


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

# A footnote mark may be glued to the year ("24/01/20191,"): up to two digits after it are dropped.
_DAY_MONTH_YEAR = (
    r"(?:(?P<d>\d{1,2})\s*(?P<s>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=s)\s*(?P<y>(?:19|20)\d{2})"
    r"|(?P<d>\d{1,2})\s+th[aá]ng\s+(?P<m>\d{1,2})\s*,?\s+n[aă]m\s+(?P<y>(?:19|20)\d{2}))(?:\d{1,2})?(?!\d)"
)
DATE_RE = regex.compile(_DAY_MONTH_YEAR, regex.IGNORECASE)
# A two-digit year ("ngày 14/9/22") only right after "ngày": bare, "10/12/22" may be anything.
_SHORT_YEAR_DATE = r"(?P<d>\d{1,2})\s*(?P<s>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=s)\s*(?P<y>\d{2})(?![\d/.\-]\d|\d)"
_DAY_WORD = (
    r"(?:(?:(?:được\s+|duoc\s+)?(?:ban\s+h[aà]nh|k[ýy])\s+)?(?:ng[aàầảáạ]y|ng\.)\s*:?\s*)"  # also "ngay", "ngảy"
)
# After the ký hiệu: a comma, or a cell border of a Markdown table ("| 30/3/2021 |"), then "ngày"
# (also "ban hành ngày", "được ban hành ngày", "ký ngày").
DATE_AFTER_RE = regex.compile(
    r"\s*+(?:,\s*+|\|\s*+|\(\s*+)?(?:" + _DAY_WORD + "?" + _DAY_MONTH_YEAR + "|" + _DAY_WORD + _SHORT_YEAR_DATE + ")",
    regex.IGNORECASE,
)


# ---------------------------------------------------------------------------
# OCR slips inside numbers and dates
# ---------------------------------------------------------------------------

_DIGITISH = r"[\dlIOo]"
# A number before the ký hiệu's slash ("l75/QĐ-SYT", "2O21" as its year) and a numeric date
# ("1l/1O/2O17"); "ngày 28 tháng 1l năm 2017".  Each token must hold a real digit, and only
# l, I, O, o change; words never do ("Io" has no digit).
_SLIP_RES = (
    regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?P<t>{_DIGITISH}{{1,5}})(?=[ \t]?/[ \t]?(?:{_DIGITISH}{{4}}/)?\p{{Lu}})"),
    regex.compile(rf"(?<=\d/)(?P<t>{_DIGITISH}{{4}})(?=/\p{{Lu}})"),
    regex.compile(
        rf"(?<![\p{{L}}\p{{N}}])(?P<t>{_DIGITISH}{{1,2}})(?P<s>[/.\-])(?P<t>{_DIGITISH}{{1,2}})(?P=s)"
        rf"(?P<t>{_DIGITISH}{{4}})(?![\p{{L}}\p{{N}}])"
    ),
    regex.compile(
        rf"(?i:ng[aàảáạ]y)[ \t]{{1,3}}(?P<t>{_DIGITISH}{{1,2}})[ \t\n]{{1,3}}(?i:th[aá]ng)[ \t\n]{{1,3}}"
        rf"(?P<t>{_DIGITISH}{{1,2}})[ \t\n]{{0,3}},?[ \t\n]{{1,3}}(?i:n[aă]m)[ \t\n]{{1,3}}(?P<t>{_DIGITISH}{{4}})"
    ),
)
# "tháng" in any case, spelled out: ``regex`` scans a case-insensitive branch at every
# character, twice as slow over a clean 100-page report (13 ms against 6).
_SLIP_NEAR_DIGIT_RE = regex.compile(
    r"\d[lIOo]|[lIOo]\d|[Tt][Hh][AaÁá][Nn][Gg][ \t\n]{1,3}[lIOo]{1,2}[ \t\n]"
)
_SLIP_FIX = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})


# Around each digit touching a lookalike letter, this many characters are searched: a date or a
# ký hiệu prefix is shorter ("ngày 28 tháng 1l năm 2017" is 25).
_SLIP_WINDOW = 48


def _repair(m: regex.Match[str], repairs: dict[int, tuple[str, str]], worded: bool) -> None:
    tokens, starts = m.captures("t"), m.starts("t")
    # Between "ngày", "tháng" and "năm" only a number can stand ("tháng l năm"); elsewhere a
    # token must already hold a digit.
    if not worded and not all(any(ch.isdigit() for ch in t) for t in tokens):
        return
    for token, start in zip(tokens, starts, strict=True):
        fixed = token.translate(_SLIP_FIX)
        if fixed != token:
            repairs.setdefault(start, (token, fixed))


def repair_slips(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """``text`` with l/I -> 1 and O/o -> 0 inside numbers and dates; (offset, read, repaired) each.

    Only a token that already holds a digit and also a lookalike letter changes, one
    character for one, so offsets stay valid.  A clean text gets no repair.
    """
    if not _SLIP_NEAR_DIGIT_RE.search(text):
        return text, []  # the usual case: one linear scan
    repairs: dict[int, tuple[str, str]] = {}
    window_end = -1
    for hit in _SLIP_NEAR_DIGIT_RE.finditer(text):
        if hit.start() < window_end:
            continue  # already inside a searched window
        start, window_end = max(0, hit.start() - _SLIP_WINDOW), hit.end() + _SLIP_WINDOW
        for pattern in _SLIP_RES:
            for m in pattern.finditer(text, start, min(len(text), window_end)):
                _repair(m, repairs, pattern is _SLIP_RES[-1])
    if not repairs:
        return text, []
    pieces, last, kept = [], 0, []
    for start in sorted(repairs):
        read, fixed = repairs[start]
        if start < last:
            continue  # overlapping tokens of two patterns: the first one stands
        pieces += [text[last:start], fixed]
        last = start + len(read)
        kept.append((start, read, fixed))
    pieces.append(text[last:])
    return "".join(pieces), kept
