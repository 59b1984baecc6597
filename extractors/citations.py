"""Cited legal documents (issue 3): every số/ký hiệu/ngày mention in a document.

How a mention is read
---------------------
1. **One text stream.**  Paragraphs and table cells (``Document.iter_text``) are joined
   with newlines into one string with a map back to each piece's ``Location``: PDF text
   breaks lines anywhere ("131/QĐ-\\n\\nTTg", "ngày\\n25/01/2022"), so a citation may
   span pieces.  Lookalike characters are mapped one-to-one (offsets stay valid).
2. **spaCy finds the words.**  A syllable tokenizer (``spacy.blank("vi")`` without pyvi)
   and a ``PhraseMatcher`` on lowercase syllables find the document-type words
   ("Quyết định", "QĐ", "Kế hoạch hành động", "CV"...) and the issuer phrases ("Thủ
   tướng Chính phủ", "Bộ GDĐT", "UBND", "Ban Thường vụ Thành ủy"...), both read from
   ``gazetteer/document_types.csv`` and ``gazetteer/issuers.csv``.
3. **regex reads the số/ký hiệu and the date.**  A ký hiệu is a number, an optional
   year and code segments ("09/2021/TT-BGDĐT", "57-NQ/TW", "91/2025/QH15",
   "62/KHPT-TCD06/CPTW-BCDDA06/CPHP"); whitespace is allowed right after a separator
   ("2858/SGDĐT- VP", a line break after "QĐ-") and before one only when a known code
   follows ("131/QĐ - TTg").  Known codes are read in any case ("131/QĐ-Ttg", "411/qđ-ttg").
   A date belongs to the mention only when it follows directly, optionally after a comma,
   "(" and/or "ngày" / "ban hành ngày" ("25/01/2022", "6/3/2022", "25.01.2022",
   "ngày 16 tháng 10 năm 2025"); a two-digit year only right after "ngày" ("ngày 14/9/22").
   "Quyết định số 131, 749/QĐ-TTg" gives one mention per listed number.
4. **What counts.**  A candidate is a citation when a type word stands right before it
   ("Quyết định số", "QĐ", "Kế hoạch hành động số") or, without one, when its ký hiệu
   has a known type or issuer code and at least two segments ("749/QĐ-TTg" in a list).
   A single segment needs the type word *and* "số" ("Công văn số 12/UBND"): "Đề án
   06/CP" is a nickname of a programme, not a số/ký hiệu.  Bare references without a
   ký hiệu ("Nghị quyết 57") are not citations: there is nothing to identify or check.
   Not citations either: the report's own number ("Số: 12/BC-SGDĐT", also when repeated
   as "Kèm theo công văn số ..."), blank template numbers ("Số: /BGDĐT-KHCNTT" has no
   number at all), URLs, phone numbers, "ISO 9001:2015", statistics, "4.0".
5. **A ký hiệu split by a page break inside a footnote** ("Nghị quyết số 43-" at the end
   of one page's footnote, "NQ/TW của ..." starting a later line) is joined when a later
   line *starts* with the missing code segments and the result has known codes; the
   mention's location is where it starts.

6. **Tables** (DOCX/PDF/XLSX cells, Markdown "| … |" and tab-separated lines pasted from
   Word): a ký hiệu alone in a cell is a citation even with one segment ("| 125/UBND |",
   known code needed); a date never comes from another row; a ký hiệu alone in its cell
   with no date takes the row's date cell when the row has exactly one such ký hiệu and
   exactly one free date cell ("| 25/01/2022 | 131/QĐ-TTg | Thủ tướng |": the "Ngày ban
   hành" column stands before or after the "Số, ký hiệu" column).

Normalized fields
-----------------
* ``id``: the số/ký hiệu as written, spaces removed, known codes in their official
  spelling ("TTG" -> "TTg", "QD" -> "QĐ").  A wrong order ("71-NQ/CP") is kept as written
  and flagged by ``checks.citations``.
* ``type``: canonical type (see ``document_types.csv``): from the type word before the
  number, else from the ký hiệu's type code, else "Công văn" for a letter's ký hiệu
  (ISSUER-UNIT: "6541/BGDĐT-KHCNTT").  "Công văn", "CV" and "Văn bản" all give
  "Công văn"; "Văn bản" is generic, so before a ký hiệu with a type code
  ("văn bản số 284/QĐ-UBND") the code decides.  Sub-kinds fold into their type:
  "Kế hoạch hành động/phối hợp" -> "Kế hoạch", "Chương trình hành động" -> "Chương
  trình", "Thông báo kết luận" -> "Thông báo".
* ``number`` as written ("09"), ``year`` from the ký hiệu when it carries one,
  ``symbol`` = the ký hiệu after number and year ("QĐ-TTg", "NQ/TW", "TT-BGDĐT", "QH15").
* ``issuer``: the body named right after the mention ("... của UBND thành phố Hải
  Phòng"), else the reference row of a known national document (57-NQ/TW -> Bộ Chính
  trị), else the ký hiệu's issuer code through ``issuers.csv``.  Local codes (UBND,
  SGDĐT, HĐND, TU, VP) take the province the text names, else the report's province.
* ``raw``: the mention as written from the type word to the date, whitespace collapsed.

Identity: local ký hiệu repeat in every province ("59/KH-UBND"), so the id stays the
ký hiệu, ``issuer`` names the body with its province, and :func:`citation_key` adds
the place for local codes ("59/KH-UBND@Hải Phòng"); national documents are keyed by id
alone.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

import regex

from baocao.model import Citation, Document, Location, Paragraph, Source
from extractors.report_meta import read_report_meta
from gazetteer.legal import (
    Issuer,
    canonical_code,
    issuer_aliases,
    issuers_by_code,
    legal_documents,
    type_by_code,
    type_words,
)
from normalizers.dates import parse_date
from normalizers.nlp import SYLLABLE_RE, vietnamese_nlp
from normalizers.text import strip_diacritics

if TYPE_CHECKING:  # spaCy is imported on the first citation search, not with this module
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

__all__ = [
    "extract_citations",
    "extract_citations_text",
    "citation_key",
    "parse_symbol",
    "SymbolParts",
    "DATE_RE",
]

# ---------------------------------------------------------------------------
# Text stream
# ---------------------------------------------------------------------------

# One-to-one replacements only, so offsets in the matched text equal offsets in the original.
_ONE_TO_ONE = str.maketrans(
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


@dataclass
class TextStream:
    """All text pieces of a document joined by newlines, with a map back to locations."""

    original: str
    text: str  # ``original`` with lookalikes mapped one-to-one
    starts: list[int]
    locations: list[Location]

    @classmethod
    def from_pieces(cls, pieces: Iterable[tuple[str, Location]]) -> TextStream:
        parts: list[str] = []
        starts: list[int] = []
        locations: list[Location] = []
        offset = 0
        for text, location in pieces:
            if not text or not text.strip():
                continue
            if not unicodedata.is_normalized("NFC", text):
                text = unicodedata.normalize("NFC", text)  # decomposed marks from PDFs/macOS
            starts.append(offset)
            locations.append(location)
            parts.append(text)
            offset += len(text) + 1
        original = "\n".join(parts)
        return cls(original=original, text=original.translate(_ONE_TO_ONE), starts=starts, locations=locations)

    def location_at(self, offset: int) -> Location:
        """Location of the piece holding ``offset``; the line inside a multi-line piece."""
        if not self.starts:
            return Location()
        index = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        location = self.locations[index]
        inner = self.original[self.starts[index] : offset]
        if location.line is None and "\n" in self.piece(index):
            return location.with_line(inner.count("\n") + 1)
        return location

    def piece(self, index: int) -> str:
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.original)
        return self.original[self.starts[index] : end]

    def raw(self, start: int, end: int) -> str:
        return " ".join(self.original[start:end].split())

    def cells(self) -> _Cells:
        """Table cells of the stream: DOCX/PDF/XLSX cell pieces and Markdown/tab-separated lines."""
        cells = _Cells()
        for index, location in enumerate(self.locations):
            start = self.starts[index]
            piece = self.text[start : start + len(self.piece(index))]
            key = _row_key(location)
            if key is not None:
                cells.add(start, piece, ("cell", *key))
                continue
            line_start = start
            for line in piece.split("\n"):
                if line.count("|") >= 2 or line.count("\t") >= 2:
                    for cell in _LINE_CELL_RE.finditer(line):
                        cells.add(line_start + cell.start(), cell.group(), ("line", line_start))
                line_start += len(line) + 1
        return cells


# A cell of a Markdown ("| a | b |") or tab-separated ("a\tb\tc", pasted from Word) row.
_LINE_CELL_RE = regex.compile(r"[^|\t\n]+")


def _row_key(location: Location) -> tuple | None:
    """The table row a cell piece belongs to, or None for a paragraph."""
    if location.table is not None and location.row is not None:
        return (location.part, location.page, location.table, location.row, repr(location.nested_in))
    if location.sheet is not None and location.cell_ref:
        return (location.sheet, location.cell_ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ$"))
    return None


@dataclass
class _Cells:
    """Trimmed cell spans (start, end, row) sorted by start; what a table row holds."""

    starts: list[int] = field(default_factory=list)
    spans: list[tuple[int, int, tuple]] = field(default_factory=list)

    def add(self, start: int, text: str, row: tuple) -> None:
        stripped = text.strip()
        if not stripped:
            return
        begin = start + len(text) - len(text.lstrip())
        self.starts.append(begin)
        self.spans.append((begin, begin + len(stripped), row))

    def at(self, offset: int) -> tuple[int, int, tuple] | None:
        """The cell holding ``offset``, if any."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0 and self.spans[index][0] <= offset < self.spans[index][1]:
            return self.spans[index]
        return None

    def in_row(self, row: tuple) -> list[tuple[int, int, tuple]]:
        return [span for span in self.spans if span[2] == row]


