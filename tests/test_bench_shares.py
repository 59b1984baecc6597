"""bench/shares.py: the batch time spent in LibreOffice conversion and OCR is measured, not guessed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from shares import measure  # noqa: E402


@pytest.mark.slow
def test_shares_count_libreoffice_files_and_leave_the_wrappers_off() -> None:
    import readers.legacy

    original = readers.legacy.convert
    files = [REPO / "samples/reports/fmt_dongnai_rtf.rtf", REPO / "samples/reports/haiphong_report.docx"]
    shares = measure(files)
    assert shares.failed == [] and shares.files == 2
    assert shares.soffice.units == 1 and 0 < shares.soffice.seconds <= shares.wall
    assert shares.ocr.units == 0 and shares.ocr.seconds == 0
    assert any("LibreOffice" in line and "% of the batch" in line for line in shares.lines())
    assert readers.legacy.convert is original
