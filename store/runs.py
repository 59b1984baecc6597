"""Run lifecycle in the database: the one-run-at-a-time lock and runs that died.

The lock lives where the records live, so two machines (or two store folders) pointed
at one PostgreSQL database exclude each other:

* PostgreSQL: a session-level advisory lock held on a dedicated connection for the
  whole run; the server drops it when the connection goes (kill -9 included).
* SQLite: an exclusive ``flock`` on ``run.lock`` beside the database file (the OS drops
  it when the process dies); every process opening that file shares the lock.

A run row records its owner (pid, host, process start time, Prefect flow run id) while
it runs.  Whoever holds the lock knows every other ``running`` row is dead; ``baocao
status`` (which does not take the lock) judges by pid + host + start time instead.
Such rows are marked ``abandoned`` with an end time; their unrecorded inputs are simply
picked up again by the next run (an input's fate is written in one transaction).
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, select, text

from store.db import session_scope
from store.schema import Run, utcnow

log = logging.getLogger(__name__)

RUN_LOCK_KEY = 131_6541  # pg_advisory_lock key of "the batch" (any constant of our own)
ABANDONED = "abandoned"


class LockBusy(RuntimeError):
    """Another run holds the database's run lock."""


@dataclass
class RunLock:
    """A held run lock; :meth:`release` frees it (idempotent)."""

    connection: Connection | None = None
    handle: Any = None

    def release(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(Exception):
                self.connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": RUN_LOCK_KEY})
            with contextlib.suppress(Exception):
                self.connection.close()
            self.connection = None
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def sqlite_lock_file(engine: Engine) -> Path:
    database = engine.url.database or ""
    return Path(database).resolve().parent / "run.lock"


def acquire_run_lock(engine: Engine, wait_seconds: float = 0.0) -> RunLock:
    """Take the run lock, waiting up to ``wait_seconds``; :class:`LockBusy` when it stays taken."""
    deadline = time.monotonic() + max(0.0, wait_seconds)
    while True:
        lock = _try_lock(engine)
        if lock is not None:
            return lock
        if time.monotonic() >= deadline:
            raise LockBusy("run lock held by another run")
        time.sleep(0.5)


def _try_lock(engine: Engine) -> RunLock | None:
    if engine.dialect.name == "postgresql":
        connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        got = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": RUN_LOCK_KEY}).scalar()
        if got:
            return RunLock(connection=connection)
        connection.close()
        return None
    if engine.dialect.name == "sqlite":
        import fcntl

        path = sqlite_lock_file(engine)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+")  # noqa: SIM115 - held for the run
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return None
        return RunLock(handle=handle)
    return RunLock()  # another database: no lock of ours (documented)


# ---------------------------------------------------------------------------
# Owners and abandoned runs
# ---------------------------------------------------------------------------


def _process_start(pid: int) -> int | None:
    """Start time of ``pid`` in clock ticks since boot (/proc), None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    if fields[0] == b"Z":  # a zombie is dead
        return None
    return int(fields[19])


def current_owner(flow_run_id: str | None = None) -> dict[str, Any]:
    pid = os.getpid()
    return {"pid": pid, "host": socket.gethostname(), "proc_start": _process_start(pid),
            "flow_run_id": flow_run_id}  # fmt: skip


def owner_alive(owner: dict[str, Any] | None) -> bool | None:
    """True/False for a run of this host; None when it cannot be told (another host, no owner)."""
    if not owner or owner.get("host") != socket.gethostname() or not owner.get("pid"):
        return None
    started = _process_start(int(owner["pid"]))
    return started is not None and started == owner.get("proc_start")


def mark_abandoned(engine: Engine, *, holding_lock: bool, exclude: int | None = None) -> list[dict[str, Any]]:
    """Mark dead ``running`` runs ``abandoned``; return their ids and owners.

    With the run lock held every other running row is dead; without it only rows whose
    owner process is provably gone on this host are touched.
    """
    marked: list[dict[str, Any]] = []
    with session_scope(engine) as session:
        for run in session.scalars(select(Run).where(Run.status == "running")):
            if run.id == exclude:
                continue
            owner = (run.summary or {}).get("owner")
            if not holding_lock and owner_alive(owner) is not False:
                continue
            run.status, run.finished_at = ABANDONED, utcnow()
            run.summary = {**(run.summary or {}), "abandoned": "tiến trình đã dừng trước khi kết thúc"}
            marked.append({"run_id": run.id, "engine": run.engine, "owner": owner})
    for item in marked:
        log.warning("run %s was abandoned (process gone); marked %s", item["run_id"], ABANDONED)
    crash_flow_runs([m["owner"]["flow_run_id"] for m in marked if (m["owner"] or {}).get("flow_run_id")])
    return marked


def sweep_abandoned(engine: Engine) -> list[dict[str, Any]]:
    """For readers such as ``baocao status``: mark dead runs without waiting for the lock."""
    try:
        lock = acquire_run_lock(engine, 0)
    except LockBusy:
        return mark_abandoned(engine, holding_lock=False)
    try:
        return mark_abandoned(engine, holding_lock=True)
    finally:
        lock.release()


def crash_flow_runs(flow_run_ids: list[str]) -> list[str]:
    """Set the given Prefect flow runs to Crashed through the public client.

    Called for abandoned runs that were Prefect flow runs; a flow run already in a
    final state is left alone.  Prefect trouble is logged, never raised: marking the
    store's own row is what matters for the next run.
    """
    done: list[str] = []
    if not flow_run_ids:
        return done
    try:
        from prefect import get_client
        from prefect.states import Crashed
    except ImportError:
        return done
    for flow_run_id in flow_run_ids:
        try:
            with get_client(sync_client=True) as client:
                run = client.read_flow_run(flow_run_id)
                if run.state is not None and run.state.is_final():
                    continue
                client.set_flow_run_state(
                    flow_run_id, Crashed(message="baocao: tiến trình đã dừng (kill/mất điện)"), force=True
                )
                done.append(flow_run_id)
        except Exception:  # noqa: BLE001 - see docstring
            log.warning("could not mark Prefect flow run %s Crashed", flow_run_id, exc_info=True)
    return done


def current_flow_run_id() -> str | None:
    """The Prefect flow run this process is inside, if any (without importing Prefect)."""
    import sys

    if "prefect" not in sys.modules:
        return None
    try:
        from prefect.context import FlowRunContext

        context = FlowRunContext.get()
    except Exception:  # noqa: BLE001
        return None
    return str(context.flow_run.id) if context and context.flow_run else None
