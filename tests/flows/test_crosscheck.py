"""Cross-province checks run over the store's latest report of each province."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from flows.crosscheck import refresh_batch_flags
from store.db import open_engine, session_scope
from store.records import save_document
from store.schema import Flag, Source

PROVINCES = ["Hải Phòng", "Nghệ An", "Cần Thơ", "Lâm Đồng", "Gia Lai", "Tuyên Quang", "Huế"]


def _save(session, province: str, rate_1a: float, sha: str, own_flags=()):
    extraction = {
        "source": {"path": f"{sha}.docx", "sha256": sha, "format": "docx"},
        "province": province,
        "indicators": [
            {"code": "1a", "label": "GV có máy tính", "value": 1000, "rate": rate_1a, "raw": "x", "location": {"table": 0}},
        ],
        "citations": [],
        "flags": list(own_flags),
    }
    result = {"extraction": extraction, "province": province}
    if session.scalar(select(Source).where(Source.sha256 == sha)) is None:
        session.add(Source(sha256=sha, size=1, format="docx", path=f"{sha}.docx", fate="processed"))
        session.flush()
    return save_document(session, sha256=sha, result=result, source_path=f"{sha}.docx", name=None,
                         message_id=None, sender=None, received_at=datetime(2025, 11, 10))


def _active(session, code):
    return session.scalars(select(Flag).where(Flag.code == code, Flag.active.is_(True))).all()


def test_outlier_province_is_flagged_and_its_own_flags_survive(tmp_path):
    engine = open_engine(tmp_path)
    own = {"code": "value_unfilled", "severity": "warning", "message": "m", "indicator": "1b",
           "evidence": {}, "location": None}
    with session_scope(engine) as session:
        for i, province in enumerate(PROVINCES[:-1]):
            _save(session, province, 95.0 + i * 0.5, f"{i:064d}")
        _save(session, PROVINCES[-1], 12.0, "f" * 64, own_flags=[own])
    with session_scope(engine) as session:
        assert refresh_batch_flags(session) == 1
        outliers = _active(session, "rate_outlier_across_provinces")
        assert [(f.province, f.indicator) for f in outliers] == [("Huế", "1a")]
        assert len(_active(session, "value_unfilled")) == 1


def test_batch_flag_is_retired_when_it_no_longer_holds(tmp_path):
    engine = open_engine(tmp_path)
    with session_scope(engine) as session:
        for i, province in enumerate(PROVINCES[:-1]):
            _save(session, province, 95.0 + i * 0.5, f"{i:064d}")
        _save(session, PROVINCES[-1], 12.0, "f" * 64)
    with session_scope(engine) as session:
        refresh_batch_flags(session)
    with session_scope(engine) as session:  # Huế re-submits a plausible rate
        _save(session, PROVINCES[-1], 96.0, "f" * 64)
    with session_scope(engine) as session:
        assert refresh_batch_flags(session) == 0
        assert _active(session, "rate_outlier_across_provinces") == []
