"""The batch core on the sample mailbox: fates, idempotence, crash safety, quarantine."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from flows.batch import run_batch
from store.db import open_engine
from store.export import write_export

ROOT = Path(__file__).resolve().parents[2]


def _fates(store: Path) -> dict[str, tuple[str, str | None]]:
    with sqlite3.connect(store / "baocao.db") as db:
        return {path: (fate, reason) for path, fate, reason in db.execute("select path, fate, reason from inputs")}


STORED_SUFFIXES = {".docx", ".pdf", ".xlsx", ".txt", ".md", ".bin", ".doc", ".xls", ".rtf", ".odt", ".ods"}


def _fate_of(fates: dict[str, tuple[str, str | None]], needle: str) -> str:
    matches = [fate for path, (fate, _) in fates.items() if path.endswith(needle)]
    assert len(matches) == 1, (needle, matches)
    return matches[0]


@pytest.mark.parametrize(
    ("needle", "fate"),
    [
        ("thư 1 › Báo cáo 131 - Sở GDĐT Hải Phòng.docx", "processed"),
        ("thư 3 › Báo cáo 131 - Sở GDĐT Hải Phòng.docx", "duplicate"),  # the forward
        ("Báo cáo 131 - Hải Phòng (bản sửa).docx", "processed"),
        ("Mau bieu Phu luc 2.docx", "not_a_report"),
        ("Bao cao 131 Lam Dong.pdf", "failed"),  # truncated in transit
        ("› evil.docx", "processed"),  # named ../../../../tmp/evil.docx
        ("Báo cáo QĐ 131 - Lâm Đồng.docx", "processed"),  # inside a zip inside a message
        ("Báo cáo Thanh Hóa.pdf", "processed"),
        ("bao-cao-cu.doc", "failed"),  # a broken .doc: LibreOffice cannot convert it
        ("bao-cao-hong.docx", "failed"),
        ("tuyenquang_phu_luc_2.xlsx", "processed"),
        ("hop-thu-den-2025-11.mbox", "processed"),  # the container itself was opened
    ],
)
def test_every_input_has_its_fate(processed_store: tuple[Path, dict], needle: str, fate: str) -> None:
    store, _ = processed_store
    assert _fate_of(_fates(store), needle) == fate


def test_first_run_summary(processed_store: tuple[Path, dict]) -> None:
    _, summary = processed_store
    assert summary["processed"] == 8 and summary["duplicate"] == 1 and summary["failed"] == 3
    assert summary["new"] == sum(summary[k] for k in ("processed", "not_a_report", "unsupported", "failed"))
    assert "Gia Lai" in summary["provinces"]  # Bình Định's report, former province
    assert summary["flags"] > 0


def test_second_run_processes_nothing_new(processed_store: tuple[Path, dict], mailbox_dir: Path) -> None:
    store, _ = processed_store
    before = _fates(store)
    again = run_batch(mailbox_dir, store)
    assert again["new"] == 0 and again["processed"] == 0 and again["failed"] == 0
    assert again["duplicate"] == again["unchanged"] > 0
    assert _fates(store) == before


def test_nothing_written_outside_the_store(processed_store: tuple[Path, dict]) -> None:
    store, _ = processed_store
    for path in store.rglob("*"):
        if path.is_file():
            rel = path.relative_to(store)
            assert rel.parts[0] in {"objects", "quarantine"} or rel.name.startswith("baocao.db") or rel.name == "run.lock", rel
            if rel.parts[0] == "objects":
                assert len(path.stem) == 64 and path.suffix in STORED_SUFFIXES


def test_latest_resubmission_counts_in_export(processed_store: tuple[Path, dict], tmp_path: Path) -> None:
    store, _ = processed_store
    rows = _export_rows(store, tmp_path / "x.csv")
    haiphong = {r["indicator"]: r for r in rows if r["province"] == "Hải Phòng"}
    assert haiphong["1c"]["value"] == "51608" and haiphong["1c"]["rate"] == "97.1"
    assert "bản sửa" in haiphong["1c"]["source"]
    assert haiphong["1c"]["received_at"].startswith("2025-11-12T09:15")
    assert {r["province"] for r in rows} >= {"Hải Phòng", "Nghệ An", "Cần Thơ", "Gia Lai", "Lâm Đồng"}


def _export_rows(store: Path, out: Path) -> list[dict[str, str]]:
    write_export(open_engine(store), out)
    with open(out, encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def _count_inputs(store: Path) -> int:
    try:
        with sqlite3.connect(store / "baocao.db", timeout=1) as db:
            return db.execute("select count(*) from inputs").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow  # three runs of a batch, one killed
@pytest.mark.parametrize("kill_after", [3, 12])
def test_kill_9_then_rerun_equals_uninterrupted(
    processed_store: tuple[Path, dict], mailbox_dir: Path, tmp_path: Path, kill_after: int
) -> None:
    reference_store, _ = processed_store
    store = tmp_path / "store"
    command = [sys.executable, "-m", "baocao", "run", str(mailbox_dir), "--store", str(store),
               "--no-prefect", "--json"]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _count_inputs(store) < kill_after and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    killed = process.poll() is None
    if killed:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert killed, "the run finished before it could be killed"
    assert _count_inputs(store) < len(_fates(reference_store))
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["new"] > 0
    assert _export_rows(store, tmp_path / "a.csv") == _export_rows(reference_store, tmp_path / "b.csv")
    assert _fates(store) == _fates(reference_store)
    with sqlite3.connect(store / "baocao.db") as db:
        counts = [db.execute(f"select count(*) from {t}").fetchone()[0]
                  for t in ("documents", "indicator_values", "citations", "flags", "sources")]  # fmt: skip
    with sqlite3.connect(reference_store / "baocao.db") as db:
        expected = [db.execute(f"select count(*) from {t}").fetchone()[0]
                    for t in ("documents", "indicator_values", "citations", "flags", "sources")]  # fmt: skip
    assert counts == expected


def test_zip_bomb_is_quarantined_and_batch_continues(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with zipfile.ZipFile(inbox / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * (20 << 20))
    with zipfile.ZipFile(inbox / "nested.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("inner.bin", b"\x00" * (20 << 20))
    (inbox / "report.txt").write_bytes((ROOT / "samples" / "seeds" / "001_haiphong_report.txt").read_bytes())
    store = tmp_path / "store"
    summary = run_batch(inbox, store)
    fates = _fates(store)
    assert fates["bomb.docx"][0] == "failed" and "bom giải nén" in fates["bomb.docx"][1]
    assert fates["nested.zip"][0] == "failed"
    assert fates["report.txt"][0] == "processed"
    assert summary["quarantined"] == 2
    quarantined = sorted(p.name for p in (store / "quarantine").iterdir())
    assert len(quarantined) == 4 and sum(name.endswith(".reason.txt") for name in quarantined) == 2


def test_changed_file_at_same_path_is_processed_again(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    seed = (ROOT / "samples" / "seeds" / "001_haiphong_report.txt").read_text(encoding="utf-8")
    (inbox / "report.txt").write_text(seed, encoding="utf-8")
    store = tmp_path / "store"
    assert run_batch(inbox, store)["processed"] == 1
    (inbox / "report.txt").write_text(seed.replace("51.608", "51.609"), encoding="utf-8")
    second = run_batch(inbox, store)
    assert second["processed"] == 1 and second["new"] == 1


def test_a_parse_that_hits_a_limit_is_quarantined(tmp_path: Path) -> None:
    from flows.batch import Batch
    from flows.guard import Limits, SandboxWorker
    from flows.ingest import walk_inbox

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bomb.pdf").write_bytes(b"%PDF-1.4\n" + b"x" * 1400)
    batch = Batch(tmp_path / "store", Limits(memory_bytes=512 << 20, wall_seconds=30))
    batch.start(inbox)
    with SandboxWorker(batch.limits, target="tests.flows.hostile:allocate") as worker:
        for item in walk_inbox(inbox):
            for job in batch.plan(item):
                outcome = batch.process(job, worker)
    assert outcome.fate == "failed" and outcome.quarantined and "bộ nhớ" in outcome.reason
    sha = job.sha256
    assert (tmp_path / "store" / "quarantine" / sha).exists()
    assert "bộ nhớ" in (tmp_path / "store" / "quarantine" / f"{sha}.reason.txt").read_text(encoding="utf-8")
    assert not Path(job.object_path).exists()  # moved out of the object store


def test_a_file_that_vanishes_or_cannot_be_read_is_failed_not_fatal(tmp_path: Path) -> None:
    from flows.batch import Batch
    from flows.ingest import Item

    batch = Batch(tmp_path / "store")
    batch.start(tmp_path)
    ghost = Item(locator="gone.docx", path="gone.docx", kind="file", name="gone.docx", depth=0,
                 file=tmp_path / "gone.docx")  # fmt: skip
    assert batch.plan(ghost) == []
    fate, reason = _fates(tmp_path / "store")["gone.docx"]
    assert fate == "failed" and "FileNotFoundError" in reason


def test_one_run_per_store_at_a_time(tmp_path: Path) -> None:
    from flows.batch import Batch, RunLocked

    first = Batch(tmp_path / "store")
    first.start(tmp_path)
    with pytest.raises(RunLocked) as info:
        Batch(tmp_path / "store").start(tmp_path)
    assert "đang chạy" in str(info.value)
    first.finish()
    second = Batch(tmp_path / "store")
    second.start(tmp_path)  # free again
    second.finish()


def _runs(store: Path) -> list[tuple[int, str, object]]:
    with sqlite3.connect(store / "baocao.db") as db:
        return db.execute("select id, status, finished_at from runs order by id").fetchall()


def _dead_run(store: Path) -> None:
    """A run row whose owner process is gone (what kill -9 leaves behind)."""
    from store.db import open_engine, session_scope
    from store.runs import current_owner
    from store.schema import Run

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    owner = {**current_owner(), "pid": dead.pid}
    with session_scope(open_engine(store)) as session:
        session.add(Run(inbox="x", engine="plain", status="running", summary={"owner": owner}))


def test_status_marks_a_dead_run_abandoned(tmp_path: Path) -> None:
    store = tmp_path / "store"
    _dead_run(store)
    done = subprocess.run([sys.executable, "-m", "baocao", "status", "--store", str(store)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "abandoned" in done.stderr
    [(_, status, finished)] = _runs(store)
    assert status == "abandoned" and finished is not None


def test_a_new_run_marks_dead_runs_abandoned_and_a_live_one_is_kept(tmp_path: Path) -> None:
    from flows.batch import Batch
    from store.db import open_engine
    from store.runs import mark_abandoned

    store = tmp_path / "store"
    _dead_run(store)
    live = Batch(store)
    live.start(tmp_path)
    assert [status for _, status, _ in _runs(store)] == ["abandoned", "running"]
    assert mark_abandoned(open_engine(store), holding_lock=False) == []  # its owner is alive
    live.finish()
    assert [status for _, status, _ in _runs(store)] == ["abandoned", "finished"]
