"""Vietnamese typed in the pre-Unicode font encodings TCVN3 (ABC) and VNI → Unicode NFC.

Why this exists: until the 2000s (and still in some offices) Vietnamese was typed with
fonts that draw Vietnamese letters in place of Latin-1 characters.  The file stores "B¸o
c¸o" and the ``.VnTime`` font draws "Báo cáo"; with the ``VNI-Times`` font "Baùo caùo" is
drawn the same way (a base letter followed by a tone character).  Without the font the
text is gibberish to every extractor, so the readers convert such text here and say so
on the document (``Source.notes``), never silently.

* TCVN3 (TCVN 5712:1993 VN3, "ABC"): one character per letter.  Fonts named ``.VnXxx``;
  the ``.VnXxxH`` fonts draw the same codes as capitals.  The table is the VN3 part of
  TCVN 5712 (glibc's ``TCVN5712-1``) for 0xA1–0xFF; 0xB0–0xB4 (combining tones) are left
  alone because ABC fonts do not use them.
* VNI (VNI-Windows): a vowel followed by a tone/shape character, plus a few single
  characters (ñ = đ, ô = ơ, ö = ư, í ì æ ó ò = í ì ỉ ĩ ị, î = ỵ).  Fonts ``VNI-Xxx``.

Detection in plain text, where no font says it, is by character statistics
(:func:`detect_plain`): enough TCVN3-only characters or VNI vowel+tone pairs among the
words, and more of them than letters only Unicode Vietnamese has (a mixed document whose
legacy part dominates is legacy; the readers leave its Unicode blocks alone).
"""

from __future__ import annotations

import re
import unicodedata
from itertools import islice

# TCVN3 code (as a Latin-1 character) → Unicode letter, 0xA1..0xFF without 0xB0..0xB4.
_TCVN3_CODES = "".join(chr(code) for code in range(0xA1, 0x100) if not 0xB0 <= code <= 0xB4)
_TCVN3_LETTERS = (
    "ĂÂÊÔƠƯĐăâêôơưđ"  # A1..AE
    "ẰàảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ"  # AF, B5..FF
)
TCVN3_TABLE = str.maketrans(dict(zip(_TCVN3_CODES, _TCVN3_LETTERS, strict=True)))

# VNI: the character after a vowel that gives its shape and tone (lower/upper case forms).
_COMBINING = {"acute": "\u0301", "grave": "\u0300", "hook": "\u0309", "tilde": "\u0303",
              "dot": "\u0323", "circ": "\u0302", "breve": "\u0306", "horn": "\u031b"}  # fmt: skip
_VNI_TONES = {"ù": ("acute",), "ø": ("grave",), "û": ("hook",), "õ": ("tilde",), "ï": ("dot",)}
_VNI_CIRCUMFLEX = {"â": (), "á": ("acute",), "à": ("grave",), "å": ("hook",), "ã": ("tilde",), "ä": ("dot",)}
_VNI_BREVE = {"ê": (), "é": ("acute",), "è": ("grave",), "ú": ("hook",), "ü": ("tilde",), "ë": ("dot",)}
_VNI_SINGLE = {"ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
_VNI_HORN_BASES = {"ô": "o", "ö": "u"}  # ô = ơ, ö = ư in a VNI font


def _compose(base: str, marks: tuple[str, ...]) -> str:
    return unicodedata.normalize("NFC", base + "".join(_COMBINING[m] for m in marks))


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for typed, base in _VNI_HORN_BASES.items():
        table[typed] = _compose(base, ("horn",))
        table[typed.upper()] = _compose(base.upper(), ("horn",))
        for mark, tone in _VNI_TONES.items():
            table[typed + mark] = _compose(base, ("horn", *tone))
            table[typed.upper() + mark.upper()] = _compose(base.upper(), ("horn", *tone))
    marks_of = {**{k: ("tone", v) for k, v in _VNI_TONES.items()},
                **{k: ("circ", v) for k, v in _VNI_CIRCUMFLEX.items()},
                **{k: ("breve", v) for k, v in _VNI_BREVE.items()}}  # fmt: skip
    for vowel in "aeiouy":
        for mark, (shape, tone) in marks_of.items():
            if shape == "circ" and vowel not in "aeo" or shape == "breve" and vowel != "a":
                continue
            shaped = tone if shape == "tone" else (shape, *tone)
            table[vowel + mark] = _compose(vowel, shaped)
            table[vowel.upper() + mark.upper()] = _compose(vowel.upper(), shaped)
    for typed, letter in _VNI_SINGLE.items():
        table[typed] = letter
        table[typed.upper()] = letter.upper()
    return table


VNI_TABLE = _vni_table()
# Longest first, so "aù" wins over "a"; one pass, linear in the text.
_VNI_RE = re.compile("|".join(sorted(map(re.escape, VNI_TABLE), key=len, reverse=True)))

TCVN3 = "tcvn3"
VNI = "vni"


def from_tcvn3(text: str, capitals: bool = False) -> str:
    """TCVN3 text → Unicode NFC; ``capitals`` for the ``.VnXxxH`` fonts (all drawn upper case)."""
    converted = text.translate(TCVN3_TABLE)
    return unicodedata.normalize("NFC", converted.upper() if capitals else converted)


def from_vni(text: str) -> str:
    """VNI-Windows text → Unicode NFC."""
    return unicodedata.normalize("NFC", _VNI_RE.sub(lambda m: VNI_TABLE[m.group(0)], text))


def convert(text: str, encoding: str, capitals: bool = False) -> str:
    return from_tcvn3(text, capitals) if encoding == TCVN3 else from_vni(text)


def font_encoding(font: str | None) -> tuple[str | None, bool]:
    """(encoding, capitals) a font name implies: ``.VnTime`` → TCVN3, ``.VnTimeH`` → TCVN3
    capitals, ``VNI-Times`` → VNI; (None, False) for a Unicode font."""
    name = (font or "").strip()
    lowered = name.lower()
    if lowered.startswith(".vn"):
        return TCVN3, name.endswith("H")
    if lowered.startswith(("vni-", "vni ")):
        return VNI, False
    return None, False


# Characters TCVN3 text is full of and VNI text never has (VNI's tone characters ù ø û õ ï
# â á à å ã ä ê é è ú ü ë ñ í ì æ ó ò î ô ö, which French text also has, are left out).
_VNI_CHARS = frozenset("ùøûõïâáàåãäêéèúüëñíìæóòîôö" + "ùøûõïâáàåãäêéèúüëñíìæóòîôö".upper())
_TCVN3_MARKERS = frozenset(_TCVN3_CODES) - _VNI_CHARS - frozenset("\u00a0ª«°±²³´")
# One regex pass counts them (a per-character Python loop took ~30 ms on 200,000 characters).
_TCVN3_MARKER_RE = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_TCVN3_MARKERS)) + "]")
# A vowel and a VNI mark, or "ñ" alone; one branch that starts on a class (half the time
# of "[vowel][mark]|[ñÑ]", which the engine tries branch by branch at every character).
_VNI_PAIR_RE = re.compile("[aeiouyAEIOUYôöÔÖñÑ](?:(?<=[ñÑ])|[ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË])")
_UNICODE_VIETNAMESE_RE = re.compile("[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")
_WORD_RE = re.compile(r"\w+")
SAMPLE_CHARS = 200_000  # statistics on a bounded prefix: linear, whatever the file size
MIN_SHARE = 0.15  # hits per word; Vietnamese has a toned letter in most words


