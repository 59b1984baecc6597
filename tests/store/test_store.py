"""Record-store writes (stable flag ids) and exports (latest per province, safe cells)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from store.db import session_scope
from store.export import export_rows
from store.records import InputRecord, record_input, save_document
from store.schema import Flag, Source


def _flag(code: str, indicator: str | None = None, line: int = 1, message: str = "m") -> dict[str, Any]:
    return {"code": code, "severity": "warning", "message": message, "indicator": indicator,
            "evidence": {}, "location": {"line": line}}  # fmt: skip


def _result(province: str, values: dict[str, tuple[float | None, float | None]],
            flags: list[dict[str, Any]] | None = None, raw_prefix: str = "") -> dict[str, Any]:  # fmt: skip
    indicators = [
        {"code": code, "label": f"{raw_prefix}{code}", "value": value, "rate": rate,
         "raw": f"{raw_prefix}{code}", "location": {"line": i}}
        for i, (code, (value, rate)) in enumerate(values.items())
    ]  # fmt: skip
    citations = [{"id": "131/QĐ-TTg", "type": "Quyết định", "number": "131", "year": 2022,
                  "symbol": "QĐ-TTg", "issuer": "TTg", "date": "2022-01-25",
                  "raw": "=HYPERLINK(\"x\")", "location": {"line": 1}}]  # fmt: skip
    return {
        "extraction": {"source": {"path": "x", "sha256": "s", "format": "docx"}, "province": province,
                       "indicators": indicators, "citations": citations, "flags": flags or []},
        "province": province, "former_province": None,
    }  # fmt: skip


def _save(engine, sha: str, result: dict[str, Any], received: datetime | None,  # noqa: ANN001
          source_path: str = "inbox/a.docx") -> int:  # fmt: skip
    with session_scope(engine) as session:
        record_input(session, InputRecord(locator=sha, path=source_path, kind="file", name="a.docx",
                                          sha256=sha, size=1, format="docx", fate="processed"))  # fmt: skip
        document = save_document(session, sha256=sha, result=result, source_path=source_path,
                                 name="a.docx", message_id=None, sender=None, received_at=received)  # fmt: skip
        return document.id


def _flag_ids(engine) -> dict[str, tuple[int, bool]]:  # noqa: ANN001
    with session_scope(engine) as session:
        return {f"{f.code}:{f.indicator}": (f.id, f.active) for f in session.scalars(select(Flag))}


def test_flag_ids_survive_rerun_reorder_and_rewording(engine) -> None:  # noqa: ANN001 - both engines (conftest)
    flags = [_flag("rate_out_of_range", "1a"), _flag("implied_total", "1c", line=3)]
    _save(engine, "a" * 64, _result("Hải Phòng", {"1a": (1, 150.0)}, flags), None)
    first = _flag_ids(engine)
    reworded = [_flag("implied_total", "1c", line=3, message="khác"), _flag("rate_out_of_range", "1a")]
    _save(engine, "a" * 64, _result("Hải Phòng", {"1a": (1, 150.0)}, reworded), None)
    assert _flag_ids(engine) == first
    _save(engine, "a" * 64, _result("Hải Phòng", {"1a": (1, 150.0)}, [reworded[1]]), None)
    after = _flag_ids(engine)
    assert after["rate_out_of_range:1a"] == (first["rate_out_of_range:1a"][0], True)
    assert after["implied_total:1c"] == (first["implied_total:1c"][0], False)  # kept, inactive


def test_identical_flags_get_distinct_fingerprints(engine) -> None:  # noqa: ANN001 - both engines (conftest)
    _save(engine, "b" * 64, _result("Huế", {"1a": (1, 1.0)}, [_flag("x"), _flag("x")]), None)
    with session_scope(engine) as session:
        assert len(set(session.scalars(select(Flag.fingerprint)))) == 2


def test_source_row_is_unique_by_sha(engine) -> None:  # noqa: ANN001 - both engines (conftest)
    for locator in ("a", "b"):
        with session_scope(engine) as session:
            fate = "processed" if locator == "a" else "duplicate"
            record_input(session, InputRecord(locator=locator, path=locator, kind="file", name=None,
                                              sha256="c" * 64, size=1, format="txt", fate=fate))  # fmt: skip
    with session_scope(engine) as session:
        assert len(session.scalars(select(Source)).all()) == 1


def _dt(day: int) -> datetime:
    return datetime(2025, 11, day, 1, 0, tzinfo=UTC)


def test_latest_submission_per_province(engine) -> None:  # noqa: ANN001 - both engines (conftest)
    _save(engine, "1" * 64, _result("Hải Phòng", {"1a": (100, 90.0), "1c": (5300, 100.0)}), _dt(5))
    _save(engine, "2" * 64, _result("Hải Phòng", {"1a": (100, 90.0), "1c": (51608, 97.1)}), _dt(12))
    _save(engine, "3" * 64, _result("Hải Phòng", {"1a": (None, None)}), _dt(20))  # no values: ignored
    _save(engine, "4" * 64, _result("Nghệ An", {"1a": (7, None)}), None)
    with session_scope(engine) as session:
        rows = export_rows(session)
    haiphong = {r["indicator"]: r for r in rows if r["province"] == "Hải Phòng"}
    assert haiphong["1c"]["value"] == 51608 and haiphong["1c"]["sha256"] == "2" * 64
    assert haiphong["1c"]["status"] == "extracted"
    assert haiphong["1c"]["received_at"] == "2025-11-12T08:00:00+07:00"
    nghean = [r for r in rows if r["province"] == "Nghệ An"]
    assert nghean[0]["value"] == 7 and nghean[0]["rate"] is None and nghean[0]["received_at"] is None
    assert list(rows[0]) == ["province", "indicator", "value", "rate", "status", "source", "sha256",
                             "received_at"]  # fmt: skip
