"""Readers: the only place that opens files.  Each returns a :class:`baocao.model.Document`.

Text is NFC-normalized here, at the boundary, so nothing downstream has to care whether a
report was typed with composed or decomposed Vietnamese diacritics.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from baocao.model import Document, Source


class ReaderError(Exception):
    """A file could not be read; ``reason`` is a short Vietnamese message for users."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class UnsupportedFormat(ReaderError):
    pass


class UnreadableDocument(ReaderError):
    pass


SUFFIX_FORMATS = {
    ".docx": "docx",
    ".pdf": "pdf",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".txt": "txt",
    ".md": "md",
    ".doc": "docx",  # legacy and OpenDocument formats: converted by readers.legacy first
    ".rtf": "docx",
    ".odt": "docx",
    ".xls": "xlsx",
    ".ods": "xlsx",
}
CONVERTED_SUFFIXES = frozenset({".doc", ".rtf", ".odt", ".xls", ".ods"})


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def detect_format(path: Path) -> str:
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormat(f"định dạng tệp không được hỗ trợ: {path.suffix or '(không có đuôi)'}")
    return fmt


OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # compound file: legacy .doc/.xls or encrypted OOXML


def check_signature(path: Path, fmt: str) -> None:
    """Refuse empty, encrypted and mislabeled files with a reason a user can act on.

    An encrypted .docx/.xlsx is not a zip at all but an OLE compound file; parsers would
    fail with an obscure "not a zip file", so we say what it is instead.
    """
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if not head.strip():
        raise UnreadableDocument("tệp rỗng, không có nội dung")
    if fmt in ("docx", "xlsx"):
        kind = "Word" if fmt == "docx" else "Excel"
        if head.startswith(OLE_MAGIC):
            raise UnreadableDocument(
                f"tệp {kind} được đặt mật khẩu hoặc là định dạng cũ (.doc/.xls); "
                f"hãy gỡ mật khẩu hoặc lưu lại dưới dạng .{fmt}"
            )
        if not head.startswith(b"PK"):
            raise UnreadableDocument(f"tệp {kind} bị hỏng hoặc không đúng định dạng .{fmt}")
    if fmt == "pdf" and b"%PDF" not in head:
        raise UnreadableDocument("tệp không phải PDF hợp lệ (thiếu phần đầu %PDF)")


def read_document(path: str | Path) -> Document:
    """Read any supported report file into the document model."""
    path = Path(path)
    fmt = detect_format(path)
    if not path.is_file():
        raise UnreadableDocument(f"không tìm thấy tệp: {path}")
    source = Source(path=str(path), sha256=sha256_of(path), format=fmt)  # type: ignore[arg-type]
    if path.suffix.lower() in CONVERTED_SUFFIXES:
        return _read_converted(path, source)
    return _read_native(path, source, fmt)


def _read_converted(path: Path, source: Source) -> Document:
    """Convert with LibreOffice into a private folder, then read the result natively."""
    import tempfile

    from readers.legacy import ConversionError, convert

    with open(path, "rb") as fh:
        if not fh.read(1024).strip():
            raise UnreadableDocument("tệp rỗng, không có nội dung")
    source.converted_from = path.suffix.lower()
    with tempfile.TemporaryDirectory(prefix="baocao-convert-") as workdir:
        try:
            converted = convert(path, Path(workdir))
        except ConversionError as exc:
            raise UnreadableDocument(str(exc)) from exc
        return _read_native(converted.path, source, source.format)


def _read_native(path: Path, source: Source, fmt: str) -> Document:
    document = _read_format(path, source, fmt)
    if fmt in ("txt", "md"):
        return document  # readers.decoding already judged the text's encoding
    from readers.legacy_text import convert_undeclared

    return convert_undeclared(document)


def _read_format(path: Path, source: Source, fmt: str) -> Document:
    try:
        check_signature(path, fmt)
        if fmt == "docx":
            from readers.docx import read_docx

            return read_docx(path, source)
        if fmt == "pdf":
            from readers.pdf import read_pdf

            _check_pdf_streams(path)
            return read_pdf(path, source)
        if fmt == "xlsx":
            from readers.xlsx import read_xlsx

            return read_xlsx(path, source)
        from readers.text import read_text

        return read_text(path, source)
    except ReaderError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure becomes a recorded reason
        raise UnreadableDocument(f"không đọc được tệp {fmt.upper()}: {type(exc).__name__}: {exc}") from exc


def _check_pdf_streams(path: Path) -> None:
    """Refuse a PDF whose compressed streams inflate past the bounds (see readers.bounds)."""
    from readers.bounds import StreamTooLarge, check_pdf_streams

    try:
        check_pdf_streams(path)
    except StreamTooLarge as exc:
        where = "các luồng dữ liệu nén" if exc.whole_file else "một luồng dữ liệu nén"
        raise UnreadableDocument(
            f"tệp PDF có {where} giải nén vượt {exc.limit >> 20} MB, nghi là bom giải nén; không xử lý"
        ) from exc