# ---------------------------------------------------------------------------
# spaCy: type words and issuer phrases
# ---------------------------------------------------------------------------

_SYLLABLE_RE = SYLLABLE_RE


def _nlp() -> Language:
    return vietnamese_nlp()


_TYPE_PREFIX = "T:"
_ISSUER_PREFIX = "I:"


@cache
def _matcher() -> PhraseMatcher:
    """Phrases match on NORM = the syllable without case and marks ("Quyet dinh", "quyết đinh"):
    reports pasted into e-mails are often typed without diacritics."""
    from spacy.matcher import PhraseMatcher

    nlp = _nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    for word in type_words():
        matcher.add(_TYPE_PREFIX + word, [_normed(nlp.make_doc(word))])
    for alias in issuer_aliases():
        matcher.add(_ISSUER_PREFIX + alias, [_normed(nlp.make_doc(alias))])
    return matcher


@cache
def _norm(syllable: str) -> str:
    return strip_diacritics(syllable)


def _normed(doc: Doc) -> Doc:
    for token in doc:
        token.norm_ = _norm(token.text)
    return doc


@dataclass
class _Phrases:
    """Type words keyed by end offset, issuer phrases keyed by start offset."""

    type_by_end: dict[int, tuple[int, str]] = field(default_factory=dict)  # end -> (start, word)
    issuer_by_start: dict[int, tuple[int, str]] = field(default_factory=dict)  # start -> (end, alias)


