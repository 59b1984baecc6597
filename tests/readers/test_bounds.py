"""PDF stream bounds (readers/bounds.py): a stream bomb is refused before any parser sees it,
and the deflate ratio bound spares inflating streams that cannot be one."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import pytest

from readers.bounds import StreamTooLarge, check_pdf_streams, inflated_size

KB = 1 << 10
MB = 1 << 20


def _pdf(tmp_path: Path, streams: list[bytes]) -> Path:
    body = b"".join(b"%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (i, len(s), s)
                    for i, s in enumerate(streams, 1))  # fmt: skip
    path = tmp_path / "input.pdf"
    path.write_bytes(b"%PDF-1.4\n" + body + b"%%EOF\n")
    return path


def _zeros(size: int) -> bytes:
    return zlib.compress(b"\0" * size, 9)


def _noise(size: int) -> bytes:
    return zlib.compress(os.urandom(size), 9)


def _every_stream_inflated(path: Path, per_stream: int, total: int) -> tuple[bool, bool] | None:
    """The first way of judging: inflate every stream in order; (raised, whole_file)."""
    data = path.read_bytes()
    running, position = 0, 0
    while (at := data.find(b"\nstream\n", position)) >= 0:
        start = at + 8
        end = data.find(b"endstream", start)
        size = inflated_size(memoryview(data)[start:end], per_stream)
        if size > per_stream:
            return True, False
        running += size
        if running > total:
            return True, True
        position = end
    return None


# (streams, per_stream, total, refused as): limits small enough to build bombs in a test.
CASES = [
    pytest.param([_zeros(3 * MB)], 2 * MB, 8 * MB, (True, False), id="one stream past its bound"),
    pytest.param([_zeros(MB)] * 5, 2 * MB, 4 * MB, (True, True), id="together past the file's bound"),
    pytest.param([_noise(10 * KB)] * 12, 2 * MB, 1 * MB, None, id="bounds say maybe, inflating says no"),
    pytest.param([_zeros(100 * KB), _noise(50 * KB)], 2 * MB, 8 * MB, None, id="small: judged by the bound alone"),
    pytest.param([b"\xff\xd8\xff\xe0 JPEG bytes" * 100], 1 * KB, 1 * KB, None, id="not zlib"),
    pytest.param([_zeros(3 * MB), _noise(KB)], 4 * MB, 3 * MB + 512 * KB, None, id="just under the file's bound"),
    pytest.param([_zeros(3 * MB), _noise(KB)] * 2, 4 * MB, 6 * MB + KB, (True, True), id="just over it"),
]


@pytest.mark.parametrize(("streams", "per_stream", "total", "refused"), CASES)
def test_the_bound_judges_as_inflating_everything(tmp_path: Path, streams: list[bytes], per_stream: int,
                                                  total: int, refused: tuple[bool, bool] | None) -> None:  # fmt: skip
    path = _pdf(tmp_path, streams)
    expected = _every_stream_inflated(path, per_stream, total)
    assert expected == refused
    try:
        check_pdf_streams(path, per_stream, total)
        got = None
    except StreamTooLarge as exc:
        got = (True, exc.whole_file)
        assert exc.inflated > exc.limit
    assert got == expected
