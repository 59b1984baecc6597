"""The text a citation is read from: one stream over a document, table cells, type/issuer words.

* :class:`TextStream`: paragraphs and table cells (``Document.iter_text``) joined by
  newlines, with a map back to each piece's ``Location``: PDF text breaks lines anywhere
  ("131/QĐ-\\n\\nTTg", "ngày\\n25/01/2022"), so a citation may span pieces.  Lookalike
  characters are mapped and OCR slips in numbers and dates repaired one-to-one (offsets
  stay valid; the repairs are kept to be noted on the citations they touch).
* :class:`Cells`: the table cells of the stream with their row, column and table, for
  DOCX/PDF/XLSX cells and for Markdown/tab-separated lines pasted from Word.
* :func:`find_phrases`: a phrase table over syllables (``normalizers.nlp``) finds the document-type
  words ("Quyết định", "QĐ", "CV") and issuer phrases ("Bộ GDĐT", "UBND") from the
  gazetteer, without case or marks, and with the OCR slip "j" for "i" ("Quyet djnh").
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import regex

from baocao.model import Location
from extractors.citation_grammar import one_to_one, repair_slips
from gazetteer.legal import issuer_aliases, type_words
from normalizers.nlp import PhraseTable, longest_first, syllable_spans
from normalizers.text import strip_diacritics

__all__ = ["TextStream", "Cells", "Phrases", "find_phrases"]

@dataclass
class TextStream:
    """All text pieces of a document joined by newlines, with a map back to locations."""

    original: str
    text: str  # ``original`` with lookalikes mapped and OCR slips repaired, one-to-one
    starts: list[int]
    locations: list[Location]
    slips: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, read, repaired)

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
        text, slips = repair_slips(one_to_one(original))
        return cls(original=original, text=text, starts=starts, locations=locations, slips=slips)

    def slips_in(self, start: int, end: int) -> list[str]:
        """The OCR repairs inside [start, end) as "read→repaired" notes."""
        return [f"ocr_digit:{read}→{fixed}" for offset, read, fixed in self.slips if start <= offset < end]

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

    def cells(self) -> Cells:
        """Table cells of the stream: DOCX/PDF/XLSX cell pieces and Markdown/tab-separated lines."""
        cells = Cells()
        previous_line_end = -2
        line_table = 0
        for index, location in enumerate(self.locations):
            start = self.starts[index]
            piece = self.text[start : start + len(self.piece(index))]
            key = _row_key(location)
            if key is not None:
                cells.add(start, piece, ("cell", *key), _column(location), _table_key(location))
                continue
            line_start = start
            for line in piece.split("\n"):
                if line.count("|") >= 2 or line.count("\t") >= 2:
                    if line_start != previous_line_end + 1:
                        line_table += 1  # consecutive separated lines form one table
                    for cell in _LINE_CELL_RE.finditer(line):
                        column = len(_SEPARATORS_RE.findall(line, 0, cell.start()))
                        row = ("line", line_start)
                        cells.add(line_start + cell.start(), cell.group(), row, column, ("line", line_table))
                    previous_line_end = line_start + len(line)
                line_start += len(line) + 1
        return cells


# A cell of a Markdown ("| a | b |") or tab-separated ("a\tb\tc", pasted from Word) row.
_LINE_CELL_RE = regex.compile(r"[^|\t\n]+")
_SEPARATORS_RE = regex.compile(r"[|\t]")


def _row_key(location: Location) -> tuple | None:
    """The table row a cell piece belongs to, or None for a paragraph."""
    if location.table is not None and location.row is not None:
        return (location.part, location.page, location.table, location.row, repr(location.nested_in))
    if location.sheet is not None and location.cell_ref:
        return (location.sheet, location.cell_ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ$"))
    return None


def _column(location: Location) -> int:
    if location.cell_ref:
        letters = location.cell_ref.replace("$", "").rstrip("0123456789")
        column = 0
        for ch in letters[:3]:
            column = column * 26 + (ord(ch.upper()) - 64)
        return column - 1
    return location.cell or 0


def _table_key(location: Location) -> tuple:
    if location.sheet is not None:
        return ("sheet", location.sheet)
    return ("table", location.part, location.table, repr(location.nested_in))


@dataclass(frozen=True)
class Span:
    """A trimmed table cell: where it is in the stream, its row, column and table."""

    start: int
    end: int
    row: tuple
    column: int
    table: tuple


@dataclass
class Cells:
    """Trimmed cells sorted by start; what a table row holds."""

    starts: list[int] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def add(self, start: int, text: str, row: tuple, column: int = 0, table: tuple = ()) -> None:
        stripped = text.strip()
        if not stripped:
            return
        begin = start + len(text) - len(text.lstrip())
        self.starts.append(begin)
        self.spans.append(Span(begin, begin + len(stripped), row, column, table))

    def at(self, offset: int) -> Span | None:
        """The cell holding ``offset``, if any."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0 and self.spans[index].start <= offset < self.spans[index].end:
            return self.spans[index]
        return None

    def in_row(self, row: tuple) -> list[Span]:
        return [span for span in self.spans if span.row == row]


