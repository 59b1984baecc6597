"""`baocao run` over the hostile mailbox of scripts/build_hostile.py, as a user runs it.

Exit 0; every input (each file, part and member) has a fate and a reason; the good
reports among the bombs are processed; the whole process tree stays under 1 GiB (sum of
RSS, sampled every 50 ms); no input reaches the 30 s wall cap; a run killed with
kill -9 halfway leaves no run "running" once the next run has started.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli import load_script
from tests.flows.treemem import MIB, run_measured

GIB = 1024 * MIB


@pytest.fixture(scope="module")
def hostile_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return load_script("build_hostile").build(tmp_path_factory.mktemp("hostile") / "inbox")


def _run(inbox: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "baocao", "run", str(inbox), "--store", str(store), "--json", "--no-prefect"]


def _status(store: Path) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "baocao", "status", "--store", str(store), "--json"],
                          capture_output=True, text=True, timeout=300, check=True)  # fmt: skip
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.mark.slow
def test_hostile_mailbox_run(hostile_inbox: Path, tmp_path: Path) -> None:
    from flows.ingest import fs_names

    store = tmp_path / "store"
    env = {**os.environ, "BAOCAO_TIMEOUT_S": "30"}
    started = time.monotonic()
    done, peak = run_measured(_run(hostile_inbox, store), timeout=1500, env=env)
    seconds = time.monotonic() - started
    print(f"hostile run: {seconds:.0f} s, peak RSS sum {peak.rss / MIB:.0f} MiB, PSS sum {peak.pss / MIB:.0f} MiB")

    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    summary = json.loads(done.stdout.splitlines()[-1])
    assert peak.samples > 10
    assert peak.rss < GIB, f"peak {peak.rss / MIB:.0f} MiB: {peak.largest}"

    rows = _status(store)
    assert all(row["fate"] and row["reason"] for row in rows), [r for r in rows if not r["reason"]]
    locators = {row["locator"] for row in rows}
    files = [p for p in sorted(hostile_inbox.rglob("*")) if p.is_file()]
    missing = [p for p in files if fs_names(p.relative_to(hostile_inbox))[0] not in locators]
    assert not missing, missing
    assert not [row for row in rows if "quá thời gian" in row["reason"]]
    assert {"Hải Phòng", "Tuyên Quang", "Nghệ An"} <= set(summary["provinces"])
    fates = {row["locator"]: row["fate"] for row in rows}
    for bomb in ("zip/bom-khai-thieu.zip", "ooxml/bom-khai-thieu.docx", "pdf/bom-flate.pdf", "zip/bom-4gb.zip",
                 "ooxml/nang-120mb.docx", "thu/long-3000-cap.eml", "zip/nhieu-tep-nho.zip"):  # fmt: skip
        assert fates.get(bomb) in {"failed", "duplicate"}, (bomb, fates.get(bomb))
    reasons = {row["locator"]: row["reason"] for row in rows}
    assert "bom giải nén" in reasons["pdf/bom-flate.pdf"]
    assert "khai báo" in reasons["ooxml/bom-khai-thieu.docx"]
    assert fates["tot/nghean_5col.docx"] == "processed"
    assert fates["tot/tuyenquang_appendix.xlsx"] == "processed"


@pytest.mark.slow
def test_kill_9_mid_run_then_rerun_leaves_nothing_running(hostile_inbox: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    process = subprocess.Popen(_run(hostile_inbox, store), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not _inputs_recorded(store):
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)  # the run and its sandbox children, mid-run
    process.wait()
    assert _run_statuses(store) == ["running"]

    done = subprocess.run(_run(hostile_inbox, store), capture_output=True, text=True, timeout=1500)
    assert done.returncode == 0, done.stderr[-3000:]
    statuses = _run_statuses(store)
    assert "running" not in statuses and statuses[-1] == "finished", statuses
    rows = _status(store)
    assert all(row["fate"] and row["reason"] for row in rows)


def _inputs_recorded(store: Path) -> bool:
    try:
        with sqlite3.connect(store / "baocao.db", timeout=1) as db:
            return db.execute("select count(*) from inputs").fetchone()[0] >= 20
    except sqlite3.Error:
        return False


def _run_statuses(store: Path) -> list[str]:
    with sqlite3.connect(store / "baocao.db") as db:
        return [status for (status,) in db.execute("select status from runs order by id")]
