"""Feeding a :class:`flows.guard.SandboxPool` from the batch: plan, extract, record.

One thread (the caller's) unpacks and hashes inputs and records results; the pool's
children parse documents meanwhile.  Jobs are submitted the moment they are planned
(a 500-message .mbox starts extracting after its first attachment), and every finished
result is recorded in one transaction as soon as the planner next looks (after each
job it submits, and after each input).

Crash safety is the batch's: a container (.mbox/.eml/.zip) is recorded only after
every job planned from it has been recorded, so a run killed at any point reopens it.
"""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from typing import Any

from flows.guard import SandboxPool

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


class Dispatcher:
    """Runs a batch's inputs through a pool; see the module docstring."""

    def __init__(self, batch: Batch, pool: SandboxPool, max_pending: int | None = None):
        self.batch, self.pool = batch, pool
        self.max_pending = max_pending or 4 * pool.size  # bounds results held in memory
        self.pending: dict[Future[dict[str, Any]], tuple[Job, _Ticket]] = {}
        self._error: BaseException | None = None

    def run(self, items: Any) -> None:
        for item in items:
            self.plan(item)
        while self.pending:
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
        self.pending[self.pool.submit(self.batch.extract, job)] = (job, ticket)
        try:
            self._drain(block=len(self.pending) >= self.max_pending)
        except Exception as exc:  # noqa: BLE001 - re-raised by plan(), outside Batch._plan's guard
            self._error = self._error or exc

    def _drain(self, block: bool) -> None:
        if not self.pending or self._error is not None:
            return
        done, _ = wait(self.pending, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in done:
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
