"""Evidence helpers: number highlighting, reviewer number parsing, source context, PDF crop."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from baocao.model import Cell, Document, Location, Paragraph, Source, Table
from review.decisions import DecisionError, parse_number
from review.evidence import block_context, highlight, number_needles
from tests.review.helpers import signed_in


@pytest.mark.parametrize(
    ("text", "needles", "marked"),
    [
        ("có máy tính: 51.608, đạt tỉ lệ: 97,1%", ["51.608", "97,1"], ["51.608", "97,1"]),
        ("Internet: 1000 đạt 100 %", ["100"], ["100"]),  # not the "100" inside "1000"
        ("tỉ lệ 32.86 %", ["32.86"], ["32.86"]),
        ("không có số nào", ["5"], []),
        ("<script>1</script>", ["1"], ["1"]),
    ],
)
def test_highlight_marks_whole_numbers_only(text, needles, marked):
    segments = highlight(text, needles)
    assert "".join(s for s, _ in segments) == text
    assert [s for s, m in segments if m] == marked


def test_number_needles_cover_vietnamese_and_english_forms():
    needles = number_needles(51608.0, 97.1)
    assert {"51608", "51.608", "51,608", "97.1", "97,1"} <= set(needles)


@pytest.mark.parametrize(
    ("typed", "number"),
    [("51.608", 51608), ("51 608", 51608), ("97,1", 97.1), ("97.1", 97.1), ("1.234.567", 1234567),
     ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("100%", 100), ("", None), (None, None)],
)
def test_parse_number_reads_what_reviewers_type(typed, number):
    assert parse_number(typed) == (pytest.approx(number) if number is not None else None)


@pytest.mark.parametrize("typed", ["abc", "-5", "nan", "1e400"])
def test_parse_number_refuses_nonsense(typed):
    with pytest.raises(DecisionError):
        parse_number(typed)


def _doc() -> Document:
    row = [Cell("1", Location(table=0, row=1, cell=0)),
           Cell("GV có máy tính: 51.608, đạt 97,1%", Location(table=0, row=1, cell=1))]
    head = [Cell("STT", Location(table=0, row=0, cell=0)), Cell("Nội dung", Location(table=0, row=0, cell=1))]
    return Document(
        source=Source("x.docx", "0" * 64, "docx"),
        blocks=[Paragraph("Mở đầu", Location(paragraph=0)),
                Table([head, row], Location(table=0)),
                Paragraph("Dòng văn bản", Location(line=7))],
    )


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        (Location(table=0, row=1, cell=1), "1 | GV có máy tính: 51.608, đạt 97,1%"),
        (Location(paragraph=0), "Mở đầu"),
        (Location(line=7), "Dòng văn bản"),
        (Location(table=3, row=0), None),
        (None, None),
    ],
)
def test_block_context_finds_the_row_or_paragraph(location, expected):
    assert block_context(_doc(), location) == expected


def _pdf_bytes() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawString(72, 700, "Tong so giao vien co may tinh: 51.608, dat ti le: 97,1%")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_pdf_flag_shows_the_page_region_as_an_image(review_store):
    from PIL import Image

    from store.schema import Document as StoredDocument
    from store.schema import Flag
    from store.schema import Source as StoredSource

    data = _pdf_bytes()
    relative = "objects/ab/report.pdf"
    (review_store.store / "objects" / "ab").mkdir(parents=True)
    (review_store.store / relative).write_bytes(data)
    flag_id = review_store.flag_ids["hp_fmt"]
    with Session(review_store.engine) as session, session.begin():
        flag = session.get(Flag, flag_id)
        document = session.get(StoredDocument, flag.document_id)
        document.format = "pdf"
        source = session.query(StoredSource).filter_by(sha256=document.source_sha256).one()
        source.stored_path = relative
        flag.location = {"page": 1, "bbox": [70, 130, 400, 145]}
    c = signed_in(review_store)
    page = c.get(f"/flags/{flag_id}").text
    assert f'src="/flags/{flag_id}/page.png"' in page
    image = c.get(f"/flags/{flag_id}/page.png")
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    picture = Image.open(io.BytesIO(image.content))
    assert picture.width > 800 and picture.height < picture.width  # a band, not the page
    assert "không tìm thấy vị trí riêng của số" in page  # 69.511 is not on that page: said so
    assert c.get(f"/flags/{review_store.flag_ids['hp_pop']}/page.png").status_code == 404
    with Session(review_store.engine) as session, session.begin():
        session.get(Flag, review_store.flag_ids["hp_pop"]).location = {"page": 1, "bbox": [70, 130, 400, 145]}
    page = c.get(f"/flags/{review_store.flag_ids['hp_pop']}").text
    assert "khung đỏ là số liệu" in page  # 51.608 (line 1a) is: its own word is outlined
    assert c.get(f"/flags/{review_store.flag_ids['hp_pop']}/page.png").status_code == 200


def test_stored_path_outside_the_store_is_never_served(review_store):
    from store.schema import Document as StoredDocument
    from store.schema import Flag
    from store.schema import Source as StoredSource

    flag_id = review_store.flag_ids["hp_fmt"]
    with Session(review_store.engine) as session, session.begin():
        flag = session.get(Flag, flag_id)
        document = session.get(StoredDocument, flag.document_id)
        document.format = "pdf"
        source = session.query(StoredSource).filter_by(sha256=document.source_sha256).one()
        source.stored_path = "../../etc/passwd"
        flag.location = {"page": 1}
    assert signed_in(review_store).get(f"/flags/{flag_id}/page.png").status_code == 404


@pytest.mark.parametrize(
    ("location", "text"),
    [
        ({"page": 14, "table": 1, "row": 2, "line": 3}, "trang 14, bảng 2, dòng 3, dòng 3 trong ô"),
        ({"part": "footnote", "paragraph": 2}, "chú thích, đoạn 3"),
        ({"sheet": "PL2", "cell_ref": "B7"}, "trang tính PL2, ô B7"),
        ({"line": 12}, "dòng 12"),
        (None, ""),
    ],
)
def test_locations_are_described_in_vietnamese(location, text):
    from review.queries import describe_location

    assert describe_location(location) == text


HAIPHONG_PDF = Path(__file__).resolve().parents[2] / "samples" / "reports" / "haiphong_report.pdf"
CELL = (297.6, 241.8, 538.6, 369.9)  # page 14: the Ministry table's cell holding lines 1a-1d


@pytest.mark.parametrize(
    ("value", "rate", "value_raw", "rate_raw", "read_back"),
    [
        (51608, 97.1, "51.608", "97,1%", ["51.608", "97,1%"]),
        (3907, 100.0, "3.907", "100%", ["3.907", "100%"]),
        (5300, 100.0, "5300", "100%", ["5300", "100%"]),  # not the 100% of the line above
        (3907, 100.0, "3907", "100 %", ["3907", "100"]),  # same count as 1b, written without a dot
    ],
)
def test_the_crop_outlines_the_figures_own_words_not_the_label(value, rate, value_raw, rate_raw, read_back):
    import pdfplumber

    from review.evidence import figure_box

    boxes, found = figure_box(HAIPHONG_PDF, 14, CELL, [(number_needles(value, None, value_raw),
                                                        number_needles(None, rate, rate_raw))])
    assert found
    with pdfplumber.open(str(HAIPHONG_PDF)) as pdf:
        page = pdf.pages[13]
        texts = [page.within_bbox(box).extract_text().strip() for box in boxes]
    assert texts == read_back
    assert all(box[2] - box[0] < 50 for box in boxes)  # a word, not the 241-point-wide cell


def test_a_figure_not_on_the_page_falls_back_to_the_block():
    from review.evidence import figure_box

    assert figure_box(HAIPHONG_PDF, 14, CELL, [(["999.999"], ["12,5%"])]) == (CELL, False)
    assert figure_box(HAIPHONG_PDF, 99, CELL, [(["51.608"], [])]) == (CELL, False)
