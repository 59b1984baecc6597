"""read → extract → normalize → check, for one document.  Pure after the read."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from baocao.model import Citation, Document, Extraction, Flag
from readers import read_document

log = logging.getLogger(__name__)


# A document this long has its citations found (and cross-checked) in a forked copy beside
# the other extractors when a core is spare (`baocao extract`): ~0.17 s of a 100-page
# report's ~0.35 s, against ~20 ms for the fork and the pickled result.
CITATIONS_BESIDE_MIN_BLOCKS = 1000


def extract_from_document(document: Document) -> Extraction:
    """Run every extractor and check on an already-read document."""
    from checks import in_severity_order, run_report_checks
    from extractors.appendix import extract_indicators

    citations = _Citations(document)  # a long document's start beside now
    extraction, issuer_province = _skeleton(document)
    citations.given(extraction, issuer_province)
    extraction.indicators = extract_indicators(document)
    report_flags = run_report_checks(document, extraction)  # they do not read the citations
    extraction.citations, citation_flags = citations.result()
    extraction.flags = in_severity_order(report_flags + citation_flags)
    return extraction


def _skeleton(document: Document) -> tuple[Extraction, str | None]:
    """The extraction before its indicators and citations (the report's own number and date,
    its province), and the province its local issuers are named after."""
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
    # Local issuers ("Kế hoạch số 120/KH-UBND") are named as the document knew its province:
    # a 2022 plan of UBND tỉnh Kon Tum cites Kon Tum's bodies, not Quảng Ngãi's.
    issuer_province = (
        name_in_force(province.name, province.former_name, meta.report_date or meta.report_month)
        if province
        else None
    )
    return extraction, issuer_province


Checked = tuple[list[Citation], list[Flag]]


class _Citations:
    """The document's citations and their checks, given the skeleton (:func:`_skeleton`).

    A long document with a core spare has a forked copy find its mentions from the start,
    while this process makes the skeleton; the copy then gets the skeleton (small, through a
    pipe) to name the issuers and run the checks.  Otherwise all of it is done when asked.
    """

    def __init__(self, document: Document) -> None:
        from baocao import settings
        from baocao.forked import Forked

        self.document = document
        self._known: tuple[Extraction, str | None] | None = None
        self._beside: Forked | None = None
        if settings.load().uses_spare_core and len(document.blocks) >= CITATIONS_BESIDE_MIN_BLOCKS:
            self._beside = Forked(_checked_citations, document, later=True)

    def given(self, extraction: Extraction, province: str | None) -> None:
        self._known = (extraction, province)
        if self._beside is not None:
            self._beside.send(self._known)

    def result(self) -> Checked:
        assert self._known is not None, "given() first"
        found = self._beside.result() if self._beside is not None else None
        if found is None:
            if self._beside is not None:
                log.warning("citations beside failed on %s: found here instead", self.document.source.path)
            found = _checked_citations(self.document, lambda: self._known)
        return found


def _checked_citations(document: Document, known: Callable[[], tuple[Extraction, str | None]]) -> Checked:
    """The mentions first; then, with the skeleton ``known()`` gives (in a copy: sent once
    this process has it), the issuers named and the citation checks run on the extraction
    as it is before the indicators (they read only the citations and the report's date), so
    they run where the citations were found, with that process's parsed symbols at hand."""
    from checks import run_citation_checks
    from extractors.citations import find_mentions, name_issuers

    found = find_mentions(document)
    extraction, province = known()
    citations = name_issuers(found, document, province)
    return citations, run_citation_checks(replace(extraction, citations=citations))


def extract_parts(document: Document) -> list[Extraction]:
    """One extraction per report in the document (a merged PDF holds several)."""
    from extractors.parts import split_reports

    return [extract_from_document(part) for part in split_reports(document)]


def extract_path(path: str | Path) -> Extraction:
    return extract_from_document(read_document(path))


def extract_path_parts(path: str | Path) -> list[Extraction]:
    return extract_parts(read_document(path))
