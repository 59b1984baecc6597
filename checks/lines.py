"""Small helpers shared by the per-line rules: naming a line, reading its note codes."""

from __future__ import annotations

from baocao.codes import WHOLE_LINE_NOTES, note_key
from baocao.model import IndicatorValue

__all__ = ["PLACEHOLDER_NOTES", "line_name", "note_detail", "note_key", "note_part", "part_notes", "sentence_case"]

# Notes meaning "the template's blank was left" (normalizers/numbers.py: unfilled, empty).
PLACEHOLDER_NOTES = ("placeholder", "unfilled", "blank", "empty")
# Value notes the normalizer writes without a prefix (rate notes get "rate_").
_VALUE_NOTES = frozenset(
    {
        "unfilled", "empty", "not_applicable", "unreadable", "dot_leader", "trailing_separator",
        "decimal_dot", "english_grouping", "space_grouping", "ambiguous_separator", "not_whole", "too_many_digits",
        "unexpected_percent", "approximate", "extra_text",
    }
)  # fmt: skip


def sentence_case(text: str) -> str:
    """Capitalize the first letter only (str.capitalize would lowercase "Internet")."""
    return text[:1].upper() + text[1:]


def line_name(line: IndicatorValue) -> str:
    """How a message names a line: its code and (shortened) label as the report wrote it."""
    label = " ".join((line.label or "").split())
    if len(label) > 90:
        label = label[:87].rstrip() + "…"
    if line.code and label:
        return f"dòng {line.code} ({label})"
    return f"dòng {line.code}" if line.code else f'dòng "{label}"'


def note_detail(note: str) -> str | None:
    """The part after ":" ("duplicate_code:1a" → "1a")."""
    return note.split(":", 1)[1].strip() if ":" in note else None


def note_part(note: str) -> str | None:
    """Which half of the line a note speaks about ("value", "rate") or None (whole line)."""
    lowered = note.lower()
    if lowered.startswith("rate_"):
        return "rate"
    if lowered.startswith("value_") and note_key(note) not in WHOLE_LINE_NOTES:
        return "value"
    return "value" if note_key(note) in _VALUE_NOTES else None


def part_notes(line: IndicatorValue, part: str) -> list[str]:
    """The keys of the notes about one half of the line."""
    return [note_key(n) for n in line.notes if note_part(n) == part]
