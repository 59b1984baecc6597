"""Values read by OCR carry their doubt to the review queue as flags."""

from __future__ import annotations

from baocao.model import Extraction, IndicatorValue, Location, Source
from checks import run_checks
from checks.ocr import ocr_flags


def extraction(location: Location) -> Extraction:
    line = IndicatorValue(code="1a", label="Tổng số giáo viên có máy tính", value=9302, rate=97.1,
                          raw="9.302; đạt 97,1 %", location=location)
    return Extraction(source=Source(path="scan.pdf", sha256="0", format="pdf"), province=None,
                      indicators=[line])


def test_low_confidence_value_is_flagged_for_review() -> None:
    flags = ocr_flags(extraction(Location(page=3, bbox=(1, 2, 3, 4), confidence=41.0)))
    assert [(f.code, f.severity, f.indicator) for f in flags] == [
        ("ocr_low_confidence", "warning", "1a")]
    assert flags[0].evidence["confidence"] == 41.0
    assert flags[0].location.page == 3


def test_confident_and_text_layer_values_are_not_flagged() -> None:
    assert ocr_flags(extraction(Location(page=3, confidence=93.0))) == []
    assert ocr_flags(extraction(Location(page=3))) == []


def test_repair_is_reported_with_what_was_read() -> None:
    location = Location(page=3, confidence=88.0, ocr_repairs=("9:302 → 9.302",))
    flags = [f for f in run_checks(None, extraction(location)) if f.code.startswith("ocr_")]
    assert [(f.code, f.severity) for f in flags] == [("ocr_repaired", "info")]
    assert flags[0].evidence["repairs"] == ["9:302 → 9.302"]


def test_location_json_keeps_confidence_and_repairs() -> None:
    location = Location(page=1, confidence=57.25, ocr_repairs=("1OO → 100",))
    assert location.to_dict() == {"page": 1, "confidence": 57.2, "ocr_repairs": ["1OO → 100"]}
