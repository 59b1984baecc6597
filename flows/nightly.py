"""The Prefect face of the batch core: a flow with one task per document, a nightly deployment.

The flow does exactly what ``flows.batch.run_batch`` does (same plan → process →
record-containers steps, same store), so a Prefect run and a ``--no-prefect`` run give
the same records.  Only ``process_document`` is a task: it is the unit that can run in
parallel and the only step worth retrying, and only for transient errors (a locked or
unreachable database, a full disk): a file that fails to parse is recorded as
``failed`` and returns normally, so Prefect never retries it.

Configuration (environment, read when this module is imported, so the nightly runner
uses the same settings):

* ``BAOCAO_TASK_RUNNER``: ``threads`` (default) or ``dask``; ``BAOCAO_DASK_ADDRESS``
  points at an existing Dask scheduler (else a local cluster); ``BAOCAO_WORKERS``
  bounds parallel documents (each has its own sandbox child).  prefect-dask is only
  imported when ``dask`` is chosen.
* With no ``PREFECT_API_URL`` Prefect starts an ephemeral server; its first start
  takes ~25 s here, so the startup timeout defaults to 120 s.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # offline machines

from prefect import flow, task  # noqa: E402 - after the env default above
from prefect.cache_policies import NO_CACHE  # noqa: E402

from flows.batch import Batch, Job, Outcome  # noqa: E402
from flows.guard import SandboxWorker  # noqa: E402
from flows.runreport import publish_summary, refresh_export  # noqa: E402
from store.schema import FAILED  # noqa: E402

log = logging.getLogger(__name__)
RETRY_DELAYS = (2, 10)

NIGHTLY_CRON = "0 2 * * *"
NIGHTLY_TIMEZONE = "Asia/Ho_Chi_Minh"
DEPLOYMENT_NAME = "nightly"
FLOW_NAME = "baocao-batch"


class TransientError(Exception):
    """A failure worth retrying (database busy/unreachable, I/O), not a property of the file."""


def worker_count() -> int:
    raw = os.environ.get("BAOCAO_WORKERS")
    if raw and raw.isdigit() and int(raw) > 0:
        return int(raw)
    return max(1, min(4, (os.cpu_count() or 2) - 1))


def make_task_runner() -> Any:
    """The task runner named by configuration; Dask only when asked (lazy import)."""
    choice = os.environ.get("BAOCAO_TASK_RUNNER", "threads").strip().lower()
    if choice == "dask":
        from prefect_dask import DaskTaskRunner  # optional dependency: pip install prefect-dask

        address = os.environ.get("BAOCAO_DASK_ADDRESS")
        if address:
            return DaskTaskRunner(address=address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": worker_count(), "threads_per_worker": 1})
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=worker_count())


# ---------------------------------------------------------------------------
# Per-process state for tasks (threads share it; each Dask worker process has its own)
# ---------------------------------------------------------------------------

_lock = threading.Lock()
_processors: dict[tuple[int, str], Batch] = {}
_workers: list[SandboxWorker] = []
_local = threading.local()


def _processor(store: str) -> Batch:
    key = (os.getpid(), store)
    with _lock:
        if key not in _processors:
            _processors[key] = Batch(store)
        return _processors[key]


def _worker(limits: Any) -> SandboxWorker:
    worker = getattr(_local, "worker", None)
    if worker is None:
        worker = SandboxWorker(limits)
        _local.worker = worker
        with _lock:
            _workers.append(worker)
    return worker


def close_workers() -> None:
    with _lock:
        workers, _workers[:] = list(_workers), []
    for worker in workers:
        worker.close()


def _is_transient(_task: Any, _task_run: Any, state: Any) -> bool:
    """Retry only TransientError; a deterministic failure would fail again."""
    try:
        exc = state.result(raise_on_failure=False)
    except Exception:  # noqa: BLE001 - an unreadable state is not worth a retry
        return False
    return isinstance(exc, TransientError)


@task(
    name="process-document",
    retries=2,
    retry_delay_seconds=list(RETRY_DELAYS),
    retry_condition_fn=_is_transient,
    cache_policy=NO_CACHE,
)
def process_document(job: Job, store: str, run_id: int | None = None) -> dict[str, Any]:
    """Extract one document in the sandbox and record it (one transaction)."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    processor = _processor(store)
    processor.run_id = run_id
    try:
        outcome = processor.process(job, _worker(processor.limits))
    except (OperationalError, DBAPIError, OSError) as exc:
        raise TransientError(f"{type(exc).__name__}: {exc}") from exc
    return asdict(outcome)


# Prefect's ephemeral server is a uvicorn child that outlives a `kill -9` of its parent.
# A tiny watchdog in its own session stops it when this process is gone (or a zombie).
_WATCHDOG = r"""
import os, signal, sys, time
parent, server = int(sys.argv[1]), int(sys.argv[2])
def state(pid):
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None
def is_server(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return b"prefect.server.api.server" in fh.read()
    except OSError:
        return False
while is_server(server):
    if state(parent) in (None, "Z"):
        os.kill(server, signal.SIGTERM)
        for _ in range(20):
            time.sleep(0.5)
            if not is_server(server):
                sys.exit(0)
        os.kill(server, signal.SIGKILL)
        sys.exit(0)
    time.sleep(1)
"""
_watched: set[int] = set()


