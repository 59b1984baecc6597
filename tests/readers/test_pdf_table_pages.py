"""Table pages read on two cores (readers/pdf/table_pages.py) give the one-core reading."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

import readers.pdf.table_pages as table_pages
from readers import read_document
from readers.pdf.pages import read_page_texts
from readers.pdf.text import table_page_numbers

TESTS = Path(__file__).resolve().parents[1]
PDFS = sorted([*TESTS.glob("readers/heldout_pdf/*.pdf"), *TESTS.glob("extractors/heldout/*.pdf")])


def _read(path: Path, monkeypatch, spare: str) -> list:
    monkeypatch.setenv("BAOCAO_SPARE_CORE", spare)
    return read_document(path).blocks


@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_two_cores_read_what_one_reads(path: Path, monkeypatch) -> None:
    assert _read(path, monkeypatch, "1") == _read(path, monkeypatch, "0")


def _wanted(path: Path) -> int:
    from readers.pdf import _open_pdfium

    return len(table_page_numbers(read_page_texts(path, _open_pdfium)))


def test_the_corpus_has_documents_split_in_two() -> None:
    assert sum(_wanted(path) >= table_pages.BESIDE_MIN_PAGES for path in PDFS) >= 5


def test_a_borderless_table_going_over_the_split_is_read_here(monkeypatch) -> None:
    """The copy starts without the layout of a table whose titles end the page before."""
    calls: list[tuple[int, bool]] = []
    real = table_pages._read

    def spy(path, texts, wanted, engine, start, stop, carried=None):
        calls.append((start, carried is not None))
        return real(path, texts, wanted, engine, start, stop, carried)

    monkeypatch.setattr(table_pages, "_read", spy)
    for path in PDFS:
        _read(path, monkeypatch, "1")
    assert any(carried for _, carried in calls), "no document of the corpus has a table over the split"


def test_a_failed_copy_is_announced_and_its_pages_read_here(monkeypatch, caplog) -> None:
    path = next(p for p in PDFS if _wanted(p) >= 4)
    alone = _read(path, monkeypatch, "0")
    parent, real = os.getpid(), table_pages._read

    def fails_in_the_copy(*args, **kwargs):
        if os.getpid() != parent:
            raise MemoryError("the copy ran out of memory")
        return real(*args, **kwargs)

    monkeypatch.setattr(table_pages, "_read", fails_in_the_copy)
    with caplog.at_level(logging.WARNING):
        assert _read(path, monkeypatch, "1") == alone
    assert "table pages beside failed" in caplog.text
