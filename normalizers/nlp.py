"""Gazetteer phrase matching over Vietnamese syllables (provinces, document types, issuers).

Why not spaCy's PhraseMatcher (it was used here until the start-up work of issue 11): every
pattern is a plain sequence of syllables, compared on the syllable's text or on a fold of
it (no case, no marks).  That is a dictionary lookup, and spaCy's import alone costs about
0.6 s, which is twice the 0.3 s budget of ``baocao extract`` on a small file and two thirds
of the budget for a 100-page PDF; building a spaCy ``Doc`` for each line was also most of
the matching time.  :class:`PhraseTable` keeps the PhraseMatcher semantics the extractors
relied on (every occurrence of every phrase, then :func:`longest_first` as
``spacy.util.filter_spans``), tested against the same cases.

Syllables: Vietnamese words are space-separated syllables; punctuation is split off into
single marks ("(UBND)" -> "(" "UBND" ")"), so "Quyết định", "QĐ-TTg" and "(UBND)" all
match phrases written plainly in the gazetteer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import regex

SYLLABLE_RE = regex.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class PhraseMatch:
    """Syllables ``[start, end)`` of the searched sequence equal to the phrase of ``key``."""

    key: str
    start: int
    end: int


def syllables(text: str) -> list[str]:
    return SYLLABLE_RE.findall(text)


# SYLLABLE_RE repeated: one match whose group's capture history holds every syllable.
_EVERY_SYLLABLE_RE = regex.compile(r"(?:\s*+(\w++|[^\w\s]))*+")


def syllable_spans(text: str) -> tuple[list[str], list[int], list[int]]:
    """Every syllable of ``text`` with its start and end offsets.

    What ``SYLLABLE_RE.finditer`` gives, built in C by ``regex``'s captures/starts/ends
    (twice as fast as a match object per syllable on a 100-page report); possessive, so
    linear in the text.
    """
    every = _EVERY_SYLLABLE_RE.match(text)
    return every.captures(1), every.starts(1), every.ends(1)


class PhraseTable:
    """Phrases keyed by a label, matched as whole syllable sequences.

    ``norm`` maps a syllable to what is compared (identity: the exact syllable); the
    searched sequence must be normed the same way (:meth:`norms`).  A phrase added under
    several keys matches once per key, in the order the keys were added.
    """

    def __init__(self, norm: Callable[[str], str] | None = None) -> None:
        self._norm = norm
        # A trie of syllables; a node's _KEYS entry lists the keys of the phrase ending there.
        self._trie: dict[str, dict] = {}

    def norms(self, words: Iterable[str]) -> list[str]:
        return list(words) if self._norm is None else list(map(self._norm, words))

    def add(self, key: str, phrase: str) -> None:
        pattern = self.norms(syllables(phrase))
        if not pattern:
            return
        node = self._trie
        for syllable in pattern:
            node = node.setdefault(syllable, {})
        keys = node.setdefault(_KEYS, [])
        if key not in keys:
            keys.append(key)

    def find(self, normed: Sequence[str]) -> list[PhraseMatch]:
        """Every occurrence of every phrase in ``normed`` (already passed through :meth:`norms`).

        Linear in ``len(normed)`` times the longest phrase: from each syllable that starts
        a phrase, the trie is walked only while the following syllables continue one.
        """
        found: list[PhraseMatch] = []
        trie = self._trie
        size = len(normed)
        # The few syllables that start a phrase are picked first (a comprehension runs in
        # C-level loops; most syllables of a report start none).
        for start in [i for i, word in enumerate(normed) if word in trie]:
            node, end = trie[normed[start]], start + 1
            while True:
                keys = node.get(_KEYS)
                if keys:
                    found.extend(PhraseMatch(key, start, end) for key in keys)
                if end >= size or (node := node.get(normed[end])) is None:
                    break
                end += 1
        return found


_KEYS = ""  # never a syllable (syllables are not empty)


def longest_first(matches: Iterable[PhraseMatch]) -> list[PhraseMatch]:
    """Non-overlapping matches, longer ones winning, then earlier; in text order.

    The rule of ``spacy.util.filter_spans``: "thừa thiên huế" over "huế", "thái bình
    dương" over "thái bình".
    """
    taken: set[int] = set()
    kept: list[PhraseMatch] = []
    for match in sorted(matches, key=lambda m: (m.end - m.start, -m.start), reverse=True):
        if match.start not in taken and match.end - 1 not in taken:
            kept.append(match)
            taken.update(range(match.start, match.end))
    return sorted(kept, key=lambda m: m.start)
