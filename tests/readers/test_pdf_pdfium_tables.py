"""Table pages read from pypdfium2 (chars + path edges, pdfplumber's algorithms) give the same
blocks as pdfplumber's own parse, on every PDF the repository has and on drawn edge cases;
whatever falls back to pdfplumber is expected, named and logged.
"""

from __future__ import annotations

import importlib.util
import logging
import shutil
import sys
from pathlib import Path

import pypdfium2
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from readers.pdf.joining import _pdfium_blocks
from readers.pdf.layout import PageBlocks, TablePart
from readers.pdf.pages import read_page_texts
from readers.pdf.table_pages import _table_pages

REPO = Path(__file__).resolve().parents[2]
PDFS = sorted(
    [*(REPO / "samples").rglob("*.pdf"), *(REPO / "tests/readers/fixtures").glob("*.pdf"),
     *(REPO / "tests/readers/heldout_pdf").glob("*.pdf")]
)
# Pages pdfplumber reads instead, by design: a ruled page where pdfium's paths give no
# table (pdfplumber decides).
EXPECTED_FALLBACKS = {"lo_outer_thick.pdf": {4: "ruled page without a table"}}
TOLERANCE = 1.0  # points


def _texts(path: Path):
    return read_page_texts(path, lambda p: pypdfium2.PdfDocument(str(p)))


def _read_both(path: Path) -> tuple[list[PageBlocks], list[PageBlocks], list[tuple[int, str]]]:
    texts = _texts(path)
    by_pdfium = [_pdfium_blocks(page) for page in texts]
    by_plumber = [_pdfium_blocks(page) for page in texts]
    fallbacks = _table_pages(path, texts, by_pdfium, engine="pdfium")
    assert _table_pages(path, texts, by_plumber, engine="pdfplumber") == []
    return by_pdfium, by_plumber, fallbacks


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return all(abs(x - y) <= TOLERANCE for x, y in zip(a, b, strict=True))


def _differences(mine: list[PageBlocks], reference: list[PageBlocks]) -> list[str]:
    """Everything that differs: kinds and order of blocks, texts, rows/columns, boxes."""
    out: list[str] = []
    for page, want in zip(mine, reference, strict=True):
        if len(page.items) != len(want.items):
            out.append(f"page {page.number}: {len(page.items)} blocks, want {len(want.items)}")
            continue
        for (_, got), (_, ref) in zip(page.items, want.items, strict=True):
            where = f"page {page.number}"
            if type(got) is not type(ref):
                out.append(f"{where}: {type(got).__name__} where {type(ref).__name__}")
            elif not _close(got.bbox, ref.bbox):
                out.append(f"{where}: box {got.bbox} != {ref.bbox}")
            elif isinstance(got, TablePart):
                out.extend(f"{where}: {d}" for d in _table_differences(got, ref))
            elif got.text != ref.text:
                out.append(f"{where}: line {got.text!r} != {ref.text!r}")
    return out


def _table_differences(got: TablePart, ref: TablePart) -> list[str]:
    shape = [len(row) for row in got.rows]
    if shape != [len(row) for row in ref.rows]:
        return [f"rows/columns {shape} != {[len(row) for row in ref.rows]}"]
    out = []
    for row, ref_row in zip(got.rows, ref.rows, strict=True):
        for cell, ref_cell in zip(row, ref_row, strict=True):
            if (cell.text, cell.row_span) != (ref_cell.text, ref_cell.row_span):
                out.append(f"cell {cell.text!r}/{cell.row_span} != {ref_cell.text!r}/"
                           f"{ref_cell.row_span}")
            elif not _close(cell.bbox, ref_cell.bbox):
                out.append(f"cell box {cell.bbox} != {ref_cell.bbox}")
    return out


