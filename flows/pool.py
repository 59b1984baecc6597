"""Feeding a :class:`flows.guard.SandboxPool` from the batch: plan, extract, record.

One thread (the caller's) unpacks and hashes inputs and records results; the pool's
children parse documents meanwhile.  Jobs are queued the moment they are planned (a
500-message .mbox starts extracting after its first attachment) and every finished
result is recorded in one transaction as soon as the planner next looks (after each
job it queues, and after each input).

Which queued job a free child takes next is decided by its expected cost, longest
first: a .doc that LibreOffice converts (~1 s) or a large scanned PDF (OCR) started
last would leave the other cores idle at the end of the batch while it finishes
alone.  A child that finishes hands itself the next job at once (a completion
callback), without waiting for the planner, which may be busy opening a container.

Crash safety is the batch's: a container (.mbox/.eml/.zip) is recorded only after
every job planned from it has been recorded, so a run killed at any point reopens it.
"""

from __future__ import annotations

import heapq
import itertools
import re
import threading
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from typing import Any

from flows.guard import SandboxPool
from flows.ingest import CONVERTED_FORMATS

# Expected seconds of one document: (fixed, per MB), by format.  Only the ORDER matters
# (longest first); the figures are this machine's, from bench/benchmark.py --extra shares.
_COST = {"pdf": (0.05, 2.0), "docx": (0.1, 0.5), "xlsx": (0.1, 0.5), "txt": (0.01, 0.2), "md": (0.01, 0.2)}
_CONVERTED_COST = (1.0, 1.0)  # LibreOffice start-up and conversion
_UNKNOWN_COST = (0.1, 1.0)
OCR_SECONDS = 4.0  # one page image at 300 dpi (bench/benchmark.py --extra ocr)
SNIFF_BYTES = 4 << 20
_PDF_IMAGE = re.compile(rb"/Subtype\s*/Image\b")

# A flows.batch.Batch and its Job (not imported: flows.batch imports this module).
Batch = Any
Job = Any


@dataclass
class _Ticket:
    """The jobs and containers of one top-level input."""

    left: int = 0
    planned: bool = False
    closed: bool = False
    containers: list[Any] = field(default_factory=list)


class _Sink:
    """What :meth:`Batch.plan` appends jobs to: submits each at once."""

    def __init__(self, dispatcher: Dispatcher, ticket: _Ticket):
        self.dispatcher, self.ticket = dispatcher, ticket

    def append(self, job: Job) -> None:
        self.dispatcher.submit(job, self.ticket)


def expected_seconds(job: Job) -> float:
    """A rough cost of ``job`` for ordering the queue (see the module docstring)."""
    fixed, per_mb = _CONVERTED_COST if job.format in CONVERTED_FORMATS else _COST.get(job.format, _UNKNOWN_COST)
    return fixed + per_mb * (job.size or 0) / (1 << 20) + OCR_SECONDS * pictures_to_read(job)


def pictures_to_read(job: Job) -> int:
    """How many images OCR will likely read: a PDF with images and no font, a Word file's media.

    A byte search of the file's first few MB, not a parse (PDF names and zip member names
    are plain bytes): a 150 KB scan costs ten times a 5 MB text PDF, and size alone would
    start it last.
    """
    if job.format not in {"pdf", "docx"} or not getattr(job, "object_path", None):
        return 0
    try:
        with open(job.object_path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return 0
    if job.format == "docx":
        return min(head.count(b"word/media/") // 2, 50)  # named in the local header and the directory
    if b"/Font" in head:
        return 0
    return min(len(_PDF_IMAGE.findall(head)), 50)


class Dispatcher:
    """Runs a batch's inputs through a pool; see the module docstring."""

    def __init__(self, batch: Batch, pool: SandboxPool, max_queued: int | None = None):
        self.batch, self.pool = batch, pool
        self.max_queued = max_queued or 64 * pool.size  # bounds jobs (and results) held in memory
        self.queue: list[tuple[float, int, Job, _Ticket]] = []  # a heap, longest job first
        self.pending: dict[Future[dict[str, Any]], tuple[Job, _Ticket]] = {}
        self._order = itertools.count()
        self._lock = threading.Lock()  # queue and pending are shared with completion callbacks
        self._error: BaseException | None = None

    def run(self, items: Any) -> None:
        for item in items:
            self.plan(item)
        while self.pending or self.queue:
            self._feed()
            self._drain(block=True)
        self._raise()

    def plan(self, item: Any) -> None:
        ticket = _Ticket()
        self.batch.plan(item, sink=_Sink(self, ticket))
        self._raise()  # a recording error seen while planning is the run's, not the input's
        ticket.containers = self.batch.take_containers()
        ticket.planned = True
        self._close(ticket)
        self._drain(block=False)

    def submit(self, job: Job, ticket: _Ticket) -> None:
        ticket.left += 1
        with self._lock:
            heapq.heappush(self.queue, (-expected_seconds(job), next(self._order), job, ticket))
        self._feed()
        try:
            self._drain(block=len(self.queue) + len(self.pending) >= self.max_queued)
        except Exception as exc:  # noqa: BLE001 - re-raised by plan(), outside Batch._plan's guard
            self._error = self._error or exc

    def _feed(self, _done: Future[dict[str, Any]] | None = None) -> None:
        """Hand queued jobs to free children, longest first (also a completion callback)."""
        started = []
        with self._lock:
            running = sum(1 for future in self.pending if not future.done())
            while self.queue and running < self.pool.size:
                _, _, job, ticket = heapq.heappop(self.queue)
                future = self.pool.submit(self.batch.extract, job)
                self.pending[future] = (job, ticket)
                started.append(future)
                running += 1
        for future in started:  # outside the lock: a finished future runs the callback at once
            future.add_done_callback(self._feed)

    def _drain(self, block: bool) -> None:
        if self._error is not None:
            return
        with self._lock:
            pending = list(self.pending)
        if not pending:
            return
        done, _ = wait(pending, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in done:
            with self._lock:
                job, ticket = self.pending.pop(future)
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a pool thread's failure is this input's
                result = {"ok": False, "reason": f"lỗi khi xử lý: {type(exc).__name__}: {exc}"[:500]}
            self.batch.record(job, result)
            ticket.left -= 1
            self._close(ticket)

    def _close(self, ticket: _Ticket) -> None:
        if ticket.planned and not ticket.closed and ticket.left == 0:
            ticket.closed = True
            self.batch.record_containers(ticket.containers)

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error
