"""`baocao run` on a mailbox holding documents that are not reports: each ends not_a_report
with its reason, and `baocao export` shows nothing from them (only the real report's province)."""

from __future__ import annotations

import csv
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _builder():
    spec = importlib.util.spec_from_file_location("build_not_reports", ROOT / "scripts" / "build_not_reports.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _cli(*argv: str) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "baocao", *argv], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.mark.slow
def test_run_records_not_a_report_and_export_has_none_of_them(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    decoys = _builder().build(inbox / "khac")
    shutil.copyfile(ROOT / "samples" / "reports" / "haiphong_report.docx", inbox / "bao-cao-hai-phong.docx")
    store = tmp_path / "store"

    summary = json.loads(_cli("run", str(inbox), "--store", str(store), "--json", "--no-prefect")[-1])
    assert summary["processed"] == 1 and summary["not_a_report"] == len(decoys)

    rows = {Path(r["path"]).name: r for r in map(json.loads, _cli("status", "--store", str(store), "--json"))}
    for decoy in decoys:
        assert rows[decoy.name]["fate"] == "not_a_report", rows[decoy.name]
        assert rows[decoy.name]["reason"], rows[decoy.name]

    out = tmp_path / "export.csv"
    _cli("export", "--store", str(store), "--out", str(out))
    with out.open(encoding="utf-8-sig") as fh:
        provinces = {row["province"] for row in csv.DictReader(fh)}
    assert provinces == {"Hải Phòng"}  # not An Giang (register), Ninh Bình (enrolment), Quảng Ngãi (Kon Tum plan)
