"""Reader fallbacks (legacy encodings, skipped spreadsheet parts) become info flags for review."""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao.model import Extraction, Source
from checks import run_checks
from checks.reading import reading_flags
from checks.registry import RULES
from flows.pipeline import extract_path

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "reports"


@pytest.mark.parametrize(
    ("notes", "codes"),
    [
        (["tcvn3_converted:412"], ["legacy_encoding_converted"]),
        (["vni_detected:90", "xlsx_hidden:PL2:rows=3:cols=C"], ["legacy_encoding_converted", "spreadsheet_parts_skipped"]),
        (["xlsx_older_year_sheet:PL2 năm 2024"], ["spreadsheet_parts_skipped"]),
        ([], []),
    ],
)
def test_reading_flags(notes: list[str], codes: list[str]) -> None:
    extraction = Extraction(source=Source(path="x", sha256="0", format="docx", notes=notes), province=None)
    flags = reading_flags(extraction)
    assert [f.code for f in flags] == codes
    assert all(f.severity == "info" and f.evidence["notes"] for f in flags)
    assert all(RULES[c].explanation for c in codes)


@pytest.mark.parametrize(("sample", "code"), [("fmt_dienbien_tcvn3.docx", "legacy_encoding_converted"),
                                              ("fmt_camau_rates.xlsx", "spreadsheet_parts_skipped")])  # fmt: skip
def test_samples_carry_the_flag(sample: str, code: str) -> None:
    extraction = extract_path(SAMPLES / sample)
    assert code in {f.code for f in extraction.flags}
    assert code in {f.code for f in run_checks(None, extraction)}
