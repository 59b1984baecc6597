"""Citation extractor (issue 3) — stub until implemented."""

from __future__ import annotations

from baocao.model import Citation, Document


def extract_citations(document: Document) -> list[Citation]:
    return []
