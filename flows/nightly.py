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

import os
import threading
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # offline machines

from prefect import flow, task  # noqa: E402 - after the env default above
from prefect.cache_policies import NO_CACHE  # noqa: E402

from baocao import settings  # noqa: E402
from flows.batch import Batch, Job, Outcome  # noqa: E402
from flows.guard import SandboxPool  # noqa: E402
from store.schema import FAILED  # noqa: E402

NIGHTLY_CRON = "0 2 * * *"
NIGHTLY_TIMEZONE = "Asia/Ho_Chi_Minh"
DEPLOYMENT_NAME = "nightly"
FLOW_NAME = "baocao-batch"


class TransientError(Exception):
    """A failure worth retrying (database busy/unreachable, I/O), not a property of the file."""


def worker_count() -> int:
    """Documents in parallel: the workers setting, else the cores available (flows.guard)."""
    from flows.guard import worker_count as sandbox_workers

    return sandbox_workers()


def make_task_runner() -> Any:
    """The task runner named by configuration; Dask only when asked (lazy import)."""
    choice = settings.load().task_runner.strip().lower()
    if choice == "dask":
        import dask
        from prefect_dask import DaskTaskRunner  # optional dependency: pip install prefect-dask

        # Dask worker processes are daemonic by default and a daemonic process may not
        # start the sandbox child; non-daemonic workers may (set before the cluster starts,
        # and in the environment so workers started by the nanny see it too).
        os.environ.setdefault("DASK_DISTRIBUTED__WORKER__DAEMON", "False")
        dask.config.set({"distributed.worker.daemon": False})
        address = settings.load().dask_address
        if address:
            return DaskTaskRunner(address=address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": worker_count(), "threads_per_worker": 1,
                                              "processes": True})  # fmt: skip
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=worker_count())


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
    retry_delay_seconds=[2, 10],
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
    _watch_ephemeral_server()
    batch = Batch(store)
    batch.start(Path(inbox).resolve(), "prefect")
    status = "failed"
    try:
        for item in batch.inputs(Path(inbox)):
            jobs = batch.plan(item)
            futures = [process_document.submit(job, str(batch.store), batch.run_id) for job in jobs]
            for job, future in zip(jobs, futures, strict=True):
                _collect(batch, job, future)
            batch.flush_containers()
        status = "finished"
    finally:
        summary = batch.finish(status)
        close_workers()
    publish_summary(summary)
    return summary


def _collect(batch: Batch, job: Job, future: Any) -> None:
    """Fold a task's outcome into the run; a task that crashed still gives the input a fate."""
    future.wait()
    state = future.state
    if state.is_completed():
        batch.note(Outcome(**future.result()))
        return
    error = state.result(raise_on_failure=False)
    reason = f"lỗi khi xử lý: {type(error).__name__}: {error}"[:500]
    batch._record_job(job, FAILED, reason)


def summary_markdown(summary: dict[str, Any]) -> str:
    """The run summary as Markdown (Vietnamese headings) for the Prefect artifact."""
    lines = [
        f"# Kết quả lượt xử lý #{summary.get('run_id')}",
        "",
        "| Kết quả | Số lượng |",
        "|---|---:|",
    ]
    labels = {
        "new": "Mới", "processed": "Đã xử lý (báo cáo)", "duplicate": "Trùng lặp",
        "not_a_report": "Không phải báo cáo", "unsupported": "Không hỗ trợ",
        "failed": "Lỗi", "quarantined": "Cách ly", "containers": "Hộp thư/thư/tệp nén đã mở",
    }  # fmt: skip
    lines += [f"| {label} | {summary.get(key, 0)} |" for key, label in labels.items()]
    provinces = summary.get("provinces") or {}
    lines += ["", f"## Tỉnh/thành đã nhận báo cáo ({len(provinces)})", ""]
    lines += [f"- {name}: {count}" for name, count in provinces.items()] or ["- (không có)"]
    severities = Counter(summary.get("flags_by_severity") or {})
    lines += ["", f"## Cảnh báo: {summary.get('flags', 0)}", ""]
    lines += [f"- {name}: {count}" for name, count in sorted(severities.items())] or ["- (không có)"]
    return "\n".join(lines) + "\n"


def publish_summary(summary: dict[str, Any]) -> None:
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    create_markdown_artifact(
        markdown=summary_markdown(summary), key="baocao-run-summary",
        description="Tóm tắt lượt xử lý hộp thư",
    )  # fmt: skip
    fates = ("new", "processed", "duplicate", "not_a_report", "unsupported", "failed")
    create_table_artifact(
        table=[{"fate": key, "count": summary.get(key, 0)} for key in fates],
        key="baocao-run-counts", description="Số đầu vào theo kết quả",
    )  # fmt: skip


def run_with_prefect(inbox: str, store: str | None = None) -> dict[str, Any]:
    return batch_flow(inbox=str(inbox), store=str(store) if store else None)


# ---------------------------------------------------------------------------
# The nightly deployment
# ---------------------------------------------------------------------------


def nightly_schedule() -> Any:
    from prefect.schedules import Cron

    return Cron(NIGHTLY_CRON, timezone=NIGHTLY_TIMEZONE)


def nightly_deployment(inbox: str, store: str | None = None) -> Any:
    """A RunnerDeployment of the batch flow at 02:00 Vietnam time (not UTC)."""
    from prefect.deployments.runner import EntrypointType

    return batch_flow.to_deployment(
        name=DEPLOYMENT_NAME,
        schedule=nightly_schedule(),
        parameters={"inbox": str(Path(inbox).resolve()), "store": str(Path(store).resolve()) if store else None},
        description="Xử lý hộp thư báo cáo QĐ 131 lúc 02:00 hằng đêm (giờ Việt Nam)",
        tags=["baocao"],
        entrypoint_type=EntrypointType.MODULE_PATH,  # "flows.nightly.batch_flow": any cwd
    )


def register_nightly(inbox: str, store: str | None = None) -> Any:
    """Register (create or update) the nightly deployment on the configured Prefect API."""
    return nightly_deployment(inbox, store).apply()


def serve_nightly(inbox: str, store: str | None = None) -> None:
    """Register the deployment and run it on schedule until interrupted."""
    from prefect import serve

    serve(nightly_deployment(inbox, store))