# ---------------------------------------------------------------------------
# Type words and issuer phrases
# ---------------------------------------------------------------------------

_TYPE_PREFIX = "T:"
_ISSUER_PREFIX = "I:"


@cache
def _norm(syllable: str) -> str:
    # Vietnamese has no "j": OCR reads "ị" as "j" ("Quyet djnh"), so it folds to "i".
    return strip_diacritics(syllable).replace("j", "i").replace("J", "I")


@cache
def _table() -> PhraseTable:
    """Phrases compared on the syllable without case and marks ("Quyet dinh", "quyết đinh"):
    reports pasted into e-mails are often typed without diacritics."""
    table = PhraseTable(norm=_norm)
    for word in type_words():
        table.add(_TYPE_PREFIX + word, word)
    for alias in issuer_aliases():
        table.add(_ISSUER_PREFIX + alias, alias)
    return table


@dataclass
class Phrases:
    """Type words keyed by end offset, issuer phrases keyed by start offset."""

    type_by_end: dict[int, tuple[int, str]] = field(default_factory=dict)  # end -> (start, word)
    issuer_by_start: dict[int, tuple[int, str]] = field(default_factory=dict)  # start -> (end, alias)


# A stretch without a letter this long ("1.1.1.…", a 200,000-character line of digits and
# dots) holds no type word or issuer: it is masked ("|" then blanks, offsets kept) before
# splitting into syllables, so such a line costs one regex pass, not a syllable list as
# long as the line.  Anchored at the stretch's start, so the search is linear.
_LETTERLESS_RE = regex.compile(r"(?<![^\p{L}])[^\p{L}]{2000,}")


_LETTER_RE = regex.compile(r"\p{L}")
_BLOCK = 1000  # a letterless stretch of 2000 covers a whole aligned block of 1000


def _mask_letterless(text: str) -> str:
    # Most texts have a letter in every aligned 1000-character block, so no stretch of 2000
    # without one: a search per block (~0.3 ms on a 100-page report) spares the full scan.
    if all(_LETTER_RE.search(text, at, at + _BLOCK) for at in range(0, len(text) - _BLOCK + 1, _BLOCK)):
        return text
    return _LETTERLESS_RE.sub(lambda m: "|" + " " * (len(m.group()) - 1), text)


def find_phrases(text: str) -> Phrases:
    """Find the phrases over the whole stream; offsets are mapped back to ``text``."""
    words, starts, ends = syllable_spans(_mask_letterless(text))
    table = _table()
    matches = table.find(table.norms(words))
    type_spans = [m for m in matches if m.key.startswith(_TYPE_PREFIX)]
    issuer_spans = [m for m in matches if m.key.startswith(_ISSUER_PREFIX)]
    phrases = Phrases()
    for span in longest_first(type_spans):
        phrases.type_by_end[ends[span.end - 1]] = (starts[span.start], span.key[len(_TYPE_PREFIX) :])
    for span in longest_first(issuer_spans):
        phrases.issuer_by_start[starts[span.start]] = (ends[span.end - 1], span.key[len(_ISSUER_PREFIX) :])
    return phrases

