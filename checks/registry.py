"""The rule registry: every flag code, its default severity and what a reviewer reads.

Codes are stable identifiers for machines (store, exports, the review queue filters);
the title and explanation are Vietnamese because the review web app shows them next to
each flag ("the rule's explanation").  They live in one table, :class:`baocao.codes.FlagCode`;
this module gives the checks their view of it.  A rule builds its flags through :func:`make_flag`
so the severity always comes from here unless a rule has a reason to lower/raise it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from baocao.codes import FlagCode, Severity
from baocao.model import Flag, Location


@dataclass(frozen=True)
class RuleInfo:
    code: str
    severity: Severity
    title: str
    explanation: str
    family: str  # module that raises it: values, notes, population, body, batch, citations


# Built from the one table of flag codes (baocao/codes.py): a new code is added there.
_RULES: tuple[RuleInfo, ...] = tuple(
    RuleInfo(code.value, code.severity, code.title, code.explanation, code.family) for code in FlagCode
)

RULES: dict[str, RuleInfo] = {rule.code: rule for rule in _RULES}


def register(rule: RuleInfo) -> None:
    """Let another family (e.g. the citation checks) add its codes to the registry."""
    RULES.setdefault(rule.code, rule)


def make_flag(
    code: FlagCode | str,
    message: str,
    *,
    severity: Severity | None = None,
    indicator: str | None = None,
    indicators: list[str] | None = None,
    citation: str | None = None,
    evidence: dict[str, Any] | None = None,
    location: Location | None = None,
) -> Flag:
    """A Flag whose severity defaults to the registry's, so codes and severities agree."""
    rule = RULES.get(code)
    return Flag(
        code=str(code),
        severity=severity or (rule.severity if rule else "warning"),
        message=message,
        indicator=indicator,
        indicators=indicators,
        citation=citation,
        evidence=evidence or {},
        location=location,
    )


def format_number(value: float | int | None, decimals: int = 2) -> str:
    """Vietnamese display of a number for messages: 1.002.912 and 97,1."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(round(value)):,}".replace(",", ".")
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
