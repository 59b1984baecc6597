"""Stored originals are re-read for the review pages only in a capped child process."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from review.cropper import Cropper
from review.evidence import number_needles

HAIPHONG_PDF = Path(__file__).resolve().parents[2] / "samples" / "reports" / "haiphong_report.pdf"
CELL = (297.6, 241.8, 538.6, 369.9)
FIGURES = ((tuple(number_needles(5300, None, "5300")), tuple(number_needles(None, 100.0, "100%"))),)


@pytest.fixture()
def cropper():
    worker = Cropper()
    yield worker
    worker.close()


def test_the_crop_and_the_context_come_from_a_child_process(cropper):
    from PIL import Image

    crop = cropper.crop(HAIPHONG_PDF, 14, CELL, FIGURES)
    assert crop is not None and crop.found
    assert Image.open(io.BytesIO(crop.png)).format == "PNG"
    child = cropper.pid
    assert child is not None and child != os.getpid()
    text = cropper.block(HAIPHONG_PDF, {"page": 14, "bbox": CELL, "table": 1, "row": 2, "cell": 2})
    assert text and "51.608" in text
    assert cropper.crop(HAIPHONG_PDF, 14, CELL, FIGURES) is crop  # asked once, then cached
    assert cropper.pid == child  # one long-lived child


def test_a_child_over_its_memory_cap_gives_nothing_and_the_next_one_works():
    starved = Cropper(memory_mb=60)
    try:
        assert starved.crop(HAIPHONG_PDF, 14, CELL, FIGURES) is None
    finally:
        starved.close()
    healthy = Cropper()
    try:
        assert healthy.crop(HAIPHONG_PDF, 14, CELL, FIGURES) is not None
    finally:
        healthy.close()


def test_a_child_over_its_time_is_killed_and_replaced():
    hurried = Cropper(wall_seconds=0.001)
    assert hurried.crop(HAIPHONG_PDF, 14, CELL, FIGURES) is None
    assert hurried.pid is None  # killed, not left running
    hurried.wall_seconds = 60
    try:
        assert hurried.crop(HAIPHONG_PDF, 14, CELL, FIGURES) is not None  # not cached: retried
    finally:
        hurried.close()


def test_a_file_that_is_not_a_pdf_gives_nothing(tmp_path, cropper):
    fake = tmp_path / "x.pdf"
    fake.write_bytes(b"%PDF-1.4\n" + b"\x00" * 1000)
    assert cropper.crop(fake, 1, None, FIGURES) is None
    assert cropper.block(tmp_path / "missing.pdf", {"page": 1}) is None
    assert cropper.crop(HAIPHONG_PDF, 14, CELL, FIGURES) is not None  # the child survived


def test_a_flag_page_whose_crop_fails_still_opens_and_says_so(review_store):
    import warnings

    from review.app import create_app
    from tests.review.helpers import pdf_evidence, signed_in

    flag_id = pdf_evidence(review_store)
    starved = Cropper(memory_mb=60)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        c = TestClient(create_app(review_store.engine, review_store.store, secret_key="test-secret", cropper=starved))
    try:
        c.cookies = signed_in(review_store).cookies
        page = c.get(f"/flags/{flag_id}")
        assert page.status_code == 200 and "Không vẽ được vùng trang PDF" in page.text
        assert 'src="/flags/' not in page.text
        assert c.get(f"/flags/{flag_id}/page.png").status_code == 404
    finally:
        starved.close()
