"""Re-reading stored originals for the review pages, in a capped child process.

A flag page shows the PDF region of the figure and the paragraph or table row it came
from; both mean opening a file that came from outside again.  The batch parses such
files only in a sandboxed child (``flows.guard``), and so does the review app: one
long-lived child (``spawn``: safe beside the server's threads) under an address-space
cap, a CPU cap re-armed per request and a wall-clock timeout.  A child that dies or
hangs is killed and replaced; the page then shows no picture or context, never an
error.  ``flows.guard`` is on a floor above ``review``, hence this small sibling.

Answers are cached per (file, mtime, request): the flag page and its image ask once.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import resource
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from baocao.childproc import OwnsChild

log = logging.getLogger(__name__)
MB = 1024 * 1024
IDLE_SECONDS = 600.0


@dataclass(frozen=True)
class Crop:
    png: bytes
    found: bool  # the figures' own words were outlined (else the whole block)


def _answer(request: tuple[Any, ...]) -> Any:
    """Run one request inside the child (imports happen here, never in the server)."""
    kind, path, *rest = request
    if kind == "crop":
        from review.evidence import figure_box, render_pdf_region

        page, bbox, figures = rest
        boxes, found = figure_box(Path(path), page, bbox, figures)
        return Crop(render_pdf_region(Path(path), page, boxes), found)
    if kind == "block":
        from baocao.model import Location
        from review.evidence import block_context

        (location,) = rest
        return block_context(_document(path), Location(**dict(location)))
    raise ValueError(f"unknown request {kind!r}")


_DOCUMENTS: OrderedDict[tuple[str, int], Any] = OrderedDict()


def _document(path: str) -> Any:
    """The parsed original, kept for the next flags of the same report (two at most)."""
    from readers import read_document

    key = (path, os.stat(path).st_mtime_ns)
    if key not in _DOCUMENTS:
        _DOCUMENTS[key] = read_document(path)
        while len(_DOCUMENTS) > 2:
            _DOCUMENTS.popitem(last=False)
    return _DOCUMENTS[key]


def _child(conn: Connection, memory_bytes: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    while True:
        try:
            if not conn.poll(IDLE_SECONDS):
                return  # an idle child gives its memory back; the next page starts another
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        spent = int(sum(resource.getrusage(resource.RUSAGE_SELF)[:2]))
        resource.setrlimit(resource.RLIMIT_CPU, (spent + cpu_seconds, resource.RLIM_INFINITY))
        try:
            conn.send(("ok", _answer(request)))
        except MemoryError:
            conn.send(("error", "memory cap"))
        except Exception as exc:  # noqa: BLE001 - told to the parent, which shows nothing
            conn.send(("error", f"{type(exc).__name__}: {exc}"[:300]))


class Cropper(OwnsChild):
    """The review app's one re-reading child; thread-safe, bounded cache of answers."""

    def __init__(self, memory_mb: int = 768, cpu_seconds: int = 20, wall_seconds: float = 30.0,
                 cache_size: int = 64) -> None:
        self.memory_bytes, self.cpu_seconds, self.wall_seconds = memory_mb * MB, cpu_seconds, wall_seconds
        self.cache_size = cache_size
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()
        self._process: mp.process.BaseProcess | None = None
        self._conn: Connection | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def crop(self, path: Path, page: int, bbox: Any, figures: Any) -> Crop | None:
        """The page band around ``bbox`` with the figures outlined, or None."""
        return self._ask(("crop", str(path), int(page), bbox, figures), path)

    def block(self, path: Path, location: dict[str, Any]) -> str | None:
        """The paragraph or table row a location points at, as text, or None."""
        return self._ask(("block", str(path), tuple(sorted(location.items()))), path)

    def _ask(self, request: tuple[Any, ...], path: Path) -> Any:
        try:
            key = (os.stat(path).st_mtime_ns, *request)
        except OSError:
            return None
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            status, answer = self._roundtrip(request)
            if status == "died":
                return None  # not cached: a later view may succeed
            value = answer if status == "ok" else None
            if status == "error":
                log.info("cannot re-read %s: %s", path, answer)
            self._cache[key] = value
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
            return value

    def _roundtrip(self, request: tuple[Any, ...]) -> tuple[str, Any]:
        if self._process is None or not self._process.is_alive():
            self._start()
        assert self._conn is not None
        try:
            self._conn.send(request)
            if self._conn.poll(self.wall_seconds):
                return self._conn.recv()
            log.warning("re-reading %s took over %.0f s: child killed", request[1], self.wall_seconds)
        except (EOFError, OSError) as exc:
            log.warning("re-reading %s: child died (%s)", request[1], exc)
        self.close(kill=True)
        return "died", None

    def _start(self) -> None:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_child, args=(child, self.memory_bytes, self.cpu_seconds), daemon=True)
        process.start()
        child.close()
        self._process, self._conn = process, parent
        weakref.finalize(self, _stop, process, parent)


def _stop(process: mp.process.BaseProcess, conn: Connection) -> None:
    """A cropper that is garbage-collected takes its child with it."""
    with contextlib.suppress(OSError, ValueError):
        conn.close()
    if process.is_alive():
        process.kill()
        process.join(timeout=5)
