"""Reference lists the review pages lay out: the 34 provincial units and 25 indicators.

Both come from the gazetteer (the one home of reference data); the fallbacks below
only keep the review app usable while those files are being written or if one is
broken, and mirror issue 4 (Resolution 202/2025/QH15) and letter 6541 Appendix 2.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

from checks.registry import RULES

log = logging.getLogger(__name__)

_FALLBACK_PROVINCES = (
    "Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "TP. Hồ Chí Minh", "Cần Thơ",
    "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
    "Hưng Yên", "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip

_FALLBACK_INDICATOR_CODES = (
    "1a", "1b", "1c", "1d", "2a", "2b", "2c", "2d", "3a", "3b", "3c", "4a", "5a", "5b",
    "6a", "7a", "8a", "8b", "8c", "8d", "8e", "9a", "9b", "9c", "9d",
)  # fmt: skip


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    label: str
    short: str


@cache
def provinces() -> tuple[str, ...]:
    """Canonical names of the 34 units, in the gazetteer's order."""
    try:
        from gazetteer import load_csv

        rows = [r for r in load_csv("provinces.csv") if r.get("status", "current") == "current"]
        names = tuple(dict.fromkeys(_province_name(row) for row in rows))
        names = tuple(n for n in names if n)
        if len(names) >= 30:
            return names
    except Exception as exc:  # missing/being-written file: fall back, but say so
        log.info("provinces.csv unavailable (%s); using the built-in list", exc)
    return _FALLBACK_PROVINCES


def _province_name(row: dict[str, str]) -> str:
    for key in ("canonical", "name", "province"):
        if row.get(key):
            return row[key].strip()
    return ""


@cache
def indicators() -> tuple[IndicatorInfo, ...]:
    """The 25 Appendix 2 lines with their labels (gazetteer/indicators.toml)."""
    try:
        from gazetteer import load_toml

        rows = load_toml("indicators.toml")["indicator"]
        infos = tuple(
            IndicatorInfo(r["code"], r.get("label", r["code"]), r.get("short") or r["code"])
            for r in rows
        )
        if infos:
            return infos
    except Exception as exc:
        log.info("indicators.toml unavailable (%s); using bare codes", exc)
    return tuple(IndicatorInfo(c, c, c) for c in _FALLBACK_INDICATOR_CODES)


def indicator_label(code: str | None) -> str:
    if not code:
        return ""
    for info in indicators():
        if info.code == code:
            return info.label
    return code


def _rules() -> dict:
    return RULES


def rule_explanation(code: str) -> str | None:
    """The checks helper's explanation of a rule code, when it has one."""
    info = _rules().get(code)
    if info is None:
        return None
    if isinstance(info, str):
        return info
    for attr in ("explanation", "description", "title"):
        text = getattr(info, attr, None)
        if text:
            return str(text)
    return None


def rule_title(code: str) -> str:
    """Short Vietnamese name of a rule, or the code itself."""
    info = _rules().get(code)
    return str(getattr(info, "title", None) or code)
