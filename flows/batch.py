"""The batch core: walk an inbox, give every input a fate, store each document once.

Plain Python with no Prefect import, so ``baocao run --no-prefect`` (and tests) are
fast; :mod:`flows.nightly` wraps the same three steps (plan, process, finish) as a
Prefect flow with one task per document.

Crash safety (kill -9 at any instant, then run again → the same records):
* an input is recorded in one transaction, together with its source and, for a
  report, its document/values/citations/flags;
* a container (.mbox/.eml/.msg/.zip) is recorded only AFTER all its parts, so an
  interrupted container is opened again and only its unrecorded parts are done;
* bytes are written content-addressed (``objects/ab/<sha256>.<ext>``), so rewriting
  after a crash is harmless.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from baocao import settings
from flows.guard import Limits, Rejected, SandboxPool, SandboxWorker
from flows.ingest import (
    CONTAINER_FORMATS,
    DOCUMENT_FORMATS,
    Item,
    MessageMeta,
    detect_format,
    unsupported_reason,
    walk_inbox,
)
from store.db import open_engine, session_scope, store_dir
from store.records import InputIdentity, InputRecord, find_input, find_source, record_input, save_document
from store.runs import LockBusy, RunLock, acquire_run_lock, current_flow_run_id, current_owner, mark_abandoned
from store.schema import DUPLICATE, FAILED, NOT_A_REPORT, PROCESSED, UNSUPPORTED, Run, utcnow

if TYPE_CHECKING:
    from flows.sandbox_ingest import Opener

log = logging.getLogger(__name__)

FATE_KEYS = (PROCESSED, DUPLICATE, NOT_A_REPORT, UNSUPPORTED, FAILED)


class RunLocked(RuntimeError):
    """Another run holds the store; the message is Vietnamese."""


@dataclass
class Job(InputIdentity):
    """One document for the sandbox: everything needed to extract and record it (picklable)."""

    format: str
    object_path: str  # absolute path of the stored bytes
    stored_path: str  # relative to the store
    parent: str | None
    mtime: datetime | None
    received_at: datetime | None
    sender: str | None
    message_id: int | None
    run_id: int | None


@dataclass
class Outcome:
    locator: str
    fate: str
    reason: str | None = None
    province: str | None = None
    flags: int = 0
    severities: dict[str, int] = field(default_factory=dict)
    quarantined: bool = False


@dataclass
class _Container:
    item: Item
    fmt: str
    reason: str
    message_id: int | None


class Batch:
    """State of one run over one inbox; thread-safe for concurrent ``process`` calls."""

    def __init__(self, store: str | os.PathLike[str] | None = None, limits: Limits | None = None):
        self.store = store_dir(store).resolve()
        self.limits = limits or Limits.from_env()
        self.engine: Engine = open_engine(self.store)
        self.run_id: int | None = None
        self.counts: Counter[str] = Counter()
        self.provinces: Counter[str] = Counter()
        self.severities: Counter[str] = Counter()
        self._claimed: set[str] = set()
        self._containers: list[_Container] = []
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._opener: Opener | None = None

    @property
    def opener(self) -> Opener:
        """The sandbox child that opens this run's containers (started on first use)."""
        if self._opener is None:
            from flows.sandbox_ingest import Opener

            self._opener = Opener(self.limits, self.store / "tmp")
        return self._opener

    def close_opener(self) -> None:
        if self._opener is not None:
            self._opener.close()
            self._opener = None

    # -- run bookkeeping -------------------------------------------------------

    def start(self, inbox: Path, engine_name: str = "plain", wait_seconds: float | None = None) -> int:
        """Take the database's run lock, mark dead runs abandoned, open this run's row.

        ``wait_seconds`` (default $BAOCAO_LOCK_WAIT_S, else 0): how long to wait for a
        run already going on the same database before refusing with :class:`RunLocked`.
        """
        self._acquire_run_lock(wait_seconds)
        try:
            self.abandoned = mark_abandoned(self.engine, holding_lock=True)
            owner = current_owner(current_flow_run_id())
            with session_scope(self.engine) as session:
                run = Run(inbox=str(inbox), engine=engine_name, status="running", summary={"owner": owner})
                session.add(run)
                session.flush()
                self.run_id = run.id
        except BaseException:
            self._release_run_lock()
            raise
        return self.run_id

    def finish(self, status: str = "finished") -> dict[str, Any]:
        self.close_opener()
        if status == "finished":
            self._cross_check()
        summary = self.summary()
        try:
            with session_scope(self.engine) as session:
                run = session.get(Run, self.run_id)
                if run is not None:
                    run.status, run.finished_at, run.summary = status, utcnow(), summary
        finally:
            self._release_run_lock()
        return summary

    def _cross_check(self) -> None:
        """Province-against-province checks over the whole store (see flows.crosscheck)."""
        from flows.crosscheck import refresh_batch_flags

        try:
            with session_scope(self.engine) as session:
                self.counts["cross_province_flags"] = refresh_batch_flags(session)
        except Exception:  # noqa: BLE001 - a failed cross-check must not lose the run's records
            log.exception("cross-province checks failed")

    def _acquire_run_lock(self, wait_seconds: float | None) -> None:
        """One run per database at a time (see store.runs); the lock dies with the process."""
        if wait_seconds is None:
            wait_seconds = settings.load().lock_wait_s or 0.0
        try:
            self._run_lock: RunLock | None = acquire_run_lock(self.engine, wait_seconds)
        except LockBusy:
            where = self.engine.url.render_as_string(hide_password=True)
            raise RunLocked(f"một lượt xử lý khác đang chạy trên kho '{self.store}' ({where})") from None

    def _release_run_lock(self) -> None:
        lock = getattr(self, "_run_lock", None)
        if lock is not None:
            lock.release()
            self._run_lock = None

    def summary(self) -> dict[str, Any]:
        counts = {key: self.counts.get(key, 0) for key in FATE_KEYS}
        return {
            "run_id": self.run_id,
            "new": self.counts.get("new", 0),
            **counts,
            "unchanged": self.counts.get("unchanged", 0),
            "quarantined": self.counts.get("quarantined", 0),
            "containers": self.counts.get("containers", 0),
            "documents": self.counts.get(PROCESSED, 0),
            "provinces": dict(sorted(self.provinces.items())),
            "unknown_province": self.counts.get("unknown_province", 0),  # not in exports
            "flags": sum(self.severities.values()),
            "flags_by_severity": dict(sorted(self.severities.items())),
            "cross_province_flags": self.counts.get("cross_province_flags", 0),
            "seconds": round(time.monotonic() - self._started, 2),
            "store": str(self.store),
        }

    def note(self, outcome: Outcome, *, new: bool = True) -> None:
        with self._lock:
            self.counts[outcome.fate] += 1
            if new and outcome.fate != DUPLICATE:
                self.counts["new"] += 1
            if outcome.quarantined:
                self.counts["quarantined"] += 1
            if outcome.fate == PROCESSED and outcome.province:
                self.provinces[outcome.province] += 1
            elif outcome.fate == PROCESSED:
                self.counts["unknown_province"] += 1
            self.severities.update(outcome.severities)

    # -- planning: fates that need no parsing of a report ----------------------

    def inputs(self, inbox: Path) -> list[Item]:
        return list(walk_inbox(inbox, exclude=self.store))

    def plan(self, item: Item, sink: Any = None) -> list[Job]:
        """Record what can be decided without the pipeline; return the documents to extract.

        ``sink`` (anything with ``append``) receives each job as soon as it is planned, so
        extraction can start while the rest of a large mailbox is still being unpacked.
        Containers found on the way are remembered and recorded by :meth:`flush_containers`
        (or :meth:`take_containers` + :meth:`record_containers`) after the jobs are done.
        """
        jobs: Any = sink if sink is not None else []
        self._plan(item, jobs, message_id=None)
        return jobs if sink is None else []

    def _plan(self, item: Item, jobs: list[Job], message_id: int | None) -> None:
        try:
            self._plan_one(item, jobs, message_id)
        except Rejected as exc:
            self._reject(item, None, exc.reason, message_id)
        except Exception as exc:  # noqa: BLE001 - one bad input never stops the batch
            _ensure_sha(item)
            self._record(item, None, FAILED, f"lỗi khi mở tệp: {type(exc).__name__}: {exc}"[:500],
                         message_id)  # fmt: skip

    def _plan_one(self, item: Item, jobs: list[Job], message_id: int | None) -> None:
        with session_scope(self.engine) as session:
            known = find_input(session, item.locator)
            if known is not None and known.sha256 == item.sha256:
                self.counts["unchanged"] += 1
                self.note(Outcome(item.locator, DUPLICATE), new=False)
                return
            seen_before = find_source(session, item.sha256) is not None
        if item.problem or not item.size():  # two empty files are not "the same report"
            self._record(item, None, FAILED, item.problem or "tệp rỗng (0 byte)", message_id)
            return
        if seen_before or item.sha256 in self._claimed:
            self._record(item, None, DUPLICATE, "nội dung trùng với một tệp đã nhận", message_id)
            return
        self._claimed.add(item.sha256)
        if item.problem:
            self._record(item, None, FAILED, item.problem, message_id)
            return
        if item.kind == "message":
            self._plan_container(item, "eml", jobs, message_id)
            return
        head = (item.data[:4096] if item.data is not None else _head(item.file)) if item.size() else b""
        if not head:
            self._record(item, None, FAILED, "tệp rỗng (0 byte)", message_id)
            return
        fmt, problem = detect_format(item, head)
        if fmt == "zip" and item.kind != "file" and item.zip_format:
            fmt = item.zip_format if not item.name or "." not in item.name else fmt
        if problem:
            self._store_and_record(item, fmt, FAILED, problem, message_id)
        elif fmt is None:
            self._store_and_record(item, None, UNSUPPORTED, unsupported_reason(item), message_id)
        elif fmt in CONTAINER_FORMATS:
            self._plan_container(item, fmt, jobs, message_id)
        elif fmt in DOCUMENT_FORMATS:
            jobs.append(self._job(item, fmt, message_id))

    def _plan_container(self, item: Item, fmt: str, jobs: list[Job], message_id: int | None) -> None:
        if fmt == "zip" and item.size() > self.limits.file_bytes:
            raise Rejected(f"tệp quá lớn (trên {self.limits.file_bytes >> 20} MB)")
        children, meta = self.opener.expand(item, fmt)  # parsed in the capped child
        own_message = message_id
        if meta is not None:
            own_message = self._message(meta)
            for child in children:
                child.message = meta
        for child in children:
            self._plan(child, jobs, own_message)
        reason = _container_reason(fmt, children)
        self._containers.append(_Container(item, fmt, reason, own_message))

    def flush_containers(self) -> None:
        """Record opened containers (innermost first), once their parts are recorded."""
        self.record_containers(self.take_containers())

    def take_containers(self) -> list[_Container]:
        """The containers opened since the last call (to record once their jobs are done)."""
        pending, self._containers = self._containers, []
        return pending

    def record_containers(self, pending: list[_Container]) -> None:
        for container in pending:
            self._record(container.item, container.fmt, PROCESSED, container.reason,
                         container.message_id, count=False)  # fmt: skip
            self.counts["containers"] += 1

    def _message(self, meta: MessageMeta) -> int:
        from store.records import upsert_message

        with session_scope(self.engine) as session:
            return upsert_message(session, meta)

    # -- recording -------------------------------------------------------------

    def _record(self, item: Item, fmt: str | None, fate: str, reason: str | None,
                message_id: int | None, stored: str | None = None, count: bool = True,
                quarantined: bool = False) -> None:  # fmt: skip
        record = InputRecord(
            locator=item.locator, path=item.path, kind=item.kind, name=item.name,
            sha256=item.sha256, size=item.size(), format=fmt, fate=fate, reason=reason,
            stored_path=stored, parent=item.parent, mtime=item.mtime,
            message_id=message_id, run_id=self.run_id,
        )  # fmt: skip
        with session_scope(self.engine) as session:
            record_input(session, record)
        if count:
            self.note(Outcome(item.locator, fate, reason, quarantined=quarantined))

    def _store_and_record(self, item: Item, fmt: str | None, fate: str, reason: str,
                          message_id: int | None) -> None:  # fmt: skip
        stored = self._write_object(item.read(self.limits), item.sha256, fmt)
        self._record(item, fmt, fate, reason, message_id, stored=stored)

    def _reject(self, item: Item, fmt: str | None, reason: str, message_id: int | None) -> None:
        """Quarantine the bytes under their hash with the reason, and record a failure."""
        try:
            data = item.data if item.data is not None else None
            if data is None and item.file is not None and item.file.stat().st_size <= self.limits.file_bytes:
                data = item.file.read_bytes()
            self.quarantine(item.sha256, reason, data=data, source=item.file)
        except OSError:
            pass
        self._record(item, fmt, FAILED, f"bị từ chối: {reason}", message_id, quarantined=True)

    def quarantine(self, sha256: str, reason: str, *, data: bytes | None = None,
                   source: Path | None = None, move: Path | None = None) -> Path:  # fmt: skip
        folder = self.store / "quarantine"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / sha256
        if move is not None and move.exists():
            os.replace(move, target)
        elif data is not None:
            _atomic_write(target, data)
        elif source is not None and not target.exists():
            shutil.copyfile(source, target)
        (folder / f"{sha256}.reason.txt").write_text(reason + "\n", encoding="utf-8")
        return target

    def _write_object(self, data: bytes | Path, sha256: str, fmt: str | None) -> str:
        """Store bytes (or copy a file, never held in memory) under their hash."""
        relative = Path("objects") / sha256[:2] / f"{sha256}.{fmt or 'bin'}"
        target = self.store / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(target, data)
        return relative.as_posix()

    def _job(self, item: Item, fmt: str, message_id: int | None) -> Job:
        if item.data is None and item.file is not None:  # a loose file or a spooled part: copied
            size = item.size()
            if size > self.limits.file_bytes:
                raise Rejected(f"tệp quá lớn (trên {self.limits.file_bytes >> 20} MB)")
            stored = self._write_object(item.file, item.sha256, fmt)
        else:
            data = item.read(self.limits)
            size, stored = len(data), self._write_object(data, item.sha256, fmt)
            item.data = None if item.kind == "file" else item.data  # free loose files' bytes early
        meta = item.message
        return Job(
            locator=item.locator, path=item.path, kind=item.kind, name=item.name,
            sha256=item.sha256, size=size, format=fmt,
            object_path=str(self.store / stored), stored_path=stored, parent=item.parent,
            mtime=item.mtime, received_at=(meta.date if meta and meta.date else item.mtime),
            sender=meta.sender if meta else None, message_id=message_id, run_id=self.run_id,
        )  # fmt: skip

    # -- processing one document -------------------------------------------------

    def process(self, job: Job, worker: SandboxWorker | SandboxPool) -> Outcome:
        """Guard, extract in the sandbox, record in one transaction; never raises for bad input."""
        return self.record(job, self.extract(worker, job))

    def extract(self, worker: SandboxWorker | SandboxPool, job: Job) -> dict[str, Any]:
        """The sandbox's result for ``job`` (touches no database; runs on any thread)."""
        try:  # the zip directory of a docx/xlsx/odt/ods is judged in the child (flows.extract)
            return worker.extract(Path(job.object_path), sender=job.sender, filename=job.name)
        except Exception as exc:  # noqa: BLE001 - the pipe or child failing is this input's fate
            return {"ok": False, "reason": f"lỗi khi xử lý: {type(exc).__name__}: {exc}"[:500]}

    def record(self, job: Job, result: dict[str, Any]) -> Outcome:
        """Record one document's fate and rows in one transaction (the parent's side)."""
        if not result.get("ok"):
            if result.get("limit"):
                return self._reject_job(job, result["reason"])
            return self._record_job(job, FAILED, result.get("reason"))
        if result.get("parts"):
            return self._record_parts(job, result)
        if not result.get("is_report"):
            return self._record_job(job, NOT_A_REPORT, result.get("report_reason"))
        return self._record_job(job, PROCESSED, result.get("report_reason"), result)

    def _record_parts(self, job: Job, result: dict[str, Any]) -> Outcome:
        """A file of several reports: the file as a container, then one record per part.

        Each part is keyed by the file's sha256 and its part number, so a re-run or a
        second copy of the file counts every report once.
        """
        from flows.extract import part_key, part_label

        for part in result["parts"]:
            number = part["part"]
            part_job = replace(
                job, locator=f"{job.locator}#part={number}", path=f"{job.path} › {part_label(part)}",
                kind="part", sha256=part_key(job.sha256, number), parent=job.locator,
            )  # fmt: skip
            if part["is_report"]:
                self._record_job(part_job, PROCESSED, part["report_reason"], part)
            else:
                self._record_job(part_job, NOT_A_REPORT, part["report_reason"])
        fate = PROCESSED if result["is_report"] else NOT_A_REPORT
        record = InputRecord(
            locator=job.locator, path=job.path, kind=job.kind, name=job.name, sha256=job.sha256,
            size=job.size, format=job.format, fate=fate, reason=result["report_reason"],
            stored_path=job.stored_path, parent=job.parent, mtime=job.mtime,
            message_id=job.message_id, run_id=job.run_id,
        )  # fmt: skip
        with session_scope(self.engine) as session:  # after its parts, like a container
            record_input(session, record)
        self.counts["containers"] += 1
        return Outcome(job.locator, fate, result["report_reason"])

    def _reject_job(self, job: Job, reason: str) -> Outcome:
        self.quarantine(job.sha256, reason, move=Path(job.object_path))
        return self._record_job(job, FAILED, f"bị từ chối: {reason}", stored=False, quarantined=True)

    def _record_job(self, job: Job, fate: str, reason: str | None,
                    result: dict[str, Any] | None = None, stored: bool = True,
                    quarantined: bool = False) -> Outcome:  # fmt: skip
        record = InputRecord(
            locator=job.locator, path=job.path, kind=job.kind, name=job.name, sha256=job.sha256,
            size=job.size, format=job.format, fate=fate, reason=reason,
            stored_path=job.stored_path if stored else None, parent=job.parent, mtime=job.mtime,
            message_id=job.message_id, run_id=job.run_id,
        )  # fmt: skip
        outcome = Outcome(job.locator, fate, reason, quarantined=quarantined)
        with session_scope(self.engine) as session:
            record_input(session, record)
            if result is not None:
                document = save_document(
                    session, sha256=job.sha256, result=result, source_path=job.path,
                    name=job.name, message_id=job.message_id, sender=job.sender,
                    received_at=job.received_at,
                )  # fmt: skip
                outcome.province = document.province
                flags = result["extraction"]["flags"]
                outcome.flags = len(flags)
                outcome.severities = dict(Counter(f["severity"] for f in flags))
        self.note(outcome)
        return outcome


