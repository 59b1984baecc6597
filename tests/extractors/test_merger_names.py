"""Names across the 1 July 2025 merger: what predates it keeps its former province.

A 2022 plan of "UBND tỉnh Kon Tum" is Kon Tum's (current unit Quảng Ngãi beside it) and the
local bodies it cites are Kon Tum's, never "Tỉnh ủy Quảng Ngãi"; after the merger the
current unit's name applies.  The dates come from the ``until`` column of provinces.csv.
"""

from __future__ import annotations

import pytest

from baocao.model import Document, Source
from flows.pipeline import extract_from_document
from gazetteer.provinces import former_until, name_in_force
from tests.extractors.builders import para

SOURCE = Source(path="ke-hoach.docx", sha256="0" * 64, format="docx")
CITING = (
    "Căn cứ Nghị quyết số 05-NQ/TU ngày 10/5/2021 của Tỉnh ủy; Kế hoạch số 120/KH-UBND ngày 20/3/2022; "
    "Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ."
)


def _plan(letterhead: str, place: str, date_line: str) -> Document:
    lines = [letterhead, "Số: 2219/KH-UBND", f"{place}, {date_line}", "KẾ HOẠCH", CITING]
    return Document(SOURCE, [para(text, i) for i, text in enumerate(lines)])


CASES = [
    # (letterhead, place, date line, province, former, issuer of 05-NQ/TU, issuer of 120/KH-UBND)
    ("ỦY BAN NHÂN DÂN TỈNH KON TUM", "Kon Tum", "ngày 12 tháng 7 năm 2022", "Quảng Ngãi", "Kon Tum",
     "Tỉnh ủy Kon Tum", "Ủy ban nhân dân tỉnh Kon Tum"),
    ("ỦY BAN NHÂN DÂN TỈNH KON TUM", "Kon Tum", "ngày 30 tháng 6 năm 2025", "Quảng Ngãi", "Kon Tum",
     "Tỉnh ủy Kon Tum", "Ủy ban nhân dân tỉnh Kon Tum"),
    ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "Quảng Ngãi", "ngày 12 tháng 11 năm 2025", "Quảng Ngãi", None,
     "Tỉnh ủy Quảng Ngãi", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
    ("ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH", "Quy Nhơn", "ngày 05 tháng 3 năm 2023", "Gia Lai", "Bình Định",
     "Tỉnh ủy Bình Định", "Ủy ban nhân dân tỉnh Bình Định"),
]  # fmt: skip


@pytest.mark.parametrize(("letterhead", "place", "date_line", "province", "former", "party", "people"), CASES)
def test_document_and_its_local_issuers_keep_the_name_of_their_date(
    letterhead: str, place: str, date_line: str, province: str, former: str | None, party: str, people: str
) -> None:
    extraction = extract_from_document(_plan(letterhead, place, date_line))
    assert (extraction.province, extraction.former_province) == (province, former)
    issuers = {c.id: c.issuer for c in extraction.citations}
    assert issuers["05-NQ/TU"] == party
    assert issuers["120/KH-UBND"] == people
    assert issuers["131/QĐ-TTg"] == "Thủ tướng Chính phủ"


@pytest.mark.parametrize(
    ("on", "expected"),
    [("2022-07-12", "Kon Tum"), ("2025-06-30", "Kon Tum"), ("2025-06", "Kon Tum"), (None, "Kon Tum"),
     ("2025-07-01", "Quảng Ngãi"), ("2025-07", "Quảng Ngãi"), ("2026-01-05", "Quảng Ngãi")],
)  # fmt: skip
def test_name_in_force_by_date(on: str | None, expected: str) -> None:
    assert name_in_force("Quảng Ngãi", "Kon Tum", on) == expected
    assert name_in_force("Quảng Ngãi", None, on) == "Quảng Ngãi"


def test_every_former_unit_has_its_last_day() -> None:
    until = former_until()
    assert len(until) >= 28 and set(until.values()) == {"2025-06-30"}
    assert until["Kon Tum"] == "2025-06-30"
