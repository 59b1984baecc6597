"""Peak memory of a command's whole process tree, measured the way a machine feels it."""

from __future__ import annotations

import subprocess
import threading
import time
from dataclasses import dataclass, field

import psutil

MIB = 1 << 20


@dataclass
class TreePeak:
    """Peaks over the process and all its descendants, sampled every ``interval``.

    ``rss``: the sum of RSS, which counts the pages forked children share with the
    sandbox's forkserver once per process (an upper bound); ``pss``: the sum of PSS
    (shared pages split between their users), the memory the tree really holds.
    """

    rss: int = 0
    pss: int = 0
    largest: dict[str, int] = field(default_factory=dict)
    samples: int = 0


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def run_measured(argv: list[str], timeout: float, interval: float = 0.05,
                 **kwargs: object) -> tuple[subprocess.CompletedProcess, TreePeak]:  # fmt: skip
    peak = TreePeak()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    stop = threading.Event()

    def poll() -> None:
        root = psutil.Process(process.pid)
        while not stop.is_set():
            total, pss, names = 0, 0, {}
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            for proc in tree:
                try:
                    rss = proc.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                pss += _pss(proc.pid)
                names[f"{proc.pid}"] = rss
            peak.samples += 1
            peak.pss = max(peak.pss, pss)
            if total > peak.rss:
                peak.rss, peak.largest = total, names
            time.sleep(interval)

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    finally:
        stop.set()
        thread.join(timeout=5)
        if process.poll() is None:
            process.kill()
    return subprocess.CompletedProcess(argv, process.returncode, stdout, stderr), peak
