"""flows.pool.Dispatcher: queued documents go to free children longest first, and every
result is recorded once, with the container after its parts."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest

from flows.pool import Dispatcher, expected_seconds

MB = 1 << 20


def job(name: str, fmt: str, size: int) -> SimpleNamespace:
    return SimpleNamespace(name=name, format=fmt, size=size)


class FakePool:
    """A SandboxPool stand-in: ``size`` threads calling ``fn(worker, *args)``."""

    def __init__(self, size: int):
        self.size = size
        self.executor = ThreadPoolExecutor(size)

    def submit(self, fn, *args):
        return self.executor.submit(fn, None, *args)


class FakeBatch:
    """Plans each item's jobs; the first extraction waits until everything is planned."""

    def __init__(self):
        self.planned_all = threading.Event()
        self.started: list[str] = []
        self.recorded: list[str] = []
        self.containers: list[str] = []
        self._pending_containers: list[str] = []

    def plan(self, item, sink):
        for each in item["jobs"]:
            sink.append(each)
        self._pending_containers.append(item["name"])
        if item.get("last"):
            self.planned_all.set()

    def take_containers(self):
        pending, self._pending_containers = self._pending_containers, []
        return pending

    def record_containers(self, names):
        assert all(j.name in self.recorded for j in self.jobs_of[names[0]]) if names else True
        self.containers.extend(names)

    def extract(self, _worker, each):
        self.started.append(each.name)
        if len(self.started) == 1:
            assert self.planned_all.wait(10)
        return {"ok": True, "name": each.name}

    def record(self, each, result):
        assert result["name"] == each.name
        self.recorded.append(each.name)


@pytest.mark.parametrize(
    ("jobs", "expected_after_first"),
    [
        (  # a LibreOffice conversion and a big scan before the small Word files
            [job("a.txt", "txt", 100), job("b.docx", "docx", MB), job("c.doc", "doc", 10_000),
             job("d.pdf", "pdf", 5 * MB), job("e.docx", "docx", 50_000)],
            ["d.pdf", "c.doc", "b.docx", "e.docx"],
        ),
        (  # equal costs keep the order they were planned in
            [job("1.docx", "docx", 1000), job("2.docx", "docx", 1000), job("3.docx", "docx", 1000)],
            ["2.docx", "3.docx"],
        ),
    ],
)  # fmt: skip
def test_queued_documents_start_longest_first(jobs, expected_after_first):
    batch = FakeBatch()
    batch.jobs_of = {"inbox": jobs}
    Dispatcher(batch, FakePool(1)).run([{"name": "inbox", "jobs": jobs, "last": True}])
    assert batch.started == [jobs[0].name, *expected_after_first]
    assert sorted(batch.recorded) == sorted(j.name for j in jobs)  # each once
    assert batch.containers == ["inbox"]  # after all its parts (checked in record_containers)


def test_a_free_child_takes_the_next_job_while_the_planner_is_busy():
    """The planner opening a slow container must not leave a finished child idle."""
    first, second = job("1.docx", "docx", 1000), job("2.docx", "docx", 1000)
    started_at: dict[str, float] = {}

    class SlowPlanner(FakeBatch):
        def plan(self, item, sink):
            for each in item["jobs"]:
                sink.append(each)
            time.sleep(1.0)  # e.g. a 500-message .mbox being opened after its first parts

        def extract(self, _worker, each):
            started_at[each.name] = time.monotonic()
            time.sleep(0.05)
            return {"ok": True, "name": each.name}

    batch = SlowPlanner()
    batch.jobs_of = {}
    t0 = time.monotonic()
    Dispatcher(batch, FakePool(1)).run([{"name": "inbox", "jobs": [first, second]}])
    assert started_at["2.docx"] - t0 < 0.5  # not after the planner's 1 s


def test_expected_seconds_orders_by_format_then_size():
    assert expected_seconds(job("x", "doc", 1)) > expected_seconds(job("x", "docx", MB))
    assert expected_seconds(job("x", "pdf", 10 * MB)) > expected_seconds(job("x", "doc", 1))
    assert expected_seconds(job("x", "docx", 2 * MB)) > expected_seconds(job("x", "docx", MB))
    assert expected_seconds(job("x", "weird", 0)) > 0


@pytest.mark.parametrize(
    ("fmt", "content", "pictures"),
    [
        ("pdf", b"%PDF-1.4\n1 0 obj <</Type/XObject /Subtype /Image /Width 2480>>\n"
                b"2 0 obj <</Subtype/Image>>\n%%EOF", 2),  # a scan: images, no font
        ("pdf", b"%PDF-1.4\n<</Subtype /Image>> <</Type /Font /Subtype /TrueType>>\n%%EOF", 0),
        ("docx", b"PK\x03\x04...word/media/image1.png...PK\x01\x02...word/media/image1.png", 1),
        ("docx", b"PK\x03\x04...word/document.xml...", 0),
        ("xlsx", b"PK\x03\x04...xl/media/image1.png...", 0),
    ],
)  # fmt: skip
def test_pictures_to_read_from_the_bytes(tmp_path, fmt: str, content: bytes, pictures: int) -> None:
    from flows.pool import pictures_to_read

    path = tmp_path / f"x.{fmt}"
    path.write_bytes(content)
    each = SimpleNamespace(format=fmt, size=len(content), object_path=str(path))
    assert pictures_to_read(each) == pictures


def test_a_small_scan_goes_before_a_large_text_pdf(tmp_path) -> None:
    scan, text = tmp_path / "scan.pdf", tmp_path / "text.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + b"<</Subtype /Image>>\n" * 3 + b"\x00" * 150_000)
    text.write_bytes(b"%PDF-1.4\n<</Type /Font>>\n" + b"\x00" * 5 * MB)
    small = SimpleNamespace(format="pdf", size=scan.stat().st_size, object_path=str(scan))
    large = SimpleNamespace(format="pdf", size=text.stat().st_size, object_path=str(text))
    assert expected_seconds(small) > expected_seconds(large)
