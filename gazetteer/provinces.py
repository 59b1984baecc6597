"""The 34 provincial units in force since 1 July 2025 and the 63 units they replaced.

Data lives in ``provinces.csv`` (one row per official name, current or former, with
spelling variants and diacritic-less aliases).  A report may still name a former
province ("Sở GDĐT tỉnh Hải Dương"): :func:`lookup` maps it to its new unit and keeps
the old name, so statistics are counted once per current unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from gazetteer import load_csv
from normalizers.text import fold, strip_diacritics

__all__ = [
    "ProvinceEntry",
    "lookup",
    "lookup_ascii",
    "units",
    "unit_type",
    "text_aliases",
    "ascii_aliases",
]

# Words that name the kind of unit in front of its name ("tỉnh Quảng Ninh").
_UNIT_PREFIX_RE = re.compile(r"^(?:ủy ban nhân dân |ubnd )?(?:tỉnh|thành phố|thủ đô|tp\.?)\s*")


@dataclass(frozen=True)
class ProvinceEntry:
    """A name resolved to the current unit; ``former_name`` set when it was a former unit."""

    canonical: str
    former_name: str | None = None


@cache
def _rows() -> tuple[dict[str, str], ...]:
    return load_csv("provinces.csv")


def _entry(row: dict[str, str]) -> ProvinceEntry:
    former = row["name"] if row["status"] == "former" else None
    return ProvinceEntry(canonical=row["canonical"], former_name=former)


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


@cache
def units() -> tuple[str, ...]:
    """The 34 canonical names, in the file's order (cities first)."""
    return tuple(row["name"] for row in _rows() if row["status"] == "current")


@cache
def unit_type(canonical: str) -> str | None:
    """"thành phố" or "tỉnh" for a current unit."""
    for row in _rows():
        if row["status"] == "current" and row["name"] == canonical:
            return row["unit_type"]
    return None


@cache
def text_aliases() -> dict[str, ProvinceEntry]:
    """Folded Vietnamese name/alias -> entry; what the text matcher looks for."""
    out: dict[str, ProvinceEntry] = {}
    for row in _rows():
        for name in [row["name"], *_split(row["aliases"])]:
            out[fold(name)] = _entry(row)
    return out


def _compact(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", strip_diacritics(s))


def _spaced(s: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", strip_diacritics(s)))


@cache
def ascii_aliases() -> dict[str, ProvinceEntry]:
    """Diacritic-less aliases -> entry, both compact ("haiphong") and spaced ("hai phong").

    Used for e-mail addresses and file names only: in running text "Ha Nam" or "hoa
    binh" (peace) are too easily something else.
    """
    out: dict[str, ProvinceEntry] = {}
    for row in _rows():
        names = [row["name"], *_split(row["aliases"]), *_split(row["ascii_aliases"])]
        for name in names:
            out[_compact(name)] = _entry(row)
            out[_spaced(name)] = _entry(row)
    return out


def lookup(name: str) -> ProvinceEntry | None:
    """Resolve a written name ("tỉnh Quảng Ninh", "TP.HCM", "Hoà Bình", "haiphong").

    Tries the exact folded name, then without a unit word ("tỉnh", "thành phố", "TP."),
    then the diacritic-less aliases.
    """
    key = fold(name).strip(" .,;:")
    aliases = text_aliases()
    if key in aliases:
        return aliases[key]
    bare = _UNIT_PREFIX_RE.sub("", key)
    if bare in aliases:
        return aliases[bare]
    return lookup_ascii(name)


def lookup_ascii(name: str) -> ProvinceEntry | None:
    """Resolve a diacritic-less form ("hai-phong", "HaiPhong", "tphcm")."""
    table = ascii_aliases()
    return table.get(_spaced(name)) or table.get(_compact(name))


@cache
def former_until() -> dict[str, str]:
    """Former unit name -> the last day it existed (ISO date, from the ``until`` column)."""
    return {row["name"]: row["until"] for row in _rows() if row["status"] == "former" and row.get("until")}


def name_in_force(canonical: str, former: str | None, on: str | None) -> str:
    """The name a document of ``on`` (ISO date or "yyyy-mm", None = undated) gives its unit.

    A document written under a former name keeps it when it predates the merger (or has no
    date to say otherwise): a 2022 plan of "UBND tỉnh Kon Tum" cites "UBND tỉnh Kon Tum"'s
    documents, not Quảng Ngãi's; after the merger the current unit speaks for it.
    """
    if not former:
        return canonical
    until = former_until().get(former)
    if on is None or until is None:
        return former
    return former if on[: len(until)] <= until[: len(on)] else canonical
