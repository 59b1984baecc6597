"""`baocao run` on a merged PDF: one stored document per report, keyed by file and part."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.cli import run_cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_run_stores_one_document_per_part_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copyfile(ROOT / "samples" / "reports" / "merged_three_reports.pdf", inbox / "tong-hop-3-tinh.pdf")
    store = tmp_path / "store"
    run = ("run", str(inbox), "--store", str(store), "--json", "--no-prefect")

    first = json.loads(run_cli(*run)[-1])
    assert first["processed"] == 3 and first["provinces"] == {"Lâm Đồng": 1, "Cần Thơ": 1, "Thanh Hóa": 1}
    rows = [json.loads(line) for line in run_cli("status", "--store", str(store), "--json")]
    parts = sorted(r["path"] for r in rows if "phần" in r["path"])
    assert parts == ["tong-hop-3-tinh.pdf › phần 1 (trang 1–4)", "tong-hop-3-tinh.pdf › phần 2 (trang 5–8)",
                     "tong-hop-3-tinh.pdf › phần 3 (trang 9–14)"]  # fmt: skip

    second = json.loads(run_cli(*run)[-1])
    assert second["new"] == 0 and second["processed"] == 0
    with sqlite3.connect(store / "baocao.db") as db:
        assert db.execute("select count(*) from documents").fetchone()[0] == 3

    out = tmp_path / "export.csv"
    run_cli("export", "--store", str(store), "--out", str(out))
    with out.open(encoding="utf-8-sig") as fh:
        exported = list(csv.DictReader(fh))
    assert {r["province"] for r in exported} == {"Lâm Đồng", "Cần Thơ", "Thanh Hóa"}
    assert len(exported) == 3 * 25
