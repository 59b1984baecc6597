"""flows.flowcore.run_flow_body (the direct and Prefect paths): several inputs in flight."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from functools import partial
from pathlib import Path

import pytest

from flows.batch import Outcome
from flows.flowcore import run_flow_body
from flows.guard import choose_workers


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_loose_files_run_side_by_side_and_each_is_counted_once(tmp_path: Path, workers: int) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for number in range(8):  # one document per input: the case that ran one at a time
        (inbox / f"note-{number}.txt").write_text(f"Ghi chú số {number}\n", encoding="utf-8")
    lock, running, peak, seen = threading.Lock(), [0], [0], []

    def task(job, store: str, run_id: int | None) -> dict:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
            seen.append(job.locator)
        time.sleep(0.3)
        with lock:
            running[0] -= 1
        return asdict(Outcome(job.locator, "not_a_report", "test"))

    choose_workers(workers)
    try:
        with ThreadPoolExecutor(8) as pool:
            summary = run_flow_body(str(inbox), str(tmp_path / "store"), "test", partial(pool.submit, task))
    finally:
        choose_workers(None)
    assert sorted(seen) == sorted(set(seen)) and len(seen) == 8
    assert summary["not_a_report"] == 8
    assert 2 * workers <= peak[0] <= 2 * workers + 1  # the window: two inputs per worker, plus the one planned
