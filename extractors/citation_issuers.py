"""Who issued a cited document, and the key that identifies it across reports.

The issuer is read in this order: the body the text names right after the mention
("... của UBND thành phố Hải Phòng"), the reference row of a known national document
(57-NQ/TW -> Bộ Chính trị), the issuer code of the ký hiệu through ``issuers.csv``.
Local bodies (UBND, SGDĐT, HĐND, TU, VP) need a place: the one the text names, else the
report's province, resolved from the document only when a local issuer needs it.
Kept apart from :mod:`extractors.citations`, which finds the mentions, because this is
the only part that looks at provinces.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from baocao.model import Citation, Document
from extractors.citation_grammar import parse_symbol
from extractors.citation_stream import Phrases
from gazetteer.legal import Issuer, issuer_aliases, issuers_by_code, reference_for

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
# The place in a local body's name: after its last unit word ("... Thành ủy Hải Phòng").
_ISSUER_PLACE_RE = regex.compile(
    r"(?:\b(?:tỉnh|thành phố|thủ đô)|Tỉnh ủy|Thành ủy)\s+(?P<place>[^,;()]+)$"
    r"|(?P<place>(?:quận|huyện|thị xã|xã|phường|đặc khu)\s+[^,;()]+)$"
)


@dataclass(frozen=True)
class NamedIssuer:
    """A local body named in the text, with the unit word and place written after it."""

    issuer: Issuer
    unit: str | None
    name: str | None


def issuer_at(text: str, phrases: Phrases, start: int) -> NamedIssuer | str | None:
    """The issuer whose alias starts at ``start`` (a national body's name, or a local
    body with the place written after it), None when no alias starts there."""
    hit = phrases.issuer_by_start.get(start)
    if hit is None:
        return None
    alias_end, alias = hit
    issuer = issuer_aliases()[alias]
    if not issuer.local:
        return issuer.name
    place = _PLACE_RE.match(text, alias_end)
    unit = " ".join(place.group("unit").lower().split()) if place and place.group("unit") else None
    return NamedIssuer(issuer=issuer, unit=unit, name=place.group("name") if place else None)


def issuer_after(text: str, phrases: Phrases, end: int) -> NamedIssuer | str | None:
    """The issuer named right after a mention ending at ``end`` ("của Bộ GDĐT")."""
    m = _OF_RE.match(text, end)
    return issuer_at(text, phrases, m.end()) if m else None


class IssuerResolver:
    """Full issuer names for one document's mentions; the report's province is resolved
    once, and only if a local issuer needs it."""

    def __init__(self, document: Document, province: str | None) -> None:
        self.document = document
        self.province = province  # canonical name; "" once resolution found none

    def resolve(self, named: NamedIssuer | str | None, citation: Citation) -> str | None:
        """Text first ("của UBND thành phố Hải Phòng"), then reference data, then the ký hiệu."""
        if isinstance(named, NamedIssuer):
            return self._local_name(named.issuer, named.unit, named.name)
        if named:
            return named
        return self._from_symbol(citation)

    def _from_symbol(self, citation: Citation) -> str | None:
        reference = reference_for(citation.id)
        if reference:
            return reference.issuer
        parts = parse_symbol(citation.id)
        code = parts.issuer_code if parts else None
        issuer = issuers_by_code().get(code) if code else None
        if issuer is None:
            return None
        if not issuer.local:
            return issuer.name
        return self._local_name(issuer, None, None)

    def _local_name(self, issuer: Issuer, unit: str | None, name: str | None) -> str:
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
        province, province_unit = self._report_province()
        return issuer.name_for(province, province_unit)

    def _report_province(self) -> tuple[str | None, str | None]:
        from gazetteer.provinces import unit_type

        if self.province is None:
            self.province = _resolve_province(self.document) or ""
        if not self.province:
            return None, None
        return self.province, unit_type(self.province)


def _resolve_province(document: Document) -> str | None:
    try:
        from extractors.province import resolve_province

        match = resolve_province(document)
    except Exception:  # noqa: BLE001 - a failing province resolver must not lose the citations
        return None
    return match.name if match else None


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
    local = issuer.local if issuer else code is not None and reference_for(citation.id) is None
    if not (local and citation.issuer):
        return citation.id
    m = _ISSUER_PLACE_RE.search(citation.issuer)
    return f"{citation.id}@{m.group('place').strip() if m else citation.issuer}"
