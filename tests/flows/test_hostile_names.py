"""`baocao run` over an inbox with a name that is not UTF-8, a symlink and a FIFO beside a
good report: exit 0, every entry gets a fate with a reason, the reports are processed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_run_survives_odd_names_and_non_regular_files(tmp_path):
    inbox, store = tmp_path / "inbox", tmp_path / "store"
    inbox.mkdir()
    report = (ROOT / "samples/reports/haiphong_report.docx").read_bytes()
    (inbox / "haiphong_report.docx").write_bytes(report)
    raw = os.path.join(os.fsencode(inbox), b"B\xe1o c\xc3\xa1o H\xc3\xa0 T\xc4\xa9nh.txt")
    with open(raw, "wb") as fh:
        fh.write((ROOT / "samples/seeds/001_haiphong_report.txt").read_bytes())
    (inbox / "lien-ket.docx").symlink_to("/dev/zero")
    os.mkfifo(inbox / "ong.pdf")
    env = {**os.environ, "BAOCAO_ENGINE": "plain"}
    run = subprocess.run([sys.executable, "-m", "baocao", "run", str(inbox), "--store", str(store), "--json"],
                         capture_output=True, text=True, timeout=600, env=env)  # fmt: skip
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout.strip().splitlines()[-1])
    assert summary["processed"] == 2 and summary["failed"] == 2
    status = subprocess.run([sys.executable, "-m", "baocao", "status", "--store", str(store), "--json"],
                            capture_output=True, text=True, timeout=120, env=env)  # fmt: skip
    assert status.returncode == 0, status.stderr
    records = [json.loads(line) for line in status.stdout.splitlines() if line.startswith("{")]
    by_fate = {(r.get("fate"), (r.get("path") or "")[:12]): r.get("reason") for r in records}
    assert all(reason for reason in by_fate.values()), by_fate
    paths = " ".join(r.get("path") or "" for r in records)
    assert "Báo cáo Hà Tĩnh.txt" in paths and "lien-ket.docx" in paths and "ong.pdf" in paths
