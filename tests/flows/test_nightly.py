"""Prefect side: schedule, retry policy, summary artifact, prefect.yaml, and a real server.

The server tests (slow) start ``prefect server start`` on 127.0.0.1 (free port, private
PREFECT_HOME, default scheduler settings, as a user would), then: register the nightly
deployment and read the schedule back; run ``baocao run --prefect`` and read the summary
artifact back; list deployments, flow runs and artifacts the way the CLI and client do
(with a ``limit`` in the body: FastAPI >= 0.150 answered that with 422); and serve with
``--cron "* * * * *"`` until the server's scheduler creates a run that completes and
the inbox is in the store.  A server that does not come up within 180 s fails the tests.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from flows.localserver import LocalServer, local_server, stop
from flows.nightly import (
    DEPLOYMENT_NAME,
    NIGHTLY_CRON,
    NIGHTLY_TIMEZONE,
    TransientError,
    _is_transient,
    batch_flow,
    nightly_schedule,
)
from flows.runreport import summary_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_schedule_is_two_am_vietnam_time() -> None:
    schedule = nightly_schedule()
    assert schedule.cron == "0 2 * * *"
    assert schedule.timezone == "Asia/Ho_Chi_Minh"
    custom = nightly_schedule("*/5 * * * *", "UTC")
    assert (custom.cron, custom.timezone) == ("*/5 * * * *", "UTC")


def test_prefect_yaml_describes_the_same_deployment(monkeypatch: pytest.MonkeyPatch) -> None:
    """prefect.yaml parses as Prefect's CLI reads it, and its entrypoint and parameters fit the flow."""
    import inspect

    import yaml
    from prefect.cli.deploy._models import PrefectYamlModel
    from prefect.flows import load_flow_from_entrypoint
    from prefect.utilities.templating import apply_values

    raw = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    (deployment,) = PrefectYamlModel.model_validate(raw).deployments
    assert deployment.name == DEPLOYMENT_NAME
    (schedule,) = deployment.schedules
    assert (schedule.cron, schedule.timezone) == (NIGHTLY_CRON, NIGHTLY_TIMEZONE)
    assert deployment.work_pool.name == "baocao-process"

    monkeypatch.chdir(ROOT)
    flow = load_flow_from_entrypoint(deployment.entrypoint)
    assert flow.name == batch_flow.name
    assert set(deployment.parameters) == set(inspect.signature(batch_flow.fn).parameters)

    monkeypatch.setenv("BAOCAO_INBOX", "/srv/inbox")
    monkeypatch.setenv("BAOCAO_STORE", "/srv/data")
    resolved = apply_values(deployment.parameters, os.environ, remove_notset=False)
    assert resolved == {"inbox": "/srv/inbox", "store": "/srv/data"}


def test_unresolved_deploy_parameters_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="BAOCAO_INBOX"):
        batch_flow.fn(inbox="{{ $BAOCAO_INBOX }}", store=None)
    with pytest.raises(ValueError, match="BAOCAO_STORE"):
        batch_flow.fn(inbox=str(tmp_path), store="{{ $BAOCAO_STORE }}")


class _State:
    def __init__(self, exc: BaseException):
        self.exc = exc

    def result(self, raise_on_failure: bool = True) -> BaseException:
        return self.exc


@pytest.mark.parametrize(
    ("exc", "retry"),
    [(TransientError("database is locked"), True), (ValueError("bad table"), False),
     (KeyError("x"), False)],
)  # fmt: skip
def test_only_transient_errors_are_retried(exc: BaseException, retry: bool) -> None:
    assert _is_transient(None, None, _State(exc)) is retry


def test_summary_markdown_lists_counts_provinces_flags_and_failures() -> None:
    text = summary_markdown({"run_id": 3, "new": 5, "processed": 4, "duplicate": 1, "failed": 1,
                             "provinces": {"Hải Phòng": 2, "Nghệ An": 1}, "flags": 7,
                             "flags_by_severity": {"error": 2, "warning": 5},
                             "export": "/data/bao-cao-131.xlsx"},
                            [("thu|a.eml/bc.pdf", "bị từ chối: tệp nén\nquá lớn")])  # fmt: skip
    assert "| Mới | 5 |" in text and "| Trùng lặp | 1 |" in text and "| Lỗi | 1 |" in text
    assert "| Hải Phòng | 2 |" in text and "Tỉnh/thành đã nhận báo cáo (2)" in text
    assert "Cảnh báo: 7" in text and "| error | 2 |" in text
    assert "| thu\\|a.eml/bc.pdf | bị từ chối: tệp nén quá lớn |" in text  # one row, pipe escaped
    assert "/data/bao-cao-131.xlsx" in text


