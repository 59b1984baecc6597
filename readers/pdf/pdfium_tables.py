"""Table pages from pypdfium2 alone: the chars and ruling edges pdfplumber would see, without
a second parse of the page's content stream.

pdfplumber (through pdfminer) re-interprets a table page's whole content stream in Python,
~90 ms a page; pypdfium2 has already parsed it in C.  This module rebuilds, from pdfium's
text page and page objects, exactly the inputs pdfplumber's own algorithms take:

- chars as pdfminer boxes them: x from the glyph origin and its advance width, y from the
  baseline, the font's *descriptor* descent and the font size (pdfium's loose box adds the
  glyph outline and its own descent fallback, which moves italic words by up to 4 pt).  The
  descent and advance widths come from pdfminer's font objects for the page's fonts (a few
  ms: font dictionaries only, no content stream), looked up by font name;
- ruling edges as pdfminer classifies paths (``paint_path``: subpaths split at ``m``, a
  two-point path is a line, a closed axis-aligned 4-point path a rect, anything else a curve
  whose consecutive points make edges), from pdfium path segments and object matrices;

then pdfplumber's ``WordExtractor`` (the project's ``extract_words`` settings) and
``TableFinder`` (its default ``lines`` strategy on those edges) run on them unchanged.

What this cannot describe raises :class:`PdfiumUnsupported` and the caller reads the page
with pdfplumber instead (logged): a rotated page or a MediaBox not at the origin, a form
XObject holding paths or text (its resources and matrix are not followed here; one holding
only images, a logo, is fine), a font pdfminer does not list for the page, writes
vertically or is a Type3 font, a glyph without a known width drawn at an angle other than a
multiple of 90°, text whose char indexes do not match its string (surrogate pairs), a ruled
page where pdfium's edges make no table (pdfplumber decides), and any error.
"""

from __future__ import annotations

import ctypes
import re
from pathlib import Path
from types import SimpleNamespace

import pypdfium2.raw as pdfium_c

_SUBSET = re.compile(r"^[A-Z]{6}\+")

# FPDFText_GetTextObject returning a plain address: chars are grouped by their text object,
# and ``ctypes.cast`` of the pointer to an int costs more than the call itself.
_text_object_address = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value)
_char_origin = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p,
                                ctypes.c_void_p)(
    ctypes.cast(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_void_p).value)


class PdfiumUnsupported(Exception):
    """The page holds something this module does not rebuild the way pdfminer does."""


def _base_name(name: str) -> str:
    return _SUBSET.sub("", name)