# A stretch without a letter this long ("1.1.1.…", a 200,000-character line of digits and
# dots) holds no type word or issuer: it is masked ("|" then blanks, offsets kept) before
# tokenising, so the spaCy Doc stays small (its per-token cost made such a line take
# seconds).  Anchored at the stretch's start, so the search is linear.
_LETTERLESS_RE = regex.compile(r"(?<![^\p{L}])[^\p{L}]{2000,}")


def _mask_letterless(text: str) -> str:
    return _LETTERLESS_RE.sub(lambda m: "|" + " " * (len(m.group()) - 1), text)


def _find_phrases(text: str) -> _Phrases:
    """Run the matcher over the whole stream; offsets are mapped back to ``text``.

    The Doc's own text collapses whitespace (line breaks, runs of spaces), so each
    token's offset in ``text`` is kept aside from the tokenizer's regex match.
    """
    from spacy.tokens import Doc
    from spacy.util import filter_spans

    syllables = list(_SYLLABLE_RE.finditer(_mask_letterless(text)))
    starts = [m.start() for m in syllables]
    ends = [m.end() for m in syllables]
    words = [m.group() for m in syllables]
    spaces = [True] * len(words)
    doc = _normed(Doc(_nlp().vocab, words=words, spaces=spaces))
    strings = doc.vocab.strings
    type_spans, issuer_spans = [], []
    for match_id, start, end in _matcher()(doc):
        span = doc[start:end]
        span.label_ = strings[match_id]
        (type_spans if span.label_.startswith(_TYPE_PREFIX) else issuer_spans).append(span)
    phrases = _Phrases()
    for span in filter_spans(type_spans):
        phrases.type_by_end[ends[span.end - 1]] = (starts[span.start], span.label_[len(_TYPE_PREFIX) :])
    for span in filter_spans(issuer_spans):
        phrases.issuer_by_start[starts[span.start]] = (ends[span.end - 1], span.label_[len(_ISSUER_PREFIX) :])
    return phrases


# ---------------------------------------------------------------------------
# regex: số/ký hiệu and dates
# ---------------------------------------------------------------------------

