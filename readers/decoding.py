"""One place that turns a text file's bytes into str: BOMs, UTF-8, UTF-16, cp1258.

Why: reports arrive as text dumps saved by Notepad (UTF-16 with BOM), by old Windows tools
(cp1258, Vietnamese Windows code page, tones as combining marks) or as UTF-8.  Trying
``utf-16`` blindly decodes any even-length byte string "successfully" into garbage, so
UTF-16 is only taken with a BOM or when NUL bytes sit in every other position.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SAMPLE = 1 << 16  # bytes looked at to guess UTF-16 without BOM (bounded work)


@dataclass(frozen=True)
class Decoded:
    """Decoded text (NFC) and the encoding used, for provenance notes."""

    text: str
    encoding: str
    legacy: str | None = None  # "tcvn3"/"vni": the text was typed in a legacy font encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes fill one byte lane (ASCII-heavy text)."""
    sample = data[:SAMPLE]
    if len(sample) < 4 or len(sample) % 2:
        return None
    pairs = len(sample) // 2
    odd_nuls = sample[1::2].count(0)
    even_nuls = sample[0::2].count(0)
    if odd_nuls >= pairs * 0.3 and even_nuls <= pairs * 0.05:
        return "utf-16-le"
    if even_nuls >= pairs * 0.3 and odd_nuls <= pairs * 0.05:
        return "utf-16-be"
    return None


def detect_encoding(data: bytes) -> str:
    """The encoding to decode ``data`` with; cp1258 when nothing stricter fits."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    lane = _utf16_without_bom(data)
    if lane:
        return lane
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1258"


def decode_bytes(data: bytes) -> Decoded:
    """Decode with :func:`detect_encoding`, never raising; NFC so cp1258 marks compose.

    Text typed with TCVN3 (.VnTime) or VNI fonts is recognised by its character statistics
    (in single-byte files before cp1258 would reinterpret its bytes, and in UTF-8 text
    pasted from such a document) and converted; ``legacy`` says so.
    """
    from normalizers.legacy_encodings import convert, detect_plain

    encoding = detect_encoding(data)
    if encoding == "cp1258":
        as_bytes = data.decode("latin-1")  # one character per byte, as the legacy fonts mean them
        legacy = detect_plain(as_bytes)
        if legacy:
            return Decoded(text=convert(as_bytes, legacy), encoding="latin-1", legacy=legacy)
    text = unicodedata.normalize("NFC", data.decode(encoding, errors="replace"))
    legacy = detect_plain(text)
    if legacy:
        return Decoded(text=convert(text, legacy), encoding=encoding, legacy=legacy)
    return Decoded(text=text, encoding=encoding)
