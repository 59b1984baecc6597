"""Held-out PDF layouts (built by ``build.py``): every gold code must come out right."""

from __future__ import annotations

import functools
import json
import unicodedata
from pathlib import Path

import pytest

from baocao.model import Document, Table
from flows.pipeline import extract_from_document
from readers import UnreadableDocument, read_document
from readers.pdf import Word, column_order, rotated_words

HERE = Path(__file__).parent
GOLD = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))


@functools.cache
def read(name: str) -> Document:
    """One reading per held-out PDF for the extraction and layout tests (none changes it)."""
    return read_document(HERE / name)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_every_code_matches_gold(name: str) -> None:
    extraction = extract_from_document(read(name)).to_dict()  # extract_path, with the reading shared
    found: dict[str, dict] = {}
    for indicator in extraction["indicators"]:
        if indicator["code"]:
            found.setdefault(indicator["code"], indicator)
    wrong = {}
    for code, want in GOLD[name]["indicators"].items():
        got = found.get(code, {"value": None, "rate": None})
        if got["value"] != want["value"] or got["rate"] != pytest.approx(want["rate"]):
            wrong[code] = (want["value"], want["rate"], got["value"], got["rate"])
    assert wrong == {}
    assert extraction["province"] == GOLD[name]["province"]


@pytest.mark.slow  # OCR of a scanned page
def test_scan_is_read_by_ocr_or_refused_with_vietnamese_reason() -> None:
    """A 50 dpi grey scan: OCR reads what it can, every block marked with its confidence;
    if it reads nothing, the refusal says why in Vietnamese."""
    try:
        document = read_document(HERE / "scan_no_text.pdf")
    except UnreadableDocument as refused:
        assert "không có lớp chữ" in str(refused)
        return
    locations = [loc for text, loc in document.iter_text() if text.strip()]
    assert locations and all(loc.confidence is not None and loc.page for loc in locations)


def test_two_column_body_reads_column_by_column() -> None:
    texts = [b.text for b in read("lo_two_col_body.pdf").blocks if not isinstance(b, Table)]
    first = next(i for i, t in enumerate(texts) if t.startswith("1. Thực hiện Công văn"))
    assert texts[first + 1].startswith("KHCNTT ngày")
    assert texts.index("Phụ lục 2") > max(i for i, t in enumerate(texts) if t.startswith("4. Thực hiện"))


@pytest.mark.parametrize("name", ["rl_rotated_header.pdf", "rl_nfd_text.pdf", "rl_glyph_printer.pdf"])
def test_header_row_reads_as_words(name: str) -> None:
    table = next(b for b in read(name).blocks if isinstance(b, Table))
    header = [c.text for c in table.rows[0]]
    assert header == ["STT", "Nội dung", "Số lượng", "Tỉ lệ (%)"]
    assert all(unicodedata.is_normalized("NFC", c.text) for row in table.rows for c in row)


def _char(text: str, top: float, bottom: float, x0: float = 100.0, up: bool = True) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + 10, "top": top, "bottom": bottom,
            "matrix": (0.0, 1.0 if up else -1.0, -1.0 if up else 1.0, 0.0, 0.0, 0.0)}


@pytest.mark.parametrize(("chars", "expected"), [
    # bottom-to-top, glyphs abutting, a gap of a quarter glyph height is a space
    ([_char("T", 496, 502), _char("ỉ", 493, 496), _char("l", 487, 490), _char("ệ", 481, 487)], ["Tỉ lệ"]),
    # top-to-bottom text (matrix turned the other way)
    ([_char("S", 10, 16, up=False), _char("T", 16, 22, up=False), _char("T", 22, 28, up=False)], ["STT"]),
    # two columns of turned text stay two words; a gap over a glyph height splits a run
    ([_char("A", 50, 56, x0=10), _char("B", 50, 56, x0=200), _char("C", 20, 26, x0=200)], ["A", "B", "C"]),
])
def test_rotated_words(chars: list[dict], expected: list[str]) -> None:
    assert sorted(w.text for w in rotated_words(chars)) == sorted(expected)


def _piece(x0: float, x1: float, top: float, text: str = "w") -> list[Word]:
    return [Word(text, x0, top, x1, top + 10)]


def test_column_order_reads_left_column_first_and_stops_at_a_full_width_paragraph() -> None:
    rows = [[_piece(90, 290, 100 + 12 * i, f"L{i}"), _piece(320, 520, 100 + 12 * i, f"R{i}")] for i in range(3)]
    rows.append([_piece(90, 200, 136, "L3")])  # the longer left column's last line
    rows.append([_piece(90, 140, 170, "Phụ lục 2")])  # after a paragraph gap: one column again
    order = [p[0].text for _, p in sorted(column_order(rows), key=lambda item: item[0])]
    assert order == ["L0", "L1", "L2", "L3", "R0", "R1", "R2", "Phụ lục 2"]


def test_column_order_keeps_short_letterhead_rows_in_place() -> None:
    rows = [[_piece(60, 200, 50, "UBND"), _piece(320, 540, 50, "CỘNG HÒA")], [_piece(200, 400, 80, "BÁO CÁO")]]
    order = [p[0].text for _, p in sorted(column_order(rows), key=lambda item: item[0])]
    assert order == ["UBND", "CỘNG HÒA", "BÁO CÁO"]


FOUR_COLUMN = [n for n in sorted(GOLD) if n.startswith(("lo_", "rl_")) and "template" not in n and n not in {
    "lo_outer_thick.pdf", "lo_landscape.pdf", "lo_merged_sections.pdf"}]


@pytest.mark.parametrize("name", [n for n in sorted(GOLD) if n.startswith("lo_")])
def test_closing_lines_are_paragraphs_not_a_table(name: str) -> None:
    blocks = read(name).blocks
    assert len([b for b in blocks if isinstance(b, Table)]) == 1
    assert [b.text for b in blocks[-2:]] == ["Nơi nhận: - Như trên; - Lưu: VT.", "GIÁM ĐỐC"]


@pytest.mark.parametrize("name", FOUR_COLUMN)
def test_one_table_with_one_row_per_line_and_closing_prose_outside(name: str) -> None:
    """Header + 9 section titles + 25 lines, split rows merged back, "Nơi nhận" not a row."""
    blocks = read(name).blocks
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert len(tables[0].rows) == (36 if "unit_column" in name else 35)  # two title rows
    assert any(isinstance(b, Table) is False and b.text.startswith("Nơi nhận") for b in blocks)
