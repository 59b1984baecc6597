"""Citation extraction: every written form, every non-citation, fields, locations, gold."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from baocao.model import Cell, Citation, Document, Location, Paragraph, Source, Table
from extractors.citations import citation_key, extract_citations, extract_citations_text, parse_symbol
from readers import read_document

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).resolve().parent / "gold"
SEEDS = ROOT / "samples" / "seeds"


def ids_dates(text: str, province: str | None = None) -> list[tuple[str, str | None]]:
    return [(c.id, c.date) for c in extract_citations_text(text, province=province)]


def one(text: str, province: str | None = None) -> Citation:
    found = extract_citations_text(text, province=province)
    assert len(found) == 1, [c.raw for c in found]
    return found[0]


# ---------------------------------------------------------------------------
# Forms that occur in real reports
# ---------------------------------------------------------------------------

FORMS = [
    ("Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng", [("131/QĐ-TTg", "2022-01-25")]),
    ("Thông tư số 09/2021/TT-BGDĐT ngày 30/03/2021", [("09/2021/TT-BGDĐT", "2021-03-30")]),
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị", [("57-NQ/TW", "2024-12-22")]),
    ("Nghị quyết số 71/NQ-CP ngày 01/4/2025", [("71/NQ-CP", "2025-04-01")]),
    ("Nghị quyết số 71-NQ/CP ngày 01/4/2025", [("71-NQ/CP", "2025-04-01")]),
    ("Luật số 91/2025/QH15 ngày 26/6/2025 về bảo vệ dữ liệu cá nhân", [("91/2025/QH15", "2025-06-26")]),
    (
        "Kế hoạch phối hợp số 62/KHPT-TCD06/CPTW-BCDDA06/CPHP ngày 28/6/2023 giữa Tổ công tác",
        [("62/KHPT-TCD06/CPTW-BCDDA06/CPHP", "2023-06-28")],
    ),
    ("(CV số 2858/SGDĐT- VP ngày 15/12/2021 về việc", [("2858/SGDĐT-VP", "2021-12-15")]),
    ("Quyết định 749/QĐ-TTg của Thủ tướng Chính phủ", [("749/QĐ-TTg", None)]),
    ("QĐ 127/QĐ-TTg ngày 26/01/2021", [("127/QĐ-TTg", "2021-01-26")]),
    ("Chương trình hành động 89-CTr/TU ngày 25/02/2025", [("89-CTr/TU", "2025-02-25")]),
    ("Kế hoạch hành động số 475-KH/TU ngày 22/5/2025", [("475-KH/TU", "2025-05-22")]),
    ("Nghị quyết số 03-NQ/TU, ngày 26/10/2021 của Ban Thường vụ", [("03-NQ/TU", "2021-10-26")]),
    ("Nghị định số 13/2023/NĐ-CP ngày 17/4/2023", [("13/2023/NĐ-CP", "2023-04-17")]),
    ("theo Nghị quyết số 34/2021/NQ-HĐND, xã hội hóa", [("34/2021/NQ-HĐND", None)]),
    ("Quyết định số 118/QĐ-SGDĐT ngày 6/3/2022 của ngành", [("118/QĐ-SGDĐT", "2022-03-06")]),
    ("Văn bản số 6541/BGDĐT-KHCNTT ngày 16 tháng 10 năm 2025", [("6541/BGDĐT-KHCNTT", "2025-10-16")]),
    ("Quyết định số 131/QĐ-\n\nTTg phê duyệt Đề án", [("131/QĐ-TTg", None)]),
    ("Kế hoạch số 138/KH-\nUBND ngày 21/5/2025", [("138/KH-UBND", "2025-05-21")]),
    ("Quyết định số 4725/QĐ-BGDĐT ngày\n\n30/12/2022 3; triển khai", [("4725/QĐ-BGDĐT", "2022-12-30")]),
    ("Quyết \n\nđịnh số 131/QĐ-TTg ngày 25/01/2022", [("131/QĐ-TTg", "2022-01-25")]),
    ("Nghị quyết số 57-\nNQ/TW ngày 22/12/2024", [("57-NQ/TW", "2024-12-22")]),
    ("QUYẾT ĐỊNH 131/QĐ-TTg ngày 25/01/2022 CỦA THỦ TƯỚNG", [("131/QĐ-TTg", "2022-01-25")]),
    ("Nghị quyết số 57–NQ/TW ngày 22/12/2024", [("57-NQ/TW", "2024-12-22")]),  # en dash
    ("Quyết định số 131/QĐ-TTG ngày 25/01/2022", [("131/QĐ-TTg", "2022-01-25")]),  # case of TTg
    ("Quyết định số 2222/QĐ-UBND ngày 12.7.2022", [("2222/QĐ-UBND", "2022-07-12")]),
    ("Quyết định số 131/QĐ-TTg ngày 25/01/20221, Sở đã", [("131/QĐ-TTg", "2022-01-25")]),  # footnote mark
    ("Luật Giáo dục số 43/2019/QH14 ngày 14/6/2019", [("43/2019/QH14", "2019-06-14")]),
    ("Công văn số 12/UBND ngày 3/4/2024", [("12/UBND", "2024-04-03")]),
    ("| 1 | Thông tư 09/2021/TT-BGDĐT | 30/3/2021 |", [("09/2021/TT-BGDĐT", "2021-03-30")]),
    (
        "các Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022, số 3276/QĐ-BGDĐT ngày 30/10/2024",
        [("4725/QĐ-BGDĐT", "2022-12-30"), ("3276/QĐ-BGDĐT", "2024-10-30")],
    ),
    (
        "Chương trình hành động 89-CTr/TU ngày 25/02/2025 và Kế hoạch hành động số 475-KH/TU ngày 22/5/2025",
        [("89-CTr/TU", "2025-02-25"), ("475-KH/TU", "2025-05-22")],
    ),
    ("Chỉ thị số 05/CT-TTg ngày 23/02/2024", [("05/CT-TTg", "2024-02-23")]),
    ("Thông báo kết luận số 45-TB/TU ngày 3/3/2023", [("45-TB/TU", "2023-03-03")]),
    ("Kế hoạch số 34/KH-UBND - Tăng cường chuyển đổi số", [("34/KH-UBND", None)]),
    ("Kế hoạch số 138/KH\ufffeUBND ngày 21/5/2025", [("138/KH-UBND", "2025-05-21")]),  # pdfplumber hyphen
    ("Quyết định số 131/QĐ\u00adTTg ngày 25/01/2022", [("131/QĐ-TTg", "2022-01-25")]),  # soft hyphen
    ("Quyết định số 131/QĐ - TTg ngày 25/01/2022", [("131/QĐ-TTg", "2022-01-25")]),  # spaced hyphen
    ("Văn bản số 3105 /SGDĐT-CNTT ngày 1/2/2024", [("3105/SGDĐT-CNTT", "2024-02-01")]),
    ("Công văn số 1234/SGD&ĐT-GDTrH ngày 5/9/2023", [("1234/SGD&ĐT-GDTrH", "2023-09-05")]),
    ("Quyết định số 131/QĐ-TTg (25/01/2022) của Thủ tướng", [("131/QĐ-TTg", "2022-01-25")]),
    ("Quyết định số: 131/QĐ-TTg ngày 25/01/2022", [("131/QĐ-TTg", "2022-01-25")]),
    ("Quyết định số131/QĐ-TTg ngày 25/01/2022", [("131/QĐ-TTg", "2022-01-25")]),
    ("Văn bản hợp nhất số 05/VBHN-BGDĐT ngày 6/3/2020", [("05/VBHN-BGDĐT", "2020-03-06")]),
    (unicodedata.normalize("NFD", "Kế hoạch số 12/KH-UBND ngày 5/5/2022"), [("12/KH-UBND", "2022-05-05")]),
    ("Quy định số 105-QĐ/TW ngày 19/12/2017", [("105-QĐ/TW", "2017-12-19")]),
    ("Kết luận số 91-KL/TW ngày 12/8/2024", [("91-KL/TW", "2024-08-12")]),
    ("Thông tư liên tịch số 12/2015/TTLT-BGDĐT-BNV", [("12/2015/TTLT-BGDĐT-BNV", None)]),
    ("Quyết định của Thủ tướng Chính phủ số 131/QĐ-TTg ngày 25/01/2022", [("131/QĐ-TTg", "2022-01-25")]),
]


@pytest.mark.parametrize(("text", "expected"), FORMS, ids=[f[0][:40] for f in FORMS])
def test_forms(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert ids_dates(text) == expected


# ---------------------------------------------------------------------------
# Not citations
# ---------------------------------------------------------------------------

NOT_CITATIONS = [
    "Số:           /BGDĐT-KHCNTT",  # blank template number
    "(Kèm theo công văn số       /SGDĐT-VP ngày        tháng 11 năm 2025",
    "Số: 2871/BC-SGDĐT",  # the report's own number
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO      Số: 45/BC-SGDĐT      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "điện thoại 0972.523.518 (Lĩnh vực chuyển đổi số)",
    "tại địa chỉ https://nghean.edu.vn/van-ban/123/QĐ-SGDĐT và www.x.vn/5/KH-UBND",
    "quy trình ISO 9001:2015 và cuộc Cách mạng công nghiệp 4.0",
    "1.002.912 HS (926.515 công lập (92,38%) và 76.397 tư thục; 12/15 trường THPT",
    "Tháng 7/2022, Trung tâm GDTX; năm học 2022-2023; giai đoạn 2022-2025",
    "thực hiện nhiệm vụ Đề án 06/CP, Ban Chỉ đạo Đề án 06/CP thành phố",  # a programme's nickname
    "quán triệt Nghị quyết 57 vào các hoạt động chuyên môn",  # bare reference, no ký hiệu
    "Ngày 25/01/2022, Thủ tướng Chính phủ đã ban hành Đề án",
    "Tổng số 163/TTHC mức độ 3,4",  # unknown single code without type word
    "báo cáo theo Mẫu số 01/KH-SGDĐT và Phụ lục số 02/BC-SGDĐT",  # parts of a document
]


@pytest.mark.parametrize("text", NOT_CITATIONS)
def test_not_citations(text: str) -> None:
    assert ids_dates(text) == []


def test_date_only_when_it_follows_directly() -> None:
    text = "Ngày 25/01/2022, Thủ tướng Chính phủ đã ban hành Quyết định số 131/QĐ-TTg phê duyệt Đề án"
    assert ids_dates(text) == [("131/QĐ-TTg", None)]
    assert ids_dates("Quyết định số 131/QĐ-TTg của Thủ tướng ngày 25/01/2022") == [("131/QĐ-TTg", None)]


def test_self_reference_in_appendix_header_is_not_a_citation() -> None:
    text = "Số: 2871/BC-SGDĐT\nNội dung\n(Kèm theo Báo cáo số 2871/BC-SGDĐT ngày 18/11/2025 của Sở GDĐT)"
    assert ids_dates(text) == []


# ---------------------------------------------------------------------------
# Normalized fields
# ---------------------------------------------------------------------------

FIELDS = [
    (
        "Quyết định số 131/QĐ-TTg ngày 25/01/2022",
        {"type": "Quyết định", "number": "131", "year": None, "symbol": "QĐ-TTg", "issuer": "Thủ tướng Chính phủ"},
    ),
    (
        "Thông tư số 09/2021/TT-BGDĐT",
        {"type": "Thông tư", "number": "09", "year": 2021, "symbol": "TT-BGDĐT", "issuer": "Bộ Giáo dục và Đào tạo"},
    ),
    ("Nghị quyết số 57-NQ/TW", {"type": "Nghị quyết", "symbol": "NQ/TW", "issuer": "Bộ Chính trị"}),
    ("Nghị quyết số 71-NQ/TW", {"issuer": "Bộ Chính trị"}),
    ("Luật số 91/2025/QH15", {"type": "Luật", "year": 2025, "symbol": "QH15", "issuer": "Quốc hội khóa XV"}),
    ("Văn bản số 6541/BGDĐT-KHCNTT", {"type": "Công văn", "issuer": "Bộ Giáo dục và Đào tạo"}),
    ("CV số 2858/SGDĐT- VP", {"type": "Công văn", "symbol": "SGDĐT-VP", "raw": "CV số 2858/SGDĐT- VP"}),
    ("văn bản số 284/QĐ-UBND", {"type": "Quyết định"}),  # generic word: the code decides
    ("Kế hoạch số 2358/QĐ-BGDĐT", {"type": "Kế hoạch"}),  # as written; flagged by the checks
    ("Kế hoạch hành động số 475-KH/TU", {"type": "Kế hoạch"}),
    ("Chương trình hành động 89-CTr/TU", {"type": "Chương trình"}),
    ("Thông báo kết luận số 45-TB/TU", {"type": "Thông báo"}),
    ("749/QĐ-TTg và 06/QĐ-TTg", {}),  # see test below: two mentions without type word
    (
        "Kế hoạch số 59/KH-UBND ngày 24/02/2023 của UBND thành phố Hải Phòng về việc",
        {"issuer": "Ủy ban nhân dân thành phố Hải Phòng"},
    ),
    (
        "Văn bản số 10452/VP-VX ngày 21/10/2024 của Ủy ban \n\nnhân dân (UBND) thành phố Hải Phòng về việc",
        {"type": "Công văn", "issuer": "Ủy ban nhân dân thành phố Hải Phòng"},
    ),
    (
        "Kế hoạch số 12/KH-UBND ngày 1/2/2024 của UBND quận Dương Kinh về",
        {"issuer": "Ủy ban nhân dân quận Dương Kinh"},
    ),
    ("Quyết định số 12/QĐ-UBND của Chủ tịch UBND tỉnh Nghệ An", {"issuer": "Ủy ban nhân dân tỉnh Nghệ An"}),
    (
        "Kế hoạch số 4195/KH-UBND của Ủy ban nhân dân Thành phố Hồ Chí Minh",
        {"issuer": "Ủy ban nhân dân thành phố Hồ Chí Minh"},
    ),
    ("Kế hoạch số 12/KH-UBND ngày 1/2/2020 của UBND tỉnh Hải Dương về", {"issuer": "Ủy ban nhân dân tỉnh Hải Dương"}),
    ("Văn bản hợp nhất số 05/VBHN-BGDĐT", {"type": "Văn bản hợp nhất"}),
    (
        unicodedata.normalize("NFD", "Kế hoạch hành động số 475-KH/TU"),
        {"type": "Kế hoạch", "raw": "Kế hoạch hành động số 475-KH/TU"},
    ),
]


@pytest.mark.parametrize(("text", "fields"), [f for f in FIELDS if f[1]], ids=[f[0][:40] for f in FIELDS if f[1]])
def test_fields(text: str, fields: dict[str, object]) -> None:
    citation = one(text)
    for name, value in fields.items():
        assert getattr(citation, name) == value, name


def test_list_without_type_words_uses_symbol_codes() -> None:
    found = extract_citations_text("Quyết định số 131/QĐ-TTg và 749/QĐ-TTg, 57-NQ/TW")
    assert [(c.id, c.type) for c in found] == [
        ("131/QĐ-TTg", "Quyết định"),
        ("749/QĐ-TTg", "Quyết định"),
        ("57-NQ/TW", "Nghị quyết"),
    ]


@pytest.mark.parametrize(
    ("text", "province", "issuer"),
    [
        ("Kế hoạch số 276/KH-UBND ngày 10/11/2023 về tăng cường", "Quảng Ninh", "Ủy ban nhân dân tỉnh Quảng Ninh"),
        ("Kế hoạch số 34/KH-UBND ngày 03/02/2025 của UBND tỉnh về", "Quảng Ninh", "Ủy ban nhân dân tỉnh Quảng Ninh"),
        ("Kế hoạch số 1295/KH-SGDĐT ngày 16/6/2025", "Hải Phòng", "Sở Giáo dục và Đào tạo thành phố Hải Phòng"),
        ("Nghị quyết số 03-NQ/TU ngày 26/10/2021", "Hải Phòng", "Thành ủy Hải Phòng"),
        (
            "Nghị quyết số 03-NQ/TU ngày 26/10/2021 của Ban Thường vụ Tỉnh ủy",
            "Nghệ An",
            "Ban Thường vụ Tỉnh ủy Nghệ An",
        ),
        ("Nghị quyết số 34/2021/NQ-HĐND", "Quảng Ninh", "Hội đồng nhân dân tỉnh Quảng Ninh"),
        ("Kế hoạch số 59/KH-UBND của UBND thành phố Hải Phòng", "Quảng Ninh", "Ủy ban nhân dân thành phố Hải Phòng"),
        ("Kế hoạch số 276/KH-UBND ngày 10/11/2023", None, "Ủy ban nhân dân cấp tỉnh"),
    ],
)
def test_local_issuer_takes_named_or_report_province(text: str, province: str | None, issuer: str) -> None:
    assert one(text, province=province).issuer == issuer


def test_citation_key_separates_local_documents_of_two_provinces() -> None:
    a = one("Kế hoạch số 59/KH-UBND của UBND thành phố Hải Phòng")
    b = one("Kế hoạch số 59/KH-UBND của UBND tỉnh Quảng Ninh")
    national = one("Quyết định số 131/QĐ-TTg")
    assert citation_key(a) != citation_key(b)
    assert citation_key(a) == "59/KH-UBND@Hải Phòng"
    assert citation_key(national) == "131/QĐ-TTg"
    standing = one("Nghị quyết số 03-NQ/TU của Ban Thường vụ Thành ủy", province="Hải Phòng")
    plain = one("Nghị quyết số 03-NQ/TU", province="Hải Phòng")
    assert standing.issuer != plain.issuer
    assert citation_key(standing) == citation_key(plain) == "03-NQ/TU@Hải Phòng"
    district = one("Kế hoạch số 12/KH-UBND của UBND quận Dương Kinh về", province="Hải Phòng")
    assert citation_key(district) == "12/KH-UBND@quận Dương Kinh"


@pytest.mark.parametrize(
    ("written", "id_", "party_order", "type_code", "issuer_code"),
    [
        ("131/QĐ-TTg", "131/QĐ-TTg", False, "QĐ", "TTg"),
        ("57-NQ/TW", "57-NQ/TW", True, "NQ", "TW"),
        ("09/2021/TT-BGDĐT", "09/2021/TT-BGDĐT", False, "TT", "BGDĐT"),
        ("6541/BGDĐT-KHCNTT", "6541/BGDĐT-KHCNTT", False, None, "BGDĐT"),
        ("2858/SGDĐT- VP", "2858/SGDĐT-VP", False, None, "SGDĐT"),
        ("131/QD-TTG", "131/QĐ-TTg", False, "QĐ", "TTg"),  # ASCII-only systems
        ("4725/QĐ-BGDĐT3", "4725/QĐ-BGDĐT", False, "QĐ", "BGDĐT"),  # glued footnote mark
    ],
)
def test_parse_symbol(written: str, id_: str, party_order: bool, type_code: str | None, issuer_code: str) -> None:
    parts = parse_symbol(written)
    assert parts is not None
    assert (parts.id, parts.party_order, parts.type_code, parts.issuer_code) == (
        id_,
        party_order,
        type_code,
        issuer_code,
    )


# ---------------------------------------------------------------------------
# Locations and document structure
# ---------------------------------------------------------------------------


def test_location_is_where_the_mention_starts() -> None:
    found = extract_citations_text("Mở đầu\n\nThực hiện Quyết định số 131/QĐ-\n\nTTg ngày 25/01/2022")
    assert found[0].location == Location(line=3)
    assert found[0].raw == "Quyết định số 131/QĐ- TTg ngày 25/01/2022"


def test_symbol_broken_by_a_footnote_page_break() -> None:
    text = (
        "1 Nghị quyết số 52-NQ/TW của Bộ Chính trị, nội dung trong Nghị quyết số 43-\n"
        " Ủy ban nhân dân thành phố đã chỉ đạo ngành GDĐT xác định các nội dung\n"
        "CĐS là nhiệm vụ trọng tâm của ngành\n"
        "NQ/TW của Bộ Chính trị (khóa XII), Nghị quyết số 03-NQ/TU, ngày 26/10/2021"
    )
    found = extract_citations_text(text, province="Hải Phòng")
    assert [(c.id, c.date, c.location.line) for c in found] == [
        ("52-NQ/TW", None, 1),
        ("43-NQ/TW", None, 1),
        ("03-NQ/TU", "2021-10-26", 4),
    ]
    assert found[1].issuer == "Bộ Chính trị"


def _document(blocks: list) -> Document:
    return Document(source=Source(path="x.docx", sha256="", format="docx"), blocks=blocks)


def test_docx_table_cells_and_multiline_cells() -> None:
    def cell(text: str, row: int, col: int) -> Cell:
        return Cell(text=text, location=Location(table=0, row=row, cell=col), col=col)

    table = Table(
        rows=[
            [cell("STT", 0, 0), cell("Văn bản", 0, 1), cell("Ngày ban hành", 0, 2)],
            [cell("1", 1, 0), cell("Quyết định số 131/QĐ-TTg", 1, 1), cell("25/01/2022", 1, 2)],
            [cell("2", 2, 0), cell("Ghi chú\nThông tư số 09/2021/TT-BGDĐT ngày 30/3/2021", 2, 1), cell("", 2, 2)],
        ],
        location=Location(table=0),
    )
    paragraph = Paragraph(text="Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024;", location=Location(paragraph=0))
    found = extract_citations(_document([paragraph, table]))
    assert [(c.id, c.date) for c in found] == [
        ("57-NQ/TW", "2024-12-22"),
        ("131/QĐ-TTg", "2022-01-25"),
        ("09/2021/TT-BGDĐT", "2021-03-30"),
    ]
    assert found[0].location == Location(paragraph=0)
    assert found[1].location == Location(table=0, row=1, cell=1)
    assert found[2].location == Location(table=0, row=2, cell=1, line=2)


# ---------------------------------------------------------------------------
# Gold: seeds 000-002 and held-out-style texts, mention by mention (id + date)
# ---------------------------------------------------------------------------

GOLD_CASES = [
    (SEEDS / "000_ministry_letter_6541.txt", GOLD / "000_ministry_letter_6541.citations.json"),
    (SEEDS / "001_haiphong_report.txt", GOLD / "001_haiphong_report.citations.json"),
    (SEEDS / "002_quangninh_guidance.txt", GOLD / "002_quangninh_guidance.citations.json"),
    (GOLD / "heldout_nghean_report.txt", GOLD / "heldout_nghean_report.citations.json"),
    (GOLD / "heldout_danang_pdfdump.txt", GOLD / "heldout_danang_pdfdump.citations.json"),
    (GOLD / "heldout_hcm_email.txt", GOLD / "heldout_hcm_email.citations.json"),
]


def _gold(path: Path) -> list[tuple[str, str | None]]:
    return [(row["id"], row["date"]) for row in json.loads(path.read_text(encoding="utf-8"))]


def precision_recall(found: list, gold: list) -> tuple[float, float]:
    """Mention by mention: a found (id, date) counts once per matching gold mention."""
    hits = sum((Counter(found) & Counter(gold)).values())
    return (hits / len(found) if found else 1.0), (hits / len(gold) if gold else 1.0)


@pytest.mark.parametrize(("text_path", "gold_path"), GOLD_CASES, ids=[c[0].stem for c in GOLD_CASES])
def test_gold_precision_recall(text_path: Path, gold_path: Path) -> None:
    found = [(c.id, c.date) for c in extract_citations(read_document(text_path))]
    gold = _gold(gold_path)
    precision, recall = precision_recall(found, gold)
    missing = list((Counter(gold) - Counter(found)).elements())
    extra = list((Counter(found) - Counter(gold)).elements())
    assert precision >= 0.95 and recall >= 0.95, (precision, recall, missing, extra)
    assert found == gold, (missing, extra)


def test_precision_recall_counts_mentions() -> None:
    gold = [("a", None), ("a", None), ("b", "2020-01-01")]
    assert precision_recall([("a", None), ("b", None)], gold) == (0.5, 1 / 3)
