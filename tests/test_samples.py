"""The committed sample reports and their gold files are there, readable and consistent.

These tests guard the test data itself: a sample that no reader opens, a gold file with a
code the template does not have, or a gold file that drifted from the generator would make
every golden test downstream meaningless.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from gazetteer import load_csv, load_toml
from readers import read_document

REPO = Path(__file__).resolve().parents[1]
REPORTS = REPO / "samples" / "reports"
GOLD = REPO / "samples" / "gold"
sys.path.insert(0, str(REPO / "scripts"))
import build_samples  # noqa: E402  (a script, not a package)

EXPECTED_REPORTS = [
    "haiphong_report.docx",
    "haiphong_report.pdf",
    "nghean_5col.docx",
    "lamdong_prose.docx",
    "lamdong_prose.pdf",
    "cantho_merged.docx",
    "cantho_merged.pdf",
    "tuyenquang_appendix.xlsx",
    "thanhhoa_long.pdf",
    "binhdinh_former_name.docx",
    "quangtri_remarks.docx",
    "daklak_units.xlsx",
    "ministry_template_blank.docx",
]
TEMPLATE_CODES = [
    "1a", "1b", "1c", "1d", "2a", "2b", "2c", "2d", "3a", "3b", "3c", "4a", "5a", "5b",
    "6a", "7a", "8a", "8b", "8c", "8d", "8e", "9a", "9b", "9c", "9d",
]  # fmt: skip
GOLD_FILES = sorted(GOLD.glob("*.json"))
LAYOUTS = {"three_col", "five_col", "merged_rows", "prose", "remarks", "xlsx", "xlsx_units",
           "five_col_merged_wording", "year_groups"}  # fmt: skip


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def gold_reports(path: Path) -> list[dict]:
    """The report golds of a file: one, or each part of a merged file (kind "merged")."""
    gold = load_gold(path)
    return gold.get("parts", [gold])


# --- the files -------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXPECTED_REPORTS)
def test_sample_exists_and_is_small(name: str) -> None:
    path = REPORTS / name
    assert path.is_file(), f"missing sample {name}: run python scripts/build_samples.py"
    assert 1_000 < path.stat().st_size < 200 * 1024


@pytest.mark.parametrize("name", EXPECTED_REPORTS)
def test_sample_opens_with_project_reader(name: str) -> None:
    document = read_document(REPORTS / name)
    assert document.source.format == Path(name).suffix.lstrip(".")
    assert document.blocks, "reader returned no blocks"
    text = flat(document.full_text())
    assert "131/QĐ-TTg" in text
    assert "trực tuyến" in text


def test_every_report_has_gold_and_every_gold_has_report() -> None:
    report_stems = {p.stem for p in REPORTS.iterdir() if p.is_file()}
    gold_stems = {p.stem for p in GOLD_FILES}
    assert report_stems == gold_stems


# --- the gold files --------------------------------------------------------------------


def test_template_codes_match_catalog() -> None:
    catalog = [entry["code"] for entry in load_toml("indicators.toml")["indicator"]]
    assert catalog == TEMPLATE_CODES == build_samples.TEMPLATE_CODES


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_shape(path: Path) -> None:
    for gold in gold_reports(path):
        _check_gold_shape(gold)


def _check_gold_shape(gold: dict) -> None:
    assert list(gold["indicators"]) == TEMPLATE_CODES
    for code, reading in gold["indicators"].items():
        assert set(reading) == {"value", "rate"}, code
        value, rate = reading["value"], reading["rate"]
        assert value is None or (type(value) is int and value >= 0), (code, value)
        assert rate is None or (isinstance(rate, int | float) and 0 <= rate <= 100), (code, rate)
    assert all(isinstance(label, str) and label for label in gold["extra_lines"])
    assert gold["layout"] in LAYOUTS


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_province_is_a_current_unit(path: Path) -> None:
    for gold in gold_reports(path):
        _check_gold_province(gold)


def _check_gold_province(gold: dict) -> None:
    current = {row["name"] for row in load_csv("provinces.csv") if row["status"] == "current"}
    assert gold["province"] is None or gold["province"] in current
    former = gold.get("former_province")
    if former:
        rows = {row["name"]: row for row in load_csv("provinces.csv")}
        assert rows[former]["status"] == "former" and rows[former]["canonical"] == gold["province"]


def test_haiphong_gold_reads_the_seed_as_written() -> None:
    """Spot checks of the hand-written gold against the seed's oddities."""
    gold = load_gold(GOLD / "haiphong_report.json")["indicators"]
    assert gold["1c"] == {"value": 5300, "rate": 100.0}  # as written, although implausible
    assert gold["2a"] == {"value": 362942, "rate": 32.86}  # "32.86 %"
    assert gold["2c"] == {"value": 362942, "rate": 100.0}  # "Internet:\n đạt 362942 tỉ lệ: 100 %"
    assert gold["3c"] == {"value": None, "rate": 100.0}  # rate without a count
    assert gold["4a"] == {"value": 0, "rate": 0.0}  # a real zero is not missing
    assert gold["5a"] == {"value": None, "rate": 3.0}
    assert gold["8d"] == {"value": 1588, "rate": 100.0}  # "1588,đạt"
    assert gold["9b"] == {"value": 6987, "rate": 99.3}  # "99.3%"
    assert gold["9c"] == {"value": None, "rate": 90.0}
    seed = flat((REPO / "samples" / "seeds" / "001_haiphong_report.txt").read_text(encoding="utf-8"))
    for code, reading in gold.items():
        if reading["value"] is not None and reading["value"] > 999:
            written = {str(reading["value"]), f"{reading['value']:,}".replace(",", ".")}
            assert any(w in seed for w in written), (code, reading)


