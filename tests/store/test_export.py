"""Exports are neutral in every cell: CSV and XLSX read back, formula-like text quoted."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from outputs.workbook import write_export
from store.db import open_engine, session_scope
from store.export import ExportError, neutralize
from store.records import InputRecord, record_input, save_document

# (text as written in a source, what a spreadsheet must get)
CASES = [
    ("=1+2", "'=1+2"),
    ("+84 912", "'+84 912"),
    ("-cmd", "'-cmd"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=x", "'\t=x"),
    ("\r=x", "'\r=x"),
    (" +1+2 bao cao 3.txt", "' +1+2 bao cao 3.txt"),
    ("   =HYPERLINK(\"http://x\",\"y\")", "'   =HYPERLINK(\"http://x\",\"y\")"),
    ("\u00a0-2+3", "'\u00a0-2+3"),
    ("\uff1d1+1", "'\uff1d1+1"),
    ("Hải Phòng", "Hải Phòng"),
    ("bao cao = 3", "bao cao = 3"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), [*CASES, (12, 12), (None, None), (-5, -5), (-0.5, -0.5)])
def test_neutralize(text: object, expected: object) -> None:
    assert neutralize(text) == expected


def _result(province: str, source_text: str) -> dict[str, Any]:
    indicators = [{"code": "1a", "label": source_text, "value": -3, "rate": 97.1, "raw": source_text,
                   "location": {"line": 1}}, {"code": "1c", "label": "x", "value": None, "rate": 50.0,
                   "raw": "x", "location": {"line": 2}}]  # fmt: skip
    citations = [{"id": "131/QĐ-TTg", "type": "Quyết định", "number": "131", "year": 2022, "symbol": "QĐ-TTg",
                  "issuer": "TTg", "date": "2022-01-25", "raw": source_text, "location": {"line": 1}}]
    flags = [{"code": "rate_out_of_range", "severity": "warning", "message": source_text, "indicator": "1a",
              "evidence": {}, "location": {"line": 1}}]  # fmt: skip
    return {"extraction": {"source": {"path": "x", "sha256": "s", "format": "txt"}, "province": province,
                           "indicators": indicators, "citations": citations, "flags": flags},
            "province": province, "former_province": None}  # fmt: skip


def _store(tmp_path: Path, texts: list[str]):  # noqa: ANN202
    engine = open_engine(tmp_path / "store")
    provinces = ["Cần Thơ", "Hải Phòng", "Huế", "Hà Nội", "Nghệ An", "Gia Lai", "Lâm Đồng", "Sơn La",
                 "Điện Biên", "Lai Châu", "Cao Bằng", "Thanh Hóa", "Tuyên Quang"]
    for index, text in enumerate(texts):
        sha = f"{index:064d}"
        with session_scope(engine) as session:
            record_input(session, InputRecord(locator=sha, path=text, kind="file", name=text, sha256=sha,
                                              size=1, format="txt", fate="processed"))  # fmt: skip
            save_document(session, sha256=sha, result=_result(provinces[index], text), source_path=text,
                          name=text, message_id=None, sender=None,
                          received_at=datetime(2025, 11, 3, tzinfo=UTC))  # fmt: skip
    return engine


def test_csv_reads_back_neutral(tmp_path: Path) -> None:
    engine = _store(tmp_path, [text for text, _ in CASES if text])
    write_export(engine, tmp_path / "x.csv")
    with open(tmp_path / "x.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    sources = {row["source"] for row in rows}
    for text, expected in CASES:
        if text:
            assert expected in sources, text
    assert {row["value"] for row in rows if row["indicator"] == "1a"} == {"-3"}  # numbers stay numbers


def test_every_xlsx_cell_reads_back_neutral(tmp_path: Path) -> None:
    engine = _store(tmp_path, [text for text, _ in CASES if text])
    write_export(engine, tmp_path / "x.xlsx")
    book = load_workbook(tmp_path / "x.xlsx")
    seen: set[str] = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert neutralize(cell.value.removeprefix("'")) == cell.value or cell.value.startswith("'")
                    seen.add(cell.value)
    for text, expected in CASES:
        if text and text != expected:
            assert expected in seen, text
    long = book["Số liệu"]
    assert [c.value for c in long[1]][:4] == ["Tỉnh, thành phố", "Mã chỉ tiêu", "Số lượng", "Tỉ lệ (%)"]
    assert -3 in [c.value for c in long["C"]]


def test_parquet_keeps_missing_as_missing(tmp_path: Path) -> None:
    import pandas as pd

    engine = _store(tmp_path, ["a.txt"])
    write_export(engine, tmp_path / "x.parquet")
    frame = pd.read_parquet(tmp_path / "x.parquet")
    assert list(frame.columns)[:4] == ["province", "indicator", "value", "rate"]
    assert frame.loc[frame.indicator == "1c", "value"].isna().all()


def test_unknown_suffix_is_a_vietnamese_reason(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="không hỗ trợ"):
        write_export(_store(tmp_path, ["a.txt"]), tmp_path / "x.ods")


@pytest.mark.parametrize("text", [" =1+2", "  +1+2 bao cao 3.txt", " -2", " @SUM(A1)", "\n=1+2", " \t=1+2",
                                  "\r\n+1", "\u2003=1", "\t", " \r"])  # fmt: skip
def test_blank_then_a_formula_start_is_neutralised(text: str) -> None:
    """Spreadsheets skip leading blanks (space, tab, CR, LF, em space) before evaluating."""
    assert neutralize(text) == "'" + text


@pytest.mark.parametrize("text", ["  bao cao", " 12 =", "\u00a0Hà Nội", "a=b"])
def test_blank_then_ordinary_text_is_left_alone(text: str) -> None:
    assert neutralize(text) == text
