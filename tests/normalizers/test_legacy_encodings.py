"""TCVN3 (.VnTime) and VNI text → Unicode: tables, font names, detection in plain text."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalizers.legacy_encodings import (
    _TCVN3_CODES,
    _TCVN3_LETTERS,
    _TCVN3_MARKER_RE,
    _UNICODE_VIETNAMESE_RE,
    _VNI_PAIR_RE,
    _WORD_RE,
    MIN_SHARE,
    TCVN3,
    VNI,
    detect_plain,
    font_encoding,
    from_tcvn3,
    from_vni,
    to_tcvn3,
    to_vni,
)

SENTENCES = [
    "Báo cáo kết quả thực hiện Quyết định số 131/QĐ-TTg của Thủ tướng Chính phủ",
    "Tổng số giáo viên có máy tính: 51.608, đạt tỉ lệ 97,1%",
    "Sở Giáo dục và Đào tạo tỉnh Đắk Lắk; Điện Biên; Thừa Thiên Huế; Bà Rịa - Vũng Tàu",
    "ă â ê ô ơ ư đ ằ ắ ẳ ẵ ặ ầ ấ ẩ ẫ ậ ề ế ể ễ ệ ồ ố ổ ỗ ộ ờ ớ ở ỡ ợ ừ ứ ử ữ ự ỳ ý ỷ ỹ ỵ ì í ỉ ĩ ị",
]


@pytest.mark.parametrize(
    ("typed", "unicode"),
    [
        ("B¸o c¸o kÕt qu¶ thùc hiÖn QuyÕt ®Þnh sè 131/Q§-TTg", "Báo cáo kết quả thực hiện Quyết định số 131/QĐ-TTg"),
        ("cña Thñ t\u00adíng ChÝnh phñ", "của Thủ tướng Chính phủ"),
        ("§¾k L¾k, §iÖn Biªn", "Đắk Lắk, Điện Biên"),
    ],
)
def test_tcvn3_text(typed: str, unicode: str) -> None:
    assert from_tcvn3(typed) == unicode


def test_tcvn3_capitals_font() -> None:
    assert from_tcvn3("b¸o c¸o tæng hîp", capitals=True) == "BÁO CÁO TỔNG HỢP"


@pytest.mark.parametrize(
    ("typed", "unicode"),
    [
        ("Baùo caùo keát quaû thöïc hieän Quyeát ñònh soá 131/QÑ-TTg", "Báo cáo kết quả thực hiện Quyết định số 131/QĐ-TTg"),
        ("cuûa Thuû töôùng Chính phuû", "của Thủ tướng Chính phủ"),
        ("TOÅNG SOÁ GIAÙO VIEÂN ÑAÏT", "TỔNG SỐ GIÁO VIÊN ĐẠT"),
        ("Ñaék Laék, Ñieän Bieân, tæ leä, tyû leä", "Đắk Lắk, Điện Biên, tỉ lệ, tỷ lệ"),
    ],
)
def test_vni_text(typed: str, unicode: str) -> None:
    assert from_vni(typed) == unicode


@pytest.mark.parametrize("sentence", SENTENCES)
def test_round_trip(sentence: str) -> None:
    assert from_vni(to_vni(sentence)) == sentence
    assert from_tcvn3(to_tcvn3(sentence)) == sentence


@pytest.mark.skipif(shutil.which("iconv") is None, reason="glibc iconv not installed")
def test_tcvn3_table_agrees_with_glibc() -> None:
    codes = bytes(ord(ch) for ch in _TCVN3_CODES)
    out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=codes, capture_output=True, check=True)
    assert out.stdout.decode() == _TCVN3_LETTERS


@pytest.mark.parametrize(
    ("font", "expected"),
    [(".VnTime", (TCVN3, False)), (".VnTimeH", (TCVN3, True)), (".VnArial Narrow", (TCVN3, False)),
     ("VNI-Times", (VNI, False)), ("VNI-Helve-Condense", (VNI, False)), ("Times New Roman", (None, False)),
     (None, (None, False)), ("", (None, False))],
)  # fmt: skip
def test_font_encoding(font: str | None, expected: tuple) -> None:
    assert font_encoding(font) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *[(to_tcvn3(s), TCVN3) for s in SENTENCES[:3]],
        *[(to_vni(s), VNI) for s in SENTENCES[:3]],
        *[(s, None) for s in SENTENCES],
        ("Le café était très bon à Paris, même pour les élèves français de la région", None),
        ("Tong so giao vien co may tinh dat ti le 97,1% nam 2025 theo bao cao", None),
        ("1.002.912 | 97,1% | 32.86 %", None),
        ("", None),
    ],
)
def test_detect_plain(text: str, expected: str | None) -> None:
    assert detect_plain(text) == expected


def test_detection_is_bounded() -> None:
    huge = to_tcvn3(SENTENCES[0]) * 100_000
    assert detect_plain(huge) == TCVN3


@pytest.mark.parametrize(
    ("lost", "restored"),
    [("Số lợng ngời học đợc quản lý", "Số lượng người học được quản lý"), ("trờng, hớng dẫn, rợu", "trường, hướng dẫn, rượu"),
     ("LỢNG", "LƯỢNG"), ("sơn, mới, lớp, cơm, lượng", "sơn, mới, lớp, cơm, lượng")],
)  # fmt: skip
def test_restore_dropped_u(lost: str, restored: str) -> None:
    from normalizers.legacy_encodings import restore_dropped_u

    assert restore_dropped_u(lost) == restored


def _detect_counting_everything(text: str) -> str | None:
    """detect_plain as first written: every count over the whole sample, words first."""
    words = len(_WORD_RE.findall(text))
    if words < 5:
        return None
    unicode = len(_UNICODE_VIETNAMESE_RE.findall(text))
    tcvn3 = len(_TCVN3_MARKER_RE.findall(text))
    vni = len(re.findall("[aeiouyAEIOUYôöÔÖ][ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]|[ñÑ]", text))
    best, hits = (TCVN3, tcvn3) if tcvn3 >= vni else (VNI, vni)
    return None if hits < words * MIN_SHARE or unicode >= hits else best


# Words of each kind, so that samples land on every side of every threshold.
_WORDS = st.sampled_from([to_tcvn3(w) for w in SENTENCES[0].split()] + [to_vni(w) for w in SENTENCES[1].split()]
                         + SENTENCES[2].split() + ["ñoño", "aù", "Ñ", "and", "12", "ôù"])  # fmt: skip


@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_detection_stops_counting_early_without_changing_the_answer(text: str) -> None:
    assert detect_plain(text) == _detect_counting_everything(text)


@given(st.text(alphabet="aeoyAôöÔÖñÑùøÙØâÂ x", max_size=40))
def test_vni_pairs_as_one_branch(text: str) -> None:
    original = re.compile("[aeiouyAEIOUYôöÔÖ][ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]|[ñÑ]")
    assert [m.span() for m in _VNI_PAIR_RE.finditer(text)] == [m.span() for m in original.finditer(text)]
