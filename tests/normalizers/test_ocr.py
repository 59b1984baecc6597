"""OCR figure slips are repaired, and every repair is reported (never silent)."""

from __future__ import annotations

import pytest

from normalizers.ocr import repair_figures


@pytest.mark.parametrize(("read", "expected", "repairs"), [
    ("9:302; đạt 97,1 %", "9.302; đạt 97,1 %", ["9:302 → 9.302"]),
    ("l0.5O6; đạt 1OO %", "10.506; đạt 100 %", ["l0.5O6 → 10.506", "1OO → 100"]),
    ("1.002,912 học sinh", "1.002.912 học sinh", ["1.002,912 → 1.002.912"]),
    ("đạt 971%", "đạt 97,1%", ["971% → 97,1%"]),
    ("đạt 9887 %", "đạt 98,87 %", ["9887 % → 98,87 %"]),
    # nothing to repair: ordinary figures, words with O/l/I, roman numerals, dates, symbols
    ("50.438; đạt 90,6 %", "50.438; đạt 90,6 %", []),
    ("đạt 100%", "đạt 100%", []),
    ("I Tiếp cận Internet, Zoom, Olm", "I Tiếp cận Internet, Zoom, Olm", []),
    ("Quyết định 131/QĐ-TTg ngày 25/01/2022", "Quyết định 131/QĐ-TTg ngày 25/01/2022", []),
    ("412,380", "412,380", []),
])
def test_repair_figures(read: str, expected: str, repairs: list[str]) -> None:
    assert repair_figures(read) == (expected, repairs)