def test_blank_template_gold_is_all_null() -> None:
    gold = load_gold(GOLD / "ministry_template_blank.json")
    assert gold["province"] is None
    assert all(r == {"value": None, "rate": None} for r in gold["indicators"].values())


# --- generated variants: gold == generator, values consistent -------------------------


VARIANTS = {v.stem: v for v, _fmt, _header in build_samples.sample_variants()}


@pytest.mark.parametrize("stem", sorted(VARIANTS))
def test_committed_gold_matches_generator(stem: str) -> None:
    variant = build_samples.make_variant(VARIANTS[stem])
    expected = json.loads(json.dumps(build_samples.gold_of(variant)))
    assert load_gold(GOLD / f"{stem}.json") == expected


@pytest.mark.parametrize("stem", sorted(VARIANTS))
def test_generated_values_are_consistent(stem: str) -> None:
    gold = load_gold(GOLD / f"{stem}.json")["indicators"]

    def population(code: str) -> float | None:
        value, rate = gold[code]["value"], gold[code]["rate"]
        return value * 100 / rate if value is not None and rate else None

    assert gold["3b"]["value"] <= gold["3a"]["value"]
    for a, b in [("1a", "1c"), ("2a", "2c"), ("8a", "8d")]:  # same people, same total
        pa, pb = population(a), population(b)
        assert abs(pa - pb) / pa < 0.01, (a, b, pa, pb)
    for code in ("8b", "2a"):
        assert gold[code]["value"] <= population("2c") * 1.01


def test_generator_is_deterministic() -> None:
    first = build_samples.make_variant(build_samples.Variant("x", "Nghệ An", "tỉnh Nghệ An", "prose", "seed-1"))
    again = build_samples.make_variant(build_samples.Variant("x", "Nghệ An", "tỉnh Nghệ An", "prose", "seed-1"))
    assert build_samples.gold_of(first) == build_samples.gold_of(again)


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [(1002912, "vi", "1.002.912"), (412380, "en", "412,380"), (69511, "plain", "69511"), (470, "vi", "470")],
)
def test_count_formats(value: int, style: str, expected: str) -> None:
    assert build_samples.fmt_count(value, style) == expected


@pytest.mark.parametrize(
    ("rate", "style", "sign", "expected"),
    [(97.1, "vi", "%", "97,1%"), (99.3, "en", "%", "99.3%"), (81.9, "vi_sp", "%", "81,9 %"),
     (100.0, "vi", "%", "100%"), (32.86, "en", "", "32.86")],
)  # fmt: skip
def test_rate_formats(rate: float, style: str, sign: str, expected: str) -> None:
    assert build_samples.fmt_rate(rate, style, sign) == expected


# --- the layouts are what they claim to be ---------------------------------------------


def test_haiphong_docx_appendix_is_the_seed_table() -> None:
    doc = open_docx(REPORTS / "haiphong_report.docx")
    table = doc.tables[-1]
    assert len(table.columns) == 3
    header = [c.text for c in table.rows[0].cells]
    assert header[0] == "TT" and header[1] == "Nội dung triển khai" and header[2].startswith("Kết quả (số liệu)")
    section = table.rows[1]._tr
    assert section.tc_lst[1].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "2"  # merged title cell
    item1 = table.rows[2].cells[2]
    assert [p.text for p in item1.paragraphs][0] == "- Tổng số giáo viên có máy tính 51.608 đạt tỉ lệ: 97,1%"
    assert len(item1.paragraphs) == 4
    text = "\n".join(c.text for row in table.rows for c in row.cells)
    for oddity in ["5300 đạt", "32.86 %", "69511  đạt", "Internet:\n đạt 362942 tỉ lệ: 100 %",
                   "................................69511", "1588,đạt", "100.%", "99.3%", "cấp Phòng",
                   "tham gia sử dụng nền tảng, đạt tỉ lệ: 100 %", "đã cung cấp:0 đạt 0 tỉ lệ: 0%"]:
        assert oddity in text, oddity


def test_haiphong_docx_keeps_footnotes() -> None:
    with zipfile.ZipFile(REPORTS / "haiphong_report.docx") as package:
        notes = package.read("word/footnotes.xml").decode("utf-8")
        body = package.read("word/document.xml").decode("utf-8")
    assert "Nghị quyết số 52-NQ/TW" in notes and "Quyết định số 118/QĐ-SGDĐT" in notes
    assert body.count("<w:footnoteReference") == 12


