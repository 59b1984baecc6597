"""Batch benchmark: a generated N-message mailbox through the batch core.

``python -m flows.bench [--messages 500] [--workers 1 2 4] [--prefect-messages 60]``
runs ``baocao run --no-prefect --workers N`` with 1, 2 and all cores (by default) and
prints, per N, messages/s, cores used (CPU seconds of the whole process tree / wall)
and the tree's peak RSS, then one JSON line with every figure; with
``--prefect-messages`` > 0 also the Prefect overhead per document
measured on a smaller mailbox (same inputs through ``flows.nightly.batch_flow``; the
ephemeral server's start-up is reported apart, since a nightly run pays it once).

The mailbox mixes what arrives in practice: mostly reports (DOCX, some XLSX/PDF/text)
each made byte-unique, forwards of earlier reports (duplicates), and notes with the
blank template (not reports), split into .mbox files of 100 messages.
"""

from __future__ import annotations

import argparse
import io
import json
import mailbox
import random
import sys
import tempfile
import time
import zipfile
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "samples" / "reports"
SEEDS = ROOT / "samples" / "seeds"
VN = timezone(timedelta(hours=7))
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "txt": "text/plain",
}


def _pool() -> list[tuple[str, bytes]]:
    """(format, bytes) of report attachments, weighted like a real inbox (mostly Word)."""
    pool: list[tuple[str, bytes]] = []
    for path in sorted(REPORTS.glob("*")):
        if "template" in path.name:
            continue
        fmt = path.suffix.lstrip(".")
        weight = {"docx": 4, "xlsx": 2, "pdf": 1}.get(fmt, 0)
        pool += [(fmt, path.read_bytes())] * weight
    pool += [("txt", (SEEDS / "001_haiphong_report.txt").read_bytes())] * 2
    return pool


def _unique(fmt: str, data: bytes, tag: int) -> bytes:
    """Make a report's bytes unique without changing its content (zip comment, PDF comment)."""
    if fmt in {"docx", "xlsx"}:
        buffer = io.BytesIO(data)
        with zipfile.ZipFile(buffer, "a") as archive:
            archive.comment = f"bench-{tag}".encode()
        return buffer.getvalue()
    if fmt == "pdf":
        return data + f"\n%bench-{tag}\n".encode()
    return data + f"\n(bản {tag})\n".encode()