def test_dask_is_not_imported_unless_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.nightly import make_task_runner

    monkeypatch.setenv("BAOCAO_TASK_RUNNER", "threads")
    monkeypatch.setenv("BAOCAO_WORKERS", "3")
    runner = make_task_runner()
    assert type(runner).__name__ == "ThreadPoolTaskRunner" and runner._max_workers == 3
    assert "prefect_dask" not in sys.modules
    monkeypatch.setenv("BAOCAO_TASK_RUNNER", "dask")
    try:
        import prefect_dask  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError):
            make_task_runner()
    else:
        assert type(make_task_runner()).__name__ == "DaskTaskRunner"


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    with local_server(tmp_path_factory.mktemp("prefect-home")) as server:
        yield server


def _baocao(env: dict[str, str], *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "baocao", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)  # fmt: skip


def _deployment(api: str) -> dict:
    return httpx.get(f"{api}/deployments/name/baocao-batch/{DEPLOYMENT_NAME}", timeout=10).json()


@pytest.mark.slow
def test_nightly_deployment_registered_with_vietnam_cron(
    prefect_server: LocalServer, mailbox_dir: Path, tmp_path: Path
) -> None:
    done = _baocao(prefect_server.env, "serve", str(mailbox_dir), "--store", str(tmp_path / "s"), "--register-only")
    assert done.returncode == 0, done.stderr
    deployment = _deployment(prefect_server.api)
    (schedule,) = [s["schedule"] for s in deployment["schedules"]]
    assert schedule["cron"] == "0 2 * * *"
    assert schedule["timezone"] == "Asia/Ho_Chi_Minh"
    assert deployment["parameters"]["inbox"] == str(mailbox_dir.resolve())
    assert deployment["entrypoint"] == "flows.nightly.batch_flow"


@pytest.mark.slow
def test_prefect_run_against_server_publishes_summary_artifact(
    prefect_server: LocalServer, mailbox_dir: Path, tmp_path: Path
) -> None:
    done = _baocao(prefect_server.env, "run", str(mailbox_dir), "--store", str(tmp_path / "s"), "--json")
    assert done.returncode == 0, done.stderr
    assert "chuyển sang chạy trực tiếp" not in done.stderr and "không có máy chủ" not in done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["processed"] == 8 and summary["duplicate"] == 1
    artifacts = httpx.post(f"{prefect_server.api}/artifacts/filter", json={"limit": 50}, timeout=10).json()
    markdown = [a for a in artifacts if a["key"] == "baocao-run-summary"]
    assert markdown and "| Đã xử lý (báo cáo) | 8 |" in markdown[0]["data"]
    assert f"| Lỗi | {summary['failed']} |" in markdown[0]["data"]
    with __import__("sqlite3").connect(tmp_path / "s" / "baocao.db") as db:
        assert db.execute("select engine, status from runs").fetchall() == [("prefect", "finished")]


@pytest.mark.slow
@pytest.mark.parametrize("route", ["deployments", "flow_runs", "artifacts", "flows"])
def test_installed_server_lists_with_a_limit(prefect_server: LocalServer, route: str) -> None:
    """The body the Prefect client sends (with ``limit``); FastAPI >= 0.150 answered it with 422."""
    response = httpx.post(f"{prefect_server.api}/{route}/filter", json={"limit": 5, "offset": 0}, timeout=10)
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)


