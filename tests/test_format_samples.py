"""The format samples are what their gold's ``kind`` says (scripts/build_format_samples.py):
a golden score on a sample that lost its trap would prove nothing."""

from __future__ import annotations

import email
import email.policy
import zipfile
from pathlib import Path

import openpyxl
import pytest

REPORTS = Path(__file__).resolve().parents[1] / "samples" / "reports"
OLE = bytes.fromhex("D0CF11E0A1B11AE1")


def _xml(name: str, member: str) -> str:
    with zipfile.ZipFile(REPORTS / name) as archive:
        return archive.read(member).decode("utf-8")


@pytest.mark.parametrize("name", ["fmt_danang_doc.doc", "fmt_khanhhoa_doc.doc", "fmt_caobang_tcvn3.doc",
                                  "fmt_laocai_xls.xls"])  # fmt: skip
def test_legacy_samples_are_compound_files(name: str) -> None:
    assert (REPORTS / name).read_bytes()[:8] == OLE


def test_rtf_sample() -> None:
    assert (REPORTS / "fmt_dongnai_rtf.rtf").read_bytes().startswith(b"{\\rtf")


@pytest.mark.parametrize(("name", "font", "typed"), [
    ("fmt_dienbien_tcvn3.docx", ".VnTime", "B¸o c¸o"), ("fmt_angiang_vni.docx", "VNI-Times", "Baùo caùo")])  # fmt: skip
def test_encoded_samples_hold_legacy_text(name: str, font: str, typed: str) -> None:
    document = _xml(name, "word/document.xml")
    assert typed in document and "Báo cáo" not in document
    assert font in document + _xml(name, "word/styles.xml")


@pytest.mark.parametrize("name", ["fmt_hue_structure.docx", "fmt_thainguyen_structure.docx"])
def test_structure_samples_hide_figures(name: str) -> None:
    document = _xml(name, "word/document.xml")
    for marker in ("<w:sdt>", "showingPlcHdr", "FORMTEXT", "<w:del ", "<w:ins ", "mc:Fallback"):
        assert marker in document, marker
    assert document.count("<w:txbxContent>") >= 2  # the DrawingML box and its VML copy


@pytest.mark.parametrize("name", ["fmt_camau_rates.xlsx", "fmt_sonla_rates.xlsx"])
def test_xlsx_samples_have_formats_and_hidden_parts(name: str) -> None:
    workbook = openpyxl.load_workbook(REPORTS / name)
    assert [ws.title for ws in workbook.worksheets] == ["Hướng dẫn", "PL2 năm 2024", "PL2 năm 2025"]
    assert workbook.worksheets[1].sheet_state == ("hidden" if "camau" in name else "visible")
    sheet = workbook.worksheets[-1]
    assert sheet.column_dimensions["C"].hidden and any(d.hidden for d in sheet.row_dimensions.values())
    formats = {c.number_format for row in sheet.iter_rows() for c in row if isinstance(c.value, float)}
    assert formats & {"0.0%", "0.00%", "0.0", "0.00"}
    unrounded = [c.value for row in sheet.iter_rows() for c in row
                 if isinstance(c.value, float) and c.number_format in {"0.0%", "0.00%", "0.0", "0.00"}]  # fmt: skip
    assert any(round(v, 6) != round(v, 4) for v in unrounded)  # stored unrounded behind the format


def test_html_mail_sample_plain_copy_lost_the_rows() -> None:
    message = email.message_from_bytes((REPORTS / "fmt_hanoi_email.eml").read_bytes(), policy=email.policy.default)
    html = message.get_body(("html",)).get_content()
    plain = message.get_body(("plain",)).get_content()
    assert "<table" in html and "\t" not in plain


def test_tcvn3_pdf_text_layer_keeps_the_font_codes() -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(REPORTS / "fmt_dienbien_tcvn3.pdf"))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    assert "¸" in text and "á" not in text.replace("ã", "")  # "B¸o c¸o", no Unicode "Báo cáo"
