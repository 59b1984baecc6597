"""PDF reader: lines with page/bbox, ruled tables on the pages that need them, cross-page join."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from readers import UnreadableDocument, read_document
from readers.pdf import (
    Line,
    PageText,
    RawCell,
    Rulings,
    Word,
    assign_words,
    header_keys,
    is_split_row,
    needs_tables,
    only_page_furniture,
    reflow,
    straddling,
)
from readers.pdf import nfc as pdf_nfc
from readers.pdf.common import _CLEAN as _PDF_CLEAN
from readers.pdf.text import table_page_numbers
from tests.readers import pdf_fixtures as fx


@pytest.fixture(scope="module")
def appendix_pdf(tmp_path_factory) -> Path:
    if fx.find_font() is None:  # no Vietnamese font here: use the copy this module made
        return fx.FALLBACK_PDF
    return fx.build_appendix_pdf(tmp_path_factory.mktemp("pdf") / "appendix.pdf")


@pytest.fixture(scope="module")
def doc(appendix_pdf):
    return read_document(appendix_pdf)


@pytest.fixture(scope="module")
def table(doc):
    tables = doc.tables()
    assert len(tables) == 1, "the table that continues on page 3 must be joined into one"
    return tables[0]


def _row(table, stt: str):
    return next(row for row in table.rows if row and row[0].text == stt)


def test_pages_and_prose_lines(doc):
    assert doc.page_count == 3
    greeting = next(p for p in doc.paragraphs() if p.text.startswith("Kính gửi"))
    assert greeting.text == "Kính gửi: Bộ Giáo dục và Đào tạo"
    assert greeting.location.page == 1 and greeting.location.line == 5
    x0, top, x1, bottom = greeting.location.bbox
    assert 60 < x0 < x1 < A4[0] and 100 < top < bottom < 150  # top-based PDF points


def test_footnote_mark_is_not_read_into_a_date(doc):
    line = next(p for p in doc.paragraphs() if p.text.startswith("Thực hiện"))
    assert line.text == fx.MARK_RE.sub("", fx.CITATION_WITH_MARK)  # one line, no "20223"
    assert line.location.page == 1


def test_letterhead_halves_are_separate_lines(doc):
    first_page = [p for p in doc.paragraphs() if p.location.page == 1]
    texts = [p.text for p in first_page[:4]]
    assert texts == [text for pair in fx.LETTERHEAD for text in pair]
    left, right = first_page[0].location.bbox, first_page[1].location.bbox
    assert left[2] < right[0]  # each half has its own box


def test_reading_order_around_the_table(doc):
    kinds = [(b.kind, b.location.page, getattr(b, "text", "")) for b in doc.blocks]
    table_at = next(i for i, k in enumerate(kinds) if k[0] == "table")
    assert kinds[table_at - 1][2] == "BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ"
    after = [text for kind, _, text in kinds[table_at + 1 :] if kind == "paragraph"]
    assert "Nơi nhận:" in after


def test_header_row_kept_once(table):
    assert [c.text for c in table.rows[0]] == ["TT", "Nội dung triển khai",
                                               "Kết quả (số liệu) thống kê"]
    headers = [row for row in table.rows if row and row[0].text == "TT"]
    assert len(headers) == 1  # the copy repeated on page 3 is dropped


def test_rows_in_order_across_pages(table):
    stt = [row[0].text for row in table.rows]
    assert stt[:3] == ["TT", "I", "1."]
    assert stt[-2:] == ["8.", "9."]
    assert len(stt) == len(set(stt))
    assert _row(table, "9.")[0].location.page == 3
    assert _row(table, "1.")[0].location.page == 2


def test_wrapped_lines_joined_paragraphs_kept(table):
    value = _row(table, "1.")[2].text
    assert value == fx.VALUE_CELL


def test_row_split_at_page_break_is_merged(table):
    row = _row(table, "8.")
    assert row[1].text == fx.SPLIT_LABEL
    assert row[2].text == fx.SPLIT_VALUE
    assert row[0].location.page == 2


def test_merged_cell_once_with_span(table):
    row = _row(table, "I")
    assert [(c.text, c.col, c.col_span) for c in row] == [
        ("I", 0, 1), ("Tiếp cận giáo dục trực tuyến (toàn tỉnh)", 1, 2)]  # note mark "1" dropped


def test_decomposed_text_is_composed(table):
    value = _row(table, "9.")[2].text
    assert value == unicodedata.normalize("NFC", fx.NFD_CELL)
    assert unicodedata.is_normalized("NFC", value)


def test_cell_locations(table):
    cell = _row(table, "9.")[2]
    assert (cell.location.table, cell.location.cell, cell.col) == (0, 2, 2)
    assert cell.location.row == table.rows.index(_row(table, "9."))
    x0, top, x1, bottom = cell.location.bbox
    assert x0 < x1 and top < bottom


def _page(text: str, rulings: Rulings) -> PageText:
    lines = [Line(t, None) for t in text.split("\n") if t]
    return PageText(number=1, width=595, height=842, lines=lines, rulings=rulings)


NONE = Rulings()
GRID = Rulings(horizontal=9, vertical=4)  # a table drawn border by border
ONE_BOX = Rulings(boxes=1)  # a whole grid drawn as one path, or one framed box
UNDERLINE = Rulings(horizontal=1)  # the line under the national motto


@pytest.mark.parametrize(
    ("text", "rulings", "expected"),
    [
        ("Sở GDĐT đã triển khai nhiều nội dung.", NONE, False),
        ("Phụ lục 2\nBIỂU SỐ LIỆU THỐNG KÊ", NONE, False),  # nothing ruled: no table to find
        ("Phụ lục 2\nBIỂU SỐ LIỆU THỐNG KÊ", UNDERLINE, False),  # a line makes no cell
        ("Sở GDĐT đã triển khai nhiều nội dung.", GRID, True),
        ("Sở GDĐT đã triển khai nhiều nội dung.", Rulings(boxes=6), True),  # cell rectangles
        ("Phụ lục 2\nBIỂU SỐ LIỆU THỐNG KÊ", ONE_BOX, True),  # one path + appendix words
        ("- giáo viên đạt tỉ lệ: 97%\n- học sinh đạt tỉ lệ: 32%", ONE_BOX, True),
        ("Trân trọng.", ONE_BOX, False),  # a framed note, no appendix words
        ("", GRID, False),  # no text layer: nothing to put in cells
    ],
)
def test_needs_tables(text, rulings, expected):
    assert needs_tables(_page(text, rulings)) is expected


# One letter a page, for the page-picking cases below: S a list of schools (ruled, nothing
# the pipeline reads), A the appendix's first page, C its continuation (ruled rows that
# name no keyword), R a list of documents, T prose ending with an appendix title, P prose,
# B a breakdown table with a total row.
_PAGES = {
    "S": ("STT\nTên trường\nSố học sinh\n1\nTrường THCS số 3\n1.020", GRID),
    "A": ("PHỤ LỤC 2\nSTT\nNội dung\nSố lượng\nTỉ lệ\n1\nGiáo viên có\nmáy tính\n31.002\n99,4", GRID),
    "C": ("14\nTổng số lớp học\ntrực tuyến\n1.020\n15\nSố người học\n3.000", GRID),
    "R": ("\n".join(f"{n}/QĐ-UBND\n12/3/2024\nVề việc giao chỉ tiêu" for n in range(100, 106)), GRID),
    "T": ("Trân trọng báo cáo.\nPhụ lục 2. Biểu số liệu", NONE),
    "B": ("STT\nCấp\nSố lượng máy tính\n1\nMầm non\n3836\nTổng số\n42.567", GRID),  # adds up
    "P": ("Sở GDĐT đã triển khai nhiều nội dung.", NONE),
}


@pytest.mark.parametrize(
    ("pages", "read"),
    [
        ("PPSSSSSSA", ".......SA"),  # a list of schools before the appendix: only its last page
        ("PPA", "..A"),
        ("SA", "SA"),  # the page before the appendix may hold its first rows
        ("PACCCCC", ".ACCCCC"),  # continuation pages follow their anchor
        ("PA" + "C" * 14, ".A" + "C" * 12 + ".."),  # ... up to FOLLOW_PAGES
        ("PTCCP", "..CC."),  # a title at the foot of the page before
        ("PASSPSSR", ".ASS..SR"),  # two anchored tables; the schools between are not read
        ("PSSPSS", ".SS.SS"),  # no anchor anywhere: every candidate page, as before
        ("PBPPSSPA", ".B.....A"),  # a breakdown with a total row in the body (checks.tables)
    ],
)
def test_tables_are_read_near_the_appendix(pages: str, read: str) -> None:
    texts = []
    for number, kind in enumerate(pages, 1):
        page = _page(*_PAGES[kind])
        page.number = number
        texts.append(page)
    expected = {number for number, kind in enumerate(read, 1) if kind != "."}
    assert table_page_numbers(texts) == expected


def _words(*lines: tuple[str, float, float]) -> list[list[Word]]:
    """Each line: (text, x0, top); words 6 pt per character, 4 pt spaces."""
    out = []
    for text, x0, top in lines:
        words, x = [], x0
        for token in text.split():
            words.append(Word(token, x, top, x + 6 * len(token), top + 11))
            x += 6 * len(token) + 4
        out.append(words)
    return out


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # soft wrap: "97,1%" (30 pt) would not fit after x=190 in a 200 pt column
        ((("đạt tỉ lệ: đạt tỉ lệ: đạt xxxx", 10, 0), ("97,1%", 10, 14)),
         "đạt tỉ lệ: đạt tỉ lệ: đạt xxxx 97,1%"),
        # hard break: the line stopped short although the next word would fit
        ((("Azota)", 10, 0), ("Zoom", 10, 14)), "Azota)\nZoom"),
        # a bullet always starts a new line
        ((("- giáo viên: 51.608 đạt tỉ lệ: 97,1% xxxx", 10, 0), ("- giảng viên: 3.907", 10, 14)),
         "- giáo viên: 51.608 đạt tỉ lệ: 97,1% xxxx\n- giảng viên: 3.907"),
        # "Internet: ......69511" cannot break before the dots, so it wrapped as one chunk
        ((("có đường truyền", 10, 0), ("Internet: ......69511", 10, 14)),
         "có đường truyền Internet: ......69511"),
    ],
)
def test_reflow(lines, expected):
    assert reflow(_words(*lines), right_limit=200) == expected


def _save_canvas(path: Path, draw) -> Path:
    canvas = Canvas(str(path), pagesize=A4)
    draw(canvas)
    canvas.save()
    return path


def test_scanned_pdf_without_text_layer(tmp_path):
    path = _save_canvas(tmp_path / "scan.pdf", lambda c: c.rect(50, 50, 400, 600, fill=1))
    with pytest.raises(UnreadableDocument, match="không có lớp chữ"):
        read_document(path)


def test_password_protected_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    canvas = Canvas(str(path), pagesize=A4, encrypt="mat-khau")
    canvas.drawString(72, 700, "Report")
    canvas.save()
    with pytest.raises(UnreadableDocument, match="mật khẩu"):
        read_document(path)


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 200)
    with pytest.raises(UnreadableDocument):
        read_document(path)


def _raw_row(*texts: str) -> list[RawCell]:
    """Cells of a 4-column table at x = 0, 40, 240, 320 (widths 40, 200, 80, 80)."""
    edges = [0, 40, 240, 320, 400]
    return [RawCell(bbox=(edges[i], 0, edges[i + 1], 20), page=2, text=t)
            for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("previous", "first_row", "expected"),
    [
        # the label sentence goes on in lower case: the rest of a split row
        (("7.", "Triển khai đào tạo tại các cơ sở", "", ""), ("", "giáo dục đại học", "", ""), True),
        # only the value column goes on
        (("3.", "Nền tảng", "6", ""), ("", "", "Azota)", ""), True),
        (("5.", "Tỉ trọng", "- Tỉ trọng ở bậc trung học chiếm", ""), ("", "", "15,2%", ""), True),
        # a new sub-line row of a 5-column layout, with its own numbers
        (("", "- Giáo viên có máy tính", "51.608", "97,1"),
         ("", "giảng viên có máy tính", "3.907", "100"), False),
        # a new bullet line
        (("1.", "Nhà giáo", "", ""), ("", "- Tổng số giảng viên", "", ""), False),
        # a new numbered row
        (("1.", "Nhà giáo", "", ""), ("2.", "người học", "", ""), False),
    ],
)
def test_split_row_detection(previous, first_row, expected):
    columns = [0, 40, 240, 320, 400]
    assert is_split_row(_raw_row(*first_row), _raw_row(*previous), columns) is expected


def test_words_go_to_the_smallest_cell_or_stay_outside():
    # an L-shaped table: row 2 is narrower, so its bbox has a notch with no cell in it
    table = SimpleNamespace(bbox=(0, 0, 300, 40), cells=[(0, 0, 300, 20), (0, 20, 150, 40)])
    inner = SimpleNamespace(bbox=(10, 2, 60, 18), cells=[(10, 2, 60, 18)])
    words = [Word("a", 20, 5, 30, 15), Word("b", 200, 5, 210, 15), Word("c", 20, 25, 30, 35),
             Word("notch", 200, 25, 230, 35), Word("far", 20, 100, 40, 110)]
    in_cells, outside = assign_words([table, inner], words)
    assert {key: [w.text for w in ws] for key, ws in in_cells.items()} == {
        (1, 0): ["a"], (0, 0): ["b"], (0, 1): ["c"]}
    assert [w.text for w in outside] == ["notch", "far"]


def _draw_words(canvas, x: float, y: float, text: str, gap: float) -> None:
    """Place each word by position, with no space characters (some PDF printers do this)."""
    for word in text.split():
        canvas.drawString(x, y, word)
        x += canvas.stringWidth(word, "Helvetica", 13) + gap


def test_words_split_without_space_characters(tmp_path):
    def draw(canvas):
        canvas.setFont("Helvetica", 13)
        for row in range(2):
            for col in range(2):
                canvas.rect(60 + col * 250, 700 - row * 30, 250, 30)
        _draw_words(canvas, 65, 710, "Tong so giao vien", 3.3)
        _draw_words(canvas, 315, 710, "51.608 dat ti le: 97,1%", 2.6)
        _draw_words(canvas, 65, 680, "So nen tang", 2.2)

    document = read_document(_save_canvas(tmp_path / "nospace.pdf", draw))
    rows = [[c.text for c in row] for row in document.tables()[0].rows]
    assert rows == [["Tong so giao vien", "51.608 dat ti le: 97,1%"], ["So nen tang", ""]]


def test_owner_password_only_pdf_is_readable(tmp_path):
    """Restrictions without a user password (common on official PDFs) must not block us."""
    path = tmp_path / "restricted.pdf"
    encryption = pdfencrypt.StandardEncryption("", ownerPassword="chu-so-huu", canCopy=0,
                                               strength=128)
    canvas = Canvas(str(path), pagesize=A4, encrypt=encryption)
    canvas.setFont("Helvetica", 12)
    for row in range(2):
        for col in range(2):
            canvas.rect(60 + col * 200, 700 - row * 30, 200, 30)
    canvas.drawString(65, 710, "Tong so giao vien")
    canvas.drawString(265, 710, "51.608 dat ti le: 97,1%")
    canvas.save()
    rows = read_document(path).tables()[0].rows
    assert [c.text for c in rows[0]] == ["Tong so giao vien", "51.608 dat ti le: 97,1%"]


@pytest.mark.parametrize(
    ("between", "expected"),
    [
        ([], True),
        ([(2, "2")], True),  # page number under the first part
        ([(3, "- 3 -")], True),  # page number at the top of the next page
        ([(2, "10 Giảng viên tại các cơ sở giáo dục đại học trực thuộc (các trường"),
          (2, "đại học, cao đẳng sư phạm địa phương)."), (3, "3")], True),  # wrapped footnote
        ([(3, "Phụ lục 3")], False),  # a heading: a new table starts
        ([(2, "Ghi chú: số liệu tính đến 30/9"), (3, "3")], False),
    ],
)
def test_only_page_furniture_between_table_parts(between, expected):
    lines = [(page, Line(text, None)) for page, text in between]
    assert only_page_furniture(lines, tail_page=2) is expected


def _grid_page(canvas, top: float, rows: list[tuple[str, str]], heading: str | None = None):
    canvas.setFont("Helvetica", 11)
    if heading:
        canvas.drawString(60, top + 20, heading)
    for index, (left, right) in enumerate(rows):
        y = top - (index + 1) * 24
        canvas.rect(60, y, 120, 24)
        canvas.rect(180, y, 300, 24)
        canvas.drawString(65, y + 8, left)
        canvas.drawString(185, y + 8, right)


@pytest.mark.parametrize(("heading", "tables"), [(None, 1), ("Bieu 2: so lieu khac", 2)])
def test_heading_on_the_next_page_starts_a_new_table(tmp_path, heading, tables):
    def draw(canvas):
        _grid_page(canvas, 760, [("STT", "Noi dung")] + [(f"{n}.", f"Dong {n}") for n in range(1, 27)])
        canvas.showPage()
        _grid_page(canvas, 760, [("STT", "Noi dung"), ("27.", "Dong 27")], heading)

    document = read_document(_save_canvas(tmp_path / "two.pdf", draw))
    assert len(document.tables()) == tables
    first = document.tables()[0]
    assert first.rows[0][1].text == "Noi dung"
    assert (first.rows[-1][0].text == "27.") is (tables == 1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (unicodedata.normalize("NFD", "Tỉ lệ đạt"), "Tỉ lệ đạt"),
        ("\uf0b7 Tổng số giáo viên", "- Tổng số giáo viên"),  # Symbol-font bullet
        ("51.608\u00a0đạt  tỉ\u00adlệ", "51.608 đạt tỉlệ"),
        ("  97,1%\u200b ", "97,1%"),
        ("Quyết định số 131/QĐ\ufffeTTg", "Quyết định số 131/QĐ-TTg"),  # pdfium's hyphen mark
    ],
)
def test_text_cleaning(raw, expected):
    assert pdf_nfc(raw) == expected


@given(st.text(alphabet="".join(chr(code) for code in _PDF_CLEAN) + "aă ́\u0323Đ-1\n", max_size=60))
def test_text_cleaning_translates_only_the_runs_that_need_it(raw: str) -> None:
    expected = " ".join(unicodedata.normalize("NFC", raw.translate(_PDF_CLEAN)).split())
    assert pdf_nfc(raw) == expected


@pytest.fixture(scope="module")
def borderless(tmp_path_factory):
    if fx.find_font() is None:
        path = fx.FALLBACK_BORDERLESS_PDF
    else:
        path = fx.build_borderless_pdf(tmp_path_factory.mktemp("pdf") / "borderless.pdf")
    document = read_document(path)
    assert len(document.tables()) == 1, "page 2 (no header) continues the page 1 table"
    return document


def _expected_borderless_rows() -> list[list[str]]:
    rows = [[text for text, _ in fx.FIVE_COL_HEADER.cells]]
    for stt, group, items in fx.BORDERLESS_GROUPS:
        for index, (label, count, rate) in enumerate(items):
            rows.append(([stt, group] if index == 0 else []) + [label, count, rate])
    return rows


def test_borderless_table_rows_and_columns(borderless):
    table = borderless.tables()[0]
    assert [[c.text for c in row] for row in table.rows] == _expected_borderless_rows()
    first = table.rows[1]
    assert [c.col for c in first] == [0, 1, 2, 3, 4]
    assert [c.col for c in table.rows[2]] == [2, 3, 4]  # a sub-row: no STT, no group label
    assert table.rows[-1][0].location.page == 2


def test_borderless_footnote_stays_outside(borderless):
    texts = [p.text for p in borderless.paragraphs()]
    assert "1 Số liệu tính đến ngày 30/9/2025." in texts
    assert texts[:2] == ["Phụ lục 2", "BIỂU SỐ LIỆU THỐNG KÊ"]


@pytest.mark.parametrize(
    ("line", "keys"),
    [
        ("STT Nội dung Số lượng Tỉ lệ (%)", {"stt", "nội dung", "số lượng", "tỉ lệ"}),
        ("TT Chỉ tiêu Kết quả Ghi chú", {"tt", "chỉ tiêu", "kết quả", "ghi chú"}),
        ("Tổng số giáo viên có máy tính đạt tỉ lệ 97,1%", {"tỉ lệ"}),  # prose, not a header
        ("STTT", set()),
    ],
)
def test_header_keys(line, keys):
    assert header_keys(line) == keys


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([[("Giáo viên", 10, 60), ("51.608", 120, 150), ("97,1", 210, 230)]], 0),  # table row
        ([[("Sở", 10, 22), ("Giáo", 26, 50), ("dục", 54, 72), ("triển", 95, 125),
           ("khai", 129, 150), ("nhiều", 196, 226)]], 2),  # prose running over the columns
    ],
)
def test_straddling_words_tell_prose_from_a_continued_table(lines, expected):
    body = [[Word(text, x0, 0, x1, 11) for text, x0, x1 in line] for line in lines]
    assert straddling(body, bounds=[0, 100, 200, 300]) == expected


def test_a_failing_table_page_keeps_its_text_lines(appendix_pdf, monkeypatch):
    import readers.pdf.table_pages as table_pages  # where the pdfium and pdfplumber passes are called

    def broken(*args, **kwargs):
        raise KeyError("pdfminer font error")

    monkeypatch.setattr(table_pages, "_pdfium_page_blocks", broken)
    monkeypatch.setattr(table_pages, "_plumber_page_blocks", broken)
    document = read_document(appendix_pdf)
    assert document.tables() == []
    texts = [p.text for p in document.paragraphs()]
    assert "BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ" in texts
    assert any("51.608" in t for t in texts)
