"""Reference data for cited legal documents: known national documents, issuers, types.

Three files beside this module, each read once:

* ``legal_documents.csv``: national documents this domain cites most, with their true
  date, issuer and title.  Only rows marked ``verified`` are used to call a cited date
  wrong; ``attested`` rows (dates as cited by official letters) only fill issuer/type.
* ``issuers.csv``: issuer codes of a số/ký hiệu ("TTg", "BGDĐT", "UBND") and the phrases
  naming a body in text ("của Bộ GDĐT"); local codes carry a template that needs the
  province ("Ủy ban nhân dân {unit} {province}").
* ``document_types.csv``: canonical document types, their ký hiệu codes ("QĐ") and the
  words that name them in text ("Quyết định", "QĐ").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from gazetteer import load_csv
from normalizers.text import strip_diacritics

__all__ = [
    "LegalDocument",
    "Issuer",
    "DocumentType",
    "legal_documents",
    "issuers_by_code",
    "issuer_aliases",
    "document_types",
    "type_by_code",
    "type_words",
    "canonical_code",
]


# A canonical province name may carry its unit word ("TP. Hồ Chí Minh"); templates add their own.
_UNIT_WORD_RE = re.compile(r"^(?:TP\.?|Thành phố|Tỉnh)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class LegalDocument:
    id: str
    type: str
    date: str | None
    issuer: str
    verified: bool
    title: str


@dataclass(frozen=True)
class Issuer:
    code: str | None
    name: str  # canonical name (generic for local bodies)
    local: bool
    template: str | None  # local bodies: name with {unit} {province} {party}
    party: bool  # Party bodies write "số-TYPE/ISSUER", state bodies "số/TYPE-ISSUER"

    def name_for(self, province: str | None, unit: str | None) -> str:
        """The body's full name, for a local body in ``province`` when known."""
        if not (self.local and self.template and province):
            return self.name
        unit = unit or "tỉnh"
        party = "Thành ủy" if unit == "thành phố" else "Tỉnh ủy"
        return self.template.format(province=_UNIT_WORD_RE.sub("", province), unit=unit, party=party)


@dataclass(frozen=True)
class DocumentType:
    code: str | None
    type: str
    words: tuple[str, ...]


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (cell or "").split("|") if p.strip())


@cache
def legal_documents() -> dict[str, LegalDocument]:
    """id ("131/QĐ-TTg") -> reference row."""
    out: dict[str, LegalDocument] = {}
    for row in load_csv("legal_documents.csv"):
        out[row["id"]] = LegalDocument(
            id=row["id"],
            type=row["type"],
            date=row["date"] or None,
            issuer=row["issuer"],
            verified=row["certainty"] == "verified",
            title=row["title"],
        )
    return out


def _issuer(row: dict[str, str]) -> Issuer:
    return Issuer(
        code=row["code"] or None,
        name=row["issuer"],
        local=row["scope"] == "local",
        template=row["template"] or None,
        party=row["role"] == "party",
    )


@cache
def issuers_by_code() -> dict[str, Issuer]:
    """Issuer code as written in a ký hiệu ("BGDĐT") -> issuer."""
    return {row["code"]: _issuer(row) for row in load_csv("issuers.csv") if row["code"]}


@cache
def issuer_aliases() -> dict[str, Issuer]:
    """Lowercase phrase naming a body in text ("bộ gdđt") -> issuer."""
    out: dict[str, Issuer] = {}
    for row in load_csv("issuers.csv"):
        for alias in _split(row["aliases"]):
            out[alias.lower()] = _issuer(row)
    return out


@cache
def document_types() -> tuple[DocumentType, ...]:
    return tuple(
        DocumentType(code=None if row["code"] == "-" else row["code"], type=row["type"], words=_split(row["words"]))
        for row in load_csv("document_types.csv")
    )


@cache
def type_by_code() -> dict[str, str]:
    """Type code in a ký hiệu ("QĐ", "CTr") -> canonical type ("Quyết định")."""
    return {t.code: t.type for t in document_types() if t.code}


@cache
def type_words() -> dict[str, str]:
    """Lowercase word(s) naming a type in text ("kế hoạch hành động") -> canonical type."""
    return {word: t.type for t in document_types() for word in t.words}


@cache
def _codes_by_ascii() -> dict[str, str | None]:
    """Diacritic-less uppercase form -> code, None when two codes share it ("HD"/"HĐ")."""
    out: dict[str, str | None] = {}
    for code in [*type_by_code(), *issuers_by_code()]:
        for key in {code.upper(), strip_diacritics(code).upper()}:
            if key in out and out[key] != code:
                out[key] = None
            else:
                out[key] = code
    return out


def canonical_code(segment: str) -> str:
    """A ký hiệu segment in its official spelling: "TTG" -> "TTg", "QD" -> "QĐ".

    Writers mistype case and, in ASCII-only systems, drop "Đ"; a segment that folds to
    exactly one known code takes that code's spelling, anything else is kept as written.
    """
    table = _codes_by_ascii()
    if segment in type_by_code() or segment in issuers_by_code():
        return segment
    for key in (segment.upper(), strip_diacritics(segment).upper()):
        if key in table:
            return table[key] or segment
    return segment
