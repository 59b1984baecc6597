"""Text folding: Unicode noise from Word/PDF must not break matching."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers.text import _LOOKALIKES, fold, nfc, strip_diacritics, unify_lookalikes


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (unicodedata.normalize("NFD", "Hải Phòng"), "hải phòng"),
        ("\u00d0ộc lập", "độc lập"),  # Icelandic eth typed for Đ
        ("Tỷ lệ", "tỉ lệ"),
        ("Tỉ   trọng", "tỷ trọng"),
        ("Sở\u00a0GDĐT", "sở gdđt"),
        ("Bà Rịa – Vũng Tàu", "bà rịa - vũng tàu"),
        ("“Tên”", '"tên"'),
        ("  nhiều\tkhoảng\n trắng ", "nhiều khoảng trắng"),
        ("zero\u200bwidth", "zerowidth"),
    ],
)
def test_fold_equal(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("a", "b"), [("Hà Nam", "Hà Nấm"), ("Đà", "Da"), ("tỷ", "ty")])
def test_fold_keeps_diacritics_and_d_bar(a: str, b: str) -> None:
    assert fold(a) != fold(b)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hải Phòng", "hai phong"),
        ("ĐẮK LẮK", "dak lak"),
        ("\u00d0à Nẵng", "da nang"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("Quảng Ninh", "quang ninh"),
    ],
)
def test_strip_diacritics(text: str, expected: str) -> None:
    assert strip_diacritics(text) == expected


def test_nfc_composes() -> None:
    assert nfc(unicodedata.normalize("NFD", "Ệ")) == "Ệ"
    assert len(nfc(unicodedata.normalize("NFD", "Ệ"))) == 1


@pytest.mark.parametrize(
    ("old_style", "new_style"),
    [
        ("Hoà Bình", "Hòa Bình"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("khoẻ", "khỏe"),
        ("thuỷ", "thủy"),
        ("tuỳ", "tùy"),
        ("hoạ", "họa"),
    ],
)
def test_fold_unifies_tone_placement(old_style: str, new_style: str) -> None:
    assert fold(old_style) == fold(new_style)


@pytest.mark.parametrize("word", ["quý", "quà", "hoàng", "ngoài", "của", "thuở", "hoa"])
def test_fold_leaves_other_tones(word: str) -> None:
    assert fold(word) == word


# The shortcut in _new_style_tones (skip lines without a composed old-style tone) must
# never change a result: compare with the full NFD round trip on random Vietnamese text.
_VIET_LETTERS = "aoeuyiqhkltnđàáảãạèéẻẽẹỳýỷỹỵòóỏõọùúủũụôơưâăêìíỉĩị "


def _tones_the_long_way(s: str) -> str:
    from normalizers import text

    return text.nfc(text._OLD_TONE_RE.sub(text._move_tone, unicodedata.normalize("NFD", s)))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_VIET_LETTERS, max_size=40))
def test_the_old_tone_shortcut_changes_nothing(s: str) -> None:
    from normalizers.text import _new_style_tones

    assert _new_style_tones(s) == _tones_the_long_way(s)


_NOISY = "phucoHỘIhộiPHÚCphúcÐđĐ \u200b\u00ad\u00a0-–.ạ\u0323\u0301tỉ"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_NOISY, max_size=30))
def test_base_letters_is_a_necessary_condition_for_stripped_words(s: str) -> None:
    from normalizers.text import base_letters

    for word in ("hoi", "phuc", "hoa"):
        if word in strip_diacritics(s):
            assert word in base_letters(s)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CỘNG HÒA XÃ HỘI", "cong hoa xa hoi"),
        ("Ðộc lập – Tự do – Hạnh phúc", "doc lap – tu do – hanh phuc"),
        ("h\u200bội", "hoi"),
        ("ho\u0323\u0302i", "hoi"),  # decomposed marks
    ],
)
def test_base_letters(text: str, expected: str) -> None:
    from normalizers.text import base_letters

    assert base_letters(text) == expected


@given(st.text(alphabet="".join(chr(code) for code in _LOOKALIKES) + "aĐđ ̀\u0323Hà Nội-\n", max_size=60))
def test_lookalikes_translated_run_by_run(text: str) -> None:
    once = unicodedata.normalize("NFC", text).translate(_LOOKALIKES)
    assert unify_lookalikes(text) == unicodedata.normalize("NFC", once)
