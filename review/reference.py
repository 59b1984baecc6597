"""Reference lists the review pages lay out: the 34 provincial units and 25 indicators.

Both are read from the gazetteer, the one home of reference data; this module only
shapes them for the pages and names each rule from the table of flag codes
(``baocao.codes.FlagCode``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from baocao.codes import FlagCode
from gazetteer.indicators import catalog
from gazetteer.provinces import units


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    label: str
    short: str


def provinces() -> tuple[str, ...]:
    """Canonical names of the 34 units, in the gazetteer's order."""
    return units()


@cache
def indicators() -> tuple[IndicatorInfo, ...]:
    """The 25 Appendix 2 lines with their Ministry wording and short labels."""
    return tuple(IndicatorInfo(line.code, line.label, line.short) for line in catalog())


def indicator_label(code: str | None) -> str:
    if not code:
        return ""
    for info in indicators():
        if info.code == code:
            return info.label
    return code


def _flag_code(code: str) -> FlagCode | None:
    try:
        return FlagCode(code)
    except ValueError:  # a code stored by an older version, or a rule not in the table
        return None


def rule_explanation(code: str) -> str | None:
    """The Vietnamese explanation of a flag code, from the one table (baocao/codes.py)."""
    flag = _flag_code(code)
    return flag.explanation if flag else None


def rule_title(code: str) -> str:
    """Short Vietnamese name of a rule, or the code itself."""
    flag = _flag_code(code)
    return flag.title if flag else code