class FontBook:
    """pdfminer's metrics (descent, advance widths by text) of each page's fonts.

    Only the document structure and font dictionaries are parsed, never a content stream.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fp = None
        self._document = None
        self._manager = None

    def close(self) -> None:
        if self._fp is not None:
            self._fp.close()

    def _resources(self, index: int) -> dict:
        """The page's (inherited) /Resources, reached through the page tree by /Count, so
        only the pages on the path are parsed."""
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfinterp import PDFResourceManager
        from pdfminer.pdfparser import PDFParser
        from pdfminer.pdftypes import dict_value, int_value, list_value

        if self._document is None:
            self._fp = open(self.path, "rb")  # noqa: SIM115 - closed by close()
            self._document = PDFDocument(PDFParser(self._fp))
            self._manager = PDFResourceManager(caching=True)
        node = dict_value(self._document.catalog["Pages"])
        resources = node.get("Resources")
        for _ in range(64):  # a page tree deeper than this is hostile
            kids = list_value(node.get("Kids", []))
            if int_value(node.get("Count", 0)) == len(kids):
                node = dict_value(kids[index])  # all leaves: index directly
                return dict_value(node.get("Resources", resources))
            for kid in kids:
                child = dict_value(kid)
                count = int_value(child.get("Count", 1)) if "Kids" in child else 1
                if index < count:
                    node = child
                    break
                index -= count
            else:
                raise PdfiumUnsupported("page not found in the page tree")
            resources = node.get("Resources", resources)
            if "Kids" not in node:
                return dict_value(resources)
        raise PdfiumUnsupported("page tree too deep")

    def page_fonts(self, index: int) -> dict[str, tuple[float, dict[str, float]]]:
        """Font name (no subset tag) → (descent per unit size, advance width per text)."""
        from pdfminer.pdffont import PDFType3Font
        from pdfminer.pdftypes import dict_value

        fonts: dict[str, tuple[float, dict[str, float]]] = {}
        for spec in dict_value(self._resources(index).get("Font", {})).values():
            objid = getattr(spec, "objid", None)
            font = self._manager.get_font(objid, dict_value(spec))
            if font.is_vertical():
                raise PdfiumUnsupported(f"vertical font {font.fontname}")
            if isinstance(font, PDFType3Font):  # glyph space by FontMatrix: not checked here
                raise PdfiumUnsupported(f"Type3 font {font.fontname}")
            widths: dict[str, float] = {}
            for cid in getattr(font, "widths", {}) or {}:
                try:
                    text = font.to_unichr(cid)
                except Exception:  # noqa: BLE001, S112 - pdfminer reads it as "(cid:N)"
                    continue
                widths.setdefault(text, font.char_width(cid))
            name = _base_name(str(font.fontname))
            known = fonts.get(name)
            if known is not None and known[0] != font.get_descent():
                raise PdfiumUnsupported(f"two fonts named {name} with different descents")
            merged = {**widths, **(known[1] if known else {})}
            fonts[name] = (font.get_descent(), merged)
        return fonts


def _font_name(font) -> str:
    size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(max(size, 1))
    pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
    return _base_name(buffer.value.decode("utf-8", "replace"))


def check_page(page) -> None:
    """Raise unless pdfium's page space is pdfplumber's (no /Rotate, MediaBox at 0,0)."""
    if page.get_rotation() % 360:
        raise PdfiumUnsupported("rotated page")
    x0, y0, _, _ = page.get_mediabox()
    if x0 or y0:
        raise PdfiumUnsupported("MediaBox not at the origin")


def _object_style(raw, index: int, fonts: dict) -> tuple:
    """What every char of one text object shares: font metrics, matrix, font size."""
    name = _font_name(pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(raw, index)))
    metrics = fonts.get(name)
    if metrics is None:
        raise PdfiumUnsupported(f"font {name} not in the page's resources")
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(raw, index, ctypes.byref(matrix))
    return (metrics, matrix.a, matrix.b, matrix.c, matrix.d,
            pdfium_c.FPDFText_GetFontSize(raw, index))


def _box(x: float, y: float, linear: tuple[float, float, float, float], advance: float,
         low: float, size: float) -> tuple[float, float, float, float]:
    """pdfminer's char box: (0, descent) .. (advance, descent + size) in text space, through
    the char's matrix (pdfminer's ``apply_matrix_rect``), as x0, x1, y0, y1."""
    a, b, c, d = linear
    if b == 0 and c == 0:  # upright or mirrored text: no corners to compare
        x0, x1 = sorted((x, x + a * advance))
        y0, y1 = sorted((y + d * low, y + d * (low + size)))
        return x0, x1, y0, y1
    corners = ((0.0, low), (advance, low), (0.0, low + size), (advance, low + size))
    xs = [x + a * u + c * v for u, v in corners]
    ys = [y + b * u + d * v for u, v in corners]
    return min(xs), max(xs), min(ys), max(ys)


def page_chars(page, textpage, fonts: dict[str, tuple[float, dict[str, float]]]) -> list[dict]:
    """The page's chars as pdfplumber dicts (text, x0, x1, top, bottom, size, upright, matrix)."""
    height = page.get_height()
    count = textpage.count_chars()
    text = textpage.get_text_range() if count > 0 else ""
    if len(text) != count:
        raise PdfiumUnsupported("char indexes do not match the text")
    raw = textpage.raw
    address = ctypes.cast(raw, ctypes.c_void_p).value
    x, y = ctypes.c_double(), ctypes.c_double()
    x_at, y_at = ctypes.addressof(x), ctypes.addressof(y)
    loose = pdfium_c.FS_RECTF()
    objects: dict[int, tuple] = {}  # text object → (metrics, a, b, c, d, size)
    chars: list[dict] = []
    for index, char in enumerate(text):
        if char in "\r\n":
            continue
        key = _text_object_address(address, index)
        if not key or (char.isspace() and pdfium_c.FPDFText_IsGenerated(raw, index) == 1):
            continue  # a space or line break pdfium inserted: not in the content stream
        if key not in objects:
            objects[key] = _object_style(raw, index, fonts)
        metrics, a, b, c, d, size = objects[key]
        _char_origin(address, index, x_at, y_at)
        width = metrics[1].get(char)
        if width is None:  # no width known for this text: pdfium's loose box edge
            pdfium_c.FPDFText_GetLooseCharBox(raw, index, ctypes.byref(loose))
            if abs(b) < 1e-9 and abs(c) < 1e-9 and a:
                advance = (loose.right - loose.left) / abs(a)
            elif abs(a) < 1e-9 and abs(d) < 1e-9 and b:
                advance = (loose.top - loose.bottom) / abs(b)
            else:
                raise PdfiumUnsupported("text at an angle")
        else:
            advance = width * size
        x0, x1, y0, y1 = _box(x.value, y.value, (a, b, c, d), advance, metrics[0] * size, size)
        chars.append({
            "text": char, "x0": x0, "x1": x1, "top": height - y1, "bottom": height - y0,
            "doctop": height - y1, "size": y1 - y0, "upright": a * d > 0 and b * c <= 0,
            "matrix": (a, b, c, d, x.value, y.value),
        })
    return chars


