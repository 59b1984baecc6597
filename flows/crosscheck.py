"""Cross-province checks after a run: a rate far outside the other provinces' range.

They need every province's latest report, so they run over the store after each run,
not per document.  Each document's own flags are re-upserted together with its batch
flags so that ``upsert_flags`` (which retires flags it is not given) keeps both, and a
batch flag that no longer holds (a new province moved the median) is retired.
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from baocao.model import Extraction, IndicatorValue, Location, Source
from checks.batch import check_batch_by_source
from store.export import latest_documents
from store.records import upsert_flags
from store.schema import Document

log = logging.getLogger(__name__)

BATCH_CODES = frozenset({"rate_outlier_across_provinces"})


def _as_extraction(document: Document) -> Extraction:
    lines = [
        IndicatorValue(
            code=row.indicator,
            label=row.label,
            value=row.value,
            rate=row.rate,
            raw=row.raw,
            location=Location(**(row.location or {})) if _plain_location(row.location) else Location(),
        )
        for row in document.indicator_values
    ]
    source = Source(path=document.source_path, sha256=document.source_sha256, format=document.format or "docx")
    return Extraction(source=source, province=document.province, indicators=lines)


def _plain_location(location: dict | None) -> bool:
    return bool(location) and "nested_in" not in location and "bbox" not in location


def refresh_batch_flags(session: Session) -> int:
    """Recompute the batch flags of the store; return how many are active."""
    latest = latest_documents(session)
    by_source = check_batch_by_source([_as_extraction(doc) for doc in latest.values()])
    active = 0
    for document in session.scalars(select(Document).where(Document.province.is_not(None))):
        batch_flags = [flag.to_dict() for flag in by_source.get(document.source_sha256, [])]
        own_flags = [f for f in (document.extraction or {}).get("flags", []) if f.get("code") not in BATCH_CODES]
        had_batch = any(row.code in BATCH_CODES and row.active for row in document.flags)
        if batch_flags or had_batch:
            upsert_flags(session, document, own_flags + batch_flags)
        active += len(batch_flags)
    log.info("cross-province checks: %d active flags over %d provinces", active, len(latest))
    return active
