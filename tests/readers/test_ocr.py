"""Scanned PDFs: the samples are image only, and OCR rebuilds their tables with provenance."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pypdfium2
import pytest

from baocao.model import Table
from readers.pdf.ocr import ocr_pages, ruled_tables

REPO = Path(__file__).resolve().parents[2]
REPORTS = REPO / "samples" / "reports"
GOLD = REPO / "samples" / "gold"
sys.path.insert(0, str(REPO / "scripts"))
import build_scans  # noqa: E402  (a script, not a package)

SCANS = [scan.name for scan in build_scans.SCANS]


@pytest.mark.parametrize("name", SCANS)
def test_scan_sample_is_image_only_and_small(name: str) -> None:
    path = REPORTS / f"{name}.pdf"
    assert path.stat().st_size < 200 * 1024
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        assert len(pdf) >= 2
        assert all(not pdf[i].get_textpage().get_text_range().strip() for i in range(len(pdf)))
    finally:
        pdf.close()


@pytest.mark.parametrize("scan", build_scans.SCANS, ids=lambda s: s.name)
def test_scan_gold_is_its_source_gold(scan) -> None:
    gold = json.loads((GOLD / f"{scan.name}.json").read_text(encoding="utf-8"))
    source = json.loads((GOLD / f"{scan.source}.json").read_text(encoding="utf-8"))
    assert gold.pop("kind") == "scan"
    assert gold.pop("scanned_from") == f"{scan.source}.pdf"
    assert gold == source


def test_ruled_tables_from_edges() -> None:
    """Two rows by two columns of ruling edges make one table of four cells."""
    def h(y):
        return {"x0": 10, "x1": 110, "top": y, "bottom": y, "width": 100, "height": 0,
                "orientation": "h"}

    def v(x):
        return {"x0": x, "x1": x, "top": 10, "bottom": 70, "width": 0, "height": 60,
                "orientation": "v"}

    tables = ruled_tables([h(10), h(40), h(70), v(10), v(60), v(110)])
    assert len(tables) == 1
    assert sorted(tables[0].cells) == [(10, 10, 60, 40), (10, 40, 60, 70), (60, 10, 110, 40),
                                       (60, 40, 110, 70)]


@pytest.mark.slow
def test_scanned_appendix_page_becomes_a_table_with_confidence() -> None:
    from readers.pdf import _assemble

    path = REPORTS / "cantho_scan.pdf"
    pages = ocr_pages(path, [3], dpi=200)
    blocks = _assemble([pages[3]])
    tables = [b for b in blocks if isinstance(b, Table)]
    assert tables, "no table rebuilt from the scan's ruling lines"
    table = max(tables, key=lambda t: len(t.rows))
    assert len(table.rows) >= 8 and max(len(r) for r in table.rows) >= 3
    cells = [c for row in table.rows for c in row if c.text.strip()]
    assert all(c.location.confidence is not None and 0 <= c.location.confidence <= 100
               for c in cells)
    width, height = 595.3, 841.9  # A4 in points: boxes are in PDF points for the review crop
    assert all(0 <= c.location.bbox[0] < c.location.bbox[2] <= width + 1 and
               0 <= c.location.bbox[1] < c.location.bbox[3] <= height + 1 for c in cells)
    text = "\n".join(c.text for c in cells)
    assert "giáo viên có máy tính" in text and "đạt 100 %" in text


# --- pictures of tables inside DOCX -----------------------------------------------------

import build_pictures  # noqa: E402  (a script, not a package)


@pytest.mark.parametrize("picture", build_pictures.PICTURES, ids=lambda p: p.name)
def test_picture_sample_has_its_table_only_as_pictures(picture) -> None:
    from docx import Document as open_docx

    path = REPORTS / f"{picture.name}.docx"
    assert path.stat().st_size < 200 * 1024
    document = open_docx(str(path))
    assert not any(picture.marker in t._tbl.xml for t in document.tables)
    assert len(document.inline_shapes) >= 1
    gold = json.loads((GOLD / f"{picture.name}.json").read_text(encoding="utf-8"))
    source = json.loads((GOLD / f"{picture.source}.json").read_text(encoding="utf-8"))
    assert (gold.pop("kind"), gold.pop("pictured_from")) == ("picture", f"{picture.source}.docx")
    assert gold == source


def test_small_or_broken_pictures_are_not_read() -> None:
    import io

    from PIL import Image

    from readers.images import decode

    logo = io.BytesIO()
    Image.new("L", (120, 80), 255).save(logo, format="PNG")
    assert decode(logo.getvalue()) is None
    assert decode(b"not an image") is None
