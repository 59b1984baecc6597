"""Hostile-input guards: cheap checks before any parser opens a file, and a sandboxed child.

Reports come from outside; a 1.4 KB PDF can inflate to 400 MB inside pdfminer (which
has no decompression limit) and an OOXML file is a zip that can declare any size.  So:

* :func:`check_zip_directory` reads only the zip central directory (no decompression)
  and rejects too many entries, too large declared sizes, or an absurd compression
  ratio, before python-docx/openpyxl see the file;
* :class:`SandboxWorker` runs ``flows.pipeline`` in a child process with an address
  space cap (RLIMIT_AS), a CPU-seconds cap (RLIMIT_CPU, re-armed per document) and a
  wall-clock timeout enforced by the parent, which kills and restarts the child.  The
  child is forked from a ``forkserver`` (a fresh interpreter that preloaded and warmed
  the pipeline, :mod:`flows.sandbox_preload`), never ``fork`` of a process that may
  hold Prefect/SQLAlchemy threads; ``BAOCAO_SANDBOX_START=spawn`` uses ``spawn``;
* :class:`SandboxPool` keeps N such children warm for one batch (N = cores by default).
"""

from __future__ import annotations

import functools
import gc
import multiprocessing as mp
import os
import queue
import resource
import zipfile
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from baocao import settings
from baocao.childproc import OwnsChild
from flows.sandbox_start import FULL_PRELOAD, LEAN_PRELOAD, _context, prestart  # noqa: F401 - re-exported

T = TypeVar("T")

MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """Resource caps; each can be overridden by env (BAOCAO_MEM_MB, _CPU_S, _TIMEOUT_S)."""

    memory_bytes: int = 1024 * MB
    cpu_seconds: int = 60
    wall_seconds: float = 120.0
    zip_entries: int = 5000
    zip_member_bytes: int = 200 * MB
    zip_total_bytes: int = 500 * MB
    zip_ratio: float = 150.0  # uncompressed / compressed, judged on members over 1 MB
    file_bytes: int = 200 * MB  # any single input or attachment
    mime_parts: int = 200  # parts walked per message
    nesting: int = 4  # .eml in .zip in .msg in .mbox …
    members: int = 1000  # members taken from one archive
    xml_part_bytes: int = 32 * MB  # one XML part of a docx/xlsx (a 300-page report's is ~10 MB)

    @classmethod
    def from_env(cls) -> Limits:
        base, config = cls(), settings.load()
        return cls(
            memory_bytes=int((config.mem_mb or base.memory_bytes / MB) * MB),
            cpu_seconds=int(config.cpu_s or base.cpu_seconds),
            wall_seconds=config.timeout_s or base.wall_seconds,
        )


class Rejected(Exception):
    """An input refused by a guard; ``reason`` is Vietnamese and goes to quarantine."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def check_zip_directory(path: Path, limits: Limits) -> None:
    """Refuse a zip/OOXML file from its central directory alone (nothing is inflated)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Rejected(f"tệp nén hỏng, không đọc được danh mục: {exc}") from exc
    check_zip_infos(infos, limits)
    for info in infos:  # lxml builds ~10x the text in memory, and python-docx is slow on huge parts
        if info.filename.lower().endswith((".xml", ".rels")) and info.file_size > limits.xml_part_bytes:
            raise Rejected(
                f"phần '{_safe(info.filename)}' của tệp Office có {info.file_size // MB} MB XML "
                f"(giới hạn {limits.xml_part_bytes // MB} MB), không xử lý"
            )


def check_zip_members(path: Path, limits: Limits) -> None:
    """Inflate every member into nothing, 1 MB at a time, to catch headers that lie.

    A parser's ``ZipFile.read`` inflates up to 2 GB in one call before cutting to the
    declared size; here a member that inflates past its declared size (or fails its CRC)
    refuses the whole file first, costing at most 1 MB of memory.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.is_dir():
                    for _ in member_chunks(archive, info, min(info.file_size, limits.zip_member_bytes)):
                        pass
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Rejected(f"tệp nén hỏng: {exc}") from exc


def member_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> Iterator[bytes]:
    """A member's bytes, 1 MB at a time, never more than ``cap``; :class:`Rejected` on a lie."""
    total = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(MB):
                total += len(chunk)
                if total > cap:
                    raise Rejected(
                        f"mục '{_safe(info.filename)}' giải nén vượt kích thước khai báo, nghi là bom giải nén"
                    )
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise Rejected(
            f"mục '{_safe(info.filename)}' hỏng hoặc khai báo sai kích thước: {type(exc).__name__}: {exc}"[:300]
        ) from exc


