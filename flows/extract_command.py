"""`baocao extract PATH`: JSON Lines for a file, a folder or a container, parsed in the sandbox.

It reads what `baocao run` reads (.docx/.pdf/.xlsx/.txt/.md, the legacy formats the
readers convert, .eml/.msg/.mbox/.zip nested) through the same guard and caps: the
containers are opened by :class:`flows.sandbox_ingest.Opener`'s child and every
document is parsed in a :class:`flows.guard.SandboxWorker` child, so a bomb costs a
child (killed and replaced) and gives an error line, never this process's memory.

Output, one JSON object per line on stdout:
* a report found: the extraction (``Extraction.to_dict``) whose ``source.path`` is the
  container locator people read ("thu.eml › bao-cao.docx"), plus ``locator``;
* a file or part that cannot be read: ``{"source", "locator", "error"}``;
* a part of a container that is not a document (a logo in a mail): ``{"source",
  "locator", "skipped"}``, not an error.
Exit status: 0 when everything was read, 1 when any file or part gave an error line
(the others are still done), 2 when PATH does not exist.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from flows.guard import LEAN_PRELOAD, Limits, Rejected, SandboxWorker
from flows.ingest import (
    CONTAINER_FORMATS,
    DOCUMENT_FORMATS,
    Item,
    detect_format,
    fs_names,
    unsupported_reason,
    walk_inbox,
)
from flows.ingest.detect import head_of
from flows.ingest.inbox import not_regular
from flows.sandbox_ingest import Opener

TARGET = "flows.extract:extract_reports"


@dataclass
class _Run:
    worker: SandboxWorker
    opener: Opener
    out: TextIO
    errors: int = 0
    reports: int = 0
    seen: set[str] = field(default_factory=set)

    def emit(self, record: dict[str, Any]) -> None:
        self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.out.flush()

    def error(self, item: Item, reason: str) -> None:
        self.errors += 1
        self.emit({"source": item.path, "locator": item.locator, "error": reason})


def run_extract(root: Path, out: TextIO | None = None, worker: SandboxWorker | None = None) -> int:
    """Extract every report under ``root``; the exit status described in the module doc.

    ``worker``: the child already started by the command (see ``baocao.cli``); otherwise
    one child with the lean preload, since a batch's (every reader, a warm-up extraction)
    would only delay this one document; the child imports a reader's library when it
    meets one.
    """
    out = out or sys.stdout
    if not root.exists() and not root.is_symlink():
        if worker is not None:
            worker.close()
        print(f"baocao: không tìm thấy '{root}'", file=sys.stderr)
        return 2
    limits = Limits.from_env()
    worker = worker or SandboxWorker(limits, target=TARGET, preload=LEAN_PRELOAD)
    with worker, Opener(limits) as opener:
        worker.start()
        run = _Run(worker, opener, out)
        for item in _top_items(root):
            _extract_item(run, item)
    return 1 if run.errors else 0


def _top_items(root: Path) -> Iterator[Item]:
    """The folder's files (as `run` walks an inbox), or the one file, shown as typed."""
    if root.is_dir() and not root.is_symlink():
        prefix = str(root).rstrip("/")
        for item in walk_inbox(root):
            item.path = f"{prefix}/{item.path}"
            yield item
        return
    _, shown, name = fs_names(Path(os.fsdecode(os.fsencode(str(root)))))
    item = Item(locator=shown, path=shown, kind="file", name=name, depth=0, file=root)
    if (problem := not_regular(root)) is not None:
        item.problem, item.file = problem, None
    yield item


def _extract_item(run: _Run, item: Item) -> None:
    """One input: an error line, a skipped line, its reports, or its parts (recursively)."""
    try:
        _dispatch(run, item)
    except Rejected as exc:
        run.error(item, exc.reason)
    except Exception as exc:  # noqa: BLE001 - one bad input never stops the others, never a traceback
        run.error(item, f"lỗi khi mở tệp: {type(exc).__name__}: {exc}"[:500])


def _dispatch(run: _Run, item: Item) -> None:
    if item.problem:
        run.error(item, item.problem)
        return
    if not item.size():
        run.error(item, "tệp rỗng (0 byte)")
        return
    if item.kind == "message":
        fmt, problem = "eml", None
    else:
        fmt, problem = detect_format(item, head_of(item))
    suffix = Path(item.name or "").suffix.lower()
    if problem:
        run.error(item, problem)
    elif fmt in CONTAINER_FORMATS:
        children, _ = run.opener.expand(item, fmt)
        for child in children:
            _extract_item(run, child)
    elif fmt in DOCUMENT_FORMATS or (fmt is None and _convertible(suffix)):
        _extract_document(run, item, suffix if _convertible(suffix) else f".{fmt}")
    elif item.kind == "file":
        run.error(item, unsupported_reason(item))
    else:
        run.emit({"source": item.path, "locator": item.locator, "skipped": unsupported_reason(item)})


def _convertible(suffix: str) -> bool:
    from readers import SUFFIX_FORMATS

    return suffix in SUFFIX_FORMATS


def _extract_document(run: _Run, item: Item, suffix: str) -> None:
    """Parse one document in the child; print its reports or one error line."""
    if item.file is not None and item.kind == "file" and item.file.suffix.lower() == suffix:
        result = run.worker.call({"path": str(item.file), "shown": item.path})
    else:
        with tempfile.TemporaryDirectory(prefix="baocao-extract-") as folder:
            path = Path(folder) / f"tep{suffix}"
            path.write_bytes(item.read(run.opener.limits))
            item.data = None  # the part's bytes are on disk now
            result = run.worker.call({"path": str(path), "shown": item.path})
    if not result.get("ok"):
        reason = result.get("reason") or "không đọc được tệp"
        run.error(item, f"bị từ chối: {reason}" if result.get("limit") else reason)
        return
    for extraction in result["extractions"]:
        extraction["locator"] = item.locator
        run.reports += 1
        run.emit(extraction)
