"""The Appendix 2 indicator catalog (``indicators.toml``) and matching report lines to it.

Matching is rule-first, fuzzy-second: reports reword, abbreviate and reorder the
template, so a pure fuzzy score confuses lines that differ by one word ("giáo viên" vs
"giảng viên", "cấp Sở" vs "cấp Phòng").  Required/excluded phrases decide which codes
are possible; rapidfuzz only ranks the survivors.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex
from rapidfuzz import fuzz

from gazetteer import load_toml
from normalizers.text import strip_diacritics


@dataclass(frozen=True)
class Indicator:
    code: str
    section: int
    label: str
    short: str
    measures: str  # "count+rate" | "count" | "rate"
    population: str | None
    require: tuple[tuple[str, ...], ...]
    exclude: tuple[str, ...]
    aliases: tuple[str, ...]
    keeps_names: bool = False
    university_only: bool = False  # about universities run by the province: may be absent
    rate_usual: bool = False  # an estimate answered with the rate only
    may_include: str | None = None  # a second population the wording covers

    @property
    def wants_count(self) -> bool:
        return "count" in self.measures

    @property
    def wants_rate(self) -> bool:
        return "rate" in self.measures


_PUNCT = regex.compile(r"[^\p{L}\p{N}%>=]+")
# A footnote number glued to a word's end ("viên1", "sinh2"); "K12Online", "lớp 12" stay.
_GLUED_FOOTNOTE = regex.compile(r"(?<=[a-z])\d{1,2}(?![\p{L}\p{N}])")
_SUPERSCRIPT = regex.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+")


def fold(text: str) -> str:
    """Lowercase, strip diacritics (đ→d), punctuation to spaces, collapse whitespace.

    Diacritics are dropped for matching only, so that reports typed with a broken
    input method or old encodings still match; the shown label keeps the original.
    """
    text = _SUPERSCRIPT.sub(" ", text)  # footnote marks: "giảng viên¹"
    text = strip_diacritics(text)  # lowercase, lookalikes unified, "đ" -> "d"
    text = _GLUED_FOOTNOTE.sub(" ", text)  # the template copied with its marks: "giảng viên1"
    text = text.replace("ty le", "ti le").replace("ty trong", "ti trong")
    return " " + " ".join(_PUNCT.sub(" ", text).split()) + " "


@cache
def catalog() -> tuple[Indicator, ...]:
    entries = []
    for raw in load_toml("indicators.toml")["indicator"]:
        entries.append(
            Indicator(
                code=raw["code"],
                section=int(raw["section"]),
                label=raw["label"],
                short=raw.get("short", raw["label"]),
                measures=raw["measures"],
                population=raw.get("population"),
                require=tuple(tuple(fold(p).strip() for p in group) for group in raw["require"]),
                exclude=tuple(fold(p).strip() for p in raw.get("exclude", [])),
                aliases=tuple(raw.get("aliases", [])),
                keeps_names=bool(raw.get("keeps_names", False)),
                university_only=bool(raw.get("university_only", False)),
                rate_usual=bool(raw.get("rate_usual", False)),
                may_include=raw.get("may_include"),
            )
        )
    return tuple(entries)


@cache
def by_code() -> dict[str, Indicator]:
    return {ind.code: ind for ind in catalog()}


def template_codes() -> list[str]:
    return [ind.code for ind in catalog()]


@cache
def population_names() -> dict[str, str]:
    """Population key -> its Vietnamese name for messages ("teachers" -> "giáo viên")."""
    return dict(load_toml("indicators.toml").get("population_names", {}))


@dataclass(frozen=True)
class Population:
    """Template lines that count (part of) the same set of people."""

    key: str
    name: str  # Vietnamese, for messages
    codes: tuple[str, ...]


@cache
def populations() -> tuple[Population, ...]:
    """Groups of two or more lines about the same people (the catalog's ``population``)."""
    groups: dict[str, list[str]] = {}
    for ind in catalog():
        if ind.population:
            groups.setdefault(ind.population, []).append(ind.code)
    names = population_names()
    return tuple(Population(key, names.get(key, key), tuple(codes)) for key, codes in groups.items() if len(codes) >= 2)


def _has_phrase(folded: str, phrase: str) -> bool:
    return f" {phrase} " in folded


def candidates(label: str) -> list[Indicator]:
    """Indicators whose required phrases all occur in ``label`` and no excluded one does."""
    folded = fold(label)
    found = []
    for ind in catalog():
        if any(_has_phrase(folded, p) for p in ind.exclude):
            continue
        if all(any(_has_phrase(folded, p) for p in group) for group in ind.require):
            found.append(ind)
    return found


def score(label: str, indicator: Indicator) -> float:
    folded = fold(label)
    texts = (indicator.label, indicator.short, *indicator.aliases)
    return max(fuzz.token_set_ratio(folded, fold(t)) for t in texts)


@dataclass(frozen=True)
class Match:
    indicator: Indicator | None
    score: float
    ambiguous_with: tuple[str, ...] = ()


@lru_cache(maxsize=8192)  # the same line is matched several times per table
def match_label(label: str, *contexts: str) -> Match:
    """Best catalog entry for a report line, trying the line alone, then with context.

    ``contexts`` go from nearest to farthest: the sub-heading just above the line
    ("a) Máy tính:"), then the row heading ("Số lượng nhà giáo ... máy tính/Internet").
    They are used only when the line alone is not specific enough, e.g. a sub-row
    that just says "Giáo viên: 51.608"; nearer context wins over farther.
    """
    texts = [label]
    combined = label
    for context in contexts:
        if context and context.strip():
            combined = f"{context} {combined}"
            texts.append(combined)
    for text in texts:
        text, other = _school_level_first(text)
        found = candidates(text)
        if not found:
            continue
        ranked = sorted(((score(text, ind), ind) for ind in found), key=lambda x: -x[0])
        best_score, best = ranked[0]
        ties = tuple(ind.code for s, ind in ranked[1:] if best_score - s < 3)
        if other is not None and (alternative := match_label(other)).indicator is not None:
            ties = (*ties, alternative.indicator.code)
        return Match(best, best_score, ties)
    return Match(None, 0.0)


# The template's "giáo viên/giảng viên", "học sinh/sinh viên" copied without choosing.
_BOTH_POPULATIONS = (
    (" giao vien giang vien ", " giao vien ", " giang vien "),
    (" hoc sinh sinh vien ", " hoc sinh ", " sinh vien "),
)


def _school_level_first(text: str) -> tuple[str, str | None]:
    """A line naming both school and university people reads as the school one.

    A provincial Sở manages schools, so "Tổng số giáo viên/giảng viên có máy tính"
    is its teachers (1a); the university reading is returned too, so the match
    carries it as an ambiguity the reviewer sees.
    """
    folded = fold(text)
    for both, school, university in _BOTH_POPULATIONS:
        if both in folded:
            return folded.replace(both, school), folded.replace(both, university)
    return text, None
