"""The flow's steps without Prefect: what ``baocao run`` uses when no Prefect server is configured.

:mod:`flows.nightly` wraps :func:`extract_and_record` as its Prefect task and calls
:func:`run_flow_body` with the task's ``submit``; :func:`run_direct` calls the same body
with a local thread pool, so an interactive run neither starts Prefect's temporary
server (~8 s) nor imports Prefect at all (1-4 s here), and gives the same records.
Results are folded in by this (parent) process as they arrive.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

from flows.batch import Batch, Job, Outcome, preimport_finish
from flows.guard import SandboxPool
from flows.runreport import refresh_export
from store.schema import FAILED

log = logging.getLogger(__name__)
RETRY_DELAYS = (2, 10)  # seconds before the 1st and 2nd retry of a transient failure
# Inputs whose documents may be running at once, per worker: loose files are one document
# each, and settling each before planning the next kept every core but one idle.
IN_FLIGHT_PER_WORKER = 2


class TransientError(Exception):
    """A failure worth retrying (database busy/unreachable, I/O), not a property of the file."""


def worker_count() -> int:
    """Documents in parallel: ``--workers``, the workers setting, else the cores (flows.guard)."""
    from flows.guard import worker_count as sandbox_workers

    return sandbox_workers()


# ---------------------------------------------------------------------------
# Per-process state for tasks (threads share it; each Dask worker process has its own)
# ---------------------------------------------------------------------------

_lock = threading.Lock()
_processors: dict[tuple[int, str], Batch] = {}
_pools: dict[int, SandboxPool] = {}


def _processor(store: str) -> Batch:
    key = (os.getpid(), store)
    with _lock:
        if key not in _processors:
            _processors[key] = Batch(store)
        return _processors[key]


def _worker(limits: Any) -> SandboxPool:
    """This process's warm sandbox pool (the same pool the plain batch uses), made once.

    Task threads borrow its children; a Dask worker process gets its own pool with one
    child per Dask thread.
    """
    with _lock:
        pool = _pools.get(os.getpid())
        if pool is None:
            pool = _pools[os.getpid()] = SandboxPool(limits, _dask_threads() or worker_count())
        return pool


def _dask_threads() -> int | None:
    import sys

    if "distributed" not in sys.modules:
        return None
    try:
        from distributed import get_worker

        return get_worker().state.nthreads
    except (ImportError, ValueError, AttributeError):
        return None


def close_workers() -> None:
    with _lock:
        pools = [_pools.pop(pid) for pid in list(_pools)]
    for pool in pools:
        pool.close()


def extract_and_record(job: Job, store: str, run_id: int | None = None) -> dict[str, Any]:
    """Extract one document in the sandbox and record it (one transaction)."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    processor = _processor(store)
    processor.run_id = run_id
    try:
        outcome = processor.process(job, _worker(processor.limits))
    except (OperationalError, DBAPIError, OSError) as exc:
        raise TransientError(f"{type(exc).__name__}: {exc}") from exc
    return asdict(outcome)


def run_flow_body(inbox: str, store: str | None, engine_name: str, submit: Callable[..., Any]) -> dict[str, Any]:
    """The flow's steps, whatever runs the documents (Prefect task runner or a local pool).

    ``submit(job, store, run_id)`` returns a future (Prefect's or ``concurrent.futures``');
    outcomes are folded in by this (parent) process, containers recorded after their parts.
    """
    batch = Batch(store)
    batch.start(Path(inbox).resolve(), engine_name)
    status = "failed"
    preimport_finish()
    try:
        items = batch.inputs(Path(inbox))
        window: deque[tuple[list[Job], list[Any], list[Any]]] = deque()
        for item in progress(items):
            jobs = batch.plan(item)
            futures = [submit(job, str(batch.store), batch.run_id) for job in jobs]
            window.append((jobs, futures, batch.take_containers()))
            if len(window) > IN_FLIGHT_PER_WORKER * worker_count():
                _settle(batch, *window.popleft())
        while window:
            _settle(batch, *window.popleft())
        status = "finished"
    finally:
        summary = batch.finish(status)
        close_workers()
    summary["export"] = str(path) if (path := refresh_export(summary)) else None
    log.info("run %s finished; export: %s", summary.get("run_id"), summary["export"])
    return summary


def _settle(batch: Batch, jobs: list[Job], futures: list[Any], containers: list[Any]) -> None:
    """Fold in one input's outcomes, then record its containers (after their parts)."""
    for job, future in zip(jobs, futures, strict=True):
        _collect(batch, job, future)
    batch.record_containers(containers)


def _collect(batch: Batch, job: Job, future: Any) -> None:
    """Fold a task's outcome into the run; a task that crashed still gives the input a fate."""
    if hasattr(future, "state"):  # a Prefect future
        future.wait()
        state = future.state
        error = None if state.is_completed() else state.result(raise_on_failure=False)
    else:  # concurrent.futures
        error = future.exception()
    if error is None:
        batch.note(Outcome(**future.result()))
        return
    reason = f"lỗi khi xử lý: {type(error).__name__}: {error}"[:500]
    batch._record_job(job, FAILED, reason)


# A progress wrapper for the inputs (the CLI sets a terminal bar); identity otherwise.
_progress_hook: Callable[[list[Any]], Iterable[Any]] | None = None


def set_progress(hook: Callable[[list[Any]], Iterable[Any]] | None) -> None:
    global _progress_hook
    _progress_hook = hook


def progress(items: list[Any]) -> Iterable[Any]:
    return _progress_hook(items) if _progress_hook else items


def _direct_task(job: Job, store: str, run_id: int | None) -> dict[str, Any]:
    """``process_document`` without the engine, with the same retry policy for transient errors."""
    for delay in (*RETRY_DELAYS, None):
        try:
            return extract_and_record(job, store, run_id)
        except TransientError:
            if delay is None:
                raise
            time.sleep(delay)
    raise AssertionError("unreachable")


def run_direct(inbox: str, store: str | None = None) -> dict[str, Any]:
    """The same flow code and task function on a local thread pool: no Prefect server at all.

    What ``baocao run`` does when no Prefect server is configured, so an interactive run
    does not pay the ~8 s of starting and stopping Prefect's temporary server.
    """
    with ThreadPoolExecutor(max_workers=worker_count(), thread_name_prefix="baocao-doc") as pool:
        return run_flow_body(str(inbox), store, "prefect-local", partial(pool.submit, _direct_task))
