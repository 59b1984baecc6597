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
  takes ~25 s here, so the startup timeout defaults to 120 s.  ``baocao run`` avoids
  that by running :func:`flows.flowcore.run_direct` (same body, same task function,
  no Prefect) unless a server is configured or ``--prefect`` is given.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # offline machines

from prefect import flow, task  # noqa: E402 - after the env default above
from prefect.cache_policies import NO_CACHE  # noqa: E402

from baocao import settings  # noqa: E402
from flows.batch import Job  # noqa: E402
from flows.flowcore import (  # noqa: E402, F401 - re-exported: the flow's building blocks
    RETRY_DELAYS,
    TransientError,
    close_workers,
    extract_and_record,
    progress,
    run_direct,
    run_flow_body,
    set_progress,
    worker_count,
)
from flows.runreport import publish_summary  # noqa: E402

NIGHTLY_CRON = "0 2 * * *"
NIGHTLY_TIMEZONE = "Asia/Ho_Chi_Minh"
DEPLOYMENT_NAME = "nightly"
FLOW_NAME = "baocao-batch"


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
    return extract_and_record(job, store, run_id)


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


def run_with_prefect(inbox: str, store: str | None = None) -> dict[str, Any]:
    """The batch as a Prefect flow run (on PREFECT_API_URL, else Prefect's temporary server)."""
    return batch_flow(inbox=str(inbox), store=str(store) if store else None)


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
