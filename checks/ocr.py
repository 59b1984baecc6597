"""OCR doubts: a value read from a scan or a picture with low confidence, or repaired.

The readers put Tesseract's lowest word confidence of a cell/line and the figure slips they
repaired on the block's :class:`~baocao.model.Location`; an indicator read from that block
carries the location, so the doubt follows the value to the review queue.
"""

from __future__ import annotations

from baocao.model import Extraction, Flag
from checks.registry import make_flag


def low_confidence_threshold() -> float:
    """Below this (Tesseract's 0-100 word confidence) a value goes to review."""
    from baocao import settings

    return settings.load().ocr_min_confidence


def ocr_flags(extraction: Extraction) -> list[Flag]:
    threshold = low_confidence_threshold()
    flags: list[Flag] = []
    for indicator in extraction.indicators:
        location = indicator.location
        label = indicator.code or indicator.label
        if location.confidence is not None and location.confidence < threshold:
            flags.append(make_flag(
                "ocr_low_confidence",
                f"Dòng {label} đọc bằng OCR với độ tin cậy {location.confidence:.0f}/100: "
                "cần đối chiếu với ảnh gốc.",
                indicator=indicator.code, location=location,
                evidence={"confidence": round(location.confidence, 1), "raw": indicator.raw},
            ))
        if location.ocr_repairs:
            flags.append(make_flag(
                "ocr_repaired",
                f"Dòng {label}: đã sửa lỗi nhận dạng ký tự " + "; ".join(location.ocr_repairs) + ".",
                indicator=indicator.code, location=location,
                evidence={"repairs": list(location.ocr_repairs), "raw": indicator.raw},
            ))
    return flags