# A code segment: two+ capitals/digits ("QĐ", "BGDĐT", "QH15", "TCD06", "GD&ĐT"), small letters
# only before a capital ("GDTrH") or as the last letter ("TTg", "CTr", "QĐi"), and glued footnote
# digits ("TTg1", stripped later).  "Ủy" (one capital) is a word, not a code.
_SEG = r"(?:\p{Lu}[\p{Lu}\p{N}&]*\p{Lu}(?:[\p{Lu}\p{N}]|\p{Ll}(?=\p{Lu}))*\p{Ll}?\p{N}{0,2}(?![\p{L}\p{N}]))"
_SEP = r"[/-]\s{0,12}"
# Not inside a word, number, date or URL; "số131/QĐ-TTg" (no space after "số") and a type
# abbreviation glued to the number ("QĐ131/QĐ-TTg", "CV2858/SGDĐT-VP") are fine.
_LEFT = r"(?:(?<=\b(?:[sS][ốô]|QĐ|CV|KH|TT|NĐ|NQ|CT|HD))|(?<![\p{L}\p{N}/.,:_&\-]))"


@cache
def _symbol_re() -> regex.Pattern[str]:
    """Number, optional year, segments.  Whitespace may follow a separator ("2858/SGDĐT- VP",
    a line break after "QĐ-"); before a separator ("131/QĐ - TTg", "3105 /SGDĐT") only when
    what follows is a known code, so "... KH-UBND - Tăng cường" stays "KH-UBND"."""
    codes = sorted({*type_by_code(), *issuers_by_code()}, key=len, reverse=True)
    known = "(?:" + "|".join(regex.escape(c) for c in codes) + r")(?![\p{L}\p{N}])"
    spaced = rf"[ \t]{{1,2}}[/-][ \t]{{0,2}}{known}"
    # A known code in any case is a segment too: writers type "131/QĐ-Ttg", "411/qđ-ttg".
    seg = rf"(?:{_SEG}|(?i:{known}))"
    # A letter may end a local number ("15a/QĐ-UBND"); a space may stand before the year's
    # slash ("09 /2021/TT-BGDĐT") when another slash follows the year.
    return regex.compile(
        _LEFT + r"(?P<number>\d{1,5}(?:[a-zA-Z](?=[ \t]?/))?)"
        r"(?:/(?P<year>(?:19|20)\d{2})|[ \t]/[ \t]?(?P<year>(?:19|20)\d{2})(?=/))?"
        rf"(?:(?P<sep>[/-])\s{{0,12}}|[ \t](?P<sep>[/-])[ \t]{{0,2}}(?={known}))"
        rf"(?P<segs>{seg}(?:{_SEP}{seg}|{spaced})*)"
    )


# The first part of a ký hiệu broken where the rest does not follow ("Nghị quyết số 43-").
_DANGLING_RE = regex.compile(
    _LEFT + rf"(?P<number>\d{{1,5}})(?:/(?P<year>(?:19|20)\d{{2}}))?(?P<sep>[/-])"
    rf"(?P<segs>(?:{_SEG}[/-])*)[ \t]*(?=\n)"
)
_TAIL_LINE_RE = regex.compile(rf"\n[ \t]*(?P<segs>{_SEG}(?:[/-]{_SEG})*)(?![/\-\p{{L}}\p{{N}}])")
_TAIL_SEARCH_CHARS = 6000

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
_DATE_AFTER_RE = regex.compile(
    r"\s*+(?:,\s*+|\|\s*+|\(\s*+)?(?:" + _DAY_WORD + "?" + _DAY_MONTH_YEAR + "|" + _DAY_WORD + _SHORT_YEAR_DATE + ")",
    regex.IGNORECASE,
)
_LAW_BEFORE_RE = regex.compile(r"(?P<word>\b(?:bộ\s+)?luật)\s+[\p{L}\s]{1,60}?\s(?:số|so)\s*:?\s*$", regex.IGNORECASE)
_SO_BEFORE_RE = regex.compile(r"(?:\b(?:số|sô|so)\s*(?::\s*)?)?$", regex.IGNORECASE)
# Form and appendix numbers ("Mẫu số 01/KH-SGDĐT", "Phụ lục số 2/BC") are parts of documents.
_PART_BEFORE_RE = regex.compile(r"\b(?:mẫu|biểu|biểu\s+mẫu|phụ\s+lục|mã)\s*(?:số)?\s*:?\s*$", regex.IGNORECASE)
# The report's own number field "Số: 12/BC-SGDĐT" (capital "Số", maybe after a merged header column).
_OWN_NUMBER_BEFORE_RE = regex.compile(r"(?:^|\s)Số\s*(?:hiệu)?\s*:\s*$")
_URL_BEFORE_RE = regex.compile(r"(?:https?://|www\.|\S@)\S*$")
_OF_RE = regex.compile(r"\s*+,?\s*+(?:của|cua|do)\s+", regex.IGNORECASE)
# After a local body ("UBND"): "(UBND)" and a unit word, then the place name.
_PLACE_RE = regex.compile(
    r"\s*(?:\(\s*[\p{L}&]+\s*\)\s*)?(?:(?P<unit>(?i:tỉnh|thành\s+phố|tp\.?|thủ\s+đô|quận|huyện|thị\s+xã|xã|phường"
    r"|đặc\s+khu|tinh|thanh\s+pho))\s*)?(?P<name>\p{Lu}[\p{L}.]*(?:[ \t]+(?:-[ \t]+)?\p{Lu}[\p{L}]*){0,4})?"
)
_PROVINCE_UNITS = {
    "tỉnh": "tỉnh",
    "tinh": "tỉnh",
    "thanh pho": "thành phố",
    "thành phố": "thành phố",
    "tp": "thành phố",
    "tp.": "thành phố",
    "thủ đô": "thành phố",
}

