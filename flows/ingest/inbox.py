"""Walking the inbox folder: every file becomes a top-level :class:`Item`.

Hidden files and the store are skipped; symlinks, FIFOs, sockets and devices are
inputs too, with their problem stated, and are never followed or opened.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from flows.ingest.items import Item, sha256_bytes
from flows.ingest.names import fs_names


def walk_inbox(inbox: Path, exclude: Path | None = None) -> Iterator[Item]:
    """Every file under ``inbox`` in a stable order (hidden files and the store skipped).

    A symlink, FIFO, socket or device is an input too, with its problem stated (it is never
    followed or opened).  A name that is not valid UTF-8 (an archive unpacked from a
    Windows code page) is decoded for display; its locator keeps the raw bytes escaped.
    """
    inbox = inbox.resolve()
    excluded = exclude.resolve() if exclude else None
    for path in sorted(inbox.rglob("*")):
        rel = path.relative_to(inbox)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if excluded and (path == excluded or excluded in path.parents):
            continue
        problem = not_regular(path)
        if problem is None and path.is_dir():
            continue
        locator, shown, name = fs_names(rel)
        item = Item(locator=locator, path=shown, kind="file", name=name, depth=0, file=path, mtime=_mtime(path))
        if problem:
            item.problem, item.data, item.file = problem, b"", None
            item._sha = sha256_bytes(b"not-regular:" + locator.encode())
        yield item


def not_regular(path: Path) -> str | None:
    """Why a directory entry is not a file we may read (None for files and folders)."""
    import stat

    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        return f"không đọc được thông tin tệp: {exc.strerror or exc}"
    if stat.S_ISLNK(mode):
        return "liên kết tượng trưng (symlink): không đi theo để đọc, đề nghị sao chép chính tệp vào hộp thư"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = "FIFO" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "thiết bị"
    return f"không phải tệp thường ({kind}), bỏ qua"


def _mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.lstat().st_mtime, UTC)
    except (OSError, OverflowError, ValueError):
        return None
