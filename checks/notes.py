"""Flags from how a line was read (family "notes"): number formats and unsure parses.

The number normalizer and the appendix extractor attach short note codes to each
``IndicatorValue.notes`` (e.g. "decimal_dot", "value_after_rate_marker").  We classify
notes by the words in their code rather than by an exact list, so a renamed or new
note still lands in the right family instead of being dropped; a note we cannot
classify becomes an *info* parse_unsure so it is never silently lost.  When a line
carries no format note at all we look at the raw text ourselves (``32.86 %``,
``412,380``, ``100.%``) so the rule does not depend on the normalizer's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from baocao.model import Extraction, Flag, IndicatorValue
from checks.registry import Severity, make_flag
from checks.values import PLACEHOLDER_NOTES, line_name


@dataclass(frozen=True)
class NoteKind:
    flag_code: str
    severity: Severity
    description: str  # Vietnamese


# (words that must all appear in the note code, kind); first match wins.
_FORMAT_PATTERNS: tuple[tuple[tuple[str, ...], NoteKind], ...] = (
    (("decimal", "dot"), NoteKind("number_format_unusual", "info", "dấu chấm dùng làm dấu thập phân")),
    (("english",), NoteKind("number_format_unusual", "info", "phân cách hàng nghìn kiểu tiếng Anh (dấu phẩy)")),
    (("comma", "group"), NoteKind("number_format_unusual", "info", "phân cách hàng nghìn kiểu tiếng Anh (dấu phẩy)")),
    (("trailing",), NoteKind("number_format_unusual", "info", "dấu phân cách thừa ở cuối số")),
    (("leader",), NoteKind("number_format_unusual", "info", "số viết sau dãy dấu chấm của mẫu")),
    (("punctuation",), NoteKind("number_format_unusual", "info", "dấu phẩy là dấu câu ngay sau số")),
    (("fraction",), NoteKind("number_format_unusual", "info", "tỉ lệ ghi dạng phân số thập phân (0,971 = 97,1%)")),
    (("ambiguous",), NoteKind("number_format_unusual", "warning", "cách viết số có thể hiểu theo hai nghĩa")),
    (("separator",), NoteKind("number_format_unusual", "info", "dấu phân cách bất thường")),
    (("format",), NoteKind("number_format_unusual", "info", "cách viết số bất thường")),
)
_PARSE_WORDS = ("after", "before", "unsure", "guess", "position", "swap", "order", "multiple",
                "split", "continued", "fallback", "heuristic", "conflict", "inferred")
_UNKNOWN = NoteKind("parse_unsure", "info", "ghi chú khi đọc dòng")
_PARSE = NoteKind("parse_unsure", "warning", "số liệu nằm ở vị trí bất thường trong dòng")


def classify_note(note: str) -> NoteKind | None:
    """The flag a note code leads to; None for notes other rules handle (placeholders)."""
    lowered = note.lower()
    if any(word in lowered for word in PLACEHOLDER_NOTES):
        return None
    words = set(re.split(r"[^a-z0-9]+", lowered))
    for needed, kind in _FORMAT_PATTERNS:
        if all(any(w.startswith(n) for w in words) for n in needed):
            if "ambiguous" in lowered and kind.severity == "info":
                return NoteKind(kind.flag_code, "warning", kind.description + " (có thể hiểu hai nghĩa)")
            return kind
    if any(word in lowered for word in _PARSE_WORDS):
        return _PARSE
    return _UNKNOWN


# Raw-text fallbacks, used only when the line has no format note of its own.
_RATE_DECIMAL_DOT = re.compile(r"(?<![\d.,])\d{1,3}\.\d{1,2}\s*%")
_RATE_TRAILING = re.compile(r"\d[.,]\s*%")
_ENGLISH_GROUPING = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d.,]*\d)(?!\s*%)")


def _raw_format_notes(line: IndicatorValue) -> list[tuple[str, str]]:
    """(note, excerpt) pairs read straight from the written text."""
    found = []
    rate_text = line.rate_raw if line.rate_raw is not None else line.raw or ""
    value_text = line.value_raw if line.value_raw is not None else line.raw or ""
    if line.rate is not None:
        if match := _RATE_DECIMAL_DOT.search(rate_text):
            found.append(("rate_decimal_dot", match.group(0)))
        elif match := _RATE_TRAILING.search(rate_text):
            found.append(("rate_trailing_separator", match.group(0)))
    if line.value is not None and (match := _ENGLISH_GROUPING.search(value_text)):
        found.append(("value_english_grouping", match.group(0)))
    return found


def _note_flag(line: IndicatorValue, note: str, kind: NoteKind, excerpt: str | None) -> Flag:
    written = f" \"{excerpt.strip()}\"" if excerpt else ""
    if kind.flag_code == "number_format_unusual":
        message = f"Số liệu{written} của {line_name(line)}: {kind.description}; hãy xác nhận cách đọc."
    else:
        message = (
            f"Cách đọc {line_name(line)} chưa chắc chắn ({kind.description}: {note}); "
            "hãy đối chiếu với văn bản gốc."
        )
    return make_flag(
        kind.flag_code,
        message,
        severity=kind.severity,
        indicator=line.code,
        evidence={
            "note": note,
            "value": line.value,
            "rate": line.rate,
            "value_raw": line.value_raw,
            "rate_raw": line.rate_raw,
            "raw": line.raw,
        },
        location=line.location,
    )


def _excerpt_for(line: IndicatorValue, note: str) -> str | None:
    if "rate" in note.lower():
        return line.rate_raw
    if "value" in note.lower():
        return line.value_raw
    return None


def note_flags(extraction: Extraction) -> list[Flag]:
    """number_format_unusual and parse_unsure, one flag per (line, note)."""
    flags = []
    for line in extraction.indicators:
        has_format_note = False
        seen: set[tuple[str, str]] = set()
        for note in line.notes:
            kind = classify_note(note)
            if kind is None or (kind.flag_code, note) in seen:
                continue
            seen.add((kind.flag_code, note))
            has_format_note |= kind.flag_code == "number_format_unusual"
            flags.append(_note_flag(line, note, kind, _excerpt_for(line, note)))
        if has_format_note:
            continue
        for note, excerpt in _raw_format_notes(line):
            kind = classify_note(note)
            assert kind is not None
            flags.append(_note_flag(line, note, kind, excerpt))
    return flags
