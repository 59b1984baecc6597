"""Opening containers (.mbox/.eml/.msg/.zip) inside the capped sandbox child.

Parsing MIME, listing and inflating zip members and reading Outlook files are done on
bytes from outside, so they run in a :class:`flows.guard.SandboxWorker` child with its
memory/CPU/wall caps, never in the run's own process: a zip whose headers understate
its members, a message with a million parts or a header of 100 MB can only cost the
child (killed and replaced), and the container gets fate ``failed`` with the reason.

The child writes every part's bytes to a spool folder (content-addressed) and sends
back the parts as :class:`flows.ingest.Item` records pointing at those files, so
nothing large crosses the pipe and the parent only moves files and records fates.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from flows.guard import Limits, Rejected, SandboxWorker
from flows.ingest import Item, MessageMeta, expand, refine_zip_format, sha256_bytes

TARGET = "flows.sandbox_ingest:open_in_child"


@dataclass
class OpenRequest:
    """What the child needs to open one container (picklable, no bytes inline)."""

    item: Item  # data None; ``file`` points at the container's bytes
    fmt: str
    limits: Limits
    spool: str


def open_in_child(request: OpenRequest) -> dict[str, Any]:
    """Child side: expand the container, spool each part's bytes, return the parts."""
    try:
        children, meta = expand(request.item, request.fmt, request.limits)
    except Rejected as exc:
        return {"ok": False, "limit": True, "reason": exc.reason}
    spool = Path(request.spool)
    return {"ok": True, "children": [_spooled(child, spool) for child in children], "meta": meta}


def _spooled(child: Item, spool: Path) -> Item:
    """The part with its bytes written under ``spool`` (by sha256) instead of inline."""
    data = child.data
    if data is None or not data:
        return child
    digest = child._sha or sha256_bytes(data)
    target = spool / digest
    if not target.exists():
        tmp = spool / f".{digest}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, target)
    zip_format = refine_zip_format(data) if data[:4] == b"PK\x03\x04" else None
    return replace(child, data=None, file=target, _sha=digest, zip_format=zip_format)


class Opener:
    """The parent's side: one sandbox child that opens containers, and the spool folder.

    Parts come back as files in the spool; :meth:`close` removes the folder (the run
    has copied what it keeps into the store's objects by then).
    """

    def __init__(self, limits: Limits, spool_parent: Path | None = None):
        self.limits = limits
        self.worker = SandboxWorker(limits, target=TARGET, light=True)
        if spool_parent is not None:  # the store's: a run holds its lock, so older spools are a dead run's
            spool_parent.mkdir(parents=True, exist_ok=True)
            for stale in spool_parent.glob("spool-*"):
                shutil.rmtree(stale, ignore_errors=True)
        self.spool = Path(tempfile.mkdtemp(prefix="spool-", dir=spool_parent))

    def expand(self, item: Item, fmt: str) -> tuple[list[Item], MessageMeta | None]:
        """Like :func:`flows.ingest.expand`, parsed in the child; raises :class:`Rejected`."""
        if item.depth >= self.limits.nesting:
            raise Rejected(f"tệp lồng nhau quá sâu (quá {self.limits.nesting} cấp)")
        source, temporary = self._source_file(item)
        try:
            request = OpenRequest(replace(item, data=None, file=source), fmt, self.limits, str(self.spool))
            result = self.worker.call(request)
        finally:
            if temporary:
                with contextlib.suppress(OSError):
                    source.unlink()
        if not result.get("ok"):
            raise Rejected(result.get("reason") or "không mở được tệp")
        children: list[Item] = result["children"]
        for child in children:
            if child.file is not None and item.kind == "file" and child.mtime is None:
                child.mtime = item.mtime
        return children, result.get("meta")

    def _source_file(self, item: Item) -> tuple[Path, bool]:
        """The container's bytes as a file the child can open (written when they are inline)."""
        if item.file is not None and item.data is None:
            return item.file, False
        handle, name = tempfile.mkstemp(prefix="open-", dir=self.spool)
        with os.fdopen(handle, "wb") as fh:
            fh.write(item.data or b"")
        return Path(name), True

    def close(self) -> None:
        self.worker.close()
        shutil.rmtree(self.spool, ignore_errors=True)

    def __enter__(self) -> Opener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
