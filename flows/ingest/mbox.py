"""Opening an .mbox: one child :class:`Item` per message, streamed, never all in memory.

Real exports (Thunderbird, Outlook tools, mboxo and mboxrd) leave "From " lines of
bodies unquoted; :func:`split_mbox` only splits where a message really starts.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime

from flows.guard import Limits, Rejected
from flows.ingest.detect import format_from_content
from flows.ingest.items import Item, sha256_bytes

# A From_ separator line: "From <sender> <asctime>" (a time of day and a year).  A body
# line "From the office: ..." has neither; mboxo exports (Thunderbird, some Outlook
# tools) leave such lines unquoted, and the stdlib splits on any "From " line.
_FROM_LINE = re.compile(rb"^From \S+ +(?=.*\b\d{1,2}:\d{2}(?::\d{2})?\b)(?=.*\b(?:19|20)\d{2}\b).*$")
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")
_MBOXRD_QUOTED = re.compile(rb"^>(>*From )")


def expand_mbox(item: Item, limits: Limits) -> list[Item]:
    children: list[Item] = []
    with _open_bytes(item, limits) as handle:
        for index, (raw, received) in enumerate(split_mbox(handle, limits), start=1):
            digest = sha256_bytes(raw)
            children.append(
                Item(
                    locator=f"{item.locator}#msg={digest[:16]}",
                    path=f"{item.path} › thư {index}",
                    kind="message", name=None, depth=item.depth + 1, data=raw,
                    mtime=received or item.mtime, message=item.message, parent=item.locator,
                    _sha=digest,
                )  # fmt: skip
            )
    if not children:
        single = _single_message(item, limits)
        if single is None:
            raise Rejected("hộp thư .mbox không có thư nào (tệp hỏng hoặc không phải mbox)")
        children.append(single)
    return children


def _single_message(item: Item, limits: Limits) -> Item | None:
    """An ".mbox" that is one message without a From_ line (some exporters): read as .eml."""
    with _open_bytes(item, limits) as handle:
        head = handle.read(4096)
    if format_from_content(None, head.lstrip()) != "eml":
        return None
    raw = item.read(limits) if item.file is None or item.size() <= limits.file_bytes else b""
    return Item(
        locator=f"{item.locator}#msg={sha256_bytes(raw)[:16]}", path=f"{item.path} › thư 1",
        kind="message", name=None, depth=item.depth + 1, data=raw, mtime=item.mtime,
        message=item.message, parent=item.locator,
    )  # fmt: skip


def _open_bytes(item: Item, limits: Limits):  # noqa: ANN202 - a binary file object
    if item.file is not None:
        return open(item.file, "rb")  # noqa: SIM115 - closed by the caller's with
    return io.BytesIO(item.read(limits))


def split_mbox(handle, limits: Limits) -> Iterator[tuple[bytes, datetime | None]]:  # noqa: ANN001
    """(message bytes, From_-line time) per message, streaming, tolerant of real exports.

    A line starts a message only if it is a From_ line with a time and a year AND it
    follows a blank line or the next line is a header; mboxrd ``>From `` quoting is
    undone.  Bytes otherwise match what ``mailbox.mbox.get_bytes`` gives, so message
    keys stay stable for stores built before.
    """
    lines = iter(handle)
    current: list[bytes] | None = None
    received: datetime | None = None
    size = 0
    prev_blank = True
    line = next(lines, None)
    while line is not None:
        following = next(lines, None)
        if _starts_message(line, following, prev_blank, first=current is None):
            if current:
                yield _finish_message(current), received
            current, received, size = [], _from_line_time(line), 0
        elif current is not None and size <= limits.file_bytes:
            current.append(_MBOXRD_QUOTED.sub(rb"\1", line))
            size += len(line)
        prev_blank = not line.strip()
        line = following
    if current:
        yield _finish_message(current), received


def _starts_message(line: bytes, following: bytes | None, prev_blank: bool, first: bool) -> bool:
    """The file's first "From " line always; later ones need two of: a dated From_ line,
    a blank line before, a header line after."""
    if not line.startswith(b"From "):
        return False
    if first:
        return True
    dated = bool(_FROM_LINE.match(line.rstrip(b"\r\n")))
    header_next = following is not None and bool(_HEADER_LINE.match(following))
    return (dated and (prev_blank or header_next)) or (prev_blank and header_next)


def _finish_message(lines: list[bytes]) -> bytes:
    if lines and lines[-1] == b"\n":  # the blank line before the next From_ line
        lines = lines[:-1]
    return b"".join(lines)


def _from_line_time(line: bytes) -> datetime | None:
    """The delivery time in "From sender Mon Nov  5 08:05:00 2025" (UTC by convention)."""
    words = line.decode("ascii", errors="replace").split()[2:]
    for width in (5, 6):
        with contextlib.suppress(ValueError):
            stamp = datetime.strptime(" ".join(words[:width]), "%a %b %d %H:%M:%S %Y")
            return stamp.replace(tzinfo=UTC)
    return None
