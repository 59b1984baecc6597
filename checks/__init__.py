"""Anomaly checks over one extraction (issue 5): ``run_checks(document, extraction)``.

Each family lives in its own module and each rule is a small pure function
``(document, extraction) -> list[Flag]`` (rules that only need the extraction ignore the
document).  Codes, severities and the reviewer-facing explanations are in
:mod:`checks.registry` (``RULES``).  Cross-province checks are in :mod:`checks.batch`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from baocao.model import Document, Extraction, Flag
from checks.body_appendix import body_appendix_mismatch
from checks.breakdown import body_breakdown_mismatch
from checks.citations import check_citations
from checks.notes import note_flags
from checks.ocr import ocr_flags
from checks.population import population_inconsistent
from checks.reading import reading_flags
from checks.registry import RULES, RuleInfo, make_flag
from checks.tables import table_total_mismatch
from checks.values import (
    line_duplicated,
    line_missing,
    line_outside_template,
    rate_out_of_range,
    value_rate_inconsistent,
    value_unfilled_or_missing,
)

log = logging.getLogger(__name__)

Rule = Callable[[Document | None, Extraction], list[Flag]]


def _extraction_only(rule: Callable[[Extraction], list[Flag]]) -> Rule:
    def run(document: Document | None, extraction: Extraction) -> list[Flag]:
        return rule(extraction)

    run.__name__ = rule.__name__
    return run


REPORT_RULES: tuple[Rule, ...] = (
    _extraction_only(rate_out_of_range),
    _extraction_only(value_rate_inconsistent),
    _extraction_only(population_inconsistent),
    _extraction_only(value_unfilled_or_missing),
    _extraction_only(line_missing),
    _extraction_only(line_outside_template),
    _extraction_only(line_duplicated),
    _extraction_only(note_flags),
    _extraction_only(ocr_flags),
    _extraction_only(reading_flags),
    body_breakdown_mismatch,
    table_total_mismatch,
    body_appendix_mismatch,
)

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _citation_rule() -> Rule | None:
    return _extraction_only(check_citations)


def _run_rule(rule: Rule, document: Document | None, extraction: Extraction) -> list[Flag]:
    """Run one rule; a crash becomes a check_failed flag instead of losing the report."""
    try:
        return list(rule(document, extraction))
    except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the pipeline
        log.exception("check %s failed on %s", rule.__name__, extraction.source.path)
        return [
            make_flag(
                "check_failed",
                f"Quy tắc kiểm tra \"{rule.__name__}\" gặp lỗi nên chưa kiểm tra được báo cáo này.",
                evidence={"rule": rule.__name__, "error": f"{type(exc).__name__}: {exc}"},
            )
        ]


def run_checks(document: Document | None, extraction: Extraction) -> list[Flag]:
    """Every per-report rule, then the citation checks; errors first, then warnings, info."""
    return in_severity_order(run_report_checks(document, extraction) + run_citation_checks(extraction))


def run_report_checks(document: Document | None, extraction: Extraction) -> list[Flag]:
    """The rules that do not read ``extraction.citations`` (they may run before it is known)."""
    flags: list[Flag] = []
    for rule in REPORT_RULES:
        flags.extend(_run_rule(rule, document, extraction))
    return flags


def run_citation_checks(extraction: Extraction) -> list[Flag]:
    citation_rule = _citation_rule()
    return _run_rule(citation_rule, None, extraction) if citation_rule is not None else []


def in_severity_order(flags: list[Flag]) -> list[Flag]:
    return sorted(flags, key=lambda f: SEVERITY_ORDER.get(f.severity, 3))


__all__ = ["RULES", "REPORT_RULES", "RuleInfo", "in_severity_order", "run_checks", "run_citation_checks",
           "run_report_checks"]  # fmt: skip
