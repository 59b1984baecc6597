"""Batch benchmark: a generated N-message mailbox through the batch core.

``python -m flows.bench [--messages 500] [--prefect-messages 60]`` prints one JSON line:
messages/s, documents/s and peak memory (this process and the sandbox child) for the
plain core, and, when ``--prefect-messages`` > 0, the Prefect overhead per document
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
import resource
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


def _peak_mb() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(own, 1), "peak_child_rss_mb": round(children, 1)}


def measure(messages: int = 500, prefect_messages: int = 0, workdir: Path | None = None) -> dict[str, Any]:
    """Run the benchmark and return its figures (see module docstring)."""
    from flows.batch import run_batch

    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        inbox = Path(tmp) / "inbox"
        made = generate_mailbox(inbox, messages)
        started = time.perf_counter()
        summary = run_batch(inbox, Path(tmp) / "store")
        seconds = time.perf_counter() - started
        figures: dict[str, Any] = {
            "messages": messages, **made, "seconds": round(seconds, 2),
            "messages_per_second": round(messages / seconds, 2),
            "documents": summary["processed"],
            "documents_per_second": round(summary["processed"] / seconds, 2),
            "fates": {k: summary[k] for k in ("processed", "duplicate", "not_a_report", "failed")},
            **_peak_mb(),
        }  # fmt: skip
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
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.messages, args.prefect_messages), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
