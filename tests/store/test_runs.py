"""The run lock, dead runs and racing schema creation, on SQLite and PostgreSQL (engine fixture: conftest)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from store.db import open_engine, session_scope
from store.migrations import HEAD_REVISION, stored_revisions
from store.runs import LockBusy, acquire_run_lock, current_owner, mark_abandoned
from store.schema import Run
from tests.store.legacy import expected_rows, make_old_store, read_rows


def test_one_holder_at_a_time_and_freed_on_release(engine) -> None:  # noqa: ANN001
    first = acquire_run_lock(engine)
    with pytest.raises(LockBusy):
        acquire_run_lock(open_engine(Path(engine.url.database or ".").parent if engine.dialect.name == "sqlite"
                                     else None, create=False))  # fmt: skip
    first.release()
    acquire_run_lock(engine).release()


@pytest.mark.slow  # the first run holds the lock for a second
def test_a_waiting_run_gets_the_lock_when_the_first_ends(engine) -> None:  # noqa: ANN001
    first = acquire_run_lock(engine)
    threading.Timer(1.0, first.release).start()
    started = time.monotonic()
    second = acquire_run_lock(engine, wait_seconds=30)
    assert 0.5 < time.monotonic() - started < 30
    second.release()


def test_the_lock_dies_with_its_process(engine, tmp_path: Path) -> None:  # noqa: ANN001
    """A holder killed with SIGKILL leaves nothing locked (server/OS releases it)."""
    code = ("import sys, time; from store.db import open_engine; from store.runs import acquire_run_lock;"
            f"lock = acquire_run_lock(open_engine({str(tmp_path / 'store')!r})); print('held', flush=True);"
            "time.sleep(60)")  # fmt: skip
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(LockBusy):
            acquire_run_lock(engine)
    finally:
        holder.kill()
        holder.wait()
    acquire_run_lock(engine, wait_seconds=10).release()


@pytest.mark.slow  # several processes create or upgrade the schema at once
@pytest.mark.parametrize("start", ["new database", "first release"])
def test_schema_creation_is_safe_when_processes_race(db_engine_name: str, tmp_path: Path, start: str) -> None:
    if start == "first release":
        make_old_store(tmp_path / "store", start)
    code = f"from store.db import open_engine; open_engine({str(tmp_path / 'store')!r})"
    racers = [subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True) for _ in range(4)]
    errors = [racer.communicate(timeout=120)[1] for racer in racers]
    assert [racer.returncode for racer in racers] == [0] * 4, errors
    engine = open_engine(tmp_path / "store")
    assert {"runs", "inputs", "sources", "documents", "review_sessions"} <= set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        assert stored_revisions(connection) == {HEAD_REVISION}
    if start == "first release":
        assert read_rows(engine) == expected_rows()


def test_dead_runs_are_abandoned_live_ones_kept(engine) -> None:  # noqa: ANN001
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with session_scope(engine) as session:
        session.add(Run(inbox="a", status="running", summary={"owner": {**current_owner(), "pid": dead.pid}}))
        session.add(Run(inbox="b", status="running", summary={"owner": current_owner()}))
        session.add(Run(inbox="c", status="running", summary={"owner": {**current_owner(), "host": "elsewhere"}}))
    assert [m["run_id"] for m in mark_abandoned(engine, holding_lock=False)] == [1]
    with session_scope(engine) as session:
        assert [(r.status, r.finished_at is not None) for r in session.scalars(select(Run).order_by(Run.id))] == [
            ("abandoned", True), ("running", False), ("running", False)]  # fmt: skip
    # whoever holds the run lock knows every other running row is dead, whatever its host
    assert [m["run_id"] for m in mark_abandoned(engine, holding_lock=True, exclude=2)] == [3]
