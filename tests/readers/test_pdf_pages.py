"""A long PDF's pages read on two processes give exactly the one-process reading."""

from __future__ import annotations

import logging
import os
import signal
import time
from pathlib import Path

import pytest

from readers import read_document
from readers.pdf import _open_pdfium
from readers.pdf.pages import PARALLEL_MIN_PAGES, read_page_texts
from tests.readers.pdf_fixtures import build_long_report, find_font


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> Path:
    if find_font() is None:
        pytest.skip("no font with Vietnamese letters to draw the test PDF")
    return build_long_report(tmp_path_factory.mktemp("pages") / "long.pdf", pages=PARALLEL_MIN_PAGES + 6)


def _blocks(path: Path) -> list[tuple]:
    document = read_document(path)
    return [(type(b).__name__, b.location.page, b.location.bbox, str(b)) for b in document.blocks]


def test_two_processes_read_the_same_document(long_pdf: Path, monkeypatch) -> None:
    monkeypatch.setenv("BAOCAO_SPARE_CORE", "0")
    alone = _blocks(long_pdf)
    monkeypatch.setenv("BAOCAO_SPARE_CORE", "1")
    assert _blocks(long_pdf) == alone
    assert len({page for _, page, _, _ in alone}) >= PARALLEL_MIN_PAGES


def test_both_processes_take_pages_until_none_is_left(long_pdf: Path, monkeypatch) -> None:
    monkeypatch.setenv("BAOCAO_SPARE_CORE", "1")
    parent = os.getpid()

    def open_pdf(path: Path):
        if os.getpid() != parent:  # the sibling's pages report width 1.0: who read what shows
            return _Marked(_open_pdfium(path), width=1.0)
        return _Marked(_open_pdfium(path), delay=0.01)  # this process is busy (importing)

    texts = read_page_texts(long_pdf, open_pdf)
    assert [t.number for t in texts] == list(range(1, len(texts) + 1))
    by_sibling = [t.number for t in texts if t.width == 1.0]
    assert len(by_sibling) > len(texts) // 2, "the free sibling took most pages"
    assert len(by_sibling) < len(texts), "this process read some too"


def test_a_failing_sibling_costs_nothing_but_a_warning(long_pdf: Path, monkeypatch, caplog) -> None:
    monkeypatch.setenv("BAOCAO_SPARE_CORE", "1")
    parent = os.getpid()

    def open_pdf(path: Path):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)  # the sibling dies the hardest way
        return _open_pdfium(path)

    monkeypatch.setenv("BAOCAO_SPARE_CORE", "0")
    alone = read_page_texts(long_pdf, _open_pdfium)
    monkeypatch.setenv("BAOCAO_SPARE_CORE", "1")
    with caplog.at_level(logging.WARNING):
        texts = read_page_texts(long_pdf, open_pdf)
    assert [(t.number, [ln.text for ln in t.lines]) for t in texts] == [
        (t.number, [ln.text for ln in t.lines]) for t in alone]
    assert "sibling failed" in caplog.text


class _Marked:
    """A document whose pages can report a given width, or take a while to load."""

    def __init__(self, pdf, width: float | None = None, delay: float = 0.0) -> None:
        self.pdf, self.width, self.delay = pdf, width, delay

    def __len__(self) -> int:
        return len(self.pdf)

    def __getitem__(self, index: int):
        time.sleep(self.delay)
        page = self.pdf[index]
        if self.width is not None:
            page.get_size = lambda: (self.width, self.width)
        return page

    def close(self) -> None:
        self.pdf.close()


def test_a_task_queued_twice_runs_once_and_a_failing_one_is_only_logged(caplog) -> None:
    from readers import run_while_reading, while_reading

    ran: list[str] = []

    def task() -> None:
        ran.append("warm")

    def failing() -> None:
        raise RuntimeError("no")

    while_reading(task)
    while_reading(task)  # a second document of the same run
    while_reading(failing)
    with caplog.at_level(logging.ERROR):
        run_while_reading()
    run_while_reading()  # nothing left
    assert ran == ["warm"]
    assert "task run while reading failed" in caplog.text