def _ensure_sha(item: Item) -> None:
    """An unreadable file still needs a key: hash its locator (marked) instead of its bytes."""
    try:
        item.sha256  # noqa: B018 - computes and caches
    except OSError:
        from flows.ingest import sha256_bytes

        item._sha = sha256_bytes(b"unreadable:" + item.locator.encode())
        item.data = b""


def _head(path: Path | None) -> bytes:
    assert path is not None
    with open(path, "rb") as fh:
        return fh.read(4096)


def _atomic_write(target: Path, data: bytes | Path) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    if isinstance(data, Path):
        shutil.copyfile(data, tmp)
    else:
        tmp.write_bytes(data)
    os.replace(tmp, target)


def _container_reason(fmt: str, children: list[Item]) -> str:
    kinds = Counter(child.kind for child in children)
    if fmt == "mbox":
        return f"hộp thư: {kinds['message']} thư"
    if fmt == "zip":
        return f"tệp nén: {kinds['member']} tệp"
    body = "" if kinds["body"] else "; nội dung thư ngắn, không xét là báo cáo"
    return f"thư điện tử: {kinds['attachment']} tệp đính kèm{body}"


def run_batch(
    inbox: str | os.PathLike[str],
    store: str | os.PathLike[str] | None = None,
    *,
    limits: Limits | None = None,
    progress: Callable[[Iterable[Item]], Iterable[Item]] | None = None,
    workers: int | None = None,
) -> dict[str, Any]:
    """Process every new input under ``inbox`` into the store; return the run summary.

    ``workers`` sandbox children (default $BAOCAO_WORKERS, else the cores available)
    parse documents in parallel, started once for the whole batch; this thread unpacks
    and hashes the next inputs meanwhile and records each result as it arrives.
    """
    from flows.pool import Dispatcher

    batch = Batch(store, limits)
    inbox_path = Path(inbox)
    batch.start(inbox_path.resolve(), "plain")
    status = "failed"
    try:
        with SandboxPool(batch.limits, workers) as pool:
            pool.warm()
            preimport_finish()
            items = batch.inputs(inbox_path)
            Dispatcher(batch, pool).run(progress(items) if progress else items)
        status = "finished"
    finally:
        summary = batch.finish(status)
    return summary


def preimport_finish() -> None:
    """Import what the end of a run needs (cross-check, workbook) on a background thread.

    The parent mostly waits on its sandbox children during a batch; importing the
    checks and openpyxl then (~0.4 s) keeps them off the serial tail of the run.
    """

    def load() -> None:
        import importlib

        for name in ("flows.crosscheck", "outputs.workbook"):
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - the real import at the end reports any error
                log.debug("pre-import of %s failed", name, exc_info=True)

    threading.Thread(target=load, name="baocao-preimport", daemon=True).start()


def job_to_dict(job: Job) -> dict[str, Any]:
    return asdict(job)
