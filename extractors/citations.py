"""Cited legal documents (issue 3): every số/ký hiệu/ngày mention in a document.

The grammar of a ký hiệu and of dates is in :mod:`extractors.citation_grammar`, the text
stream, table cells and type/issuer phrases in :mod:`extractors.citation_stream`, the
registers and tracking sheets read row by row in :mod:`extractors.citation_tables`, the
issuer's full name and the citation key in :mod:`extractors.citation_issuers`.

How a mention is read
---------------------
1. **One text stream.**  Paragraphs and table cells (``Document.iter_text``) are joined
   with newlines into one string with a map back to each piece's ``Location``: PDF text
   breaks lines anywhere ("131/QĐ-\\n\\nTTg", "ngày\\n25/01/2022"), so a citation may
   span pieces.  Lookalike characters are mapped one-to-one (offsets stay valid).
2. **A phrase table finds the words.**  Syllables compared without case and marks
   (``normalizers.nlp.PhraseTable``, which says why not spaCy) find the document-type words
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

7. **Registers** (sổ văn bản, tracking sheets): a table whose header names a "Số, ký hiệu"
   column and a date, summary or issuer column is read row by row by
   :mod:`extractors.citation_tables`: the number, date and issuer of one row form one
   citation even in different cells, whatever the codes (unknown codes are kept).

Notes
-----
``Citation.notes`` says what was repaired or assumed: ``restored_marks:QD→QĐ`` (marks
restored from the gazetteer), ``ocr_digit:1l→11`` (an OCR slip in a number or date),
``unknown_code:SYT`` (a code no gazetteer row knows, kept as written), ``register_row``,
``month_first_column`` (a register column written month first).

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

from dataclasses import dataclass, field, replace

import regex

from baocao.model import Citation, Document, Location, Paragraph, Source
from extractors.citation_grammar import (
    DATE_AFTER_RE,
    DATE_RE,
    LEFT,
    SEG,
    SymbolParts,
    _parts,
    parse_symbol,
    parts_of,
    symbol_re,
)
from extractors.citation_issuers import IssuerResolver, NamedIssuer, citation_key, issuer_after, issuer_at
from extractors.citation_stream import Cells, Phrases, TextStream, find_phrases
from extractors.citation_tables import RegisterRow, read_registers
from extractors.report_meta import read_report_meta
from gazetteer.legal import type_words
from normalizers.dates import parse_date

__all__ = [
    "extract_citations",
    "extract_citations_text",
    "citation_key",
    "parse_symbol",
    "SymbolParts",
    "DATE_RE",
]

# The first part of a ký hiệu broken where the rest does not follow ("Nghị quyết số 43-").
_DANGLING_RE = regex.compile(
    LEFT + rf"(?P<number>\d{{1,5}})(?:/(?P<year>(?:19|20)\d{{2}}))?(?P<sep>[/-])"
    rf"(?P<segs>(?:{SEG}[/-])*)[ \t]*(?=\n)"
)
_TAIL_LINE_RE = regex.compile(rf"\n[ \t]*(?P<segs>{SEG}(?:[/-]{SEG})*)(?![/\-\p{{L}}\p{{N}}])")
_TAIL_SEARCH_CHARS = 6000

_LAW_BEFORE_RE = regex.compile(r"(?P<word>\b(?:bộ\s+)?luật)\s+[\p{L}\s]{1,60}?\s(?:số|so)\s*:?\s*$", regex.IGNORECASE)
_SO_BEFORE_RE = regex.compile(r"(?:\b(?:số|sô|so)\s*(?::\s*)?)?$", regex.IGNORECASE)
# Form and appendix numbers ("Mẫu số 01/KH-SGDĐT", "Phụ lục số 2/BC") are parts of documents.
_PART_BEFORE_RE = regex.compile(r"\b(?:mẫu|biểu|biểu\s+mẫu|phụ\s+lục|mã)\s*(?:số)?\s*:?\s*$", regex.IGNORECASE)
# The report's own number field "Số: 12/BC-SGDĐT" (capital "Số", maybe after a merged header column).
_OWN_NUMBER_BEFORE_RE = regex.compile(r"(?:^|\s)Số\s*(?:hiệu)?\s*:\s*$")
_URL_BEFORE_RE = regex.compile(r"(?:https?://|www\.|\S@)\S*$")
# "Văn bản" names any document: before a ký hiệu with a type code, the code decides.
_GENERIC_TYPE_WORDS = {"văn bản"}


# ---------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------


@dataclass
class _Context:
    stream: TextStream
    phrases: Phrases
    own_number: str | None
    cells: Cells = field(default_factory=lambda: Cells())
    dates_used: set[int] = field(default_factory=set)  # starts of dates taken by a mention


def extract_citations(document: Document, province: str | None = None) -> list[Citation]:
    """Every legal-document mention in reading order (see the module docstring).

    ``province`` (canonical name) is the report's province for local issuers; when not
    given it is resolved from the document, only if a local issuer needs it.
    """
    return name_issuers(find_mentions(document), document, province)


def name_issuers(found: list[_Mention], document: Document, province: str | None) -> list[Citation]:
    """The citations of :func:`find_mentions`, their issuers named: the only step that needs
    the report's province, so a caller may find the mentions before it knows it."""
    resolver = IssuerResolver(document, province)
    for mention in found:
        mention.citation.issuer = resolver.resolve(mention.named_issuer, mention.citation)
    return [mention.citation for mention in found]