def generate_mailbox(folder: Path, messages: int = 500, seed: int = 131) -> dict[str, int]:
    """Write ``messages`` messages as .mbox files under ``folder``; return what was made."""
    rng = random.Random(seed)
    pool = _pool()
    template = (REPORTS / "ministry_template_blank.docx").read_bytes()
    folder.mkdir(parents=True, exist_ok=True)
    sent: list[tuple[str, bytes]] = []
    made = {"reports": 0, "forwards": 0, "non_reports": 0}
    box: mailbox.mbox | None = None
    start = datetime(2025, 11, 1, 8, 0, tzinfo=VN)
    for index in range(messages):
        if index % 100 == 0:
            if box is not None:
                box.close()
            box = mailbox.mbox(folder / f"hop-thu-{index // 100 + 1:02d}.mbox", create=True)
        roll = rng.random()
        if roll < 0.1 and sent:
            fmt, data = rng.choice(sent)
            kind = "forwards"
        elif roll < 0.2:
            fmt, data = "docx", template
            kind = "non_reports"
        else:
            fmt, base = rng.choice(pool)
            data = _unique(fmt, base, index)
            sent.append((fmt, data))
            kind = "reports"
        made[kind] += 1
        message = EmailMessage()
        message["From"] = f"Sở GDĐT <sogddt{index % 34}@example.gov.vn>"
        message["Subject"] = f"Báo cáo tổng kết QĐ 131 - {index}"
        message["Date"] = format_datetime(start + timedelta(minutes=17 * index))
        message.set_content("Kính gửi Bộ GDĐT, Sở gửi kèm báo cáo.")
        maintype, subtype = MIME[fmt].split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=f"bao-cao-{index}.{fmt}")
        assert box is not None
        box.add(message)
    if box is not None:
        box.close()
    return made


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat:
                children.setdefault(int(stat[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name (index 0 = state)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].decode().split()
    except OSError:
        return None


def measure_tree(command: list[str], poll: float = 0.05, **popen: Any) -> dict[str, Any]:
    """Run ``command``; wall time, CPU seconds and peak RSS of its whole process tree.

    CPU is the last utime+stime seen for every process of the tree (polled; a process
    living less than ``poll`` may be missed) plus what was reaped into the root;
    peak RSS is the largest sum of RSS over the tree at one instant.
    """
    import os
    import subprocess

    tick, page = os.sysconf("SC_CLK_TCK"), os.sysconf("SC_PAGE_SIZE")
    started = time.perf_counter()
    process = subprocess.Popen(command, **popen)
    cpu: dict[int, int] = {}
    peak = 0
    while process.poll() is None:
        rss = 0
        for pid in _tree(process.pid):
            stat = _stat(pid)
            if stat:
                cpu[pid] = int(stat[11]) + int(stat[12]) + (int(stat[13]) + int(stat[14]) if pid == process.pid else 0)
                rss += int(stat[21]) * page
        peak = max(peak, rss)
        time.sleep(poll)
    wall = time.perf_counter() - started
    seconds = sum(cpu.values()) / tick
    return {"returncode": process.returncode, "wall_s": round(wall, 2), "cpu_s": round(seconds, 2),
            "cores": round(seconds / wall, 2), "peak_tree_rss_mb": round(peak / 2**20, 1)}  # fmt: skip


def run_cli(inbox: Path, store: Path, workers: int) -> dict[str, Any]:
    """``baocao run --no-prefect --workers N`` as a user runs it, measured as a process tree."""
    import subprocess

    command = [sys.executable, "-m", "baocao", "run", str(inbox), "--store", str(store),
               "--no-prefect", "--json", "--workers", str(workers)]  # fmt: skip
    with tempfile.TemporaryFile() as out:
        figures = measure_tree(command, cwd=ROOT, stdout=out, stderr=subprocess.DEVNULL)
        out.seek(0)
        lines = out.read().decode().strip().splitlines()
    figures["summary"] = json.loads(lines[-1]) if lines and figures["returncode"] == 0 else None
    return figures


def worker_counts() -> list[int]:
    from flows.guard import available_cores

    return sorted({1, 2, available_cores()})


def measure(messages: int = 500, prefect_messages: int = 0, workdir: Path | None = None,
            workers: list[int] | None = None) -> dict[str, Any]:  # fmt: skip
    """Run the benchmark and return its figures (see module docstring)."""
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        inbox = Path(tmp) / "inbox"
        made = generate_mailbox(inbox, messages)
        figures: dict[str, Any] = {"messages": messages, **made, "runs": []}
        for count in workers or worker_counts():
            run = run_cli(inbox, Path(tmp) / f"store-{count}", count)
            summary = run.pop("summary") or {}
            fates = {k: summary.get(k) for k in ("processed", "duplicate", "not_a_report", "failed")}
            run.update(workers=count, messages_per_second=round(messages / run["wall_s"], 2), fates=fates)
            figures["runs"].append(run)
        if prefect_messages:
            figures["prefect"] = _prefect_overhead(Path(tmp), prefect_messages)
    return figures


def _prefect_overhead(tmp: Path, messages: int) -> dict[str, Any]:
    from flows.batch import run_batch
    from flows.nightly import run_with_prefect

    inbox = tmp / "prefect-inbox"
    generate_mailbox(inbox, messages, seed=7)
    plain = run_batch(inbox, tmp / "plain-store")
    started = time.perf_counter()
    flowed = run_with_prefect(str(inbox), str(tmp / "prefect-store"))
    wall = time.perf_counter() - started
    documents = max(1, flowed["processed"] + flowed["not_a_report"])
    return {
        "messages": messages,
        "plain_seconds": plain["seconds"],
        "flow_seconds": flowed["seconds"],
        "startup_seconds": round(wall - flowed["seconds"], 2),
        "overhead_per_document_s": round((flowed["seconds"] - plain["seconds"]) / documents, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--prefect-messages", type=int, default=0,
                        help="also measure Prefect overhead on a mailbox of this size")  # fmt: skip
    parser.add_argument("--workers", type=int, nargs="*", help="worker counts to try (default: 1, 2, cores)")
    args = parser.parse_args(argv)
    figures = measure(args.messages, args.prefect_messages, workers=args.workers)
    for run in figures["runs"]:
        print(f"{run['workers']} worker(s): {run['messages_per_second']:.1f} messages/s, "
              f"cpu/wall {run['cores']:.2f} cores, peak RSS of the process tree {run['peak_tree_rss_mb']:.0f} MB",
              flush=True)  # fmt: skip
    print(json.dumps(figures, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
