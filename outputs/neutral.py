"""Text that is safe to put in front of people: neutral cells, file names, VN numbers.

``neutralize`` is the store export's (one rule for CSV, XLSX, DOCX): text whose first
non-blank character is ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading apostrophe.
Numbers are written the Vietnamese way through Babel's ``vi`` locale (1.002.912;
97,1%), so the report and the letters read like the Ministry's own documents.
"""

from __future__ import annotations

import re
from typing import Any

from babel.numbers import format_decimal

from normalizers.text import strip_diacritics
from store.export import neutralize

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def text(value: Any) -> str:
    """A field taken from a document, neutralised, as a string ('' for None)."""
    if value is None:
        return ""
    return str(neutralize(str(value)))


def slugify(name: str) -> str:
    """ASCII-safe file name part: "Hải Phòng" → "hai-phong", "Đắk Lắk" → "dak-lak"."""
    return _NOT_SLUG.sub("-", strip_diacritics(name)).strip("-")[:80]


def vn_number(value: float | int | None, decimals: int = 0) -> str:
    """1002912 → "1.002.912"; 97.14 with decimals=1 → "97,1"; None → "—"."""
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale="vi")


def vn_rate(value: float | None, decimals: int = 1) -> str:
    """97.1 → "97,1%" (the rate is already in percent)."""
    return "—" if value is None else vn_number(value, decimals) + "%"


__all__ = ["neutralize", "slugify", "text", "vn_number", "vn_rate"]
