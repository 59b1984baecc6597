"""Which province a report comes from.

Evidence is weighed in tiers, strongest first; the first tier with any evidence wins
(most weighted mentions inside the tier, then the earliest):

1. the template's own line "Tên cơ quan báo cáo: Sở GDĐT thành phố Hải Phòng";
2. the letterhead: capitalised agency lines ("UBND TỈNH QUẢNG NINH", "SỞ GIÁO DỤC VÀ
   ĐÀO TẠO TỈNH ...") and the date line "Hải Phòng, ngày ... tháng ..." among the
   first lines (before "Kính gửi"/"Căn cứ"/"Thực hiện");
3. the body naming itself: "Sở GDĐT tỉnh X báo cáo ...", the closing sentence
   "... của Sở Giáo dục và Đào tạo thành phố Hải Phòng./." and the signature block;
4. a date line "Hải Phòng, ngày ..." anywhere;
5. the sender (display name beside an agency word, then the address domain
   "sgddt@haiphong.gov.vn");
6. the file name ("BaoCao_HaiPhong.docx", "Báo cáo Quảng Ninh.pdf");
7. a weighted vote of body mentions ("Sở GDĐT X" 3, "UBND tỉnh X" 2, "tỉnh X" and
   "https://x.quangninh.edu.vn" 1), so a partner department named once does not beat
   the province the text keeps talking about.

Place names are only taken with a context that makes them a province: a unit word
("tỉnh", "thành phố", "TP."), an agency ("Sở GDĐT", "UBND") or the date-line shape, so
"Hà Nội" in the Ministry's street address or "hòa bình" (peace) are not evidence.  A
Ministry document (letterhead "BỘ GIÁO DỤC VÀ ĐÀO TẠO", number ".../BGDĐT-...") is not
a province's report: only tier 1 can resolve it.

Matching uses a syllable phrase table (``normalizers.nlp``) on folded text, the same
approach as the citation extractor, so spelling variants fold onto one pattern.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parseaddr
from functools import cache

from baocao.model import Document
from gazetteer.provinces import ProvinceEntry, ascii_aliases, text_aliases
from normalizers.nlp import SYLLABLE_RE, PhraseTable, longest_first
from normalizers.text import fold, strip_diacritics

__all__ = ["ProvinceMatch", "resolve_province", "find_place_mentions", "Mention"]


@dataclass
class ProvinceMatch:
    """The reporting province: canonical current unit, former name if the text used one."""

    name: str
    former_name: str | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class Mention:
    """One place name found in a line, with the context that makes it evidence."""

    entry: ProvinceEntry
    kind: str  # "so" | "ubnd" | "unit" | "date" | "bare" | "address" | "ascii"
    line_index: int
    snippet: str
    reports: bool = False  # followed by "báo cáo": "Sở GDĐT tỉnh X báo cáo như sau"


# ---------------------------------------------------------------- matcher ----

_STOP = "__stop__"
# Phrases containing a province name that are not the province.
_STOP_PHRASES = ("thái bình dương", "điện biên phủ trên không")


@cache
def _table() -> PhraseTable:
    table = PhraseTable()  # on folded text: exact syllables
    for key in text_aliases():
        table.add(key, key)
    for phrase in _STOP_PHRASES:
        table.add(_STOP, phrase)
    return table


_AGENCY_SO_RE = re.compile(  # "Sở GDĐT tỉnh", not "cơ sở giáo dục tỉnh"
    r"(?<!cơ )\b(?:sở|so)\s*(?:giáo dục\s*(?:và|&|-)?\s*(?:đào tạo)?|gd\s*(?:&|và|-)?\s*đt|gdđt|gd)"
    r"\s*(?:\(\s*gdđt\s*\)\s*)?(?:tỉnh|thành phố|tp\s*\.?|thủ đô)?\s*$"
)
_AGENCY_UBND_RE = re.compile(
    r"(?:ubnd|ủy ban nhân dân)\s*(?:\(\s*ubnd\s*\)\s*)?(?:tỉnh|thành phố|tp\s*\.?|thủ đô)?\s*$"
)
_UNIT_RE = re.compile(
    r"(?:tỉnh|thành phố|tp\s*\.?|thủ đô|tỉnh ủy|thành ủy|hđnd(?: tỉnh| thành phố)?)\s*$"
)
_REPORTS_AFTER_RE = re.compile(
    r"^\s*+[.,;:]?\s*+(?:(?:đã|xin|trân trọng|kính)\s++)*+(?:báo cáo|tổng kết|gửi)\b"
)
_DATE_AFTER_RE = re.compile(r"^\s*+,?\s*+ngày\b")
# What may precede "<Place>, ngày": nothing, or (PDF lines merging the two header
# columns) the number field "Số: 12/BC-SGDĐT" or the motto "... Hạnh phúc".
_DATE_BEFORE_RE = re.compile(
    r"^(?:.*\bsố\s*:\s*\S*\s*|.*hạnh phúc[\s\W_]*|[\s\W_]*)(?:tỉnh|thành phố|tp\s*\.?)?\s*$"
)


def find_place_mentions(line: str, line_index: int = 0, previous: str = "") -> list[Mention]:
    """Place names in one line, each with its context kind (see :class:`Mention`).

    ``previous`` is the line before: PDF and text dumps wrap "UBND THÀNH PHỐ HẢI" /
    "PHÒNG" and "Sở GDĐT thành" / "phố Hải Phòng", so a name or its context may start
    there.  Only names ending in ``line`` are returned (each is found once).
    """
    return _find(fold(previous), fold(line), line, previous, line_index)


@cache
def _prefilter() -> re.Pattern[str]:
    """One regex of every alias: most lines name no place and skip the syllable split."""
    names = sorted(text_aliases(), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names))


def _find(head: str, tail: str, line: str, previous: str, line_index: int) -> list[Mention]:
    if not tail:
        return []
    boundary = len(head) + 1 if head else 0
    text = f"{head} {tail}" if head else tail
    hit = _prefilter().search(text, max(0, boundary - 40))
    if not hit:
        return []
    found = list(SYLLABLE_RE.finditer(text))
    # Longest match wins: "thừa thiên huế" over "huế", "thái bình dương" over "thái bình".
    aliases = text_aliases()
    out: list[Mention] = []
    for match in longest_first(_table().find([m.group() for m in found])):
        start, end = found[match.start].start(), found[match.end - 1].end()
        if match.key == _STOP or end <= boundary:
            continue
        line_start = boundary if start >= boundary else 0
        kind = _context_kind(text[:start], text[line_start:start], text[end:], match.key)
        if start >= boundary:
            shown, where = line, (start - boundary) / max(len(tail), 1)
        else:
            shown, where = f"{previous} {line}", start / max(len(text), 1)
        reports = bool(_REPORTS_AFTER_RE.match(text[end:]))
        out.append(Mention(aliases[match.key], kind, line_index, _snippet(shown, where=where),
                           reports))
    return out


def _context_kind(before: str, line_before: str, after: str, name: str) -> str:
    if _DATE_BEFORE_RE.match(line_before) and _DATE_AFTER_RE.match(after):
        return "date"
    if _AGENCY_SO_RE.search(before):
        return "so"
    if _AGENCY_UBND_RE.search(before):
        return "ubnd"
    if _UNIT_RE.search(before) or name.startswith(("tp", "thành phố")):
        return "unit"
    return "bare"


def _snippet(line: str, limit: int = 120, where: float = 0.0) -> str:
    """The line, or a window of it around relative position ``where`` (0..1)."""
    s = " ".join(line.split())
    if len(s) <= limit:
        return s
    start = max(0, min(len(s) - limit, int(where * len(s)) - limit // 3))
    return ("…" if start else "") + s[start : start + limit].strip() + "…"


# ------------------------------------------------------------ document ----

_LABEL_RE = re.compile(r"tên\s+(?:cơ quan|đơn vị)(?:\s+báo cáo)?\s*:?")
# The label alone on its line: the value is in the next cell or the next (wrapped) line.
_LABEL_ONLY_RE = re.compile(
    r"^[\W\d_]*tên\s+(?:cơ quan|đơn vị)(?:\s*,?\s*đơn vị)?(?:\s+báo cáo)?\s*:?\s*$"
)
# A central letterhead line: "BỘ GIÁO DỤC VÀ ĐÀO TẠO", "BỘ KHOA HỌC VÀ CÔNG NGHỆ",
# "CHÍNH PHỦ", possibly merged with the motto column in PDF text.
_CENTRAL_LINE_RE = re.compile(
    r"^(?:bộ (?!trưởng)[^\d,;:]{2,40}?|chính phủ|thủ tướng chính phủ|văn phòng chính phủ)"
    r"\s*(?:$|cộng hòa)"
)
# The issuer part of the document symbol in "Số: 6541/BGDĐT-KHCNTT" (not "/BC-UBND").
_NUMBER_SYMBOL_RE = re.compile(r"^số\s*:?\s*[\d\s.…_]*/\s*(?P<symbol>[^\s/,;]+)")
_CENTRAL_SYMBOLS = re.compile(r"^(?:bgd(?:&)?đt|bgd|ttg|cp|vpcp|btttt|bkhcn|bnv|btc|bkhđt)$")
_TO_ALL_PROVINCES_RE = re.compile(r"^kính gửi\s*:?.*\bcác (?:tỉnh|sở)")
_HEADER_END_RE = re.compile(r"^(?:kính gửi|căn cứ|thực hiện)\b")
_HEADER_MAX_LINES = 40
_HEADER_DEFAULT_LINES = 15
# Labels bounded and anchored at a name start: linear on a 200,000-letter line.
_DOMAIN_RE = re.compile(r"(?<![a-z0-9.-])(?:[a-z0-9-]{1,63}\.){1,8}(?:gov|edu)\.vn\b")


def _document_lines(document: Document) -> list[str]:
    """Every non-empty text line in reading order (paragraphs and table cells)."""
    return [ln for text, _ in document.iter_text() for ln in text.splitlines() if ln.strip()]


def _header_size(folded_lines: list[str]) -> int:
    for i, line in enumerate(folded_lines[:_HEADER_MAX_LINES]):
        if _HEADER_END_RE.match(line):
            return i
    return min(_HEADER_DEFAULT_LINES, len(folded_lines))


def _is_central(lines: list[str], folded_lines: list[str], header_size: int) -> bool:
    """A Ministry/Government document: its letterhead or number says so, or it is
    addressed "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố ..." (to all provinces).

    The letterhead is written in capitals, which tells it from a body sentence that
    happens to start with "Bộ Giáo dục và Đào tạo ..."."""
    for line, folded in zip(lines[:header_size], folded_lines[:header_size], strict=True):
        if _CENTRAL_LINE_RE.match(folded) and line.strip() == line.strip().upper():
            return True
        number = _NUMBER_SYMBOL_RE.match(folded)
        if number and any(_CENTRAL_SYMBOLS.match(p) for p in number["symbol"].split("-")):
            return True
    window = folded_lines[header_size : header_size + 3]
    return any(_TO_ALL_PROVINCES_RE.match(ln) for ln in window)


def resolve_province(
    document: Document, sender: str | None = None, filename: str | None = None
) -> ProvinceMatch | None:
    """The province that sent ``document``, or None when nothing says so reliably.

    ``filename`` defaults to the document's own file name (``document.source.path``);
    pass the attachment's original name when the file was stored under another one.
    """
    if filename is None and getattr(document, "source", None) is not None:
        filename = document.source.path
    lines = _document_lines(document)
    folded = [fold(ln) for ln in lines]
    header_size = _header_size(folded)
    central = _is_central(lines, folded, header_size)
    on = _LineMentions(lines, folded)
    # Tiers are read strongest first and only as far as needed: a report whose label or
    # letterhead names its province is not scanned line by line (a tenth of a second on
    # a 100-page report).
    tiers: list[tuple[str, Callable[[], list[Mention]]]] = [
        ("tên cơ quan báo cáo", lambda: _label_mentions(on, folded)),
    ]
    if not central:
        tiers += [
            ("tiêu đề", lambda: [m for m in on.first(header_size) if _is_letterhead(m, lines)]),
            ("cơ quan tự nêu tên", lambda: _self_mentions(on.every(), folded)),
            ("dòng địa danh, ngày tháng", lambda: [m for m in on.every() if m.kind == "date"]),
            ("người gửi", lambda: _sender_mentions(sender)),
            ("tên tệp", lambda: _filename_mentions(filename)),
            ("nhắc trong văn bản", lambda: _body_mentions(on.every(), folded)),
        ]
    for tier_name, find_tier in tiers:
        if tier := find_tier():
            return _decide(tier_name, tier)
    return None


class _LineMentions:
    """The place mentions of each line, found when first asked for (a line is read with
    the line before it, see :func:`find_place_mentions`)."""

    def __init__(self, lines: list[str], folded: list[str]) -> None:
        self.lines, self.folded = lines, folded
        self._found: dict[int, list[Mention]] = {}
        self._every: list[Mention] | None = None

    def __call__(self, i: int) -> list[Mention]:
        if not 0 <= i < len(self.lines):
            return []
        if i not in self._found:
            head, previous = (self.folded[i - 1], self.lines[i - 1]) if i else ("", "")
            self._found[i] = _find(head, self.folded[i], self.lines[i], previous, i)
        return self._found[i]

    def first(self, count: int) -> list[Mention]:
        return [m for i in range(min(count, len(self.lines))) for m in self(i)]

    def every(self) -> list[Mention]:
        if self._every is None:
            self._every = self.first(len(self.lines))
        return self._every


def _is_letterhead(mention: Mention, lines: list[str]) -> bool:
    """A date line, or an agency line in capitals ("UBND TỈNH QUẢNG NINH"): a body
    sentence among the first lines ("Phối hợp với Sở GDĐT ...") is not letterhead."""
    if mention.kind == "date":
        return True
    line = _MOTTO_RE.sub("", lines[mention.line_index])  # PDF lines merge both columns
    return mention.kind in _AGENCY_KINDS and line.upper() == line


_MOTTO_RE = re.compile(r"Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc", re.IGNORECASE)


_CLOSING_RE = re.compile(r"\./\.|^\W*trên đây là|^\W*(?:kt\.?\s*)?giám đốc\b")
_AGENCY_KINDS = ("so", "ubnd", "unit")


def _self_mentions(mentions: list[Mention], folded: list[str]) -> list[Mention]:
    """The body naming itself: "Sở GDĐT tỉnh X báo cáo ...", the closing sentence
    "Trên đây là báo cáo ... của Sở GDĐT tỉnh X./." and the signature block."""
    return [
        m
        for m in mentions
        if m.kind in _AGENCY_KINDS
        and ((m.kind != "unit" and m.reports) or _CLOSING_RE.search(folded[m.line_index]))
    ]


def _label_mentions(on: _LineMentions, folded: list[str]) -> list[Mention]:
    """Mentions on a "Tên cơ quan báo cáo:" line, or on the next line (a table's
    value cell, a wrapped PDF line) when the label line itself names no place."""
    out: list[Mention] = []
    for i, line in enumerate(folded):
        if not _LABEL_RE.search(line):
            continue
        here = on(i)
        if not here and _LABEL_ONLY_RE.match(line):
            here = on(i + 1)
        out += here
    return out


# In the body vote an agency naming the place says more than a bare "tỉnh X".
_BODY_WEIGHTS = {"so": 3, "ubnd": 2, "unit": 1, "address": 1}


def _decide(tier_name: str, tier: list[Mention]) -> ProvinceMatch:
    """Most mentioned unit in the tier (earliest on a tie), former name if only that.

    Mentions are weighted by kind (:data:`_BODY_WEIGHTS`, default 1)."""
    counts: Counter[str] = Counter()
    for m in tier:
        counts[m.entry.canonical] += _BODY_WEIGHTS.get(m.kind, 1)
    first_seen = {}
    for m in tier:
        first_seen.setdefault(m.entry.canonical, m)
    best = max(counts, key=lambda name: (counts[name], -tier.index(first_seen[name])))
    mine = [m for m in tier if m.entry.canonical == best]
    formers = Counter(m.entry.former_name for m in mine)
    former = None if formers.get(None) else formers.most_common(1)[0][0]
    return ProvinceMatch(best, former, f"{tier_name}: {first_seen[best].snippet}")


def _body_mentions(mentions: list[Mention], folded: list[str]) -> list[Mention]:
    found = [m for m in mentions if m.kind in ("so", "ubnd", "unit")]
    for i, line in enumerate(folded):
        for domain in _DOMAIN_RE.findall(line):
            found += _domain_mentions(domain, i, line)
    return found


# ------------------------------------------------------- sender, file name ----

_AFFIXES = ("sogddt", "sgddt", "sogd", "sgd", "gddt", "edu", "so", "gd")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _ascii_label(label: str) -> ProvinceEntry | None:
    """An address label: "haiphong", "hanoiedu", "sgddthaiphong" -> the unit."""
    table = ascii_aliases()
    label = re.sub(r"[^a-z0-9]", "", label.lower())
    if label in table:
        return table[label]
    for affix in _AFFIXES:
        if label.startswith(affix) and label[len(affix):] in table:
            return table[label[len(affix):]]
        if label.endswith(affix) and label[: -len(affix)] in table:
            return table[label[: -len(affix)]]
    return None


def _domain_mentions(address: str, line_index: int, snippet: str) -> list[Mention]:
    out: list[Mention] = []
    for label in re.split(r"[.@_+\-]", address.lower()):
        entry = _ascii_label(label) if len(label) >= 3 else None
        if entry:
            out.append(Mention(entry, "address", line_index, _snippet(snippet)))
    return out


# Words of an agency's mailbox name, matched on the diacritic-less display name.
_AGENCY_WORDS_RE = re.compile(r"\b(?:so|s?gd|gddt|sgddt|ubnd|vp|van phong)\b")
_AGENCY_LOCAL_RE = re.compile(r"sgd|gddt|sogd|vanphong")
_PUBLIC_MAIL = {"gmail", "yahoo", "outlook", "hotmail", "icloud", "live", "mail", "com", "vn"}


def _sender_mentions(sender: str | None) -> list[Mention]:
    """Display name first ("Sở GDĐT Bắc Ninh"), then the domain, then the local part.

    A bare place name in a display name counts only beside an agency word: people are
    called "Thái Bình" or "Hòa Bình" too.  The local part counts only when it names the
    agency ("sgddt.haiphong@gmail.com"), for the same reason.
    """
    if not sender:
        return []
    display, address = parseaddr(sender)
    if not address and "@" not in sender:
        display = sender
    found = _display_mentions(display, sender)
    if found:
        return found
    local, _, domain = address.rpartition("@")
    labels = [lb for lb in domain.lower().split(".") if lb not in _PUBLIC_MAIL]
    found = _domain_mentions(".".join(labels), 0, sender)
    if found or not _AGENCY_LOCAL_RE.search(local.lower()):
        return found
    return _domain_mentions(local, 0, sender)


def _display_mentions(display: str, snippet: str) -> list[Mention]:
    agency = bool(_AGENCY_WORDS_RE.search(strip_diacritics(display)))
    found = [
        m for m in find_place_mentions(display) if m.kind in ("so", "ubnd", "unit") or agency
    ]
    found = [m for m in found if m.kind != "date"]
    if found or not agency:
        return found
    return _ascii_phrase_mentions(display, snippet)


def _filename_mentions(filename: str | None) -> list[Mention]:
    if not filename:
        return []
    stem = os.path.splitext(re.split(r"[\\/]", filename)[-1])[0]
    spaced = re.sub(r"[_\-.+]+", " ", stem)
    if any(ord(ch) > 127 for ch in spaced):  # written with diacritics: match as text
        return find_place_mentions(spaced)
    return _ascii_phrase_mentions(spaced, filename)


def _ascii_phrase_mentions(text: str, snippet: str) -> list[Mention]:
    """Longest diacritic-less alias n-grams: "Bao cao So GDDT Hai Phong", "BC_HaiPhong"."""
    words = re.findall(r"[a-z0-9]+", strip_diacritics(_CAMEL_RE.sub(" ", text)))
    table = ascii_aliases()
    out: list[Mention] = []
    i = 0
    while i < len(words):
        for n in (4, 3, 2, 1):
            gram = words[i : i + n]
            if len(gram) < n or (gram[0] == "cao" and i > 0 and words[i - 1] == "bao"):
                continue  # "bao cao bang ..." is "báo cáo bảng", not Cao Bằng
            key = " ".join(gram) if n > 1 else gram[0]
            entry = table.get(key) if n > 1 else _ascii_label(key)
            if entry and (n > 1 or len(key) >= 3):
                out.append(Mention(entry, "ascii", 0, _snippet(snippet)))
                i += n - 1
                break
        i += 1
    return out
