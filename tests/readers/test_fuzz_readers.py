"""Fuzz targets for the readers: any mutation of a real report's bytes gives a Document
or a clean ReaderError (with a Vietnamese reason), never another exception.

Hypothesis mutates the samples (bit flips, truncation, spliced junk, zeroed runs).  The
budget is short by default; ``FUZZ_EXAMPLES=2000 pytest tests/readers/test_fuzz_readers.py``
runs longer on demand.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baocao.model import Document
from readers import ReaderError, read_document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = {
    ".docx": ROOT / "samples/reports/nghean_5col.docx",
    ".xlsx": ROOT / "samples/reports/tuyenquang_appendix.xlsx",
    ".pdf": ROOT / "samples/reports/haiphong_report.pdf",
    ".txt": ROOT / "samples/mailbox/le/bao-cao-thanh-hoa.eml",  # any text: read as a .txt
}
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """The sample with a few random edits (kept small: the parsers must meet odd bytes, not sizes)."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "cut", "splice", "zero", "duplicate"]))
        at = draw(st.integers(0, max(0, len(out) - 1)))
        if kind == "flip" and out:
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del out[at:]
        elif kind == "splice":
            out[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "zero":
            out[at : at + draw(st.integers(1, 4096))] = bytes(min(4096, len(out) - at))
        else:
            out[at:at] = out[max(0, at - 512) : at]
    return bytes(out)


@pytest.mark.slow
@pytest.mark.parametrize("suffix", sorted(SAMPLES))
def test_mutated_bytes_give_a_document_or_a_reader_error(suffix: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    data = SAMPLES[suffix].read_bytes()

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
    @given(mutated(data))
    def check(blob: bytes) -> None:
        path = folder / f"mau{suffix}"
        path.write_bytes(blob)
        try:
            document = read_document(path)
        except ReaderError as exc:
            assert exc.reason and isinstance(exc.reason, str)
            return
        assert isinstance(document, Document)

    check()
