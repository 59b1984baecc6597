"""Anomaly checks over one extraction (stub until issue 5 lands)."""

from __future__ import annotations

from baocao.model import Document, Extraction, Flag


def run_checks(document: Document, extraction: Extraction) -> list[Flag]:
    return []