def _assert_same(path: Path, caplog, expected: dict[int, str]) -> list[PageBlocks]:
    with caplog.at_level(logging.INFO, logger="readers.pdf.table_pages"):
        mine, reference, fallbacks = _read_both(path)
    assert _differences(mine, reference) == []
    assert {number for number, _ in fallbacks} == set(expected)
    for number, reason in fallbacks:
        assert expected[number] in reason
        assert any(f"page {number} " in r.getMessage() and "pdfplumber reads" in r.getMessage()
                   for r in caplog.records), "a fallback is logged"
    return mine


def _tables(pages: list[PageBlocks]) -> list[TablePart]:
    return [item for page in pages for _, item in page.items if isinstance(item, TablePart)]


# Scans and a prose-only report: the only repository PDFs without a table to compare.
WITHOUT_TABLES = {"cantho_scan.pdf", "lamdong_prose.pdf", "lamdong_scan.pdf", "scan_no_text.pdf"}


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_same_blocks_as_pdfplumber(path, caplog):
    pages = _assert_same(path, caplog, EXPECTED_FALLBACKS.get(path.name, {}))
    assert bool(_tables(pages)) is (path.name not in WITHOUT_TABLES)  # not a vacuous comparison


def test_the_corpus_is_the_whole_repository():
    assert len(PDFS) >= 38 and {p.name for p in PDFS} >= WITHOUT_TABLES


# -- drawn edge cases -----------------------------------------------------------------------

# Rates in the cells: a page whose borders are one path is a table page by its text (4 "%").
ROWS = [("STT", "Noi dung", "So luong"), ("1", "Giao vien co may tinh", "51.608 (97,1%)"),
        ("2", "Hoc sinh co thiet bi", "97,1%"), ("3", "Truong hoc (100%)", "32,5%")]
COLUMNS = [60, 110, 330, 480]
ROW_H = 24
TOP = 700


def _cells_text(canvas: Canvas, font: str = "Helvetica") -> None:
    canvas.setFont(font, 11)
    canvas.drawString(60, TOP + 20, "Phu luc 2: bieu so lieu thong ke")
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            canvas.drawString(COLUMNS[c] + 5, TOP - (r + 1) * ROW_H + 8, text)


def _grid_lines(canvas: Canvas) -> None:
    bottom = TOP - len(ROWS) * ROW_H
    for r in range(len(ROWS) + 1):
        canvas.line(COLUMNS[0], TOP - r * ROW_H, COLUMNS[-1], TOP - r * ROW_H)
    for x in COLUMNS:
        canvas.line(x, TOP, x, bottom)


def _grid_one_path(canvas: Canvas) -> None:
    """Every border in one path object: a grid of many subpaths (one ``m`` each)."""
    path = canvas.beginPath()
    bottom = TOP - len(ROWS) * ROW_H
    for r in range(len(ROWS) + 1):
        path.moveTo(COLUMNS[0], TOP - r * ROW_H)
        path.lineTo(COLUMNS[-1], TOP - r * ROW_H)
    for x in COLUMNS:
        path.moveTo(x, TOP)
        path.lineTo(x, bottom)
    canvas.drawPath(path, stroke=1, fill=0)


def _grid_rects(canvas: Canvas) -> None:
    for r in range(len(ROWS)):
        for left, right in zip(COLUMNS, COLUMNS[1:], strict=False):
            canvas.rect(left, TOP - (r + 1) * ROW_H, right - left, ROW_H)


def _rounded_frame(canvas: Canvas) -> None:
    """Outer border with rounded corners (Bézier curves), inner rules as lines."""
    bottom = TOP - len(ROWS) * ROW_H
    canvas.roundRect(COLUMNS[0], bottom, COLUMNS[-1] - COLUMNS[0], TOP - bottom, 6)
    for r in range(1, len(ROWS)):
        canvas.line(COLUMNS[0], TOP - r * ROW_H, COLUMNS[-1], TOP - r * ROW_H)
    for x in COLUMNS[1:-1]:
        canvas.line(x, TOP, x, bottom)


