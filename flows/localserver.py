"""A throw-away local ``prefect server start`` (private PREFECT_HOME, free port).

Used by the server tests and by ``bench/benchmark.py --extra prefect``: the same server a
user starts with ``baocao server``, in its own session so that stopping it also stops its
children.  Importing this module does not import Prefect.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class ServerDidNotStart(RuntimeError):
    """The server did not answer /health in time; the message ends with its log."""


@dataclass
class LocalServer:
    api: str  # http://127.0.0.1:PORT/api
    home: Path
    env: dict[str, str]  # the caller's environment with PREFECT_API_URL/PREFECT_HOME set


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    """Stop a process started with ``start_new_session=True`` and whatever it started."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # children left behind (flow runs)


def _healthy(api: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api}/health", timeout=2) as response:  # noqa: S310 - local URL
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def local_server(home: Path, *, startup_timeout: float = 180) -> Iterator[LocalServer]:
    """Run ``prefect server start`` on 127.0.0.1 with ``home`` as PREFECT_HOME until the block ends."""
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_UI_ENABLED": "false"}  # fmt: skip
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_PROFILE", None)
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    log_path = home / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + startup_timeout
            while not _healthy(api):
                if process.poll() is not None or time.monotonic() > deadline:
                    tail = log_path.read_text(errors="replace")[-3000:]
                    raise ServerDidNotStart(f"prefect server did not answer in {startup_timeout:.0f} s:\n{tail}")
                time.sleep(0.5)
            yield LocalServer(api=api, home=home, env={**env, "PREFECT_API_URL": api})
        finally:
            stop(process)
