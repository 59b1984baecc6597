"""Prefect side: schedule, retry policy, summary artifact, and a real local Prefect server.

The server test starts ``prefect server start`` on 127.0.0.1 (free port, private
PREFECT_HOME), registers the nightly deployment through ``baocao serve --register-only``
and reads the schedule back over the REST API; it then runs ``baocao run --prefect``
against that server and reads the run's summary artifact back.  It is skipped, with the
reason, when the server does not come up within 90 s.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from flows.nightly import (
    TransientError,
    _is_transient,
    nightly_schedule,
    summary_markdown,
)

ROOT = Path(__file__).resolve().parents[2]


def test_schedule_is_two_am_vietnam_time() -> None:
    schedule = nightly_schedule()
    assert schedule.cron == "0 2 * * *"
    assert schedule.timezone == "Asia/Ho_Chi_Minh"


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


def test_summary_markdown_lists_counts_provinces_and_flags() -> None:
    text = summary_markdown({"run_id": 3, "new": 5, "processed": 4, "duplicate": 1, "failed": 1,
                             "provinces": {"Hải Phòng": 2, "Nghệ An": 1}, "flags": 7,
                             "flags_by_severity": {"error": 2, "warning": 5}})  # fmt: skip
    assert "| Mới | 5 |" in text and "| Trùng lặp | 1 |" in text and "| Lỗi | 1 |" in text
    assert "Hải Phòng: 2" in text and "Tỉnh/thành đã nhận báo cáo (2)" in text
    assert "Cảnh báo: 7" in text and "error: 2" in text


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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimpleNamespace]:
    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_UI_ENABLED": "false", "PREFECT_API_URL": ""}  # fmt: skip
    env.pop("PREFECT_API_URL")
    log = open(home / "server.log", "wb")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    api = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(1)
        else:
            pytest.skip("máy chủ Prefect cục bộ không khởi động được trong 90 giây")
        yield SimpleNamespace(api=api, env={**env, "PREFECT_API_URL": api}, home=home)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        log.close()


def test_nightly_deployment_registered_with_vietnam_cron(
    prefect_server: SimpleNamespace, mailbox_dir: Path, tmp_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "baocao", "serve", str(mailbox_dir), "--store", str(tmp_path / "s"),
         "--register-only"],
        cwd=ROOT, env=prefect_server.env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    deployment = httpx.get(f"{prefect_server.api}/deployments/name/baocao-batch/nightly", timeout=10).json()
    (schedule,) = [s["schedule"] for s in deployment["schedules"]]
    assert schedule["cron"] == "0 2 * * *"
    assert schedule["timezone"] == "Asia/Ho_Chi_Minh"
    assert deployment["parameters"]["inbox"] == str(mailbox_dir.resolve())
    assert deployment["entrypoint"] == "flows.nightly.batch_flow"


def test_prefect_run_against_server_publishes_summary_artifact(
    prefect_server: SimpleNamespace, mailbox_dir: Path, tmp_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "baocao", "run", str(mailbox_dir), "--store", str(tmp_path / "s"),
         "--prefect", "--json"],
        cwd=ROOT, env=prefect_server.env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "chuyển sang chạy trực tiếp" not in done.stderr  # really ran as a flow
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["processed"] == 8 and summary["duplicate"] == 1
    artifacts = httpx.post(f"{prefect_server.api}/artifacts/filter", json={}, timeout=10).json()
    markdown = [a for a in artifacts if a["key"] == "baocao-run-summary"]
    assert markdown and "| Đã xử lý (báo cáo) | 8 |" in markdown[0]["data"]
    with __import__("sqlite3").connect(tmp_path / "s" / "baocao.db") as db:
        assert db.execute("select engine, status from runs").fetchall() == [("prefect", "finished")]


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
