"""Anomaly checks over one extraction (issue 5 fills this in)."""

from __future__ import annotations

from baocao.model import Document, Extraction, Flag


def run_checks(document: Document, extraction: Extraction) -> list[Flag]:
    flags: list[Flag] = []
    try:
        from checks.citations import check_citations
    except ImportError:
        check_citations = None
    if check_citations is not None:
        flags.extend(check_citations(extraction))
    return flags