def check_zip_infos(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.zip_entries:
        raise Rejected(f"tệp nén có quá nhiều mục ({len(infos)} > {limits.zip_entries})")
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > limits.zip_member_bytes:
            raise Rejected(
                f"mục '{_safe(info.filename)}' khai báo {size // MB} MB khi giải nén "
                f"(giới hạn {limits.zip_member_bytes // MB} MB)"
            )
        if size > MB and size / max(info.compress_size, 1) > limits.zip_ratio:
            raise Rejected(
                f"mục '{_safe(info.filename)}' có tỉ lệ nén bất thường "
                f"({size / max(info.compress_size, 1):.0f}:1), nghi là bom giải nén"
            )
    if total > limits.zip_total_bytes:
        raise Rejected(
            f"tổng dung lượng giải nén {total // MB} MB vượt giới hạn {limits.zip_total_bytes // MB} MB"
        )


def _safe(name: str) -> str:
    return "".join(ch for ch in name if ch.isprintable())[:120]


# ---------------------------------------------------------------------------
# The sandboxed child
# ---------------------------------------------------------------------------


NATIVE_THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_THREAD_LIMIT")


def limit_native_threads() -> None:
    """One native thread per library, and two malloc arenas, in a sandbox process.

    The memory cap is on address space (RLIMIT_AS), and what fills it is reservations,
    not use: numpy's and OpenCV's OpenBLAS each start a thread per core with its own
    buffers, and glibc gives every thread a 64 MB arena.  A scanned page's OCR then
    failed with "Insufficient memory" under 1 GiB while using ~340 MB.  Parallelism
    comes from the sandbox children and the OCR page threads, not from these.  Must run
    before numpy/cv2 are imported (the forkserver preload and the child's first line).
    """
    for name in NATIVE_THREAD_ENV:
        os.environ.setdefault(name, "1")
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-8, 2)  # M_ARENA_MAX (glibc)
    except (OSError, AttributeError):  # not glibc: nothing to tune
        pass


def _child_main(conn: Connection, memory_bytes: int, target: str,
                idle_imports: tuple[str, ...] | None = None) -> None:  # fmt: skip
    """Child loop: receive (path, sender, filename, cpu_seconds), send back a result dict."""
    limit_native_threads()
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    import importlib

    module_name, _, func_name = target.partition(":")
    module = importlib.import_module(module_name)
    extract_for_store = getattr(module, func_name)
    if idle_imports is None:
        idle_imports = getattr(module, "IDLE_IMPORTS", ())
    _import_while_idle(conn, idle_imports)

    request: Any = _receive(conn)
    while request is not None:
        if request[0] == "call":  # a generic request: target(payload), e.g. opening a container
            _, payload, cpu_seconds = request
            call = functools.partial(extract_for_store, payload)
        else:
            path, sender, filename, cpu_seconds = request
            call = functools.partial(extract_for_store, path, sender=sender, filename=filename)
        used = int(sum(resource.getrusage(resource.RUSAGE_SELF)[:2]))
        soft = used + int(cpu_seconds)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, resource.RLIM_INFINITY))
        gc.disable()  # see _collect_unless_leaving
        try:
            result = call()
        except MemoryError:
            result = {"ok": False, "limit": True, "reason": "vượt giới hạn bộ nhớ khi đọc tệp"}
        except Exception as exc:  # noqa: BLE001 - reported to the parent as a failure
            result = {"ok": False, "reason": f"lỗi khi xử lý: {type(exc).__name__}: {exc}"[:500]}
        spent = _ran_out_of_memory(result)
        if spent:
            result["restart"] = True  # the parent replaces this child; it leaves now
        conn.send(result)
        if spent:
            return
        request = _collect_unless_leaving(conn)


def _receive(conn: Connection) -> Any:
    """The next request; None (leave) when the parent asks so or has gone."""
    try:
        return conn.recv()
    except EOFError:
        return None


