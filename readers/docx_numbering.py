"""Word's automatic list numbers ("1.", "a)", "II.", "-") rendered as the page shows them.

They are not in the XML text: ``numbering.xml`` holds the formats and the counters
advance in document order.  The STT column of an appendix table is very often
auto-numbered, and the PDF of the same report shows those numbers as text, so the DOCX
reader renders them (common formats only).  Also home of the ``w:val`` readers the DOCX
reader shares.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree

W_VAL = qn("w:val")


def val(element: etree._Element | None, default: str | None = None) -> str | None:
    if element is None:
        return default
    return element.get(W_VAL, default)


def int_val(element: etree._Element | None, default: int) -> int:
    try:
        return int(val(element, str(default)) or default)
    except ValueError:
        return default


@dataclass
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class Numbering:
    """Renders Word auto-numbers; counters advance in document (walk) order."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_part(cls, root: etree._Element | None) -> Numbering:
        numbering = cls()
        if root is None:
            return numbering
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.iterchildren(qn("w:abstractNum")):
            abstract[node.get(qn("w:abstractNumId"))] = _read_levels(node)
        for num in root.iterchildren(qn("w:num")):
            levels = dict(abstract.get(val(num.find(qn("w:abstractNumId"))) or "", {}))
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    levels.update(_read_levels_from([lvl]))
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    base = levels[ilvl]
                    levels[ilvl] = _Level(base.fmt, base.text, int_val(start, 1))
            numbering.levels[num.get(qn("w:numId"))] = levels
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return _bullet_text(level.text)
        if level.fmt == "none":
            return ""
        out = level.text
        for k in range(ilvl, -1, -1):
            lv = levels.get(k)
            value = counters.get(k, lv.start if lv else 1)
            out = out.replace(f"%{k + 1}", _format_number(value, lv.fmt if lv else "decimal"))
        return out


def _read_levels(abstract_num: etree._Element) -> dict[int, _Level]:
    return _read_levels_from(abstract_num.iterchildren(qn("w:lvl")))


def _read_levels_from(nodes) -> dict[int, _Level]:
    levels = {}
    for lvl in nodes:
        ilvl = int(lvl.get(qn("w:ilvl"), "0"))
        levels[ilvl] = _Level(
            fmt=val(lvl.find(qn("w:numFmt")), "decimal") or "decimal",
            text=val(lvl.find(qn("w:lvlText")), "") or "",
            start=int_val(lvl.find(qn("w:start")), 1),
        )
    return levels


def _bullet_text(text: str) -> str:
    """Symbol-font bullets live in the Private Use Area; show them as a plain '-'."""
    if not text or any(0xE000 <= ord(ch) <= 0xF8FF for ch in text):
        return "-"
    return {"\u2022": "-", "\u25cf": "-", "o": "-", "\u25aa": "-", "\u2013": "-"}.get(text, text)


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    pairs = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for number, numeral in pairs:
        while value >= number:
            out.append(numeral)
            value -= number
    return "".join(out)
