"""run_checks end to end: clean reports stay quiet, the Hải Phòng problems are all found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import checks
from baocao.model import Flag
from checks import REPORT_RULES, run_checks
from checks.registry import RULES, format_number
from tests.checks.factories import CLEAN_BODY, clean_extraction, document, haiphong_extraction

REPO = Path(__file__).resolve().parents[2]
SEED_001 = REPO / "samples" / "seeds" / "001_haiphong_report.txt"


def test_clean_report_raises_nothing_but_information():
    flags = run_checks(document(*CLEAN_BODY), clean_extraction())
    assert [f for f in flags if f.severity != "info"] == []


def test_clean_report_without_body_raises_nothing_but_information():
    flags = run_checks(None, clean_extraction())
    assert [f for f in flags if f.severity != "info"] == []


def _problems(flags: list[Flag]) -> set[tuple[str, str | None]]:
    out = set()
    for flag in flags:
        for code in flag.indicators or [flag.indicator]:
            out.add((flag.code, code))
    return out


# Issue 5 "Why": every problem of the Hải Phòng report (citations are the citation checks').
HAIPHONG_PROBLEMS = {
    ("population_inconsistent", "1c"),  # 5300 teachers with Internet at 100% beside 51.608 at 97,1%
    ("population_inconsistent", "1a"),
    ("number_format_unusual", "2a"),  # "32.86 %"
    ("population_inconsistent", "2b"),  # 69511 students at 81,9% and at 100%
    ("population_inconsistent", "2d"),
    ("body_breakdown_mismatch", "8a"),  # 1.588 "gồm 1.404 ... và 205 ..." (8a, 8d hold 1.588)
    ("parse_unsure", "2c"),  # "Internet: đạt 362942 tỉ lệ: 100 %"
    ("population_inconsistent", "2c"),  # 362.942 pupils at 32,86% and at 100%
}


def test_haiphong_hand_extraction_flags_every_problem():
    from readers import read_document

    flags = run_checks(read_document(SEED_001), haiphong_extraction())
    assert HAIPHONG_PROBLEMS - _problems(flags) == set()
    assert not any(f.code == "body_appendix_mismatch" for f in flags)  # body and appendix agree
    assert not any(f.code in {"rate_out_of_range", "line_missing", "check_failed"} for f in flags)


def test_haiphong_end_to_end_from_the_seed_text():
    from flows.pipeline import extract_path

    extraction = extract_path(SEED_001)
    if len(extraction.indicators) < 20:
        pytest.xfail("the appendix extractor does not read the seed yet")
    problems = _problems(extraction.flags)
    assert HAIPHONG_PROBLEMS - problems == set()
    # "one decision is cited with two different dates" (the citation checks, called by run_checks)
    if extraction.citations:
        assert any(f.code == "citation_date_conflict" and f.citation == "4725/QĐ-BGDĐT" for f in extraction.flags)
    json.dumps(extraction.to_dict(), ensure_ascii=False)  # flags serialize


def test_every_flag_code_is_registered_and_messages_are_vietnamese():
    from readers import read_document

    flags = run_checks(read_document(SEED_001), haiphong_extraction())
    for flag in flags:
        assert flag.code in RULES, flag.code
        assert flag.severity in {"error", "warning", "info"}
        assert flag.message and any(ch in flag.message for ch in "ăâđêôơưàảãáạ")
        assert isinstance(flag.evidence, dict) and flag.evidence


def test_flags_are_ordered_by_severity():
    from readers import read_document

    flags = run_checks(read_document(SEED_001), haiphong_extraction())
    order = {"error": 0, "warning": 1, "info": 2}
    assert [order[f.severity] for f in flags] == sorted(order[f.severity] for f in flags)


def test_a_crashing_rule_becomes_a_flag_not_a_traceback(monkeypatch):
    def broken(document, extraction):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(checks, "REPORT_RULES", (broken, *REPORT_RULES))
    flags = run_checks(None, clean_extraction())
    failed = [f for f in flags if f.code == "check_failed"]
    assert len(failed) == 1 and failed[0].evidence["rule"] == "broken"


def test_citation_checks_are_called(monkeypatch):
    import checks
    from baocao.model import Flag as F

    monkeypatch.setattr(checks, "check_citations", lambda e: [F("citation_x", "warning", "trích dẫn")])
    assert any(f.code == "citation_x" for f in run_checks(None, clean_extraction()))


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        ("rate_out_of_range", "error"),
        ("population_inconsistent", "warning"),
        ("body_breakdown_mismatch", "warning"),
        ("body_appendix_mismatch", "warning"),
        ("number_format_unusual", "info"),
        ("value_unfilled", "warning"),
        ("line_missing", "warning"),
        ("value_or_rate_missing", "warning"),
        ("line_outside_template", "info"),
        ("parse_unsure", "warning"),
        ("rate_outlier_across_provinces", "warning"),
    ],
)
def test_registry_has_each_required_rule(code, severity):
    rule = RULES[code]
    assert rule.severity == severity
    assert rule.title and len(rule.explanation) > 60


@pytest.mark.parametrize(
    ("number", "text"),
    [(1002912, "1.002.912"), (97.1, "97,1"), (100.0, "100"), (12.5, "12,5"), (None, "—"), (5300, "5.300")],
)
def test_format_number(number, text):
    assert format_number(number) == text


def test_every_code_the_citation_checks_document_is_registered():
    import re

    import checks.citations as citation_checks

    documented = set(re.findall(r"``(citation_[a-z_]+)``", citation_checks.__doc__ or ""))
    assert documented, "checks/citations.py documents its codes in its docstring"
    assert documented - set(RULES) == set()
    for code in documented:
        assert RULES[code].family == "citations"