# "Văn bản" names any document: before a ký hiệu with a type code, the code decides.
_GENERIC_TYPE_WORDS = {"văn bản"}
_LETTER_TYPE = "Công văn"


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

    @property
    def id(self) -> str:
        year = f"/{self.year}" if self.year else ""
        sep = "-" if self.party_order else "/"
        return f"{self.number}{year}{sep}{self.symbol}"

    @property
    def code_type(self) -> str | None:
        """The type the ký hiệu itself says: its type code, or "Công văn" for a letter."""
        if self.type_code:
            return type_by_code()[self.type_code]
        if self.year is None and len(self.segments) >= 2:
            return _LETTER_TYPE
        return None

    @property
    def known_codes(self) -> int:
        return sum(1 for s in self.segments if s in type_by_code() or s in issuers_by_code())

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
    if code != segment or code in type_by_code() or code in issuers_by_code():
        return code
    stripped = segment.rstrip("0123456789")
    if is_last and stripped != segment:
        known = canonical_code(stripped)
        if known in type_by_code() or known in issuers_by_code():
            return known
    return segment


def parse_symbol(text: str) -> SymbolParts | None:
    """Split a written số/ký hiệu ("131/QĐ-\\nTTg", "2858/SGDĐT- VP") into its parts."""
    m = _symbol_re().match(text.translate(_ONE_TO_ONE).strip())
    if not m:
        return None
    return _parts(m.group("number"), m.group("year"), m.group("sep"), m.group("segs"))


def _parts(number: str, year: str | None, sep: str, segs_text: str) -> SymbolParts:
    pieces = regex.split(r"\s*([/-])\s*", "".join(segs_text.split()))
    raw_segments = pieces[0::2]
    seps = pieces[1::2]
    segments = [_clean_segment(s, i == len(raw_segments) - 1) for i, s in enumerate(raw_segments)]
    symbol = segments[0] + "".join(s + seg for s, seg in zip(seps, segments[1:], strict=True))
    type_code = segments[0] if segments[0] in type_by_code() else None
    rest = segments[1:] if type_code else segments
    issuer_code = next((s for s in rest if s in issuers_by_code()), None) if rest else None
    if rest and issuer_code is None and rest[0] not in type_by_code():
        issuer_code = rest[0]
    return SymbolParts(
        number=number,
        year=int(year) if year else None,
        symbol=symbol,
        segments=tuple(segments),
        party_order=sep == "-" and not year,
        type_code=type_code,
        issuer_code=issuer_code,
    )


# ---------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------


@dataclass
class _Context:
    stream: TextStream
    phrases: _Phrases
    own_number: str | None
    province: str | None  # the report's province; "" once resolution found none
    cells: _Cells = field(default_factory=lambda: _Cells())
    dates_used: set[int] = field(default_factory=set)  # starts of dates taken by a mention


def extract_citations(document: Document, province: str | None = None) -> list[Citation]:
    """Every legal-document mention in reading order (see the module docstring).

    ``province`` (canonical name) is the report's province for local issuers; when not
    given it is resolved from the document, only if a local issuer needs it.
    """
    stream = TextStream.from_pieces(document.iter_text())
    context = _Context(
        stream=stream,
        phrases=_find_phrases(stream.text),
        own_number=_own_id(read_report_meta(document).own_number),
        province=province,
        cells=stream.cells(),
    )
    found = _symbol_mentions(context) + _broken_mentions(context)
    found.sort(key=lambda mention: mention.offset)
    _date_from_row(context, found)
    for mention in found:
        mention.citation.issuer = _resolve_issuer(mention, document, context)
    return [mention.citation for mention in found]


def extract_citations_text(text: str, province: str | None = None) -> list[Citation]:
    """Citations of a plain text (one paragraph per line); what the benchmark times."""
    blocks = [Paragraph(text=line, location=Location(line=n)) for n, line in enumerate(text.splitlines(), 1)]
    document = Document(source=Source(path="<text>", sha256="", format="txt"), blocks=blocks)
    return extract_citations(document, province=province)