_MOVE, _LINE, _BEZIER = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO, \
    pdfium_c.FPDF_SEGMENT_BEZIERTO


def _path_ops(path, matrix) -> list[tuple[str, tuple[float, float]]]:
    """The path as pdfminer's operators with transformed end points ('h' ends a closed one)."""
    ops: list[tuple[str, tuple[float, float]]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    beziers = 0
    for index in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = (matrix.a * x.value + matrix.c * y.value + matrix.e,
                 matrix.b * x.value + matrix.d * y.value + matrix.f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == _BEZIER:
            beziers += 1
            if beziers % 3 == 0:  # two control points, then the end point
                ops.append(("c", point))
        else:
            ops.append(("m" if kind == _MOVE else "l", point))
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            ops.append(("h", point))
    return ops


def _paint(ops: list[tuple[str, tuple[float, float]]], height: float) -> list[dict]:
    """pdfminer's ``paint_path`` then pdfplumber's object→edges, for one path."""
    shape = "".join(op for op, _ in ops)
    if shape[:1] != "m":
        return []
    if shape.count("m") > 1:
        edges: list[dict] = []
        for match in re.finditer(r"m[^m]+", shape):
            edges.extend(_paint(ops[match.start():match.end()], height))
        return edges
    pts = [point if op != "h" else ops[0][1] for op, point in ops]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    from pdfplumber import utils

    if shape in {"mlh", "ml"}:
        return [utils.line_to_edge(_box_object("line", pts[0], pts[1], height))]
    if shape in {"mlllh", "mllll"}:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return utils.rect_to_edges(_box_object("rect", pts[0], pts[2], height))
    curve = _box_object("curve", (min(p[0] for p in pts), min(p[1] for p in pts)),
                        (max(p[0] for p in pts), max(p[1] for p in pts)), height)
    curve["pts"] = [(px, height - py) for px, py in pts]
    return utils.curve_to_edges(curve)


def _box_object(kind: str, a: tuple[float, float], b: tuple[float, float], height: float
                ) -> dict:
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    top = height - y1
    return {"object_type": kind, "x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": x1 - x0,
            "height": y1 - y0, "top": top, "bottom": height - y0, "doctop": top}


def _form_draws(form, depth: int = 0) -> bool:
    """Whether a form XObject holds paths or text (a logo or stamp image is harmless)."""
    if depth > 8:
        return True
    for index in range(pdfium_c.FPDFFormObj_CountObjects(form)):
        obj = pdfium_c.FPDFFormObj_GetObject(form, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_TEXT) or (
                kind == pdfium_c.FPDF_PAGEOBJ_FORM and _form_draws(obj, depth + 1)):
            return True
    return False


def page_edges(page) -> list[dict]:
    """Every path's edges as pdfplumber's ``page.edges`` lists them."""
    height = page.get_height()
    edges: list[dict] = []
    matrix = pdfium_c.FS_MATRIX()
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and _form_draws(obj):
            raise PdfiumUnsupported("form XObject with paths or text on the page")
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
        edges.extend(_paint(_path_ops(obj, matrix), height))
    return edges


def find_tables(edges: list[dict], width: float, height: float) -> list:
    """pdfplumber's ``page.find_tables()`` (default settings) on these edges."""
    from pdfplumber.table import TableFinder

    page = SimpleNamespace(edges=edges, bbox=(0, 0, width, height))
    return [t for t in TableFinder(page).tables if len(t.cells) > 1]
