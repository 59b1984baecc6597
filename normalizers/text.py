"""Text folding for matching Vietnamese labels, names and headers.

Reports come from Word, PDF and Excel with every kind of Unicode noise: decomposed
diacritics (NFD from macOS/PDF), the Icelandic eth "Ð" (U+00D0) typed instead of the
Vietnamese "Đ" (U+0110), non-breaking and zero-width spaces, typographic quotes and
dashes, and the two spellings "tỷ"/"tỉ".  Matchers compare ``fold(a) == fold(b)``;
``strip_diacritics`` goes further for e-mail addresses and file names, where people
write "haiphong" for "Hải Phòng".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import regex

__all__ = ["nfc", "fold", "strip_diacritics", "unify_lookalikes", "collapse_spaces", "base_letters",
           "RunTranslation", "TOTAL_LABEL_RE"]

# A cell that labels the row adding the others up ("Tổng số", "Cộng", "Toàn tỉnh"): the
# checks verify such totals (checks.tables) and the PDF reader reads their tables for it.
TOTAL_LABEL_RE = re.compile(
    r"^\s*(?:tổng\s+số|tổng\s+cộng|tổng|cộng|toàn\s+(?:tỉnh|thành\s+phố|ngành))\s*:?\s*$", re.IGNORECASE
)


class RunTranslation:
    """``text.translate(table)``, translating only the runs of the characters ``table`` maps.

    A dict-driven ``str.translate`` costs ~70 ns a character of Vietnamese text (18 ms on a
    100-page report's 240,000 characters); finding the runs costs ~10 (stdlib ``re``,
    faster than ``regex`` for a plain class), and most texts hold few or none of them.
    """

    def __init__(self, table: dict[int, str | int | None]) -> None:
        self.table = table
        self._runs = re.compile("[" + "".join(re.escape(chr(code)) for code in table) + "]+")

    def __call__(self, text: str) -> str:
        return self._runs.sub(self._translate, text)

    def _translate(self, run: re.Match[str]) -> str:
        return run.group().translate(self.table)


# Characters that look like others a matcher expects; mapped before anything else.
_LOOKALIKES = str.maketrans(
    {
        "\u00d0": "\u0110",  # Ð (eth) -> Đ
        "\u00f0": "\u0111",  # ð (eth) -> đ
        "\u0189": "\u0110",  # Ɖ (African D) -> Đ
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2007": " ",  # figure space
        "\u2009": " ",  # thin space
        "\u3000": " ",  # ideographic space
        "\u200b": "",  # zero-width space
        "\u200c": "",  # zero-width non-joiner
        "\u200d": "",  # zero-width joiner
        "\ufeff": "",  # BOM / zero-width no-break space
        "\u00ad": "",  # soft hyphen
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",
        "\u2212": "-",  # minus sign
        "\u2026": "...",  # ellipsis
        "\uff05": "%",  # fullwidth percent
        "\u066a": "%",  # arabic percent
    }
)
_unify = RunTranslation(_LOOKALIKES)

# "tỷ lệ" and "tỉ lệ" are both correct spellings; fold to one (old-style "y" forms).
_TY_RE = re.compile(r"\bt[ỷỉ]\b")
_SPACE_RE = re.compile(r"\s+")
# Old-style tone placement ("hoà", "khoẻ", "thuỷ") vs new style ("hòa", "khỏe", "thủy"):
# both are in use, so fold moves the tone of an open "oa"/"oe"/"uy" onto its first vowel.
# After "q" the "u" is part of the consonant ("quý", "quà") and nothing moves.
_OLD_TONE_RE = re.compile(
    r"(?<![q\w])(\w*?)(?<!q)([ou])([aey])([\u0300\u0301\u0303\u0309\u0323])(?!\w)"
)


# What an old-style tone looks like composed: "o"/"u" then a toned "a"/"e"/"y" ending the
# word.  A line without it cannot match ``_OLD_TONE_RE`` (a necessary condition only).
_OLD_TONE_HINT = re.compile(r"[ou][àáảãạèéẻẽẹỳýỷỹỵ](?!\w)")


def nfc(s: str) -> str:
    """NFC-normalize (decomposed diacritics from PDFs/macOS become single code points)."""
    return unicodedata.normalize("NFC", s)


def unify_lookalikes(s: str) -> str:
    """NFC plus lookalike letters, odd spaces, quotes, dashes and ellipsis unified."""
    return nfc(_unify(nfc(s)))


def collapse_spaces(s: str) -> str:
    """One plain space between words, none at the ends."""
    return _SPACE_RE.sub(" ", s).strip()


def fold(s: str) -> str:
    """Lowercased, NFC, lookalikes unified, whitespace collapsed, "tỉ" -> "tỷ".

    Diacritics (and "đ" vs "d") are kept: "Hà Nam" and "Hà Nấm" differ.  The same lines
    are folded by several extractors (province, parts, citations, checks), so short
    strings are remembered (bounded cache; a long cell is folded each time).
    """
    if len(s) <= _FOLD_CACHE_MAX_CHARS:
        return _fold_cached(s)
    return _fold(s)


_FOLD_CACHE_MAX_CHARS = 400


@lru_cache(maxsize=32768)
def _fold_cached(s: str) -> str:
    return _fold(s)


def _fold(s: str) -> str:
    s = collapse_spaces(unify_lookalikes(s)).lower()
    return _TY_RE.sub("tỷ", _new_style_tones(s))


def _new_style_tones(s: str) -> str:
    """"hoà" -> "hòa", "thuỷ" -> "thủy" (see ``_OLD_TONE_RE``); input is lowercase NFC."""
    if not _OLD_TONE_HINT.search(s):
        return s  # most lines: nothing to move, and no NFD/NFC round trip
    decomposed = unicodedata.normalize("NFD", s)
    moved = _OLD_TONE_RE.sub(_move_tone, decomposed)
    return nfc(moved)


def _move_tone(m: re.Match[str]) -> str:
    head, first, second, tone = m.groups()
    if (first, second) not in {("o", "a"), ("o", "e"), ("u", "y")}:
        return m.group()
    return head + first + tone + second


def strip_diacritics(s: str) -> str:
    """``fold`` without tone/vowel marks and with "đ" -> "d": "Hải Phòng" -> "hai phong".

    Short strings are remembered, as in :func:`fold` (the letterhead, title and citation
    finders strip the same lines)."""
    if len(s) <= _FOLD_CACHE_MAX_CHARS:
        return _strip_cached(s)
    return _strip(s)


@lru_cache(maxsize=32768)
def _strip_cached(s: str) -> str:
    return _strip(s)


def _strip(s: str) -> str:
    s = unicodedata.normalize("NFD", fold(s))
    s = _NONSPACING_MARKS.sub("", s)  # in C: a per-character generator took seconds on a long cell
    return nfc(s.replace("đ", "d"))


_NONSPACING_MARKS = regex.compile(r"\p{Mn}+")


def _base_letter_table() -> dict[int, str | None]:
    """Every Latin letter with marks -> its lowercase base ("Ộ" -> "o", "Đ" -> "d"),
    combining marks and the zero-width characters of ``_LOOKALIKES`` deleted."""
    table: dict[int, str | None] = {}
    for code in range(0x41, 0x250):
        base = "".join(ch for ch in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(ch))
        if len(base) == 1 and base.isalpha():
            table[code] = base.lower()
    for code in range(0x1E00, 0x1F00):  # Latin Extended Additional: "ạ", "ế", "ộ", "ỹ"...
        base = "".join(ch for ch in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(ch))
        if len(base) == 1:
            table[code] = base.lower()
    for code in range(0x300, 0x370):
        table[code] = None
    for lookalike, replacement in _LOOKALIKES.items():
        if replacement == "":
            table[lookalike] = None
    table.update({0x110: "d", 0x111: "d", 0xD0: "d", 0xF0: "d", 0x189: "d"})
    return table


_BASE_LETTERS = _base_letter_table()


def base_letters(s: str) -> str:
    """Lowercase base letters, one C pass: a cheap *necessary* condition before
    :func:`strip_diacritics` ("Hạnh phúc" -> "hanh phuc").

    Not a replacement for it: spaces and punctuation are left as they are.  A word that
    :func:`strip_diacritics` gives contains the same letters here, so "phuc" not in
    ``base_letters(line)`` means no stripped pattern with "phuc" can match the line.
    """
    return s.translate(_BASE_LETTERS)
