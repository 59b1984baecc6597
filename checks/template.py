"""What the Appendix 2 template asks for, as the checks need it.

Every fact here is read from the gazetteer (``gazetteer/indicators.toml``, the one home of
the template): which lines ask for a count, a rate or both, which are about universities
run by the province, which are estimates answered with a rate, and which lines count the
same people.  This module only shapes those facts for the rules.
"""

from __future__ import annotations

from functools import cache

from gazetteer.indicators import Population, by_code, catalog, populations
from gazetteer.indicators import template_codes as _codes

__all__ = [
    "MAY_INCLUDE", "RATE_USUAL", "UNIVERSITY_ONLY", "Population", "populations",
    "template_codes", "template_label", "wants_rate", "wants_value",
]  # fmt: skip

# Lines about universities run by the province: a province without one leaves them out.
UNIVERSITY_ONLY: frozenset[str] = frozenset(line.code for line in catalog() if line.university_only)
# Estimated lines provinces answer with the rate: a missing count is information.
RATE_USUAL: frozenset[str] = frozenset(line.code for line in catalog() if line.rate_usual)
# Lines whose wording covers a second population too ("nhà giáo", "người học").
MAY_INCLUDE: dict[str, str] = {line.code: line.may_include for line in catalog() if line.may_include}


@cache
def template_codes() -> tuple[str, ...]:
    """The template's indicator codes, in template order."""
    return tuple(_codes())


def template_label(code: str) -> str:
    """A short Vietnamese label for messages (the code itself when it is not a template line)."""
    line = by_code().get(code)
    return line.short if line else code


def wants_value(code: str) -> bool:
    """Whether the template asks for a count on this line ("count+rate" or "count")."""
    line = by_code().get(code)
    return line.wants_count if line else True


def wants_rate(code: str) -> bool:
    """Whether the template asks for a rate on this line ("count+rate" or "rate")."""
    line = by_code().get(code)
    return line.wants_rate if line else True
