"""What the Appendix 2 template asks for, as the checks need it.

The catalog of template lines lives in ``gazetteer/indicators.toml`` (owned by the
appendix work); we read the codes and labels from it when it is there, and fall back to
the 25 codes of letter 6541's template so the checks still work while it is being written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

# The template's codes, in template order (seed 000, Phụ lục 2).
FALLBACK_CODES: tuple[str, ...] = (
    "1a", "1b", "1c", "1d",
    "2a", "2b", "2c", "2d",
    "3a", "3b", "3c",
    "4a", "5a", "5b", "6a", "7a",
    "8a", "8b", "8c", "8d", "8e",
    "9a", "9b", "9c", "9d",
)  # fmt: skip

# Lines whose template cell asks for a count only ("Số nền tảng: ......") or a rate only
# ("... chiếm ...%"); every other line asks for "......đạt tỉ lệ: ...%".
COUNT_ONLY: frozenset[str] = frozenset({"3a", "3b"})
RATE_ONLY: frozenset[str] = frozenset({"5a", "5b"})
# Lines about universities run by the province (giảng viên, sinh viên, GDĐH): a province
# without one leaves them out or blank, so their absence is information, not a warning.
# Satisfaction lines are estimates ("Số lượng (ước tính) ... hài lòng"): provinces answer
# with the rate; a missing estimated count is information, not a warning.
RATE_USUAL: frozenset[str] = frozenset({"9c", "9d"})
UNIVERSITY_ONLY: frozenset[str] = frozenset({"1b", "1d", "2b", "2d", "4a", "6a", "7a"})


@dataclass(frozen=True)
class Population:
    """Template lines that count (part of) the same set of people."""

    key: str
    name: str  # Vietnamese, for messages
    codes: tuple[str, ...]


FALLBACK_POPULATIONS: tuple[Population, ...] = (
    Population("teachers", "giáo viên", ("1a", "1c", "8c")),
    Population("pupils", "học sinh", ("2a", "2c", "8b")),
    Population("students", "sinh viên", ("2b", "2d")),
    Population("lecturers", "giảng viên", ("1b", "1d")),
)
# Lines whose wording covers a second population too: "nhà giáo" (8c) are teachers and
# lecturers, "người học" (8b) pupils and students.
MAY_INCLUDE: dict[str, str] = {"8c": "lecturers", "8b": "students"}

POPULATION_NAMES = {
    "teachers": "giáo viên",
    "pupils": "học sinh",
    "students": "sinh viên",
    "lecturers": "giảng viên",
    "institutions": "cơ sở giáo dục",
    "learners_on_platforms": "người học dùng nền tảng",
}


@cache
def _catalog() -> dict[str, Any]:
    try:
        from gazetteer import load_toml

        return load_toml("indicators.toml")
    except (FileNotFoundError, OSError, ValueError):
        return {}


def _catalog_entries() -> list[dict[str, Any]]:
    data = _catalog()
    entries = data.get("indicator") or data.get("indicators") or []
    if isinstance(entries, dict):  # [indicators.1a] tables keyed by code
        return [{"code": code, **(body or {})} for code, body in entries.items()]
    return [e for e in entries if isinstance(e, dict)]


@cache
def template_codes() -> tuple[str, ...]:
    """The template's indicator codes, from the gazetteer when it lists them."""
    codes = tuple(str(e["code"]) for e in _catalog_entries() if e.get("code"))
    return codes if len(codes) >= len(FALLBACK_CODES) // 2 else FALLBACK_CODES


def template_label(code: str) -> str:
    """A short Vietnamese label for messages ("1a" when the catalog has none)."""
    for entry in _catalog_entries():
        if str(entry.get("code")) == code:
            label = entry.get("short") or entry.get("label") or entry.get("name")
            if label:
                return str(label)
    return code


@cache
def _measures() -> dict[str, str]:
    return {str(e["code"]): str(e["measures"]) for e in _catalog_entries() if e.get("code") and e.get("measures")}


def wants_value(code: str) -> bool:
    """Whether the template asks for a count on this line ("count+rate" or "count")."""
    measures = _measures().get(code)
    return "count" in measures if measures else code not in RATE_ONLY


def wants_rate(code: str) -> bool:
    """Whether the template asks for a rate on this line ("count+rate" or "rate")."""
    measures = _measures().get(code)
    return "rate" in measures if measures else code not in COUNT_ONLY


@cache
def populations() -> tuple[Population, ...]:
    """Groups of lines about the same people (the catalog's ``population`` field)."""
    groups: dict[str, list[str]] = {}
    for entry in _catalog_entries():
        if entry.get("code") and entry.get("population"):
            groups.setdefault(str(entry["population"]), []).append(str(entry["code"]))
    found = tuple(
        Population(key, POPULATION_NAMES.get(key, key), tuple(codes))
        for key, codes in groups.items()
        if len(codes) >= 2
    )
    return found or FALLBACK_POPULATIONS
