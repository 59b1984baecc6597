"""The syllable phrase table: PhraseMatcher's matches and filter_spans' choice, without spaCy."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers.nlp import SYLLABLE_RE, PhraseMatch, PhraseTable, longest_first, syllable_spans, syllables
from normalizers.text import strip_diacritics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(UBND)", ["(", "UBND", ")"]),
        ("QĐ-TTg ngày 25/01/2022", ["QĐ", "-", "TTg", "ngày", "25", "/", "01", "/", "2022"]),
        ("Sở GD&ĐT,  tỉnh\nHuế", ["Sở", "GD", "&", "ĐT", ",", "tỉnh", "Huế"]),
        ("", []),
    ],
)
def test_syllables_split_punctuation_off(text: str, expected: list[str]) -> None:
    assert syllables(text) == expected


PLACES = [("huế", "huế"), ("thừa thiên huế", "thừa thiên huế"), ("thái bình", "thái bình"),
          ("stop", "thái bình dương"), ("hà nội", "hà nội")]


@pytest.mark.parametrize(
    ("text", "all_keys", "kept"),
    [
        # every occurrence of every phrase, then the longest wins
        ("tỉnh thừa thiên huế", ["thừa thiên huế", "huế"], [("thừa thiên huế", 1, 4)]),
        ("biển thái bình dương", ["thái bình", "stop"], [("stop", 1, 4)]),
        # two places, text order kept
        ("hà nội và huế", ["hà nội", "huế"], [("hà nội", 0, 2), ("huế", 3, 4)]),
        # a phrase cut by the end of the text is not a match (nor an index error)
        ("tỉnh thừa thiên", [], []),
        ("thái", [], []),
        # whole syllables only: "huế" is not in "huếch"
        ("huếch hoác", [], []),
        ("", [], []),
    ],
)
def test_table_matches_whole_syllable_sequences(text: str, all_keys: list[str],
                                                kept: list[tuple[str, int, int]]) -> None:
    table = PhraseTable()
    for key, phrase in PLACES:
        table.add(key, phrase)
    found = table.find(table.norms(syllables(text)))
    assert sorted(m.key for m in found) == sorted(all_keys)
    assert [(m.key, m.start, m.end) for m in longest_first(found)] == kept


def test_norm_matches_without_case_and_marks_and_keeps_every_key() -> None:
    table = PhraseTable(norm=lambda s: strip_diacritics(s).lower())
    table.add("T:Quyết định", "Quyết định")
    table.add("T:quyết định", "quyết định")  # same folded phrase under a second key
    table.add("I:UBND", "UBND")
    found = table.find(table.norms(syllables("QUYET DINH so 5/QD-UBND, quyết định")))
    assert [(m.key, m.start) for m in found] == [
        ("T:Quyết định", 0), ("T:quyết định", 0), ("I:UBND", 7), ("T:Quyết định", 9),
        ("T:quyết định", 9)]


def test_longest_first_prefers_the_earlier_of_equal_lengths() -> None:
    overlapping = [PhraseMatch("b", 1, 3), PhraseMatch("a", 0, 2), PhraseMatch("c", 2, 4)]
    assert [m.key for m in longest_first(overlapping)] == ["a", "c"]


def test_find_is_linear_on_a_long_sequence() -> None:
    table = PhraseTable()
    table.add("x", "a a a b")
    words = ["a"] * 200_000
    assert table.find(words) == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab Đạ-/(),.\n\t\u0301\u00a0_9", max_size=60))
def test_syllable_spans_are_finditer_spans(text: str) -> None:
    found = list(SYLLABLE_RE.finditer(text))
    assert syllable_spans(text) == ([m.group() for m in found], [m.start() for m in found], [m.end() for m in found])