# How long a child that has just sent a result waits to see whether the parent tells it to
# leave (``baocao extract`` does, ~10 ms later, once its output is written) before freeing
# the document's cycles.  A request arriving sooner ends the wait at once.
LEAVE_GRACE_SECONDS = 0.05


def _collect_unless_leaving(conn: Connection) -> Any:
    """Free the document's reference cycles after its result is sent; the next request.

    The collector is off while a document is worked on: its automatic passes cost ~50 ms
    on a 100-page PDF (150 young, 15 middle and one full pass over ~60,000 objects, most of
    them the pipeline's own modules), on the time of ``baocao extract``.  Objects are still
    freed by reference counting as they go; only cycles (parser trees pointing back at their
    parents) wait until here, after the parent has its result.  A document's cycles are
    bounded by what it holds alive anyway, and the memory cap still applies.  A child told
    to leave right away leaves without the pass (the parent of ``extract`` waits for it).
    """
    request: Any = _NO_REQUEST
    if conn.poll(LEAVE_GRACE_SECONDS):
        request = _receive(conn)
        if request is None:
            return None
    gc.collect()
    gc.freeze()  # what survives is the pipeline's state: later passes need not walk it again
    gc.enable()
    return _receive(conn) if request is _NO_REQUEST else request


_NO_REQUEST = object()


def _import_while_idle(conn: Connection, modules: tuple[str, ...]) -> None:
    """Import ``modules`` one by one until the first request arrives.

    A child forked from a bare process (``baocao extract``) would otherwise sit idle while
    the parent imports its own modules, then import the pipeline after the request; a
    request that comes in waits for at most the one module being imported.
    """
    import importlib

    for name in modules:
        if conn.poll():
            return
        importlib.import_module(name)


# What native libraries say when an allocation inside them fails (OpenCV, glibc, the
# dynamic loader, jemalloc); Python's own MemoryError is caught above.
OUT_OF_MEMORY_MARKERS = ("Insufficient memory", "Failed to allocate", "failed to map segment",
                         "Cannot allocate memory", "thread creation failed", "vượt giới hạn bộ nhớ")  # fmt: skip


def _ran_out_of_memory(result: dict[str, Any]) -> bool:
    """Whether the child hit its memory cap: it may be left with half-made library state.

    A child that ran out inside OpenCV or a thread pool once hung on the next document
    until the wall-clock limit (120 s), failing a good spreadsheet; a fresh child costs
    a fork from the warm server.
    """
    if result.get("ok"):
        return False
    reason = str(result.get("reason") or "")
    return any(marker in reason for marker in OUT_OF_MEMORY_MARKERS)


