"""Appendix 2 extractor — being written."""

from __future__ import annotations

from baocao.model import Document, IndicatorValue


def extract_indicators(document: Document) -> list[IndicatorValue]:
    return []
