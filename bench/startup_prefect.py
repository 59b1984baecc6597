"""Start-up and Prefect overhead figures for ``bench/benchmark.py --extra startup-extract,prefect``.

Every figure is a whole command as a user runs it (a fresh ``python -m baocao`` process,
wall clock), so imports, Prefect's client and any server it starts are all counted.

* ``startup``: ``python -c pass`` (the floor), ``import prefect``, ``baocao --help`` and
  ``baocao extract`` of a one-line text file; median and min of ``--repeat`` runs.
* ``prefect``: the sample 8-message mailbox (``scripts/build_mailbox.py``) through
  ``baocao run`` with each engine into a fresh store, then again (nothing new):
  ``--no-prefect`` (the floor), the default without a Prefect server (flow code run
  directly), ``--prefect`` without a server (Prefect's temporary server), and, with
  ``--prefect-server``, the default against a local ``prefect server start``.  The
  overhead is the difference to the floor, per run and per processed document.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _env(prefect_home: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PREFECT_HOME": str(prefect_home), **extra}
    if "PREFECT_API_URL" not in extra:
        env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_PROFILE", None)
    return env


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, check=False)
    return time.perf_counter() - started, done


def _print(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        print("  " + "  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row)))
        if index == 0:
            print("  " + "  ".join("-" * w for w in widths))


def measure_startup(workdir: Path, args: argparse.Namespace) -> list:
    tiny = workdir / "tiny.txt"
    tiny.write_text("Kính gửi: Bộ Giáo dục và Đào tạo\n", encoding="utf-8")
    env = _env(workdir / "prefect-home")
    commands = {
        "python -c pass (floor)": [sys.executable, "-c", "pass"],
        "python -c 'import prefect'": [sys.executable, "-c", "import prefect"],
        "baocao --help": [sys.executable, "-m", "baocao", "--help"],
        "baocao extract tiny.txt": [sys.executable, "-m", "baocao", "extract", str(tiny)],
    }
    rows = [["start-up (whole process)", "median s", "min s"]]
    for label, command in commands.items():
        seconds = [_timed(command, env)[0] for _ in range(max(1, args.repeat))]
        rows.append([label, f"{statistics.median(seconds):.2f}", f"{min(seconds):.2f}"])
    print(f"\nstart-up ({args.repeat} runs each):")
    _print(rows)
    return []


def _run_engine(inbox: Path, store: Path, flags: list[str], env: dict[str, str]) -> tuple[float, float, dict]:
    command = [sys.executable, "-m", "baocao", "run", str(inbox), "--store", str(store), "--json", *flags]
    first, done = _timed(command, env)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(flags) or 'default'}: {done.stderr[-300:]}")
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    again, _ = _timed(command, env)
    return first, again, summary


def measure_prefect(workdir: Path, args: argparse.Namespace) -> list:
    import build_mailbox

    inbox = build_mailbox.build(workdir / "prefect-mailbox")
    home = workdir / "prefect-home"
    engines: list[tuple[str, list[str], dict[str, str]]] = [
        ("run --no-prefect (floor)", ["--no-prefect"], _env(home)),
        ("run, no server (flow code direct)", [], _env(home)),
        ("run --prefect, temporary server", ["--prefect"], _env(home)),
    ]
    results = []
    for index, (label, flags, env) in enumerate(engines):
        results.append((label, *_run_engine(inbox, workdir / f"prefect-store-{index}", flags, env)))
    if args.prefect_server:
        from flows.localserver import local_server

        with local_server(workdir / "prefect-server-home") as server:
            label = "run, PREFECT_API_URL (local server)"
            results.append((label, *_run_engine(inbox, workdir / "prefect-store-server", [], server.env)))
    floor = results[0][1]
    rows = [["engine (8-message mailbox)", "run s", "overhead s", "per doc s", "rerun s", "docs", "vs floor"]]
    for label, first, again, summary in results:
        documents = max(1, summary.get("processed", 0))
        overhead = first - floor
        rows.append([label, f"{first:.2f}", f"{overhead:+.2f}", f"{overhead / documents:+.3f}", f"{again:.2f}",
                     str(summary.get("processed", 0)), f"{first / floor:.2f}x"])  # fmt: skip
    print(f"\nPrefect overhead ({inbox}; rerun = same inbox again, nothing new):")
    _print(rows)
    print(f"  target: default run <= 2 x floor + 5 s = {2 * floor + 5:.1f} s")
    return []
