"""Across the 1 July 2025 merger: a Kon Tum report of May 2025 keeps its former name in the
store, and the export aggregates by the current unit (Quảng Ngãi), latest submission first."""

from __future__ import annotations

import csv
import os
import sqlite3
from pathlib import Path

import pytest

from tests.cli import run_cli

LINES = ("Tổng số giáo viên có máy tính", "Tổng số học sinh có máy tính", "Tổng số giáo viên có đường truyền Internet",
         "Số lượng hồ sơ giải quyết trực tuyến mức độ toàn trình")  # fmt: skip


def _report(unit: str, place: str, date: str, base: int) -> str:
    lines = [f"UBND TỈNH {unit.upper()}", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", f"{place}, {date}", "BÁO CÁO",
             "Tổng kết thực hiện Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ",
             "Kính gửi: Bộ Giáo dục và Đào tạo.", f"Tên cơ quan báo cáo: Sở GDĐT tỉnh {unit}", "Phụ lục 2"]  # fmt: skip
    lines += [f"- {label}: {base + i * 100}, đạt tỉ lệ: 9{i},5%" for i, label in enumerate(LINES)]
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_former_name_kept_and_export_by_current_unit(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    before = inbox / "bc-kon-tum-2025-05.txt"
    before.write_text(_report("Kon Tum", "Kon Tum", "ngày 20 tháng 5 năm 2025", 5000), encoding="utf-8")
    after = inbox / "bc-quang-ngai-2025-11.txt"
    after.write_text(_report("Quảng Ngãi", "Quảng Ngãi", "ngày 14 tháng 11 năm 2025", 9000), encoding="utf-8")
    os.utime(before, (1_747_700_000, 1_747_700_000))  # May 2025
    os.utime(after, (1_763_100_000, 1_763_100_000))  # November 2025
    store = tmp_path / "store"
    run_cli("run", str(inbox), "--store", str(store), "--json", "--no-prefect")

    with sqlite3.connect(store / "baocao.db") as db:
        names = dict(db.execute("select name, province || '|' || coalesce(former_province, '') from documents"))
    assert names == {before.name: "Quảng Ngãi|Kon Tum", after.name: "Quảng Ngãi|"}

    out = tmp_path / "export.csv"
    run_cli("export", "--store", str(store), "--out", str(out))
    with out.open(encoding="utf-8-sig") as fh:
        rows = [r for r in csv.DictReader(fh) if r["value"]]
    assert {r["province"] for r in rows} == {"Quảng Ngãi"}
    assert {r["indicator"]: int(float(r["value"])) for r in rows}["1a"] == 9000
