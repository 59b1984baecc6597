"""Repair the slips OCR makes in figures, and say what was repaired (never silently).

Tesseract reading a scanned table confuses a few glyphs in numbers: the dot of grouped
thousands read as ':' or ',' ("9:302", "1.002,912"), the letter O/o for the digit 0, l/I
for 1 ("l0.5O6"), and a decimal comma lost in a rate ("971%" for "97,1%").  These repairs
run only on text that came from OCR; each returns what was read and what it became so
the value's location carries the repair and a check can show it to a reviewer.
"""

from __future__ import annotations

import re

# A figure-like token: digits mixed with the letters OCR takes for digits, at most 24 long.
_TOKEN_RE = re.compile(r"(?<![\w.,:])[\dOolI][\dOolI.,:]{0,22}[\dOolI](?![\w])")
_LETTER_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})
_COLON_GROUPS_RE = re.compile(r"^\d{1,3}(?:[.:]\d{3})+$")
_COMMA_LAST_GROUP_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+,\d{3}$")
_LOST_DECIMAL_RE = re.compile(r"(?<![\d.,])([1-9]\d{2,3})(\s?%)")


def _fixed_token(token: str) -> str:
    digits = sum(ch.isdigit() for ch in token)
    if digits < 1 or (digits < 2 and len(token) < 3):
        return token
    if any(ch in "OolI" for ch in token):
        token = token.translate(_LETTER_DIGITS)
    if ":" in token and _COLON_GROUPS_RE.match(token):
        token = token.replace(":", ".")
    if _COMMA_LAST_GROUP_RE.match(token):
        token = token.replace(",", ".")
    return token


def _lost_decimal(match: re.Match) -> str:
    number = match.group(1)
    if int(number) <= 100:
        return match.group(0)
    return f"{number[:2]},{number[2:]}{match.group(2)}"


def repair_figures(text: str) -> tuple[str, list[str]]:
    """(repaired text, ["read → repaired", ...]) for one OCR'd cell or line."""
    repairs: list[str] = []

    def token(match: re.Match) -> str:
        fixed = _fixed_token(match.group(0))
        if fixed != match.group(0):
            repairs.append(f"{match.group(0)} → {fixed}")
        return fixed

    text = _TOKEN_RE.sub(token, text)

    def rate(match: re.Match) -> str:
        fixed = _lost_decimal(match)
        if fixed != match.group(0):
            repairs.append(f"{match.group(0).strip()} → {fixed.strip()}")
        return fixed

    if "%" in text:
        text = _LOST_DECIMAL_RE.sub(rate, text)
    return text, repairs
