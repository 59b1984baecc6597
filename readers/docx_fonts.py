"""Which runs of a DOCX are typed in a legacy Vietnamese font (TCVN3 ``.VnTime``, ``VNI-Times``).

A run's font is its own ``w:rFonts``, else its character style's, else its paragraph
style's (following ``w:basedOn``), else the document default (``w:docDefaults``): an old
report converted from .doc often has ``.VnTime`` only in the Normal style.  The text of
such runs is converted by :mod:`normalizers.legacy_encodings`; how many characters were
converted is counted so the reader can note it on the document (never silently).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree

from normalizers.legacy_encodings import font_encoding

W_RPR, W_PPR, W_RFONTS = qn("w:rPr"), qn("w:pPr"), qn("w:rFonts")
_FONT_ATTRS = (qn("w:ascii"), qn("w:hAnsi"))
_MAX_BASED_ON = 20  # a style chain longer than this is a loop in a hostile file


def _rfonts_name(rpr: etree._Element | None) -> str | None:
    fonts = rpr.find(W_RFONTS) if rpr is not None else None
    if fonts is None:
        return None
    for attr in _FONT_ATTRS:
        if fonts.get(attr):
            return fonts.get(attr)
    return None


@dataclass
class LegacyFonts:
    """Font resolution for one package, and the tally of converted characters."""

    style_fonts: dict[str, str | None] = field(default_factory=dict)
    default_paragraph_style: str | None = None
    default_font: str | None = None
    converted: Counter = field(default_factory=Counter)

    @classmethod
    def from_styles(cls, root: etree._Element | None) -> LegacyFonts:
        fonts = cls()
        if root is None:
            return fonts
        defaults = root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{W_RPR}")
        fonts.default_font = _rfonts_name(defaults)
        own: dict[str, str | None] = {}
        based_on: dict[str, str] = {}
        for style in root.iterchildren(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if not style_id:
                continue
            own[style_id] = _rfonts_name(style.find(W_RPR))
            parent = style.find(qn("w:basedOn"))
            if parent is not None and parent.get(qn("w:val")):
                based_on[style_id] = parent.get(qn("w:val"))
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
                fonts.default_paragraph_style = style_id
        for style_id in own:
            fonts.style_fonts[style_id] = _inherited(style_id, own, based_on)
        return fonts

    @property
    def any_legacy(self) -> bool:
        names = [*self.style_fonts.values(), self.default_font]
        return any(font_encoding(name)[0] for name in names)

    def paragraph_font(self, p: etree._Element) -> str | None:
        """The font a run of paragraph ``p`` has when it sets none itself."""
        ppr = p.find(W_PPR)
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = style.get(qn("w:val")) if style is not None else self.default_paragraph_style
        return self.style_fonts.get(style_id or "") or self.default_font

    def run_encoding(self, run: etree._Element, paragraph_font: str | None) -> tuple[str | None, bool]:
        rpr = run.find(W_RPR)
        name = _rfonts_name(rpr)
        if name is None and rpr is not None:
            style = rpr.find(qn("w:rStyle"))
            if style is not None:
                name = self.style_fonts.get(style.get(qn("w:val")) or "")
        return font_encoding(name or paragraph_font)

    def note(self) -> list[str]:
        """Provenance notes for ``Source.notes``: which encoding, how many characters."""
        return [f"{encoding}_converted:{count}" for encoding, count in sorted(self.converted.items())]


def _inherited(style_id: str, own: dict[str, str | None], based_on: dict[str, str]) -> str | None:
    current: str | None = style_id
    for _ in range(_MAX_BASED_ON):
        if current is None:
            return None
        if own.get(current):
            return own[current]
        current = based_on.get(current)
    return None


def names_legacy_font(body: etree._Element) -> bool:
    """Whether any run of ``body`` names a TCVN3/VNI font (the styles may not)."""
    return any(font_encoding(_rfonts_name_of(fonts))[0] for fonts in body.iter(W_RFONTS))


def _rfonts_name_of(fonts: etree._Element) -> str | None:
    return next((fonts.get(attr) for attr in _FONT_ATTRS if fonts.get(attr)), None)