def find_mentions(document: Document) -> list[_Mention]:
    """Every mention in reading order, its issuer as the text names it (not yet resolved)."""
    stream = TextStream.from_pieces(document.iter_text())
    context = _Context(
        stream=stream,
        phrases=find_phrases(stream.text),
        own_number=_own_id(read_report_meta(document).own_number),
        cells=stream.cells(),
    )
    registers = read_registers(stream, context.cells, document)
    in_rows = {row.offset for row in registers.rows}
    found = [
        mention
        for mention in _symbol_mentions(context) + _broken_mentions(context)
        if not _read_by_register(context, mention.offset, in_rows, registers.own_cells)
    ]
    found += [_register_mention(context, row) for row in registers.rows]
    found.sort(key=lambda mention: mention.offset)
    _date_from_row(context, found)
    return found


def extract_citations_text(text: str, province: str | None = None) -> list[Citation]:
    """Citations of a plain text (one paragraph per line); what the benchmark times."""
    blocks = [Paragraph(text=line, location=Location(line=n)) for n, line in enumerate(text.splitlines(), 1)]
    document = Document(source=Source(path="<text>", sha256="", format="txt"), blocks=blocks)
    return extract_citations(document, province=province)


def _read_by_register(context: _Context, offset: int, register_symbols: set[int], own_cells: set[int]) -> bool:
    """The ký hiệu a register row has read (another one in that cell is not), or the register's own number."""
    if offset in register_symbols:
        return True
    cell = context.cells.at(offset) if own_cells else None
    return cell is not None and cell.start in own_cells


def _register_mention(context: _Context, row: RegisterRow) -> _Mention:
    """A register row as a mention: number, date and issuer from their own cells."""
    stream = context.stream
    parts = row.parts
    citation = Citation(
        id=parts.id,
        type=_type_of(parts, _leading_type_word(row.type_text)),
        number=parts.number,
        year=parts.year,
        symbol=parts.symbol,
        issuer=None,
        date=row.date,
        raw=row.raw,
        location=stream.location_at(row.offset),
        notes=_notes(stream, parts, row.offset, row.end) + row.notes,
    )
    return _Mention(row.offset, citation, _register_issuer(context, row), start=row.offset, end=row.end)


def _leading_type_word(text: str | None) -> str | None:
    """ "Quyết định về việc ..." in a summary or type column names the type."""
    if not text:
        return None
    lowered = text.lower()
    words = [w for w in type_words() if lowered == w or lowered.startswith(w + " ") or lowered.startswith(w + ":")]
    return max(words, key=len) if words else None


def _register_issuer(context: _Context, row: RegisterRow) -> NamedIssuer | str | None:
    """The issuer column: a known body ("Sở Y tế", "UBND tỉnh X") or its words as written."""
    span = row.issuer_span
    if span is None:
        return None
    named = issuer_at(context.stream.text, context.phrases, span.start)
    if named is not None:
        return named
    return " ".join(context.stream.original[span.start : span.end].split()) or None


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
    named_issuer: NamedIssuer | str | None  # the body named in the text, if any
    start: int = -1  # the mention without its date: type word (or number) ...
    end: int = -1  # ... to the end of the ký hiệu


