"""Citation cross-checks: each check fires on the real mistake and stays quiet otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao.model import Extraction, Flag, Source
from checks.citations import check_citations
from extractors.citations import extract_citations_text
from flows.pipeline import extract_path

SEEDS = Path(__file__).resolve().parents[2] / "samples" / "seeds"
SOURCE = Source(path="test.txt", sha256="0" * 64, format="txt")


def flags_for(text: str, report_date: str | None = None, province: str | None = "Hải Phòng") -> list[Flag]:
    extraction = Extraction(
        source=SOURCE,
        province=province,
        citations=extract_citations_text(text, province=province),
        report_date=report_date,
    )
    return check_citations(extraction)


def codes(flags: list[Flag]) -> list[tuple[str, str | None]]:
    return [(f.code, f.citation) for f in flags]


# (text, report_date, expected (code, citation id) pairs) -- true positives
TRUE_POSITIVES = [
    (
        "Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022 của Bộ GDĐT; Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022;\n"
        "Quyết định số 4725/QĐ-BGDĐT ngày 31/12/2022",
        None,
        [("citation_date_conflict", "4725/QĐ-BGDĐT"), ("citation_date_vs_reference", "4725/QĐ-BGDĐT")],
    ),
    (
        "Kế hoạch số 59/KH-UBND ngày 24/02/2023; Kế hoạch số 59/KH-UBND ngày 25/02/2023",
        None,
        [("citation_date_conflict", "59/KH-UBND")],
    ),
    (
        "Quyết định số 131/QĐ-TTg ngày 26/01/2022 của Thủ tướng Chính phủ",
        None,
        [("citation_date_vs_reference", "131/QĐ-TTg")],
    ),
    (
        "Thông tư số 09/2021/TT-BGDĐT ngày 30/03/2020",
        None,
        [("citation_date_vs_reference", "09/2021/TT-BGDĐT"), ("citation_year_mismatch", "09/2021/TT-BGDĐT")],
    ),
    ("Kế hoạch số 15/2024/KH-UBND ngày 3/3/2023", None, [("citation_year_mismatch", "15/2024/KH-UBND")]),
    ("Kế hoạch số 15/KH-UBND ngày 31/02/2024", None, [("citation_invalid_date", "15/KH-UBND")]),
    (
        "Kế hoạch số 200/KH-SGDĐT ngày 25/11/2025",
        "2025-11-20",
        [("citation_after_report_date", "200/KH-SGDĐT")],
    ),
    ("Nghị quyết số 71-NQ/CP ngày 01/4/2025 của Chính phủ", None, [("citation_symbol_order", "71-NQ/CP")]),
    ("Nghị quyết số 57/NQ-TW ngày 22/12/2024", None, [("citation_symbol_order", "57/NQ-TW")]),
    (
        "Quyết định số 2065/QĐ-TTg ngày 28/02/2024; Quyết định số 206/QĐ-TTg ngày 28/02/2024",
        None,
        [("citation_near_duplicate", "2065/QĐ-TTg")],
    ),
    (
        "Quyết định số 2065/QĐ-TTg ngày 28/02/2024 của Thủ tướng",  # reference data knows 206/QĐ-TTg
        None,
        [("citation_near_duplicate", "2065/QĐ-TTg")],
    ),
    ("Kế hoạch số 2358/QĐ-BGDĐT ngày 20/8/2025", None, [("citation_type_mismatch", "2358/QĐ-BGDĐT")]),
    ("Thông tư số 12/QĐ-UBND ngày 1/2/2024", None, [("citation_type_mismatch", "12/QĐ-UBND")]),
]


@pytest.mark.parametrize(("text", "report_date", "expected"), TRUE_POSITIVES, ids=[t[2][0][0] for t in TRUE_POSITIVES])
def test_true_positives(text: str, report_date: str | None, expected: list[tuple[str, str]]) -> None:
    assert sorted(codes(flags_for(text, report_date))) == sorted(expected)


# Correct or merely different citations that must not be flagged -- false-positive guards
TRUE_NEGATIVES = [
    ("Quyết định số 131/QĐ-TTg ngày 25/01/2022; Quyết định số 131/QĐ-TTg; QUYẾT ĐỊNH 131/QĐ-TTg ngày 25/01/2022", None),
    (
        "Kế hoạch số 59/KH-UBND ngày 24/02/2023 của UBND thành phố Hải Phòng;\n"
        "Kế hoạch số 59/KH-UBND ngày 03/3/2021 của UBND tỉnh Quảng Ninh",
        None,
    ),  # two provinces' plans
    ("Thông tư số 10/2025/TT-BGDĐT ngày 12/6/2025; Thông tư số 13/2025/TT-BGDĐT ngày 12/6/2025", None),
    ("Nghị quyết số 71-NQ/TW ngày 22/8/2025 của Bộ Chính trị; Nghị quyết số 71/NQ-CP ngày 01/4/2025", None),
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024; Chương trình hành động 89-CTr/TU ngày 25/02/2025", None),
    ("Kế hoạch số 1295/KH-SGDĐT ngày 16/6/2025; Văn bản số 284/QĐ-UBND; Kế hoạch hành động số 475-KH/TU", None),
    ("Kế hoạch phối hợp số 62/KHPT-TCD06/CPTW-BCDDA06/CPHP ngày 28/6/2023", None),
    ("Quy định số 105-QĐ/TW ngày 19/12/2017; Quyết định số 99-QĐ/TW", None),  # Party "QĐ" for Quy định
    ("Kế hoạch số 200/KH-SGDĐT ngày 20/11/2025", "2025-11-20"),  # same day as the report
    ("Kế hoạch số 200/KH-SGDĐT ngày 25/11/2025", None),  # report date unknown
    ("Quyết định số 3276/QĐ-BGDĐT ngày 31/10/2024", None),  # attested reference row: never called wrong
    ("Luật số 91/2025/QH15 ngày 26/6/2025; Nghị quyết số 202/2025/QH15 ngày 12/6/2025", None),
]


@pytest.mark.parametrize(("text", "report_date"), TRUE_NEGATIVES)
def test_true_negatives(text: str, report_date: str | None) -> None:
    assert codes(flags_for(text, report_date)) == []


def test_flag_shape() -> None:
    flags = flags_for("Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022;\nQuyết định số 4725/QĐ-BGDĐT ngày 31/12/2022")
    conflict = next(f for f in flags if f.code == "citation_date_conflict")
    assert conflict.severity == "error"
    assert conflict.citation == "4725/QĐ-BGDĐT"
    assert conflict.location is not None and conflict.location.line == 2  # the odd date
    assert "30/12/2022" in conflict.message and "31/12/2022" in conflict.message
    assert set(conflict.evidence["dates"]) == {"2022-12-30", "2022-12-31"}
    order = flags_for("Nghị quyết số 71-NQ/CP ngày 01/4/2025")[0]
    assert order.severity == "warning"
    assert order.evidence["suggested_id"] == "71/NQ-CP"
    assert order.evidence["reference_date_matches"] is True


def test_same_number_in_two_years_is_only_a_warning() -> None:
    flags = flags_for("Kế hoạch số 12/KH-UBND ngày 5/1/2023; Kế hoạch số 12/KH-UBND ngày 6/1/2024")
    assert [(f.code, f.severity) for f in flags] == [("citation_date_conflict", "warning")]
    same_year = flags_for("Kế hoạch số 12/KH-UBND ngày 5/1/2023; Kế hoạch số 12/KH-UBND ngày 6/1/2023")
    assert [(f.code, f.severity) for f in same_year] == [("citation_date_conflict", "error")]


def test_both_orders_in_one_report_flagged_once() -> None:
    flags = flags_for("Nghị quyết số 71-NQ/CP ngày 01/4/2025; Nghị quyết số 71/NQ-CP ngày 01/4/2025")
    assert codes(flags) == [("citation_symbol_order", "71-NQ/CP")]
    assert flags[0].evidence["both_in_report"] is True


def _seed_flags(name: str) -> set[tuple[str, str | None]]:
    return {(f.code, f.citation) for f in extract_path(SEEDS / name).flags if f.citation}


def test_seed_001_real_mistakes_flagged() -> None:
    assert _seed_flags("001_haiphong_report.txt") == {
        ("citation_date_conflict", "4725/QĐ-BGDĐT"),
        ("citation_date_vs_reference", "4725/QĐ-BGDĐT"),
        ("citation_symbol_order", "71-NQ/CP"),
    }


def test_seed_002_real_mistakes_flagged() -> None:
    assert _seed_flags("002_quangninh_guidance.txt") == {
        ("citation_near_duplicate", "2065/QĐ-TTg"),
        ("citation_type_mismatch", "2358/QĐ-BGDĐT"),
    }


def test_seed_000_is_clean() -> None:
    assert _seed_flags("000_ministry_letter_6541.txt") == set()


# Forms the red-team round added (tables, short years, case typos, shared lists) reach the checks.
REDTEAM_FORMS = [
    ("| 25/02/2022 | 131/QĐ-TTg | Thủ tướng |", [("citation_date_vs_reference", "131/QĐ-TTg")]),
    ("Quyết định số 749/QĐ-Ttg ngày 3/6/21 của Thủ tướng", [("citation_date_vs_reference", "749/QĐ-TTg")]),
    (
        "Thông tư số 09 /2021/TT-BGDĐT ngày 30/3/2020",
        [("citation_date_vs_reference", "09/2021/TT-BGDĐT"), ("citation_year_mismatch", "09/2021/TT-BGDĐT")],
    ),
    ("| 25/01/2022 | 131/QĐ-TTg | Thủ tướng |\nQuyết định số 131, 749/QĐ-TTg ngày 03/6/2020", []),
    ("Kế hoạch số 215/KH-UBND ngày 14/9/22; Kế hoạch số 215/KH-UBND ngày 14.9.2022", []),
]


@pytest.mark.parametrize(("text", "expected"), REDTEAM_FORMS, ids=[t[0][:40] for t in REDTEAM_FORMS])
def test_redteam_forms_reach_the_checks(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert sorted(codes(flags_for(text, report_date="2025-11-20"))) == sorted(expected)