def _own_id(own_number: str | None) -> str | None:
    if not own_number:
        return None
    parts = parse_symbol(own_number)
    return parts.id if parts else None


@dataclass
class _Mention:
    """A citation in the making: its issuer is resolved once all mentions are read."""

    offset: int
    citation: Citation
    named_issuer: _NamedIssuer | str | None  # the body named in the text, if any
    start: int = -1  # the mention without its date: type word (or number) ...
    end: int = -1  # ... to the end of the ký hiệu


def _symbol_mentions(context: _Context) -> list[_Mention]:
    out = []
    for m in _symbol_re().finditer(context.stream.text):
        parts = _parts(m.group("number"), m.group("year"), m.group("sep"), m.group("segs"))
        accepted = _accepted(context, m.start(), parts, m.end())
        if accepted is None or (_spaced_year(m) and accepted[1] is None):
            continue  # "tháng 12 /2021/KH": a spaced year needs a type word before it
        start, word = accepted
        out.extend(_shared_suffix_mentions(context, m.start(), parts))
        out.append(_citation(context, m.start(), parts, start, word, m.end()))
    return out


def _spaced_year(m: regex.Match[str]) -> bool:
    return m.group("year") is not None and " " in m.string[m.start() : m.start("year")].replace("\t", " ")


# "Quyết định số 131, 749/QĐ-TTg": bare numbers before a ký hiệu share its symbol (and year).
_SHARED_LIST_RE = regex.compile(
    r"(?:số|sô)\s*:?\s*(?P<nums>\d{1,5}(?:\s*(?:,|;|và)\s*\d{1,5})*)\s*(?:,|;|và)\s*$", regex.IGNORECASE
)
_BARE_NUMBER_RE = regex.compile(r"\d{1,5}")


def _shared_suffix_mentions(context: _Context, number_start: int, parts: SymbolParts) -> list[_Mention]:
    """One mention per bare number listed after a type word and "số" before ``parts``."""
    text = context.stream.text
    window = max(0, number_start - 80)
    m = _SHARED_LIST_RE.search(text, window, number_start)
    if not m:
        return []
    typed = _type_before(context, m.start("nums"))
    if not typed:
        return []
    out = []
    for number in _BARE_NUMBER_RE.finditer(text, m.start("nums"), m.end("nums")):
        shared = replace(parts, number=number.group())
        start = typed[0] if number.start() == m.start("nums") else number.start()
        out.append(_citation(context, number.start(), shared, start, typed[1], number.end()))
    return out


def _type_before(context: _Context, number_start: int) -> tuple[int, str, bool] | None:
    """(start, word, with "số") of a type word right before the number, if any."""
    text = context.stream.text
    window_start = max(0, number_start - 40)
    before = text[window_start:number_start].rstrip()
    so = _SO_BEFORE_RE.search(before)
    with_so = bool(so and so.group())
    end = window_start + len(before[: so.start()].rstrip()) if with_so else window_start + len(before)
    hit = context.phrases.type_by_end.get(end)
    if hit is None:
        return _law_before(context, number_start) if with_so else None
    if not _same_row(context, hit[0], number_start):
        return None  # "Công văn" ending the last cell of the row above names another document
    return hit[0], hit[1], with_so


def _law_before(context: _Context, number_start: int) -> tuple[int, str, bool] | None:
    """Laws are cited by name between the word and the number: "Luật Giáo dục số 43/2019/QH14"."""
    window_start = max(0, number_start - 80)
    m = _LAW_BEFORE_RE.search(context.stream.text, window_start, number_start)
    if not m:
        return None
    word = " ".join(m.group("word").lower().split())
    if context.phrases.type_by_end.get(m.end("word")) is None:
        return None
    return m.start("word"), word, True


def _accepted(
    context: _Context, number_start: int, parts: SymbolParts, symbol_end: int
) -> tuple[int, str | None] | None:
    """(start of the mention, type word) when the candidate is a citation, else None."""
    text = context.stream.text
    line_before = text[text.rfind("\n", 0, number_start) + 1 : number_start]
    typed = _type_before(context, number_start)
    if _URL_BEFORE_RE.search(line_before):
        return None
    if not typed and (_OWN_NUMBER_BEFORE_RE.search(line_before) or _PART_BEFORE_RE.search(line_before)):
        return None
    if context.own_number and parts.id == context.own_number:
        return None
    single = len(parts.segments) == 1 and parts.year is None
    if typed:
        start, word, with_so = typed
        fills = _fills_cell(context, start, symbol_end)
        return (start, word) if (with_so or not single or fills) else None
    if parts.known_codes and (not single or _fills_cell(context, number_start, symbol_end)):
        return number_start, None
    return None


