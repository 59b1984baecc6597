"""`baocao run` on a mailbox holding documents that are not reports: each ends not_a_report
with its reason, and `baocao export` shows nothing from them (only the real report's province)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from tests.cli import load_script, run_cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_run_records_not_a_report_and_export_has_none_of_them(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    decoys = load_script("build_not_reports").build(inbox / "khac")
    shutil.copyfile(ROOT / "samples" / "reports" / "haiphong_report.docx", inbox / "bao-cao-hai-phong.docx")
    store = tmp_path / "store"

    summary = json.loads(run_cli("run", str(inbox), "--store", str(store), "--json", "--no-prefect")[-1])
    assert summary["processed"] == 1 and summary["not_a_report"] == len(decoys)

    rows = {Path(r["path"]).name: r for r in map(json.loads, run_cli("status", "--store", str(store), "--json"))}
    for decoy in decoys:
        assert rows[decoy.name]["fate"] == "not_a_report", rows[decoy.name]
        assert rows[decoy.name]["reason"], rows[decoy.name]

    out = tmp_path / "export.csv"
    run_cli("export", "--store", str(store), "--out", str(out))
    with out.open(encoding="utf-8-sig") as fh:
        provinces = {row["province"] for row in csv.DictReader(fh)}
    assert provinces == {"Hải Phòng"}  # not An Giang (register), Ninh Bình (enrolment), Quảng Ngãi (Kon Tum plan)
