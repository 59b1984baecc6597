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
    pdf_path: Path, page: int, bbox: Box | None, figures: Iterable[tuple[Iterable[str], Iterable[str]]]
) -> tuple[tuple[Box, ...] | Box | None, bool]:
    """The figures' own word boxes on the page, or the block's box and False.

    A flag's location is the block (table cell, paragraph) that holds the figure, and in
    the Ministry's table that block is a cell of several sub-lines, each starting with
    its wording; the reviewer wants the number itself outlined.  pdfplumber gives the
    page's words with their boxes.  ``figures`` holds, per line, the ways its count and
    its rate may be written (raw forms first): the count is the first word inside the
    block that reads as one of its forms, the rate the first word after it that reads
    as the rate (so "100%" of the third sub-line is not taken from the first).  A page
    without a text layer (a scan: OCR boxes are per line) or a figure not found gives
    the block's box back, and the page says so.
    """
    import pdfplumber

    with pdfplumber.open(str(pdf_path)) as pdf:
        if not 1 <= page <= len(pdf.pages):
            return bbox, False
        words = pdf.pages[page - 1].extract_words()
    inside = [
        ((float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])), _token(w["text"]))
        for w in words
        if bbox is None or _overlap(_slack(bbox), (w["x0"], w["top"], w["x1"], w["bottom"]))
    ]
    inside.sort(key=lambda item: (round(item[0][1]), item[0][0]))  # reading order
    found: list[Box] = []
    for value_forms, rate_forms in figures:
        start = 0
        at = _first_match(inside, _forms(value_forms), 0)
        if at is not None:
            found.append(inside[at][0])
            start = at + 1
        rate_at = _first_match(inside, _forms(rate_forms), start)
        if rate_at is not None:
            found.append(inside[rate_at][0])
    found = list(dict.fromkeys(found))
    return (tuple(found), True) if found else (bbox, False)


def _forms(needles: Iterable[str]) -> list[str]:
    return [t for t in dict.fromkeys(_token(n) for n in needles) if t and any(ch.isdigit() for ch in t)]


def _first_match(words: list[tuple[Box, str]], forms: list[str], start: int) -> int | None:
    """Index of the first word from ``start`` reading as a form (earlier forms preferred)."""
    for form in forms:
        for index in range(start, len(words)):
            if words[index][1] == form:
                return index
    return None


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
