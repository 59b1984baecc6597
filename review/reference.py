"""Reference lists the review pages lay out: the 34 provincial units and 25 indicators.

Both are read from the gazetteer, the one home of reference data; this module only
shapes them for the pages and names each rule by the checks' registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from checks.registry import RULES
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