def test_merged_rows_variant_has_vertical_merges() -> None:
    doc = open_docx(REPORTS / "cantho_merged.docx")
    xml = doc.tables[-1]._tbl.xml
    assert xml.count("<w:vMerge") > 20


def test_five_col_variant_has_separate_count_and_rate_columns() -> None:
    table = open_docx(REPORTS / "nghean_5col.docx").tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Nội dung", "Chỉ tiêu", "Số lượng", "Tỉ lệ (%)"]


def test_prose_variant_has_no_appendix_table() -> None:
    doc = open_docx(REPORTS / "lamdong_prose.docx")
    assert len(doc.tables) == 1  # only the header block
    assert sum(bool(re.match(r"[-+•] .*\d", p.text)) for p in doc.paragraphs) >= 20  # sub-lines as paragraphs


def test_xlsx_rates_are_percent_formatted_fractions() -> None:
    wb = openpyxl.load_workbook(REPORTS / "tuyenquang_appendix.xlsx")
    assert wb.sheetnames == ["Phụ lục 2", "Danh sách CSGD"]
    rates = [c for c in wb["Phụ lục 2"]["D"] if isinstance(c.value, float | int) and "%" in c.number_format]
    assert len(rates) >= 10 and all(0 <= c.value <= 1 for c in rates)


def test_xlsx_units_variant_has_cover_sheet_and_percent_numbers() -> None:
    wb = openpyxl.load_workbook(REPORTS / "daklak_units.xlsx")
    assert wb.sheetnames == ["Hướng dẫn", "Biểu 2"]  # the appendix is not the first sheet
    sheet = wb["Biểu 2"]
    assert [c.value for c in sheet[6]] == ["TT", "Chỉ tiêu", "Đơn vị tính", "Số lượng", "Tỷ lệ (%)"]
    rates = [c.value for c in sheet["E"][6:] if isinstance(c.value, float | int)]
    assert len(rates) >= 15 and max(rates) > 1  # 97.1 means 97.1 %, not a fraction


def test_remarks_variant_splits_the_appendix_table() -> None:
    doc = open_docx(REPORTS / "quangtri_remarks.docx")
    appendix = doc.tables[1:]
    assert len(appendix) == 2 and all(t.rows[0].cells[3].text == "Ghi chú" for t in appendix)
    assert any(p.text == "Phụ lục 2 (tiếp theo)" for p in doc.paragraphs)


@pytest.mark.slow  # pdfplumber table finding on every page of three PDFs
@pytest.mark.parametrize("name", ["haiphong_report.pdf", "thanhhoa_long.pdf", "cantho_merged.pdf"])
def test_pdf_appendix_table_spans_pages(name: str) -> None:
    import pdfplumber

    with pdfplumber.open(REPORTS / name) as pdf:
        pages_with_tables = [i for i, page in enumerate(pdf.pages) if page.find_tables()]
    assert len(pages_with_tables) >= 2
    assert pages_with_tables[-1] - pages_with_tables[-2] == 1  # consecutive: one table over a page break


# --- the seed reflow behind the Hải Phòng DOCX -----------------------------------------

LONG = "x" * 70  # a full-width line of the PDF dump


@pytest.mark.parametrize(
    ("lines", "paragraphs"),
    [
        ([f"{LONG} số 131/QĐ-", "TTg ngày 25/01/2022."], [f"{LONG} số 131/QĐ-TTg ngày 25/01/2022."]),
        ([f"a {LONG}", "b c."], [f"a {LONG} b c."]),  # wrapped line joins
        (["b) Khó khăn, hạn chế", "Trình độ tin học"], ["b) Khó khăn, hạn chế", "Trình độ tin học"]),  # short ends
        ([f"kết thúc {LONG};", "- gạch đầu dòng"], [f"kết thúc {LONG};", "- gạch đầu dòng"]),
        ([f"đoạn {LONG}", "<<TABLE>>", "Sau bảng."], [f"đoạn {LONG}", "<<TABLE>>", "Sau bảng."]),
    ],
)
def test_reflow(lines: list[str], paragraphs: list[str]) -> None:
    assert build_samples.reflow(lines) == paragraphs


def test_haiphong_seed_parse() -> None:
    seed = build_samples.parse_haiphong_seed(
        (REPO / "samples" / "seeds" / "001_haiphong_report.txt").read_text(encoding="utf-8")
    )
    assert sorted(seed.footnotes) == [1, 2, 3, 4, 6, 7, 8, 9]  # footnote 5 is empty in the seed
    assert seed.footnotes[1][0].startswith("Nghị quyết số 52-NQ/TW") and "43-NQ/TW" in seed.footnotes[1][0]
    text = "\n".join(seed.paragraphs)
    assert text.count("<<TABLE>>") == 1 and "QĐ- TTg" not in text
    assert seed.paragraphs[0].startswith("Thực hiện Quyết định số 131/QĐ-TTg ngày 25/01/2022")
    assert seed.paragraphs[-1] == "Uông Minh Long"
    assert "Phụ lục" not in seed.paragraphs[-1] and "https://" not in text.split("\n")[-20]
