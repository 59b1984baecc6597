"""A long document's citations found in a forked copy give exactly the in-process extraction."""

from __future__ import annotations

import logging
import os

import pytest

from baocao.model import Document, Location, Paragraph, Source
from extractors.citations import find_mentions
from flows import pipeline

CITED = (
    "Căn cứ Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ;",
    "Thực hiện Công văn số 6541/BGDĐT-KHCNTT ngày 14/11/2025 của Bộ Giáo dục và Đào tạo;",
    "Kế hoạch số 120/KH-UBND ngày 10/5/2022 của UBND tỉnh Quảng Ninh về chuyển đổi số.",
    "Sở GDĐT tỉnh Quảng Ninh báo cáo kết quả thực hiện như sau:",
)


@pytest.fixture()
def long_document() -> Document:
    lines = ["ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "BÁO CÁO"]
    lines += [CITED[i % len(CITED)] for i in range(pipeline.CITATIONS_BESIDE_MIN_BLOCKS + 20)]
    blocks = [Paragraph(text=t, location=Location(page=1 + i // 40, line=i % 40 + 1)) for i, t in enumerate(lines)]
    return Document(source=Source(path="long.txt", sha256="", format="txt"), blocks=blocks)


def _extracted(document: Document) -> dict:
    (extraction,) = pipeline.extract_parts(document)
    return extraction.to_dict()


def test_citations_beside_give_the_same_extraction(long_document: Document, monkeypatch) -> None:
    monkeypatch.setenv("BAOCAO_SPARE_CORE", "0")
    alone = _extracted(long_document)
    monkeypatch.setenv("BAOCAO_SPARE_CORE", "1")
    assert _extracted(long_document) == alone
    assert len(alone["citations"]) > pipeline.CITATIONS_BESIDE_MIN_BLOCKS // 2


def test_a_failed_copy_is_announced_and_the_citations_found_here(long_document, monkeypatch, caplog) -> None:
    monkeypatch.setenv("BAOCAO_SPARE_CORE", "0")
    alone = _extracted(long_document)
    monkeypatch.setenv("BAOCAO_SPARE_CORE", "1")
    parent, real = os.getpid(), find_mentions

    def fails_in_the_copy(*args, **kwargs):
        if os.getpid() != parent:
            raise MemoryError("the copy ran out of memory")
        return real(*args, **kwargs)

    monkeypatch.setattr("extractors.citations.find_mentions", fails_in_the_copy)
    with caplog.at_level(logging.WARNING):
        assert _extracted(long_document) == alone
    assert "citations beside failed" in caplog.text


def test_a_copy_started_before_its_inputs_gets_them_later() -> None:
    from baocao.forked import Forked

    def add(first: int, later) -> int:
        return first + later()

    sent = Forked(add, 2, later=True)
    sent.send(40)
    assert sent.result() == 42
    never = Forked(lambda later: ("got", later()), later=True)
    assert never.result() == ("got", None)  # nothing sent: the copy gets None and ends
