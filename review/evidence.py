"""The evidence beside a flag: source text with the number marked, and a PDF crop.

Highlighting returns (text, marked) segments rather than HTML so that the template
escapes every character of document text; nothing from a report is ever trusted as
markup.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable
from pathlib import Path

from baocao.model import Document, Location, Paragraph, Table

log = logging.getLogger(__name__)

Segment = tuple[str, bool]


def highlight(text: str, needles: Iterable[str | None]) -> list[Segment]:
    """Split ``text`` into segments, marking every occurrence of a needle.

    Numbers are matched on whole tokens so "100" does not light up inside "1000".
    """
    terms = sorted({n.strip() for n in needles if n and n.strip()}, key=len, reverse=True)
    if not text:
        return []
    if not terms:
        return [(text, False)]
    pattern = re.compile(
        "|".join(rf"(?<![\w.,]){re.escape(t)}(?![\w]|[.,]\d)" for t in terms), re.IGNORECASE
    )
    out: list[Segment] = []
    pos = 0
    for match in pattern.finditer(text):
        if match.start() > pos:
            out.append((text[pos : match.start()], False))
        out.append((match.group(0), True))
        pos = match.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def number_needles(value: object, rate: object, *raws: str | None) -> list[str]:
    """Ways a value/rate may be written in the text: raw forms first, then VN/EN forms."""
    needles: list[str] = [r for r in raws if r]
    for number in (value, rate):
        if number is None:
            continue
        if isinstance(number, float) and number.is_integer():
            number = int(number)
        if isinstance(number, int):
            needles += [str(number), f"{number:,}".replace(",", "."), f"{number:,}"]
        else:
            text = f"{number}"
            needles += [text, text.replace(".", ",")]
    return needles


def block_context(document: Document, location: Location | None) -> str | None:
    """The paragraph, table row or text line a location points at, as plain text."""
    if location is None:
        return None
    if location.table is not None:
        table = _nth_table(document, location.table)
        if table is not None and location.row is not None and 0 <= location.row < len(table.rows):
            return " | ".join(c.text for c in table.rows[location.row])
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    if location.page is not None and location.bbox:
        best = max(
            (b for b in paragraphs if b.location.page == location.page and b.location.bbox),
            key=lambda b: _overlap(b.location.bbox, location.bbox),
            default=None,
        )
        if best is not None and _overlap(best.location.bbox, location.bbox) > 0:
            return best.text
    for block in paragraphs:
        if _same_place(block.location, location):
            return block.text
    if location.sheet and location.cell_ref:
        return _xlsx_row(document, location)
    return None


def _nth_table(document: Document, index: int) -> Table | None:
    tables = [b for b in document.blocks if isinstance(b, Table) and b.location.table == index]
    if tables:
        return tables[0]
    plain = document.tables()
    return plain[index] if 0 <= index < len(plain) else None


def _same_place(block: Location, wanted: Location) -> bool:
    """Same text line (plain text) or same DOCX paragraph of the same part."""
    if wanted.page is not None:
        return False  # PDF places are matched by bbox overlap only
    if wanted.paragraph is not None and block.paragraph is not None:
        return block.paragraph == wanted.paragraph and (block.part or "body") == (
            wanted.part or "body"
        )
    if wanted.line is not None and block.line is not None and wanted.paragraph is None:
        return block.line == wanted.line
    return False


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _xlsx_row(document: Document, location: Location) -> str | None:
    digits = re.sub(r"\D", "", location.cell_ref or "")
    for table in document.tables():
        for row in table.rows:
            for cell in row:
                ref = cell.location.cell_ref or ""
                if cell.location.sheet == location.sheet and re.sub(r"\D", "", ref) == digits:
                    return " | ".join(c.text for c in row)
    return None


Box = tuple[float, float, float, float]
_EDGE = ",;:.()[]%"


def _token(text: str) -> str:
    """A word or needle as a figure: "51.608," and "(97,1%)" → "51.608", "97,1"."""
    return text.strip().strip(_EDGE).replace("\u00a0", "")


def figure_box(
    pdf_path: Path, page: int, bbox: Box | None, needles: Iterable[str]
) -> tuple[tuple[Box, ...] | Box | None, bool]:
    """The figures' own word boxes on the page, or the block's box and False.

    A flag's location is the block (table cell, paragraph) that holds the figure, and in
    the Ministry's table that block starts with the line's wording; the reviewer wants
    the number itself outlined.  pdfplumber gives the page's words with their boxes; the
    words inside the block (a little slack around it) that read as one of ``needles``
    (raw forms first) are the figures.  A page without a text layer (a scan: the OCR
    boxes are per line) or a figure not found gives the block's box back, and the page
    says so.
    """
    import pdfplumber

    wanted = [t for t in dict.fromkeys(_token(n) for n in needles) if t and any(ch.isdigit() for ch in t)]
    if not wanted:
        return bbox, False
    with pdfplumber.open(str(pdf_path)) as pdf:
        if not 1 <= page <= len(pdf.pages):
            return bbox, False
        words = pdf.pages[page - 1].extract_words()
    inside = [w for w in words if bbox is None or _overlap(_slack(bbox), (w["x0"], w["top"], w["x1"], w["bottom"]))]
    found: list[Box] = []
    for needle in wanted:
        for word in inside:
            box = (float(word["x0"]), float(word["top"]), float(word["x1"]), float(word["bottom"]))
            if _token(word["text"]) == needle and box not in found:
                found.append(box)
                break
    if not found:
        return bbox, False
    return tuple(found), True


def _slack(bbox: Box, pad: float = 2.0) -> Box:
    return (bbox[0] - pad, bbox[1] - pad, bbox[2] + pad, bbox[3] + pad)


def render_pdf_region(
    pdf_path: Path, page: int, bbox: tuple[Box, ...] | Box | None, scale: float = 2.0
) -> bytes:
    """PNG of the page band around ``bbox`` (PDF points, top-left origin), outlined.

    ``bbox`` is one box or several (each figure outlined).  pypdfium2 renders the page;
    PIL draws the outlines and crops to a band the full width of the page so the
    reviewer sees the row in its table.
    """
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        pdf_page = pdf[page - 1]
        image = pdf_page.render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()
    boxes = [] if not bbox else ([bbox] if isinstance(bbox[0], int | float) else list(bbox))
    if boxes:
        draw = ImageDraw.Draw(image)
        pad = 3 * scale
        for box in boxes:
            x0, top, x1, bottom = (v * scale for v in box)
            draw.rectangle((x0 - pad, top - pad, x1 + pad, bottom + pad), outline=(220, 30, 30), width=3)
        top = min(b[1] for b in boxes) * scale
        bottom = max(b[3] for b in boxes) * scale
        margin = 120 * scale
        image = image.crop((0, max(0, top - margin), image.width, min(image.height, bottom + margin)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
