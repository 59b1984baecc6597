"""Where a mixed batch's time goes: OCR and LibreOffice conversion, beside everything else.

    python bench/benchmark.py --formats none --extra shares
    python bench/shares.py [FILE...]          # default: every committed sample report

Extracts each file in this process (``flows.pipeline.extract_path_parts``; an ``.eml`` is
read as ``baocao run`` reads its body) and times the two expensive foreign steps by
wrapping their entry points: ``readers.pdf.ocr.ocr_pages`` (scanned PDF pages) and
``readers.ocr.ocr_image`` (pictures of tables inside DOCX) for OCR, ``readers.legacy.convert``
(.doc/.xls/.rtf/.odt/.ods) for LibreOffice.  Prints the batch's wall time, each step's
seconds and share of it, OCR ms per page and LibreOffice ms per file.  Sequential and
single-process on purpose: shares of one core's time, comparable across machines.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Timer:
    seconds: float = 0.0
    calls: int = 0
    units: int = 0  # pages for OCR, files for LibreOffice

    def wrap(self, fn: Callable[..., Any], units: Callable[..., int]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.calls += 1
                self.units += units(*args, **kwargs)

        return timed


@dataclass
class Shares:
    files: int = 0
    wall: float = 0.0
    failed: list[str] = field(default_factory=list)
    ocr: Timer = field(default_factory=Timer)
    soffice: Timer = field(default_factory=Timer)

    def lines(self) -> list[str]:
        def share(timer: Timer) -> str:
            return f"{timer.seconds:6.1f} s  {100 * timer.seconds / max(self.wall, 1e-9):5.1f}% of the batch"

        per_page = 1000 * self.ocr.seconds / self.ocr.units if self.ocr.units else 0.0
        per_file = 1000 * self.soffice.seconds / self.soffice.units if self.soffice.units else 0.0
        return [
            f"batch: {self.files} files, {self.wall:.1f} s wall ({len(self.failed)} failed)",
            f"  OCR:         {share(self.ocr)}   {self.ocr.units} pages/pictures, {per_page:.0f} ms/page",
            f"  LibreOffice: {share(self.soffice)}   {self.soffice.units} files, {per_file:.0f} ms/file",
            f"  the rest:    {self.wall - self.ocr.seconds - self.soffice.seconds:6.1f} s",
        ]


def measure(files: list[Path]) -> Shares:
    import readers.legacy
    import readers.ocr
    import readers.pdf.ocr
    from flows.pipeline import extract_path_parts

    sys.path.insert(0, str(REPO / "bench"))
    from golden import MESSAGE_SUFFIXES, extract_message_body

    shares = Shares(files=len(files))
    originals = (readers.pdf.ocr.ocr_pages, readers.ocr.ocr_image, readers.legacy.convert)
    readers.pdf.ocr.ocr_pages = shares.ocr.wrap(originals[0], lambda path, numbers, *a, **k: len(numbers))
    readers.ocr.ocr_image = shares.ocr.wrap(originals[1], lambda *a, **k: 1)
    readers.legacy.convert = shares.soffice.wrap(originals[2], lambda *a, **k: 1)
    try:
        started = time.perf_counter()
        for path in files:
            try:
                if path.suffix.lower() in MESSAGE_SUFFIXES:
                    extract_message_body(path)
                else:
                    extract_path_parts(path)
            except Exception as exc:  # noqa: BLE001 - a failing file is reported, not fatal
                shares.failed.append(f"{path.name}: {type(exc).__name__}: {exc}"[:200])
        shares.wall = time.perf_counter() - started
    finally:
        readers.pdf.ocr.ocr_pages, readers.ocr.ocr_image, readers.legacy.convert = originals
    return shares


def sample_files() -> list[Path]:
    return sorted(p for p in (REPO / "samples" / "reports").iterdir() if p.is_file())


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(REPO))
    files = [Path(a) for a in (argv if argv is not None else sys.argv[1:])] or sample_files()
    for line in measure(files).lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
