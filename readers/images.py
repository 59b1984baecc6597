"""Pictures inside documents that hold a table (an appendix pasted as a screenshot or scan).

A province sometimes pastes Phụ lục 2 into its DOCX as a picture.  Each picture big enough
to hold a table is decoded (size checked first: a decompression bomb is refused, not
decoded), read by OCR (:mod:`readers.ocr`) and laid out by the same step as a scanned PDF
page (:func:`readers.pdf.ocr.page_blocks`), so its ruled table becomes a ``Table`` of
``Cell`` whose locations carry the OCR confidence and the figure repairs.  The picture has
no page coordinates: its blocks are placed at the paragraph that anchors it.
"""

from __future__ import annotations

import io
import logging
from dataclasses import replace

import numpy as np

from baocao.model import Location, Paragraph, Table

log = logging.getLogger(__name__)

MIN_SIDE = 300  # px: smaller pictures are logos, stamps, signatures
MAX_PIXELS = 60_000_000
UPSCALE_BELOW = 2400  # px wide: Tesseract reads digits best at ~300 dpi, screenshots are less
TEXT_HEIGHT_PT = 10.0  # a picture has no dpi we can trust: words are scaled to body-text size


def decode(blob: bytes) -> np.ndarray | None:
    """Grey pixels of a picture worth reading, or None (too small, too big, not an image)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(blob)) as image:
            width, height = image.size
            if min(width, height) < MIN_SIDE or width * height > MAX_PIXELS:
                return None
            gray = image.convert("L")
            if width < UPSCALE_BELOW:
                factor = UPSCALE_BELOW / width
                gray = gray.resize((UPSCALE_BELOW, round(height * factor)), Image.BICUBIC)
            return np.asarray(gray)
    except Exception as exc:  # noqa: BLE001 - an undecodable picture is skipped, and said so
        log.warning("picture not decoded (%s): skipped", exc)
        return None


class PictureReader:
    """Reads the pictures of one document in order.  A table pasted as one picture per
    printed page continues in the next paragraph's picture: the parts are joined by the
    PDF reader's cross-page rule, and the table already handed out grows in place."""

    def __init__(self) -> None:
        self._pages: list = []  # PageBlocks of the pictures of the table being continued
        self._table: Table | None = None
        self._paragraph: int | None = None
        self._count = 0  # tables the pictures of ``_pages`` make on their own

    def blocks(self, blob: bytes, anchor: Location, first_table: int,
               width_pt: float | None = None) -> list[Paragraph | Table]:
        """``width_pt``: the picture's width as shown on the page; parts of one table pasted
        at one width then share column positions, which joining them needs."""
        from readers.pdf.joining import _assemble

        page = _picture_page(blob, len(self._pages) + 1, width_pt)
        if page is None:
            return []
        follows = (self._table is not None and anchor.paragraph is not None
                   and self._paragraph is not None and anchor.paragraph - self._paragraph <= 1)
        if follows:
            joined = [b for b in _assemble([*self._pages, page]) if isinstance(b, Table)]
            if len(joined) == self._count:  # the new part went into the last table
                self._table.rows = _relocated(joined[-1], self._anchor, self._table_index).rows
                self._pages.append(page)
                self._paragraph = anchor.paragraph
                return []
        blocks = _assemble([page])
        if not any(isinstance(b, Table) for b in blocks):
            return []  # a photo or a chart: its words are not a report's text
        out: list[Paragraph | Table] = []
        table_index = first_table
        for block in blocks:
            if isinstance(block, Table):
                out.append(_relocated(block, anchor, table_index))
                self._table, self._anchor, self._table_index = out[-1], anchor, table_index
                table_index += 1
            else:
                loc = replace(anchor, confidence=block.location.confidence,
                              ocr_repairs=block.location.ocr_repairs)
                out.append(Paragraph(text=block.text, location=loc, style="picture"))
        self._pages, self._paragraph = [page], anchor.paragraph
        self._count = sum(isinstance(b, Table) for b in out)
        return out


def _picture_page(blob: bytes, number: int, width_pt: float | None = None):
    """One picture as a page of blocks (scaled so its text is body-text size), or None."""
    from readers.ocr import ocr_image
    from readers.pdf.ocr import page_blocks

    pixels = decode(blob)
    if pixels is None:
        return None
    ocr = ocr_image(pixels)
    heights = sorted(w.box[3] - w.box[1] for w in ocr.words)
    if not heights:
        return None
    factor = TEXT_HEIGHT_PT / max(heights[len(heights) // 2], 1.0)
    if width_pt:
        factor = width_pt / ocr.width
    return page_blocks(ocr, number, ocr.width * factor, ocr.height * factor)


def _relocated(table: Table, anchor: Location, index: int) -> Table:
    for row in table.rows:
        for cell in row:
            loc = cell.location
            cell.location = Location(part=anchor.part, paragraph=anchor.paragraph, table=index,
                                     row=loc.row, cell=loc.cell, confidence=loc.confidence,
                                     ocr_repairs=loc.ocr_repairs)
    table.location = Location(part=anchor.part, paragraph=anchor.paragraph, table=index)
    return table