def _fills_cell(context: _Context, start: int, end: int) -> bool:
    """The mention is all a table cell holds: a "Số, ký hiệu" column ("| 125/UBND |")."""
    cell = context.cells.at(start)
    return cell is not None and cell[0] == start and cell[1] == end


def _same_row(context: _Context, offset: int, other: int) -> bool:
    """False only when both offsets are in table cells of different rows."""
    here, there = context.cells.at(offset), context.cells.at(other)
    return here is None or there is None or here[2] == there[2]


def _date_from_row(context: _Context, mentions: list[_Mention]) -> None:
    """A ký hiệu alone in its cell takes the row's date cell ("| 25/01/2022 | 131/QĐ-TTg |").

    Only when the row has exactly one such undated mention and exactly one cell that is
    a date no mention took: the date column of a list of documents, whatever its place.
    """
    by_row: dict[tuple, list[_Mention]] = {}
    for mention in mentions:
        cell = context.cells.at(mention.offset)
        if mention.citation.date is None and cell and cell[0] == mention.start and cell[1] == mention.end:
            by_row.setdefault(cell[2], []).append(mention)
    for row, undated in by_row.items():
        if len(undated) != 1:
            continue
        dates = [
            m
            for span in context.cells.in_row(row)
            if span[0] not in context.dates_used
            and (m := DATE_RE.fullmatch(context.stream.text, span[0], span[1])) is not None
        ]
        if len(dates) == 1:
            undated[0].citation.date = parse_date(dates[0].group("d"), dates[0].group("m"), dates[0].group("y"))


def _citation(
    context: _Context, offset: int, parts: SymbolParts, start: int, word: str | None, symbol_end: int
) -> _Mention:
    stream = context.stream
    end = symbol_end
    date = None
    m = _DATE_AFTER_RE.match(stream.text, symbol_end)
    if m and _same_row(context, symbol_end - 1, m.start("d")):
        date = parse_date(m.group("d"), m.group("m"), m.group("y"))
        context.dates_used.add(m.start("d"))
        end = m.end()
    issuer_alias, place = _issuer_phrase(context, end)
    citation = Citation(
        id=parts.id,
        type=_type_of(parts, word),
        number=parts.number,
        year=parts.year,
        symbol=parts.symbol,
        issuer=None,
        date=date,
        raw=stream.raw(start, end),
        location=stream.location_at(start),
    )
    named = _issuer_from_text(issuer_alias, place) if issuer_alias else None
    return _Mention(offset, citation, named, start=start, end=symbol_end)


def _type_of(parts: SymbolParts, word: str | None) -> str | None:
    if word and word.lower() not in _GENERIC_TYPE_WORDS:
        return type_words()[word.lower()]
    if parts.code_type:
        return parts.code_type
    return type_words()[word.lower()] if word else None


def _issuer_phrase(context: _Context, end: int) -> tuple[str | None, tuple[str | None, str | None]]:
    """The issuer alias named right after the mention ("của Bộ GDĐT") and a place after it."""
    text = context.stream.text
    m = _OF_RE.match(text, end)
    if not m:
        return None, (None, None)
    hit = context.phrases.issuer_by_start.get(m.end())
    if hit is None:
        return None, (None, None)
    alias_end, alias = hit
    place = _PLACE_RE.match(text, alias_end)
    unit = " ".join(place.group("unit").lower().split()) if place and place.group("unit") else None
    name = place.group("name") if place else None
    return alias, (unit, name)


@dataclass(frozen=True)
class _NamedIssuer:
    issuer: Issuer
    unit: str | None
    name: str | None


def _issuer_from_text(alias: str, place: tuple[str | None, str | None]) -> _NamedIssuer | str:
    issuer = issuer_aliases()[alias]
    if not issuer.local:
        return issuer.name
    unit, name = place
    return _NamedIssuer(issuer=issuer, unit=unit, name=name)


def _broken_mentions(context: _Context) -> list[_Mention]:
    """Ký hiệu cut by a page break inside a footnote, continued on a later line."""
    text = context.stream.text
    out = []
    for m in _DANGLING_RE.finditer(text):
        if _symbol_re().match(text, m.start()):
            continue  # the rest follows on the next line: an ordinary mention
        typed = _type_before(context, m.start())
        if not typed:
            continue
        found = _continuation(m, text)
        if found is None:
            continue
        tail, parts = found
        mention = _citation(context, m.start(), parts, typed[0], typed[1], tail.end())
        head = context.stream.raw(typed[0], m.end())
        mention.citation.raw = f"{head} … {_tail_raw(context, tail.start('segs'), tail.end())}"
        out.append(mention)
    return out