def _symbol_mentions(context: _Context) -> list[_Mention]:
    out = []
    for m in symbol_re().finditer(context.stream.text):
        parts = parts_of(m)
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
        # "CV 4729/SXD", "QĐ 12/UBND": an abbreviation is the type, as "Công văn số" is.
        abbreviation = _is_abbreviation(context.stream.text[start:number_start])
        return (start, word) if (with_so or not single or fills or abbreviation) else None
    if parts.known_codes and (not single or _fills_cell(context, number_start, symbol_end)):
        return number_start, None
    return None


# Type abbreviations before a number ("CV 4729/SXD", "QĐ 12/UBND", "GM 05/SYT"): capitals, one word.
_ABBREVIATION_RE = regex.compile(r"\s*\p{Lu}[\p{Lu}\p{Ll}]{0,3}\s*(?:số|so)?\s*:?\s*", regex.IGNORECASE)


def _is_abbreviation(written: str) -> bool:
    word = written.split()[0] if written.split() else ""
    return bool(_ABBREVIATION_RE.fullmatch(written)) and word.isupper()


def _fills_cell(context: _Context, start: int, end: int) -> bool:
    """The mention is all a table cell holds: a "Số, ký hiệu" column ("| 125/UBND |")."""
    cell = context.cells.at(start)
    return cell is not None and cell.start == start and cell.end == end


def _same_row(context: _Context, offset: int, other: int) -> bool:
    """False only when both offsets are in table cells of different rows."""
    here, there = context.cells.at(offset), context.cells.at(other)
    return here is None or there is None or here.row == there.row


def _date_from_row(context: _Context, mentions: list[_Mention]) -> None:
    """A ký hiệu alone in its cell takes the row's date cell ("| 25/01/2022 | 131/QĐ-TTg |").

    Only when the row has exactly one such undated mention and exactly one cell that is
    a date no mention took: the date column of a list of documents, whatever its place.
    """
    by_row: dict[tuple, list[_Mention]] = {}
    for mention in mentions:
        cell = context.cells.at(mention.offset)
        if mention.citation.date is None and cell and cell.start == mention.start and cell.end == mention.end:
            by_row.setdefault(cell.row, []).append(mention)
    for row, undated in by_row.items():
        if len(undated) != 1:
            continue
        dates = [
            m
            for span in context.cells.in_row(row)
            if span.start not in context.dates_used
            and (m := DATE_RE.fullmatch(context.stream.text, span.start, span.end)) is not None
        ]
        if len(dates) == 1:
            undated[0].citation.date = parse_date(dates[0].group("d"), dates[0].group("m"), dates[0].group("y"))


def _citation(
    context: _Context, offset: int, parts: SymbolParts, start: int, word: str | None, symbol_end: int
) -> _Mention:
    stream = context.stream
    end = symbol_end
    date = None
    m = DATE_AFTER_RE.match(stream.text, symbol_end)
    if m and _same_row(context, symbol_end - 1, m.start("d")):
        date = parse_date(m.group("d"), m.group("m"), m.group("y"))
        context.dates_used.add(m.start("d"))
        end = m.end()
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
    citation.notes = _notes(stream, parts, start, end)
    named = issuer_after(stream.text, context.phrases, end)
    return _Mention(offset, citation, named, start=start, end=symbol_end)


def _notes(stream: TextStream, parts: SymbolParts, start: int, end: int) -> list[str]:
    """What reading the mention repaired or could not place (see the module docstring)."""
    notes = [f"restored_marks:{repair}" for repair in parts.repairs]
    notes += stream.slips_in(start, end)
    notes += [f"unknown_code:{code}" for code in parts.unknown_codes]
    return notes


def _type_of(parts: SymbolParts, word: str | None) -> str | None:
    if word and word.lower() not in _GENERIC_TYPE_WORDS:
        return type_words()[word.lower()]
    if parts.code_type:
        return parts.code_type
    return type_words()[word.lower()] if word else None


def _broken_mentions(context: _Context) -> list[_Mention]:
    """Ký hiệu cut by a page break inside a footnote, continued on a later line."""
    text = context.stream.text
    out = []
    for m in _DANGLING_RE.finditer(text):
        if symbol_re().match(text, m.start()):
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
    m = DATE_AFTER_RE.match(context.stream.text, tail_end)
    return context.stream.raw(tail_start, m.end() if m else tail_end)
