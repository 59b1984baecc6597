"""One format detector (readers/formats.py): the bytes decide, the name only suggests."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from readers import UnreadableDocument, read_document
from readers.formats import OLE_MAGIC, TNEF_MAGIC, identify, identify_bytes, sniff

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "reports"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _ole(*streams: str) -> bytes:
    """An OLE2 header followed by directory entry names (UTF-16LE), as the real directory holds them."""
    return OLE_MAGIC + b"\x00" * 504 + b"".join(s.encode("utf-16-le") + b"\x00" * 40 for s in streams)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", "pdf"),
        (b"\xef\xbb\xbf%PDF-1.4", "pdf"),  # junk before the header: Acrobat reads it, so do we
        (_zip({"[Content_Types].xml": b"", "word/document.xml": b"<w/>"}), "docx"),
        (_zip({"[Content_Types].xml": b"", "xl/workbook.xml": b"<w/>"}), "xlsx"),
        (_zip({"ppt/presentation.xml": b""}), "pptx"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""}), "odt"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b""}), "ods"),
        (_zip({"bao-cao.docx": b"x"}), "zip"),
        (b"PK\x03\x04 truncated", "zip"),
        (_ole("Root Entry", "WordDocument", "1Table"), "doc"),
        (_ole("Root Entry", "Workbook"), "xls"),
        (_ole("Root Entry", "__substg1.0_0037001F"), "msg"),
        (_ole("Root Entry", "EncryptionInfo", "EncryptedPackage"), "encrypted"),
        (OLE_MAGIC + b"\x00" * 600, "ole"),
        (TNEF_MAGIC + b"\x01\x00", "tnef"),
        (b"{\\rtf1\\ansi\\deff0 bao cao}", "rtf"),
        (b"  <!DOCTYPE html><html><body>x</body></html>", "html"),
        (b"<html><body>bao cao</body></html>", "html"),
        (b"From sgddt@example.vn Mon Nov  3 08:00:00 2025\nSubject: x\n", "mbox"),
        (b"Received: from mx\nSubject: Bao cao\n\nbody", "eml"),
        ("Báo cáo số 12/BC-SGDĐT".encode(), None),
        (b"", None),
    ],
)
def test_identify_bytes(data: bytes, expected: str | None) -> None:
    assert identify_bytes(data) == expected


def test_identify_reads_a_file_like_its_bytes(tmp_path: Path) -> None:
    for sample, expected in (("haiphong_report.docx", "docx"), ("haiphong_report.pdf", "pdf"),
                             ("daklak_units.xlsx", "xlsx")):  # fmt: skip
        target = tmp_path / f"{expected}.bin"
        shutil.copyfile(SAMPLES / sample, target)
        assert identify(target) == expected
        assert sniff(target.read_bytes()[:4096]) in {"zip", "pdf"}


def _texts(document) -> list[str]:  # noqa: ANN001 - a Document
    return [block.text for block in document.paragraphs()]


@pytest.mark.parametrize(
    ("sample", "named", "read_as"),
    [("haiphong_report.docx", "bao-cao.pdf", "docx"), ("haiphong_report.pdf", "bao-cao.docx", "pdf"),
     ("daklak_units.xlsx", "bao-cao.docx", "xlsx")],
)  # fmt: skip
def test_a_renamed_file_is_read_by_its_content_and_said_so(tmp_path: Path, sample: str, named: str, read_as: str) -> None:
    renamed = tmp_path / named
    shutil.copyfile(SAMPLES / sample, renamed)
    document = read_document(renamed)
    assert document.source.format == read_as
    note = document.source.to_dict()["format_note"]
    assert Path(named).suffix in note and "thực chất là" in note
    assert _texts(document) == _texts(read_document(SAMPLES / sample))


def test_a_file_whose_name_is_right_carries_no_note() -> None:
    document = read_document(SAMPLES / "haiphong_report.docx")
    assert document.source.format_note is None and "format_note" not in document.source.to_dict()


@pytest.mark.parametrize(
    ("named", "data", "reason"),
    [
        ("locked.docx", _ole("Root Entry", "EncryptionInfo", "EncryptedPackage"), "mật khẩu"),
        ("page.docx", b"<html><body>bao cao</body></html>", "trang HTML, không phải tệp nén (zip)"),
        ("noise.docx", b"\x00\x01garbage" * 20, "không bắt đầu bằng chữ ký PK"),
        ("mail.xlsx", b"Received: from mx\nSubject: Bao cao\n\nbody", "thư điện tử"),
    ],
)
def test_a_docx_that_is_not_a_zip_gets_a_clear_reason(tmp_path: Path, named: str, data: bytes, reason: str) -> None:
    path = tmp_path / named
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument, match=re.escape(reason)):
        read_document(path)
