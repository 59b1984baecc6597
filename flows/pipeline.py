"""read → extract → normalize → check, for one document.  Pure after the read."""

from __future__ import annotations

from pathlib import Path

from baocao.model import Document, Extraction
from readers import read_document


def extract_from_document(document: Document) -> Extraction:
    """Run every extractor and check on an already-read document."""
    from checks import run_checks
    from extractors.appendix import extract_indicators
    from extractors.citations import extract_citations
    from extractors.province import resolve_province
    from extractors.report_meta import read_report_meta
    from gazetteer.provinces import name_in_force

    meta = read_report_meta(document)
    province = resolve_province(document)
    extraction = Extraction(
        source=document.source,
        province=province.name if province else None,
        former_province=province.former_name if province else None,
        report_date=meta.report_date,
        own_number=meta.own_number,
    )
    extraction.indicators = extract_indicators(document)
    # Local issuers ("Kế hoạch số 120/KH-UBND") are named as the document knew its province:
    # a 2022 plan of UBND tỉnh Kon Tum cites Kon Tum's bodies, not Quảng Ngãi's.
    issuer_province = (
        name_in_force(province.name, province.former_name, meta.report_date or meta.report_month)
        if province
        else None
    )
    extraction.citations = extract_citations(document, province=issuer_province)
    extraction.flags = run_checks(document, extraction)
    return extraction


def extract_parts(document: Document) -> list[Extraction]:
    """One extraction per report in the document (a merged PDF holds several)."""
    from extractors.parts import split_reports

    return [extract_from_document(part) for part in split_reports(document)]


def extract_path(path: str | Path) -> Extraction:
    return extract_from_document(read_document(path))


def extract_path_parts(path: str | Path) -> list[Extraction]:
    return extract_parts(read_document(path))