def _continuation(m: regex.Match[str], text: str) -> tuple[regex.Match[str], SymbolParts] | None:
    """The first later line that starts with the missing code segments of ``m``."""
    for tail in _TAIL_LINE_RE.finditer(text, m.end(), min(len(text), m.end() + _TAIL_SEARCH_CHARS)):
        parts = _parts(m.group("number"), m.group("year"), m.group("sep"), m.group("segs") + tail.group("segs"))
        if len(parts.segments) >= 2 and parts.known_codes >= 2:
            return tail, parts
    return None


def _tail_raw(context: _Context, tail_start: int, tail_end: int) -> str:
    m = _DATE_AFTER_RE.match(context.stream.text, tail_end)
    return context.stream.raw(tail_start, m.end() if m else tail_end)


# ---------------------------------------------------------------------------
# Issuers that need the province
# ---------------------------------------------------------------------------


def _resolve_issuer(mention: _Mention, document: Document, context: _Context) -> str | None:
    """Text first ("của UBND thành phố Hải Phòng"), then reference data, then the ký hiệu."""
    named = mention.named_issuer
    if isinstance(named, _NamedIssuer):
        return _local_name(named.issuer, named.unit, named.name, document, context)
    if named:
        return named
    return _issuer_from_symbol(mention.citation, document, context)


def _issuer_from_symbol(citation: Citation, document: Document, context: _Context) -> str | None:
    reference = legal_documents().get(citation.id)
    if reference:
        return reference.issuer
    parts = parse_symbol(citation.id)
    code = parts.issuer_code if parts else None
    issuer = issuers_by_code().get(code) if code else None
    if issuer is None:
        return None
    if not issuer.local:
        return issuer.name
    return _local_name(issuer, None, None, document, context)


def _local_name(issuer: Issuer, unit: str | None, name: str | None, document: Document, context: _Context) -> str:
    """A local body's full name: the place the text names, else the report's province."""
    from gazetteer.provinces import lookup, unit_type

    if unit and unit not in _PROVINCE_UNITS and name and issuer.template:
        return issuer.template.format(unit=unit, province=name, party=issuer.name)
    if name:
        words = name.split()
        for size in range(len(words), 0, -1):
            entry = lookup(" ".join(words[:size]))
            if entry:
                # A former province keeps its own name (its documents predate the merger).
                province = entry.former_name or entry.canonical
                default_unit = "tỉnh" if entry.former_name else unit_type(entry.canonical)
                return issuer.name_for(province, _PROVINCE_UNITS.get(unit or "") or default_unit)
    province, province_unit = _report_province(document, context)
    return issuer.name_for(province, province_unit)


def _report_province(document: Document, context: _Context) -> tuple[str | None, str | None]:
    from gazetteer.provinces import unit_type

    if context.province is None:
        context.province = _resolve_province(document) or ""
    if not context.province:
        return None, None
    return context.province, unit_type(context.province)


def _resolve_province(document: Document) -> str | None:
    try:
        from extractors.province import resolve_province

        match = resolve_province(document)
    except Exception:  # noqa: BLE001 - a failing province resolver must not lose the citations
        return None
    return match.name if match else None


# The place in a local body's name: after its last unit word ("... Thành ủy Hải Phòng").
_ISSUER_PLACE_RE = regex.compile(
    r"(?:\b(?:tỉnh|thành phố|thủ đô)|Tỉnh ủy|Thành ủy)\s+(?P<place>[^,;()]+)$"
    r"|(?P<place>(?:quận|huyện|thị xã|xã|phường|đặc khu)\s+[^,;()]+)$"
)


def citation_key(citation: Citation) -> str:
    """Identity of the cited document: the id, plus the place for local ký hiệu.

    "59/KH-UBND" exists in every province; "59/KH-UBND@Hải Phòng" names one document.
    The place, not the whole issuer name, goes into the key: one plan is cited as "của
    Ban Thường vụ Thành ủy" here and with no body at all there.  National ids
    ("131/QĐ-TTg") are unique on their own.
    """
    parts = parse_symbol(citation.id)
    code = parts.issuer_code if parts else None
    issuer = issuers_by_code().get(code) if code else None
    local = issuer.local if issuer else code is not None and citation.id not in legal_documents()
    if not (local and citation.issuer):
        return citation.id
    m = _ISSUER_PLACE_RE.search(citation.issuer)
    return f"{citation.id}@{m.group('place').strip() if m else citation.issuer}"