def _clipped_grid(canvas: Canvas) -> None:
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(COLUMNS[0] - 2, TOP - 2 * ROW_H, COLUMNS[-1] - COLUMNS[0] + 4, 2 * ROW_H + 2)
    canvas.clipPath(clip, stroke=0, fill=0)
    _grid_rects(canvas)
    canvas.restoreState()


def _shaded_header(canvas: Canvas) -> None:
    canvas.setFillGray(0.85)
    canvas.rect(COLUMNS[0], TOP - ROW_H, COLUMNS[-1] - COLUMNS[0], ROW_H, stroke=0, fill=1)
    canvas.setFillGray(0)
    _grid_lines(canvas)


def _scaled_grid(canvas: Canvas) -> None:
    """Borders drawn under a scaling CTM (a table pasted at 90 %)."""
    canvas.saveState()
    canvas.translate(30, 60)
    canvas.scale(0.9, 0.9)
    _grid_rects(canvas)
    canvas.restoreState()


def _styled_text(canvas: Canvas) -> None:
    """Italic standard-14 text, a raised footnote mark, spaced and squeezed text in cells."""
    _grid_rects(canvas)
    canvas.setFont("Times-Italic", 11)
    canvas.drawString(60, TOP + 20, "Phu luc 2 (kem theo bao cao)")
    text = canvas.beginText(COLUMNS[1] + 5, TOP - ROW_H - 16)
    text.setFont("Times-Roman", 11)
    text.textOut("Giao vien")
    text.setRise(5)
    text.setFont("Times-Roman", 7)
    text.textOut("1")
    text.setRise(0)
    text.setFont("Times-Roman", 11)
    text.textOut(" co may tinh")
    canvas.drawText(text)
    spaced = canvas.beginText(COLUMNS[2] + 5, TOP - ROW_H - 16)
    spaced.setFont("Helvetica-Bold", 11)
    spaced.setCharSpace(1.2)
    spaced.textOut("51.608")
    canvas.drawText(spaced)
    squeezed = canvas.beginText(COLUMNS[1] + 5, TOP - 2 * ROW_H - 16)
    squeezed.setFont("Courier", 11)
    squeezed.setHorizScale(80)
    squeezed.textOut("Hoc sinh co thiet bi")
    canvas.drawText(squeezed)
    canvas.setFont("Helvetica", 11)
    canvas.drawString(COLUMNS[0] + 5, TOP - ROW_H - 16, "1")


def _rotated_titles(canvas: Canvas) -> None:
    """Column titles turned 90° in a ruled table (read by ``rotated_words``)."""
    _grid_rects(canvas)
    canvas.setFont("Helvetica", 9)
    for c, title in enumerate(("TT", "Ti le")):
        canvas.saveState()
        canvas.translate(COLUMNS[c + 1] + 12, TOP - ROW_H + 3)
        canvas.rotate(90)
        canvas.drawString(0, 0, title)
        canvas.restoreState()
    _cells_text(canvas)


