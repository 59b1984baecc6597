"""File names as people should see them: decoded from whatever bytes they arrived in.

Inbox paths, MIME attachment names and zip members come in UTF-8, RFC 2047, or the
code pages of Vietnamese Windows and DOS zip tools.  Decoded names are display text
only; locators keep the raw bytes escaped, so a name never chooses where anything is
written.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import unicodedata
from email.header import decode_header, make_header
from pathlib import Path

# Code pages tried for a file name that is not UTF-8: Vietnamese Windows, then the DOS
# OEM pages zip tools on Windows write.
NAME_CODECS = ("cp1258", "cp437", "cp850")


def decode_name(raw: bytes) -> str:
    """A name's bytes as text: UTF-8, else the first code page giving only plain
    characters (letters, digits, usual punctuation), else UTF-8 with escapes; NFC."""
    try:
        return unicodedata.normalize("NFC", raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    for codec in NAME_CODECS:
        with contextlib.suppress(UnicodeDecodeError):
            text = unicodedata.normalize("NFC", raw.decode(codec))
            if all(plain_name_char(ch) for ch in text):
                return text
    mixed = raw.decode("utf-8", errors="baocao-cp1258")  # UTF-8 with stray windows-1258 bytes
    if all(plain_name_char(ch) for ch in unicodedata.normalize("NFC", mixed)):
        return unicodedata.normalize("NFC", mixed)
    return raw.decode("utf-8", errors="backslashreplace")


def _cp1258_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("cp1258", errors="replace"), error.end


codecs.register_error("baocao-cp1258", _cp1258_fallback)


def fs_names(rel: Path) -> tuple[str, str, str]:
    """(locator, display path, name) of an inbox-relative path whose bytes may not be UTF-8.

    The locator escapes undecodable bytes (``B\\xe1o cáo.txt``): stable across runs and
    storable; the display path shows the decoded name with the raw one beside it.
    """
    raw = os.fsencode(rel.as_posix())
    escaped = raw.decode("utf-8", errors="backslashreplace")
    decoded = "/".join(decode_name(part) for part in raw.split(b"/"))
    name = decoded.rsplit("/", 1)[-1]
    if decoded == escaped:
        return escaped, escaped, name
    return escaped, f"{decoded} (tên gốc: {escaped})", name


def display_name(raw: str | None) -> str | None:
    """A decoded, NFC, path-free, printable file name for display (never for paths)."""
    if not raw:
        return None
    text = str(raw)
    if "=?" in text:
        with contextlib.suppress(ValueError, LookupError, UnicodeDecodeError):
            text = str(make_header(decode_header(text)))
    text = unicodedata.normalize("NFC", text)
    text = re.split(r"[\\/]", text)[-1]
    text = "".join(ch for ch in text if ch.isprintable()).strip().lstrip(".").rstrip(". ")
    if len(text) > 200:  # keep the suffix: it names the format
        stem, suffix = (text.rsplit(".", 1) + [""])[:2] if "." in text[-9:] else (text, "")
        text = stem[: 200 - len(suffix) - 1].rstrip() + ("." + suffix if suffix else "")
    return text or None


def plain_name_char(char: str) -> bool:
    return char.isalnum() or char in " ._-()[]{}/,&+'~#@!=%"
