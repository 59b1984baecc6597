"""Text decoding: BOMs, UTF-16 by byte lanes, UTF-8, cp1258 (the even-length bug)."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from baocao.model import Source
from readers.decoding import decode_bytes, detect_encoding
from readers.text import read_text

SENTENCE = "Tổng số giáo viên có máy tính: 51.608, đạt tỉ lệ 97,1%"
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258 writes Vietnamese: base letter, then a combining tone mark."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONES))
        out.append(base + "".join(p for p in parts if p in TONES))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), "utf-8-sig"),
        (SENTENCE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"), "utf-16"),
        (SENTENCE.encode("utf-16-le"), "utf-16-le"),
        (SENTENCE.encode("utf-16-be"), "utf-16-be"),
        (SENTENCE.encode("utf-8"), "utf-8"),
        (cp1258(SENTENCE), "cp1258"),
    ],
)
def test_every_encoding_gives_the_sentence(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert decoded.text == SENTENCE


@pytest.mark.parametrize("extra", ["", "x"])
def test_cp1258_of_either_length_is_not_read_as_utf16(extra: str) -> None:
    """The old reader tried utf-16 first: any even-length cp1258 file became CJK garbage."""
    data = cp1258(SENTENCE + extra)
    assert detect_encoding(data) == "cp1258"
    assert decode_bytes(data).text == SENTENCE + extra


def test_cp1258_combining_tones_are_composed() -> None:
    # cp1258 writes 'ố' as 'ô' + combining acute (0xEC): NFC must give one code point.
    data = cp1258("Số")
    assert len(data) == 3
    assert decode_bytes(data).text == "Số"


def test_text_reader_reads_even_length_cp1258_file(tmp_path) -> None:
    text = "Phụ lục 2\nTổng số trường: 120\n"
    data = cp1258(text)
    if len(data) % 2:
        data += b"\n"
    path = tmp_path / "bao-cao.txt"
    path.write_bytes(data)
    document = read_text(path, Source(path=str(path), sha256="0" * 64, format="txt"))
    assert [block.text for block in document.blocks] == ["Phụ lục 2", "Tổng số trường: 120"]