def _logo_form(canvas: Canvas) -> None:
    """A letterhead logo placed as a form XObject holding only an image (no fallback)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    canvas.beginForm("logo")
    canvas.drawImage(ImageReader(Image.new("RGB", (8, 8), (200, 30, 30))), 60, 770, 40, 40)
    canvas.endForm()
    canvas.doForm("logo")
    _grid_rects(canvas)
    _cells_text(canvas)


DRAWN = {
    "lines": (lambda c: (_grid_lines(c), _cells_text(c)), {}),
    "one_path": (lambda c: (_grid_one_path(c), _cells_text(c)), {}),
    "rects": (lambda c: (_grid_rects(c), _cells_text(c)), {}),
    "rounded": (lambda c: (_rounded_frame(c), _cells_text(c)), {}),
    "clipped": (lambda c: (_clipped_grid(c), _cells_text(c)), {}),
    "shaded": (lambda c: (_shaded_header(c), _cells_text(c)), {}),
    "scaled": (lambda c: (_scaled_grid(c), _cells_text(c)), {}),
    "styled_text": (_styled_text, {}),
    "rotated_titles": (_rotated_titles, {}),
    "logo_form": (_logo_form, {}),
}


def _draw(path: Path, draw, rotate: int = 0, form: bool = False) -> Path:
    canvas = Canvas(str(path), pagesize=A4)
    if rotate:
        canvas.setPageRotation(rotate)
    if form:
        canvas.beginForm("grid")
        draw(canvas)
        canvas.endForm()
        canvas.doForm("grid")
    else:
        draw(canvas)
    canvas.showPage()
    canvas.save()
    return path


@pytest.mark.parametrize("name", sorted(DRAWN))
def test_drawn_tables_read_the_same(tmp_path, caplog, name):
    draw, expected = DRAWN[name]
    pages = _assert_same(_draw(tmp_path / f"{name}.pdf", draw), caplog, expected)
    assert _tables(pages), "the drawn table is found"


@pytest.mark.parametrize("rotate", [90, 180, 270])
@pytest.mark.parametrize("name", ["lines", "rotated_titles"])
def test_turned_pages_read_the_same(tmp_path, caplog, rotate, name):
    """/Rotate: pdfium's unrotated page space turned the way pdfminer's interpreter does."""
    path = _draw(tmp_path / f"{name}_{rotate}.pdf", DRAWN[name][0], rotate=rotate)
    assert _tables(_assert_same(path, caplog, {}))


@pytest.mark.parametrize(("rotate", "fallback"), [(0, {}), (90, {1: "MediaBox not at the origin"})])
def test_a_mediabox_off_the_origin(tmp_path, caplog, rotate, fallback):
    path = _draw(tmp_path / "drawn.pdf", DRAWN["lines"][0], rotate=rotate)
    pdf = pypdfium2.PdfDocument(str(path))
    pdf[0].set_mediabox(-20, 30, A4[0] - 20, A4[1] + 30)  # the page's content moved by it
    moved = tmp_path / "moved.pdf"
    pdf.save(str(moved))
    pdf.close()
    assert _tables(_assert_same(moved, caplog, fallback))


def test_what_pdfium_cannot_describe_falls_back_to_pdfplumber(tmp_path, caplog):
    draw = DRAWN["rects"][0]
    pages = _assert_same(_draw(tmp_path / "form.pdf", draw, form=True), caplog,
                         {1: "form XObject"})
    assert _tables(pages)


def test_a_page_pdfium_cannot_read_is_read_by_pdfplumber(tmp_path, caplog, monkeypatch):
    import readers.pdf.tables as tables

    def broken(*args, **kwargs):
        raise ValueError("pdfium broke")

    monkeypatch.setattr(tables, "page_chars", broken)
    draw = DRAWN["rects"][0]
    pages = _assert_same(_draw(tmp_path / "broken.pdf", draw), caplog, {1: "pdfium broke"})
    assert _tables(pages)


# -- generated benchmark reports (LibreOffice conversions of four DOCX layouts) --------------

def _benchmark_module(monkeypatch):
    monkeypatch.syspath_prepend(str(REPO / "bench"))  # its sibling modules
    if "bench_benchmark" not in sys.modules:  # dataclasses look their module up there
        spec = importlib.util.spec_from_file_location("bench_benchmark",
                                                      REPO / "bench" / "benchmark.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return sys.modules["bench_benchmark"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice converts the generated DOCX reports")
def test_generated_benchmark_layouts_read_the_same(tmp_path, caplog, monkeypatch):
    bench = _benchmark_module(monkeypatch)
    corpus = bench.build_corpus(tmp_path, n=len(bench.DOCX_LAYOUTS), pages=3, formats=["pdf"])
    ruled = 0
    for path in corpus.files["pdf"]:
        ruled += bool(_tables(_assert_same(path, caplog, {})))
    assert ruled >= 3  # the prose layout has no table
