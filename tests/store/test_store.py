"""Record-store writes (stable flag ids) and exports (latest per province, safe cells)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from store.db import session_scope
from store.export import export_rows, neutralize, write_export
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [("=1+2", "'=1+2"), ("+84 912", "'+84 912"), ("-cmd", "'-cmd"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\t=x", "'\t=x"), ("Hải Phòng", "Hải Phòng"), (12, 12), (None, None), (-5, -5)],
)  # fmt: skip
def test_neutralize(text: object, expected: object) -> None:
    assert neutralize(text) == expected


def test_csv_and_xlsx_are_formula_safe_with_all_sheets(engine, tmp_path: Path) -> None:  # noqa: ANN001
    evil = '=HYPERLINK("http://x","y")'
    flags = [_flag("rate_out_of_range", "1a", message="@evil")]
    _save(engine, "5" * 64, _result("Cần Thơ", {"1a": (10, 150.0), "1c": (None, 50.0)}, flags),
          _dt(3), source_path=evil)  # fmt: skip
    write_export(engine, tmp_path / "x.csv")
    with open(tmp_path / "x.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["source"] == "'" + evil
    write_export(engine, tmp_path / "x.xlsx")
    book = load_workbook(tmp_path / "x.xlsx")
    assert book.sheetnames == ["Số liệu", "Phụ lục 2", "Văn bản trích dẫn", "Cảnh báo"]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    appendix = book["Phụ lục 2"]
    header = [c.value for c in appendix[1]]
    assert header[:2] == ["Mã", "Chỉ tiêu"] and header[2] == "Cần Thơ"
    codes = [row[0].value for row in appendix.iter_rows(min_row=2)]
    assert "1a" in codes and "1c" in codes
    line_1a = next(row for row in appendix.iter_rows(min_row=2) if row[0].value == "1a")
    assert line_1a[2].value == "10 (150,0%)"
    assert book["Cảnh báo"]["F2"].value == "'@evil"
    write_export(engine, tmp_path / "x.parquet")
    import pandas as pd

    frame = pd.read_parquet(tmp_path / "x.parquet")
    assert list(frame.columns)[:4] == ["province", "indicator", "value", "rate"]
    assert frame.loc[frame.indicator == "1c", "value"].isna().all()  # missing stays missing