def _watch_ephemeral_server() -> None:
    """Start the watchdog for a running ephemeral server (once per server)."""
    import subprocess
    import sys

    try:
        from prefect.server.api.server import SubprocessASGIServer
    except ImportError:
        return
    for server in list(SubprocessASGIServer._instances.values()):
        process = getattr(server, "server_process", None)
        if process is None or process.poll() is not None or process.pid in _watched:
            continue
        _watched.add(process.pid)
        subprocess.Popen(
            [sys.executable, "-c", _WATCHDOG, str(os.getpid()), str(process.pid)],
            start_new_session=True, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip


@flow(name=FLOW_NAME, task_runner=make_task_runner(), validate_parameters=False)
def batch_flow(inbox: str, store: str | None = None) -> dict[str, Any]:
    """Process every new input under ``inbox`` into the store; publish a summary artifact."""
    from prefect import get_run_logger

    if not Path(inbox).is_dir():  # e.g. prefect.yaml deployed without BAOCAO_INBOX set
        raise ValueError(f"inbox folder not found: {inbox!r} (set BAOCAO_INBOX before 'prefect deploy')")
    if store and "{{" in store:
        raise ValueError(f"store folder not resolved: {store!r} (set BAOCAO_STORE before 'prefect deploy')")
    _watch_ephemeral_server()
    summary = run_flow_body(inbox, store, "prefect", process_document.submit)
    publish_summary(summary)
    get_run_logger().info("export: %s", summary.get("export") or "(not written, see the log above)")
    return summary


def run_flow_body(inbox: str, store: str | None, engine_name: str, submit: Callable[..., Any]) -> dict[str, Any]:
    """The flow's steps, whatever runs the documents (Prefect task runner or a local pool).

    ``submit(job, store, run_id)`` returns a future (Prefect's or ``concurrent.futures``');
    outcomes are folded in by this (parent) process, containers recorded after their parts.
    """
    batch = Batch(store)
    batch.start(Path(inbox).resolve(), engine_name)
    status = "failed"
    try:
        items = batch.inputs(Path(inbox))
        for item in progress(items):
            jobs = batch.plan(item)
            futures = [submit(job, str(batch.store), batch.run_id) for job in jobs]
            for job, future in zip(jobs, futures, strict=True):
                _collect(batch, job, future)
            batch.flush_containers()
        status = "finished"
    finally:
        summary = batch.finish(status)
        close_workers()
    summary["export"] = str(path) if (path := refresh_export(summary)) else None
    log.info("run %s finished; export: %s", summary.get("run_id"), summary["export"])
    return summary


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


def run_with_prefect(inbox: str, store: str | None = None) -> dict[str, Any]:
    """The batch as a Prefect flow run (on PREFECT_API_URL, else Prefect's temporary server)."""
    return batch_flow(inbox=str(inbox), store=str(store) if store else None)


def _direct_task(job: Job, store: str, run_id: int | None) -> dict[str, Any]:
    """``process_document`` without the engine, with the same retry policy for transient errors."""
    for delay in (*RETRY_DELAYS, None):
        try:
            return process_document.fn(job, store, run_id)
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


# ---------------------------------------------------------------------------
# The nightly deployment
# ---------------------------------------------------------------------------


def nightly_schedule(cron: str = NIGHTLY_CRON, timezone: str = NIGHTLY_TIMEZONE) -> Any:
    """A cron schedule in local time (02:00 in Vietnam is 19:00 UTC the day before)."""
    from prefect.schedules import Cron

    return Cron(cron, timezone=timezone)


def deployment_parameters(inbox: str, store: str | None) -> dict[str, Any]:
    return {"inbox": str(Path(inbox).resolve()), "store": str(Path(store).resolve()) if store else None}


def nightly_deployment(inbox: str, store: str | None = None, *, cron: str = NIGHTLY_CRON,
                       timezone: str = NIGHTLY_TIMEZONE) -> Any:  # fmt: skip
    """A RunnerDeployment of the batch flow on ``cron`` in ``timezone`` (default 02:00 Vietnam)."""
    from prefect.deployments.runner import EntrypointType

    return batch_flow.to_deployment(
        name=DEPLOYMENT_NAME,
        schedule=nightly_schedule(cron, timezone),
        parameters=deployment_parameters(inbox, store),
        description=f"Xử lý hộp thư báo cáo QĐ 131 theo lịch '{cron}' ({timezone})",
        tags=["baocao"],
        entrypoint_type=EntrypointType.MODULE_PATH,  # "flows.nightly.batch_flow": any cwd
    )


def register_nightly(inbox: str, store: str | None = None, **schedule: str) -> Any:
    """Register (create or update) the nightly deployment on the configured Prefect API."""
    return nightly_deployment(inbox, store, **schedule).apply()


def serve_nightly(inbox: str, store: str | None = None, **schedule: str) -> None:
    """Register the deployment and run its flow runs in subprocesses until interrupted.

    The Prefect server's scheduler creates the runs; this process (a Prefect runner)
    polls for them and executes them, so both must be up at the scheduled time.  One
    run at a time (``limit=1``): a run due while another is still going waits for it
    instead of failing on the store's run lock.
    """
    from prefect import serve

    serve(nightly_deployment(inbox, store, **schedule), print_starting_message=False, limit=1)
