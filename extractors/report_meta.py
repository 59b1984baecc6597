"""The report's own number (số/ký hiệu) and date, from its header.

* Own number: the "Số: 123/BC-SGDĐT" field among the first lines; else the appendix
  header "(Kèm theo công văn/báo cáo số ... ngày ...)" that repeats it.  An unfilled
  number keeps its ký hiệu: "Số:      /BGDĐT-KHCNTT" -> "/BGDĐT-KHCNTT" (the number is
  written in by hand when the letter is signed); nothing at all -> None.
* Date: the date line "<Place>, ngày 20 tháng 11 năm 2025" (or "ngày 20/11/2025")
  among the first lines, else the "Kèm theo ... ngày ..." header.  An unfilled day
  ("ngày     tháng 10 năm 2025") gives ``report_date`` None and ``report_month``
  "2025-10": the month is known, the day is not.

Only the first lines are searched for the "Số:" field and the date line, so blank
templates reproduced in appendices ("Số:    /BC-……."; "…………, ngày  tháng  năm 202…")
are not taken for the report's own.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from baocao.model import Document, Location
from normalizers.dates import parse_date

__all__ = ["ReportMeta", "read_report_meta", "HEADER_PIECES"]

HEADER_PIECES = 30  # text pieces (lines/paragraphs/cells) searched for the header fields

_CODES = r"[\p{Lu}\p{N}&][\p{L}\p{N}&.…]*"
_NUMBER_RE = regex.compile(
    rf"\bSố\s*(?:hiệu)?\s*:[\s.…_]*(?P<number>\d{{1,6}}(?![.,]?\d)(?:/(?:19|20)\d\d)?)?[\s.…_]*"
    rf"(?P<symbol>[/-]\s?{_CODES}(?:[/-]{_CODES})*)?"
)
_ATTACHED_RE = regex.compile(
    r"Kèm\s+theo\s+(?:công\s+văn|văn\s+bản|báo\s+cáo|cv)\s+số\s*:?\s*"
    rf"(?P<number>\d{{1,6}}(?:/(?:19|20)\d\d)?)?\s*(?P<symbol>[/-]\s?{_CODES}(?:[/-]{_CODES})*)?"
    r"(?P<date>\s*,?\s*ngày[^\n)]{0,40})?",
    regex.IGNORECASE,
)
_DATE_TEXT = (  # also typed without diacritics: "Ha Noi, ngay 20 thang 11 nam 2025"
    r"ng[aà]y\s*(?:(?P<d>\d{1,2})?[\s.…]*(?P<s>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=s)\s*(?P<y>(?:19|20)\d{2})"
    r"|(?P<d>\d{1,2})?[\s.…]*th[aá]ng\s*(?P<m>\d{1,2})?[\s.…]*n[aă]m\s*(?P<y>(?:19|20)\d{2}))"
)
# "<Place>, ngày ...": the word before the comma is a place name, never a cited ký hiệu
# ("Quyết định số 131/QĐ-TTg, ngày 25 tháng 01 năm 2022" in an e-mail without a date line).
_DATE_LINE_RE = regex.compile(r"(?:^|(?<=(?:^|[\s(])[\p{L}.]+[ \t]*)),\s*" + _DATE_TEXT, regex.IGNORECASE)
_DATE_ANY_RE = regex.compile(_DATE_TEXT, regex.IGNORECASE)


@dataclass
class ReportMeta:
    report_date: str | None = None  # ISO date, None when the day is not filled in
    own_number: str | None = None  # "123/BC-SGDĐT", or "/BGDĐT-KHCNTT" when unfilled
    report_month: str | None = None  # "2025-10" whenever month and year are known
    location: Location | None = None  # where the date was read


def read_report_meta(document: Document) -> ReportMeta:
    pieces = [(text, loc) for text, loc in document.iter_text() if text and text.strip()]
    header = pieces[:HEADER_PIECES]
    meta = ReportMeta()
    for text, _loc in header:
        m = _NUMBER_RE.search(text)
        if m and (m.group("number") or m.group("symbol")) and not _cites_before(text[: m.start()]):
            meta.own_number = _own_number(m)
            break
    for text, loc in header:
        m = _DATE_LINE_RE.search(text)
        if m:
            _set_date(meta, m, loc)
            break
    if meta.own_number is None or meta.report_month is None:
        _from_attached(meta, pieces)
    return meta


def _cites_before(before: str) -> bool:
    """ "Văn bản Số: 12/..." cites another document; the own field stands alone."""
    from gazetteer.legal import type_words

    words = " ".join(before.lower().split())
    return any(words.endswith(word) for word in type_words())


def _own_number(m: regex.Match[str]) -> str | None:
    number = m.group("number") or ""
    symbol = "".join((m.group("symbol") or "").split()).rstrip(".…")
    return (number + symbol) or None


def _set_date(meta: ReportMeta, m: regex.Match[str], location: Location | None) -> None:

    day, month, year = m.group("d"), m.group("m"), m.group("y")
    if month and year and 1 <= int(month) <= 12:
        meta.report_month = f"{int(year):04d}-{int(month):02d}"
    meta.report_date = parse_date(day, month, year) if day and month else None
    meta.location = location


def _from_attached(meta: ReportMeta, pieces: list[tuple[str, Location]]) -> None:
    """ "(Kèm theo công văn số   /SGDĐT-VP ngày   tháng 11 năm 2025" in an appendix header."""
    for index, (text, loc) in enumerate(pieces):
        m = _ATTACHED_RE.search(text)
        if not m:
            continue
        if meta.own_number is None:
            meta.own_number = _own_number(m)
        if meta.report_month is None:
            following = text[m.end("symbol") if m.group("symbol") else m.end() :]
            if index + 1 < len(pieces):
                following += " " + pieces[index + 1][0]
            date = _DATE_ANY_RE.search(following[:80])
            if date:
                _set_date(meta, date, loc)
        return