@pytest.mark.slow
def test_prefect_cli_lists_deployments_and_artifacts(prefect_server: LocalServer) -> None:
    script = (
        "import asyncio\n"
        "from prefect.client.orchestration import get_client\n"
        "async def main():\n"
        "    async with get_client() as client:\n"
        "        deployments = await client.read_deployments(limit=5)\n"
        "        artifacts = await client.read_artifacts(limit=5)\n"
        "        print(len(deployments), len(artifacts))\n"
        "asyncio.run(main())\n"
    )
    done = subprocess.run([sys.executable, "-c", script], env=prefect_server.env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    cli = subprocess.run([sys.executable, "-m", "prefect", "deployment", "ls"], env=prefect_server.env,
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert cli.returncode == 0 and "422" not in cli.stdout + cli.stderr, cli.stdout + cli.stderr


@pytest.mark.slow
def test_scheduled_run_fires_completes_and_records_the_inbox(
    prefect_server: LocalServer, mailbox_dir: Path, tmp_path: Path
) -> None:
    """`baocao serve --cron '* * * * *'`: the server's scheduler creates a run; it completes."""
    store = tmp_path / "nightly-store"
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115 - closed below
    serve = subprocess.Popen(
        [sys.executable, "-m", "baocao", "serve", str(mailbox_dir), "--store", str(store), "--cron", "* * * * *"],
        cwd=ROOT, env=prefect_server.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    api = prefect_server.api
    try:
        started = time.monotonic()
        completed = _wait_for_scheduled_completion(api, serve, timeout=300)  # 2 cores shared by many
        waited = time.monotonic() - started
        assert completed is not None, f"{waited:.0f} s\n" + (tmp_path / "serve.log").read_text()[-4000:]
    finally:
        stop(serve, signal.SIGINT)
        log.close()
    assert completed["auto_scheduled"] is True  # created by the scheduler, not by us
    with __import__("sqlite3").connect(store / "baocao.db") as db:
        fates = dict(db.execute("select fate, count(*) from inputs where kind != 'message' group by fate"))
        runs = db.execute("select engine, status from runs").fetchall()
    assert fates.get("processed", 0) >= 8 and ("prefect", "finished") in runs
    flow_run = {"flow_run_id": {"any_": [completed["id"]]}}
    artifacts = httpx.post(f"{api}/artifacts/filter", json={"artifacts": flow_run, "limit": 10}, timeout=10).json()
    summaries = [a["data"] for a in artifacts if a["key"] == "baocao-run-summary"]
    assert summaries and "| Đã xử lý (báo cáo) | 8 |" in summaries[0], (summaries, runs, fates)
    logs = httpx.post(f"{api}/logs/filter", json={"logs": flow_run, "limit": 200}, timeout=10).json()
    assert any("bao-cao-131.xlsx" in entry["message"] for entry in logs)
    assert (store / "bao-cao-131.xlsx").exists()


def _runs(api: str, deployment_id: str, states: list[str]) -> list[dict]:
    """This deployment's runs in ``states``, earliest expected start first (the scheduler makes ~100)."""
    body = {"flow_runs": {"deployment_id": {"any_": [deployment_id]}, "state": {"type": {"any_": states}}},
            "sort": "EXPECTED_START_TIME_ASC", "limit": 10}  # fmt: skip
    return httpx.post(f"{api}/flow_runs/filter", json=body, timeout=10).json()


def _wait_for_scheduled_completion(api: str, serve: subprocess.Popen, timeout: float) -> dict | None:
    deadline = time.monotonic() + timeout
    deployment_id = None
    while time.monotonic() < deadline and serve.poll() is None:
        time.sleep(3)
        with contextlib.suppress(httpx.HTTPError, KeyError):
            deployment = _deployment(api)
            if [s["schedule"].get("cron") for s in deployment.get("schedules", [])] == ["* * * * *"]:
                deployment_id = deployment["id"]
        if deployment_id is None:
            continue
        broken = _runs(api, deployment_id, ["FAILED", "CRASHED"])
        assert not broken, broken
        done = [run for run in _runs(api, deployment_id, ["COMPLETED"]) if run["auto_scheduled"]]
        if done:
            return done[0]  # the first scheduled run: the one that found the inbox new
    return None


@pytest.mark.slow  # starts a Prefect server
def test_watchdog_stops_the_server_when_its_parent_is_killed() -> None:
    from flows.nightly import _WATCHDOG

    parent = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    server = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)", "prefect.server.api.server"]
    )
    watchdog = subprocess.Popen([sys.executable, "-c", _WATCHDOG, str(parent.pid), str(server.pid)])
    try:
        time.sleep(1.5)
        assert server.poll() is None  # parent alive: server left alone
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        assert server.wait(timeout=15) is not None
        assert watchdog.wait(timeout=15) == 0
    finally:
        for process in (parent, server, watchdog):
            if process.poll() is None:
                process.kill()
                process.wait()
