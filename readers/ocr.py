"""OCR of page images: clean the scan, find ruled tables, read words with Tesseract (vie).

A scanned report arrives tilted by a degree or two, with speckle and a darker side where
the page lifted off the glass.  Tesseract reads such a page badly as it is, and a table's
ruling lines make it invent characters ("|", "[", "L"), so before reading:

1. the light is evened out (the page divided by a blurred copy of itself);
2. the tilt is measured on the long horizontal strokes (table rules, text lines) and undone;
3. the page is binarised (Otsu) and specks are dropped;
4. ruled lines are found with morphology (long thin openings) and erased from the copy that
   Tesseract reads; they come back as table edges that ``pdfplumber.table`` turns into cells
   (the same cell finder the text-layer path uses, so merged cells come out the same way).

Words come back with their box in image pixels and Tesseract's confidence (0-100); the
caller scales boxes to its own units (PDF points for a PDF page).  This module knows
nothing of PDF or DOCX: ``readers.pdf`` and ``readers.docx`` hand it images.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field

import cv2
import numpy as np

log = logging.getLogger(__name__)

LANGUAGE = "vie"
# psm 11 ("sparse text"): every word wherever it is; the caller groups words into lines and
# cells itself, Tesseract's own page layout only gets in the way on tables.
TESSERACT_CONFIG = "--oem 1 --psm 11 -c preserve_interword_spaces=1"
TIMEOUT_S = 120  # one page; a hostile image must not hold the sandbox child forever
MAX_PIXELS = 12_000_000  # A4 at 350 dpi, A3 at 250: larger images are scaled down before reading
# (Tesseract reads best near 300 dpi, and the sandbox child has 1 GiB of address space: a
# 35 MP photo of a page, kept whole, ran it out of memory with two pages read at once)
MAX_SKEW_DEG = 5.0


@dataclass
class OcrWord:
    text: str
    conf: float  # Tesseract's word confidence, 0-100
    box: tuple[float, float, float, float]  # x0, top, x1, bottom in image pixels


@dataclass
class OcrPage:
    """What OCR made of one image: words, ruling edges (pixels) and the tilt undone."""

    width: int
    height: int
    words: list[OcrWord] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)  # pdfplumber-style edge dicts, pixels
    skew_deg: float = 0.0


def to_gray(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def even_light(gray: np.ndarray) -> np.ndarray:
    """Divide by the page's background (a heavy blur) so a shaded side reads like the rest."""
    size = max(31, (min(gray.shape) // 20) | 1)
    background = cv2.medianBlur(cv2.resize(gray, None, fx=0.25, fy=0.25), size // 4 | 1)
    background = cv2.resize(background, (gray.shape[1], gray.shape[0]))
    return cv2.divide(gray, background, scale=255)


def binarise(gray: np.ndarray, despeckle: bool = True) -> np.ndarray:
    """Ink as 255 on 0 (OpenCV's morphology works on white foreground); with ``despeckle``
    isolated specks (a median filter of 3 px) are dropped first.  Rules are found without
    it: a one-pixel rule turned by deskewing is grey and the median would dash it."""
    source = cv2.medianBlur(gray, 3) if despeckle else gray
    _, ink = cv2.threshold(source, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def skew_angle(ink: np.ndarray) -> float:
    """Tilt in degrees from the long near-horizontal strokes (Hough on a smeared copy)."""
    small = cv2.resize(ink, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    width = small.shape[1]
    smeared = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (max(9, width // 60), 1)))
    smeared = cv2.ximgproc.thinning(smeared) if hasattr(cv2, "ximgproc") else smeared
    lines = cv2.HoughLinesP(smeared, 1, np.pi / 720, threshold=width // 5, minLineLength=width // 3,
                            maxLineGap=width // 100)
    if lines is None:
        return 0.0
    angles = []
    for x0, y0, x1, y1 in np.asarray(lines).reshape(-1, 4)[:400]:
        angle = float(np.degrees(np.arctan2(y1 - y0, x1 - x0)))
        if abs(angle) <= MAX_SKEW_DEG:
            angles.append(angle)
    return float(np.median(angles)) if angles else 0.0


def rotate(image: np.ndarray, angle: float, fill: int) -> np.ndarray:
    if abs(angle) < 0.05:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=fill)


def ruling_masks(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical rules: openings with long thin kernels keep only lines."""
    height, width = ink.shape

    def along(kernel_close: tuple[int, int], kernel_open: tuple[int, int]) -> np.ndarray:
        # thickened across the rule: a rule left a pixel off level by deskewing steps up
        # or down, which a one-pixel-high opening would cut into dashes
        across = (1, 3) if kernel_open[1] == 1 else (3, 1)
        thick = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, across))
        closed = cv2.morphologyEx(thick, cv2.MORPH_CLOSE, cv2.getStructuringElement(
            cv2.MORPH_RECT, kernel_close))
        return cv2.morphologyEx(closed, cv2.MORPH_OPEN, cv2.getStructuringElement(
            cv2.MORPH_RECT, kernel_open))

    gap = max(3, width // 400)  # a thin rule turned by deskewing breaks into dashes
    horizontal = along((gap, 1), (max(20, width // 15), 1))
    vertical = along((1, gap), (1, max(20, height // 60)))
    return horizontal, vertical


def _segments(mask: np.ndarray, orientation: str) -> list[dict]:
    """Each connected stroke of a rule mask as a pdfplumber edge (its centre line)."""
    edges = []
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    for index in range(1, min(count, 2000)):
        x, y, w, h, _ = (int(v) for v in stats[index])
        if orientation == "h":
            middle = y + h / 2
            edges.append({"x0": x, "x1": x + w, "top": middle, "bottom": middle, "width": w,
                          "height": 0, "orientation": "h"})
        else:
            middle = x + w / 2
            edges.append({"x0": middle, "x1": middle, "top": y, "bottom": y + h, "width": 0,
                          "height": h, "orientation": "v"})
    return edges


def read_words(ink: np.ndarray, timeout: int = TIMEOUT_S) -> list[OcrWord]:
    """Tesseract's words (TSV) of a binarised page; text is black on white for it."""
    import pytesseract

    page = cv2.bitwise_not(ink)
    data = pytesseract.image_to_data(page, lang=LANGUAGE, config=TESSERACT_CONFIG,
                                     output_type=pytesseract.Output.DICT, timeout=timeout)
    words = []
    for index, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][index])
        if not text or conf < 0:
            continue
        left, top = data["left"][index], data["top"][index]
        words.append(OcrWord(text, conf, (left, top, left + data["width"][index],
                                          top + data["height"][index])))
    return words


def ocr_image(image: np.ndarray) -> OcrPage:
    """Clean, straighten and read one page image (gray or colour, any resolution)."""
    gray = to_gray(image)
    scale = 1.0
    if gray.size > MAX_PIXELS:
        scale = (MAX_PIXELS / gray.size) ** 0.5
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    gray = even_light(gray)
    ink = binarise(gray)
    angle = skew_angle(ink)
    if angle:
        gray = rotate(gray, angle, 255)
        ink = binarise(gray)
    horizontal, vertical = ruling_masks(binarise(gray, despeckle=False))
    rules = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8))
    words = read_words(cv2.bitwise_and(ink, cv2.bitwise_not(rules)))
    page = OcrPage(width=gray.shape[1], height=gray.shape[0], words=words,
                   edges=_segments(horizontal, "h") + _segments(vertical, "v"), skew_deg=angle)
    if scale != 1.0:
        page = _scaled(page, 1 / scale)
    return page


def _scaled(page: OcrPage, factor: float) -> OcrPage:
    def box(b):
        return tuple(v * factor for v in b)

    edges = [{**e, **{k: e[k] * factor for k in ("x0", "x1", "top", "bottom", "width", "height")}}
             for e in page.edges]
    words = [OcrWord(w.text, w.conf, box(w.box)) for w in page.words]
    return OcrPage(round(page.width * factor), round(page.height * factor), words, edges,
                   page.skew_deg)


def ocr_workers() -> int:
    """Pages read at once: the cores this process may use, capped by ``BAOCAO_OCR_WORKERS``
    (a batch may already run one sandbox child per core)."""
    from baocao import settings

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, settings.load().ocr_workers))
