"""OCR strategy: PDF pages without a text layer (scans) read from their image.

Each page is rendered with pypdfium2 at ``BAOCAO_OCR_DPI`` (default 300), read by
:mod:`readers.ocr` (clean, straighten, Tesseract ``vie``), and its words, now in PDF points,
go through the same layout step as a text layer's words (``words_page_blocks``: ruled
tables from the found ruling edges, else the borderless-table finder, else lines), so the
appendix extractors read a scan like any PDF and cross-page joining works the same.  Every
cell and line keeps the lowest confidence of its words; figure slips are repaired by
:func:`normalizers.ocr.repair_figures` and the repairs kept beside the text.

Pages are read in parallel (Tesseract runs as a child process per page) by at most
``readers.ocr.ocr_workers()`` threads; rendering stays on the calling thread (pdfium is not
thread-safe) and only that many page images are held at once.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c

from normalizers.ocr import repair_figures
from readers import UnreadableDocument
from readers.ocr import OcrPage, ocr_image, ocr_workers
from readers.pdf.common import nfc
from readers.pdf.layout import PageBlocks, TablePart, Word
from readers.pdf.tables import words_page_blocks
from readers.pdf.text import Line

log = logging.getLogger(__name__)

DEFAULT_DPI = 300
SNAP = 3.0  # points: ruling edges this close are one edge (scan lines are 1-3 px thick)


def ocr_dpi() -> int:
    from baocao import settings

    return max(100, min(600, settings.load().ocr_dpi))


class RuledTable:
    """Cells of one ruled table found on a scan, shaped like pdfplumber's ``Table``."""

    def __init__(self, cells: list[tuple[float, float, float, float]]):
        self.cells = cells
        self.bbox = (min(c[0] for c in cells), min(c[1] for c in cells),
                     max(c[2] for c in cells), max(c[3] for c in cells))


def ruled_tables(edges: list[dict]) -> list[RuledTable]:
    """pdfplumber's own cell finder on the ruling edges seen in the image."""
    from pdfplumber.table import (
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

    if not edges:
        return []
    merged = merge_edges(edges, SNAP, SNAP, SNAP, SNAP)
    cells = intersections_to_cells(edges_to_intersections(merged, SNAP, SNAP))
    return [RuledTable(group) for group in cells_to_tables(cells) if len(group) > 1]


def _scale_edge(edge: dict, factor: float) -> dict:
    keys = ("x0", "x1", "top", "bottom", "width", "height")
    return {**edge, **{key: edge[key] * factor for key in keys}}


def _repair(text: str) -> tuple[str, tuple[str, ...]]:
    repaired, repairs = repair_figures(text)
    return repaired, tuple(repairs)


def page_blocks(ocr: OcrPage, number: int, width: float, height: float) -> PageBlocks:
    """One OCR'd page image as blocks in PDF points, figure slips repaired and noted."""
    factor = width / ocr.width
    words = [Word(nfc(w.text), w.box[0] * factor, w.box[1] * factor, w.box[2] * factor,
                  w.box[3] * factor, (w.box[3] - w.box[1]) * factor, conf=w.conf)
             for w in ocr.words]
    tables = ruled_tables([_scale_edge(e, factor) for e in ocr.edges])
    blocks, _ = words_page_blocks(words, tables, number, height)
    for _, item in blocks.items:
        if isinstance(item, Line):
            item.text, item.repairs = _repair(item.text)
        elif isinstance(item, TablePart):
            for row in item.rows:
                for cell in row:
                    cell.text, cell.repairs = _repair(cell.text)
    return blocks


def _has_image(page) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4))


def _render(pdf: pypdfium2.PdfDocument, number: int, dpi: int):
    """(gray image, width, height in points), or None for a page without any image."""
    page = pdf[number - 1]
    try:
        if not _has_image(page):
            return None
        width, height = page.get_size()
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        image = bitmap.to_numpy()
        return (image[..., 0] if image.ndim == 3 else image).copy(), width, height
    finally:
        page.close()


def ocr_pages(path: Path, numbers: list[int], dpi: int | None = None) -> dict[int, PageBlocks]:
    """Blocks of the given 1-based pages read by OCR; pages without an image are skipped."""
    dpi = dpi or ocr_dpi()
    workers = ocr_workers()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # parallel pages, not threads per page
    out: dict[int, PageBlocks] = {}
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for start in range(0, len(numbers), workers):
                batch = [(n, _render(pdf, n, dpi)) for n in numbers[start:start + workers]]
                jobs = {n: pool.submit(ocr_image, r[0]) for n, r in batch if r is not None}
                sizes = {n: r[1:] for n, r in batch if r is not None}
                for number, job in jobs.items():
                    out[number] = page_blocks(_result(job, path), number, *sizes[number])
    finally:
        pdf.close()
    return out


def _result(job, path: Path) -> OcrPage:
    try:
        return job.result()
    except Exception as exc:  # noqa: BLE001 - becomes the reader's refusal, with its reason
        log.warning("OCR failed on %s: %s", path, exc)
        raise UnreadableDocument(f"tệp PDF không có lớp chữ (bản scan) và OCR thất bại: {exc}") from exc
