"""Bounds checked on a file's raw bytes before a parser library sees it.

pdfium and pdfminer inflate a PDF's Flate streams with no limit: a 1 MB file can hold a
stream of 512 MB of zeros, which costs the sandbox child its whole memory cap before it
dies.  :func:`check_pdf_streams` inflates each stream into nothing, 1 MB at a time (unless
deflate's ratio bound already clears it), and refuses the file when one stream (or all
together) would inflate past a bound well under that cap.  The scan is linear in the file's
size; real reports' streams are a few MB.
"""

from __future__ import annotations

import zlib
from pathlib import Path

MB = 1 << 20
PDF_STREAM_BYTES = 128 * MB  # one inflated stream (a 600 dpi A4 colour page is ~100 MB)
PDF_TOTAL_BYTES = 512 * MB  # all streams of one file


class StreamTooLarge(Exception):
    def __init__(self, inflated: int, limit: int, whole_file: bool):
        super().__init__(inflated)
        self.inflated, self.limit, self.whole_file = inflated, limit, whole_file


# Deflate writes at least two bits for a 258-byte match, so a stream cannot inflate past
# 1032 times its compressed size (plus one match).  A stream whose bound is under the limits
# need not be inflated to be judged: a 100-page report's streams (~0.4 MB) are judged
# without inflating any; only what the bound cannot clear is inflated and counted.
DEFLATE_MAX_RATIO = 1032


def _bound(raw_size: int) -> int:
    return DEFLATE_MAX_RATIO * raw_size + 258


def check_pdf_streams(path: Path, per_stream: int = PDF_STREAM_BYTES, total: int = PDF_TOTAL_BYTES) -> None:
    """Raise :class:`StreamTooLarge` when a Flate stream inflates past the bounds."""
    data = path.read_bytes()
    streams = list(_streams(data))
    sizes = [_bound(end - start) for start, end in streams]
    exact = [False] * len(streams)
    for index, (start, end) in enumerate(streams):
        if sizes[index] > per_stream:
            sizes[index], exact[index] = inflated_size(memoryview(data)[start:end], per_stream), True
            if sizes[index] > per_stream:
                raise StreamTooLarge(sizes[index], per_stream, whole_file=False)
    inflated_total = sum(sizes)
    for index in sorted(range(len(streams)), key=sizes.__getitem__, reverse=True):
        if inflated_total <= total:
            return
        if not exact[index]:
            start, end = streams[index]
            size = inflated_size(memoryview(data)[start:end], per_stream)
            inflated_total += size - sizes[index]
    if inflated_total > total:
        raise StreamTooLarge(inflated_total, total, whole_file=True)


def _streams(data: bytes):
    """(start, end) of every stream's bytes, in file order."""
    position = 0
    while (at := data.find(b"stream", position)) >= 0:
        start = _stream_start(data, at)
        if start is None:
            position = at + 6
            continue
        end = data.find(b"endstream", start)
        end = len(data) if end < 0 else end
        yield start, end
        position = end + 9


def _stream_start(data: bytes, at: int) -> int | None:
    """Where a stream's bytes begin after the ``stream`` keyword (None for ``endstream``)."""
    if data[max(0, at - 3) : at] == b"end":
        return None
    start = at + 6
    if data[start : start + 2] == b"\r\n":
        return start + 2
    if data[start : start + 1] in (b"\n", b"\r"):
        return start + 1
    return None


def inflated_size(raw: memoryview | bytes, limit: int) -> int:
    """Bytes a zlib stream inflates to, counted up to just past ``limit`` (0 if not zlib)."""
    if len(raw) < 2 or raw[0] & 0x0F != 8:  # not a zlib header: DCT/JPX images, raw data
        return 0
    inflater = zlib.decompressobj()
    size, pending = 0, bytes(raw[: 1 << 16])
    offset = len(pending)
    try:
        while pending:
            size += len(inflater.decompress(pending, MB))
            if size > limit or inflater.eof:
                return size
            pending = inflater.unconsumed_tail or bytes(raw[offset : offset + (1 << 16)])
            if not inflater.unconsumed_tail:
                offset += 1 << 16
    except zlib.error:
        return size
    return size