class SandboxWorker(OwnsChild):
    """One long-lived child process that extracts documents under resource caps.

    Long-lived because a fresh interpreter per document would cost ~0.3 s of imports;
    the CPU cap is re-armed per document and the child is replaced after any failure
    of the process itself (limit hit, timeout, crash).
    """

    def __init__(self, limits: Limits | None = None, target: str = "flows.extract:extract_for_store",
                 light: bool = False, preload: str = FULL_PRELOAD,
                 idle_imports: tuple[str, ...] | None = None):  # fmt: skip
        self.limits = limits or Limits.from_env()
        self.target = target  # "module:function" run in the child (tests swap in hostile ones)
        self.light = light  # a spawned child without the preloaded pipeline (see _context)
        self.preload = preload
        self.idle_imports = idle_imports  # until the first request (default: the target's IDLE_IMPORTS)
        self._process: mp.process.BaseProcess | None = None
        self._conn: Connection | None = None

    def start(self) -> SandboxWorker:
        """Start the child now (it imports the pipeline while the caller does other work)."""
        if self._process is None or not self._process.is_alive():
            self._start()
        return self

    def _start(self) -> None:
        ctx = _context(self.light, self.preload)
        parent, child = ctx.Pipe()
        process = ctx.Process(
            target=_child_main, args=(child, self.limits.memory_bytes, self.target, self.idle_imports),
            daemon=True,
        )
        process.start()
        child.close()
        self._process, self._conn = process, parent

    def extract(self, path: Path, sender: str | None = None, filename: str | None = None) -> dict[str, Any]:
        """Result dict: {"ok": True, "extraction": {...}, ...} or {"ok": False, "reason", "limit"}."""
        return self._request((str(path), sender, filename, self.limits.cpu_seconds))

    def call(self, payload: Any) -> dict[str, Any]:
        """``target(payload)`` in the child (a target taking one picklable argument)."""
        return self._request(("call", payload, self.limits.cpu_seconds))

    def _request(self, request: tuple[Any, ...]) -> dict[str, Any]:
        if self._process is None or not self._process.is_alive():
            self._start()
        assert self._conn is not None and self._process is not None
        try:
            self._conn.send(request)
            if self._conn.poll(self.limits.wall_seconds):
                result = self._conn.recv()
                if isinstance(result, dict) and result.pop("restart", False):
                    self.close()  # the child has left (see _ran_out_of_memory); the next request starts one
                return result
            reason = f"quá thời gian xử lý ({self.limits.wall_seconds:.0f} giây)"
        except (EOFError, BrokenPipeError, ConnectionResetError, OSError):
            reason = self._death_reason()
        self.close(kill=True)
        return {"ok": False, "limit": True, "reason": reason}

    def _death_reason(self) -> str:
        assert self._process is not None
        self._process.join(timeout=5)
        code = self._process.exitcode
        if code is not None and code < 0:
            import signal

            name = signal.Signals(-code).name
            if name == "SIGXCPU":
                return f"vượt giới hạn thời gian CPU ({self.limits.cpu_seconds} giây)"
            if name in {"SIGKILL", "SIGABRT", "SIGSEGV", "SIGBUS"}:  # native code failing to allocate
                return f"tiến trình xử lý bị dừng ({name}, có thể do vượt giới hạn bộ nhớ)"
            return f"tiến trình xử lý bị dừng bởi tín hiệu {name}"
        return f"tiến trình xử lý kết thúc bất thường (mã {code}), có thể do vượt giới hạn bộ nhớ"

    def __enter__(self) -> SandboxWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def available_cores() -> int:
    """Cores this process may run on (affinity/cgroup-aware where the OS says so)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


_chosen_workers: int | None = None


def choose_workers(count: int | None) -> None:
    """This process's worker count (``run --workers N``), above the setting."""
    global _chosen_workers
    _chosen_workers = count if count and count > 0 else None


def worker_count(requested: int | None = None) -> int:
    """Sandbox workers: the argument, else ``--workers``, else $BAOCAO_WORKERS, else the cores."""
    if requested and requested > 0:
        return requested
    return _chosen_workers or settings.load().workers or available_cores()


class SandboxPool:
    """N warm :class:`SandboxWorker` children shared by the threads of one process.

    Started once per batch; each call borrows a free child, so documents are parsed
    ``size`` at a time while the parent keeps ingesting and recording.  ``extract`` has
    the signature of :meth:`SandboxWorker.extract`, so a pool goes wherever a worker did.
    """

    def __init__(self, limits: Limits | None = None, size: int | None = None,
                 target: str = "flows.extract:extract_for_store"):  # fmt: skip
        self.limits = limits or Limits.from_env()
        self.size = worker_count(size)
        self.workers = [SandboxWorker(self.limits, target) for _ in range(self.size)]
        self._free: queue.SimpleQueue[SandboxWorker] = queue.SimpleQueue()
        for worker in self.workers:
            self._free.put(worker)
        self._executor: ThreadPoolExecutor | None = None

    def warm(self) -> SandboxPool:
        """Start every child now, on the pool's threads, while the caller goes on ingesting."""
        for _ in self.workers:
            self.submit(SandboxWorker.start)
        return self

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(worker, *args)`` with a borrowed worker (blocks until one is free)."""
        worker = self._free.get()
        try:
            return fn(worker, *args)
        finally:
            self._free.put(worker)

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Run ``fn(worker, *args)`` on a pool thread; the result arrives as a future."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self.size, thread_name_prefix="sandbox")
        return self._executor.submit(self.call, fn, *args)

    def extract(self, path: Path, sender: str | None = None, filename: str | None = None) -> dict[str, Any]:
        return self.call(SandboxWorker.extract, path, sender, filename)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        for worker in self.workers:
            worker.close()

    def __enter__(self) -> SandboxPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
