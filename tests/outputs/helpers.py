"""Shared steps of the outputs tests: copy a store, take a review correction."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select

from store.db import open_engine, session_scope
from store.export import latest_documents
from store.schema import Flag


def copy_store(store: Path, target: Path) -> Path:
    shutil.copytree(store, target)
    return target


def correct_one_value(store: Path, new_value: int) -> tuple[str, str]:
    """Correct the first line of an open warning on some province's latest report.

    Returns (province, line code), so a test can look for ``new_value`` there.
    """
    from review.decisions import FlagKey, decide

    engine = open_engine(store)
    with session_scope(engine) as session:
        latest = {d.id: d for d in latest_documents(session).values()}
        flags = session.scalars(select(Flag).where(Flag.document_id.in_(latest), Flag.active.is_(True),
                                                   Flag.severity == "warning").order_by(Flag.id)).all()
        flag = next(f for f in flags if f.indicators or f.indicator)
        codes = tuple(flag.indicators or [flag.indicator])
        document = latest[flag.document_id]
        key = FlagKey(id=flag.id, fingerprint=flag.fingerprint, code=flag.code, sha256=document.source_sha256,
                      province=document.province, indicators=codes)
        decide(session, key, "correct", "kiem-tra", value=float(new_value), indicator=codes[0], channel="cli")
        return document.province, codes[0]
