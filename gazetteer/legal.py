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
    "unit_codes",
    "fold_id",
    "reference_for",
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
    """Issuer code as written in a ký hiệu ("BGDĐT") -> issuer (bodies, not their units)."""
    return {row["code"]: _issuer(row) for row in load_csv("issuers.csv") if row["code"] and row["role"] != "unit"}


@cache
def unit_codes() -> dict[str, str]:
    """Codes of units inside a body, written after its code ("BGDĐT-KHCNTT", "STP-XDTHPL") -> name.

    They make a ký hiệu recognisable but never name the issuer: "12/SGD-PC" is not
    issued by a Vụ Pháp chế.
    """
    return {row["code"]: row["issuer"] for row in load_csv("issuers.csv") if row["code"] and row["role"] == "unit"}


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
    for code in [*type_by_code(), *issuers_by_code(), *unit_codes()]:
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
    if segment in type_by_code() or segment in issuers_by_code() or segment in unit_codes():
        return segment
    # Keys are each code upper-cased and, for ASCII-only writing, stripped of marks: a segment
    # with a mark ("HĐ") can only meet a key with that mark, so marks are restored, never lost.
    return _codes_by_ascii().get(segment.upper()) or segment


# The number part: thousands dots ("1.234") and leading zeros ("06") do not change the document.
_FOLD_NUMBER_RE = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+)")
_FOLD_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-", ".": "-"})
_TRAILING_YEAR_RE = re.compile(r"/(?:19|20)\d{2}$")


def _has_trailing_year(text: str) -> bool:
    """ "15/KH-UBND/2024": a year after code letters, not the year of "09/2021"."""
    m = _TRAILING_YEAR_RE.search(text)
    return bool(m) and any(ch.isalpha() for ch in text[: m.start()])


def fold_id(symbol: str) -> str:
    """A key that matches variants of one số/ký hiệu; the id itself keeps what was written.

    "131/QĐ.TTg", "131/QD-TTG", "0131/QĐ–TTg" and "131/QĐ-TTg" share "131/QD-TTG";
    "1.234/QĐ-UBND" and "1234/QĐ-UBND" share "1234/QD-UBND"; "&" and a trailing
    "/2024" are dropped ("SGD&ĐT" = "SGDĐT").  Party and state order stay apart
    ("57-NQ/TW" is not "57/NQ-TW"): that difference is a check of its own.
    """
    text = "".join(symbol.split())
    m = _FOLD_NUMBER_RE.match(text)
    if m:
        number = m.group(1).replace(".", "").lstrip("0") or "0"
        text = number + text[m.end() :]
    if _has_trailing_year(text):
        text = _TRAILING_YEAR_RE.sub("", text)
    return strip_diacritics(text).upper().translate(_FOLD_DASHES).replace("&", "")


@cache
def _references_by_key() -> dict[str, LegalDocument]:
    return {fold_id(doc.id): doc for doc in legal_documents().values()}


def reference_for(symbol: str) -> LegalDocument | None:
    """The reference row of a cited id, also when written as a variant ("131/QĐ.TTg")."""
    return legal_documents().get(symbol) or _references_by_key().get(fold_id(symbol))