def detect_plain(text: str) -> str | None:
    """TCVN3, VNI or None (Unicode or not Vietnamese) for text with no font information."""
    sample = text[:SAMPLE_CHARS]
    tcvn3 = len(_TCVN3_MARKER_RE.findall(sample))
    vni = len(_VNI_PAIR_RE.findall(sample))
    best, hits = (TCVN3, tcvn3) if tcvn3 >= vni else (VNI, vni)
    if not hits or _at_least(_UNICODE_VIETNAMESE_RE, sample, hits):
        return None  # not legacy, or mostly real Unicode Vietnamese (most reports: no word count)
    words = len(_WORD_RE.findall(sample))
    if words < 5 or hits < words * MIN_SHARE:
        return None  # too short to judge, or not Vietnamese
    return best


def _at_least(pattern: re.Pattern[str], text: str, count: int) -> bool:
    """Whether ``pattern`` occurs ``count`` times in ``text`` (stops counting there)."""
    return sum(1 for _ in islice(pattern.finditer(text), count)) >= count


# The other way round: what a legacy font's user typed, for test samples and round-trip
# checks.  A capital with a tone has no code in the ABC (.VnTime) fonts (such text is typed
# in the .VnTimeH capitals font), so :func:`to_tcvn3` writes it as the small letter.
_TO_TCVN3 = {letter: code for code, letter in zip(_TCVN3_CODES, _TCVN3_LETTERS, strict=True)}
_TO_VNI = {letter: typed for typed, letter in sorted(VNI_TABLE.items(), key=lambda kv: -len(kv[0]))
           if typed not in ("í", "ì", "Í", "Ì") or letter == typed}  # fmt: skip


def to_tcvn3(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TO_TCVN3 or ch.isascii():
            out.append(_TO_TCVN3.get(ch, ch))
        else:
            out.append(_TO_TCVN3.get(ch.lower(), ch))
    return "".join(out)


def to_vni(text: str) -> str:
    return "".join(_TO_VNI.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def has_unicode_vietnamese(text: str) -> bool:
    """Whether ``text`` holds a letter only Unicode Vietnamese has (ă đ ơ ư, ạ…ỹ)."""
    return _UNICODE_VIETNAMESE_RE.search(text) is not None


# TCVN3 writes the bare "ư" as 0xAD, the soft hyphen: a PDF renderer or text layer often
# drops it ("lượng" → "lợng", "được" → "đợc").  Vietnamese has no rhyme "ơng", "ơc", "ơu"
# without the "ư" before the "ơ", so those are restored; "ngời" is "người" in any report.
_DROPPED_U_RE = re.compile(r"(?<![ưƯ])([ơờớởỡợƠỜỚỞỠỢ])(?=(?:ng|c|u|NG|C|U)\b)")
_NGOI_RE = re.compile(r"\b([Nn])g(ời)\b")


def restore_dropped_u(text: str) -> str:
    """Put back the "ư" a soft-hyphen-dropping renderer lost from TCVN3 text (see above)."""
    text = _DROPPED_U_RE.sub(lambda m: ("Ư" if m.group(1).isupper() else "ư") + m.group(1), text)
    return _NGOI_RE.sub(lambda m: f"{m.group(1)}gư{m.group(2)}", text)
