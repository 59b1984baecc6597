"""Broken, empty, encrypted and unsupported files give a Vietnamese reason, never a traceback."""

from __future__ import annotations

import zipfile

import pytest

from readers import OLE_MAGIC, UnreadableDocument, UnsupportedFormat, read_document


def _zip_without_word_parts(path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "không phải tệp Word")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.docx", b"", "tệp rỗng"),
        ("empty.pdf", b"", "tệp rỗng"),
        ("empty.xlsx", b"", "tệp rỗng"),
        ("locked.docx", OLE_MAGIC + b"\x00" * 600, "mật khẩu"),
        ("locked.xlsx", OLE_MAGIC + b"\x00" * 600, "mật khẩu"),
        ("renamed.docx", b"<html>bao cao</html>", "bị hỏng"),
        ("renamed.xlsx", b"col1,col2\n1,2\n", "bị hỏng"),
        ("renamed.pdf", b"GIF89a....", "không phải PDF"),
        ("truncated.docx", b"PK\x03\x04" + b"\x00" * 40, "không đọc được tệp DOCX"),
        ("truncated.pdf", b"%PDF-1.4\n1 0 obj\n", "PDF"),
    ],
)
def test_unreadable_files(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument, match=reason):
        read_document(path)


def test_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "other.docx"
    _zip_without_word_parts(path)
    with pytest.raises(UnreadableDocument, match="không đọc được tệp DOCX"):
        read_document(path)


@pytest.mark.parametrize("name", ["report.wpd", "report.key", "report"])  # .doc/.xls: tests/readers/test_legacy.py
def test_unsupported_format(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"data")
    with pytest.raises(UnsupportedFormat):
        read_document(path)


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableDocument, match="không tìm thấy"):
        read_document(tmp_path / "absent.pdf")
